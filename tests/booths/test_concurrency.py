"""No booth is ever given twice: reviewers approving at the same moment, on PostgreSQL.

Real threads, each with its own connection, released together by a barrier; many
rounds. Checked once against a read-then-write `_take_booths` (read the booth, see it
free, save it): with it all three reviewers "won" the booth in the first round and
this test failed, as it should.
"""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from booths import services
from booths.models import Booth, BoothApplication
from exhibitors.models import Exhibitor
from tests.factories import make_application, make_booth, make_fair, make_user, valid_tax_code

ROUNDS = 20
REVIEWERS = 3


def approve_together(applications, booth_pk, reviewers):
    barrier = threading.Barrier(len(applications))
    results = [None] * len(applications)

    def run(index):
        try:
            application = BoothApplication.objects.get(pk=applications[index].pk)
            booth = Booth.objects.get(pk=booth_pk)
            barrier.wait(timeout=30)
            services.approve_application(
                application=application, booths=[booth], reviewer=reviewers[index]
            )
            results[index] = "ok"
        except services.BoothTaken as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(applications))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_give_each_booth_once():
    fair = make_fair(is_current=True)
    reviewers = [make_user(is_staff=True) for _ in range(REVIEWERS)]
    seed = 50_000
    for round_number in range(ROUNDS):
        booth = make_booth(fair=fair, code=f"R{round_number:02d}", hall="R")
        applications = []
        for _ in range(REVIEWERS):
            seed += 1
            applications.append(
                make_application(
                    fair=fair,
                    tax_code=valid_tax_code(seed),
                    trading_name_vi=f"Công ty {seed}",
                    email=f"lienhe{seed}@example.vn",
                    email_confirmed_at=timezone.now(),
                )
            )

        results = approve_together(applications, booth.pk, reviewers)

        booth.refresh_from_db()
        winners = [app for app, result in zip(applications, results, strict=True) if result == "ok"]
        losers = [result for result in results if isinstance(result, services.BoothTaken)]
        assert len(winners) == 1, (round_number, results)
        assert len(losers) == REVIEWERS - 1, (round_number, results)
        winner = BoothApplication.objects.get(pk=winners[0].pk)
        assert booth.exhibitor_id == winner.exhibitor_id
        for error in losers:
            assert error.message == f"Gian {booth.code} đã được giao cho {booth.exhibitor.name_vi}."
        assert (
            BoothApplication.objects.filter(
                pk__in=[a.pk for a in applications], status="approved"
            ).count()
            == 1
        )

    assert Exhibitor.objects.count() == ROUNDS
    assert Booth.objects.filter(fair=fair, exhibitor__isnull=False).count() == ROUNDS
