"""Scarce seats and meeting slots under real concurrency (PostgreSQL only: SQLite's
in-memory test database cannot run threads that wait on each other)."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from events import selectors, services
from events.models import EventRegistration, MeetingRequest, SideEvent
from fairportal.models import AuditEntry
from tests.events.conftest import at, registration_data
from tests.events.test_admin_concurrency import _second_meanwhile
from tests.factories import make_event, make_exhibitor, make_fair, make_meeting_request

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _run_together(functions):
    """Run each function in its own thread, released at once by a barrier."""
    barrier = threading.Barrier(len(functions))
    outcomes = [None] * len(functions)

    def worker(index, function):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = function()
        except Exception as error:  # noqa: BLE001 - the test inspects every outcome
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_simultaneous_registrations_never_oversell_the_last_seats():
    fair = make_fair(is_current=True)
    event = make_event(fair, capacity=25, slug="hoi-thao-dong-thoi")
    SideEvent.objects.filter(pk=event.pk).update(seats_taken=20)  # 5 seats left

    outcomes = _run_together(
        [
            lambda n=n: services.register_attendee(
                event=event, data=registration_data(email=f"khach{n}@example.vn"), language="vi"
            )
            for n in range(12)
        ]
    )

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    statuses = sorted(o.registration.status for o in outcomes)
    assert statuses == ["confirmed"] * 5 + ["waitlisted"] * 7
    event.refresh_from_db()
    assert event.seats_taken == 25
    confirmed = EventRegistration.objects.filter(event=event, status="confirmed").count()
    assert confirmed == 5  # plus the 20 seats taken before the test, as seats_taken says
    positions = sorted(o.waitlist_position for o in outcomes if o.waitlist_position)
    assert positions == [1, 2, 3, 4, 5, 6, 7]


def test_simultaneous_registrations_with_one_email_store_one():
    fair = make_fair(is_current=True)
    event = make_event(fair, capacity=10, slug="hoi-thao-trung-email")

    outcomes = _run_together(
        [
            lambda: services.register_attendee(
                event=event, data=registration_data(email="hoa@example.vn"), language="vi"
            )
            for _ in range(6)
        ]
    )

    successes = [o for o in outcomes if isinstance(o, services.RegistrationResult)]
    refused = [o for o in outcomes if isinstance(o, services.AlreadyRegistered)]
    assert (len(successes), len(refused)) == (1, 5)
    event.refresh_from_db()
    assert event.seats_taken == 1
    assert EventRegistration.objects.filter(event=event).count() == 1


def _matching_session():
    fair = make_fair(is_current=True)
    return make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        slug="ket-noi-dong-thoi",
        starts_at=at(14),
        ends_at=at(16),
        tables=10,
    )


def test_simultaneous_acceptances_of_one_exhibitor_slot_accept_one():
    session = _matching_session()
    exhibitor = make_exhibitor()
    meetings = [make_meeting_request(session, exhibitor) for _ in range(6)]

    outcomes = _run_together(
        [
            lambda m=m: services.accept_meeting(meeting=m, slot_start=at(14, 30), actor=None)
            for m in meetings
        ]
    )

    accepted = [o for o in outcomes if isinstance(o, MeetingRequest)]
    refused = [o for o in outcomes if isinstance(o, services.SlotTaken)]
    assert (len(accepted), len(refused)) == (1, 5)
    assert MeetingRequest.objects.filter(status="accepted").count() == 1


def test_simultaneous_acceptances_of_one_requester_with_two_exhibitors_accept_one():
    session = _matching_session()
    meetings = [
        make_meeting_request(session, make_exhibitor(), requester_email="tanaka@example.jp")
        for _ in range(4)
    ]

    outcomes = _run_together(
        [
            lambda m=m: services.accept_meeting(meeting=m, slot_start=at(15), actor=None)
            for m in meetings
        ]
    )

    accepted = [o for o in outcomes if isinstance(o, MeetingRequest)]
    assert len(accepted) == 1
    assert all(isinstance(o, services.SlotTaken) for o in outcomes if o not in accepted)
    assert MeetingRequest.objects.filter(status="accepted").count() == 1


def test_simultaneous_acceptances_of_different_exhibitors_get_different_tables():
    session = _matching_session()
    meetings = [make_meeting_request(session, make_exhibitor()) for _ in range(5)]

    outcomes = _run_together(
        [
            lambda m=m: services.accept_meeting(meeting=m, slot_start=at(14), actor=None)
            for m in meetings
        ]
    )

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    tables = sorted(MeetingRequest.objects.values_list("table_number", flat=True))
    assert tables == [1, 2, 3, 4, 5]


def test_the_same_meeting_request_sent_twice_at_once_is_stored_once():
    session = _matching_session()
    exhibitor = make_exhibitor()
    data = {
        "name": "Tanaka Hiroshi",
        "company": "Tanaka Trading",
        "country": "JP",
        "email": "tanaka@example.jp",
        "phone": "+81 3 1234 5678",
        "message": "Linh kiện quang học.",
    }

    outcomes = _run_together(
        [
            lambda: services.request_meeting(
                exhibitor=exhibitor, session=session, data=data, slots=[at(14)], language="vi"
            )
        ]
        * 4
    )

    refused = [o for o in outcomes if isinstance(o, services.EventsError)]
    assert MeetingRequest.objects.filter(exhibitor=exhibitor).count() == 1
    assert len(refused) == 3 and {error.code for error in refused} == {"duplicate"}


def test_an_acceptance_racing_a_proposal_of_another_time_lets_one_through():
    # Accepting the visitor's time while another representative proposes a new one:
    # either the meeting is agreed (and the proposal refused), or the proposal waits for
    # the visitor (and the acceptance is refused), never both.
    session = _matching_session()
    exhibitor = make_exhibitor()
    for round_number in range(10):
        meeting = make_meeting_request(session, exhibitor, proposed_slots=[at(14).isoformat()])

        accept, propose = _run_together(
            [
                lambda m=meeting: services.accept_meeting(meeting=m, slot_start=at(14), actor=None),
                lambda m=meeting: services.propose_other_slot(
                    meeting=m, slot_start=at(15, 30), actor=None
                ),
            ]
        )

        meeting.refresh_from_db()
        if isinstance(accept, MeetingRequest):
            assert isinstance(propose, services.EventsError), round_number
            assert propose.code == "not_pending"
            assert (meeting.status, meeting.proposed_slots) == ("accepted", [at(14).isoformat()])
            services.cancel_meeting(meeting=meeting)  # 14:00 free for the next round
        else:
            assert isinstance(propose, MeetingRequest), (round_number, propose)
            assert accept.code == "awaiting_visitor", (round_number, accept)
            assert (meeting.status, meeting.proposed_slots) == (
                "pending",
                [at(15, 30).isoformat()],
            )


def _confirmed_while_another_meeting_is_agreed(session, exhibitor, first_meeting):
    """The visitor confirms the 15:30 Canon proposed (in `session`, 30-minute slots) on
    one connection while `first_meeting` (another session, 15:15–16:15) is agreed on
    another: the first holds its transaction open until the confirmation has finished
    or waits on its locks."""
    meeting = make_meeting_request(
        session,
        exhibitor,
        requester_email="tanaka@example.jp",
        proposed_slots=[at(15, 30).isoformat()],
        other_slot_proposed_at=timezone.now(),
    )
    mail.outbox.clear()
    agreed, confirmed = _second_meanwhile(
        lambda: services.accept_meeting(meeting=first_meeting, slot_start=at(15, 15), actor=None),
        lambda: services.confirm_proposed_slot(meeting=meeting),
    )
    return meeting, agreed, confirmed


def _other_session(session):
    return make_event(
        session.fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        slug="ket-noi-nganh-quang-hoc",
        starts_at=at(14, 15),
        ends_at=at(16, 15),
        slot_minutes=60,
        tables=3,
    )


@pytest.mark.parametrize(
    "whose, code, message",
    [
        (
            "visitor",
            "requester_busy",
            "Giờ doanh nghiệp đề xuất, 20/09/2024 15:30–16:00, không còn chốt được: bạn đã có lịch "
            "gặp với TOTO Việt Nam lúc 20/09/2024 15:15–16:15.",
        ),
        (
            "company",
            "proposal_taken",
            "Giờ doanh nghiệp đề xuất, 20/09/2024 15:30–16:00, không còn chốt được: doanh nghiệp "
            "vừa có cuộc gặp khác vào giờ này.",
        ),
    ],
)
def test_confirming_a_proposal_while_an_overlapping_meeting_is_agreed_elsewhere_is_refused(
    session, exhibitor, whose, code, message
):
    # The other meeting is in another session whose slots start at other times: no
    # unique constraint sees the clash, only the check made under the sessions' locks.
    other_session = _other_session(session)
    if whose == "visitor":  # Tanaka meets TOTO 15:15–16:15
        first = make_meeting_request(
            other_session,
            make_exhibitor(name_vi="TOTO Việt Nam"),
            requester_email="tanaka@example.jp",
        )
    else:  # Canon meets Kim 15:15–16:15
        first = make_meeting_request(other_session, exhibitor, requester_email="kim@example.kr")

    meeting, agreed, confirmed = _confirmed_while_another_meeting_is_agreed(
        session, exhibitor, first
    )

    assert isinstance(agreed, MeetingRequest), agreed
    assert (agreed.status, agreed.slot_start) == ("accepted", at(15, 15))
    assert isinstance(confirmed, services.SlotTaken), confirmed
    assert (confirmed.code, str(confirmed.message)) == (code, message)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.slot_start, meeting.table_number) == ("pending", None, None)
    accepted = AuditEntry.objects.filter(action="meeting.accepted")
    assert [entry.object_id for entry in accepted] == [str(first.pk)]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [first.requester_email, *selectors.exhibitor_emails(first.exhibitor)]
    )


def test_a_meeting_agreed_while_the_visitor_confirms_an_overlapping_proposal_is_refused(
    session, exhibitor
):
    meeting = make_meeting_request(
        session,
        exhibitor,
        requester_email="tanaka@example.jp",
        proposed_slots=[at(15, 30).isoformat()],
        other_slot_proposed_at=timezone.now(),
    )
    toto = make_meeting_request(
        _other_session(session),
        make_exhibitor(name_vi="TOTO Việt Nam"),
        requester_email="tanaka@example.jp",
    )

    confirmed, agreed = _second_meanwhile(
        lambda: services.confirm_proposed_slot(meeting=meeting),
        lambda: services.accept_meeting(meeting=toto, slot_start=at(15, 15), actor=None),
    )

    assert isinstance(confirmed, MeetingRequest), confirmed
    assert (confirmed.status, confirmed.slot_start) == ("accepted", at(15, 30))
    assert isinstance(agreed, services.SlotTaken), agreed
    assert agreed.code == "slot_overlap"
    toto.refresh_from_db()
    assert (toto.status, toto.slot_start) == ("pending", None)
