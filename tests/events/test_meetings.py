import datetime
import html
import importlib
import json
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from icalendar import Calendar

from events import calendars, services
from events.models import MeetingRequest, SideEvent
from fairportal import personal_data
from fairportal.models import AuditEntry
from tests.events.conftest import at, calendar_of, meeting_data, registration_data, sequence
from tests.factories import (
    HANOI,
    make_event,
    make_exhibitor,
    make_meeting_request,
    make_sector,
    make_user,
)
from tests.pages import assert_link_no_longer_works

pytestmark = pytest.mark.django_db

MEET = "/exhibitors/canon-viet-nam/meet/"


def _iso(*slots):
    return [slot.isoformat() for slot in slots]


def test_meet_form_offers_the_session_slots(client, session, exhibitor):
    html = client.get(MEET).content.decode()

    assert html.count('name="slots"') == 4
    for value in ("14:00–14:30", "14:30–15:00", "15:00–15:30", "15:30–16:00"):
        assert value in html
    # The session and day names the group of its slots for a screen reader too.
    assert '<legend class="slot-session">Kết nối doanh nghiệp ngày 1 · 20/09/2024</legend>' in html
    assert '<option value="JP">' in html
    # The one-session rule is told before the visitor chooses, not only after an error.
    assert "Các khung giờ phải thuộc cùng một phiên kết nối." in html


def test_meet_forms_optional_sector_offers_no_sector_in_words_not_dashes(
    client, session, exhibitor
):
    vi = client.get(MEET).content.decode()
    en = client.get("/en" + MEET).content.decode()

    assert (
        '<select name="sector" id="id_sector">\n  <option value="" selected>— Chưa chọn —</option>'
        in vi
    )
    assert '<option value="" selected>— Not selected —</option>' in en
    assert "---------" not in vi and "---------" not in en


def test_meet_form_hides_slots_already_accepted_for_that_exhibitor(client, session, exhibitor):
    make_meeting_request(
        session, exhibitor, status="accepted", slot_start=at(14, 30), table_number=1
    )
    make_meeting_request(
        session, make_exhibitor(), status="accepted", slot_start=at(15), table_number=1
    )

    html = client.get(MEET).content.decode()

    assert html.count('name="slots"') == 3
    assert "14:30–15:00" not in html
    assert "15:00–15:30" in html


def test_meet_request_is_stored_and_both_sides_are_mailed(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    member = make_user(email="dai.dien@canon.example.vn")
    exhibitor.members.add(member)
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MEET, meeting_data([at(14), at(15)]))

    meeting = MeetingRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/events/meetings/")
    assert meeting.status == "pending"
    assert meeting.requester_phone == "+81312345678"
    assert meeting.requester_country == "JP"
    assert meeting.proposed_slots == _iso(at(14), at(15))
    assert [m.to for m in mail.outbox] == [
        ["tanaka@example.jp"],
        ["contact@canon.example.vn", "dai.dien@canon.example.vn"],
    ]
    assert mail.outbox[1].reply_to == ["tanaka@example.jp"]
    page = client.get(response["Location"]).content.decode()
    assert "Chờ trả lời" in page and "Canon Việt Nam" in page


def test_meet_request_mail_to_the_exhibitor_lists_the_times_proposed(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en{MEET}", meeting_data([at(15, 30), at(14)]))

    (to_exhibitor,) = [m for m in mail.outbox if m.to == ["contact@canon.example.vn"]]
    assert to_exhibitor.body.splitlines()[:10] == [
        "Xin chào,",
        "",
        "Tanaka Hiroshi (Tanaka Trading Co., Ltd.) muốn gặp Canon Việt Nam trong "
        "“Kết nối doanh nghiệp ngày 1”.",
        "Quốc gia của khách: Nhật Bản",
        "",
        "Khung giờ khách đề xuất:",
        "- 20/09/2024, 14:00–14:30 (giờ Hà Nội)",
        "- 20/09/2024, 15:30–16:00 (giờ Hà Nội)",
        "",
        "Nội dung muốn trao đổi:",
    ]


def test_meet_request_mail_to_the_exhibitor_names_the_visitors_country_in_its_language(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()
    exhibitor.members.add(make_user(email="rep@canon.example.vn", language="en"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en{MEET}",
            meeting_data([at(14)], name="Kim Min-jun", company="Hanbit Display", country="KR"),
        )

    (vi,) = [m for m in mail.outbox if m.to == ["contact@canon.example.vn"]]
    (en,) = [m for m in mail.outbox if m.to == ["rep@canon.example.vn"]]
    assert vi.body.splitlines()[2:5] == [
        "Kim Min-jun (Hanbit Display) muốn gặp Canon Việt Nam trong “Kết nối doanh nghiệp ngày 1”.",
        "Quốc gia của khách: Hàn Quốc",
        "",
    ]
    assert en.body.splitlines()[3] == "Visitor's country: South Korea"


@pytest.mark.parametrize(
    ("prefix", "heading", "zone"),
    [
        ("", "Khung giờ bạn đề xuất:", "(giờ Hà Nội)"),
        ("/en", "Times you proposed:", "(Hanoi time, UTC+7)"),
    ],
    ids=["vi", "en"],
)
def test_meet_request_mail_to_the_visitor_lists_the_times_they_proposed(
    client, session, exhibitor, django_capture_on_commit_callbacks, prefix, heading, zone
):
    # The visitor keeps the mail as their note of what they asked: which times, too.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{prefix}{MEET}", meeting_data([at(15, 30), at(14)]))

    (to_visitor,) = [m for m in mail.outbox if m.to == ["tanaka@example.jp"]]
    lines = to_visitor.body.splitlines()
    at_heading = lines.index(heading)
    assert lines[at_heading : at_heading + 4] == [
        heading,
        f"- 20/09/2024, 14:00–14:30 {zone}",
        f"- 20/09/2024, 15:30–16:00 {zone}",
        "",
    ]


def test_meet_request_mail_to_the_exhibitor_says_when_the_request_expires(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    # The request waits until its last proposed time begins, not only until the session
    # starts: the company is told the time it really has, in Hanoi time.
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(MEET, meeting_data([at(15, 30), at(14)]))

    (to_exhibitor,) = [m for m in mail.outbox if m.to == ["contact@canon.example.vn"]]
    assert (
        "Hãy trả lời trước 15:30 ngày 20/09/2024 (giờ Hà Nội): khi mọi khung giờ khách "
        "đề xuất đã bắt đầu, yêu cầu chưa được trả lời sẽ hết hạn."
    ) in to_exhibitor.body
    assert "khi phiên bắt đầu" not in to_exhibitor.body


def test_meet_request_accepts_korean_phone(client, session, exhibitor):
    client.post(MEET, meeting_data([at(14)], phone="+82 10 1234 5678", country="KR"))

    assert MeetingRequest.objects.get().requester_phone == "+821012345678"


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        (
            "",
            "Số điện thoại Việt Nam không hợp lệ: di động gồm 0 và 9 chữ số, máy bàn như 024 "
            "và 8 chữ số. Số nước ngoài: thêm + và mã quốc gia, bỏ số 0 đầu (ví dụ +82 10 "
            "1234 5678).",
        ),
        (
            "/en",
            "Invalid Vietnamese phone number: mobiles are 0 plus 9 digits, landlines are like "
            "024 plus 8 digits. For a number abroad, add + and the country code and drop the "
            "leading 0 (e.g. +82 10 1234 5678).",
        ),
    ],
)
def test_meet_request_from_vietnam_with_a_korean_number_as_dialled_in_korea_says_to_add_the_country_code(  # noqa: E501
    client, session, exhibitor, prefix, message
):
    # A number on a Korean card, 010-1234-5678, typed by a visitor who chose Vietnam:
    # no Vietnamese number starts with 010.
    response = client.post(
        prefix + MEET, meeting_data([at(14)], phone="010-1234-5678", country="VN")
    )

    assert response.status_code == 400
    assert response.context["form"].errors["phone"] == [message]
    assert MeetingRequest.objects.count() == 0


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["vi", "en"])
@pytest.mark.parametrize(
    ("country", "typed", "stored"),
    [
        # A Korean mobile as on the buyer's card, and a Tokyo landline: national numbers
        # of the chosen country, their leading 0 (the trunk prefix) dropped.
        ("KR", "010-1234-5678", "+821012345678"),
        ("JP", "03-1234-5678", "+81312345678"),
        ("TW", "0912 345 678", "+886912345678"),
        ("US", "(415) 555-0123", "+14155550123"),
        # Vietnam reads as it always did, and a number with + is the same whatever the
        # country.
        ("VN", "0912 345 678", "+84912345678"),
        ("KR", "+84 912 345 678", "+84912345678"),
        ("JP", "+82 10 1234 5678", "+821012345678"),
    ],
)
def test_meet_request_reads_a_phone_without_plus_as_a_number_of_the_chosen_country(
    client, session, exhibitor, prefix, country, typed, stored
):
    response = client.post(
        prefix + MEET, meeting_data([at(14)], phone=typed, zalo=typed, country=country)
    )

    assert response.status_code == 302
    meeting = MeetingRequest.objects.get()
    assert (meeting.requester_phone, meeting.requester_zalo) == (stored, stored)


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        (
            "",
            "Số điện thoại không hợp lệ. Nhập số tại Hàn Quốc như khi gọi trong nước, hoặc "
            "số quốc tế bắt đầu bằng + và mã quốc gia.",
        ),
        (
            "/en",
            "Invalid phone number. Type a number in South Korea as you dial it at home, or an "
            "international number starting with + and the country code.",
        ),
    ],
    ids=["vi", "en"],
)
@pytest.mark.parametrize("typed", ["010-1234", "abc-1234-5678", "010-1234-5678-9999"])
def test_meet_request_refuses_what_is_no_number_of_the_chosen_country(
    client, session, exhibitor, prefix, message, typed
):
    response = client.post(prefix + MEET, meeting_data([at(14)], phone=typed, country="KR"))

    assert response.status_code == 400
    assert response.context["form"].errors["phone"] == [message]
    assert MeetingRequest.objects.count() == 0


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_meet_request_korean_number_reaches_the_exhibitor_grouped_as_dialled_from_vietnam(
    client, session, exhibitor, prefix
):
    # The company calls the number it reads in /account/meetings/: Korea's, not +84 10…,
    # in Korea's groups as for the Vietnamese number beside it, the link in E.164.
    client.post("/en" + MEET, meeting_data([at(14)], phone="010-1234-5678", country="KR"))
    _representative(client, exhibitor)

    page = client.get(f"{prefix}/account/meetings/").content.decode()

    assert '<a href="tel:+821012345678">+82 10 1234 5678</a>' in page


def test_meet_request_reads_a_phone_typed_with_84_but_without_plus_as_vietnamese(
    client, session, exhibitor
):
    response = client.post(MEET, meeting_data([at(14)], phone="84 91 234 5678", country="VN"))

    assert response.status_code == 302
    assert MeetingRequest.objects.get().requester_phone == "+84912345678"


def test_meet_request_still_refuses_84_followed_by_no_vietnamese_number(client, session, exhibitor):
    response = client.post(MEET, meeting_data([at(14)], phone="8412345678", country="VN"))

    assert response.status_code == 400
    assert "Số điện thoại không hợp lệ." in response.content.decode()
    assert MeetingRequest.objects.count() == 0


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"email": "tanaka"}, "Địa chỉ e-mail không hợp lệ, ví dụ ten@congty.vn"),
        ({"phone": "12"}, "Số điện thoại không hợp lệ."),
        ({"country": "XX"}, "Hãy chọn một lựa chọn hợp lệ."),
        ({"slots": []}, "Chọn từ một đến ba khung giờ."),
        (
            {"slots": ["2024-09-20T13:00:00+07:00"]},  # before the session
            "Giờ 20/09/2024 13:00 không phải là một khung giờ của phiên kết nối; hãy chọn "
            "lại trong danh sách.",
        ),
        (
            {"slots": ["2024-09-20T06:00:00+00:00", "2024-09-20T13:30:00"]},
            "Các giờ 20/09/2024 13:00, 20/09/2024 13:30 không phải là khung giờ của phiên "
            "kết nối; hãy chọn lại trong danh sách.",
        ),
        (
            {"slots": ["không-phải-giờ"]},
            "Khung giờ không hợp lệ. Hãy chọn một giờ trong danh sách.",
        ),
        (
            {"slots": ["0001-01-01T00:00:00+14:00"]},  # no time in Hanoi's calendar
            "Khung giờ không hợp lệ. Hãy chọn một giờ trong danh sách.",
        ),
        ({"message": ""}, "Trường này là bắt buộc."),
        ({"consent": ""}, "Cần có sự đồng ý của bạn để gửi yêu cầu gặp."),
        ({"website_url": "http://spam.example"}, "Không gửi được biểu mẫu."),
    ],
)
def test_meet_bad_input_is_a_form_error(client, session, exhibitor, overrides, message):
    data = meeting_data([at(14)])
    data.update(overrides)

    response = client.post(MEET, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert MeetingRequest.objects.count() == 0


def test_meet_message_as_long_as_the_box_allows_is_taken_with_its_line_breaks(
    client, session, exhibitor
):
    # 2,000 characters as the browser counts them (a line break is one); it sends
    # each line break as CR LF, 2,039 characters in all.
    lines = ["x" * 49] * 40
    typed = "\n".join(lines)
    assert len(typed) == 1999

    response = client.post(MEET, meeting_data([at(14)], message=typed.replace("\n", "\r\n")))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert MeetingRequest.objects.get().message == typed


def test_meet_errors_are_summed_up_at_the_top_with_links_to_the_fields(client, session, exhibitor):
    response = client.post(MEET, meeting_data([], email="tanaka"))

    html = response.content.decode()
    summary = html.index('<ul class="error-summary">')
    assert summary < html.index('name="name"')  # before the first field: seen on reload
    assert (
        '<a href="#id_email">E-mail</a>: Địa chỉ e-mail không hợp lệ, ví dụ ten@congty.vn' in html
    )
    assert '<a href="#id_slots-errors">' in html
    assert 'id="id_slots-errors"' in html  # the link's target, by the slots


def test_meet_more_than_three_slots_is_a_form_error(client, session, exhibitor):
    response = client.post(MEET, meeting_data([at(14), at(14, 30), at(15), at(15, 30)]))

    assert response.status_code == 400
    assert "Chọn nhiều nhất ba khung giờ." in response.content.decode()
    assert MeetingRequest.objects.count() == 0


@pytest.mark.parametrize(
    "prefix, message",
    [
        ("", "Giờ 20/09/2024 14:30 vừa có người đặt hoặc không còn nhận; hãy chọn giờ khác."),
        (
            "/en",
            "The time 20/09/2024 14:30 has just been booked or is no longer available; "
            "please choose another.",
        ),
    ],
)
def test_meet_slot_taken_meanwhile_is_named_and_what_was_typed_is_kept(
    client, session, exhibitor, prefix, message
):
    offered_page = meeting_data([at(14), at(14, 30)])
    make_meeting_request(
        session, exhibitor, status="accepted", slot_start=at(14, 30), table_number=1
    )

    response = client.post(f"{prefix}{MEET}", offered_page)

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert MeetingRequest.objects.filter(status="pending").count() == 0
    assert f'<ul class="errorlist" id="id_slots_error"><li>{message}</li></ul>' in page
    assert "2024-09-20T14:30" not in page  # neither the raw value nor a box to tick
    assert 'value="2024-09-20T14:00:00+07:00" checked' in page
    assert 'value="Tanaka Hiroshi"' in page and 'value="Tanaka Trading Co., Ltd."' in page
    assert "Tìm nhà cung cấp linh kiện quang học.</textarea>" in page


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        (
            "",
            "Giờ 20/09/2024 14:10 không phải là một khung giờ của phiên kết nối; hãy chọn lại "
            "trong danh sách.",
        ),
        (
            "/en",
            "20/09/2024 14:10 is not one of the session's meeting times; please choose again "
            "from the list.",
        ),
    ],
)
def test_meet_a_time_that_is_none_of_the_sessions_slots_says_so_not_that_it_was_booked(
    client, session, exhibitor, prefix, message
):
    # A form changed by hand, or kept open while the board moved the session: 14:10 is
    # between the 30-minute slots 14:00 and 14:30; nobody booked it.
    data = meeting_data([at(14)])
    data["slots"] = ["2024-09-20T14:10:00+07:00"]

    response = client.post(f"{prefix}{MEET}", data)

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert MeetingRequest.objects.count() == 0
    assert f'<ul class="errorlist" id="id_slots_error"><li>{message}</li></ul>' in page
    assert "vừa có người đặt" not in page and "just been booked" not in page
    assert 'value="Tanaka Hiroshi"' in page


def test_meet_a_time_of_the_session_taken_and_one_outside_it_are_each_named(
    client, session, exhibitor
):
    make_meeting_request(
        session, exhibitor, status="accepted", slot_start=at(14, 30), table_number=1
    )
    data = meeting_data([at(14, 30)])
    data["slots"].append("2024-09-20T16:00:00+07:00")  # the session ends at 16:00

    response = client.post(MEET, data)

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert MeetingRequest.objects.filter(status="pending").count() == 0
    assert response.context["form"].errors["slots"] == [
        "Giờ 20/09/2024 16:00 không phải là một khung giờ của phiên kết nối; hãy chọn lại "
        "trong danh sách.",
        "Giờ 20/09/2024 14:30 vừa có người đặt hoặc không còn nhận; hãy chọn giờ khác.",
    ]
    assert "vừa có người đặt hoặc không còn nhận" in page


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        (
            "",
            "Bạn đã có lịch gặp với TOTO Việt Nam lúc 20/09/2024 14:30–15:00; hãy chọn giờ khác.",
        ),
        (
            "/en",
            "You already have a meeting with TOTO Vietnam at 20/09/2024 14:30–15:00; "
            "please choose another time.",
        ),
    ],
)
def test_meet_a_time_the_visitor_already_has_a_meeting_at_is_refused(
    client, session, exhibitor, prefix, message
):
    # Tanaka already meets TOTO at 14:30: a request to Canon at 14:30 could never be
    # accepted, and would leave the visitor waiting for an answer that cannot come.
    make_meeting_request(
        session,
        make_exhibitor(name_vi="TOTO Việt Nam", name_en="TOTO Vietnam"),
        requester_email="tanaka@example.jp",
        status="accepted",
        slot_start=at(14, 30),
        table_number=1,
    )

    response = client.post(f"{prefix}{MEET}", meeting_data([at(14), at(14, 30)]))

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert message in page
    assert MeetingRequest.objects.filter(status="pending").count() == 0


def _meeting_in_another_session(fair, exhibitor, requester_email, slot_start=None):
    """An agreed meeting 14:15–15:15 (or an hour from `slot_start`, 15:15) in another
    session, whose hour-long slots start at other times than the fixture session's
    half-hour ones."""
    other_session = make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        slug="ket-noi-nganh-quang-hoc",
        starts_at=at(14, 15),
        ends_at=at(16, 15),
        slot_minutes=60,
        registration_open=False,
        capacity=0,
    )
    make_meeting_request(
        other_session,
        exhibitor,
        requester_email=requester_email,
        status="accepted",
        slot_start=slot_start or at(14, 15),
        table_number=1,
    )


def test_meet_a_time_overlapping_the_visitors_meeting_in_another_session_is_refused(
    client, fair, session, exhibitor
):
    # Tanaka meets TOTO 14:15–15:15 in another session: a request to Canon at 14:30
    # clashes all the same.
    _meeting_in_another_session(fair, make_exhibitor(name_vi="TOTO Việt Nam"), "tanaka@example.jp")

    refused = client.post(MEET, meeting_data([at(14, 30), at(15, 30)]))
    sent = client.post(MEET, meeting_data([at(15, 30)]))

    page = html.unescape(refused.content.decode())
    assert refused.status_code == 400
    assert (
        "Bạn đã có lịch gặp với TOTO Việt Nam lúc 20/09/2024 14:15–15:15; hãy chọn giờ khác."
        in page
    )
    assert sent.status_code == 302
    assert list(
        MeetingRequest.objects.filter(status="pending").values_list("proposed_slots", flat=True)
    ) == [[at(15, 30).isoformat()]]


def test_meet_a_time_overlapping_the_exhibitors_meeting_in_another_session_is_refused(
    client, fair, session, exhibitor
):
    _meeting_in_another_session(fair, exhibitor, "kim@example.kr")

    refused = client.post(MEET, meeting_data([at(14, 30)]))
    sent = client.post(MEET, meeting_data([at(15, 30)]))

    assert refused.status_code == 400
    assert "Một khung giờ bạn chọn vừa có lịch gặp khác." in html.unescape(refused.content.decode())
    assert sent.status_code == 302
    assert list(
        MeetingRequest.objects.filter(status="pending").values_list("proposed_slots", flat=True)
    ) == [[at(15, 30).isoformat()]]


def test_proposing_a_time_overlapping_the_exhibitors_meeting_elsewhere_is_refused(
    fair, session, exhibitor
):
    meeting = make_meeting_request(session, exhibitor, proposed_slots=[at(15, 30).isoformat()])
    _meeting_in_another_session(fair, exhibitor, "kim@example.kr")

    with pytest.raises(services.SlotTaken):
        services.propose_other_slot(meeting=meeting, slot_start=at(14, 30), actor=None)

    meeting.refresh_from_db()
    assert meeting.proposed_slots == [at(15, 30).isoformat()]
    assert meeting.other_slot_proposed_at is None


PROFILE = "/exhibitors/canon-viet-nam/"
MEET_BUTTON = f'<a class="button" href="{MEET}">Đề nghị gặp gỡ (B2B)</a>'


def test_profile_offers_a_meeting_while_a_session_slot_is_still_to_come(
    client, session, exhibitor, fair_clock
):
    # The session runs 14:00–16:00 in 30-minute slots: the last one begins at 15:30.
    fair_clock.set(at(15, 20))
    before_the_last_slot = client.get(PROFILE)
    assert client.get(PROFILE)["X-Cache"] == "hit"

    fair_clock.set(at(15, 31))  # the next quarter of an hour: the cached page is rebuilt
    once_it_has_begun = client.get(PROFILE)
    fair_clock.set(at(10, day=25))
    after_the_fair = client.get(PROFILE)

    assert MEET_BUTTON in before_the_last_slot.text
    assert once_it_has_begun["X-Cache"] == "miss"
    assert "/meet/" not in once_it_has_begun.text
    assert "/meet/" not in after_the_fair.text
    meet_after_the_fair = client.get(MEET).text
    assert "Các phiên kết nối doanh nghiệp của kỳ hội chợ này đã kết thúc" in meet_after_the_fair
    assert "Hiện không còn khung giờ gặp nào" not in meet_after_the_fair
    assert "Chọn từ một đến ba khung giờ" not in meet_after_the_fair


def test_profile_follows_the_programme_at_once_with_the_page_cache_off(
    client, settings, fair, session, exhibitor, fair_clock
):
    """The start of the fair's last meeting slot is kept per catalogue version
    (events.selectors.takes_meeting_requests): a session cancelled by the board, or a
    new one, is on the next profile, and the clock is read on every page."""
    settings.PUBLIC_CACHE_SECONDS = 0
    fair_clock.set(at(10))  # the morning of the session's day
    assert MEET_BUTTON in client.get(PROFILE).text
    assert MEET_BUTTON in client.get(PROFILE).text  # kept: no query for it

    services.cancel_event(event=session, actor=make_user(is_staff=True))
    assert "/meet/" not in client.get(PROFILE).text

    later = make_event(
        fair=fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        starts_at=at(14, day=21),
        ends_at=at(16, day=21),
    )
    assert MEET_BUTTON in client.get(PROFILE).text
    fair_clock.set(at(15, 31, day=21))  # its last slot has begun: nothing else changed
    assert "/meet/" not in client.get(PROFILE).text
    assert later.slot_minutes == 30


def test_profile_offers_no_meeting_when_the_fair_has_no_matching_session(client, fair, exhibitor):
    assert "/meet/" not in client.get(PROFILE).text


def test_meet_page_of_a_fair_without_matching_sessions_says_so(client, fair, exhibitor):
    page = client.get(MEET).text

    assert "Hội chợ hiện chưa có phiên kết nối doanh nghiệp nào để đặt lịch gặp." in page
    assert "Hiện không còn khung giờ gặp nào" not in page


def test_meet_page_says_when_every_slot_of_the_company_is_agreed(
    client, session, exhibitor, fair_clock
):
    fair_clock.set(at(10))
    for table, hour in enumerate([(14, 0), (14, 30), (15, 0), (15, 30)], start=1):
        make_meeting_request(
            session, exhibitor, status="accepted", slot_start=at(*hour), table_number=table
        )

    page = client.get("/en" + MEET).text

    assert "This company has no meeting slots left in the matching sessions." in page
    assert 'name="slots"' not in page


def test_meet_unpublished_or_unknown_exhibitor_is_404(client, session):
    make_exhibitor(slug="an-danh", is_published=False)

    assert client.get("/exhibitors/an-danh/meet/").status_code == 404
    assert client.get("/exhibitors/khong-co/meet/").status_code == 404


def test_request_meeting_refuses_session_of_another_fair(exhibitor, fair):
    other = make_event(kind=SideEvent.Kind.BUSINESS_MATCHING, slug="ket-noi-2023")

    with pytest.raises(services.EventsError) as error:
        services.request_meeting(
            exhibitor=exhibitor,
            session=other,
            data={
                "name": "A",
                "company": "B",
                "country": "JP",
                "email": "a@b.jp",
                "phone": "+81312345678",
                "message": "x",
            },
            slots=[other.starts_at],
            language="vi",
        )

    assert error.value.code == "other_fair"
    assert MeetingRequest.objects.count() == 0


def test_request_meeting_refuses_a_session_taken_off_the_public_pages(exhibitor, session):
    # The board unpublished the session while a visitor still had the form open.
    SideEvent.objects.filter(pk=session.pk).update(is_published=False)
    session.refresh_from_db()

    with pytest.raises(services.EventsError) as error:
        services.request_meeting(
            exhibitor=exhibitor,
            session=session,
            data={
                "name": "A",
                "company": "B",
                "country": "JP",
                "email": "a@b.jp",
                "phone": "+81312345678",
                "message": "x",
            },
            slots=[at(14)],
            language="vi",
        )

    assert error.value.code == "closed"
    assert MeetingRequest.objects.count() == 0


def test_accept_assigns_lowest_free_table_and_mails_ics_to_both(
    session, exhibitor, django_capture_on_commit_callbacks
):
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()
    make_meeting_request(
        session, make_exhibitor(), status="accepted", slot_start=at(14), table_number=1
    )
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)), language="en")
    board = make_user(is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.accept_meeting(meeting=meeting, slot_start=at(14), actor=board)

    meeting.refresh_from_db()
    assert (meeting.status, meeting.slot_start, meeting.table_number) == ("accepted", at(14), 2)
    assert [m.to for m in mail.outbox] == [[meeting.requester_email], ["contact@canon.example.vn"]]
    calendar = Calendar.from_ical(mail.outbox[0].attachments[0][1])
    vevent = calendar.walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == at(14)
    assert vevent.decoded("DTEND") == at(14, 30)
    # The requester wrote in English; the venue's address follows the table.
    assert str(vevent["LOCATION"]) == "B2B area, table 2, Mê Linh Trade Center, Mê Linh, Hanoi"
    entry = AuditEntry.objects.get(action="meeting.accepted")
    assert entry.actor == board


def test_accept_same_exhibitor_slot_twice_is_slot_taken(session, exhibitor):
    first = make_meeting_request(session, exhibitor)
    second = make_meeting_request(session, exhibitor)
    services.accept_meeting(meeting=first, slot_start=at(14), actor=None)

    with pytest.raises(services.SlotTaken):
        services.accept_meeting(meeting=second, slot_start=at(14), actor=None)

    second.refresh_from_db()
    assert second.status == "pending"


def test_accept_same_requester_in_same_slot_with_two_exhibitors_is_refused(session, exhibitor):
    first = make_meeting_request(session, exhibitor, requester_email="tanaka@example.jp")
    second = make_meeting_request(session, make_exhibitor(), requester_email="tanaka@example.jp")
    services.accept_meeting(meeting=first, slot_start=at(15), actor=None)

    with pytest.raises(services.SlotTaken):
        services.accept_meeting(meeting=second, slot_start=at(15), actor=None)


def test_accept_refuses_overlapping_slot_of_another_session(fair, session, exhibitor):
    other = make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        slug="ket-noi-song-song",
        starts_at=at(14, 15),
        ends_at=at(16, 15),
        slot_minutes=30,
    )
    first = make_meeting_request(session, exhibitor)
    second = make_meeting_request(other, exhibitor)
    services.accept_meeting(meeting=first, slot_start=at(14), actor=None)

    with pytest.raises(services.SlotTaken) as error:
        services.accept_meeting(meeting=second, slot_start=at(14, 15), actor=None)

    assert error.value.code == "slot_overlap"


def test_accept_slot_outside_session_is_refused(session, exhibitor):
    meeting = make_meeting_request(session, exhibitor)

    with pytest.raises(services.EventsError) as error:
        services.accept_meeting(meeting=meeting, slot_start=at(14, 10), actor=None)

    assert error.value.code == "slot_outside_session"


@pytest.mark.parametrize(
    "changes",
    [{"starts_at": at(15), "ends_at": at(17)}, {"kind": SideEvent.Kind.SEMINAR}],
    ids=["moved an hour later", "turned into a seminar"],
)
def test_accept_in_a_session_changed_since_the_request_is_refused(session, exhibitor, changes):
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)))
    SideEvent.objects.filter(pk=session.pk).update(**changes)

    with pytest.raises(services.EventsError) as error:
        services.accept_meeting(meeting=meeting, slot_start=at(14), actor=None)

    assert error.value.code == "slot_outside_session"
    meeting.refresh_from_db()
    assert (meeting.status, meeting.slot_start) == ("pending", None)


def test_accept_when_all_tables_busy_is_refused(session, exhibitor):
    for _ in range(3):
        make_meeting_request(
            session, make_exhibitor(), status="accepted", slot_start=at(14), table_number=_ + 1
        )
    meeting = make_meeting_request(session, exhibitor)

    with pytest.raises(services.SlotTaken) as error:
        services.accept_meeting(meeting=meeting, slot_start=at(14), actor=None)

    assert error.value.code == "no_table"


def test_decline_tells_the_requester(session, exhibitor, django_capture_on_commit_callbacks):
    meeting = make_meeting_request(session, exhibitor)

    with django_capture_on_commit_callbacks(execute=True):
        services.decline_meeting(meeting=meeting, actor=None, note="Lịch kín")

    meeting.refresh_from_db()
    assert meeting.status == "declined"
    assert mail.outbox[0].to == [meeting.requester_email]
    assert "Lịch kín" in mail.outbox[0].body
    with pytest.raises(services.EventsError):
        services.decline_meeting(meeting=meeting, actor=None)


@pytest.mark.parametrize(
    ("language", "says"),
    [
        (
            "vi",
            "Rất tiếc, Canon Việt Nam không thể nhận lời gặp bạn trong “Kết nối doanh nghiệp ngày 1” (20/09/2024).",
        ),
        (
            "en",
            "We are sorry: Canon Vietnam cannot meet you during “Business matching day 1” (20/09/2024).",
        ),
    ],
)
def test_decline_names_the_session_declined(
    session, exhibitor, language, says, django_capture_on_commit_callbacks
):
    # A visitor may have asked the same company in two sessions: "in this session"
    # does not say which request was declined.
    meeting = make_meeting_request(session, exhibitor, language=language)

    with django_capture_on_commit_callbacks(execute=True):
        services.decline_meeting(meeting=meeting, actor=None)

    assert says in mail.outbox[0].body


def test_propose_other_slot_lets_requester_confirm_it(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)))

    with django_capture_on_commit_callbacks(execute=True):
        services.propose_other_slot(
            meeting=meeting, slot_start=at(15, 30), actor=None, note="Mời anh 15:30"
        )
    link = next(line for line in mail.outbox[0].body.splitlines() if "/events/meetings/" in line)
    path = link.strip().removeprefix("https://hoicho.example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"action": "confirm"})

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert (meeting.status, meeting.slot_start, meeting.table_number) == ("accepted", at(15, 30), 1)


def test_slots_that_have_begun_are_no_longer_offered_nor_taken(
    client, session, exhibitor, fair_clock
):
    fair_clock.set(at(14, 45))  # during the session: 14:00 and 14:30 have begun

    html = client.get(MEET).content.decode()
    tampered = client.post(MEET, meeting_data([at(14, 30)]))

    assert html.count('name="slots"') == 2
    assert "14:00–14:30" not in html and "15:00–15:30" in html
    assert tampered.status_code == 400
    assert MeetingRequest.objects.count() == 0


def test_an_exhibitor_cannot_accept_a_slot_gone_by(session, exhibitor, fair_clock):
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14), at(15)))
    fair_clock.set(at(14, 10))

    with pytest.raises(services.EventsError) as past:
        services.accept_meeting(meeting=meeting, slot_start=at(14), actor=None)
    accepted = services.accept_meeting(meeting=meeting, slot_start=at(15), actor=None)

    assert past.value.code == "slot_past"
    assert accepted.status == "accepted" and accepted.slot_start == at(15)


def test_text_emails_carry_what_was_typed_unescaped(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    exhibitor.email = "lienhe@canon.example.vn"
    exhibitor.save()
    data = meeting_data(
        [at(14)],
        name="Sean O'Brien",
        company="Smith & Sons",
        message='Budget < 5,000 USD & "low-flush" models',
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(MEET, data)

    bodies = "\n".join(message.body for message in mail.outbox)
    assert len(mail.outbox) == 2
    assert "Sean O'Brien (Smith & Sons)" in bodies
    assert 'Budget < 5,000 USD & "low-flush" models' in bodies
    assert "&amp;" not in bodies and "&#x27;" not in bodies and "&quot;" not in bodies


def test_requester_cannot_accept_their_own_request(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    # Only the exhibitor accepts a visitor's slots; the visitor's "confirm" is for a time
    # the exhibitor proposed instead. Sent by hand, it changes nothing and mails no one.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MEET, meeting_data([at(14)]))
    mail.outbox.clear()
    page = client.get(response["Location"]).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(response["Location"], {"action": "confirm"}, follow=True)

    meeting = MeetingRequest.objects.get()
    assert 'value="confirm"' not in page
    assert meeting.status == "pending" and meeting.slot_start is None
    assert "Không có giờ gặp nào chờ bạn xác nhận." in answer.content.decode()
    assert mail.outbox == []


def test_the_same_request_sent_twice_reaches_the_exhibitor_once(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(MEET, meeting_data([at(14)]))
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(MEET, meeting_data([at(15)], email="TANAKA@example.jp"))

    assert again.status_code == 400
    assert "Bạn đã gửi yêu cầu gặp doanh nghiệp này trong phiên này" in again.content.decode()
    assert MeetingRequest.objects.count() == 1
    assert sent >= 1 and len(mail.outbox) == sent  # nothing more sent for the second


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        (
            "",
            "Bạn đã có lịch gặp với Canon Việt Nam trong phiên này, lúc 20/09/2024 15:00–15:30. "
            "Để đổi giờ, hãy huỷ lịch gặp đó bằng liên kết trong e-mail xác nhận rồi gửi "
            "yêu cầu mới.",
        ),
        (
            "/en",
            "You already have a meeting with Canon Vietnam in this session, at 20/09/2024 "
            "15:00–15:30. To change the time, cancel that meeting with the link in its "
            "confirmation e-mail, then send a new request.",
        ),
    ],
)
def test_meet_a_second_request_to_a_company_already_met_in_the_session_is_refused(
    client, session, exhibitor, django_capture_on_commit_callbacks, prefix, message
):
    make_meeting_request(
        session,
        exhibitor,
        requester_email="tanaka@example.jp",
        status="accepted",
        slot_start=at(15),
        table_number=1,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{prefix}{MEET}", meeting_data([at(14)]))

    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert MeetingRequest.objects.filter(status="pending").count() == 0
    assert mail.outbox == []


def test_meet_api_refuses_a_second_request_to_a_company_already_met_in_the_session(
    client, session, exhibitor
):
    make_meeting_request(
        session,
        exhibitor,
        requester_email="tanaka@example.jp",
        status="accepted",
        slot_start=at(15),
        table_number=1,
    )
    body = {**meeting_data([at(14)]), "consent": True, "sector": None}
    del body["website_url"]

    response = client.post(
        "/api/v1/exhibitors/canon-viet-nam/meeting-requests/",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 409
    assert response.json()["detail"] == (
        "You already have a meeting with Canon Vietnam in this session, at 20/09/2024 15:00–15:30. "
        "To change the time, cancel that meeting with the link in its confirmation e-mail, "
        "then send a new request."
    )
    assert MeetingRequest.objects.filter(status="pending").count() == 0


def test_meet_a_company_met_in_another_session_may_be_asked_again(client, fair, session, exhibitor):
    other = make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        slug="ket-noi-ngay-2",
        starts_at=at(14, day=21),
        ends_at=at(16, day=21),
    )
    make_meeting_request(
        other,
        exhibitor,
        requester_email="tanaka@example.jp",
        status="accepted",
        slot_start=at(15, day=21),
        table_number=1,
    )

    response = client.post(MEET, meeting_data([at(14)]))

    assert response.status_code == 302
    assert MeetingRequest.objects.filter(status="pending").count() == 1


def test_a_new_request_may_follow_a_declined_one(client, session, exhibitor):
    client.post(MEET, meeting_data([at(14)]))
    services.decline_meeting(meeting=MeetingRequest.objects.get(), actor=None)

    again = client.post(MEET, meeting_data([at(15)]))

    assert again.status_code == 302
    assert MeetingRequest.objects.filter(status="pending").count() == 1


def test_requester_cancels_accepted_meeting_and_slot_is_offered_again(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MEET, meeting_data([at(14)]))
    meeting = MeetingRequest.objects.get()
    services.accept_meeting(meeting=meeting, slot_start=at(14), actor=None)
    assert client.get(MEET).content.decode().count('name="slots"') == 3

    client.post(response["Location"], {"action": "cancel", "confirm": "yes"})

    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    assert client.get(MEET).content.decode().count('name="slots"') == 4
    # The visitor's page names the agreed time that was cancelled, not the times asked.
    page = client.get(response["Location"]).content.decode()
    assert "Đã huỷ" in page and "Giờ gặp</dt><dd>20/09/2024, 14:00–14:30</dd>" in page
    assert "Khung giờ đề xuất" not in page


def test_a_meeting_that_has_begun_can_no_longer_be_cancelled_from_the_visitors_link(
    client, session, exhibitor, fair_clock, django_capture_on_commit_callbacks
):
    # Days after the fair, "Cancel request" on an agreed meeting marked it cancelled and
    # mailed the company that the visitor had cancelled a meeting already held.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MEET, meeting_data([at(14)]))
    meeting = MeetingRequest.objects.get()
    services.accept_meeting(meeting=meeting, slot_start=at(14), actor=None)
    fair_clock.set(at(10, day=23))
    mail.outbox.clear()

    page = client.get(response["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        after = client.post(
            response["Location"], {"action": "cancel", "confirm": "yes"}, follow=True
        )

    meeting.refresh_from_db()
    assert "Huỷ yêu cầu</button>" not in page
    assert "Cuộc gặp đã đến giờ nên không thể huỷ nữa." in after.content.decode()
    assert meeting.status == "accepted"
    assert mail.outbox == []


def _requested_in_english(client, capture, exhibitor):
    """Tanaka asks Canon for 15:00 from the English pages; the path of his link."""
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()
    exhibitor.members.add(make_user(email="dai.dien@canon.example.vn"))
    with capture(execute=True):
        response = client.post(f"/en{MEET}", meeting_data([at(15)]))
    mail.outbox.clear()
    return MeetingRequest.objects.get(), response["Location"]


def test_visitor_cancelling_an_accepted_meeting_tells_the_exhibitor_and_the_visitor(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    meeting, path = _requested_in_english(client, django_capture_on_commit_callbacks, exhibitor)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_meeting(meeting=meeting, slot_start=at(15), actor=None)
    originals = [calendar_of(m.attachments[0])[1] for m in mail.outbox]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"action": "cancel", "confirm": "yes"})

    to_exhibitor, to_visitor = mail.outbox
    for message, original in zip((to_visitor, to_exhibitor), originals, strict=True):
        [attachment] = message.attachments
        method, cancelled = calendar_of(attachment)
        assert attachment[0] == f"cancel-meeting-{meeting.pk}.ics"
        assert method == "CANCEL"
        assert str(cancelled["UID"]) == str(original["UID"])
        assert str(cancelled["STATUS"]) == "CANCELLED"
        assert cancelled.decoded("DTSTART") == original.decoded("DTSTART") == at(15)
        assert sequence(cancelled) > sequence(original)
    assert to_exhibitor.to == ["contact@canon.example.vn", "dai.dien@canon.example.vn"]
    assert to_exhibitor.reply_to == ["tanaka@example.jp"]
    assert to_exhibitor.subject == (
        "Khách huỷ lịch gặp: Tanaka Trading Co., Ltd. – 20/09/2024 15:00–15:30"
    )
    assert to_exhibitor.body.splitlines()[:6] == [
        "Xin chào,",
        "",
        "Tanaka Hiroshi (Tanaka Trading Co., Ltd.) đã huỷ cuộc gặp với doanh nghiệp của bạn.",
        "",
        "Giờ gặp: 20/09/2024, 15:00–15:30 (giờ Hà Nội)",
        "Địa điểm: Khu kết nối B2B, bàn số 1",
    ]
    assert "Bạn không cần chờ ở bàn vào giờ này." in to_exhibitor.body
    assert to_visitor.to == ["tanaka@example.jp"]
    assert to_visitor.subject == "Meeting cancelled: Canon Vietnam"
    assert to_visitor.body.splitlines()[:8] == [
        "Dear Tanaka Hiroshi,",
        "",
        "You have cancelled your meeting with Canon Vietnam. We have told the company.",
        "",
        "Time: 20/09/2024, 15:00–15:30 (Hanoi time, UTC+7)",
        "Venue: B2B area, table 1",
        "",
        "The attached calendar file removes this entry from your calendar app.",
    ]
    assert "Tệp lịch đính kèm sẽ xoá lịch này khỏi ứng dụng lịch của bạn." in to_exhibitor.body


def test_visitor_withdrawing_a_pending_request_is_confirmed_to_them_only(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    # The exhibitor is mailed when asked and when a meeting is fixed, not when a request
    # ends unanswered (declined, expired, withdrawn): their meetings page shows it.
    meeting, path = _requested_in_english(client, django_capture_on_commit_callbacks, exhibitor)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"action": "cancel", "confirm": "yes"})

    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    assert [m.to for m in mail.outbox] == [["tanaka@example.jp"]]
    assert mail.outbox[0].subject == "Meeting request to Canon Vietnam cancelled"
    assert "You have withdrawn your meeting request to Canon Vietnam." in mail.outbox[0].body
    assert mail.outbox[0].attachments == []  # a request never had a .ics to withdraw


def test_the_board_erasing_a_visitor_tells_the_exhibitor_without_naming_them(
    session, exhibitor, django_capture_on_commit_callbacks
):
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()
    meeting = make_meeting_request(
        session,
        exhibitor,
        requester_email="tanaka@example.jp",
        requester_name="Tanaka Hiroshi",
        requester_company="Tanaka Trading Co., Ltd.",
        status="accepted",
        slot_start=at(15),
        table_number=2,
    )
    accepted_ics = (
        None,
        calendars.meeting_calendar(meeting=meeting, language="vi"),
        "text/calendar",
    )
    _method, original = calendar_of(accepted_ics)  # what the acceptance mailed the company

    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase(email="tanaka@example.jp", actor=make_user(is_staff=True))

    (to_exhibitor,) = mail.outbox
    method, cancelled = calendar_of(to_exhibitor.attachments[0])
    assert (method, str(cancelled["STATUS"])) == ("CANCEL", "CANCELLED")
    assert str(cancelled["UID"]) == str(original["UID"])
    assert sequence(cancelled) > sequence(original)
    assert to_exhibitor.to == ["contact@canon.example.vn"]
    assert to_exhibitor.reply_to == []
    assert to_exhibitor.subject == "Ban tổ chức huỷ lịch gặp 20/09/2024 15:00–15:30"
    assert "Ban tổ chức đã huỷ một cuộc gặp của doanh nghiệp bạn." in to_exhibitor.body
    assert "Địa điểm: Khu kết nối B2B, bàn số 2" in to_exhibitor.body
    assert "Tanaka" not in to_exhibitor.subject + to_exhibitor.body


@pytest.mark.parametrize("page_language", ["vi", "en"])
def test_meeting_mails_name_the_exhibitor_in_each_recipients_language(
    session, exhibitor, django_capture_on_commit_callbacks, page_language
):
    # Whatever language the company (or the board) works in, the English-speaking
    # visitor reads "Canon Vietnam" in the subject as in the body, the company its own
    # Vietnamese name.
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()

    def english_request(email, slot):
        return make_meeting_request(
            session,
            exhibitor,
            requester_email=email,
            requester_company="Tanaka Trading Co., Ltd.",
            proposed_slots=_iso(slot),
            language="en",
        )

    accepted = english_request("accepted@example.jp", at(14))
    declined = english_request("declined@example.jp", at(14, 30))
    proposed = english_request("proposed@example.jp", at(14, 30))
    evening_before = datetime.datetime(2024, 9, 19, 18, 0, tzinfo=HANOI)
    data = {**meeting_data([at(15)], email="requested@example.jp"), "sector": None}

    with translation.override(page_language), django_capture_on_commit_callbacks(execute=True):
        services.accept_meeting(meeting=accepted, slot_start=at(14), actor=None)
        services.decline_meeting(meeting=declined, actor=None)
        services.propose_other_slot(meeting=proposed, slot_start=at(15, 30), actor=None)
        services.send_meeting_reminders(now=evening_before)
        services.cancel_meeting(meeting=accepted)
        services.request_meeting(
            exhibitor=exhibitor, session=session, data=data, slots=[at(15)], language="en"
        )

    company = ["contact@canon.example.vn"]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["accepted@example.jp"], "Meeting confirmed: Tanaka Trading Co., Ltd. – Canon Vietnam"),
        (company, "Lịch gặp đã chốt: Tanaka Trading Co., Ltd. – Canon Việt Nam"),
        (["declined@example.jp"], "Canon Vietnam has declined the meeting"),
        (["proposed@example.jp"], "Canon Vietnam proposes another meeting time"),
        (
            ["accepted@example.jp"],
            "Reminder: meeting tomorrow, Tanaka Trading Co., Ltd. – Canon Vietnam",
        ),
        (company, "Nhắc lịch gặp ngày mai: Tanaka Trading Co., Ltd. – Canon Việt Nam"),
        (company, "Khách huỷ lịch gặp: Tanaka Trading Co., Ltd. – 20/09/2024 14:00–14:30"),
        (["accepted@example.jp"], "Meeting cancelled: Canon Vietnam"),
        (["requested@example.jp"], "Meeting request sent to Canon Vietnam"),
        (company, "Yêu cầu gặp gỡ mới từ Tanaka Trading Co., Ltd."),
    ]
    for message in mail.outbox:
        if message.to != company:
            assert "Canon Việt Nam" not in message.subject + message.body
        else:
            assert "Canon Vietnam" not in message.subject + message.body


def test_meeting_mails_reach_an_english_speaking_company_in_english_and_each_person_in_theirs(
    session, exhibitor, django_capture_on_commit_callbacks
):
    # Canon applied in English; Lan, one of its representatives, works in Vietnamese.
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.language = "en"
    exhibitor.save()
    exhibitor.members.add(make_user(email="lan@canon.example.vn", language="vi"))
    meeting = make_meeting_request(
        session,
        exhibitor,
        requester_company="Cơ khí Hà Nội",
        proposed_slots=_iso(at(14)),
        language="vi",
    )
    evening_before = datetime.datetime(2024, 9, 19, 18, 0, tzinfo=HANOI)

    with django_capture_on_commit_callbacks(execute=True):
        services.accept_meeting(meeting=meeting, slot_start=at(14), actor=None)
        services.send_meeting_reminders(now=evening_before)
        services.cancel_meeting(meeting=meeting)

    company = [m for m in mail.outbox if m.to != [meeting.requester_email]]
    assert [(m.to, m.subject) for m in company] == [
        (["lan@canon.example.vn"], "Lịch gặp đã chốt: Cơ khí Hà Nội – Canon Việt Nam"),
        (["contact@canon.example.vn"], "Meeting confirmed: Cơ khí Hà Nội – Canon Vietnam"),
        (["lan@canon.example.vn"], "Nhắc lịch gặp ngày mai: Cơ khí Hà Nội – Canon Việt Nam"),
        (
            ["contact@canon.example.vn"],
            "Reminder: meeting tomorrow, Cơ khí Hà Nội – Canon Vietnam",
        ),
        (["lan@canon.example.vn"], "Khách huỷ lịch gặp: Cơ khí Hà Nội – 20/09/2024 14:00–14:30"),
        (
            ["contact@canon.example.vn"],
            "Meeting cancelled by the visitor: Cơ khí Hà Nội – 20/09/2024 14:00–14:30",
        ),
    ]
    assert f"/en/account/meetings/?company={exhibitor.pk}" in company[5].body
    assert "/en/" not in company[4].body


def test_a_visitors_mail_in_english_falls_back_on_the_vietnamese_name(
    session, django_capture_on_commit_callbacks
):
    exhibitor = make_exhibitor(name_vi="Công ty Cổ phần Sông Hồng", name_en="")
    meeting = make_meeting_request(session, exhibitor, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        services.decline_meeting(meeting=meeting, actor=None)

    assert mail.outbox[0].subject == "Công ty Cổ phần Sông Hồng has declined the meeting"


def test_meeting_tampered_token_is_404(client, session, exhibitor):
    make_meeting_request(session, exhibitor)

    assert client.get("/events/meetings/nhung-ky-tu-sai/").status_code == 404


def test_meeting_link_replaced_by_a_newer_one_says_to_use_the_newest_email(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(MEET, meeting_data([at(14)]))["Location"]
    meeting = MeetingRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_other_slot(meeting=meeting, slot_start=at(15, 30), actor=None)
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/events/meetings/" in line)
    newest = link.strip().removeprefix("https://hoicho.example.vn")

    old = client.get(first)
    old_en = client.get("/en" + first)

    assert client.get(newest).status_code == 200
    assert_link_no_longer_works(
        old,
        old_en,
        next_step=(
            "Trên trang đặt lịch gặp của doanh nghiệp, hãy yêu cầu gửi lại liên kết cá nhân "
            "(nếu yêu cầu của bạn còn hiệu lực) hoặc gửi yêu cầu mới."
        ),
        button='<a class="button" href="/exhibitors/">Tìm doanh nghiệp</a>',
        button_en='<a class="button" href="/en/exhibitors/">Search exhibitors</a>',
    )
    assert "đã được thay bằng một liên kết mới hơn, gửi kèm e-mail sau đó." in old.text
    assert "replaced by a newer link, sent in a later e-mail." in old_en.text
    assert (
        "No longer have that e-mail? On the company's meeting page, ask for your personal "
        "link again (if your request is still open) or send a new request." in old_en.text
    )


def test_expire_meetings_command_expires_requests_of_started_sessions(session, exhibitor, fair):
    later = make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        slug="ket-noi-ngay-3",
        starts_at=at(14, day=22),
        ends_at=at(16, day=22),
    )
    started = make_meeting_request(session, exhibitor)
    waiting = make_meeting_request(later, exhibitor)
    accepted = make_meeting_request(
        session, make_exhibitor(), status="accepted", slot_start=at(14), table_number=1
    )

    count = services.expire_pending(now=at(14, 1))

    statuses = dict(MeetingRequest.objects.values_list("pk", "status"))
    assert count == 1
    assert statuses == {started.pk: "expired", waiting.pk: "pending", accepted.pk: "accepted"}


def test_a_request_for_a_later_slot_waits_while_its_session_runs(session, exhibitor, fair_clock):
    # Sent at 14:45 for 15:00 (the form offers the slots still to come): the 15-minute
    # expiry run at 14:46 must leave it for the exhibitor to answer.
    fair_clock.set(at(14, 45))
    later = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(15)))
    gone_by = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14), at(14, 30)))

    services.expire_pending(now=at(14, 46))
    statuses = dict(MeetingRequest.objects.values_list("pk", "status"))
    services.expire_pending(now=at(15, 1))

    assert statuses == {later.pk: "pending", gone_by.pk: "expired"}
    later.refresh_from_db()
    assert later.status == "expired"  # once 15:00 itself had come


def test_expire_meetings_says_how_many_expired_and_when_in_hanoi_time(
    session, exhibitor, capsys, fair_clock
):
    make_meeting_request(session, exhibitor)
    fair_clock.set(at(16))  # after the session

    call_command("expire_meetings")
    call_command("expire_meetings")

    assert MeetingRequest.objects.get().status == "expired"
    assert capsys.readouterr().out.splitlines() == [
        "Lúc 20/09/2024 16:00 (giờ Hà Nội): 1 yêu cầu gặp gỡ chưa được trả lời đã hết hạn, "
        "vì mọi giờ đề xuất đã bắt đầu.",
        "Lúc 20/09/2024 16:00 (giờ Hà Nội): không có yêu cầu gặp gỡ nào hết hạn.",
    ]


def test_expire_meetings_speaks_english_when_the_operator_does(
    session, exhibitor, capsys, fair_clock
):
    make_meeting_request(session, exhibitor)
    make_meeting_request(session, make_exhibitor())
    fair_clock.set(at(16))

    with translation.override("en"):
        call_command("expire_meetings")

    assert capsys.readouterr().out == (
        "At 20/09/2024 16:00 (Hanoi time): 2 unanswered meeting requests expired, as all "
        "their proposed times have begun.\n"
    )


def test_agreement_and_reminder_mails_tell_each_side_where_to_see_or_call_off_the_meeting(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    # The visitor gets a personal link to their meeting's page, where they cancel; the
    # company its meeting requests.
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)), language="en")
    evening_before = datetime.datetime(2024, 9, 19, 18, 0, tzinfo=HANOI)

    with django_capture_on_commit_callbacks(execute=True):
        services.accept_meeting(meeting=meeting, slot_start=at(14), actor=make_user(is_staff=True))
        services.send_meeting_reminders(now=evening_before)

    base = settings.PORTAL_BASE_URL
    company_link = f"{base}/account/meetings/?company={exhibitor.pk}"
    bodies = {(m.to[0], m.subject.split(":")[0]): m.body for m in mail.outbox}
    visitor_links = set()
    for subject in ("Meeting confirmed", "Reminder"):
        visitor = bodies[meeting.requester_email, subject]
        found = re.search(
            r"Cannot come\? Cancel the meeting on its page, at your personal link \(keep it to "
            r"yourself\):\n" + re.escape(base) + r"(/en/events/meetings/[^/\s]+/)\n",
            visitor,
        )
        assert found, visitor
        assert company_link not in visitor and "meet/link" not in visitor
        visitor_links.add(found.group(1))
    for subject in ("Lịch gặp đã chốt", "Nhắc lịch gặp ngày mai"):
        company = bodies["contact@canon.example.vn", subject]
        assert f"Xem hoặc huỷ cuộc gặp tại:\n{company_link}" in company
        assert "/events/meetings/" not in company
    # One link, to this meeting's page, where the visitor can call it off.
    (visitor_link,) = visitor_links
    page = client.get(visitor_link)
    assert page.status_code == 200
    assert page.context["meeting"] == meeting
    assert 'name="action" value="cancel"' in page.text


def test_the_agreement_mail_link_is_no_guess_and_stops_working_with_the_first_one(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    # The link is as secret as the first mail's: not the meeting's number with anything
    # else after it, and it is replaced, as the first link is, when the visitor asks
    # for their link again.
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)))
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_meeting(meeting=meeting, slot_start=at(14), actor=make_user(is_staff=True))
    (agreed,) = mail.outbox
    link = re.search(r"https?://\S+(/events/meetings/[^/\s]+/)", agreed.body).group(1)
    token = link.split("/")[-2]
    forged = f"/events/meetings/{meeting.pk}.{'A' * (len(token) - len(str(meeting.pk)) - 1)}/"

    assert client.get(link).status_code == 200
    assert client.get(forged).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_meeting_links(exhibitor=exhibitor, email=meeting.requester_email)
    assert client.get(link).status_code == 404


def test_reminders_go_to_both_sides_once_the_day_before(
    session, exhibitor, django_capture_on_commit_callbacks
):
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()
    meeting = make_meeting_request(
        session, exhibitor, status="accepted", slot_start=at(14), table_number=1
    )
    evening_before = datetime.datetime(2024, 9, 19, 18, 0, tzinfo=HANOI)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_meeting_reminders(now=evening_before)
        second = services.send_meeting_reminders(now=evening_before)
        too_early = services.send_meeting_reminders(now=evening_before - datetime.timedelta(days=1))

    assert (first, second, too_early) == (1, 0, 0)
    assert [m.to for m in mail.outbox] == [[meeting.requester_email], ["contact@canon.example.vn"]]
    assert mail.outbox[0].subject.startswith("Nhắc lịch gặp ngày mai")


def test_a_meeting_agreed_after_the_mornings_reminders_is_reminded_by_the_next_run(
    session, exhibitor, django_capture_on_commit_callbacks
):
    """The cron lines run the reminders hourly in the daytime: a meeting agreed in
    the afternoon for tomorrow is reminded by the next run, and the morning's once."""
    morning = make_meeting_request(
        session, exhibitor, status="accepted", slot_start=at(9), table_number=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.send_meeting_reminders(now=datetime.datetime(2024, 9, 19, 8, 0, tzinfo=HANOI))
    afternoon = make_meeting_request(
        session, exhibitor, status="accepted", slot_start=at(14), table_number=2
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        later = services.send_meeting_reminders(
            now=datetime.datetime(2024, 9, 19, 15, 0, tzinfo=HANOI)
        )

    assert later == 1
    assert [m.to for m in mail.outbox][0] == [afternoon.requester_email]
    assert morning.requester_email not in [m.to[0] for m in mail.outbox]


def test_send_meeting_reminders_says_how_many_meetings_of_which_day(
    fair, exhibitor, capsys, django_capture_on_commit_callbacks
):
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time(14, 0), tzinfo=HANOI)
    session = make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        slug="ket-noi-ngay-mai",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    meeting = make_meeting_request(
        session, exhibitor, status="accepted", slot_start=start, table_number=1
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_meeting_reminders")
        call_command("send_meeting_reminders")

    assert capsys.readouterr().out.splitlines() == [
        f"Đã gửi e-mail nhắc lịch cho 1 cuộc gặp ngày mai ({tomorrow:%d/%m/%Y}), tới cả "
        "doanh nghiệp và khách.",
        f"Không có cuộc gặp đã chốt nào ngày mai ({tomorrow:%d/%m/%Y}) còn chờ nhắc lịch.",
    ]
    assert [m.to for m in mail.outbox] == [[meeting.requester_email], ["contact@canon.example.vn"]]


# /account/meetings/ --------------------------------------------------------------


def _representative(client, exhibitor):
    user = make_user()
    exhibitor.members.add(user)
    client.force_login(user)
    return user


def test_account_meetings_needs_login(client, session):

    response = client.get("/account/meetings/")

    assert response.status_code == 302
    assert "next=/account/meetings/" in response["Location"]


def test_account_meetings_lists_only_own_company_requests(client, session, exhibitor):
    _representative(client, exhibitor)
    make_meeting_request(session, exhibitor, requester_company="Tanaka Trading")
    make_meeting_request(session, make_exhibitor(), requester_company="Kim Industrial")

    html = client.get("/account/meetings/").content.decode()

    assert "Tanaka Trading" in html
    assert "Kim Industrial" not in html


def test_a_representative_of_two_companies_reaches_the_request_from_the_mails_link(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    user = _representative(client, exhibitor)
    # Signed in, working on their other company.
    other = make_exhibitor(name_vi="Ánh Dương", members=[user])
    client.post("/account/choose/", {"exhibitor": other.pk})
    assert client.get("/account/meetings/").context["exhibitor"] == other

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(MEET, meeting_data([at(14)]))

    (to_company,) = [m for m in mail.outbox if m.to == [user.email]]
    link = re.search(r"https://hoicho\.example\.vn(/account/meetings/\S*)", to_company.body)
    page = client.get(link.group(1))
    assert "Tanaka Hiroshi (Tanaka Trading Co., Ltd.) muốn gặp Canon Việt Nam trong " in (
        to_company.body
    )
    assert page.status_code == 200
    assert page.context["exhibitor"] == exhibitor
    assert [m.requester_name for m in page.context["meetings"]] == ["Tanaka Hiroshi"]
    # The company chosen by the link stays chosen on the next pages.
    assert client.get("/account/products/").context["exhibitor"] == exhibitor


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        ("", "Không đến được? Hãy báo Ban tổ chức tại "),
        ("/en", "Cannot make it? Tell the organisers at "),
    ],
)
def test_an_accepted_meeting_says_how_to_call_it_off(client, session, exhibitor, prefix, said):
    _representative(client, exhibitor)
    make_meeting_request(session, exhibitor, status="accepted", slot_start=at(14), table_number=2)

    page = client.get(f"{prefix}/account/meetings/").content.decode()

    board = '<a href="mailto:bql-hoicho@hoicho-kcn.example.vn">bql-hoicho@hoicho-kcn.example.vn</a>'
    assert said + board in page


def test_account_meetings_name_the_visitors_country(client, session, exhibitor):
    _representative(client, exhibitor)
    make_meeting_request(session, exhibitor, requester_country="JP")

    html = client.get("/account/meetings/").content.decode()

    assert '<p class="muted">Nhật Bản · ' in html


@pytest.mark.parametrize(
    ("prefix", "phone", "zalo", "shown"),
    [
        ("", "+84912345678", "+84987654321", '">0912 345 678</a> · Zalo {0987 654 321}</p>'),
        (
            "/en",
            "+84912345678",
            "+84987654321",
            '">+84 912 345 678</a> · Zalo {+84 987 654 321}</p>',
        ),
        # Numbers of other countries: their calling code, then their country's groups,
        # in either language (format_phone).
        (
            "",
            "+81312345678",
            "+821012345678",
            '">+81 3 1234 5678</a> · Zalo {+82 10 1234 5678}</p>',
        ),
        (
            "/en",
            "+81312345678",
            "+821012345678",
            '">+81 3 1234 5678</a> · Zalo {+82 10 1234 5678}</p>',
        ),
    ],
)
def test_account_meetings_write_the_visitors_phone_and_zalo_as_people_do(
    client, session, exhibitor, prefix, phone, zalo, shown
):
    _representative(client, exhibitor)
    make_meeting_request(session, exhibitor, requester_phone=phone, requester_zalo=zalo)

    page = client.get(f"{prefix}/account/meetings/").content.decode()

    shown = shown.replace("{", '<span class="phone-number">').replace("}", "</span>")
    assert f'<a href="tel:{phone}{shown}' in page


@pytest.mark.parametrize(
    ("prefix", "when", "note"),
    [
        ("", "Đã từ chối lúc 18/09/2024 09:05.", "Lời nhắn gửi khách: Lịch kín cả buổi chiều."),
        ("/en", "Declined on 18/09/2024 09:05.", "Message to the visitor: Lịch kín cả buổi chiều."),
    ],
)
def test_account_declined_card_says_when_and_the_note_sent(
    client, session, exhibitor, prefix, when, note
):
    _representative(client, exhibitor)
    meeting = make_meeting_request(session, exhibitor, requester_company="Tanaka Trading")
    services.decline_meeting(meeting=meeting, actor=None, note="Lịch kín cả buổi chiều.")
    # 02:05 UTC: the card gives the time in Hanoi.
    decided = datetime.datetime(2024, 9, 18, 2, 5, tzinfo=datetime.UTC)
    MeetingRequest.objects.filter(pk=meeting.pk).update(decided_at=decided)

    page = html.unescape(client.get(f"{prefix}/account/meetings/").content.decode())

    card = _card(page, meeting)
    assert f"<p>{when}</p>" in card
    assert f"<p>{note}</p>" in card


def test_account_accepts_a_meeting(client, session, exhibitor, django_capture_on_commit_callbacks):
    user = _representative(client, exhibitor)
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14), at(15)))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/meetings/",
            {
                "meeting": meeting.pk,
                "action": "accept",
                "slot": at(15).isoformat(),
                "other_slot": "",
                "note": "Hẹn gặp tại gian B01.",
            },
        )

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert (meeting.status, meeting.slot_start, meeting.table_number) == ("accepted", at(15), 1)
    assert AuditEntry.objects.get(action="meeting.accepted").actor == user
    assert meeting.decision_note == "Hẹn gặp tại gian B01."
    assert "Hẹn gặp tại gian B01." in mail.outbox[0].body


def test_account_page_says_which_times_are_proposed_to_another_visitor(client, session, exhibitor):
    _representative(client, exhibitor)
    waiting = make_meeting_request(
        session, exhibitor, requester_company="Tanaka Trading", proposed_slots=_iso(at(14))
    )
    services.propose_other_slot(meeting=waiting, slot_start=at(15, 30), actor=None)
    asking = make_meeting_request(
        session, exhibitor, requester_company="Kim Industrial", proposed_slots=_iso(at(15, 30))
    )

    page = html.unescape(client.get("/account/meetings/").content.decode())
    card = page[page.index("Kim Industrial") :]
    accepted = client.post(
        "/account/meetings/",
        {"meeting": asking.pk, "action": "accept", "slot": at(15, 30).isoformat()},
        follow=True,
    )

    assert "15:30–16:00 (khách đề xuất) " in card
    assert '<span class="slot-held">đã đề xuất cho Tanaka Trading</span>' in card
    own = page[page.index("Tanaka Trading") : page.index("Kim Industrial")]
    assert "đã đề xuất cho" not in own  # its own proposal is not "held by" itself
    assert (
        "Giờ này bạn đã đề xuất cho Tanaka Trading; họ không còn xác nhận được. "
        "Hãy đề xuất cho họ giờ khác."
    ) in html.unescape(accepted.content.decode())


def test_account_page_tells_its_own_proposal_from_the_visitors_and_a_time_now_taken(
    client, session, exhibitor
):
    _representative(client, exhibitor)
    waiting = make_meeting_request(
        session, exhibitor, requester_company="Tanaka Trading", proposed_slots=_iso(at(14))
    )
    services.propose_other_slot(meeting=waiting, slot_start=at(15, 30), actor=None)
    other = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(15, 30)))
    services.accept_meeting(meeting=other, slot_start=at(15, 30), actor=None)

    page = html.unescape(client.get("/account/meetings/").content.decode())
    card = page[page.index("Tanaka Trading") :]

    assert (
        '<p>Bạn đã đề xuất 20/09/2024 15:30–16:00: đang chờ khách xác nhận. <span class="slot-held">'
        "đã có cuộc gặp khác</span></p>"
    ) in card
    assert "(khách đề xuất)" not in card[: card.index("</form>")]


@pytest.mark.parametrize(
    ("prefix", "label"),
    [("", "khách đã có cuộc gặp khác"), ("/en", "the visitor has another meeting")],
)
def test_account_page_greys_out_times_the_visitor_has_since_agreed_with_another_company(
    client, session, exhibitor, prefix, label
):
    # Tanaka asked Canon for 14:00 and 15:30; then agreed 15:30 and 14:30 with TOTO.
    _representative(client, exhibitor)
    meeting = make_meeting_request(
        session,
        exhibitor,
        requester_email="tanaka@example.jp",
        proposed_slots=_iso(at(14), at(15, 30)),
    )
    toto = make_exhibitor(name_vi="TOTO Việt Nam")
    for slot in (at(15, 30), at(14, 30)):
        make_meeting_request(
            session,
            toto,
            requester_email="tanaka@example.jp",
            status="accepted",
            slot_start=slot,
            table_number=1,
        )

    card = html.unescape(_card(client.get(f"{prefix}/account/meetings/").text, meeting))

    radio = r'<label class="check([^"]*)"><input type="radio" name="slot" value="([^"]+)"([^>]*)>'
    assert re.findall(radio, card) == [
        ("", at(14).isoformat(), " checked"),
        (" is-gone", at(15, 30).isoformat(), " disabled"),
    ]
    assert f'<span class="slot-held">{label}</span>' in card
    options = re.findall(r'<option value="([^"]*)"([^>]*)>([^<]*)</option>', card)
    assert options == [
        ("", "", "—"),
        (at(14, 30).isoformat(), " disabled", f"20/09/2024, 14:30–15:00 ({label})"),
        (at(15).isoformat(), "", "20/09/2024, 15:00–15:30"),
    ]


def test_account_page_greys_out_a_time_overlapping_the_visitors_meeting_in_another_session(
    client, fair, session, exhibitor
):
    _representative(client, exhibitor)
    meeting = make_meeting_request(
        session, exhibitor, requester_email="tanaka@example.jp", proposed_slots=_iso(at(14), at(15))
    )
    other = make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        slug="ket-noi-song-song",
        starts_at=at(14, 15),
        ends_at=at(16, 15),
        slot_minutes=30,
    )
    make_meeting_request(
        other,
        make_exhibitor(),
        requester_email="tanaka@example.jp",
        status="accepted",
        slot_start=at(14, 15),  # until 14:45: overlaps 14:00–14:30, not 15:00
        table_number=1,
    )

    card = _card(client.get("/account/meetings/").text, meeting)

    assert re.findall(r'<input type="radio" name="slot" value="([^"]+)"([^>]*)>', card) == [
        (at(14).isoformat(), " disabled"),
        (at(15).isoformat(), " checked"),
    ]


def _card(page: str, meeting) -> str:
    return re.search(
        rf'<li class="card meeting-card" id="meeting-{meeting.pk}">.*?</li>', page, re.S
    ).group(0)


def _proposed_to_the_visitor(session, exhibitor, capture, **kwargs):
    """A request for 14:00 to which the exhibitor proposed 15:30 instead; and the path
    of the visitor's link, from the proposal's mail."""
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)), **kwargs)
    with capture(execute=True):
        services.propose_other_slot(meeting=meeting, slot_start=at(15, 30), actor=None)
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/events/meetings/" in line)
    mail.outbox.clear()
    meeting.refresh_from_db()
    return meeting, link.strip().removeprefix("https://hoicho.example.vn")


@pytest.mark.parametrize(
    "language, status, time, said, gone",
    [
        (
            "vi",
            "Chờ bạn xác nhận",
            "<dt>Giờ doanh nghiệp đề xuất</dt><dd>20/09/2024, 15:30–16:00</dd>",
            "Canon Việt Nam đề xuất gặp bạn vào giờ khác, 20/09/2024 lúc 15:30–16:00, và đang chờ "
            "bạn xác nhận. Lịch gặp chỉ được chốt khi bạn bấm “Đồng ý giờ gặp này”; nếu giờ "
            "này không hợp, bạn có thể huỷ yêu cầu.",
            ["Chờ trả lời", "Khung giờ đề xuất"],
        ),
        (
            "en",
            "Awaiting your confirmation",
            "<dt>Time proposed by the company</dt><dd>20/09/2024, 15:30–16:00</dd>",
            "Canon Vietnam has proposed to meet you at another time, 20/09/2024, 15:30–16:00, and "
            "awaits your confirmation. The meeting is fixed only once you press “Accept this "
            "time”; if this time does not suit you, you can cancel the request.",
            ["Awaiting reply", "Proposed time slots"],
        ),
    ],
)
def test_visitor_page_says_the_company_proposed_a_time_that_awaits_their_confirmation(
    client,
    session,
    exhibitor,
    django_capture_on_commit_callbacks,
    language,
    status,
    time,
    said,
    gone,
):
    _meeting, path = _proposed_to_the_visitor(
        session, exhibitor, django_capture_on_commit_callbacks, language=language
    )

    page = html.unescape(client.get(path).content.decode())

    assert f'<dd class="status status-pending">{status}</dd>' in page
    assert time in page
    assert f'<p class="message">{said}</p>' in page
    assert page.index(said) < page.index('value="confirm"') < page.index('value="cancel"')
    for text in gone:  # nothing reads as the visitor's own request waiting for the company
        assert text not in page


def _agreed_since(fair, session, exhibitor, whose):
    """A meeting agreed after Canon proposed 15:30 to Tanaka, overlapping that time:
    Tanaka's with TOTO at 15:30 in the same session, or 15:15–16:15 in another one; or
    Canon's with another visitor at 15:30."""
    toto = make_exhibitor(name_vi="TOTO Việt Nam", name_en="TOTO Vietnam")
    if whose == "visitor, same session":
        make_meeting_request(
            session,
            toto,
            requester_email="tanaka@example.jp",
            status="accepted",
            slot_start=at(15, 30),
            table_number=1,
        )
    elif whose == "visitor, another session":
        _meeting_in_another_session(fair, toto, "tanaka@example.jp", slot_start=at(15, 15))
    else:
        other = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(15, 30)))
        services.accept_meeting(meeting=other, slot_start=at(15, 30), actor=None)


WHAT_TO_DO = {
    "vi": "Doanh nghiệp có thể đề xuất cho bạn giờ khác (bạn sẽ nhận e-mail). Nếu không muốn "
    "chờ, hãy huỷ yêu cầu này rồi gửi yêu cầu mới với giờ khác từ trang của doanh nghiệp.",
    "en": "The company can propose another time to you (you will get an e-mail). If you "
    "would rather not wait, cancel this request, then send a new one for another time "
    "from the company's page.",
}
NOT_CONFIRMED = {
    "vi": "Chưa chốt được lịch gặp: giờ này không còn trống (xem bên dưới).",
    "en": "The meeting was not confirmed: this time is no longer free (see below).",
}
NO_LONGER = {
    ("vi", "visitor, same session"): "Giờ doanh nghiệp đề xuất, 20/09/2024 15:30–16:00, không còn "
    "chốt được: bạn đã có lịch gặp với TOTO Việt Nam lúc 20/09/2024 15:30–16:00.",
    (
        "en",
        "visitor, same session",
    ): "The time the company proposed, 20/09/2024 15:30–16:00, can no "
    "longer be confirmed: you have since agreed a meeting with TOTO Vietnam at 20/09/2024 "
    "15:30–16:00.",
    ("vi", "visitor, another session"): "Giờ doanh nghiệp đề xuất, 20/09/2024 15:30–16:00, không "
    "còn chốt được: bạn đã có lịch gặp với TOTO Việt Nam lúc 20/09/2024 15:15–16:15.",
    (
        "en",
        "visitor, another session",
    ): "The time the company proposed, 20/09/2024 15:30–16:00, can "
    "no longer be confirmed: you have since agreed a meeting with TOTO Vietnam at "
    "20/09/2024 15:15–16:15.",
    ("vi", "company"): "Giờ doanh nghiệp đề xuất, 20/09/2024 15:30–16:00, không còn chốt được: "
    "doanh nghiệp vừa có cuộc gặp khác vào giờ này.",
    ("en", "company"): "The time the company proposed, 20/09/2024 15:30–16:00, can no longer be "
    "confirmed: the company has since agreed another meeting at that time.",
}
WHOSE = ["visitor, same session", "visitor, another session", "company"]


@pytest.mark.parametrize("whose", WHOSE)
@pytest.mark.parametrize("language, status", [("vi", "Chờ trả lời"), ("en", "Awaiting reply")])
def test_visitor_page_says_which_meeting_agreed_since_stands_in_the_proposals_way(
    client,
    fair,
    session,
    exhibitor,
    django_capture_on_commit_callbacks,
    language,
    status,
    whose,
):
    _meeting, path = _proposed_to_the_visitor(
        session,
        exhibitor,
        django_capture_on_commit_callbacks,
        language=language,
        requester_email="tanaka@example.jp",
    )
    _agreed_since(fair, session, exhibitor, whose)

    page = html.unescape(client.get(path).content.decode())

    warning = f'<p class="message message-warning">{NO_LONGER[language, whose]} '
    assert warning + f"{WHAT_TO_DO[language]}</p>" in page
    assert f'<dd class="status status-pending">{status}</dd>' in page  # not "awaiting you"
    assert 'value="confirm"' not in page
    assert page.index(warning) < page.index('value="cancel"')


@pytest.mark.parametrize("whose", WHOSE)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_confirming_a_proposal_a_meeting_agreed_since_overlaps_is_refused_and_writes_nothing(
    client, fair, session, exhibitor, django_capture_on_commit_callbacks, language, whose
):
    # The page no longer offers "confirm"; a page opened before, or a second tab, still
    # posts it.
    meeting, path = _proposed_to_the_visitor(
        session,
        exhibitor,
        django_capture_on_commit_callbacks,
        language=language,
        requester_email="tanaka@example.jp",
    )
    _agreed_since(fair, session, exhibitor, whose)
    accepted_before = AuditEntry.objects.filter(action="meeting.accepted").count()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"action": "confirm"}, follow=True)

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    # Why, once, under the proposal; the message on top only says it was not confirmed.
    assert f'<p class="message message-error">{NOT_CONFIRMED[language]}</p>' in page
    assert page.count(NO_LONGER[language, whose]) == 1
    meeting.refresh_from_db()
    assert (meeting.status, meeting.slot_start, meeting.table_number) == ("pending", None, None)
    assert AuditEntry.objects.filter(action="meeting.accepted").count() == accepted_before
    assert mail.outbox == []


@pytest.mark.parametrize(
    "slot", [at(15, 30), at(14)], ids=["the proposed time", "the time asked first"]
)
def test_accept_meeting_refuses_a_time_waiting_for_the_visitors_confirmation(
    session, exhibitor, django_capture_on_commit_callbacks, slot
):
    meeting, _path = _proposed_to_the_visitor(
        session, exhibitor, django_capture_on_commit_callbacks
    )
    board = make_user(is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(services.EventsError) as refused:
            services.accept_meeting(meeting=meeting, slot_start=slot, actor=board)

    meeting.refresh_from_db()
    assert refused.value.code == "awaiting_visitor"
    assert str(refused.value.message) == (
        "Doanh nghiệp đã đề xuất giờ khác cho yêu cầu này; đang chờ khách xác nhận. "
        "Chỉ khách chốt được giờ đó."
    )
    assert (meeting.status, meeting.slot_start, meeting.table_number) == ("pending", None, None)
    assert meeting.proposed_slots == _iso(at(15, 30))
    assert AuditEntry.objects.filter(action="meeting.accepted").count() == 0
    assert mail.outbox == []


def test_account_page_shows_a_proposal_awaiting_the_visitor_with_no_accept_button(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    _representative(client, exhibitor)
    waiting, _path = _proposed_to_the_visitor(
        session, exhibitor, django_capture_on_commit_callbacks
    )
    asking = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(15)))

    page = html.unescape(client.get("/account/meetings/").content.decode())

    card = _card(page, waiting)
    assert "<p>Bạn đã đề xuất 20/09/2024 15:30–16:00: đang chờ khách xác nhận.</p>" in card
    assert 'value="accept"' not in card
    assert 'name="slot"' not in card
    assert 'value="decline"' in card and 'value="propose"' in card
    assert "Để đổi giờ đã đề xuất, chọn ở đây rồi bấm “Đề xuất giờ khác”" in card
    # A request the visitor is still waiting on keeps its "accept".
    assert 'value="accept"' in _card(page, asking)


def test_account_accept_of_its_own_proposal_is_refused_and_the_visitor_still_confirms(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    _representative(client, exhibitor)
    meeting, path = _proposed_to_the_visitor(session, exhibitor, django_capture_on_commit_callbacks)

    # From a page open since before the proposal, or sent by hand.
    response = _answer(
        client,
        django_capture_on_commit_callbacks,
        meeting,
        action="accept",
        slot=at(15, 30).isoformat(),
        other_slot="",
    )

    assert response.status_code == 400
    assert (
        'role="alert">Doanh nghiệp đã đề xuất giờ khác cho yêu cầu này; đang chờ khách xác '
        "nhận. Chỉ khách chốt được giờ đó.</p>"
    ) in html.unescape(_card(response.text, meeting))
    meeting.refresh_from_db()
    assert (meeting.status, meeting.slot_start) == ("pending", None)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(path, {"action": "confirm"})

    meeting.refresh_from_db()
    assert confirmed.status_code == 302
    assert (meeting.status, meeting.slot_start, meeting.table_number) == ("accepted", at(15, 30), 1)
    assert AuditEntry.objects.get(action="meeting.accepted").actor is None


def test_account_declines_a_request_awaiting_the_visitor(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    _representative(client, exhibitor)
    meeting, _path = _proposed_to_the_visitor(
        session, exhibitor, django_capture_on_commit_callbacks
    )

    response = _answer(
        client, django_capture_on_commit_callbacks, meeting, action="decline", confirm="yes"
    )

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.status == "declined"


@pytest.mark.parametrize(
    ("prefix", "summary", "said", "button"),
    [
        (
            "",
            "Từ chối…",
            "Tanaka Trading sẽ nhận e-mail báo doanh nghiệp không nhận lời gặp, kèm lời nhắn "
            "này nếu có. Không hoàn tác được.",
            "Có, từ chối yêu cầu này",
        ),
        (
            "/en",
            "Decline…",
            "Tanaka Trading will receive an e-mail saying that your company has declined the "
            "meeting, with this message if any. This cannot be undone.",
            "Yes, decline this request",
        ),
    ],
)
def test_account_decline_is_behind_a_confirmation_step(
    client, session, exhibitor, prefix, summary, said, button
):
    _representative(client, exhibitor)
    meeting = make_meeting_request(session, exhibitor, requester_company="Tanaka Trading")

    card = html.unescape(_card(client.get(f"{prefix}/account/meetings/").text, meeting))

    decision, disclosure = card.split('<details class="decline-meeting">')
    assert 'value="decline"' not in decision  # no one-tap "Decline" beside "Accept"
    assert f"<summary>{summary}</summary>" in disclosure
    assert '<input type="hidden" name="action" value="decline">' in disclosure
    assert f"<p>{said}</p>" in disclosure
    assert (
        f'<button type="submit" name="confirm" value="yes" class="button-danger">{button}</button>'
    ) in disclosure


def test_account_decline_without_the_confirmation_declines_nothing(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    _representative(client, exhibitor)
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)))

    # A page opened before the confirmation step, or a request sent by hand.
    response = _answer(
        client, django_capture_on_commit_callbacks, meeting, action="decline", note="Lịch kín"
    )

    card = html.unescape(_card(response.text, meeting))
    assert response.status_code == 400
    assert ('role="alert">Chưa từ chối: hãy bấm “Có, từ chối yêu cầu này” để xác nhận.</p>') in card
    assert '<details class="decline-meeting" open>' in card
    assert 'name="note" maxlength="1000" value="Lịch kín"' in card
    meeting.refresh_from_db()
    assert meeting.status == "pending"
    assert mail.outbox == []


def test_account_decline_confirmed_declines_with_its_note(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    user = _representative(client, exhibitor)
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)))

    response = _answer(
        client,
        django_capture_on_commit_callbacks,
        meeting,
        action="decline",
        confirm="yes",
        note="Lịch kín",
    )

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert (meeting.status, meeting.decision_note) == ("declined", "Lịch kín")
    assert AuditEntry.objects.get(action="meeting.declined").actor == user
    assert [m.to for m in mail.outbox] == [[meeting.requester_email]]
    assert "Lời nhắn: Lịch kín" in mail.outbox[0].body


def test_account_other_slot_select_wins_over_proposed_radio(client, session, exhibitor):
    _representative(client, exhibitor)
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)))

    client.post(
        "/account/meetings/",
        {
            "meeting": meeting.pk,
            "action": "propose",
            "slot": at(14).isoformat(),
            "other_slot": at(15, 30).isoformat(),
        },
    )

    meeting.refresh_from_db()
    assert meeting.proposed_slots == _iso(at(15, 30))


def _answer(client, capture, meeting, **data):
    with capture(execute=True):
        return client.post("/account/meetings/", {"meeting": meeting.pk, "note": "", **data})


def _unchanged(meeting, before) -> None:
    meeting.refresh_from_db()
    assert (meeting.status, meeting.proposed_slots, meeting.token_hash) == before
    assert (meeting.other_slot_proposed_at, meeting.slot_start) == (None, None)
    assert AuditEntry.objects.filter(action__startswith="meeting.").count() == 0
    assert mail.outbox == []


def _asked_for_two_times(client, session, exhibitor):
    """A pending request for 14:30 and 15:00, its representative signed in; and what
    must stay as it is when an answer is refused."""
    _representative(client, exhibitor)
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14, 30), at(15)))
    return meeting, ("pending", meeting.proposed_slots, meeting.token_hash)


@pytest.mark.parametrize(
    ("other_slot", "message"),
    [
        # "Hoặc giờ khác" left at "—" while the visitor's first time is ticked.
        ("", "Chọn một giờ khác để đề xuất."),
        # One of the visitor's own times, sent from a page older than the select's choices.
        (
            at(15).isoformat(),
            "Khách đã xin giờ này. Để gặp vào giờ này, hãy bấm “Nhận lời”; để đề xuất, "
            "hãy chọn một giờ khách chưa xin.",
        ),
    ],
    ids=["no other time", "a time the visitor asked for"],
)
def test_account_propose_needs_a_time_the_visitor_did_not_ask_for_and_changes_nothing(
    client, session, exhibitor, django_capture_on_commit_callbacks, other_slot, message
):
    meeting, before = _asked_for_two_times(client, session, exhibitor)

    response = _answer(
        client,
        django_capture_on_commit_callbacks,
        meeting,
        action="propose",
        slot=at(14, 30).isoformat(),
        other_slot=other_slot,
    )

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert message in page
    assert "Đã gửi đề xuất giờ khác." not in page
    _unchanged(meeting, before)


def test_propose_other_slot_refuses_the_time_already_proposed(session, exhibitor):
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)))
    services.propose_other_slot(meeting=meeting, slot_start=at(15, 30), actor=None)
    meeting.refresh_from_db()
    token_hash = meeting.token_hash

    with pytest.raises(services.EventsError) as error:
        services.propose_other_slot(meeting=meeting, slot_start=at(15, 30), actor=None)

    meeting.refresh_from_db()
    assert error.value.code == "already_proposed"
    assert meeting.token_hash == token_hash


def test_account_accept_with_another_time_chosen_is_refused_with_what_to_do(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    # Only the visitor's times are accepted at once; another time is proposed to them.
    meeting, before = _asked_for_two_times(client, session, exhibitor)

    response = _answer(
        client,
        django_capture_on_commit_callbacks,
        meeting,
        action="accept",
        slot=at(15).isoformat(),
        other_slot=at(15, 30).isoformat(),
        note="Gặp ở quầy A07 nhé",
    )

    assert response.status_code == 400
    # The reason is on the request's card, which keeps what was typed and chosen.
    card = re.search(
        rf'<li class="card meeting-card" id="meeting-{meeting.pk}">.*?</li>', response.text, re.S
    ).group(0)
    assert (
        'role="alert">Giờ chọn ở “Hoặc giờ khác” chưa được khách xác nhận nên không nhận lời '
        "ngay được: bấm “Đề xuất giờ khác” để gửi cho khách, hoặc để ô đó ở “—” và nhận lời một "
        "giờ ở trên."
    ) in html.unescape(card)
    assert 'name="note" maxlength="1000" value="Gặp ở quầy A07 nhé"' in card
    assert f'value="{at(15).isoformat()}" checked' in card
    assert f'value="{at(15, 30).isoformat()}" selected' in card
    assert f'action="#meeting-{meeting.pk}"' in card
    _unchanged(meeting, before)


@pytest.mark.parametrize(
    ("status", "data"),
    [
        ("declined", {}),  # answered meanwhile in another tab: no open card to show it on
        ("pending", {"meeting": "abc", "action": "garbage"}),
    ],
)
def test_a_refused_answer_without_an_open_card_still_says_why(
    client, session, exhibitor, status, data
):
    _representative(client, exhibitor)
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)), status=status)

    answer = {
        "meeting": meeting.pk,
        "action": "decline",
        "confirm": "yes",
        "slot": at(14).isoformat(),
        **data,
    }
    response = client.post("/account/meetings/", answer)

    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    expected = "Yêu cầu này đã được trả lời." if not data else "Hãy chọn một lựa chọn hợp lệ."
    shown = re.search(r'<p class="message message-error">([^<]*)</p>', page)
    assert shown is not None and expected in shown.group(1)


def test_account_other_time_select_lists_only_times_the_visitor_did_not_ask_for(
    client, session, exhibitor
):
    _representative(client, exhibitor)
    make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14, 30), at(15)))

    page = html.unescape(client.get("/account/meetings/").content.decode())

    select = page[page.index('name="other_slot"') : page.index("</select>")]
    options = re.findall(r'<option value="([^"]*)">([^<]*)</option>', select)
    assert options == [
        ("", "—"),
        (at(14).isoformat(), "20/09/2024, 14:00–14:30"),
        (at(15, 30).isoformat(), "20/09/2024, 15:30–16:00"),
    ]
    assert "Chọn ở đây rồi bấm “Đề xuất giờ khác”: khách sẽ xác nhận qua e-mail." in page


def test_account_cannot_act_on_another_company_meeting(client, session, exhibitor):
    _representative(client, exhibitor)
    other = make_meeting_request(session, make_exhibitor())

    response = client.post(
        "/account/meetings/",
        {"meeting": other.pk, "action": "decline", "confirm": "yes", "slot": ""},
    )

    other.refresh_from_db()
    assert response.status_code == 404
    assert other.status == "pending"


def test_account_slot_taken_is_a_clear_message(client, session, exhibitor):
    _representative(client, exhibitor)
    make_meeting_request(session, exhibitor, status="accepted", slot_start=at(14), table_number=1)
    meeting = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)))

    response = client.post(
        "/account/meetings/",
        {"meeting": meeting.pk, "action": "accept", "slot": at(14).isoformat()},
    )

    assert response.status_code == 400
    assert "Khung giờ này đã có cuộc gặp khác" in response.content.decode()


def test_account_meetings_for_user_without_company_is_404(client, session):
    client.force_login(make_user())

    assert client.get("/account/meetings/").status_code == 404


def test_meet_rate_limited_per_email(client, session, exhibitor, settings):
    settings.RATE_LIMITS = {"form": (300, 1, 3600)}
    client.post(MEET, meeting_data([at(14)]))

    response = client.post(MEET, meeting_data([at(15)]))

    assert response.status_code == 429
    assert MeetingRequest.objects.count() == 1


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["vi", "en"])
@pytest.mark.parametrize("size", [2, 20])
def test_account_meetings_runs_fixed_queries(
    client, session, exhibitor, size, prefix, django_assert_num_queries
):
    representative = _representative(client, exhibitor)
    # Working in the page's language already (a change of language is one more write).
    representative.language = "en" if prefix else "vi"
    representative.save()
    # Every other request names a sector with no English, and the session has none:
    # the English page marks them lang="vi" from the columns already loaded.
    sectors = [make_sector(name_en=""), make_sector()]
    session.title_en = ""
    session.save()
    for n in range(size):
        make_meeting_request(session, exhibitor, proposed_slots=_iso(at(14)), sector=sectors[n % 2])
    make_meeting_request(session, exhibitor, status="accepted", slot_start=at(15), table_number=1)

    # user, exhibitor, meetings, fair (selector), sessions, accepted slots, the visitors'
    # meetings with other companies (the session itself comes from the cache: cached_db;
    # the fair once per data version)
    with django_assert_num_queries(7):
        response = client.get(f"{prefix}/account/meetings/")
    assert response.content.decode().count('class="card meeting-card"') == size + 1


proposal_migration = importlib.import_module(
    "events.migrations.0003_meeting_proposal_and_constraint_messages"
)


def test_the_migration_keeps_proposals_made_before_it_confirmable(session, exhibitor):
    from django.apps import apps

    from fairportal.audit import record

    proposed = make_meeting_request(session, exhibitor, proposed_slots=_iso(at(15)))
    record(action="meeting.other_slot_proposed", obj=proposed, actor=None)
    untouched = make_meeting_request(session, make_exhibitor())

    proposal_migration.mark_proposals(apps, None)

    proposed.refresh_from_db()
    untouched.refresh_from_db()
    assert proposed.other_slot_proposed_at is not None
    assert untouched.other_slot_proposed_at is None


@pytest.mark.django_db(transaction=True)
def test_the_migration_cancels_all_but_the_latest_of_a_request_sent_twice(session, exhibitor):
    # Before this release the same form sent twice stored two waiting requests: the
    # migration must get past them to its unique rule, keeping the latest.
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    first = make_meeting_request(session, exhibitor, requester_email="tanaka@example.jp")
    other = make_meeting_request(session, make_exhibitor(), requester_email="tanaka@example.jp")
    executor = MigrationExecutor(connection)
    executor.migrate([("events", "0002_initial")])
    old = executor.loader.project_state([("events", "0002_initial")]).apps
    OldRequest = old.get_model("events", "MeetingRequest")
    again = OldRequest.objects.get(pk=first.pk)
    again.pk, again.token_hash = None, "x" * 64
    again.save()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    statuses = dict(MeetingRequest.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "cancelled", again.pk: "pending", other.pk: "pending"}


SIGNATURE = (
    "Ban tổ chức Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội\n"
    "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội"
)


def test_programme_mails_are_signed_with_the_fairs_full_name(
    client, seminar, session, exhibitor, django_capture_on_commit_callbacks
):
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(MEET, meeting_data([at(14)]))
        client.post("/events/hoi-thao-chuoi-cung-ung/", registration_data())
        client.post("/en/events/hoi-thao-chuoi-cung-ung/", registration_data(email="an@example.vn"))

    *vietnamese, english = mail.outbox

    assert len(vietnamese) == 3  # the visitor's and the company's copies, a registration
    assert all(message.body.endswith(f"\n\n{SIGNATURE}") for message in vietnamese)
    assert english.body.endswith(
        "\n\nThe organisers of the Hanoi Industrial Zones Industrial Products Fair\n"
        "Hanoi Industrial and Export Processing Zones Authority"
    )


def test_account_overview_counts_the_requests_waiting_for_the_companys_answer(
    client, session, exhibitor
):
    _representative(client, exhibitor)
    make_meeting_request(session, exhibitor)
    make_meeting_request(session, exhibitor)
    # Not waiting for the company: another time proposed (the visitor's turn), agreed.
    make_meeting_request(session, exhibitor, other_slot_proposed_at=at(9))
    make_meeting_request(session, exhibitor, status="accepted", slot_start=at(14), table_number=1)
    make_meeting_request(session, make_exhibitor())

    vi = client.get("/account/").content.decode()
    en = client.get("/en/account/").content.decode()

    assert '<p class="tile-alert">2 yêu cầu đang chờ bạn trả lời.</p>' in vi
    assert '<p class="tile-alert">2 requests are waiting for your answer.</p>' in en


def country_options(page: str) -> list[str]:
    select = re.search(r'<select name="country".*?</select>', page, re.S).group(0)
    return re.findall(r"<option [^>]*>[^<]*</option>", select)


def test_meet_form_on_a_vietnamese_page_has_vietnam_chosen(client, session, exhibitor):
    options = country_options(client.get(MEET).content.decode())

    assert options[0] == '<option value="VN" selected>Việt Nam</option>'
    assert [o for o in options if "selected" in o] == [options[0]]


def test_meet_form_on_an_english_page_has_no_country_chosen(client, session, exhibitor):
    # Many who ask in English come from abroad: Vietnam chosen for them would reach the
    # company as their country if they did not notice the field.
    options = country_options(client.get(f"/en{MEET}").content.decode())

    assert options[0] == '<option value="" selected>— Not selected —</option>'
    assert '<option value="VN">Vietnam</option>' in options
    assert [o for o in options if "selected" in o] == [options[0]]


@pytest.mark.parametrize(
    ("prefix", "message"),
    [("", "Hãy chọn quốc gia của bạn."), ("/en", "Choose your country.")],
    ids=["vi", "en"],
)
def test_meet_request_without_a_country_is_refused_and_nothing_is_written(
    client, session, exhibitor, prefix, message
):
    response = client.post(f"{prefix}{MEET}", meeting_data([at(14)], country=""))

    errors = re.search(
        r'<ul class="errorlist" id="id_country_error">(.*?)</ul>', response.content.decode()
    )
    assert errors.group(1) == f"<li>{message}</li>"
    assert not MeetingRequest.objects.exists()


def test_a_stray_tap_on_cancel_request_keeps_the_meeting_until_the_visitor_confirms(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MEET, meeting_data([at(14)]))
    mail.outbox.clear()
    page = client.get(response["Location"]).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        tapped = client.post(response["Location"], {"action": "cancel"}, follow=True)

    assert 'name="confirm" value="yes" class="button-danger">Có, huỷ yêu cầu</button>' in page
    assert "Chưa huỷ: hãy bấm nút xác nhận để huỷ." in tapped.content.decode()
    assert MeetingRequest.objects.get().status == "pending"
    assert mail.outbox == []


def test_cancelled_meeting_page_leads_back_to_the_company_to_send_a_new_request(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link = client.post("/en" + MEET, meeting_data([at(14)]))["Location"]
        client.post(link, {"action": "cancel", "confirm": "yes"})

    page = html.unescape(client.get(link).content.decode())

    assert MeetingRequest.objects.get().status == "cancelled"
    assert '<a href="/en/exhibitors/canon-viet-nam/">Canon Vietnam</a>' in page
    assert (
        'Still want to meet? You can send a new request from <a href="/en/exhibitors/'
        'canon-viet-nam/">the company’s page</a>, or <a href="/en/exhibitors/">search for '
        "other exhibitors</a>." in page
    )


def test_meet_form_says_how_long_the_message_may_be_before_the_box_cuts_a_paste(
    client, session, exhibitor
):
    # The box stops at 2,000 characters without a word: a longer text pasted into it
    # loses its end unless the visitor knew the limit.
    vi = client.get(MEET).content.decode()
    en = client.get("/en" + MEET).content.decode()

    assert (
        '<p class="help" id="id_message_helptext">Sản phẩm, nhu cầu mua hoặc hợp tác, số lượng'
        " dự kiến… Tối đa 2000 ký tự.</p>" in vi
    )
    assert (
        '<p class="help" id="id_message_helptext">Products, purchasing or partnership needs,'
        " expected quantities… At most 2000 characters.</p>" in en
    )
