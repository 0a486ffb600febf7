"""The scarce things under real concurrency, many rounds in one test (PostgreSQL).

After every round the counters equal the rows they count: seats_taken is the number
of confirmed registrations, each booth holds one exhibitor, and each exhibitor slot
has at most one accepted meeting. (The booth rounds are in tests/booths/test_concurrency.py:
20 rounds, each booth given once, the assignments equal to the approved applications.)
"""

import datetime

import pytest
from django.db.models import Count

from events import services
from events.models import EventRegistration, MeetingRequest, SideEvent
from tests.events.conftest import at, registration_data
from tests.events.test_concurrency import _run_together
from tests.factories import make_event, make_exhibitor, make_fair, make_meeting_request

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 10


def test_many_rounds_of_registrations_never_oversell_and_counters_match():
    fair = make_fair(is_current=True)
    for round_number in range(ROUNDS):
        capacity = 1 + round_number % 3
        event = make_event(fair, capacity=capacity, slug=f"vong-{round_number}")
        outcomes = _run_together(
            [
                lambda n=n, e=event, r=round_number: services.register_attendee(
                    event=e,
                    data=registration_data(email=f"k{r}-{n}@example.vn"),
                    language="vi",
                )
                for n in range(6)
            ]
        )
        assert [o for o in outcomes if isinstance(o, Exception)] == [], round_number
        event.refresh_from_db()
        confirmed = EventRegistration.objects.filter(event=event, status="confirmed").count()
        waitlisted = EventRegistration.objects.filter(event=event, status="waitlisted").count()
        assert (event.seats_taken, confirmed, waitlisted) == (capacity, capacity, 6 - capacity)
    for event in SideEvent.objects.all():
        assert event.seats_taken == event.registrations.filter(status="confirmed").count()
        assert event.seats_taken <= event.capacity


def test_many_rounds_of_slot_acceptances_accept_one_per_exhibitor_slot():
    fair = make_fair(is_current=True)
    session = make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        slug="ket-noi-nhieu-vong",
        starts_at=at(14),
        ends_at=at(16),
        tables=10,
    )
    slots = [at(14) + datetime.timedelta(minutes=30 * n) for n in range(4)]
    for round_number in range(ROUNDS):
        exhibitor = make_exhibitor()
        slot = slots[round_number % len(slots)]
        meetings = [make_meeting_request(session, exhibitor) for _ in range(5)]
        outcomes = _run_together(
            [
                lambda m=m, s=slot: services.accept_meeting(meeting=m, slot_start=s, actor=None)
                for m in meetings
            ]
        )
        accepted = [o for o in outcomes if isinstance(o, MeetingRequest)]
        refused = [o for o in outcomes if isinstance(o, services.SlotTaken)]
        assert (len(accepted), len(refused)) == (1, 4), (round_number, outcomes)
    per_slot = (
        MeetingRequest.objects.filter(status="accepted")
        .values("exhibitor", "slot_start")
        .annotate(n=Count("pk"))
    )
    assert len(per_slot) == ROUNDS
    assert {row["n"] for row in per_slot} == {1}
    tables = MeetingRequest.objects.filter(status="accepted").values("slot_start", "table_number")
    assert len({(row["slot_start"], row["table_number"]) for row in tables}) == ROUNDS
