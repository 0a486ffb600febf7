"""An agreed meeting reads as the slot the request form offered, "14:00–14:30", on the
visitor's page, in the mails and on the company's meetings page; the visitor's page
offers the meeting's calendar file."""

import datetime

import pytest
from django.core import mail
from icalendar import Calendar

from events import services
from tests.events.conftest import at, meeting_data
from tests.factories import make_meeting_request, make_user

pytestmark = pytest.mark.django_db

MEET = "/exhibitors/canon-viet-nam/meet/"


def _requested(client, capture, prefix=""):
    """Tanaka asks Canon for 14:00 or 15:30; returns the request and its page's path."""
    with capture(execute=True):
        response = client.post(f"{prefix}{MEET}", meeting_data([at(14), at(15, 30)]))
    return services.selectors.meeting_by_token(response["Location"].split("/")[-2]), response[
        "Location"
    ]


def _agreed(client, capture, exhibitor, prefix=""):
    exhibitor.email = "contact@canon.example.vn"
    exhibitor.save()
    meeting, path = _requested(client, capture, prefix)
    mail.outbox.clear()
    with capture(execute=True):
        services.accept_meeting(meeting=meeting, slot_start=at(14), actor=None)
    return meeting, path


@pytest.mark.parametrize(
    "prefix, time, button",
    [
        ("", "<dt>Giờ gặp</dt><dd>20/09/2024, 14:00–14:30</dd>", "Thêm vào lịch (.ics)"),
        ("/en", "<dt>Time</dt><dd>20/09/2024, 14:00–14:30</dd>", "Add to calendar (.ics)"),
    ],
)
def test_agreed_meeting_page_shows_the_slot_as_a_range_and_offers_its_calendar(
    client, session, exhibitor, django_capture_on_commit_callbacks, prefix, time, button
):
    meeting, path = _agreed(client, django_capture_on_commit_callbacks, exhibitor, prefix)

    page = client.get(path).content.decode()

    assert time in page
    ics_path = f"{path}meeting.ics"
    assert f'<a class="button button-secondary" href="{ics_path}">{button}</a>' in page
    response = client.get(ics_path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="meeting-{meeting.pk}.ics"'
    assert response["Cache-Control"] == "private, no-store"
    downloaded = Calendar.from_ical(response.content).walk("VEVENT")[0]
    # The file the confirmation mail attached: same meeting, same time.
    (to_visitor,) = [m for m in mail.outbox if m.to == ["tanaka@example.jp"]]
    mailed = Calendar.from_ical(to_visitor.attachments[0][1]).walk("VEVENT")[0]
    assert str(downloaded["UID"]) == str(mailed["UID"])
    assert downloaded.decoded("DTSTART") == mailed.decoded("DTSTART") == at(14)
    assert downloaded.decoded("DTEND") == mailed.decoded("DTEND") == at(14, 30)


def test_a_meeting_not_agreed_offers_no_calendar(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    _meeting, path = _requested(client, django_capture_on_commit_callbacks)

    page = client.get(path).content.decode()

    assert "meeting.ics" not in page
    assert "<li>20/09/2024, 14:00–14:30</li><li>20/09/2024, 15:30–16:00</li>" in page
    assert client.get(f"{path}meeting.ics").status_code == 404


def test_a_cancelled_meeting_and_a_wrong_link_give_no_calendar(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    meeting, path = _agreed(client, django_capture_on_commit_callbacks, exhibitor)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(meeting=meeting)

    assert "meeting.ics" not in client.get(path).content.decode()
    assert client.get(f"{path}meeting.ics").status_code == 404
    assert client.get(f"{path[:-3]}xx/meeting.ics").status_code == 404


def test_the_agreement_and_reminder_mails_give_the_slot_as_a_range_in_each_language(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    _agreed(client, django_capture_on_commit_callbacks, exhibitor, prefix="/en")
    evening_before = datetime.datetime(2024, 9, 19, 18, 0, tzinfo=at(14).tzinfo)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_meeting_reminders(now=evening_before)

    bodies = {(m.to[0], m.subject.split(":")[0]): m.body for m in mail.outbox}
    assert (
        "Time: 20/09/2024, 14:00–14:30 (Hanoi time, UTC+7)\n"
        in bodies["tanaka@example.jp", "Meeting confirmed"]
    )
    assert (
        "Giờ gặp: 20/09/2024, 14:00–14:30 (giờ Hà Nội)\n"
        in bodies["contact@canon.example.vn", "Lịch gặp đã chốt"]
    )
    assert (
        "Time: 20/09/2024, 14:00–14:30 (Hanoi time, UTC+7)\n"
        in bodies["tanaka@example.jp", "Reminder"]
    )
    assert (
        "Giờ gặp: 20/09/2024, 14:00–14:30 (giờ Hà Nội)\n"
        in bodies["contact@canon.example.vn", "Nhắc lịch gặp ngày mai"]
    )


@pytest.mark.parametrize(
    "prefix, line",
    [
        ("", "<strong>20/09/2024, 14:00–14:30 · Bàn số 1</strong>"),
        ("/en", "<strong>20/09/2024, 14:00–14:30 · Table 1</strong>"),
    ],
)
def test_company_meetings_page_shows_an_agreed_slot_as_a_range(
    client, session, exhibitor, prefix, line
):
    user = make_user()
    exhibitor.members.add(user)
    client.force_login(user)
    make_meeting_request(session, exhibitor, status="accepted", slot_start=at(14), table_number=1)

    page = client.get(f"{prefix}/account/meetings/").content.decode()

    assert line in page
