"""My plan lists the visitor's B2B meeting requests: the ones sent from this browser or
opened in it from their personal link, with status, time and a link to each one's page."""

import re

import pytest
from django.test import Client

from events import selectors
from events.models import MeetingRequest
from fairportal.tokens import new_token
from tests.events.conftest import at, meeting_data
from tests.factories import make_event, make_exhibitor, make_meeting_request

pytestmark = pytest.mark.django_db

MEET = "/exhibitors/canon-viet-nam/meet/"


def plan_meetings(response) -> list[str]:
    """The meeting requests of My plan as a visitor reads them, one line each."""
    section = re.search(
        r'<section aria-labelledby="plan-meetings">(.*?)</section>', response.text, re.S
    )
    assert section, "My plan has no section of meeting requests"
    items = re.findall(r'<li class="event-item">(.*?)</li>', section.group(1), re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def meeting_links(response) -> list[str]:
    return re.findall(r'<h3><a href="(/(?:en/)?events/meetings/[^"]+/)">', response.text)


def test_plan_lists_the_meeting_request_sent_from_this_browser(client, session, exhibitor):
    sent = client.post(MEET, meeting_data([at(15), at(14)]))

    vi = client.get("/plan/")
    en = client.get("/en/plan/")

    assert plan_meetings(vi) == [
        "20/09/2024 14:00–14:30 giờ bạn đề xuất Gặp Canon Việt Nam Chờ trả lời"
        " · Kết nối doanh nghiệp ngày 1 Các giờ bạn đề xuất: 20/09 14:00–14:30; 20/09 15:00–15:30"
    ]
    assert plan_meetings(en) == [
        "20/09/2024 14:00–14:30 time you proposed Meet Canon Vietnam Awaiting reply"
        " · Business matching day 1 The times you proposed: 20/09 14:00–14:30; 20/09 15:00–15:30"
    ]
    assert meeting_links(vi) == [sent["Location"]]
    assert meeting_links(en) == ["/en" + sent["Location"]]
    assert "Giờ Hà Nội (UTC+7)" in vi.text


def test_plan_lists_a_meeting_request_opened_from_its_personal_link(client, session, exhibitor):
    token, digest = new_token()
    make_meeting_request(
        session,
        exhibitor,
        token_hash=digest,
        status=MeetingRequest.Status.ACCEPTED,
        slot_start=at(14, 30),
        table_number=2,
    )
    other = make_meeting_request(session, make_exhibitor(name_vi="TOTO Việt Nam"))

    client.get(f"/events/meetings/{token}/")  # the link of the confirmation mail
    plan = client.get("/plan/")

    assert plan_meetings(plan) == [
        "20/09/2024 14:30–15:00 Gặp Canon Việt Nam Đã nhận lời · Kết nối doanh nghiệp ngày 1"
        " · bàn số 2"
    ]
    assert meeting_links(plan) == [f"/events/meetings/{token}/"]
    assert other.exhibitor.name_vi not in plan.text


def test_plan_meetings_are_the_visitors_own_and_never_cached(client, session, exhibitor):
    token, digest = new_token()
    make_meeting_request(session, exhibitor, token_hash=digest, proposed_slots=[at(14).isoformat()])
    client.get(f"/events/meetings/{token}/")

    mine = client.get("/plan/")
    someone_else = Client().get("/plan/")

    assert "no-store" in mine["Cache-Control"] and "private" in mine["Cache-Control"]
    assert meeting_links(mine) == [f"/events/meetings/{token}/"]
    assert meeting_links(someone_else) == []
    assert plan_meetings(someone_else) == []
    assert "Chưa có yêu cầu gặp gỡ nào." in someone_else.text


def test_plan_drops_a_meeting_link_replaced_by_a_newer_one(client, session, exhibitor):
    token, digest = new_token()
    meeting = make_meeting_request(
        session, exhibitor, token_hash=digest, proposed_slots=[at(14).isoformat()]
    )
    client.get(f"/events/meetings/{token}/")
    meeting.token_hash = new_token()[1]  # the visitor asked for their link again
    meeting.save()

    plan = client.get("/plan/")

    assert plan_meetings(plan) == []
    assert plan.cookies["plan_meetings"].value == ""  # the browser forgets the old link


def test_personal_links_stay_in_the_visitors_browser_not_on_the_server(client, session, exhibitor):
    # The requests keep only their links' hashes; sessions are in the database, Redis
    # and every backup: none may hold a link that opens or cancels a meeting.
    from django.contrib.sessions.models import Session

    token, digest = new_token()
    make_meeting_request(session, exhibitor, token_hash=digest, proposed_slots=[at(14).isoformat()])
    client.post("/plan/toggle/", {"kind": "exhibitor", "slug": exhibitor.slug})  # a session

    opened = client.get(f"/events/meetings/{token}/")

    cookie = opened.cookies["plan_meetings"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert Session.objects.exists()
    for stored in Session.objects.all():
        assert token not in str(stored.get_decoded())
    assert meeting_links(client.get("/plan/")) == [f"/events/meetings/{token}/"]
    # A cookie changed by hand is not read (it is signed).
    client.cookies["plan_meetings"] = token
    assert meeting_links(client.get("/plan/")) == []


def plan_warning(response) -> str:
    """The plan's warning about things at the same time, as a visitor reads it."""
    box = re.search(
        r'<div class="message message-warning" role="note">(.*?)</div>', response.text, re.S
    )
    return " ".join(re.sub(r"<[^>]+>", " ", box.group(1)).split()) if box else ""


def test_plan_warns_that_a_meeting_falls_in_a_saved_seminar(client, fair, session, exhibitor):
    make_event(
        fair,
        title_vi="Tọa đàm chuyển đổi số",
        title_en="Digital transformation panel",
        slug="toa-dam-chuyen-doi-so",
        starts_at=at(14),
        ends_at=at(15, 30),
    )
    client.post("/plan/toggle/", {"kind": "event", "slug": "toa-dam-chuyen-doi-so"})
    # The matching session itself, saved too, is where the meeting is held: no clash.
    client.post("/plan/toggle/", {"kind": "event", "slug": "ket-noi-ngay-1"})
    client.post(MEET, meeting_data([at(14, 30), at(15), at(15, 30)]))

    proposed = client.get("/plan/")
    MeetingRequest.objects.update(status=MeetingRequest.Status.ACCEPTED, slot_start=at(14, 30))
    accepted = client.get("/en/plan/")

    assert plan_warning(proposed) == (
        "Trùng giờ: “Kết nối doanh nghiệp ngày 1” trùng giờ với “Tọa đàm chuyển đổi số”"
        " Giờ đề xuất gặp Canon Việt Nam (20/09 14:30–15:00, 15:00–15:30) trùng giờ với"
        " “Tọa đàm chuyển đổi số”"
    )
    assert plan_warning(accepted) == (
        "Time clash: “Business matching day 1” overlaps with “Digital transformation panel”"
        " Your meeting with Canon Vietnam (20/09 14:30–15:00) overlaps with"
        " “Digital transformation panel”"
    )


def test_plan_keeps_a_meeting_opened_from_its_agreement_mail_once(client, session, exhibitor):
    # The visitor opens their request from the first mail, then the agreed meeting from
    # the agreement mail's link: My plan lists it once; a newer link asked for since
    # drops it, as it drops the first mail's.
    token, digest = new_token()
    meeting = make_meeting_request(
        session, exhibitor, token_hash=digest, status="accepted", slot_start=at(14), table_number=1
    )
    later = selectors.meeting_link_token(meeting)
    client.get(f"/events/meetings/{token}/")
    client.get(f"/events/meetings/{later}/")

    both = client.get("/plan/")
    alone = Client()
    alone.get(f"/en/events/meetings/{later}/")
    from_agreement_only = alone.get("/en/plan/")
    meeting.token_hash = new_token()[1]  # the visitor asked for their link again
    meeting.save()

    assert meeting_links(both) == [f"/events/meetings/{token}/"]
    assert meeting_links(from_agreement_only) == [f"/en/events/meetings/{later}/"]
    assert meeting_links(alone.get("/en/plan/")) == []
