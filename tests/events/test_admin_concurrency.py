"""The board's forms against the programme's other writers, on PostgreSQL: each
check reads rows another transaction may be writing, so both writers take the row
the rule hangs on (the fair, then the session) before they check.

The moment a read-then-write race needs, the second writer checking before the first
commits, is made certain rather than left to the scheduler: the first writer's
transaction stays open until the second has finished or waits on one of its locks.
Checked once without the locks: each test failed, the second writer saving too.
"""

import datetime
import threading
import time

import pytest
from django.core import mail
from django.db import connection, transaction
from django.db.models import F
from django.test import Client

from events import services
from events.models import EventRegistration, MeetingRequest, SideEvent
from events.selectors import session_slots
from fairportal import personal_data
from fairportal.models import AuditEntry
from tests.events.conftest import at, registration_data, side_event_change_data
from tests.events.test_admin import _event_on_the_last_day
from tests.factories import make_exhibitor, make_meeting_request, make_registration, make_user
from tests.fairportal.test_admin import _fair_form

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _second_meanwhile(first, second, *, then=None):
    """Run `first` in a transaction and `second`, on another connection, once `first`
    has written; when `second` has finished or waits on `first`'s locks, run `then`
    (if any) in the same transaction and commit. A `second` that takes its rows in
    another order than `first` and `then` holds one that `then` needs: PostgreSQL
    reports a deadlock and kills one of them.
    Returns both outcomes (`then`'s, or else `first`'s; a result or the exception)."""
    connected, written, finished = threading.Event(), threading.Event(), threading.Event()
    second_pid = []
    outcomes = [None, None]

    def run_first():
        try:
            with transaction.atomic():
                outcomes[0] = first()
                written.set()
                _wait_until_finished_or_blocked(finished, second_pid[0])
                if then is not None:
                    outcomes[0] = then()
        except Exception as error:  # noqa: BLE001 - the test inspects every outcome
            outcomes[0] = error
        finally:
            written.set()
            connection.close()

    def run_second():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                second_pid.append(cursor.fetchone()[0])
            connected.set()
            written.wait(timeout=30)
            outcomes[1] = second()
        except Exception as error:  # noqa: BLE001 - the test inspects every outcome
            outcomes[1] = error
        finally:
            connected.set()
            finished.set()
            connection.close()

    threads = [threading.Thread(target=run_second), threading.Thread(target=run_first)]
    threads[0].start()
    connected.wait(timeout=30)
    threads[1].start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _wait_until_finished_or_blocked(finished, pid, timeout=30):
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while not finished.wait(0.02) and time.monotonic() < deadline:
            cursor.execute("SELECT pg_backend_pid() = ANY(pg_blocking_pids(%s))", [pid])
            if cursor.fetchone()[0]:
                return


def _board_client():
    client = Client()
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def _form_errors(response):
    assert response.status_code == 200, response
    return response.context["adminform"].form.errors


def _post_new_event(client, data):
    return client.post("/admin/events/sideevent/add/", data)


def _post_fair(client, fair, **changes):
    return client.post(f"/admin/events/fair/{fair.pk}/change/", {**_fair_form(fair, []), **changes})


def _events_outside_their_fair(fair):
    return [e.slug for e in fair.side_events.all() if e.outside_days(fair.starts_on, fair.ends_on)]


def test_an_event_added_while_the_fair_loses_its_last_day_is_a_form_error(fair, seminar):
    fair_admin, event_admin = _board_client(), _board_client()
    event_data = _event_on_the_last_day(event_admin, seminar)

    shortened, added = _second_meanwhile(
        lambda: _post_fair(fair_admin, fair, ends_on="21/09/2024"),
        lambda: _post_new_event(event_admin, event_data),
    )

    assert shortened.status_code == 302
    assert _form_errors(added) == {
        "starts_at": [
            "Sự kiện phải diễn ra trong các ngày của hội chợ, từ 20/09/2024 đến 21/09/2024."
        ]
    }
    fair.refresh_from_db()
    assert fair.ends_on == datetime.date(2024, 9, 21)
    assert _events_outside_their_fair(fair) == []
    assert not SideEvent.objects.filter(slug="hoi-thao-ngay-be-mac").exists()


def test_the_fair_losing_its_last_day_while_an_event_is_added_there_is_a_form_error(fair, seminar):
    fair_admin, event_admin = _board_client(), _board_client()
    event_data = _event_on_the_last_day(event_admin, seminar)

    added, shortened = _second_meanwhile(
        lambda: _post_new_event(event_admin, event_data),
        lambda: _post_fair(fair_admin, fair, ends_on="21/09/2024"),
    )

    assert added.status_code == 302
    assert _form_errors(shortened) == {
        "ends_on": [
            "Còn 1 sự kiện diễn ra ngoài các ngày mới (Hội thảo ngày bế mạc 22/09/2024): "
            "hãy dời hoặc xoá các sự kiện đó trước."
        ]
    }
    fair.refresh_from_db()
    assert fair.ends_on == datetime.date(2024, 9, 22)
    assert _events_outside_their_fair(fair) == []


def _meetings_off_their_session_grid(session):
    session.refresh_from_db()
    accepted = session.meeting_requests.filter(status=MeetingRequest.Status.ACCEPTED)
    if accepted and session.kind != SideEvent.Kind.BUSINESS_MATCHING:
        return list(accepted)
    return [m for m in accepted if m.slot_start not in session_slots(session)]


def test_a_meeting_accepted_while_its_session_loses_a_table_is_refused(session, exhibitor):
    # (A session moved, or turned into a seminar, under a waiting request's time is
    # refused whatever comes first: the request keeps its times.)
    make_meeting_request(
        session, make_exhibitor(), status="accepted", slot_start=at(14), table_number=1
    )
    meeting = make_meeting_request(session, exhibitor, proposed_slots=[at(14).isoformat()])
    event_admin = _board_client()
    data = side_event_change_data(
        event_admin, session, starts_at_1="14:00:00", ends_at_1="16:00:00", tables="1"
    )

    changed, accepted = _second_meanwhile(
        lambda: event_admin.post(f"/admin/events/sideevent/{session.pk}/change/", data),
        lambda: services.accept_meeting(meeting=meeting, slot_start=at(14), actor=None),
    )

    assert changed.status_code == 302
    assert isinstance(accepted, services.EventsError), accepted
    assert accepted.code == "no_table"
    assert str(accepted.message) == "Không còn bàn trống trong khung giờ này."
    meeting.refresh_from_db()
    assert (meeting.status, meeting.slot_start, meeting.table_number) == ("pending", None, None)
    assert not AuditEntry.objects.filter(action="meeting.accepted").exists()
    session.refresh_from_db()
    assert session.tables == 1


def test_a_session_moved_while_a_meeting_is_accepted_in_it_is_a_form_error(session, exhibitor):
    meeting = make_meeting_request(session, exhibitor, proposed_slots=[at(14).isoformat()])
    event_admin = _board_client()
    data = side_event_change_data(
        event_admin, session, starts_at_1="15:00:00", ends_at_1="17:00:00"
    )

    accepted, moved = _second_meanwhile(
        lambda: services.accept_meeting(meeting=meeting, slot_start=at(14), actor=None),
        lambda: event_admin.post(f"/admin/events/sideevent/{session.pk}/change/", data),
    )

    assert isinstance(accepted, MeetingRequest), accepted
    assert (accepted.status, accepted.slot_start, accepted.table_number) == ("accepted", at(14), 1)
    assert _form_errors(moved) == {
        "starts_at": [
            "1 cuộc gặp đã chốt (20/09/2024 14:00) không còn khớp các khung giờ mới: hãy giữ "
            "giờ và độ dài khung giờ cũ, hoặc huỷ các cuộc gặp đó trước."
        ]
    }
    assert _meetings_off_their_session_grid(session) == []
    assert (session.starts_at, session.ends_at) == (at(14), at(16))


def test_another_time_proposed_while_its_session_moves_is_refused(session, exhibitor):
    meeting = make_meeting_request(session, exhibitor, proposed_slots=[at(15).isoformat()])
    event_admin = _board_client()
    data = side_event_change_data(
        event_admin, session, starts_at_1="14:30:00", ends_at_1="16:30:00"
    )

    moved, proposed = _second_meanwhile(
        lambda: event_admin.post(f"/admin/events/sideevent/{session.pk}/change/", data),
        lambda: services.propose_other_slot(meeting=meeting, slot_start=at(14), actor=None),
    )

    assert moved.status_code == 302
    assert isinstance(proposed, services.EventsError), proposed
    assert proposed.code == "slot_outside_session"
    meeting.refresh_from_db()
    assert (meeting.proposed_slots, meeting.other_slot_proposed_at) == ([at(15).isoformat()], None)


def _late_registration(seminar):
    return lambda: services.register_attendee(
        event=seminar, data=registration_data(email="late@example.vn"), language="vi"
    )


def _mails_to(address):
    return [message.subject for message in mail.outbox if message.to == [address]]


def test_a_registration_arriving_while_the_event_is_cancelled_is_refused(seminar):
    cancelled, registered = _second_meanwhile(
        lambda: services.cancel_event(event=seminar, actor=None), _late_registration(seminar)
    )

    assert cancelled == services.EventCancellation(registrations=0, meetings=0)
    assert isinstance(registered, services.EventsError), registered
    assert registered.code == "cancelled"
    assert not EventRegistration.objects.exists()
    seminar.refresh_from_db()
    assert (seminar.seats_taken, seminar.registration_open) == (0, False)


def test_an_event_cancelled_while_a_registration_is_made_cancels_and_tells_it_too(seminar):
    registered, cancelled = _second_meanwhile(
        _late_registration(seminar), lambda: services.cancel_event(event=seminar, actor=None)
    )

    assert isinstance(registered, services.RegistrationResult), registered
    assert cancelled == services.EventCancellation(registrations=1, meetings=0)
    assert list(EventRegistration.objects.values_list("status", flat=True)) == ["cancelled"]
    seminar.refresh_from_db()
    assert seminar.seats_taken == 0
    assert _mails_to("late@example.vn") == [
        "Xác nhận đăng ký: Hội thảo chuỗi cung ứng linh kiện điện tử",
        "Sự kiện bị huỷ: Hội thảo chuỗi cung ứng linh kiện điện tử",
    ]


def test_a_meeting_request_arriving_while_its_session_is_cancelled_is_refused(session, exhibitor):
    def request():
        data = {
            "name": "Kim",
            "company": "Kim Industrial",
            "country": "KR",
            "email": "kim@example.kr",
            "phone": "+82212345678",
            "message": "Xin gặp.",
        }
        return services.request_meeting(
            exhibitor=exhibitor, session=session, data=data, slots=[at(14)], language="en"
        )

    cancelled, requested = _second_meanwhile(
        lambda: services.cancel_event(event=session, actor=None), request
    )

    assert cancelled == services.EventCancellation(registrations=0, meetings=0)
    assert isinstance(requested, services.EventsError), requested
    assert requested.code == "cancelled"
    assert not MeetingRequest.objects.exists()


# Lock order: the event's row, then its registrations' -------------------------------


def _lock_event_as_cancel_event(event):
    return lambda: SideEvent.objects.select_for_update().get(pk=event.pk)


def _lock_event_as_the_admin_form(event):
    return lambda: SideEvent.objects.select_for_update(no_key=True).get(pk=event.pk)


def _visitor_cancels(registration):
    return lambda: services.cancel_registration(registration=registration, by_visitor=True)


def _confirmed_seat(seminar, email):
    registration = make_registration(seminar, email=email, status="confirmed")
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=F("seats_taken") + 1)
    return registration


def test_a_visitor_cancelling_while_the_board_cancels_the_event_is_told_it_is_done(seminar):
    hoa = _confirmed_seat(seminar, "hoa@example.vn")

    cancelled, withdrawn = _second_meanwhile(
        _lock_event_as_cancel_event(seminar),
        _visitor_cancels(hoa),
        then=lambda: services.cancel_event(event=seminar, actor=None),
    )

    assert cancelled == services.EventCancellation(registrations=1, meetings=0)
    assert isinstance(withdrawn, services.EventsError), withdrawn
    assert withdrawn.code == "already_cancelled"
    hoa.refresh_from_db()
    seminar.refresh_from_db()
    assert (hoa.status, seminar.seats_taken) == ("cancelled", 0)
    assert _mails_to("hoa@example.vn") == [
        "Sự kiện bị huỷ: Hội thảo chuỗi cung ứng linh kiện điện tử"
    ]


def test_a_visitor_cancelling_while_the_board_moves_the_event_is_told_the_move_then_cancels(
    seminar,
):
    hoa = _confirmed_seat(seminar, "hoa@example.vn")
    waiting = make_registration(seminar, email="minh@example.vn", status="waitlisted")
    SideEvent.objects.filter(pk=seminar.pk).update(capacity=1)
    event_admin = _board_client()
    data = side_event_change_data(
        event_admin, seminar, starts_at_1="10:00:00", ends_at_1="12:00:00"
    )

    moved, promoted = _second_meanwhile(
        _lock_event_as_the_admin_form(seminar),
        _visitor_cancels(hoa),
        then=lambda: event_admin.post(f"/admin/events/sideevent/{seminar.pk}/change/", data),
    )

    assert moved.status_code == 302
    assert [registration.email for registration in promoted] == ["minh@example.vn"]
    hoa.refresh_from_db()
    waiting.refresh_from_db()
    seminar.refresh_from_db()
    assert (hoa.status, waiting.status, seminar.seats_taken) == ("cancelled", "confirmed", 1)
    assert seminar.starts_at == at(10)
    assert _mails_to("hoa@example.vn") == [
        "Thay đổi thời gian, địa điểm: Hội thảo chuỗi cung ứng linh kiện điện tử",
        "Đã huỷ đăng ký: Hội thảo chuỗi cung ứng linh kiện điện tử",
    ]


def test_erasing_a_visitor_while_the_board_cancels_their_event_erases_them(seminar):
    _confirmed_seat(seminar, "hoa@example.vn")

    cancelled, erased = _second_meanwhile(
        _lock_event_as_cancel_event(seminar),
        lambda: personal_data.erase(email="hoa@example.vn", actor=None),
        then=lambda: services.cancel_event(event=seminar, actor=None),
    )

    assert cancelled == services.EventCancellation(registrations=1, meetings=0)
    assert erased == {
        "registrations": 1,
        "meeting_requests": 0,
        "booth_applications": 0,
        "user_accounts": 0,
        "audit_entries": 0,
    }
    assert not EventRegistration.objects.exists()
    seminar.refresh_from_db()
    assert seminar.seats_taken == 0
