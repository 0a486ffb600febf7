"""Fixtures of the programme: a current fair with a seminar and a matching session."""

import datetime

import pytest
from icalendar import Calendar

from events.models import SideEvent
from tests.factories import HANOI, make_event, make_exhibitor, make_fair


@pytest.fixture
def fair():
    return make_fair(is_current=True)


@pytest.fixture
def seminar(fair):
    return make_event(
        fair,
        title_vi="Hội thảo chuỗi cung ứng linh kiện điện tử",
        title_en="Electronics components supply chain seminar",
        slug="hoi-thao-chuoi-cung-ung",
        capacity=2,
        speakers_vi="TS. Nguyễn Văn An\nBà Trần Thị Bình",
        speakers_en="Dr Nguyen Van An\nMs Tran Thi Binh",
    )


@pytest.fixture
def session(fair):
    """A business-matching session 14:00–16:00 on the first day, 30-minute slots, 3 tables."""
    return make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        title_vi="Kết nối doanh nghiệp ngày 1",
        title_en="Business matching day 1",
        slug="ket-noi-ngay-1",
        starts_at=datetime.datetime(2024, 9, 20, 14, 0, tzinfo=HANOI),
        ends_at=datetime.datetime(2024, 9, 20, 16, 0, tzinfo=HANOI),
        room_vi="Khu kết nối B2B",
        room_en="B2B area",
        registration_open=False,
        capacity=0,
        tables=3,
    )


@pytest.fixture
def exhibitor():
    return make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam", slug="canon-viet-nam")


def at(hour: int, minute: int = 0, day: int = 20) -> datetime.datetime:
    return datetime.datetime(2024, 9, day, hour, minute, tzinfo=HANOI)


def registration_data(**overrides) -> dict:
    data = {
        "name": "Nguyễn Thị Hoa",
        "email": "hoa@example.vn",
        "phone": "0912 345 678",
        "organisation": "Công ty TNHH Linh kiện Hà Nội",
        "job_title": "Trưởng phòng mua hàng",
        "zalo": "",
        "consent": "on",
        "website_url": "",
    }
    data.update(overrides)
    return data


def meeting_data(slots, **overrides) -> dict:
    data = {
        "name": "Tanaka Hiroshi",
        "company": "Tanaka Trading Co., Ltd.",
        "country": "JP",
        "email": "tanaka@example.jp",
        "phone": "+81 3 1234 5678",
        "zalo": "",
        "sector": "",
        "message": "Tìm nhà cung cấp linh kiện quang học.",
        "slots": [slot.isoformat() for slot in slots],
        "consent": "on",
        "website_url": "",
    }
    data.update(overrides)
    return data


def calendar_of(attachment) -> tuple[str, Calendar]:
    """A mail attachment (name, content, mimetype) as a calendar app reads it: its
    METHOD and its one VEVENT; it must be sent as text/calendar."""
    _name, content, mimetype = attachment
    assert mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), vevent


def sequence(vevent) -> int:
    """SEQUENCE, 0 when absent (RFC 5545)."""
    return int(vevent.get("SEQUENCE", 0))


def side_event_change_data(client, seminar, **changes):
    """The side event's admin change form as posted, with `changes` over it."""
    page = client.get(f"/admin/events/sideevent/{seminar.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "fair": seminar.fair_id,
            "starts_at_0": "20/09/2024",
            "starts_at_1": "09:00:00",
            "ends_at_0": "20/09/2024",
            "ends_at_1": "11:00:00",
            "registrations-TOTAL_FORMS": "0",
            "registrations-INITIAL_FORMS": "0",
            "registrations-MIN_NUM_FORMS": "0",
            "registrations-MAX_NUM_FORMS": "1000",
        }
    )
    data.update(changes)
    return data
