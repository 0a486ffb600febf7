import csv
import datetime
import html
import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail

from events import services
from events.models import EventRegistration, Fair, MeetingRequest, SideEvent
from fairportal.models import AuditEntry
from tests.events.conftest import at, calendar_of, registration_data, side_event_change_data
from tests.factories import (
    make_event,
    make_exhibitor,
    make_meeting_request,
    make_registration,
    make_sector,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(client):
    user = make_user(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_admin_side_event_page_shows_registrations_inline_and_read_only_seats(
    client, board, seminar
):
    make_registration(seminar, name="Lê Văn Cường")

    response = client.get(f"/admin/events/sideevent/{seminar.pk}/change/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Lê Văn Cường" in html
    assert 'name="seats_taken"' not in html


def test_admin_close_registration_action(client, board, seminar):
    response = client.post(
        "/admin/events/sideevent/",
        {"action": "close_registration", "_selected_action": [seminar.pk]},
    )

    seminar.refresh_from_db()
    assert response.status_code == 302
    assert seminar.registration_open is False
    assert AuditEntry.objects.get(action="event.registration_closed").actor == board


def test_admin_cancel_action_frees_seat_and_promotes(
    client, board, seminar, django_capture_on_commit_callbacks
):
    first = make_registration(seminar, status="confirmed")
    make_registration(seminar, status="confirmed")
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=2)
    waiting = make_registration(seminar, status="waitlisted")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/events/eventregistration/",
            {"action": "cancel_registrations", "_selected_action": [first.pk]},
        )

    first.refresh_from_db()
    waiting.refresh_from_db()
    seminar.refresh_from_db()
    assert (first.status, waiting.status, seminar.seats_taken) == ("cancelled", "confirmed", 2)
    assert AuditEntry.objects.get(action="registration.cancelled").actor == board


def test_admin_cancel_tells_the_visitor_the_board_cancelled_in_their_language(
    client, board, seminar, django_capture_on_commit_callbacks, settings
):
    registration = make_registration(seminar, status="confirmed", language="en")
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=1)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/events/eventregistration/",
            {"action": "cancel_registrations", "_selected_action": [registration.pk]},
        )

    [message] = mail.outbox
    assert message.to == [registration.email]
    assert message.subject == "Registration cancelled: Electronics components supply chain seminar"
    assert "The organisers have cancelled your registration" in message.body
    assert message.reply_to == [settings.BOARD_EMAIL]  # "reply to this e-mail" reaches them


def test_admin_refuses_to_delete_a_registration_holding_a_seat(client, board, seminar):
    registration = make_registration(seminar, name="Lê Văn Cường", email="cuong@example.vn")
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=1)

    response = client.post(
        f"/en/admin/events/eventregistration/{registration.pk}/delete/", {"post": "yes"}
    )

    seminar.refresh_from_db()
    assert (EventRegistration.objects.count(), seminar.seats_taken) == (1, 1)
    assert (
        "Lê Văn Cường &lt;cuong@example.vn&gt; is still registered for “Electronics "
        "components supply chain seminar” (Confirmed): cancel the registration (the "
        "“Cancel selected registrations (frees places for the waiting list)” action) "
        "instead of deleting it, so that the place is given back and the person is told. A "
        "cancelled registration can be deleted."
    ) in response.content.decode()


def test_admin_bulk_delete_refuses_live_registrations_and_deletes_cancelled_ones(
    client, board, seminar
):
    waiting = make_registration(seminar, status="waitlisted")
    cancelled = make_registration(seminar, status="cancelled")

    client.post(
        "/admin/events/eventregistration/",
        {
            "action": "delete_selected",
            "_selected_action": [waiting.pk, cancelled.pk],
            "post": "yes",
        },
    )
    client.post(
        "/admin/events/eventregistration/",
        {"action": "delete_selected", "_selected_action": [cancelled.pk], "post": "yes"},
    )

    assert list(EventRegistration.objects.values_list("pk", flat=True)) == [waiting.pk]


def test_admin_deletes_the_registrations_of_an_event_that_has_taken_place(
    client, board, seminar, fair_clock
):
    # Once the seminar is over no seat is to be given back and nobody waits for one:
    # cancelling first would only mail the attendee, and the waiting list a seat, for
    # an event gone by. Old registrations (personal data) can then be cleared.
    attended = make_registration(seminar, status="confirmed")
    waited = make_registration(seminar, status="waitlisted")
    fair_clock.set(at(12, day=21))

    client.post(
        "/admin/events/eventregistration/",
        {
            "action": "delete_selected",
            "_selected_action": [attended.pk, waited.pk],
            "post": "yes",
        },
    )

    assert EventRegistration.objects.count() == 0
    assert mail.outbox == []


def test_admin_marks_attendance(client, board, seminar):
    registration = make_registration(seminar, status="confirmed")

    client.post(
        "/admin/events/eventregistration/",
        {"action": "mark_attended", "_selected_action": [registration.pk]},
    )

    registration.refresh_from_db()
    assert registration.attended_at is not None
    assert AuditEntry.objects.filter(action="registration.attended").count() == 1


def test_admin_marking_attendance_says_which_selected_registrations_were_left(
    client, board, seminar
):
    seated = make_registration(seminar, status="confirmed")
    already = make_registration(seminar, status="confirmed", attended_at=at(9))
    waiting = make_registration(seminar, status="waitlisted")

    response = client.post(
        "/admin/events/eventregistration/",
        {"action": "mark_attended", "_selected_action": [seated.pk, already.pk, waiting.pk]},
        follow=True,
    )

    assert [(m.level_tag, m.message) for m in response.context["messages"]] == [
        ("info", "Đã đánh dấu 1 người có mặt."),
        (
            "warning",
            "2 đăng ký đã chọn không được đánh dấu: đã đánh dấu có mặt từ trước, đang trong "
            "danh sách chờ hoặc đã huỷ.",
        ),
    ]
    assert EventRegistration.objects.get(pk=already.pk).attended_at == at(9)


@pytest.mark.parametrize(
    ("people", "says"), [(1, "1 person marked as attended."), (2, "2 people marked as attended.")]
)
def test_admin_marking_attendance_in_english_counts_in_good_english(
    client, board, seminar, people, says
):
    selected = [make_registration(seminar, status="confirmed").pk for _ in range(people)]

    response = client.post(
        "/en/admin/events/eventregistration/",
        {"action": "mark_attended", "_selected_action": selected},
        follow=True,
    )

    assert [m.message for m in response.context["messages"]] == [says]


@pytest.mark.parametrize(
    ("prefix", "labels"),
    [
        ("", ["Hội thảo chuỗi cung ứng linh kiện điện tử", "Tham quan KCN Thăng Long"]),
        ("/en", ["Electronics components supply chain seminar", "Thang Long IP tour"]),
    ],
)
def test_admin_registrations_filter_by_event_lists_only_events_taking_registrations(
    client, board, seminar, session, prefix, labels
):
    make_event(
        seminar.fair,
        kind="tour",
        title_vi="Tham quan KCN Thăng Long",
        title_en="Thang Long IP tour",
        starts_at=at(13),
        ends_at=at(15),
    )

    response = client.get(f"{prefix}/admin/events/eventregistration/")

    [by_event] = [
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "field_path", "") == "event"
    ]
    assert [label for _pk, label in by_event.lookup_choices] == labels
    page = response.content.decode()
    assert f"?event__id__exact={seminar.pk}" in page
    assert f"?event__id__exact={session.pk}" not in page


def test_admin_exports_registrations_as_utf8_csv_with_bom(client, board, seminar):
    registration = make_registration(seminar, name="Đặng Thị Ánh", organisation="Công ty Điện tử")

    response = client.post(
        "/admin/events/eventregistration/",
        {"action": "export_csv", "_selected_action": [registration.pk]},
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["sự kiện", "họ và tên", "e-mail"]
    assert rows[1][:3] == [str(seminar), "Đặng Thị Ánh", registration.email]
    assert rows[1][5] == "Công ty Điện tử"
    assert rows[1][7] == "Đã xác nhận"


def test_admin_registration_status_is_read_only(client, board, seminar):
    registration = make_registration(seminar)

    html = client.get(f"/admin/events/eventregistration/{registration.pk}/change/").content.decode()

    assert 'name="status"' not in html


def test_admin_accepts_and_declines_meetings_through_services(client, board, session, exhibitor):
    first = make_meeting_request(session, exhibitor, proposed_slots=[at(14).isoformat()])
    second = make_meeting_request(
        session, exhibitor, proposed_slots=[at(14).isoformat(), at(15).isoformat()]
    )
    third = make_meeting_request(session, exhibitor)

    accepting = client.post(
        "/admin/events/meetingrequest/",
        {"action": "accept_first_free_slot", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    declining = client.post(
        "/admin/events/meetingrequest/",
        {"action": "decline", "_selected_action": [third.pk, first.pk]},
        follow=True,
    )

    rows = {m.pk: (m.status, m.slot_start, m.table_number) for m in MeetingRequest.objects.all()}
    assert rows[first.pk] == ("accepted", at(14), 1)
    assert rows[second.pk] == ("accepted", at(15), 1)
    assert rows[third.pk] == ("declined", None, None)
    assert AuditEntry.objects.filter(action="meeting.accepted", actor=board).count() == 2
    assert [(m.level_tag, m.message) for m in accepting.context["messages"]] == [
        ("success", "Đã nhận lời 2 yêu cầu.")
    ]
    assert [(m.level_tag, m.message) for m in declining.context["messages"]] == [
        ("warning", f"{first}: Yêu cầu này đã được trả lời."),
        ("success", "Đã từ chối 1 yêu cầu; khách được báo qua e-mail."),
    ]


def test_admin_meeting_list_and_page_show_the_meetings_time_range(
    client, board, session, exhibitor
):
    agreed = make_meeting_request(
        session,
        exhibitor,
        status="accepted",
        slot_start=at(14, 30),
        table_number=2,
        proposed_slots=[at(14, 30).isoformat(), at(15).isoformat()],
    )

    listing = client.get("/admin/events/meetingrequest/").content.decode()
    page = client.get(f"/en/admin/events/meetingrequest/{agreed.pk}/change/").content.decode()

    assert '<td class="field-meeting_time">14:30–15:00, 20/09/2024</td>' in listing
    assert "14:30–15:00, 20/09/2024; 15:00–15:30, 20/09/2024" in page
    assert '<div class="readonly">14:30–15:00, 20/09/2024</div>' in page


def test_admin_meeting_list_shows_every_empty_cell_with_the_admins_one_dash(
    client, board, session, exhibitor
):
    make_meeting_request(session, exhibitor)  # pending: no time, no table yet

    listing = client.get("/admin/events/meetingrequest/").content.decode()

    assert '<td class="field-meeting_time">—</td>' in listing
    assert '<td class="field-table_number">—</td>' in listing


def _waiting_on_tanaka(session, exhibitor):
    """A request from Tanaka Trading for 14:00, to which the company proposed 15:00."""
    waiting = make_meeting_request(
        session, exhibitor, requester_company="Tanaka Trading", proposed_slots=[at(14).isoformat()]
    )
    services.propose_other_slot(meeting=waiting, slot_start=at(15), actor=None)
    return waiting


def test_admin_accepting_a_time_proposed_to_another_visitor_says_so(
    client, board, session, exhibitor
):
    _waiting_on_tanaka(session, exhibitor)
    asking = make_meeting_request(session, exhibitor, proposed_slots=[at(15).isoformat()])

    response = client.post(
        "/admin/events/meetingrequest/",
        {"action": "accept_first_free_slot", "_selected_action": [asking.pk]},
        follow=True,
    )

    assert "giờ này doanh nghiệp đã đề xuất cho Tanaka Trading" in html.unescape(
        response.content.decode()
    )


def test_admin_accept_of_a_time_awaiting_the_visitor_is_reported_not_done(
    client, board, session, exhibitor
):
    waiting = _waiting_on_tanaka(session, exhibitor)
    asking = make_meeting_request(session, exhibitor, proposed_slots=[at(14).isoformat()])

    response = client.post(
        "/admin/events/meetingrequest/",
        {"action": "accept_first_free_slot", "_selected_action": [waiting.pk, asking.pk]},
        follow=True,
    )

    shown = [(m.level_tag, m.message) for m in response.context["messages"]]
    assert shown == [
        (
            "warning",
            "Tanaka Trading → Canon Việt Nam: Doanh nghiệp đã đề xuất giờ khác cho yêu cầu "
            "này; đang chờ khách xác nhận. Chỉ khách chốt được giờ đó.",
        ),
        ("success", "Đã nhận lời 1 yêu cầu."),
    ]
    rows = {m.pk: (m.status, m.slot_start) for m in MeetingRequest.objects.all()}
    assert rows == {waiting.pk: ("pending", None), asking.pk: ("accepted", at(14))}


def test_admin_matching_grid_shows_accepted_meetings_and_counts(client, board, session, exhibitor):
    sector = make_sector(name_vi="Cơ khí chế tạo")
    make_meeting_request(
        session,
        exhibitor,
        status="accepted",
        slot_start=at(14, 30),
        table_number=2,
        requester_company="Kim Industrial",
        sector=sector,
    )
    make_meeting_request(session, exhibitor, sector=sector)
    make_meeting_request(session, make_exhibitor(), status="declined")

    response = client.get(f"/admin/events/sideevent/{session.pk}/matching/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Canon Việt Nam" in html and "Kim Industrial" in html
    assert [
        f'<th scope="col">{hours}</th>' in html for hours in ("14:00–14:30", "15:30–16:00")
    ] == [
        True,
        True,
    ]
    assert '<th scope="row">Cơ khí chế tạo</th><td>2</td>' in html
    assert '<th scope="row">Chờ trả lời</th><td>1</td>' in html
    assert '<th scope="row">Tổng</th><td>3</td>' in html


def test_admin_matching_grid_exports_csv(client, board, session, exhibitor):
    make_meeting_request(
        session,
        exhibitor,
        status="accepted",
        slot_start=at(15),
        table_number=1,
        requester_company="Kim Industrial",
    )

    response = client.get(f"/admin/events/sideevent/{session.pk}/matching/?format=csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Doanh nghiệp",
        "14:00–14:30, 20/09/2024",
        "14:30–15:00, 20/09/2024",
        "15:00–15:30, 20/09/2024",
        "15:30–16:00, 20/09/2024",
    ]
    assert rows[1] == ["Canon Việt Nam", "", "", "Kim Industrial (bàn 1)", ""]


def test_admin_matching_grid_of_a_seminar_is_404(client, board, seminar):
    assert client.get(f"/admin/events/sideevent/{seminar.pk}/matching/").status_code == 404


def test_admin_matching_grid_needs_staff(client, session):
    response = client.get(f"/admin/events/sideevent/{session.pk}/matching/")

    assert response.status_code == 302


def test_admin_raising_capacity_promotes_waitlist(client, board, seminar):
    make_registration(seminar, status="confirmed")
    make_registration(seminar, status="confirmed")
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=2)
    waiting = make_registration(seminar, status="waitlisted")
    page = client.get(f"/admin/events/sideevent/{seminar.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "capacity": 3,
            "starts_at_0": "20/09/2024",
            "starts_at_1": "09:00:00",
            "ends_at_0": "20/09/2024",
            "ends_at_1": "11:00:00",
            "registration_open": "on",
            "registrations-TOTAL_FORMS": "3",
            "registrations-INITIAL_FORMS": "3",
            "registrations-MIN_NUM_FORMS": "0",
            "registrations-MAX_NUM_FORMS": "1000",
        }
    )
    for index, registration in enumerate(EventRegistration.objects.filter(event=seminar)):
        data[f"registrations-{index}-id"] = registration.pk
        data[f"registrations-{index}-event"] = seminar.pk
    data["fair"] = seminar.fair_id

    response = client.post(f"/admin/events/sideevent/{seminar.pk}/change/", data)

    waiting.refresh_from_db()
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert waiting.status == "confirmed"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"starts_at_0": "21/09/2099", "ends_at_0": "21/09/2099"},
            "starts_at",
            "Sự kiện phải diễn ra trong các ngày của hội chợ, từ 20/09/2024 đến 22/09/2024.",
        ),
        ({"capacity": "99999999999"}, "capacity", "Tối đa 10.000 chỗ."),
    ],
)
def test_admin_refuses_an_event_outside_the_fair_or_beyond_any_hall(
    client, board, seminar, changes, field, message
):
    before = SideEvent.objects.values_list("starts_at", "capacity").get(pk=seminar.pk)

    response = client.post(
        f"/admin/events/sideevent/{seminar.pk}/change/",
        side_event_change_data(client, seminar, **changes),
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field]), errors
    assert SideEvent.objects.values_list("starts_at", "capacity").get(pk=seminar.pk) == before


def _event_on_the_last_day(client, seminar):
    """The add form's data: a copy of `seminar` on 22/09/2024, the fair's last day."""
    return side_event_change_data(
        client,
        seminar,
        title_vi="Hội thảo ngày bế mạc",
        slug="hoi-thao-ngay-be-mac",
        starts_at_0="22/09/2024",
        ends_at_0="22/09/2024",
    )


def test_admin_adding_an_event_on_a_day_the_fair_no_longer_has_is_a_form_error(
    client, board, fair, seminar
):
    data = _event_on_the_last_day(client, seminar)
    Fair.objects.filter(pk=fair.pk).update(ends_on=datetime.date(2024, 9, 21))

    response = client.post("/admin/events/sideevent/add/", data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "starts_at": [
            "Sự kiện phải diễn ra trong các ngày của hội chợ, từ 20/09/2024 đến 21/09/2024."
        ]
    }
    assert not SideEvent.objects.filter(slug="hoi-thao-ngay-be-mac").exists()


def test_admin_cannot_write_a_requests_slots_around_the_services(client, board, session, exhibitor):
    meeting = make_meeting_request(session, exhibitor, proposed_slots=[at(14).isoformat()])
    url = f"/admin/events/meetingrequest/{meeting.pk}/change/"
    page = client.get(url)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}

    other_session = make_event(session.fair, kind="matching")
    other_exhibitor = make_exhibitor()

    client.post(
        url,
        {
            **data,
            "proposed_slots": '["garbage"]',
            "other_slot_proposed_at_0": "20/09/2024",
            "session": other_session.pk,
            "exhibitor": other_exhibitor.pk,
            "requester_company": "Tanaka Trading Co.",
        },
    )

    meeting.refresh_from_db()
    for name in ("proposed_slots", "other_slot_proposed_at", "session", "exhibitor"):
        assert name not in form.fields
    assert meeting.proposed_slots == [at(14).isoformat()]
    assert meeting.other_slot_proposed_at is None
    assert (meeting.session, meeting.exhibitor) == (session, exhibitor)
    assert (
        meeting.requester_company == "Tanaka Trading Co."
    )  # the requester's details stay editable
    assert "14:00–14:30, 20/09/2024" in page.content.decode()  # the slots read as times, not JSON


def _agreed_at_15_at_table_2(session, exhibitor):
    return make_meeting_request(
        session, exhibitor, status=MeetingRequest.Status.ACCEPTED, slot_start=at(15), table_number=2
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"starts_at_1": "14:10:00"},
            "starts_at",
            "1 cuộc gặp đã chốt (20/09/2024 15:00) không còn khớp các khung giờ mới",
        ),
        ({"slot_minutes": "25"}, "starts_at", "không còn khớp các khung giờ mới"),
        ({"ends_at_1": "15:00:00"}, "starts_at", "(20/09/2024 15:00)"),
        ({"tables": "1"}, "tables", "Bàn số 2 đang có cuộc gặp đã chốt: cần ít nhất 2 bàn."),
        ({"kind": SideEvent.Kind.SEMINAR}, "kind", "Phiên này có 1 cuộc gặp đã chốt"),
        # A length the database refuses is told as such (it once made the check loop).
        ({"slot_minutes": "0"}, "__all__", "Mỗi khung giờ gặp dài ít nhất 5 phút."),
        # Millions of minutes were a date beyond the calendar (a 500 on SQLite).
        ({"slot_minutes": "99999999999"}, "slot_minutes", "Mỗi lượt gặp dài tối đa 480 phút."),
        ({"slot_minutes": "9999999999999"}, "slot_minutes", "Mỗi lượt gặp dài tối đa 480 phút."),
        ({"tables": "99999999999"}, "tables", "Tối đa 1.000 bàn."),
    ],
)
def test_admin_keeps_a_sessions_agreed_meetings_on_its_grid(
    client, board, session, exhibitor, changes, field, message
):
    _agreed_at_15_at_table_2(session, exhibitor)
    data = side_event_change_data(
        client, session, **{"starts_at_1": "14:00:00", "ends_at_1": "16:00:00", **changes}
    )

    response = client.post(f"/admin/events/sideevent/{session.pk}/change/", data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field]), errors
    session.refresh_from_db()
    assert (session.tables, session.slot_minutes, session.kind) == (3, 30, "business_matching")


def test_admin_moves_a_session_whose_meetings_keep_their_slots(client, board, session, exhibitor):
    _agreed_at_15_at_table_2(session, exhibitor)
    data = side_event_change_data(
        client, session, starts_at_1="14:00:00", ends_at_1="17:00:00", tables="2"
    )

    response = client.post(f"/admin/events/sideevent/{session.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    session.refresh_from_db()
    assert session.tables == 2


def _change_form_data(client, url) -> dict:
    form = client.get(url).context["adminform"].form
    return {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}


def test_admin_giving_a_registration_an_e_mail_already_registered_is_a_form_error(
    client, board, seminar
):
    make_registration(seminar, email="lan@example.vn")
    other = make_registration(seminar, email="hoa@example.vn")
    url = f"/admin/events/eventregistration/{other.pk}/change/"

    response = client.post(url, {**_change_form_data(client, url), "email": "Lan@Example.VN"})

    other.refresh_from_db()
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "__all__": ["E-mail này đã đăng ký sự kiện này."]
    }
    assert other.email == "hoa@example.vn"


def test_admin_giving_a_meeting_the_e_mail_of_a_visitor_met_at_that_time_is_a_form_error(
    client, board, session, exhibitor
):
    make_meeting_request(
        session,
        exhibitor,
        status="accepted",
        slot_start=at(14),
        table_number=1,
        requester_email="lan@example.vn",
    )
    other = make_meeting_request(
        session,
        make_exhibitor(),
        status="accepted",
        slot_start=at(14),
        table_number=2,
        requester_email="hoa@example.vn",
    )
    url = f"/admin/events/meetingrequest/{other.pk}/change/"

    response = client.post(
        url, {**_change_form_data(client, url), "requester_email": "lan@example.vn"}
    )

    other.refresh_from_db()
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "__all__": ["Người đề nghị đã có cuộc gặp khác trong khung giờ này."]
    }
    assert other.requester_email == "hoa@example.vn"


def test_admin_finds_meeting_requests_by_company_without_accents(client, board, session, exhibitor):
    wanted = make_meeting_request(session, exhibitor, requester_company="Cơ khí Đông Á")
    make_meeting_request(session, exhibitor, requester_company="Tanaka Trading")

    response = client.get("/admin/events/meetingrequest/", {"q": "co khi dong a"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_admin_phone_of_a_registration_is_checked_and_stored_as_the_form_stores_it(
    client, board, seminar
):
    registration = make_registration(seminar, phone="+84912345678")
    url = f"/admin/events/eventregistration/{registration.pk}/change/"
    data = _change_form_data(client, url)

    refused = client.post(url, {**data, "phone": "12"})
    client.post(url, {**data, "phone": "0987 654 321", "zalo": "0912.345.678"})

    assert list(refused.context["adminform"].form.errors) == ["phone"]
    registration.refresh_from_db()
    assert (registration.phone, registration.zalo) == ("+84987654321", "+84912345678")


def test_admin_shows_and_exports_a_phone_typed_with_84_but_without_plus_as_plus_84(
    client, board, seminar
):
    client.logout()
    client.post(f"/events/{seminar.slug}/", registration_data(phone="84 91 234 5678"))
    client.force_login(board)
    registration = EventRegistration.objects.get()

    page = client.get(f"/admin/events/eventregistration/{registration.pk}/change/")
    export = client.post(
        "/admin/events/eventregistration/",
        {"action": "export_csv", "_selected_action": [registration.pk]},
    )

    assert page.context["adminform"].form["phone"].value() == "0912 345 678"
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][3] == "điện thoại"
    # Grouped as every exported list writes it: text in Excel, leading zero kept.
    assert rows[1][3] == "0912 345 678"


def test_admin_shows_a_registrations_phones_grouped_and_keeps_them_stored_as_e164(
    client, board, seminar
):
    registration = make_registration(seminar, phone="+84936118520", zalo="+842438811234")
    url = f"/admin/events/eventregistration/{registration.pk}/change/"

    vi = client.get(url).context["adminform"].form
    en = client.get(f"/en{url}").context["adminform"].form
    client.post(url, {**_change_form_data(client, url), "organisation": "Công ty Sông Hồng"})

    assert (vi["phone"].value(), vi["zalo"].value()) == ("0936 118 520", "024 3881 1234")
    assert (en["phone"].value(), en["zalo"].value()) == ("+84 936 118 520", "+84 24 3881 1234")
    registration.refresh_from_db()
    assert (registration.organisation, registration.phone, registration.zalo) == (
        "Công ty Sông Hồng",
        "+84936118520",
        "+842438811234",
    )


def test_admin_shows_a_buyers_phone_from_abroad_with_its_calling_code(
    client, board, session, exhibitor
):
    meeting = make_meeting_request(session, exhibitor, requester_phone="+81312345678")
    vietnamese = make_meeting_request(
        session, exhibitor, requester_country="VN", requester_phone="+84936118520"
    )

    abroad = client.get(f"/admin/events/meetingrequest/{meeting.pk}/change/")
    at_home = client.get(f"/admin/events/meetingrequest/{vietnamese.pk}/change/")

    assert abroad.context["adminform"].form["requester_phone"].value() == "+81 3 1234 5678"
    assert at_home.context["adminform"].form["requester_phone"].value() == "0936 118 520"


def test_admin_side_event_page_shows_the_registrations_phones_grouped(client, board, seminar):
    make_registration(seminar, phone="+84936118520")

    page = client.get(f"/admin/events/sideevent/{seminar.pk}/change/").content.decode()

    assert '<p><span class="phone-number">0936 118 520</span></p>' in page
    assert "+84936118520" not in page


def test_admin_phone_typed_with_84_but_without_plus_is_stored_as_plus_84(
    client, board, session, exhibitor
):
    meeting = make_meeting_request(session, exhibitor, requester_country="VN")
    url = f"/admin/events/meetingrequest/{meeting.pk}/change/"

    client.post(url, {**_change_form_data(client, url), "requester_phone": "84 24 3881 1234"})

    meeting.refresh_from_db()
    assert meeting.requester_phone == "+842438811234"


def test_admin_phone_typed_without_plus_is_read_as_the_requesters_countrys(
    client, board, session, exhibitor
):
    # The board copies the number from a Korean buyer's card, as the meeting form reads it.
    meeting = make_meeting_request(session, exhibitor, requester_country="KR")
    url = f"/admin/events/meetingrequest/{meeting.pk}/change/"

    client.post(url, {**_change_form_data(client, url), "requester_phone": "010-1234-5678"})

    meeting.refresh_from_db()
    assert meeting.requester_phone == "+821012345678"


def test_admin_phone_of_a_meeting_request_is_checked(client, board, session, exhibitor):
    meeting = make_meeting_request(session, exhibitor)
    url = f"/admin/events/meetingrequest/{meeting.pk}/change/"

    response = client.post(url, {**_change_form_data(client, url), "requester_phone": "abc"})

    assert list(response.context["adminform"].form.errors) == ["requester_phone"]
    meeting.refresh_from_db()
    assert meeting.requester_phone == "+81312345678"


def test_admin_change_to_a_meeting_request_is_audited_with_old_and_new_values(
    client, board, session, exhibitor
):
    meeting = make_meeting_request(session, exhibitor, requester_company="Tanaka Trading")
    url = f"/admin/events/meetingrequest/{meeting.pk}/change/"

    client.post(url, {**_change_form_data(client, url), "requester_company": "Tanaka Shoji"})

    entry = AuditEntry.objects.get(action="admin.changed", object_id=str(meeting.pk))
    assert entry.actor == board
    assert entry.changes == {
        "fields": {"requester_company": {"from": "Tanaka Trading", "to": "Tanaka Shoji"}}
    }


def test_admin_event_with_people_registered_cannot_become_a_matching_session(
    client, board, seminar
):
    make_registration(seminar, status="confirmed")
    make_registration(seminar, status="waitlisted")
    data = side_event_change_data(client, seminar, kind=SideEvent.Kind.BUSINESS_MATCHING)

    response = client.post(f"/admin/events/sideevent/{seminar.pk}/change/", data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "kind": [
            "Sự kiện này có 2 người đăng ký: không đổi thành phiên kết nối doanh nghiệp "
            "được. Hãy huỷ các đăng ký đó trước."
        ]
    }
    seminar.refresh_from_db()
    assert seminar.kind == SideEvent.Kind.SEMINAR


def test_admin_event_whose_registrations_are_all_cancelled_can_become_a_matching_session(
    client, board, seminar
):
    make_registration(seminar, status="cancelled")
    data = side_event_change_data(client, seminar, kind=SideEvent.Kind.BUSINESS_MATCHING)

    response = client.post(f"/admin/events/sideevent/{seminar.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    seminar.refresh_from_db()
    assert seminar.kind == SideEvent.Kind.BUSINESS_MATCHING


# Deleting a meeting request ----------------------------------------------------


def test_admin_refuses_to_delete_a_pending_meeting_request_pointing_to_decline(
    client, board, session, exhibitor, fair_clock
):
    fair_clock.set(at(9))
    pending = make_meeting_request(
        session, exhibitor, requester_company="Tanaka Trading", proposed_slots=[at(14).isoformat()]
    )

    page = client.get(f"/admin/events/meetingrequest/{pending.pk}/delete/")
    client.post(f"/admin/events/meetingrequest/{pending.pk}/delete/", {"post": "yes"})
    client.post(
        "/admin/events/meetingrequest/",
        {"action": "delete_selected", "_selected_action": [pending.pk], "post": "yes"},
    )

    assert page.context["protected"] == [
        "Tanaka Trading → Canon Việt Nam đang chờ trả lời: hãy từ chối yêu cầu (thao tác "
        "“Từ chối”) thay vì xoá, để khách được báo. Yêu cầu đã từ chối, đã huỷ hay đã qua "
        "thì xoá được."
    ]
    assert MeetingRequest.objects.filter(pk=pending.pk).exists()


def test_admin_english_refusal_to_delete_an_agreed_meeting_says_who_can_cancel_it(
    client, board, session, exhibitor, fair_clock
):
    fair_clock.set(at(9))
    agreed = make_meeting_request(
        session,
        exhibitor,
        requester_company="Tanaka Trading",
        requester_email="tanaka@example.jp",
        status="accepted",
        slot_start=at(14),
        table_number=1,
    )

    page = client.get(f"/en/admin/events/meetingrequest/{agreed.pk}/delete/")
    client.post(f"/en/admin/events/meetingrequest/{agreed.pk}/delete/", {"post": "yes"})

    assert page.context["protected"] == [
        "Tanaka Trading → Canon Vietnam is a meeting agreed for 14:00–14:30, 20/09/2024: "
        "cancel the meeting (action “Cancel the selected agreed meetings and tell both "
        "sides…”) instead of deleting it, so that both sides are e-mailed and neither waits "
        "for the other. A cancelled or past meeting can be deleted."
    ]
    assert MeetingRequest.objects.filter(pk=agreed.pk).exists()


def test_admin_deletes_meeting_requests_that_nobody_waits_for_any_more(
    client, board, session, exhibitor, fair_clock
):
    fair_clock.set(at(15, 30))
    declined = make_meeting_request(session, exhibitor, status="declined")
    cancelled = make_meeting_request(session, exhibitor, status="cancelled")
    met = make_meeting_request(
        session, exhibitor, status="accepted", slot_start=at(14), table_number=1
    )
    gone_by = make_meeting_request(session, exhibitor, proposed_slots=[at(15).isoformat()])
    waiting = make_meeting_request(
        session, exhibitor, proposed_slots=[at(15, 30).isoformat(), at(16).isoformat()]
    )
    agreed = make_meeting_request(
        session, exhibitor, status="accepted", slot_start=at(16), table_number=1
    )

    client.post(
        "/admin/events/meetingrequest/",
        {
            "action": "delete_selected",
            "_selected_action": [
                declined.pk,
                cancelled.pk,
                met.pk,
                gone_by.pk,
                waiting.pk,
                agreed.pk,
            ],
            "post": "yes",
        },
    )
    client.post(
        "/admin/events/meetingrequest/",
        {
            "action": "delete_selected",
            "_selected_action": [declined.pk, cancelled.pk, met.pk, gone_by.pk],
            "post": "yes",
        },
    )

    assert set(MeetingRequest.objects.values_list("pk", flat=True)) == {waiting.pk, agreed.pk}


# Cancelling agreed meetings -------------------------------------------------------


def _agreed(session, exhibitor, slot, **kwargs):
    return make_meeting_request(
        session,
        exhibitor,
        status="accepted",
        slot_start=slot,
        table_number=1,
        proposed_slots=[slot.isoformat()],
        **kwargs,
    )


def test_admin_cancels_the_selected_agreed_meetings_and_mails_both_sides(
    client, board, session, exhibitor, fair_clock, django_capture_on_commit_callbacks
):
    fair_clock.set(at(9))
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()
    english = _agreed(
        session,
        exhibitor,
        at(14),
        requester_name="Tanaka Hiroshi",
        requester_company="Tanaka Trading",
        requester_email="tanaka@example.jp",
        language="en",
    )
    kept = _agreed(session, exhibitor, at(15), requester_company="Kim Industrial")
    selected = {"action": "cancel_agreed_meetings", "_selected_action": [english.pk]}

    confirm = client.post("/admin/events/meetingrequest/", selected)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            "/admin/events/meetingrequest/",
            {**selected, "post": "yes", "reason": "Doanh nghiệp rút khỏi hội chợ."},
            follow=True,
        )

    assert "Tanaka Trading → Canon Việt Nam · 14:00–14:30, 20/09/2024" in html.unescape(
        confirm.content.decode()
    )
    assert MeetingRequest.objects.get(pk=english.pk).status == "cancelled"
    assert MeetingRequest.objects.get(pk=kept.pk).status == "accepted"
    assert [(m.level_tag, m.message) for m in done.context["messages"]] == [
        ("success", "Đã huỷ 1 cuộc gặp và gửi e-mail báo huỷ.")
    ]
    to_visitor, to_company = mail.outbox
    assert to_visitor.to == ["tanaka@example.jp"]
    assert to_visitor.subject == (
        "The organisers cancelled your meeting with Canon Vietnam: 20/09/2024 14:00–14:30"
    )
    assert "The organisers have cancelled your meeting with Canon Vietnam." in to_visitor.body
    assert "Reason: Doanh nghiệp rút khỏi hội chợ." in to_visitor.body
    assert to_company.to == ["contact@canon.example.vn"]
    assert (
        to_company.subject == "Ban tổ chức huỷ lịch gặp với Tanaka Trading: 20/09/2024 14:00–14:30"
    )
    assert (
        "Ban tổ chức đã huỷ cuộc gặp của doanh nghiệp bạn với Tanaka Hiroshi (Tanaka Trading)."
        in to_company.body
    )
    assert "Địa điểm: Khu kết nối B2B, bàn số 1" in to_company.body
    for message in (to_visitor, to_company):
        method, vevent = calendar_of(message.attachments[0])
        assert (method, str(vevent["STATUS"])) == ("CANCEL", "CANCELLED")
        assert message.reply_to == [settings.BOARD_EMAIL]
    entry = AuditEntry.objects.get(action="meeting.cancelled")
    assert entry.actor == board


def test_admin_cancel_warns_when_the_company_cannot_be_e_mailed(
    client, board, session, fair_clock, django_capture_on_commit_callbacks
):
    fair_clock.set(at(9))
    silent = make_exhibitor(name_vi="Cơ khí Đông Anh", email="")
    agreed = _agreed(session, silent, at(14), requester_company="Tanaka Trading")
    selected = {"action": "cancel_agreed_meetings", "_selected_action": [agreed.pk]}

    confirm = client.post("/admin/events/meetingrequest/", selected)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            "/admin/events/meetingrequest/", {**selected, "post": "yes"}, follow=True
        )

    assert "doanh nghiệp không có e-mail trên cổng: hãy gọi điện báo" in confirm.content.decode()
    assert [(m.level_tag, m.message) for m in done.context["messages"]] == [
        (
            "warning",
            "Tanaka Trading → Cơ khí Đông Anh: Cơ khí Đông Anh không có e-mail nào trên cổng "
            "nên chưa được báo; hãy gọi điện báo doanh nghiệp.",
        ),
        ("success", "Đã huỷ 1 cuộc gặp và gửi e-mail báo huỷ."),
    ]
    assert [message.to for message in mail.outbox] == [[agreed.requester_email]]


def test_admin_cancelled_meeting_frees_its_slot_for_another_visitor(
    client, board, session, exhibitor, fair_clock
):
    fair_clock.set(at(9))
    agreed = _agreed(session, exhibitor, at(14))
    waiting = make_meeting_request(session, exhibitor, proposed_slots=[at(14).isoformat()])

    client.post(
        "/admin/events/meetingrequest/",
        {"action": "cancel_agreed_meetings", "_selected_action": [agreed.pk], "post": "yes"},
    )
    services.accept_meeting(meeting=waiting, slot_start=at(14), actor=board)

    waiting.refresh_from_db()
    assert (waiting.status, waiting.slot_start, waiting.table_number) == ("accepted", at(14), 1)


def test_admin_refuses_to_cancel_meetings_not_agreed_and_says_why(
    client, board, session, exhibitor, fair_clock, django_capture_on_commit_callbacks
):
    fair_clock.set(at(9))
    pending = make_meeting_request(
        session, exhibitor, requester_company="Tanaka Trading", proposed_slots=[at(14).isoformat()]
    )
    declined = make_meeting_request(
        session, exhibitor, requester_company="Kim Industrial", status="declined"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/events/meetingrequest/",
            {"action": "cancel_agreed_meetings", "_selected_action": [pending.pk, declined.pk]},
            follow=True,
        )

    assert [(m.level_tag, m.message) for m in response.context["messages"]] == [
        (
            "warning",
            "Tanaka Trading → Canon Việt Nam: Chỉ huỷ được cuộc gặp đã chốt; yêu cầu này đang "
            "ở trạng thái “Chờ trả lời”. Yêu cầu đang chờ thì dùng thao tác “Từ chối”.",
        ),
        (
            "warning",
            "Kim Industrial → Canon Việt Nam: Chỉ huỷ được cuộc gặp đã chốt; yêu cầu này đang "
            "ở trạng thái “Từ chối”. Yêu cầu đang chờ thì dùng thao tác “Từ chối”.",
        ),
        ("warning", "Không có cuộc gặp nào bị huỷ."),
    ]
    statuses = dict(MeetingRequest.objects.values_list("pk", "status"))
    assert statuses == {pending.pk: "pending", declined.pk: "declined"}
    assert mail.outbox == []


def test_admin_cancel_leaves_a_meeting_whose_time_has_come(
    client, board, session, exhibitor, fair_clock
):
    fair_clock.set(at(14, 10))
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()
    begun = _agreed(session, exhibitor, at(14), requester_company="Tanaka Trading")
    later = _agreed(session, exhibitor, at(15), requester_company="Kim Industrial")
    selected = {"action": "cancel_agreed_meetings", "_selected_action": [begun.pk, later.pk]}

    confirm = client.post("/admin/events/meetingrequest/", selected)
    done = client.post("/admin/events/meetingrequest/", {**selected, "post": "yes"}, follow=True)

    assert [(m.pk, why) for m, why in confirm.context["left"]] == [(begun.pk, "đã đến giờ")]
    assert [(m.level_tag, m.message) for m in done.context["messages"]] == [
        (
            "warning",
            "Tanaka Trading → Canon Việt Nam: Cuộc gặp đã đến giờ nên không thể huỷ nữa.",
        ),
        ("success", "Đã huỷ 1 cuộc gặp và gửi e-mail báo huỷ."),
    ]
    statuses = dict(MeetingRequest.objects.values_list("pk", "status"))
    assert statuses == {begun.pk: "accepted", later.pk: "cancelled"}


def test_board_viewer_has_no_cancel_action(client, session, exhibitor, fair_clock):
    fair_clock.set(at(9))
    agreed = _agreed(session, exhibitor, at(14))
    viewer = make_user(is_staff=True)
    viewer.groups.add(Group.objects.get(name__contains="chỉ xem"))
    client.force_login(viewer)

    client.post(
        "/admin/events/meetingrequest/",
        {"action": "cancel_agreed_meetings", "_selected_action": [agreed.pk], "post": "yes"},
    )

    assert MeetingRequest.objects.get(pk=agreed.pk).status == "accepted"


def test_admin_finds_side_events_by_title_without_accents(client, board, fair, seminar):
    make_event(fair, title_vi="Tọa đàm: Chuyển đổi số", title_en="Panel: Going digital", slug="p1")
    make_event(fair, title_vi="Lễ khai mạc", title_en="Opening ceremony", slug="khai-mac")

    def titles(query):
        response = client.get("/admin/events/sideevent/", {"q": query})
        return sorted(event.title_vi for event in response.context["cl"].result_list)

    assert titles("hoi thao linh kien") == ["Hội thảo chuỗi cung ứng linh kiện điện tử"]
    assert titles("toa dam") == ["Tọa đàm: Chuyển đổi số"]
    assert titles("opening") == ["Lễ khai mạc"]


def _messages(response):
    return [(message.level_tag, str(message)) for message in response.context["messages"]]


def test_admin_cancel_action_that_cancels_nothing_warns_instead_of_reporting_done(
    client, board, seminar
):
    registration = make_registration(seminar, status="cancelled")

    response = client.post(
        "/admin/events/eventregistration/",
        {"action": "cancel_registrations", "_selected_action": [registration.pk]},
        follow=True,
    )

    said = _messages(response)
    assert said[-1] == ("warning", "Không có đăng ký nào bị huỷ.")
    assert not any("Đã huỷ 0" in text for _level, text in said)


def test_admin_decline_action_that_declines_nothing_does_not_say_visitors_were_emailed(
    client, board, session, exhibitor
):
    declined = make_meeting_request(session, exhibitor, status="declined")

    response = client.post(
        "/admin/events/meetingrequest/",
        {"action": "decline", "_selected_action": [declined.pk]},
        follow=True,
    )

    said = _messages(response)
    assert said[-1] == ("warning", "Không có yêu cầu nào bị từ chối.")
    assert mail.outbox == []


def test_admin_close_registration_of_closed_events_warns_that_nothing_was_closed(
    client, board, seminar
):
    SideEvent.objects.filter(pk=seminar.pk).update(registration_open=False)

    response = client.post(
        "/admin/events/sideevent/",
        {"action": "close_registration", "_selected_action": [seminar.pk]},
        follow=True,
    )

    assert _messages(response) == [
        ("warning", "Không có sự kiện nào được đóng đăng ký: các sự kiện đã chọn đã đóng từ trước.")
    ]
    assert not AuditEntry.objects.filter(action="event.registration_closed").exists()


def test_admin_decline_action_that_declines_nothing_warns_in_english(
    client, board, session, exhibitor
):
    declined = make_meeting_request(session, exhibitor, status="declined")

    response = client.post(
        "/en/admin/events/meetingrequest/",
        {"action": "decline", "_selected_action": [declined.pk]},
        follow=True,
    )

    assert _messages(response)[-1] == ("warning", "No request was declined.")


def test_board_viewer_sees_the_event_page_without_a_cancel_link_it_may_not_follow(client, seminar):
    viewer = make_user(is_staff=True)
    viewer.groups.add(Group.objects.get(name__contains="chỉ xem"))
    client.force_login(viewer)
    cancel_url = f"/admin/events/sideevent/{seminar.pk}/cancel/"

    page = client.get(f"/admin/events/sideevent/{seminar.pk}/change/").content.decode()

    assert client.get(cancel_url).status_code == 403
    assert cancel_url not in page
    assert "Huỷ sự kiện và báo cho người đăng ký" not in page
    assert "Chưa huỷ" in page


def test_admin_matching_grid_csv_keeps_a_visitors_formula_as_text(
    client, board, session, exhibitor
):
    make_meeting_request(
        session,
        exhibitor,
        status="accepted",
        slot_start=at(15),
        table_number=1,
        requester_company='=HYPERLINK("http://evil.example","Kim")',
    )

    response = client.get(f"/admin/events/sideevent/{session.pk}/matching/?format=csv")

    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][3] == '\'=HYPERLINK("http://evil.example","Kim") (bàn 1)'


@pytest.mark.parametrize(
    ("prefix", "matching"), [("", "Kết nối doanh nghiệp"), ("/en", "Business")]
)
def test_admin_registrations_filter_by_kind_leaves_out_business_matching(
    client, board, seminar, session, prefix, matching
):
    response = client.get(f"{prefix}/admin/events/eventregistration/")

    [by_kind] = [
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "field_path", "") == "event__kind"
    ]
    shown = [str(choice["display"]) for choice in by_kind.choices(response.context["cl"])]
    assert not any(label.startswith(matching) for label in shown), shown
    assert len(shown) == len(SideEvent.Kind.choices)  # "All" and every other kind
    assert "event__kind__exact=seminar" in response.content.decode()
    assert "event__kind__exact=business_matching" not in response.content.decode()


@pytest.mark.parametrize("fair", ["²", "99999999999999999999999"])
def test_admin_new_event_of_a_fair_that_is_no_id_gives_the_form(client, board, fair):
    """A `?fair=` that is no row's id (a superscript digit, more than a bigint) is
    ignored: the empty form, as for no fair at all."""
    response = client.get(f"/admin/events/sideevent/add/?fair={fair}")

    assert response.status_code == 200
    assert list(response.context["adminform"].form.fields["place"].queryset) == []
