"""iCalendar (RFC 5545) files for the programme, one event, a meeting and a visitor's plan.

Times are written with TZID=Asia/Ho_Chi_Minh and one VTIMEZONE (Vietnam has kept
UTC+7 without daylight saving since 1975); UIDs are stable so that calendar apps
update an event instead of duplicating it when the file is imported again.

A seat or a meeting that is cancelled after its .ics was mailed gets a METHOD:CANCEL
file (RFC 5546) with the same UID and DTSTART, STATUS:CANCELLED and a higher SEQUENCE.
A meeting's file carries none (0) and a cancelled meeting is never accepted again, so
its cancellation is SEQUENCE 1. A seat's UID is the event's, and a visitor may register
again after cancelling: the files mailed for seats carry a SEQUENCE that grows with
time (`revision`) and stays above the cancellation mailed before it, even within the
same second (events.services._seat_revision). When the board moves an event, each
seat's new file keeps that UID with a SEQUENCE above the seat's last file, and the
seat's `updated_at` records the move, so that a cancellation that follows comes after
it in turn (see `moved_sequence`).
"""

import datetime
import zoneinfo
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar, Event, Timezone, TimezoneStandard

TZID = "Asia/Ho_Chi_Minh"
HANOI = zoneinfo.ZoneInfo(TZID)
_STAMP = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
CANCELLED_SEQUENCE = 1


def revision(moment: datetime.datetime) -> int:
    """A SEQUENCE that grows with time: whole seconds since 2024 (iCalendar's INTEGER
    is 32-bit, enough until 2092)."""
    return max(int((moment - _STAMP).total_seconds()), 0)


def _host() -> str:
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"


def _timezone() -> Timezone:
    zone = Timezone()
    zone.add("tzid", TZID)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime.datetime(1975, 6, 13, 0, 0))
    standard.add("tzoffsetfrom", datetime.timedelta(hours=7))
    standard.add("tzoffsetto", datetime.timedelta(hours=7))
    standard.add("tzname", "+07")
    zone.add_component(standard)
    return zone


def _calendar(name: str, method: str = "PUBLISH") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{_host()}//Hoi cho KCN Ha Noi//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    calendar.add_component(_timezone())
    return calendar


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment, HANOI)


def event_uid(event) -> str:
    return f"event-{event.pk}@{_host()}"


def meeting_uid(meeting) -> str:
    return f"meeting-{meeting.pk}@{_host()}"


def _place(room, fair) -> str:
    """LOCATION: the room, then the venue and its address, so that a phone's calendar
    can put the fair on a map ("Phòng hội thảo 1, Nhà A, Mê Linh Trade Center, …")."""
    parts = [str(room or "").strip()]
    if fair is not None:
        parts += [str(fair.venue or "").strip(), str(fair.address or "").strip()]
    return ", ".join(part for part in parts if part)


def _event_component(event, language: str) -> Event:
    with translation.override(language):
        component = Event()
        component.add("uid", event_uid(event))
        component.add("dtstamp", timezone.localtime(event.updated_at or _STAMP, datetime.UTC))
        component.add("dtstart", _local(event.starts_at))
        component.add("dtend", _local(event.ends_at))
        component.add("summary", str(event.title))
        location = _place(event.room, event.fair)
        if location:
            component.add("location", location)
        description = event.summary or event.description
        if description:
            component.add("description", str(description))
        component.add("url", settings.PORTAL_BASE_URL + event.get_absolute_url())
        if getattr(event, "cancelled_at", None):
            # The programme's and the event's files, imported before, now drop it too.
            component.add("status", "CANCELLED")
    return component


def _to_bytes(calendar: Calendar) -> bytes:
    return calendar.to_ical()


def programme_calendar(*, fair, events, language: str) -> bytes:
    with translation.override(language):
        name = str(fair.name) if fair else "Hội chợ KCN Hà Nội"
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_event_component(event, language))
    return _to_bytes(calendar)


def event_calendar(*, event, language: str, sequence: int | None = None) -> bytes:
    """One event; `sequence` for the file mailed with a seat (see the module's note)."""
    with translation.override(language):
        name = str(event.title)
    calendar = _calendar(name)
    component = _event_component(event, language)
    if sequence is not None:
        component.add("sequence", sequence)
    calendar.add_component(component)
    return _to_bytes(calendar)


def _meeting_component(meeting, language: str) -> tuple[str, Event]:
    """The meeting's summary (the calendar's name) and its VEVENT."""
    session = meeting.session
    start = _local(meeting.slot_start)
    end = start + datetime.timedelta(minutes=session.slot_minutes)
    with translation.override(language):
        summary = translation.gettext("Gặp gỡ: %(company)s – %(exhibitor)s") % {
            "company": meeting.requester_company,
            "exhibitor": meeting.exhibitor.name,
        }
        location = _place(
            translation.gettext("%(room)s, bàn số %(table)s")
            % {"room": session.room, "table": meeting.table_number},
            session.fair,
        )
        component = Event()
        component.add("uid", meeting_uid(meeting))
        component.add("dtstamp", timezone.localtime(meeting.updated_at or _STAMP, datetime.UTC))
        component.add("dtstart", start)
        component.add("dtend", end)
        component.add("summary", summary)
        component.add("location", location)
        component.add("description", meeting.message)
    return summary, component


def meeting_calendar(*, meeting, language: str) -> bytes:
    """One accepted meeting: the slot, the table and both sides."""
    summary, component = _meeting_component(meeting, language)
    calendar = _calendar(summary)
    calendar.add_component(component)
    return _to_bytes(calendar)


def _cancellation(name: str, component: Event, sequence: int = CANCELLED_SEQUENCE) -> bytes:
    """A METHOD:CANCEL file that makes calendar apps drop the entry `component` was
    imported as: same UID and DTSTART, STATUS:CANCELLED, a higher SEQUENCE, the portal's
    sender as the ORGANIZER that RFC 5546 requires of a CANCEL."""
    del component["dtstamp"]
    if "status" in component:
        del component["status"]
    component.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    component.add("sequence", sequence)
    component.add("status", "CANCELLED")
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if address:
        component.add("organizer", f"mailto:{address}")
    calendar = _calendar(name, method="CANCEL")
    calendar.add_component(component)
    return _to_bytes(calendar)


def moved_sequence(*, changed_at: datetime.datetime) -> int:
    """The SEQUENCE of a seat's file mailed because its event moved, the seat's
    `updated_at` set to `changed_at`. A seat's files carry at most `revision` of its
    `updated_at` plus 1, and this one too, so a cancellation after it (plus 2) comes
    later; `changed_at` at least a second past the seat's previous change puts this
    file after the previous one."""
    return revision(changed_at) + 1


def event_cancellation(*, event, language: str, confirmed_at: datetime.datetime) -> bytes:
    """Withdraws the `event_calendar` file mailed with a seat confirmed (or last changed)
    at `confirmed_at`: its SEQUENCE is above that file's, even within the same second."""
    with translation.override(language):
        name = str(event.title)
    sequence = max(revision(timezone.now()), revision(confirmed_at) + 2)
    return _cancellation(name, _event_component(event, language), sequence)


def meeting_cancellation(*, meeting, language: str) -> bytes:
    """Withdraws the `meeting_calendar` file mailed when the meeting was accepted."""
    summary, component = _meeting_component(meeting, language)
    return _cancellation(summary, component)


def plan_calendar(*, events, language: str) -> bytes:
    with translation.override(language):
        name = translation.gettext("Lịch của tôi – Hội chợ KCN Hà Nội")
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_event_component(event, language))
    return _to_bytes(calendar)


def calendar_path(event, language: str) -> str:
    with translation.override(language):
        return reverse("events:event_ics", kwargs={"slug": event.slug})
