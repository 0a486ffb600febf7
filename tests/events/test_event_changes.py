"""The board moves or cancels a side event: the people registered (and, for a
business-matching session, both sides of its meetings) are told, and the public pages
show it at once."""

import html

import pytest
from django.core import mail
from icalendar import Calendar

from events import selectors, services
from events.models import EventRegistration, MeetingRequest, SideEvent
from fairportal.models import AuditEntry
from tests.events.conftest import (
    at,
    calendar_of,
    registration_data,
    sequence,
    side_event_change_data,
)
from tests.events.test_meetings import SIGNATURE
from tests.factories import (
    make_event,
    make_exhibitor,
    make_meeting_request,
    make_registration,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def _register(event, email, language="vi", capture=None):
    """A registration made by the public service, and the .ics its mail carried (None
    for the waiting list)."""
    mail.outbox.clear()
    with capture(execute=True):
        result = services.register_attendee(
            event=event, data=registration_data(email=email), language=language
        )
    [message] = mail.outbox
    mail.outbox.clear()
    attachment = message.attachments[0] if message.attachments else None
    return result.registration, attachment


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _by_recipient() -> dict:
    return {message.to[0]: message for message in mail.outbox}


# Moving an event --------------------------------------------------------------


def test_moving_an_event_mails_each_live_registration_its_new_time_and_place(
    board, seminar, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _lan, lan_file = _register(seminar, "lan@example.vn", "en", capture)
    _register(seminar, "hoa@example.vn", "vi", capture)
    _register(seminar, "minh@example.vn", "vi", capture)  # the waiting list: seats are 2
    make_registration(seminar, email="gone@example.vn", status="cancelled")
    data = side_event_change_data(
        board,
        seminar,
        starts_at_1="10:00:00",
        ends_at_1="12:00:00",
        room_vi="Phòng hội thảo 2",
        room_en="Seminar room 2",
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = board.post(f"/admin/events/sideevent/{seminar.pk}/change/", data, follow=True)

    assert "Đã gửi thời gian, địa điểm mới cho 3 người đăng ký." in _messages(response)
    sent = _by_recipient()
    assert sorted(sent) == ["hoa@example.vn", "lan@example.vn", "minh@example.vn"]
    lan = sent["lan@example.vn"]
    assert lan.subject == "New time or place: Electronics components supply chain seminar"
    assert "Time: 20/09/2024, 10:00–12:00 (Hanoi time, UTC+7)\nVenue: Seminar room 2" in lan.body
    assert lan.body.rstrip().endswith(
        "The organisers of the Hanoi Industrial Zones Industrial Products Fair\n"
        "Hanoi Industrial and Export Processing Zones Authority"
    )
    assert "Before: 20/09/2024, 09:00–11:00, Seminar room 1" in lan.body
    method, vevent = calendar_of(lan.attachments[0])
    _method, first = calendar_of(lan_file)
    assert method == "PUBLISH"
    assert str(vevent["UID"]) == str(first["UID"]) == f"event-{seminar.pk}@hoicho.example.vn"
    assert (vevent.decoded("DTSTART"), vevent.decoded("DTEND")) == (at(10), at(12))
    assert str(vevent["LOCATION"]) == "Seminar room 2, Mê Linh Trade Center, Mê Linh, Hanoi"
    assert sequence(vevent) > sequence(first)
    hoa = sent["hoa@example.vn"]
    assert hoa.subject == (
        "Thay đổi thời gian, địa điểm: Hội thảo chuỗi cung ứng linh kiện điện tử"
    )
    assert "Thời gian: 20/09/2024, 10:00–12:00 (giờ Hà Nội)\nĐịa điểm: Phòng hội thảo 2" in hoa.body
    assert hoa.body.rstrip().endswith(SIGNATURE)
    assert len(hoa.attachments) == 1
    minh = sent["minh@example.vn"]
    assert minh.attachments == []  # no seat, no calendar entry to move
    assert "Bạn vẫn trong danh sách chờ" in minh.body
    entry = AuditEntry.objects.get(action="event.moved")
    assert entry.changes["told"] == 3


def test_moving_an_event_and_adding_seats_in_one_save_mails_the_promoted_once(
    board, seminar, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _register(seminar, "lan@example.vn", "vi", capture)
    _register(seminar, "hoa@example.vn", "vi", capture)
    _register(seminar, "minh@example.vn", "en", capture)  # waits: seats are 2
    _register(seminar, "tuan@example.vn", "vi", capture)  # waits, and still will
    data = side_event_change_data(
        board, seminar, starts_at_1="10:00:00", ends_at_1="12:00:00", capacity="3"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = board.post(f"/admin/events/sideevent/{seminar.pk}/change/", data, follow=True)

    assert _messages(response)[:2] == [
        "Đã gửi thời gian, địa điểm mới cho 4 người đăng ký.",
        "1 người trong danh sách chờ đã có chỗ.",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "hoa@example.vn",
        "lan@example.vn",
        "minh@example.vn",
        "tuan@example.vn",
    ]
    sent = _by_recipient()
    minh = sent["minh@example.vn"]
    assert minh.subject == "You have a place: Electronics components supply chain seminar"
    assert "Time: 20/09/2024, 10:00–12:00 (Hanoi time, UTC+7)\nVenue: Seminar room 1" in minh.body
    also_moved = "The organisers have also changed the event's time or place. New details:"
    assert also_moved in minh.body
    assert "Before: 20/09/2024, 09:00–11:00, Seminar room 1" in minh.body
    assert "waiting list" not in minh.body
    method, vevent = calendar_of(minh.attachments[0])
    assert method == "PUBLISH"
    assert (vevent.decoded("DTSTART"), vevent.decoded("DTEND")) == (at(10), at(12))
    for seated in ("lan@example.vn", "hoa@example.vn"):
        assert sent[seated].subject == (
            "Thay đổi thời gian, địa điểm: Hội thảo chuỗi cung ứng linh kiện điện tử"
        )
        assert "Chỗ của bạn vẫn được giữ." in sent[seated].body
    tuan = sent["tuan@example.vn"]
    assert "Bạn vẫn trong danh sách chờ" in tuan.body
    assert tuan.attachments == []
    statuses = dict(EventRegistration.objects.values_list("email", "status"))
    assert statuses["minh@example.vn"] == "confirmed"
    assert statuses["tuan@example.vn"] == "waitlisted"
    assert AuditEntry.objects.get(action="event.moved").changes["told"] == 4


def test_saving_an_event_without_moving_it_mails_nobody(
    board, seminar, django_capture_on_commit_callbacks
):
    _register(seminar, "lan@example.vn", "vi", django_capture_on_commit_callbacks)
    data = side_event_change_data(board, seminar, title_vi="Hội thảo chuỗi cung ứng (cập nhật)")

    with django_capture_on_commit_callbacks(execute=True):
        response = board.post(f"/admin/events/sideevent/{seminar.pk}/change/", data, follow=True)

    assert response.status_code == 200
    assert mail.outbox == []
    assert not any("địa điểm mới" in m for m in _messages(response))


@pytest.mark.parametrize("cancelled", [True, False], ids=["cancelled", "nobody registered"])
def test_moving_an_event_with_nobody_to_tell_says_nothing_of_telling(
    board, seminar, cancelled, django_capture_on_commit_callbacks
):
    if cancelled:
        make_registration(seminar, email="hoa@example.vn")
        services.cancel_event(event=seminar, actor=None)
        mail.outbox.clear()
    data = side_event_change_data(board, seminar, starts_at_1="10:00:00", ends_at_1="12:00:00")

    with django_capture_on_commit_callbacks(execute=True):
        response = board.post(f"/admin/events/sideevent/{seminar.pk}/change/", data, follow=True)

    assert response.status_code == 200
    assert not any("địa điểm mới" in message for message in _messages(response))
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action="event.moved").exists()
    seminar.refresh_from_db()
    assert seminar.starts_at == at(10)  # the change itself is saved (and audited as one)
    assert AuditEntry.objects.filter(action="admin.changed").count() == 1


def test_a_room_renamed_in_english_only_tells_the_english_readers(
    board, seminar, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _register(seminar, "lan@example.vn", "en", capture)
    _register(seminar, "hoa@example.vn", "vi", capture)
    data = side_event_change_data(board, seminar, room_en="Seminar room 1 (ground floor)")

    with django_capture_on_commit_callbacks(execute=True):
        response = board.post(f"/admin/events/sideevent/{seminar.pk}/change/", data, follow=True)

    assert "Đã gửi thời gian, địa điểm mới cho 1 người đăng ký." in _messages(response)
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]


def test_a_seat_cancelled_after_a_move_withdraws_the_moved_calendar_entry(
    board, seminar, django_capture_on_commit_callbacks
):
    lan, _file = _register(seminar, "lan@example.vn", "en", django_capture_on_commit_callbacks)
    data = side_event_change_data(board, seminar, starts_at_1="10:00:00", ends_at_1="12:00:00")
    with django_capture_on_commit_callbacks(execute=True):
        board.post(f"/admin/events/sideevent/{seminar.pk}/change/", data)
    [moved] = mail.outbox
    mail.outbox.clear()
    lan.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=lan)

    [cancelled] = mail.outbox
    _method, moved_event = calendar_of(moved.attachments[0])
    method, cancel_event = calendar_of(cancelled.attachments[0])
    assert method == "CANCEL"
    assert cancel_event.decoded("DTSTART") == at(10)
    assert sequence(cancel_event) > sequence(moved_event)


def test_a_sessions_room_with_agreed_meetings_is_kept(board, session, exhibitor):
    make_meeting_request(session, exhibitor, status="accepted", slot_start=at(15), table_number=2)
    data = side_event_change_data(
        board, session, starts_at_1="14:00:00", ends_at_1="16:00:00", room_vi="Sảnh B"
    )

    response = board.post(f"/admin/events/sideevent/{session.pk}/change/", data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "room_vi": [
            "Phiên này có 1 cuộc gặp đã chốt tại phòng này: không đổi phòng được. Hãy giữ "
            "phòng cũ, hoặc huỷ các cuộc gặp đó trước."
        ]
    }
    session.refresh_from_db()
    assert session.room_vi == "Khu kết nối B2B"


def test_a_sessions_missing_english_room_name_can_be_added_with_agreed_meetings(
    board, session, exhibitor
):
    SideEvent.objects.filter(pk=session.pk).update(room_en="")
    make_meeting_request(session, exhibitor, status="accepted", slot_start=at(15), table_number=2)
    data = side_event_change_data(
        board, session, starts_at_1="14:00:00", ends_at_1="16:00:00", room_en="B2B area"
    )

    response = board.post(f"/admin/events/sideevent/{session.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    session.refresh_from_db()
    assert session.room_en == "B2B area"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"starts_at_1": "14:15:00", "ends_at_1": "16:15:00"},
            "starts_at",
            "2 yêu cầu gặp đang chờ trả lời có giờ không còn thuộc các khung giờ mới: hãy "
            "trả lời hoặc từ chối các yêu cầu đó trước, hoặc giữ giờ và độ dài khung giờ cũ.",
        ),
        (
            {"starts_at_1": "14:00:00", "ends_at_1": "16:00:00", "slot_minutes": "20"},
            "starts_at",
            "1 yêu cầu gặp đang chờ trả lời có giờ không còn thuộc các khung giờ mới: hãy "
            "trả lời hoặc từ chối các yêu cầu đó trước, hoặc giữ giờ và độ dài khung giờ cũ.",
        ),
        (
            {"starts_at_1": "14:00:00", "ends_at_1": "16:00:00", "kind": "seminar"},
            "kind",
            "Phiên này có 2 yêu cầu gặp đang chờ trả lời: không đổi loại sự kiện được. Hãy "
            "trả lời hoặc từ chối các yêu cầu đó trước.",
        ),
    ],
    ids=["moved a quarter of an hour", "shorter slots", "turned into a seminar"],
)
def test_a_session_keeps_the_times_of_its_waiting_requests(
    board, session, exhibitor, changes, field, message
):
    # The visitor asked for 15:00 and 15:30; to another, the exhibitor proposed 14:00.
    make_meeting_request(
        session, exhibitor, proposed_slots=[at(15).isoformat(), at(15, 30).isoformat()]
    )
    make_meeting_request(
        session,
        make_exhibitor(),
        proposed_slots=[at(14).isoformat()],
        other_slot_proposed_at=at(8, day=1),
    )
    make_meeting_request(
        session, exhibitor, status="declined", proposed_slots=[at(14, 30).isoformat()]
    )
    data = side_event_change_data(board, session, **changes)

    response = board.post(f"/admin/events/sideevent/{session.pk}/change/", data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {field: [message]}
    session.refresh_from_db()
    assert (session.starts_at, session.slot_minutes, session.kind) == (
        at(14),
        30,
        "business_matching",
    )


def test_a_session_moved_with_its_waiting_requests_times_still_slots_is_saved(
    board, session, exhibitor
):
    make_meeting_request(session, exhibitor, proposed_slots=[at(15).isoformat()])
    data = side_event_change_data(board, session, starts_at_1="13:00:00", ends_at_1="16:00:00")

    response = board.post(f"/admin/events/sideevent/{session.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    session.refresh_from_db()
    assert session.starts_at == at(13)


# Cancelling an event ---------------------------------------------------------


def test_the_cancel_page_says_who_will_be_told(board, seminar):
    make_registration(seminar, status="confirmed")
    make_registration(seminar, status="confirmed")
    make_registration(seminar, status="waitlisted")
    make_registration(seminar, status="cancelled")

    response = board.get(f"/admin/events/sideevent/{seminar.pk}/cancel/")

    text = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert (
        "huỷ đăng ký của 2 người đã có chỗ và 1 người trong danh sách chờ, và gửi e-mail báo "
        "huỷ cho từng người bằng ngôn ngữ của họ; e-mail cho người đã có chỗ kèm tệp lịch xoá "
        "sự kiện khỏi lịch của họ;"
    ) in text
    seminar.refresh_from_db()
    assert seminar.cancelled_at is None  # nothing happens before the button


def test_the_event_page_links_to_its_cancellation(board, seminar):
    response = board.get(f"/admin/events/sideevent/{seminar.pk}/change/")

    assert f'href="/admin/events/sideevent/{seminar.pk}/cancel/"' in response.content.decode()


def test_cancelling_an_event_mails_every_live_registration_in_its_language(
    board, seminar, django_capture_on_commit_callbacks, settings
):
    capture = django_capture_on_commit_callbacks
    _lan, lan_file = _register(seminar, "lan@example.vn", "en", capture)
    _register(seminar, "hoa@example.vn", "vi", capture)
    _register(seminar, "minh@example.vn", "vi", capture)  # waiting
    make_registration(seminar, email="gone@example.vn", status="cancelled")

    with django_capture_on_commit_callbacks(execute=True):
        response = board.post(f"/admin/events/sideevent/{seminar.pk}/cancel/", follow=True)

    assert _messages(response) == [
        "Đã huỷ “Hội thảo chuỗi cung ứng linh kiện điện tử”. Số người đăng ký được báo: 3; "
        "số yêu cầu gặp bị huỷ (hai bên được báo): 0."
    ]
    seminar.refresh_from_db()
    assert seminar.cancelled_at is not None
    assert (seminar.registration_open, seminar.seats_taken) == (False, 0)
    statuses = dict(EventRegistration.objects.values_list("email", "status"))
    assert set(statuses.values()) == {"cancelled"}
    sent = _by_recipient()
    assert sorted(sent) == ["hoa@example.vn", "lan@example.vn", "minh@example.vn"]
    lan = sent["lan@example.vn"]
    assert lan.subject == "Event cancelled: Electronics components supply chain seminar"
    assert "we have to let you know that “Electronics components" in lan.body
    assert lan.reply_to == [settings.BOARD_EMAIL]
    method, vevent = calendar_of(lan.attachments[0])
    _method, first = calendar_of(lan_file)
    assert method == "CANCEL"
    assert str(vevent["UID"]) == str(first["UID"])
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert sequence(vevent) > sequence(first)
    hoa = sent["hoa@example.vn"]
    assert hoa.subject == "Sự kiện bị huỷ: Hội thảo chuỗi cung ứng linh kiện điện tử"
    assert "Đăng ký của bạn cũng được huỷ theo; bạn không cần đến dự." in hoa.body
    assert hoa.body.rstrip().endswith(SIGNATURE)
    assert "Danh sách chờ của sự kiện cũng được huỷ theo." in sent["minh@example.vn"].body
    assert AuditEntry.objects.filter(action="event.cancelled").count() == 1
    assert AuditEntry.objects.filter(action="registration.cancelled").count() == 3


def test_cancelling_an_event_sends_the_waiting_list_no_calendar_file(
    board, seminar, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _register(seminar, "lan@example.vn", "vi", capture)
    _register(seminar, "hoa@example.vn", "vi", capture)
    _minh, minh_file = _register(seminar, "minh@example.vn", "vi", capture)  # waiting
    _tuan, tuan_file = _register(seminar, "tuan@example.vn", "en", capture)  # waiting

    with django_capture_on_commit_callbacks(execute=True):
        board.post(f"/admin/events/sideevent/{seminar.pk}/cancel/")

    sent = _by_recipient()
    assert (minh_file, tuan_file) == (None, None)  # their mails had no calendar file
    minh, tuan = sent["minh@example.vn"], sent["tuan@example.vn"]
    assert (minh.attachments, tuan.attachments) == ([], [])
    assert "Danh sách chờ của sự kiện cũng được huỷ theo." in minh.body
    assert "Tệp lịch" not in minh.body
    assert "Its waiting list, with your place on it, is cancelled too." in tuan.body
    assert "calendar" not in tuan.body
    seated = sent["lan@example.vn"]
    method, _vevent = calendar_of(seated.attachments[0])
    assert method == "CANCEL"
    assert "Tệp lịch đính kèm sẽ xoá sự kiện này khỏi ứng dụng lịch của bạn." in seated.body


def test_cancelling_an_event_twice_says_so(board, seminar, django_capture_on_commit_callbacks):
    services.cancel_event(event=seminar, actor=None)

    response = board.post(f"/admin/events/sideevent/{seminar.pk}/cancel/", follow=True)

    assert _messages(response) == ["Sự kiện này đã được huỷ trước đó."]


@pytest.mark.parametrize(
    "now", [at(9), at(10), at(23, day=22)], ids=["at its start", "under way", "long over"]
)
def test_an_event_that_has_begun_is_not_cancelled_and_its_people_are_not_told(
    fair, seminar, fair_clock, now, django_capture_on_commit_callbacks
):
    came = make_registration(seminar, email="hoa@example.vn", attended_at=at(8, 50))
    fair_clock.set(now)

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(services.EventsError) as refused:
            services.cancel_event(event=seminar, actor=make_user(is_staff=True))

    assert refused.value.code == "started"
    assert str(refused.value.message) == (
        "Sự kiện này đã bắt đầu lúc 20/09/2024 09:00 nên không thể huỷ nữa."
    )
    came.refresh_from_db()
    seminar.refresh_from_db()
    assert (came.status, seminar.cancelled_at) == ("confirmed", None)
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action__endswith=".cancelled").exists()


def test_the_page_of_an_event_that_has_begun_offers_no_cancellation(board, seminar, fair_clock):
    fair_clock.set(at(10))

    response = board.get(f"/admin/events/sideevent/{seminar.pk}/change/")

    page = response.content.decode()
    assert f"/admin/events/sideevent/{seminar.pk}/cancel/" not in page
    assert "Sự kiện đã bắt đầu: không huỷ được nữa." in page


def test_the_cancel_page_of_an_event_that_has_begun_says_why_and_has_no_button(
    board, seminar, fair_clock
):
    fair_clock.set(at(10))

    response = board.get(f"/admin/events/sideevent/{seminar.pk}/cancel/")

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Sự kiện này đã bắt đầu lúc 20/09/2024 09:00 nên không thể huỷ nữa." in page
    assert "Huỷ sự kiện và gửi e-mail" not in page


def test_cancelling_an_event_that_has_begun_from_its_page_says_why(board, seminar, fair_clock):
    fair_clock.set(at(10))

    response = board.post(f"/admin/events/sideevent/{seminar.pk}/cancel/", follow=True)

    assert _messages(response) == [
        "Sự kiện này đã bắt đầu lúc 20/09/2024 09:00 nên không thể huỷ nữa."
    ]
    seminar.refresh_from_db()
    assert seminar.cancelled_at is None


def test_a_cancelled_event_takes_no_registration(seminar):
    services.cancel_event(event=seminar, actor=None)

    with pytest.raises(services.EventsError) as refused:
        services.register_attendee(
            event=seminar, data=registration_data(email="late@example.vn"), language="vi"
        )

    assert refused.value.code == "cancelled"
    assert str(refused.value.message) == "Sự kiện này đã bị huỷ, không nhận đăng ký."
    assert not EventRegistration.objects.filter(email="late@example.vn").exists()


@pytest.mark.parametrize(
    ("prefix", "notice", "badge"),
    [
        (
            "",
            "Ban tổ chức đã huỷ sự kiện này nên không nhận đăng ký.",
            '<span class="badge badge-cancelled">Đã huỷ</span>',
        ),
        (
            "/en",
            "The organisers have cancelled this event, so it takes no registrations.",
            '<span class="badge badge-cancelled">Cancelled</span>',
        ),
    ],
)
def test_the_event_page_and_the_programme_show_a_cancelled_event(
    client, seminar, prefix, notice, badge
):
    services.cancel_event(event=seminar, actor=None)

    page = html.unescape(client.get(f"{prefix}/events/{seminar.slug}/").content.decode())
    programme = client.get(f"{prefix}/events/").content.decode()

    assert notice in page and badge in page
    assert 'name="email"' not in page
    assert badge in programme
    assert 'class="seats"' not in programme
    assert f'name="slug" value="{seminar.slug}"' not in page  # nothing to save to a plan


def test_a_cancelled_event_already_in_the_plan_can_still_be_taken_out(client, seminar):
    client.post("/plan/toggle/", {"kind": "event", "slug": seminar.slug, "intent": "add"})
    services.cancel_event(event=seminar, actor=None)

    page = client.get(f"/events/{seminar.slug}/").content.decode()

    assert f'name="slug" value="{seminar.slug}"' in page


def test_the_cached_programme_shows_the_cancellation_at_once(client, seminar):
    assert "còn 2 chỗ" in client.get("/events/").text
    assert client.get("/events/")["X-Cache"] == "hit"

    services.cancel_event(event=seminar, actor=None)
    page = client.get("/events/")

    assert page["X-Cache"] == "miss"
    assert "badge-cancelled" in page.text and "còn 2 chỗ" not in page.text


def test_the_calendars_mark_a_cancelled_event(client, seminar):
    services.cancel_event(event=seminar, actor=None)

    agenda = Calendar.from_ical(client.get("/events/agenda.ics").content)

    [vevent] = agenda.walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_cancelling_a_session_cancels_its_meetings_and_tells_both_sides(
    board, session, django_capture_on_commit_callbacks
):
    exhibitor = make_exhibitor(
        name_vi="Canon Việt Nam", name_en="Canon Vietnam", email="sales@canon.example.vn"
    )
    agreed = make_meeting_request(
        session,
        exhibitor,
        status="accepted",
        slot_start=at(15),
        table_number=2,
        requester_email="tanaka@example.jp",
        requester_company="Tanaka Trading",
        language="en",
    )
    waiting = make_meeting_request(
        session,
        exhibitor,
        requester_email="kim@example.kr",
        requester_company="Kim Industrial",
        proposed_slots=[at(14).isoformat()],
    )
    declined = make_meeting_request(session, exhibitor, status="declined")

    with django_capture_on_commit_callbacks(execute=True):
        response = board.post(f"/admin/events/sideevent/{session.pk}/cancel/", follow=True)

    assert "số yêu cầu gặp bị huỷ (hai bên được báo): 2." in _messages(response)[0]
    statuses = dict(MeetingRequest.objects.values_list("pk", "status"))
    assert statuses == {agreed.pk: "cancelled", waiting.pk: "cancelled", declined.pk: "declined"}
    to_visitors = {m.to[0]: m for m in mail.outbox if m.to != ["sales@canon.example.vn"]}
    to_company = [m for m in mail.outbox if m.to == ["sales@canon.example.vn"]]
    assert sorted(to_visitors) == ["kim@example.kr", "tanaka@example.jp"]
    assert len(to_company) == 2
    tanaka = to_visitors["tanaka@example.jp"]
    assert tanaka.subject == "Business matching session cancelled: Business matching day 1"
    assert "Your meeting with Canon Vietnam is cancelled as well." in tanaka.body
    method, vevent = calendar_of(tanaka.attachments[0])
    assert (method, str(vevent["UID"])) == ("CANCEL", f"meeting-{agreed.pk}@hoicho.example.vn")
    assert to_visitors["kim@example.kr"].attachments == []  # a request had no calendar file
    agreed_mail = next(m for m in to_company if "Tanaka Trading" in m.subject)
    assert "Giờ gặp: 20/09/2024, 15:00" in agreed_mail.body
    assert "bạn không cần chờ ở bàn" in agreed_mail.body
    assert agreed_mail.body.rstrip().endswith(SIGNATURE)
    assert selectors.offered_slots(fair=session.fair, exhibitor=exhibitor) == []


def test_a_cancelled_session_takes_no_meeting_request(session, exhibitor):
    services.cancel_event(event=session, actor=None)

    with pytest.raises(services.EventsError) as refused:
        services.request_meeting(
            exhibitor=exhibitor,
            session=session,
            data={
                "name": "Kim",
                "company": "Kim Industrial",
                "country": "KR",
                "email": "kim@example.kr",
                "phone": "+82212345678",
                "message": "Xin gặp.",
            },
            slots=[at(14)],
            language="en",
        )

    assert refused.value.code == "cancelled"


# Deleting an event -----------------------------------------------------------


def test_deleting_an_event_with_people_registered_is_refused_pointing_to_cancel(board, seminar):
    make_registration(seminar, status="confirmed")

    page = board.get(f"/admin/events/sideevent/{seminar.pk}/delete/")
    board.post(f"/admin/events/sideevent/{seminar.pk}/delete/", {"post": "yes"})
    board.post(
        "/admin/events/sideevent/",
        {"action": "delete_selected", "_selected_action": [seminar.pk], "post": "yes"},
    )

    assert (
        "“Hội thảo chuỗi cung ứng linh kiện điện tử” còn 1 người đăng ký và 0 yêu cầu gặp: "
        "hãy huỷ sự kiện (“Huỷ sự kiện và báo cho người đăng ký…” trên trang của sự kiện) "
        "thay vì xoá, để họ được báo."
    ) in html.unescape(page.content.decode())
    assert SideEvent.objects.filter(pk=seminar.pk).exists()
    assert EventRegistration.objects.filter(event=seminar).count() == 1


def test_deleting_an_event_in_the_english_admin_counts_each_in_english(board, seminar):
    make_registration(seminar, status="confirmed")

    page = board.get(f"/en/admin/events/sideevent/{seminar.pk}/delete/")

    assert page.context["protected"] == [
        f"“{seminar.title_en}” still has 1 person registered and 0 meeting requests: cancel "
        "the event instead (“Cancel the event and tell those registered…” on its page), so "
        "that they are told."
    ]


def test_deleting_a_session_with_meetings_is_refused(board, session, exhibitor):
    make_meeting_request(session, exhibitor)

    board.post(f"/admin/events/sideevent/{session.pk}/delete/", {"post": "yes"})

    assert SideEvent.objects.filter(pk=session.pk).exists()


def test_an_event_nobody_is_registered_for_is_deleted(board, fair):
    event = make_event(fair)
    make_registration(event, status="cancelled")

    board.post(f"/admin/events/sideevent/{event.pk}/delete/", {"post": "yes"})

    assert not SideEvent.objects.filter(pk=event.pk).exists()
