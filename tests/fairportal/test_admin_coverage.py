"""The booths and events admins meet the board's rules: exports with useful columns,
dashboard links that open the right filtered lists, fixed query counts, roles, and
personal data requests (export and erasure)."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from booths.models import Booth, BoothApplication
from events.models import EventRegistration, MeetingRequest, SideEvent
from fairportal.models import AuditEntry, User
from tests.factories import (
    make_application,
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_meeting_request,
    make_registration,
    make_user,
)

pytestmark = pytest.mark.django_db

SLOT = datetime.datetime(2024, 9, 21, 14, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


def _csv_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _export(client, url, pks):
    return _csv_rows(client.post(url, {"action": "export_csv", "_selected_action": pks}))


@pytest.fixture
def fair():
    return make_fair(is_current=True)


@pytest.fixture
def session(fair):
    return make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        title_vi="Kết nối giao thương Việt – Nhật",
        starts_at=datetime.datetime(2024, 9, 21, 13, 0, tzinfo=SLOT.tzinfo),
        capacity=0,
        slot_minutes=30,
        tables=10,
    )


# --- export -------------------------------------------------------------------------


def test_export_applications_has_the_useful_columns_in_vietnamese(admin_client, fair):
    exhibitor = make_exhibitor(name_vi="Điện tử Thăng Long")
    a01 = make_booth(fair, code="A01", exhibitor=exhibitor)
    a02 = make_booth(fair, code="A02")
    application = make_application(
        fair,
        reference="HC2024-0042",
        trading_name_vi="Điện tử Thăng Long",
        legal_name="Công ty TNHH Điện tử Thăng Long",
        tax_code="0101234567",
        contact_name="Nguyễn Thị Hằng",
        email="hang@dientu.vn",
        phone="+84912345678",
        status=BoothApplication.Status.APPROVED,
        exhibitor=exhibitor,
    )
    application.preferred_booths.set([a01, a02])

    rows = _export(admin_client, "/admin/booths/boothapplication/", [application.pk])

    assert rows[0] == [
        "mã hồ sơ",
        "kỳ hội chợ",
        "tên giao dịch (tiếng Việt)",
        "tên pháp lý",
        "mã số thuế",
        "người liên hệ",
        "e-mail",
        "điện thoại",
        "trạng thái",
        "loại gian",
        "số gian",
        "gian đề nghị",
        "gian được giao",
        "tạo lúc",
    ]
    assert rows[1][:13] == [
        "HC2024-0042",
        str(fair),
        "Điện tử Thăng Long",
        "Công ty TNHH Điện tử Thăng Long",
        "0101234567",
        "Nguyễn Thị Hằng",
        "hang@dientu.vn",
        "0912 345 678",
        "Đã duyệt",
        "Tiêu chuẩn",
        "1",
        "A01 (Tiêu chuẩn), A02 (Tiêu chuẩn)",
        "A01",
    ]


def test_export_registrations_has_the_useful_columns(admin_client, fair):
    event = make_event(fair, title_vi="Hội thảo Công nghiệp hỗ trợ")
    registration = make_registration(
        event,
        name="Đặng Thị Ánh",
        email="anh@example.vn",
        phone="0912345678",
        organisation="Công ty Điện tử Hà Nội",
        attended_at=datetime.datetime(2024, 9, 20, 9, 5, tzinfo=SLOT.tzinfo),
    )

    rows = _export(admin_client, "/admin/events/eventregistration/", [registration.pk])

    assert rows[0] == [
        "sự kiện",
        "họ và tên",
        "e-mail",
        "điện thoại",
        "Zalo",
        "đơn vị",
        "chức danh",
        "trạng thái",
        "tạo lúc",
        "có mặt lúc",
    ]
    assert rows[1][:8] == [
        str(event),
        "Đặng Thị Ánh",
        "anh@example.vn",
        "0912345678",
        "",
        "Công ty Điện tử Hà Nội",
        "",
        "Đã xác nhận",
    ]
    assert rows[1][9] == "20/09/2024 09:05"


def test_export_meetings_has_the_useful_columns(admin_client, session):
    exhibitor = make_exhibitor(name_vi="Cơ khí Đông Anh")
    meeting = make_meeting_request(
        session,
        exhibitor,
        requester_name="Tanaka Hiroshi",
        requester_company="Tanaka Trading",
        requester_email="tanaka@example.jp",
        slot_start=SLOT,
        table_number=3,
        status=MeetingRequest.Status.ACCEPTED,
    )

    rows = _export(admin_client, "/admin/events/meetingrequest/", [meeting.pk])

    assert rows[0][:9] == [
        "phiên kết nối",
        "doanh nghiệp",
        "họ và tên",
        "công ty của khách",
        "e-mail",
        "điện thoại",
        "giờ gặp đã chốt",
        "số bàn",
        "trạng thái",
    ]
    assert rows[1][:9] == [
        str(session),
        "Cơ khí Đông Anh",
        "Tanaka Hiroshi",
        "Tanaka Trading",
        "tanaka@example.jp",
        "'+81 3 1234 5678",
        "14:00–14:30, 21/09/2024",
        "3",
        "Đã nhận lời",
    ]
    english = _export(admin_client, "/en/admin/events/meetingrequest/", [meeting.pk])
    # The exhibitor and the visitor's company are told apart in English too.
    assert english[0][1:4] == ["exhibitor", "full name", "visitor's company"]


# --- search, audit ------------------------------------------------------------------


def test_booth_search_finds_the_exhibitor_without_accents(admin_client, fair):
    make_booth(fair, code="A01", exhibitor=make_exhibitor(name_vi="Điện tử Thăng Long"))
    make_booth(fair, code="B07")

    html = admin_client.get("/admin/booths/booth/", {"q": "dien tu"}).content.decode()
    by_code = admin_client.get("/admin/booths/booth/", {"q": "b07"}).content.decode()

    assert re.findall(r'class="field-code"><a [^>]*>(\w+)<', html) == ["A01"]
    assert re.findall(r'class="field-code"><a [^>]*>(\w+)<', by_code) == ["B07"]


def test_application_search_is_accent_free(admin_client, fair):
    wanted = make_application(fair, trading_name_vi="Cơ khí Đông Anh", reference="HC2024-0001")
    make_application(fair, trading_name_vi="Nhựa Sóc Sơn", reference="HC2024-0002")

    response = admin_client.get("/admin/booths/boothapplication/", {"q": "co khi dong"})

    assert [a.pk for a in response.context["cl"].result_list] == [wanted.pk]


def _side_event_form_data(client, event, **changes):
    form = client.get(f"/admin/events/sideevent/{event.pk}/change/").context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and name not in ("starts_at", "ends_at")
    }
    data.update(
        {
            "starts_at_0": "20/09/2024",
            "starts_at_1": "09:00",
            "ends_at_0": "20/09/2024",
            "ends_at_1": "11:00",
            "hosts": [],
            "registrations-TOTAL_FORMS": "0",
            "registrations-INITIAL_FORMS": "0",
            **changes,
        }
    )
    return data


def test_side_event_change_is_audited_with_changed_fields(admin_client, superuser, fair):
    event = make_event(fair, capacity=50)
    url = f"/admin/events/sideevent/{event.pk}/change/"

    response = admin_client.post(url, _side_event_form_data(admin_client, event, capacity="80"))

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.changed", object_id=str(event.pk))
    assert entry.actor == superuser
    assert entry.changes["fields"] == {"capacity": {"from": 50, "to": 80}}


def test_side_event_saved_untouched_logs_no_change_to_its_lines(admin_client, fair):
    event = make_event(fair, capacity=50)
    SideEvent.objects.filter(pk=event.pk).update(speakers_vi="TS. Nguyễn An\nThS. Lê Bình")
    data = _side_event_form_data(admin_client, event, capacity="80")
    data["speakers_vi"] = data["speakers_vi"].replace("\n", "\r\n")  # as a browser sends it

    admin_client.post(f"/admin/events/sideevent/{event.pk}/change/", data)

    entry = AuditEntry.objects.get(action="admin.changed", object_id=str(event.pk))
    assert entry.changes["fields"] == {"capacity": {"from": 50, "to": 80}}
    event.refresh_from_db()
    assert event.speakers_vi == "TS. Nguyễn An\nThS. Lê Bình"


def test_side_event_admin_save_keeps_seats_taken_moved_meanwhile(admin_client, fair):
    event = make_event(fair, capacity=50)
    data = _side_event_form_data(admin_client, event, room_vi="Phòng 2")
    SideEvent.objects.filter(pk=event.pk).update(seats_taken=7)  # a registration meanwhile

    admin_client.post(f"/admin/events/sideevent/{event.pk}/change/", data)

    event.refresh_from_db()
    assert (event.room_vi, event.seats_taken) == ("Phòng 2", 7)


def test_side_event_capacity_below_seats_taken_is_a_form_error(admin_client, fair):
    event = make_event(fair, capacity=50)
    SideEvent.objects.filter(pk=event.pk).update(seats_taken=30)

    response = admin_client.post(
        f"/admin/events/sideevent/{event.pk}/change/",
        _side_event_form_data(admin_client, event, capacity="20"),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["capacity"] == [
        "Đã có 30 người giữ chỗ: số chỗ không được nhỏ hơn."
    ]
    assert SideEvent.objects.get(pk=event.pk).capacity == 50


def test_inlines_keep_rule_fields_read_only(admin_client, fair):
    booth = make_booth(fair, code="A01", exhibitor=make_exhibitor())
    event = make_event(fair)
    make_registration(event)

    fair_page = admin_client.get(f"/admin/events/fair/{fair.pk}/change/").content.decode()
    event_page = admin_client.get(f"/admin/events/sideevent/{event.pk}/change/").content.decode()

    assert 'name="booths-0-code"' in fair_page
    assert 'name="booths-0-exhibitor"' not in fair_page
    assert booth.exhibitor.name_vi in fair_page
    assert 'name="registrations-0-status"' not in event_page
    assert 'name="seats_taken"' not in event_page


# --- dashboard links ----------------------------------------------------------------


def _result_pks(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return sorted(obj.pk for obj in response.context["cl"].result_list)


def test_every_dashboard_link_opens_the_filtered_list(admin_client, fair, session):
    other_fair = make_fair(is_current=False)
    taken = make_booth(fair, code="A01", hall="A", exhibitor=make_exhibitor())
    free = make_booth(fair, code="B01", hall="B", kind="corner")
    kept = make_booth(fair, code="A02", hall="A", is_blocked=True)
    make_booth(other_fair, code="A01", hall="A")
    submitted = make_application(fair, email_confirmed_at=timezone.now())
    unconfirmed = make_application(fair)  # not waiting for the board: a bar of its own
    make_application(fair, status=BoothApplication.Status.REJECTED)
    make_application(other_fair)
    seminar = make_event(fair)
    registration = make_registration(seminar)
    make_registration(make_event(other_fair))
    pending = make_meeting_request(session)
    make_meeting_request(make_event(other_fair, kind=SideEvent.Kind.BUSINESS_MATCHING))

    page = admin_client.get("/admin/")
    links = set(
        re.findall(r'href="(/admin/(?:booths|events)/[^"]+\?[^"]+)"', page.content.decode())
    )
    followed = {link.replace("&amp;", "&"): None for link in links}
    for link in followed:
        followed[link] = _result_pks(admin_client, link)

    def rows(path, **params):
        from urllib.parse import urlencode

        return followed[f"{path}?{urlencode(params)}"]

    booths = "/admin/booths/booth/"
    # taken, kinds, halls, statuses (submitted in two: confirmed, the link of what
    # waits for the board, and not), seminar, states, and what waits for the board that
    # no other chart links: confirmed applications waiting, a seminar's waiting list
    assert len(followed) == 1 + 2 + 2 + 6 + 1 + 5 + 2
    assert rows(booths, fair__id__exact=fair.pk, state="taken") == [taken.pk]
    assert rows(booths, fair__id__exact=fair.pk, kind__exact="standard") == sorted(
        [taken.pk, kept.pk]
    )
    assert rows(booths, fair__id__exact=fair.pk, hall__exact="B") == [free.pk]
    applications = "/admin/booths/boothapplication/"
    assert rows(
        applications, fair__id__exact=fair.pk, status__exact="submitted", confirmed="no"
    ) == [unconfirmed.pk]
    assert rows(applications, fair__id__exact=fair.pk, status__exact="approved") == []
    assert rows("/admin/events/eventregistration/", event__id__exact=seminar.pk) == [
        registration.pk
    ]
    meetings = "/admin/events/meetingrequest/"
    assert rows(
        meetings, session__fair__id__exact=fair.pk, status__exact="pending", waiting="yes"
    ) == [pending.pk]
    assert rows(meetings, session__fair__id__exact=fair.pk, status__exact="accepted") == []
    waiting = rows(
        applications, fair__id__exact=fair.pk, status__exact="submitted", confirmed="yes"
    )
    assert waiting == [submitted.pk]
    assert (
        rows(
            "/admin/events/eventregistration/",
            event__fair__id__exact=fair.pk,
            status__exact="waitlisted",
            waiting="yes",
        )
        == []
    )


def test_booth_state_filter_separates_free_taken_and_kept(admin_client, fair):
    taken = make_booth(fair, code="A01", exhibitor=make_exhibitor())
    free = make_booth(fair, code="A02")
    kept = make_booth(fair, code="A03", is_blocked=True)

    found = {
        state: _result_pks(admin_client, f"/admin/booths/booth/?state={state}")
        for state in ("free", "taken", "kept")
    }

    assert found == {"free": [free.pk], "taken": [taken.pk], "kept": [kept.pk]}


# --- query counts -------------------------------------------------------------------


def _fill(fair, session, size):
    for _n in range(size):
        exhibitor = make_exhibitor()
        booth = make_booth(fair, exhibitor=exhibitor)
        application = make_application(fair, exhibitor=exhibitor)
        application.preferred_booths.set([booth])
        event = make_event(fair)
        make_registration(event)
        make_meeting_request(session, exhibitor)


LIST_QUERIES = {
    "/admin/booths/boothapplication/": 13,
    "/admin/booths/booth/": 10,
    "/admin/events/sideevent/": 8,
    "/admin/events/eventregistration/": 9,
    "/admin/events/meetingrequest/": 10,
}


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize("url", list(LIST_QUERIES))
def test_changelist_query_count_is_fixed(
    admin_client, fair, session, size, url, django_assert_num_queries
):
    _fill(fair, session, size)

    with django_assert_num_queries(LIST_QUERIES[url]):
        response = admin_client.get(url)

    assert response.context["cl"].result_count >= size


# --- roles --------------------------------------------------------------------------


@pytest.fixture
def board_data(fair, session):
    exhibitor = make_exhibitor()
    booth = make_booth(fair, code="A01")
    application = make_application(fair, email_confirmed_at=timezone.now())
    event = make_event(fair)
    registration = make_registration(event)
    meeting = make_meeting_request(session, exhibitor, proposed_slots=[SLOT.isoformat()])
    return {
        "exhibitor": exhibitor,
        "booth": booth,
        "application": application,
        "event": event,
        "registration": registration,
        "meeting": meeting,
    }


def _objects(data):
    return [
        ("booths", "booth", data["booth"]),
        ("booths", "boothapplication", data["application"]),
        ("events", "sideevent", data["event"]),
        ("events", "eventregistration", data["registration"]),
        ("events", "meetingrequest", data["meeting"]),
    ]


ACTIONS = [
    ("booths", "boothapplication", "application", "waitlist_selected"),
    ("booths", "booth", "booth", "release_selected"),
    ("events", "sideevent", "event", "close_registration"),
    ("events", "eventregistration", "registration", "cancel_registrations"),
    ("events", "meetingrequest", "meeting", "decline"),
]


def test_viewer_opens_but_cannot_change_board_objects(client, viewer, board_data):
    client.force_login(viewer)

    for app, model, obj in _objects(board_data):
        base = f"/admin/{app}/{model}/"
        assert client.get(base).status_code == 200, model
        assert client.get(f"{base}{obj.pk}/change/").status_code == 200, model
        assert client.post(f"{base}{obj.pk}/change/", {}).status_code == 403, model


def test_viewer_cannot_run_the_actions(client, viewer, board_data):
    client.force_login(viewer)

    for app, model, key, action in ACTIONS:
        url = f"/admin/{app}/{model}/"
        offered = client.get(url).context["action_form"].fields["action"].choices
        assert action not in [name for name, _label in offered], action
        client.post(url, {"action": action, "_selected_action": [board_data[key].pk]})

    application = BoothApplication.objects.get(pk=board_data["application"].pk)
    assert application.status == BoothApplication.Status.SUBMITTED
    assert EventRegistration.objects.get(pk=board_data["registration"].pk).status == "confirmed"
    assert MeetingRequest.objects.get(pk=board_data["meeting"].pk).status == "pending"
    assert SideEvent.objects.get(pk=board_data["event"].pk).registration_open is True
    assert not AuditEntry.objects.filter(actor=viewer).exists()


def test_viewer_is_refused_the_approve_page_and_floor_plan(client, viewer, board_data):
    client.force_login(viewer)
    application = board_data["application"]

    approve = client.get(reverse("admin:booths_application_approve", args=[application.pk]))
    plan = client.get(reverse("admin:booths_booth_floor_plan"))
    assign = client.post(
        reverse("admin:booths_booth_floor_plan"),
        {"booth": board_data["booth"].pk, "exhibitor": board_data["exhibitor"].pk},
    )

    assert (approve.status_code, plan.status_code, assign.status_code) == (403, 403, 403)
    assert Booth.objects.get(pk=board_data["booth"].pk).exhibitor_id is None


def test_editor_runs_the_actions_and_assigns_on_the_floor_plan(client, editor, board_data):
    client.force_login(editor)

    for app, model, key, action in ACTIONS:
        if action == "release_selected":
            continue
        client.post(
            f"/admin/{app}/{model}/",
            {"action": action, "_selected_action": [board_data[key].pk]},
        )
    approve = client.get(
        reverse("admin:booths_application_approve", args=[board_data["application"].pk])
    )
    assign = client.post(
        reverse("admin:booths_booth_floor_plan"),
        {"booth": board_data["booth"].pk, "exhibitor": board_data["exhibitor"].pk},
    )

    assert approve.status_code == 200
    assert assign.status_code == 302
    assert Booth.objects.get(pk=board_data["booth"].pk).exhibitor == board_data["exhibitor"]
    assert BoothApplication.objects.get(pk=board_data["application"].pk).status == "waitlisted"
    assert EventRegistration.objects.get(pk=board_data["registration"].pk).status == "cancelled"
    assert MeetingRequest.objects.get(pk=board_data["meeting"].pk).status == "declined"
    assert SideEvent.objects.get(pk=board_data["event"].pk).registration_open is False


# --- personal data ------------------------------------------------------------------

PERSON = "lan.tran@example.vn"


@pytest.fixture
def person(fair, session):
    """Lan holds a confirmed seat (one waiting behind her), a meeting, an application and an account."""
    event = make_event(fair, capacity=1)
    confirmed = make_registration(event, email=PERSON, name="Trần Thị Lan")
    SideEvent.objects.filter(pk=event.pk).update(seats_taken=1)
    waiting = make_registration(event, status=EventRegistration.Status.WAITLISTED)
    meeting = make_meeting_request(
        session,
        requester_email=PERSON,
        requester_name="Trần Thị Lan",
        status=MeetingRequest.Status.ACCEPTED,
        slot_start=SLOT,
        table_number=1,
    )
    application = make_application(fair, email=PERSON, contact_name="Trần Thị Lan")
    user = make_user(username=PERSON, email=PERSON, first_name="Lan")
    return {
        "event": event,
        "confirmed": confirmed,
        "waiting": waiting,
        "meeting": meeting,
        "application": application,
        "user": user,
    }


def _no_trace(email):
    return (
        EventRegistration.objects.filter(email__iexact=email).count(),
        MeetingRequest.objects.filter(requester_email__iexact=email).count(),
        BoothApplication.objects.filter(email__iexact=email).count(),
        User.objects.filter(email__iexact=email).count(),
        AuditEntry.objects.filter(actor_label__iexact=email).count(),
    )


def test_personal_data_page_exports_everything_as_json(admin_client, person):
    url = reverse("admin:fairportal_personal_data")

    preview = admin_client.post(url, {"email": PERSON.upper(), "operation": "preview"})
    response = admin_client.post(url, {"email": PERSON, "operation": "export"})

    assert preview.context["found"] == {
        "registrations": 1,
        "meeting_requests": 1,
        "booth_applications": 1,
        "user_accounts": 1,
        "audit_entries": 0,
    }
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert [r["id"] for r in data["registrations"]] == [person["confirmed"].pk]
    assert data["registrations"][0]["name"] == "Trần Thị Lan"
    assert [m["id"] for m in data["meeting_requests"]] == [person["meeting"].pk]
    assert [a["reference"] for a in data["booth_applications"]] == [person["application"].reference]
    assert [u["username"] for u in data["user_accounts"]] == [PERSON]
    entry = AuditEntry.objects.get(action="personal_data.exported")
    assert PERSON not in json.dumps(entry.changes) + entry.object_repr


def test_personal_data_page_erases_after_confirmation(
    admin_client, person, django_capture_on_commit_callbacks, mailoutbox
):
    url = reverse("admin:fairportal_personal_data")

    asked = admin_client.post(url, {"email": PERSON, "operation": "erase"})
    still_there = _no_trace(PERSON)
    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client.post(url, {"email": PERSON, "operation": "erase", "confirm": "yes"})

    assert asked.context["confirm_erase"] is True
    assert still_there[:4] == (1, 1, 1, 1)
    assert done.status_code == 302
    assert _no_trace(PERSON) == (0, 0, 0, 0, 0)
    event = SideEvent.objects.get(pk=person["event"].pk)
    confirmed = EventRegistration.objects.filter(event=event, status="confirmed")
    assert [r.pk for r in confirmed] == [person["waiting"].pk]
    assert event.seats_taken == confirmed.count() == 1
    # The one promoted is told; the person erased is sent nothing about their seat.
    mailed = [address for message in mailoutbox for address in message.to]
    assert person["waiting"].email in mailed and PERSON not in mailed
    application = BoothApplication.objects.get(pk=person["application"].pk)
    assert (application.contact_name, application.phone) == ("[đã xoá]", "")
    user = User.objects.get(pk=person["user"].pk)
    assert (user.is_active, user.has_usable_password(), user.first_name) == (False, False, "")
    assert not AuditEntry.objects.filter(object_repr__icontains=PERSON).exists()
    entry = AuditEntry.objects.get(action="personal_data.erased")
    assert entry.changes == {
        "registrations": 1,
        "meeting_requests": 1,
        "booth_applications": 1,
        "user_accounts": 1,
        "audit_entries": 0,
    }


def test_personal_data_page_erases_an_address_only_the_audit_log_still_names(admin_client):
    # The rows are gone (erased by hand, or expired); the log still names the person.
    AuditEntry.objects.create(action="registration.confirmed", actor_label="Lan.Tran@example.vn")
    AuditEntry.objects.create(
        action="registration.cancelled", object_repr="Trần Lan <lan.tran@example.vn>"
    )
    url = reverse("admin:fairportal_personal_data")

    preview = admin_client.post(url, {"email": PERSON, "operation": "preview"})
    done = admin_client.post(
        url, {"email": PERSON, "operation": "erase", "confirm": "yes"}, follow=True
    )

    assert preview.context["found_any"] is True
    assert preview.context["found"]["audit_entries"] == 2
    assert "Xoá dữ liệu…" in preview.content.decode()
    assert [str(m) for m in done.context["messages"]] == [
        "Đã xoá dữ liệu: 0 đăng ký, 0 yêu cầu gặp gỡ, 0 hồ sơ gian hàng ẩn danh, 0 tài khoản "
        "khoá, 2 mục nhật ký xoá địa chỉ."
    ]
    assert not AuditEntry.objects.filter(actor_label__iexact=PERSON).exists()
    assert not AuditEntry.objects.filter(object_repr__icontains=PERSON).exists()


def test_personal_data_page_is_refused_to_viewers(client, viewer):
    client.force_login(viewer)

    response = client.post(
        reverse("admin:fairportal_personal_data"), {"email": PERSON, "operation": "export"}
    )

    assert response.status_code == 403


def test_personal_data_command_exports_and_erases(person, capsys):
    call_command("personal_data", "export", PERSON)
    exported = json.loads(capsys.readouterr().out)
    with pytest.raises(CommandError):
        call_command("personal_data", "erase", PERSON)
    refused = _no_trace(PERSON)[:4]

    call_command("personal_data", "erase", PERSON, "--yes")

    assert [r["id"] for r in exported["registrations"]] == [person["confirmed"].pk]
    assert refused == (1, 1, 1, 1)
    assert _no_trace(PERSON) == (0, 0, 0, 0, 0)
    event = SideEvent.objects.get(pk=person["event"].pk)
    assert event.seats_taken == event.registrations.filter(status="confirmed").count() == 1


# --- ids typed in a URL --------------------------------------------------------------


@pytest.mark.parametrize("bad", ["99999999999999999999999", "9223372036854775808", "²", "abc"])
def test_exhibitor_fair_filter_ignores_an_id_the_database_cannot_hold(admin_client, fair, bad):
    exhibitor = make_exhibitor(name_vi="Cơ khí Đông Anh")
    make_booth(fair, code="A01", exhibitor=exhibitor)

    response = admin_client.get("/admin/exhibitors/exhibitor/", {"fair": bad})

    assert response.status_code == 200
    assert [e.name_vi for e in response.context["cl"].result_list] == ["Cơ khí Đông Anh"]


@pytest.mark.parametrize("bad", ["99999999999999999999999", "²"])
def test_booth_move_page_with_an_impossible_id_says_there_is_nothing_to_move(
    admin_client, fair, bad
):
    response = admin_client.get("/admin/booths/booth/move/", {"ids": bad}, follow=True)

    assert response.status_code == 200
    assert [m.message for m in response.context["messages"]] == ["Không có gian nào để chuyển."]
