"""The directory's facet index (exhibitors.facet_index) follows every change to what
it counts at once, as the pages built on it must: the page cache is off here, so what
the directory shows comes from the index and the database alone."""

import threading
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exhibitors import facet_index as fi
from exhibitors.facet_index import facet_index
from exhibitors.models import Exhibitor, IndustrialZone
from tests.factories import make_booth, make_exhibitor, make_fair, make_sector, make_zone

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def fair():
    fair = make_fair(is_current=True)
    zones = [make_zone(slug="kcn-a"), make_zone(slug="kcn-b")]
    sector = make_sector(slug="co-khi")
    for n in range(3):
        firm = make_exhibitor(slug=f"dn-{n}", zone=zones[0], origin_country="JP", sectors=[sector])
        make_booth(fair=fair, exhibitor=firm, code=f"A{n}")
    return fair


def facets(client, **params):
    response = client.get("/exhibitors/", params)
    assert response.status_code == 200
    facets = response.context["facets"]
    return {
        "count": facets["count"],
        "sectors": {o["value"]: o["count"] for o in facets["sectors"]},
        "zones": {o["value"]: o["count"] for o in facets["zones"]},
        "countries": {o["value"]: o["count"] for o in facets["countries"]},
    }


def test_a_firm_given_a_booth_is_counted_at_once(client, fair):
    assert facets(client)["count"] == 3
    newcomer = make_exhibitor(slug="moi", zone=make_zone(slug="kcn-c"), origin_country="KR")
    assert facets(client)["count"] == 3  # no booth yet: not in the directory

    make_booth(fair=fair, exhibitor=newcomer, code="B1")

    seen = facets(client)
    assert seen["count"] == 4
    assert seen["zones"]["kcn-c"] == 1
    assert seen["countries"] == {"JP": 3, "KR": 1}


def test_a_sector_added_or_removed_is_counted_at_once(client, fair):
    electronics = make_sector(slug="dien-tu")
    firm = Exhibitor.objects.get(slug="dn-0")
    assert "dien-tu" not in facets(client)["sectors"]

    firm.sectors.add(electronics)  # m2m_changed, no save of the firm
    assert facets(client)["sectors"]["dien-tu"] == 1
    assert facets(client, sector="dien-tu")["count"] == 1

    firm.sectors.remove(electronics)
    assert "dien-tu" not in facets(client)["sectors"]


def test_a_firm_moved_to_another_zone_or_unpublished_is_counted_at_once(client, fair):
    assert facets(client)["zones"] == {"kcn-a": 3}
    firm = Exhibitor.objects.get(slug="dn-1")
    firm.zone = IndustrialZone.objects.get(slug="kcn-b")
    firm.save()
    assert facets(client)["zones"] == {"kcn-a": 2, "kcn-b": 1}
    assert facets(client, zone="kcn-b")["count"] == 1

    firm.is_published = False
    firm.save()
    assert facets(client)["zones"] == {"kcn-a": 2}
    assert facets(client, country="JP")["count"] == 2


def test_a_sub_sector_counts_for_its_parent_once(client, fair):
    parent = make_sector(slug="nganh-cha")
    child = make_sector(slug="nganh-con", parent=parent)
    Exhibitor.objects.get(slug="dn-0").sectors.add(child)
    Exhibitor.objects.get(slug="dn-1").sectors.add(parent, child)  # counted once

    assert facets(client)["sectors"]["nganh-cha"] == 2
    assert facets(client, zone="kcn-b")["sectors"] == {}
    assert facets(client)["sectors"] == {"co-khi": 3, "nganh-cha": 2, "nganh-con": 2}
    assert facets(client, sector="nganh-cha")["count"] == 2


def test_another_fair_made_current_is_counted_at_once(client, fair):
    assert facets(client)["count"] == 3
    other = make_fair(is_current=False)
    make_booth(fair=other, exhibitor=make_exhibitor(slug="khac"), code="Z1")

    fair.is_current = False
    fair.save()
    other.is_current = True
    other.save()

    assert facets(client)["count"] == 1


def test_each_caller_gets_its_own_zone_and_sector_rows(fair):
    """A page marks counts and depths on its sector rows, and threads share the index:
    two requests at once must not write on the same rows."""
    index = facet_index(fair)
    first, second = index.sector_rows(), index.sector_rows()
    first[0].count = 99
    assert not hasattr(second[0], "count")
    assert index.zone_rows()[0] is not index.zone_rows()[0]
    assert facet_index(fair) is index  # kept while the catalogue stays


def test_an_older_request_does_not_throw_away_the_newer_index(fair, monkeypatch):
    """Two requests in flight across a change: one pinned before it (V), one after (V+1).
    The older one builds its own V index but must not replace the V+1 one, or every
    later request would build the index again."""
    version = {"v": 100}
    monkeypatch.setattr(fi, "public_data_version", lambda: (version["v"], 0.0))
    monkeypatch.setattr(fi, "_kept", None)
    fi.facet_index(fair)  # V=100 built
    version["v"] = 101
    newer = fi.facet_index(fair)  # a request pinned after the change: V+1 built
    version["v"] = 100
    fi.facet_index(fair)  # a slow request pinned before the change: rebuilds, takes the slot
    version["v"] = 101
    with CaptureQueriesContext(connection) as queries:
        again = fi.facet_index(fair)  # the next request at the current version
    assert again is newer and len(queries) == 0, f"rebuilt: {len(queries)} queries"


def test_threads_asking_while_the_index_is_built_wait_for_that_one(monkeypatch):
    """One build per change in a process, not one per thread that asks meanwhile."""
    builds = []

    def slow_build(fair):
        builds.append(threading.get_ident())
        time.sleep(0.2)  # the 4 queries on a 5,000-firm fair
        return object()

    monkeypatch.setattr(fi, "public_data_version", lambda: (555, 0.0))
    monkeypatch.setattr(fi, "_kept", None)
    monkeypatch.setattr(fi, "_build", slow_build)
    threads = [threading.Thread(target=fi.facet_index, args=(None,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(builds) == 1, f"{len(builds)} builds of the same index"


@pytest.mark.django_db(transaction=True)
def test_an_index_built_before_a_lost_commit_bump_is_dropped_after_its_age(fair):
    """public_data_changed bumps before the commit and again on commit (a plain,
    non-robust on_commit callback). An index another process builds in between holds
    the committed, older rows under the new version; if the commit-time bump does not
    run (an earlier on_commit callback raised: send_on_commit's SMTP send with
    fail_silently=False, a storage delete), that index is kept with no expiry, while a
    cached page would have expired after PUBLIC_CACHE_SECONDS: the index expires after
    INDEX_SECONDS."""
    from django.db import transaction

    from exhibitors.models import Exhibitor
    from fairportal.cache import public_data_version

    before = fi._build(fair)  # what another process reads while the transaction is open
    firm = Exhibitor.objects.filter(pk__in=before.everyone).first()

    def smtp_down():
        raise ConnectionRefusedError("smtp")

    with pytest.raises(ConnectionRefusedError):
        with transaction.atomic():
            transaction.on_commit(smtp_down)  # e.g. a mail registered first
            firm.is_published = False
            firm.save()  # bump #1 now, bump #2 on commit
            # the other reader, a moment before the index's age runs out
            fi._kept = ((public_data_version()[0], fair.pk), before, time.monotonic())
    assert firm.pk in fi.facet_index(fair).everyone  # the lost bump: stale, for a while

    kept = fi._kept
    fi._kept = (kept[0], kept[1], time.monotonic() - fi.INDEX_SECONDS - 1)
    assert firm.pk not in fi.facet_index(fair).everyone, "unpublished firm still counted"
