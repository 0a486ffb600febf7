"""The public pages that show a time say once, near it, that it is Hanoi time: a
visitor booking from Japan (UTC+9) must not read 14:00 as their own 14:00."""

import re

import pytest

from events.models import MeetingRequest
from tests.events.conftest import at, meeting_data, registration_data

pytestmark = pytest.mark.django_db

VI = "Giờ Hà Nội (UTC+7)"
EN = "Hanoi time (UTC+7)"


def _note(html: str) -> list[str]:
    """The time-zone notes of a page, as a visitor reads them."""
    return re.findall(r'<[^>]+class="time-zone-note"[^>]*>([^<]*)<', html)


@pytest.mark.parametrize(("prefix", "note"), [("", VI), ("/en", EN)])
def test_programme_says_once_that_its_times_are_hanoi_time(client, seminar, prefix, note):
    html = client.get(f"{prefix}/events/").content.decode()

    assert "09:00" in html
    assert _note(html) == [note]


@pytest.mark.parametrize(("prefix", "note"), [("", VI), ("/en", EN)])
def test_event_page_says_its_time_is_hanoi_time(client, seminar, prefix, note):
    html = client.get(f"{prefix}/events/{seminar.slug}/").content.decode()

    assert _note(html) == [note]
    assert html.index("09:00") < html.index(note)


@pytest.mark.parametrize(("prefix", "note"), [("", VI), ("/en", EN)])
def test_meet_form_says_its_slots_are_hanoi_time(client, session, exhibitor, prefix, note):
    html = client.get(f"{prefix}/exhibitors/canon-viet-nam/meet/").content.decode()

    assert _note(html) == [note]
    assert html.index(note) < html.index("14:00–14:30")


@pytest.mark.parametrize(("prefix", "note"), [("", VI), ("/en", EN)])
def test_visitors_meeting_page_says_its_times_are_hanoi_time(
    client, session, exhibitor, prefix, note
):
    response = client.post("/exhibitors/canon-viet-nam/meet/", meeting_data([at(14), at(15)]))
    assert MeetingRequest.objects.count() == 1
    token_path = response["Location"]

    html = client.get(f"{prefix}{token_path}").content.decode()

    assert "14:00–14:30" in html
    assert _note(html) == [note]


def test_my_plan_and_the_registration_page_say_the_times_are_hanoi_time(
    client, seminar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link = client.post(f"/en/events/{seminar.slug}/", registration_data())["Location"]
    # (Signing up saved the seminar to the plan.)

    page = client.get(link).text
    plan = client.get("/en/plan/").text

    assert '<span class="time-zone-note">(Hanoi time, UTC+7)</span>' in page
    assert '<p class="time-zone-note">Hanoi time (UTC+7)</p>' in plan
