import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from events.models import SideEvent
from tests.events.conftest import at
from tests.factories import make_event

pytestmark = pytest.mark.django_db

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def _parse(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_agenda_ics_holds_every_event_of_the_fair_with_stable_uids(client, fair, seminar, session):
    calendar = _parse(client.get("/events/agenda.ics"))

    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "Hội thảo chuỗi cung ứng linh kiện điện tử",
        "Kết nối doanh nghiệp ngày 1",
    ]
    assert [str(e["UID"]) for e in events] == [
        f"event-{seminar.pk}@hoicho.example.vn",
        f"event-{session.pk}@hoicho.example.vn",
    ]
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Ho_Chi_Minh"]
    assert events[0]["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert events[0].decoded("DTSTART") == at(9)
    assert events[0].decoded("DTEND") == at(11)
    assert str(events[0]["LOCATION"]) == (
        "Phòng hội thảo 1, Trung tâm thương mại Mê Linh, Mê Linh, Hà Nội"
    )  # the venue and its address, for the phone's map
    assert str(events[0]["URL"]) == "https://hoicho.example.vn/events/hoi-thao-chuoi-cung-ung/"


def test_agenda_ics_in_english_has_english_titles(client, seminar):
    calendar = _parse(client.get("/en/events/agenda.ics"))

    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Electronics components supply chain seminar"
    assert str(event["LOCATION"]) == "Seminar room 1, Mê Linh Trade Center, Mê Linh, Hanoi"
    assert str(event["URL"]) == "https://hoicho.example.vn/en/events/hoi-thao-chuoi-cung-ung/"


def test_event_ics_round_trip_keeps_time_zone_and_uid(client, seminar):
    first = client.get("/events/hoi-thao-chuoi-cung-ung/event.ics")
    again = client.get("/events/hoi-thao-chuoi-cung-ung/event.ics")

    calendar = _parse(first)
    reparsed = Calendar.from_ical(calendar.to_ical())
    event = reparsed.walk("VEVENT")[0]
    assert first["Content-Disposition"] == 'attachment; filename="hoi-thao-chuoi-cung-ung.ics"'
    assert first.content == again.content
    assert str(event["UID"]) == f"event-{seminar.pk}@hoicho.example.vn"
    start = event.decoded("DTSTART")
    assert start.astimezone(HCM) == datetime.datetime(2024, 9, 20, 9, 0, tzinfo=HCM)
    assert start.utcoffset() == datetime.timedelta(hours=7)


def test_event_ics_lines_are_crlf_and_folded(client, fair):
    make_event(fair, slug="tieu-de-dai", title_vi="Hội thảo " + "rất dài " * 20)

    content = client.get("/events/tieu-de-dai/event.ics").content

    assert b"\r\n" in content
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))


def test_event_ics_unknown_slug_is_404(client, fair):
    assert client.get("/events/khong-co/event.ics").status_code == 404


def test_agenda_ics_without_business_matching_kind_filter_lists_all_kinds(client, fair):
    make_event(fair, kind=SideEvent.Kind.TOUR, slug="tham-quan")

    calendar = _parse(client.get("/events/agenda.ics"))

    assert len(calendar.walk("VEVENT")) == 1
