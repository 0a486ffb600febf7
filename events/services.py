"""Writes with rules for the programme: seminar seats and waitlists, meeting slots.

Scarce things are guarded by the database: seats by a conditional F() update under
the `sideevent_seats_within_capacity` CheckConstraint, meeting slots by the partial
unique constraints on accepted meetings. Each service runs in one transaction,
records an audit entry per state change and sends its mail on commit.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events import calendars, selectors
from events.models import EventRegistration, MeetingRequest, SideEvent
from exhibitors.validators import normalize_phone
from fairportal import clock
from fairportal.audit import record
from fairportal.cache import ATTENDANCE, public_data_changed
from fairportal.mail import send_on_commit
from fairportal.templatetags.portal import slot_hours
from fairportal.tokens import new_token


class EventsError(Exception):
    """A rule of the programme said no; `message` is translated and shown to the user."""

    def __init__(self, message, code: str = ""):
        super().__init__(str(message))
        self.message = message
        self.code = code


class AlreadyRegistered(EventsError):
    pass


class SlotTaken(EventsError):
    pass


@dataclasses.dataclass
class RegistrationResult:
    registration: EventRegistration
    token: str
    waitlist_position: int | None


def _absolute(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return settings.PORTAL_BASE_URL + reverse(name, kwargs=kwargs)


def _account_meetings_link(language: str, exhibitor) -> str:
    """The company's meeting requests, for the company named: its representatives may
    represent others too, and their page shows the company they last chose."""
    return f"{_absolute(language, 'events:account_meetings')}?company={exhibitor.pk}"


def _side_link(meeting, side: str, language: str) -> str:
    """Where a cancelled meeting's mail sends each side: the visitor to the directory
    (to find another company), the company to its meeting requests."""
    if side == "requester":
        return _absolute(language, "exhibitors:list")
    return _account_meetings_link(language, meeting.exhibitor)


def _name_in(language: str, obj) -> str:
    """A translated name (an exhibitor's) in a mail's language, the Vietnamese one when
    no English is given. `obj.name` alone follows the active language: the sender's
    page (a company answering in Vietnamese), not the recipient's."""
    with translation.override(language):
        return obj.name


def _ensure_open_for_registration(event: SideEvent) -> None:
    fair = selectors.current_fair(fresh=True)  # the board may have just switched fairs
    if event.cancelled_at is not None:
        raise EventsError(_("Sự kiện này đã bị huỷ, không nhận đăng ký."), "cancelled")
    if fair is None or event.fair_id != fair.pk:
        raise EventsError(
            _("Sự kiện này thuộc một kỳ hội chợ đã qua, không nhận đăng ký."), "other_fair"
        )
    # A draft (not shown on the public pages yet) takes no sign-up either, even from a
    # page loaded before the board took it off.
    if (
        not event.registration_open
        or not event.is_published
        or event.kind == SideEvent.Kind.BUSINESS_MATCHING
    ):
        raise EventsError(_("Sự kiện này hiện không nhận đăng ký."), "closed")
    if event.starts_at <= clock.now():
        raise EventsError(_("Sự kiện đã bắt đầu nên không nhận đăng ký trực tuyến nữa."), "started")


def _ensure_not_past(slot: datetime.datetime) -> None:
    if slot <= clock.now():
        raise EventsError(_("Khung giờ này đã qua; hãy chọn một khung giờ sau."), "slot_past")


# Seminar registration -------------------------------------------------------


def register_attendee(*, event: SideEvent, data: dict, language: str) -> RegistrationResult:
    """Register a visitor for a side event: a seat while seats last, else the waitlist.

    Side effects: takes one seat (conditional F() update) when confirmed; writes the
    registration and an audit entry; mails the confirmation (with the event's .ics and
    the secret link) in `language` on commit.
    """
    email = (data.get("email") or "").strip().lower()
    phone = normalize_phone(data.get("phone", ""))
    zalo = normalize_phone(data["zalo"]) if data.get("zalo") else ""
    with transaction.atomic():
        # The event's row first, held to the end: a cancellation (or an admin save)
        # at the same moment waits for this registration and sees it, or this one waits
        # and sees the event cancelled. The waitlist's order is the registrations'
        # order for the same reason: two visitors arriving together for the last places
        # would otherwise each count the same people ahead and be told one place.
        event = (
            SideEvent.objects.select_related("fair")
            .select_for_update(no_key=True, of=("self",))
            .get(pk=event.pk)
        )
        _ensure_open_for_registration(event)
        if EventRegistration.objects.filter(
            event=event, email=email, status__in=EventRegistration.LIVE
        ).exists():
            raise _already_registered()
        got_seat = SideEvent.objects.filter(pk=event.pk, seats_taken__lt=F("capacity")).update(
            seats_taken=F("seats_taken") + 1, updated_at=timezone.now()
        )
        status = (
            EventRegistration.Status.CONFIRMED if got_seat else EventRegistration.Status.WAITLISTED
        )
        token, digest = new_token()
        try:
            with transaction.atomic():
                registration = EventRegistration.objects.create(
                    event=event,
                    name=data["name"].strip(),
                    email=email,
                    phone=phone,
                    zalo=zalo,
                    organisation=data.get("organisation", "").strip(),
                    job_title=data.get("job_title", "").strip(),
                    language=language,
                    status=status,
                    token_hash=digest,
                    consent_at=timezone.now(),
                )
        except IntegrityError:
            # Another request with the same e-mail won the race: the outer atomic block
            # rolls the seat back with it.
            raise _already_registered() from None
        position = selectors.waitlist_position(registration)
        record(
            action=f"registration.{status}",
            obj=registration,
            actor_label=email,
            changes={"event": event.slug, "waitlist_position": position},
        )
        _mail_registration(registration, token, "registration_created", position)
        public_data_changed(ATTENDANCE)
    return RegistrationResult(registration=registration, token=token, waitlist_position=position)


def _already_registered() -> AlreadyRegistered:
    # Right for a seat and for the waiting list alike (the waiting list's mail confirms
    # nothing), and it names the way back to a lost link: the API answers with it too.
    return AlreadyRegistered(
        _(
            "E-mail này đã đăng ký sự kiện này (đã có chỗ hoặc đang trong danh sách chờ). "
            "Liên kết cá nhân để xem hoặc huỷ đăng ký nằm trong e-mail chúng tôi gửi khi bạn "
            "đăng ký; không tìm thấy e-mail đó thì hãy yêu cầu gửi lại liên kết trên trang "
            "của sự kiện."
        ),
        "duplicate",
    )


def resend_registration_link(*, event: SideEvent, email: str) -> bool:
    """Mail a fresh personal link to the live registration (a seat or the waiting list)
    of `email` for `event`, if there is one; True when a mail went out.

    Only the token's digest is stored, so the old link cannot be sent again: a new token
    replaces it, and the old link stops working (the mail says so). The caller answers
    the same whichever the result, so that nobody learns who is registered.

    Side effects: the registration's token replaced, an audit entry, the mail in the
    registration's language on commit.
    """
    email = (email or "").strip().lower()
    with transaction.atomic():
        registration = (
            EventRegistration.objects.select_for_update(of=("self",))
            .select_related("event", "event__fair")
            .filter(event_id=event.pk, email=email, status__in=EventRegistration.LIVE)
            .first()
        )
        if registration is None:
            return False
        token, digest = new_token()
        # Not `updated_at`: it dates the seat's last calendar file (`_seat_revision`).
        EventRegistration.objects.filter(pk=registration.pk).update(token_hash=digest)
        record(action="registration.link_resent", obj=registration, actor_label=email)
        language = registration.language
        send_on_commit(
            to=[registration.email],
            subject=_("Liên kết đăng ký của bạn: %(title)s"),
            subject_params={"title": _title_in(language, registration.event)},
            body_template="events/email/registration_link.txt",
            context={
                "registration": registration,
                "event": registration.event,
                "position": selectors.waitlist_position(registration),
                "link": _absolute(language, "events:registration", token=token),
                "event_url": _absolute(language, "events:detail", slug=registration.event.slug),
            },
            language=language,
        )
    return True


def _seat_revision(registration) -> int:
    """The SEQUENCE of the .ics mailed with a seat: later than now's second, and than
    the cancellation mailed for this visitor's earlier seat at the event, if any (its
    SEQUENCE is at most 2 past that seat's cancellation or confirmation): a calendar
    app must not take the new seat's file for an out-of-date copy and drop it."""
    sequence = calendars.revision(timezone.now())
    cancelled_before = (
        EventRegistration.objects.filter(
            event_id=registration.event_id,
            email=registration.email,
            status=EventRegistration.Status.CANCELLED,
        )
        .exclude(pk=registration.pk)
        .aggregate(last=Max("cancelled_at"))["last"]
    )
    if cancelled_before is not None:
        sequence = max(sequence, calendars.revision(cancelled_before) + 3)
    return sequence


def _mail_registration(
    registration,
    token,
    kind: str,
    position=None,
    reply_to=None,
    calendar_cancelled: bool = False,
    **extra,
) -> None:
    """`calendar_cancelled`: the seat had been confirmed, so its mail carried a .ics that
    this one withdraws. `extra`: more for the mail's template."""
    event = registration.event
    language = registration.language
    subjects = {
        "registration_created": (
            _("Xác nhận đăng ký: %(title)s")
            if registration.status == EventRegistration.Status.CONFIRMED
            else _("Bạn đang trong danh sách chờ: %(title)s")
        ),
        "registration_promoted": _("Bạn đã có chỗ: %(title)s"),
        "registration_cancelled": _("Đã huỷ đăng ký: %(title)s"),
    }
    with translation.override(language):
        subject = str(subjects[kind]) % {"title": event.title}
    attachments = []
    if registration.status == EventRegistration.Status.CONFIRMED:
        attachments = [
            (
                f"{event.slug}.ics",
                calendars.event_calendar(
                    event=event, language=language, sequence=_seat_revision(registration)
                ),
                "text/calendar",
            )
        ]
    elif calendar_cancelled:
        attachments = [
            (
                f"cancel-{event.slug}.ics",
                calendars.event_cancellation(
                    # before the cancellation's update(): when the seat was last confirmed
                    event=event,
                    language=language,
                    confirmed_at=registration.updated_at,
                ),
                "text/calendar",
            )
        ]
    send_on_commit(
        to=[registration.email],
        subject=subject,
        body_template=f"events/email/{kind}.txt",
        context={
            "registration": registration,
            "event": event,
            "position": position,
            "link": _absolute(language, "events:registration", token=token) if token else "",
            "event_url": _absolute(language, "events:detail", slug=event.slug),
            "calendar_cancelled": calendar_cancelled,
            **extra,
        },
        language=language,
        attachments=attachments,
        reply_to=reply_to,
    )


def promote_waitlist(
    *, event: SideEvent, actor=None, moved_from: SideEvent | None = None
) -> list[EventRegistration]:
    """Give free seats to the first on the waitlist, in order; each is told by e-mail.

    `moved_from`: the event as it was before the board's save that also moved it (see
    `tell_event_moved`): the seat's mail then says the time or place is new, and what
    it was, so that it is the one mail those promoted receive about the save.
    """
    promoted = []
    if event.starts_at <= clock.now():  # "you have a place" for an event under way or over
        return promoted
    touched = False  # a seat update ran (moving the event's updated_at), promoted or not
    with transaction.atomic():
        # The event's row before any registration's, as its other writers take them
        # (the callers, `cancel_registration` and the board's form, hold it already).
        SideEvent.objects.select_for_update(no_key=True).get(pk=event.pk)
        while True:
            first = (
                EventRegistration.objects.filter(
                    event_id=event.pk, status=EventRegistration.Status.WAITLISTED
                )
                .order_by("created_at", "id")
                .first()
            )
            if first is None:
                break
            if not SideEvent.objects.filter(pk=event.pk, seats_taken__lt=F("capacity")).update(
                seats_taken=F("seats_taken") + 1, updated_at=timezone.now()
            ):
                break
            touched = True
            moved = EventRegistration.objects.filter(
                pk=first.pk, status=EventRegistration.Status.WAITLISTED
            ).update(status=EventRegistration.Status.CONFIRMED, updated_at=timezone.now())
            if not moved:  # cancelled meanwhile: give the seat back and look again
                SideEvent.objects.filter(pk=event.pk, seats_taken__gt=0).update(
                    seats_taken=F("seats_taken") - 1
                )
                continue
            first.status = EventRegistration.Status.CONFIRMED
            first.event = SideEvent.objects.get(pk=event.pk)
            record(action="registration.promoted", obj=first, actor=actor)
            time_or_place_changed = moved_from is not None and _moved_for(
                moved_from, first.event, first.language
            )
            _mail_registration(
                first,
                "",
                "registration_promoted",
                before=moved_from if time_or_place_changed else None,
            )
            promoted.append(first)
        if touched:
            public_data_changed(ATTENDANCE)  # update() sends no signal: seats left moved
    return promoted


def cancel_registration(
    *,
    registration: EventRegistration,
    actor=None,
    tell_visitor: bool = True,
    by_visitor: bool = False,
) -> list:
    """Cancel a live registration; a confirmed one frees its seat for the waitlist.

    `actor`: the board member who cancelled it (the admin), None for the visitor's own
    link. `tell_visitor`: False when the visitor's data are being erased. `by_visitor`:
    from the visitor's link, which cancels only until the event begins.

    Side effects: status cancelled, seat given back (F() update), a mail to the visitor
    saying who cancelled (so that nobody comes to a seat the board gave away; for a
    seat, with a METHOD:CANCEL .ics that drops the confirmation's from calendars), first
    waitlisted promoted and mailed, audit entries. Returns the promoted registrations.
    """
    with transaction.atomic():
        # The event's row first, then the registration's, as every writer of the
        # programme takes them (`register_attendee`, `cancel_event`, the board's form
        # and `tell_event_moved`): in the other order a visitor cancelling while the
        # board cancels or moves the event would deadlock with it. Read under the locks,
        # the event and the registration are as they now are (a seat given from the
        # waiting list meanwhile, the event cancelled meanwhile).
        event = (
            SideEvent.objects.select_related("fair")
            .select_for_update(no_key=True, of=("self",))
            .get(pk=registration.event_id)
        )
        if by_visitor and event.starts_at <= clock.now():
            raise EventsError(_("Sự kiện đã bắt đầu nên không thể huỷ đăng ký nữa."), "started")
        current = (
            EventRegistration.objects.select_for_update()
            .filter(pk=registration.pk, status__in=EventRegistration.LIVE)
            .values("status", "updated_at")
            .first()
        )
        if current is None:
            raise EventsError(_("Đăng ký này đã được huỷ trước đó."), "already_cancelled")
        registration.event = event
        registration.status, registration.updated_at = current["status"], current["updated_at"]
        EventRegistration.objects.filter(pk=registration.pk).update(
            status=EventRegistration.Status.CANCELLED,
            cancelled_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if registration.status == EventRegistration.Status.CONFIRMED:
            SideEvent.objects.filter(pk=event.pk, seats_taken__gt=0).update(
                seats_taken=F("seats_taken") - 1, updated_at=timezone.now()
            )
        previous = registration.status
        registration.status = EventRegistration.Status.CANCELLED
        public_data_changed(ATTENDANCE)
        if tell_visitor:
            _mail_registration(
                registration,
                "",
                "registration_cancelled",
                reply_to=[settings.BOARD_EMAIL] if actor is not None else None,
                by_board=actor is not None,
                was_waitlisted=previous == EventRegistration.Status.WAITLISTED,
                calendar_cancelled=previous == EventRegistration.Status.CONFIRMED,
            )
        record(
            action="registration.cancelled",
            obj=registration,
            actor=actor,
            actor_label="" if actor else registration.email,
            changes={"status": [previous, "cancelled"]},
        )
        promoted = []
        if previous == EventRegistration.Status.CONFIRMED:
            promoted = promote_waitlist(event=event, actor=actor)
    return promoted


def mark_attendance(*, registrations, actor) -> int:
    """Mark confirmed registrations as attended (now); returns how many changed."""
    count = 0
    with transaction.atomic():
        for registration in registrations:
            updated = EventRegistration.objects.filter(
                pk=registration.pk,
                status=EventRegistration.Status.CONFIRMED,
                attended_at__isnull=True,
            ).update(attended_at=timezone.now(), updated_at=timezone.now())
            if updated:
                record(action="registration.attended", obj=registration, actor=actor)
                count += updated
    return count


def close_registration(*, event: SideEvent, actor) -> bool:
    with transaction.atomic():
        closed = SideEvent.objects.filter(pk=event.pk, registration_open=True).update(
            registration_open=False, updated_at=timezone.now()
        )
        if closed:
            public_data_changed()
            record(
                action="event.registration_closed",
                obj=event,
                actor=actor,
                changes={"registration_open": [True, False]},
            )
    return bool(closed)


def publish_events(*, events, actor) -> int:
    """Show the board's draft events on the public pages (the copies of a new edition
    start as drafts); how many were drafts. Side effects: one transaction; records
    `event.published` per event; public pages invalidated on commit."""
    with transaction.atomic():
        drafts = list(
            SideEvent.objects.filter(pk__in=[event.pk for event in events], is_published=False)
        )
        published = SideEvent.objects.filter(
            pk__in=[event.pk for event in drafts], is_published=False
        ).update(is_published=True, updated_at=timezone.now())
        if published:
            public_data_changed()
            for event in drafts:
                record(
                    action="event.published",
                    obj=event,
                    actor=actor,
                    changes={"is_published": [False, True]},
                )
    return published


# The board changes or cancels an event ---------------------------------------


def _title_in(language: str, event: SideEvent) -> str:
    """An event's title as the recipient reads it (`event.title` follows the active
    language)."""
    with translation.override(language):
        return str(event.title)


def _time_and_place(event: SideEvent, language: str) -> tuple:
    with translation.override(language):
        return (event.starts_at, event.ends_at, str(event.room))


def _moved_for(before: SideEvent, after: SideEvent, language: str) -> bool:
    """The time or the place changed as a reader of `language` sees them (a change of
    the other language's room name alone is none)."""
    return _time_and_place(before, language) != _time_and_place(after, language)


def tell_event_moved(
    *, event: SideEvent, before: SideEvent, actor, promoted: list | tuple = ()
) -> int | None:
    """Tell the people registered for `event` (now saved) that the board changed its
    time or place from what `before` (the row as it was) said. None when neither
    changed; else how many were told: none for an event nobody is registered for, or
    one the board cancelled (its registrations were cancelled with it).

    `promoted`: registrations given a seat by the same save (`promote_waitlist` with
    `moved_from`): their seat's mail gave the new time and place, so they get no second
    mail here; they count among those told.

    Each live registration whose time or room (in its own language) changed is told in
    that language; a confirmed seat gets the event's .ics again, same UID, a higher
    SEQUENCE, so that calendar apps move the entry they hold. A business-matching
    session has no registrations: its agreed meetings keep their time and place by
    `SideEvent.clean`.

    Side effects: the registrations' `updated_at` (the time of the seat's last file, for
    a later cancellation's SEQUENCE), an audit entry and the mails on commit, when
    anyone is told (the admin's own entry records the change of fields either way).
    """
    fields = ("starts_at", "ends_at", "room_vi", "room_en")
    changed = {
        name: [getattr(before, name), getattr(event, name)]
        for name in fields
        if getattr(before, name) != getattr(event, name)
    }
    if not changed:
        return None
    already_told = [
        registration
        for registration in promoted
        if _moved_for(before, event, registration.language)
    ]
    with transaction.atomic():
        told = [
            registration
            for registration in EventRegistration.objects.filter(
                event_id=event.pk, status__in=EventRegistration.LIVE
            )
            .exclude(pk__in=[registration.pk for registration in promoted])
            .select_for_update()
            .order_by("created_at", "id")
            if _moved_for(before, event, registration.language)
        ]
        if not told:
            if already_told:
                _record_move(event, changed, actor, told=len(already_told))
            return len(already_told)
        # Now, or a second past the latest change of a seat told (a move right after a
        # registration or another move): the new file must come after the seat's last.
        changed_at = max(
            [timezone.now()] + [r.updated_at + datetime.timedelta(seconds=1) for r in told]
        )
        sequence = calendars.moved_sequence(changed_at=changed_at)
        for registration in told:
            language = registration.language
            attachments = []
            if registration.status == EventRegistration.Status.CONFIRMED:
                attachments = [
                    (
                        f"{event.slug}.ics",
                        calendars.event_calendar(event=event, language=language, sequence=sequence),
                        "text/calendar",
                    )
                ]
            send_on_commit(
                to=[registration.email],
                subject=_("Thay đổi thời gian, địa điểm: %(title)s"),
                subject_params={"title": _title_in(language, event)},
                body_template="events/email/event_moved.txt",
                context={
                    "registration": registration,
                    "event": event,
                    "before": before,
                    "event_url": _absolute(language, "events:detail", slug=event.slug),
                },
                language=language,
                attachments=attachments,
                reply_to=[settings.BOARD_EMAIL],
            )
        EventRegistration.objects.filter(pk__in=[r.pk for r in told]).update(updated_at=changed_at)
        _record_move(event, changed, actor, told=len(told) + len(already_told))
    return len(told) + len(already_told)


def _record_move(event: SideEvent, changed: dict, actor, *, told: int) -> None:
    record(
        action="event.moved",
        obj=event,
        actor=actor,
        changes={
            **{
                name: [
                    value.isoformat() if isinstance(value, datetime.datetime) else value
                    for value in values
                ]
                for name, values in changed.items()
            },
            "told": told,
        },
    )


@dataclasses.dataclass
class EventCancellation:
    registrations: int  # people registered (a seat or the waiting list), each told
    meetings: int  # meeting requests (agreed or waiting) of a session, both sides told


def cancel_event(*, event: SideEvent, actor) -> EventCancellation:
    """The board cancels a side event: it leaves sign-up and shows as cancelled.

    The event's row is locked first, as `register_attendee` and `request_meeting` lock
    it: a registration or a meeting request arriving at the same moment is either seen
    here (and cancelled and told with the others) or refused as cancelled.

    Refused once the event has begun (by the fair's clock): its people may be there.

    Side effects: `cancelled_at` set, registration closed, no seat taken; every live
    registration cancelled and mailed in its language, with a METHOD:CANCEL .ics that
    drops the event from calendars; every pending or agreed meeting of a session
    cancelled, both sides mailed (an agreed one with its own METHOD:CANCEL .ics); audit
    entries; the cached public pages dropped.
    """
    with transaction.atomic():
        event = (
            SideEvent.objects.select_related("fair")
            .select_for_update(of=("self",))
            .get(pk=event.pk)
        )
        if event.cancelled_at is not None:
            raise EventsError(_("Sự kiện này đã được huỷ trước đó."), "already_cancelled")
        if event.has_begun:
            # People came: "you need not come" would reach them, and their attendance
            # would be turned into a cancellation.
            raise EventsError(_begun_message(event), "started")
        now = timezone.now()
        SideEvent.objects.filter(pk=event.pk).update(
            cancelled_at=now, registration_open=False, seats_taken=0, updated_at=now
        )
        event.refresh_from_db()
        registrations = list(
            EventRegistration.objects.filter(event=event, status__in=EventRegistration.LIVE)
            .select_for_update()
            .order_by("created_at", "id")
        )
        EventRegistration.objects.filter(pk__in=[r.pk for r in registrations]).update(
            status=EventRegistration.Status.CANCELLED, cancelled_at=now, updated_at=now
        )
        for registration in registrations:
            previous = registration.status
            _mail_event_cancelled(registration, event)
            registration.status = EventRegistration.Status.CANCELLED
            record(
                action="registration.cancelled",
                obj=registration,
                actor=actor,
                changes={"status": [previous, "cancelled"], "event_cancelled": True},
            )
        meetings = list(
            MeetingRequest.objects.filter(
                session=event,
                status__in=[MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED],
            )
            .select_related("exhibitor")
            .prefetch_related("exhibitor__members")
            .select_for_update(of=("self",))
            .order_by("slot_start", "created_at", "id")
        )
        MeetingRequest.objects.filter(pk__in=[m.pk for m in meetings]).update(
            status=MeetingRequest.Status.CANCELLED, updated_at=now
        )
        for meeting in meetings:
            previous = meeting.status
            meeting.status = MeetingRequest.Status.CANCELLED
            meeting.session = event
            record(
                action="meeting.cancelled",
                obj=meeting,
                actor=actor,
                changes={"status": [previous, "cancelled"], "event_cancelled": True},
            )
            _mail_meeting_session_cancelled(
                meeting, was_accepted=previous == MeetingRequest.Status.ACCEPTED
            )
        record(
            action="event.cancelled",
            obj=event,
            actor=actor,
            changes={"registrations": len(registrations), "meetings": len(meetings)},
        )
        public_data_changed()  # update() sends no signal: the programme shows it cancelled
    return EventCancellation(registrations=len(registrations), meetings=len(meetings))


def _begun_message(event: SideEvent) -> str:
    return _("Sự kiện này đã bắt đầu lúc %(when)s nên không thể huỷ nữa.") % {
        "when": f"{timezone.localtime(event.starts_at):%d/%m/%Y %H:%M}"
    }


def _mail_event_cancelled(registration: EventRegistration, event: SideEvent) -> None:
    """`registration` as it was (its status before the cancellation). Only a seat's mail
    carried the event's .ics, so only a seat gets the METHOD:CANCEL file that withdraws
    it: the waiting list is told in words, as it was told of its place in words."""
    language = registration.language
    attachments = []
    if registration.status == EventRegistration.Status.CONFIRMED:
        attachments = [
            (
                f"cancel-{event.slug}.ics",
                calendars.event_cancellation(
                    event=event, language=language, confirmed_at=registration.updated_at
                ),
                "text/calendar",
            )
        ]
    send_on_commit(
        to=[registration.email],
        subject=_("Sự kiện bị huỷ: %(title)s"),
        subject_params={"title": _title_in(language, event)},
        body_template="events/email/event_cancelled.txt",
        context={
            "registration": registration,
            "event": event,
            "programme_url": _absolute(language, "events:list"),
        },
        language=language,
        attachments=attachments,
        reply_to=[settings.BOARD_EMAIL],
    )


def _mail_meeting_session_cancelled(meeting: MeetingRequest, *, was_accepted: bool) -> None:
    """Both sides of a request or a meeting in a session the board cancelled."""
    session = meeting.session
    for to, language, side in _meeting_sides(meeting):
        attachments = []
        if was_accepted:
            attachments = [
                (
                    f"cancel-meeting-{meeting.pk}.ics",
                    calendars.meeting_cancellation(meeting=meeting, language=language),
                    "text/calendar",
                )
            ]
        if side == "requester":
            subject = _("Phiên kết nối bị huỷ: %(session)s")
        else:
            subject = _("Phiên kết nối bị huỷ: %(session)s – %(company)s")
        link = _side_link(meeting, side, language)
        send_on_commit(
            to=to,
            subject=subject,
            subject_params={
                "session": _title_in(language, session),
                "company": meeting.requester_company,
            },
            body_template="events/email/meeting_session_cancelled.txt",
            context={
                "meeting": meeting,
                "session": session,
                "side": side,
                "was_accepted": was_accepted,
                "slot": timezone.localtime(meeting.slot_start) if was_accepted else None,
                "link": link,
            },
            language=language,
            attachments=attachments,
            reply_to=[settings.BOARD_EMAIL],
        )


# Business matching -------------------------------------------------------


def _slot_text(slot: datetime.datetime, session: SideEvent) -> str:
    """A meeting's time as the request form offered it: "20/09/2027 14:30–15:00"."""
    return f"{timezone.localtime(slot):%d/%m/%Y} {slot_hours(slot, session.slot_minutes)}"


def _meetings_text(meetings) -> str:
    """ "TOTO Việt Nam lúc 20/09/2027 14:30–15:00, …": agreed meetings, each with its
    company and its time from start to end."""
    return ", ".join(
        str(_("%(exhibitor)s lúc %(time)s"))
        % {
            "exhibitor": meeting.exhibitor.name,
            "time": _slot_text(meeting.slot_start, meeting.session),
        }
        for meeting in meetings
    )


def _slot_end(session: SideEvent, slot: datetime.datetime) -> datetime.datetime:
    return slot + datetime.timedelta(minutes=session.slot_minutes)


def _ensure_session_slot(session: SideEvent, slot: datetime.datetime) -> None:
    # A session turned into a seminar (or cancelled) since the request was sent offers
    # no slot.
    matching = session.kind == SideEvent.Kind.BUSINESS_MATCHING and session.cancelled_at is None
    if not matching or slot not in selectors.session_slots(session):
        raise EventsError(
            _("Khung giờ này không thuộc phiên kết nối doanh nghiệp."), "slot_outside_session"
        )


def _already_requested() -> EventsError:
    return EventsError(
        _(
            "Bạn đã gửi yêu cầu gặp doanh nghiệp này trong phiên này và yêu cầu đang chờ trả "
            "lời. Xem lại e-mail xác nhận: liên kết trong đó cho biết trạng thái."
        ),
        "duplicate",
    )


def request_meeting(
    *, exhibitor, session: SideEvent, data: dict, slots: list, language: str
) -> tuple[MeetingRequest, str]:
    """A visitor asks an exhibitor for a meeting in one to three slots of a session.

    Side effects: a pending meeting request and an audit entry; on commit, a mail to
    the exhibitor (company e-mail and representatives) and an acknowledgement to the
    requester with the secret link to their request.
    """
    if not 1 <= len(slots) <= 3:
        raise EventsError(_("Chọn từ một đến ba khung giờ."), "slot_count")
    country = data.get("country", "")
    phone = normalize_phone(data.get("phone", ""), country=country)
    zalo = normalize_phone(data["zalo"], country=country) if data.get("zalo") else ""
    email = (data.get("email") or "").strip().lower()
    with transaction.atomic():
        # Held to the end, as `register_attendee` holds an event's: a session cancelled
        # at the same moment sees this request, or this one sees the session cancelled.
        session = (
            SideEvent.objects.select_related("fair")
            .select_for_update(no_key=True, of=("self",))
            .get(pk=session.pk)
        )
        fair = selectors.current_fair(fresh=True)  # under the lock: as it is now
        if (
            fair is None
            or session.fair_id != fair.pk
            or session.kind != SideEvent.Kind.BUSINESS_MATCHING
        ):
            raise EventsError(_("Phiên kết nối này không thuộc kỳ hội chợ hiện tại."), "other_fair")
        if session.cancelled_at is not None:
            raise EventsError(_("Phiên kết nối này đã bị huỷ."), "cancelled")
        if not session.is_published:
            raise EventsError(_("Phiên kết nối này hiện không nhận yêu cầu gặp gỡ."), "closed")
        if not exhibitor.is_published:
            raise EventsError(_("Doanh nghiệp này không nhận yêu cầu gặp gỡ."), "unpublished")
        slots = sorted(set(slots))
        for slot in slots:
            _ensure_session_slot(session, slot)
            _ensure_not_past(slot)
        if selectors.exhibitor_has_meeting_at(exhibitor.pk, slots, minutes=session.slot_minutes):
            raise SlotTaken(
                _("Một khung giờ bạn chọn vừa có lịch gặp khác. Vui lòng chọn khung giờ khác."),
                "slot_taken",
            )
        busy = selectors.requester_meetings_clashing(email, slots, minutes=session.slot_minutes)
        if busy:  # the exhibitor could never accept such a time
            raise SlotTaken(
                _("Bạn đã có lịch gặp với %(meetings)s; hãy chọn giờ khác.")
                % {"meetings": _meetings_text(busy)},
                "requester_busy",
            )
        waiting = MeetingRequest.objects.filter(
            session=session,
            exhibitor=exhibitor,
            requester_email=email,
            status=MeetingRequest.Status.PENDING,
        )
        if waiting.exists():
            raise _already_requested()
        agreed = (
            MeetingRequest.objects.filter(
                session=session,
                exhibitor=exhibitor,
                requester_email=email,
                status=MeetingRequest.Status.ACCEPTED,
            )
            .values_list("slot_start", flat=True)
            .first()
        )
        if agreed is not None:  # one meeting per company and session, as one request is
            raise EventsError(
                _(
                    "Bạn đã có lịch gặp với %(exhibitor)s trong phiên này, lúc %(time)s. "
                    "Để đổi giờ, hãy huỷ lịch gặp đó bằng liên kết trong e-mail xác nhận "
                    "rồi gửi yêu cầu mới."
                )
                % {
                    "exhibitor": exhibitor.name,
                    "time": _slot_text(agreed, session),
                },
                "already_meeting",
            )
        token, digest = new_token()
        meeting = MeetingRequest(
            session=session,
            exhibitor=exhibitor,
            requester_name=data["name"].strip(),
            requester_company=data["company"].strip(),
            requester_country=data["country"],
            requester_email=email,
            requester_phone=phone,
            requester_zalo=zalo,
            sector=data.get("sector"),
            message=data["message"].strip(),
            proposed_slots=[timezone.localtime(slot).isoformat() for slot in slots],
            language=language,
            token_hash=digest,
            consent_at=timezone.now(),
        )
        meeting.full_clean(exclude=["token_hash"], validate_constraints=False)
        try:
            with transaction.atomic():
                meeting.save()
        except IntegrityError:  # the same request, sent twice at the same moment
            raise _already_requested() from None
        record(action="meeting.requested", obj=meeting, actor_label=email)
        link = _absolute(language, "events:meeting", token=token)
        send_on_commit(
            to=[email],
            subject=_("Đã gửi yêu cầu gặp %(exhibitor)s"),
            subject_params={"exhibitor": _name_in(language, exhibitor)},
            body_template="events/email/meeting_requested_requester.txt",
            context={
                "meeting": meeting,
                "slots": [timezone.localtime(slot) for slot in slots],
                "link": link,
            },
            language=language,
        )
        for company_language, exhibitor_emails in selectors.exhibitor_recipients(exhibitor):
            send_on_commit(
                to=exhibitor_emails,
                subject=_("Yêu cầu gặp gỡ mới từ %(company)s"),
                subject_params={"company": meeting.requester_company},
                body_template="events/email/meeting_requested_exhibitor.txt",
                context={
                    "meeting": meeting,
                    "slots": [timezone.localtime(slot) for slot in slots],
                    # expire_pending's rule: the request waits until its last time begins.
                    "answer_by": timezone.localtime(max(slots)),
                    "link": _account_meetings_link(company_language, exhibitor),
                },
                language=company_language,
                reply_to=[email],
            )
    return meeting, token


def resend_meeting_links(*, exhibitor, email: str) -> int:
    """Mail a fresh personal link for each live request (waiting or agreed) that `email`
    sent `exhibitor`; returns how many went out.

    As for a registration (`resend_registration_link`): only the token's digest is
    stored, so each request gets a new token and its old link stops working (the mail
    says so); the caller answers the same whatever the count.

    Side effects: the requests' tokens replaced, an audit entry each, one mail each in
    the request's language on commit.
    """
    email = (email or "").strip().lower()
    with transaction.atomic():
        # The rows `propose_other_slot` and `accept_meeting` lock before they write: a
        # link replaced meanwhile by a proposal's mail is replaced once more, after it.
        meetings = list(
            MeetingRequest.objects.select_for_update(of=("self",))
            .select_related("session", "exhibitor")
            .filter(
                exhibitor_id=exhibitor.pk,
                requester_email=email,
                status__in=[MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED],
            )
            .order_by("pk")
        )
        for meeting in meetings:
            token, digest = new_token()
            MeetingRequest.objects.filter(pk=meeting.pk).update(token_hash=digest)
            record(action="meeting.link_resent", obj=meeting, actor_label=email)
            send_on_commit(
                to=[meeting.requester_email],
                subject=_("Liên kết yêu cầu gặp %(exhibitor)s của bạn"),
                subject_params={"exhibitor": _name_in(meeting.language, meeting.exhibitor)},
                body_template="events/email/meeting_link.txt",
                context={
                    "meeting": meeting,
                    "slot": timezone.localtime(meeting.slot_start) if meeting.slot_start else None,
                    "link": _absolute(meeting.language, "events:meeting", token=token),
                },
                language=meeting.language,
            )
    return len(meetings)


def _ensure_no_overlap(meeting: MeetingRequest, session, slot) -> None:
    """Refuse a slot that overlaps an accepted meeting of another session (either side)."""
    either_side = Q(exhibitor_id=meeting.exhibitor_id) | Q(requester_email=meeting.requester_email)
    overlapping = selectors.agreed_meetings_overlapping(
        either_side, [slot], minutes=session.slot_minutes
    )
    # Same session: the partial unique constraints decide.
    if any(other.session_id != session.pk for other in overlapping):
        raise SlotTaken(_("Khung giờ này trùng với một cuộc gặp đã chốt."), "slot_overlap")


def _lock_sessions_around(meeting: MeetingRequest, slot_start: datetime.datetime) -> SideEvent:
    """Take the row of the meeting's session and those of the business-matching
    sessions running during its slot, in id order; return the meeting's session.

    A meeting agreed at an overlapping time in another session, whose slots start at
    other times, is one no unique constraint sees: it takes its own session's row,
    which is one of these, so whichever acceptance comes second waits for the first
    and then sees it (`proposal_refusal`, `_ensure_no_overlap`). The id order keeps
    two acceptances from waiting on each other."""
    reach = datetime.timedelta(minutes=480)  # the longest slot (SideEvent.slot_minutes)
    sessions = list(
        SideEvent.objects.select_for_update(no_key=True)
        .filter(
            Q(pk=meeting.session_id)
            | Q(
                kind=SideEvent.Kind.BUSINESS_MATCHING,
                starts_at__lt=slot_start + reach,
                ends_at__gt=slot_start,
            )
        )
        .order_by("pk")
    )
    return next(session for session in sessions if session.pk == meeting.session_id)


def proposal_refusal(*, meeting: MeetingRequest, slot: datetime.datetime) -> SlotTaken | None:
    """Why the visitor can no longer confirm `slot`, the time the exhibitor proposed:
    they have since agreed an overlapping meeting (in any session, with any company),
    or the exhibitor has. None when nothing stands in the way. The visitor's page reads
    it to say so; `accept_meeting` reads it again under its locks before it writes."""
    minutes = meeting.session.slot_minutes
    proposed = _slot_text(slot, meeting.session)
    busy = selectors.requester_meetings_clashing(meeting.requester_email, [slot], minutes=minutes)
    if busy:
        return SlotTaken(
            _(
                "Giờ doanh nghiệp đề xuất, %(time)s, không còn chốt được: bạn đã có lịch gặp "
                "với %(meetings)s."
            )
            % {"time": proposed, "meetings": _meetings_text(busy)},
            "requester_busy",
        )
    if selectors.exhibitor_has_meeting_at(meeting.exhibitor_id, [slot], minutes=minutes):
        return SlotTaken(
            _(
                "Giờ doanh nghiệp đề xuất, %(time)s, không còn chốt được: doanh nghiệp vừa có "
                "cuộc gặp khác vào giờ này."
            )
            % {"time": proposed},
            "proposal_taken",
        )
    return None


def _slot_taken_error() -> SlotTaken:
    return SlotTaken(
        _("Khung giờ này đã có cuộc gặp khác (của doanh nghiệp hoặc của người đề nghị)."),
        "slot_taken",
    )


def accept_meeting(
    *,
    meeting: MeetingRequest,
    slot_start: datetime.datetime,
    actor,
    note: str = "",
    proposed_only: bool = False,
) -> MeetingRequest:
    """Accept a pending request in one slot and give it the lowest free table.

    `proposed_only` is the requester confirming the slot the exhibitor proposed; without
    it (the exhibitor, the board) a request waiting on the requester is refused.

    The session's row is locked first (with those of the sessions running at the same
    time, see `_lock_sessions_around`), then the meeting's: the session's admin form
    takes the same session row before it checks the agreed meetings, so a session
    moved or changed meanwhile is read here as it now is, and a change arriving
    meanwhile waits and sees this meeting; `propose_other_slot` takes the same meeting
    row, so whose turn it is cannot change between the check and the update below.
    The partial unique constraints decide between concurrent acceptances of one
    time: the loser gets SlotTaken; an overlapping meeting agreed meanwhile in another
    session is seen once its session's lock is released. Side effects: status accepted
    with slot and table, audit entry, an e-mail with the meeting's .ics to both sides
    on commit.
    """
    with transaction.atomic():
        # A meeting never changes its session: the caller's copy names the row to lock.
        session = _lock_sessions_around(meeting, timezone.localtime(slot_start))
        meeting = (
            MeetingRequest.objects.select_related("exhibitor")
            .select_for_update(of=("self",))
            .get(pk=meeting.pk)
        )
        meeting.session = session
        if meeting.status != MeetingRequest.Status.PENDING:
            raise EventsError(_("Yêu cầu này đã được trả lời."), "not_pending")
        if not proposed_only and meeting.other_slot_proposed_at is not None:
            # The exhibitor's own proposal is the requester's to confirm, not its own.
            raise EventsError(
                _(
                    "Doanh nghiệp đã đề xuất giờ khác cho yêu cầu này; đang chờ khách xác "
                    "nhận. Chỉ khách chốt được giờ đó."
                ),
                "awaiting_visitor",
            )
        if proposed_only and (
            meeting.other_slot_proposed_at is None
            or selectors.proposed_slot_datetimes(meeting) != [timezone.localtime(slot_start)]
        ):
            raise EventsError(_("Không có giờ gặp nào chờ bạn xác nhận."), "nothing_to_confirm")
        slot_start = timezone.localtime(slot_start)
        _ensure_session_slot(session, slot_start)
        _ensure_not_past(slot_start)
        if proposed_only:
            # Named for the visitor: which meeting of theirs the proposal now overlaps.
            refusal = proposal_refusal(meeting=meeting, slot=slot_start)
            if refusal is not None:
                raise refusal
        _ensure_no_overlap(meeting, session, slot_start)
        busy_tables = set(
            MeetingRequest.objects.filter(
                session=session, slot_start=slot_start, status=MeetingRequest.Status.ACCEPTED
            ).values_list("table_number", flat=True)
        )
        accepted = False
        for table in range(1, session.tables + 1):
            if table in busy_tables:
                continue
            try:
                with transaction.atomic():
                    accepted = MeetingRequest.objects.filter(
                        pk=meeting.pk, status=MeetingRequest.Status.PENDING
                    ).update(
                        status=MeetingRequest.Status.ACCEPTED,
                        slot_start=slot_start,
                        table_number=table,
                        decision_note=(note or "").strip(),
                        decided_at=timezone.now(),
                        updated_at=timezone.now(),
                    )
            except IntegrityError:
                taken = MeetingRequest.objects.filter(
                    Q(exhibitor_id=meeting.exhibitor_id)
                    | Q(requester_email=meeting.requester_email),
                    status=MeetingRequest.Status.ACCEPTED,
                    slot_start=slot_start,
                ).exists()
                if taken:
                    raise _slot_taken_error() from None
                continue  # another meeting took this table meanwhile: try the next one
            if not accepted:
                raise EventsError(_("Yêu cầu này đã được trả lời."), "not_pending")
            break
        if not accepted:
            raise SlotTaken(_("Không còn bàn trống trong khung giờ này."), "no_table")
        public_data_changed(ATTENDANCE)  # update() sends no signal
        meeting.refresh_from_db()
        record(
            action="meeting.accepted",
            obj=meeting,
            actor=actor,
            actor_label="" if actor else meeting.requester_email,
            changes={"slot_start": slot_start.isoformat(), "table_number": meeting.table_number},
        )
        _mail_meeting_both(meeting, "meeting_accepted", with_calendar=True)
    return meeting


def confirm_proposed_slot(*, meeting: MeetingRequest) -> MeetingRequest:
    """The requester agrees to the one slot the exhibitor proposed instead.

    Only after `propose_other_slot`: the requester's own slots wait for the exhibitor,
    who alone accepts them. Side effects as `accept_meeting`.
    """
    slots = selectors.proposed_slot_datetimes(meeting)
    if meeting.other_slot_proposed_at is None or len(slots) != 1:
        raise EventsError(_("Không có giờ gặp nào chờ bạn xác nhận."), "nothing_to_confirm")
    return accept_meeting(meeting=meeting, slot_start=slots[0], actor=None, proposed_only=True)


def _meeting_sides(meeting) -> list[tuple[list[str], str, str]]:
    """Who hears about a meeting: (addresses, language, side), the visitor in the
    language of their request, then the company's addresses, if any, in each one's
    language (`selectors.exhibitor_recipients`)."""
    sides = [([meeting.requester_email], meeting.language, "requester")]
    for language, exhibitor_emails in selectors.exhibitor_recipients(meeting.exhibitor):
        sides.append((exhibitor_emails, language, "exhibitor"))
    return sides


def _mail_meeting_both(meeting, template: str, *, with_calendar: bool) -> None:
    subjects = {
        "meeting_accepted": _("Lịch gặp đã chốt: %(company)s – %(exhibitor)s"),
        "meeting_reminder": _("Nhắc lịch gặp ngày mai: %(company)s – %(exhibitor)s"),
    }
    for to, language, side in _meeting_sides(meeting):
        with translation.override(language):
            subject = str(subjects[template]) % {
                "company": meeting.requester_company,
                "exhibitor": meeting.exhibitor.name,
            }
        attachments = []
        if with_calendar:
            attachments = [
                (
                    f"meeting-{meeting.pk}.ics",
                    calendars.meeting_calendar(meeting=meeting, language=language),
                    "text/calendar",
                )
            ]
        # Where each side sees or calls off the meeting: the company on its meeting
        # requests; the visitor on the meeting's page, by a link derived from their
        # first mail's (the portal keeps only that one's hash), or, for a request with
        # no personal link, on the page that sends one.
        personal = side == "requester" and selectors.meeting_link_token(meeting)
        if personal:
            link = _absolute(language, "events:meeting", token=personal)
        elif side == "requester":
            link = _absolute(language, "events:meeting_link", slug=meeting.exhibitor.slug)
        else:
            link = _account_meetings_link(language, meeting.exhibitor)
        send_on_commit(
            to=to,
            subject=subject,
            body_template=f"events/email/{template}.txt",
            context={"meeting": meeting, "side": side, "link": link, "personal": bool(personal)},
            language=language,
            attachments=attachments,
        )


def propose_other_slot(
    *, meeting: MeetingRequest, slot_start: datetime.datetime, actor, note: str = ""
) -> MeetingRequest:
    """The exhibitor offers another slot: the request stays pending with that one slot.
    A slot already on the table (the visitor's own, or one proposed to them) is refused.

    Side effects: proposed_slots replaced, audit entry, mail to the requester with the
    link where they confirm it.
    """
    with transaction.atomic():
        # The session's row first, as `accept_meeting` and the session's admin form take
        # it: a session moved meanwhile is read as it now is, and a move arriving
        # meanwhile waits and sees the time proposed here.
        session = SideEvent.objects.select_for_update(no_key=True).get(pk=meeting.session_id)
        meeting = (
            MeetingRequest.objects.select_related("exhibitor")
            .select_for_update(of=("self",))
            .get(pk=meeting.pk)
        )
        meeting.session = session
        if meeting.status != MeetingRequest.Status.PENDING:
            raise EventsError(_("Yêu cầu này đã được trả lời."), "not_pending")
        slot_start = timezone.localtime(slot_start)
        _ensure_session_slot(session, slot_start)
        _ensure_not_past(slot_start)
        # A time already on the table is no other time: proposing it would drop the
        # visitor's other times, void their link and wait on them again for nothing.
        if slot_start in selectors.proposed_slot_datetimes(meeting):
            if meeting.other_slot_proposed_at:
                raise EventsError(
                    _("Bạn đã đề xuất giờ này; khách chưa xác nhận. Hãy chọn một giờ khác."),
                    "already_proposed",
                )
            raise EventsError(
                _(
                    "Khách đã xin giờ này. Để gặp vào giờ này, hãy bấm “Nhận lời”; để đề xuất, "
                    "hãy chọn một giờ khách chưa xin."
                ),
                "requested_by_visitor",
            )
        if selectors.exhibitor_has_meeting_at(
            meeting.exhibitor_id, [slot_start], minutes=meeting.session.slot_minutes
        ):
            raise _slot_taken_error()
        previous = meeting.proposed_slots
        meeting.proposed_slots = [slot_start.isoformat()]
        meeting.decision_note = note
        meeting.other_slot_proposed_at = timezone.now()
        meeting.save(
            update_fields=[
                "proposed_slots",
                "decision_note",
                "other_slot_proposed_at",
                "updated_at",
            ]
        )
        record(
            action="meeting.other_slot_proposed",
            obj=meeting,
            actor=actor,
            changes={"proposed_slots": [previous, meeting.proposed_slots]},
        )
        token, digest = new_token()
        MeetingRequest.objects.filter(pk=meeting.pk).update(token_hash=digest)
        send_on_commit(
            to=[meeting.requester_email],
            subject=_("%(exhibitor)s đề xuất giờ gặp khác"),
            subject_params={"exhibitor": _name_in(meeting.language, meeting.exhibitor)},
            body_template="events/email/meeting_other_slot.txt",
            context={
                "meeting": meeting,
                "slot": slot_start,
                "note": note,
                "link": _absolute(meeting.language, "events:meeting", token=token),
            },
            language=meeting.language,
        )
    return meeting


def decline_meeting(*, meeting: MeetingRequest, actor, note: str = "") -> MeetingRequest:
    with transaction.atomic():
        declined = MeetingRequest.objects.filter(
            pk=meeting.pk, status=MeetingRequest.Status.PENDING
        ).update(
            status=MeetingRequest.Status.DECLINED,
            decided_at=timezone.now(),
            decision_note=note,
            updated_at=timezone.now(),
        )
        if not declined:
            raise EventsError(_("Yêu cầu này đã được trả lời."), "not_pending")
        meeting.refresh_from_db()
        record(
            action="meeting.declined",
            obj=meeting,
            actor=actor,
            changes={"status": ["pending", "declined"]},
        )
        send_on_commit(
            to=[meeting.requester_email],
            subject=_("%(exhibitor)s không nhận lời gặp"),
            subject_params={"exhibitor": _name_in(meeting.language, meeting.exhibitor)},
            body_template="events/email/meeting_declined.txt",
            context={"meeting": meeting, "note": note},
            language=meeting.language,
        )
    return meeting


def cancel_meeting(
    *, meeting: MeetingRequest, actor=None, by_requester: bool = True
) -> MeetingRequest:
    """Withdraw a pending or accepted request; the slot and its table are free again.

    `by_requester`: the visitor, from their link; otherwise the board (erasing the
    visitor's data), whose actor may be None when run from the command line.

    Side effects: status cancelled, audit entry; on commit, when the meeting was
    accepted, a mail to the exhibitor (who would otherwise wait at the table) saying
    who cancelled which meeting; when the visitor cancelled, a confirmation to them.
    The mails about an accepted meeting carry a METHOD:CANCEL .ics that drops the one
    mailed on acceptance from calendars.
    A pending request withdrawn sends the exhibitor nothing: like one that expires or
    that the exhibitor answers, it only leaves their meetings page.
    """
    with transaction.atomic():
        # Under the row lock `accept_meeting` takes: what was cancelled (a request or a
        # fixed meeting) is known for sure, and so is who must be told.
        meeting = (
            MeetingRequest.objects.select_related("session", "exhibitor")
            .select_for_update(of=("self",))
            .get(pk=meeting.pk)
        )
        previous = meeting.status
        if previous not in (MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED):
            raise EventsError(_("Yêu cầu này đã kết thúc."), "not_live")
        begun = meeting.slot_start is not None and meeting.slot_start <= clock.now()
        if by_requester and previous == MeetingRequest.Status.ACCEPTED and begun:
            raise EventsError(_("Cuộc gặp đã đến giờ nên không thể huỷ nữa."), "begun")
        MeetingRequest.objects.filter(pk=meeting.pk).update(
            status=MeetingRequest.Status.CANCELLED, updated_at=timezone.now()
        )
        meeting.refresh_from_db()
        if previous == MeetingRequest.Status.ACCEPTED:
            public_data_changed(ATTENDANCE)  # update() sends no signal: a slot is free again
        record(
            action="meeting.cancelled",
            obj=meeting,
            actor=actor,
            actor_label="" if actor else meeting.requester_email,
            changes={"status": [previous, MeetingRequest.Status.CANCELLED]},
        )
        _mail_meeting_cancelled(
            meeting,
            was_accepted=previous == MeetingRequest.Status.ACCEPTED,
            by_requester=by_requester,
        )
    return meeting


def _mail_meeting_cancelled(meeting, *, was_accepted: bool, by_requester: bool) -> None:
    when = timezone.localtime(meeting.slot_start) if was_accepted else None
    company_sides = selectors.exhibitor_recipients(meeting.exhibitor) if was_accepted else []

    def cancellation(language: str) -> list:
        if not was_accepted:  # a request never had a .ics
            return []
        return [
            (
                f"cancel-meeting-{meeting.pk}.ics",
                calendars.meeting_cancellation(meeting=meeting, language=language),
                "text/calendar",
            )
        ]

    for company_language, exhibitor_emails in company_sides:
        if by_requester:
            subject = _("Khách huỷ lịch gặp: %(company)s – %(when)s")
        else:
            subject = _("Ban tổ chức huỷ lịch gặp %(when)s")
        send_on_commit(
            to=exhibitor_emails,
            subject=subject,
            subject_params={
                "company": meeting.requester_company,
                "when": _slot_text(when, meeting.session),
            },
            body_template="events/email/meeting_cancelled_exhibitor.txt",
            context={
                "meeting": meeting,
                "slot": when,
                "by_requester": by_requester,
                "link": _account_meetings_link(company_language, meeting.exhibitor),
            },
            language=company_language,
            attachments=cancellation(company_language),
            reply_to=[meeting.requester_email] if by_requester else None,
        )
    if by_requester:
        send_on_commit(
            to=[meeting.requester_email],
            subject=(
                _("Đã huỷ lịch gặp: %(exhibitor)s")
                if was_accepted
                else _("Đã huỷ yêu cầu gặp %(exhibitor)s")
            ),
            subject_params={"exhibitor": _name_in(meeting.language, meeting.exhibitor)},
            body_template="events/email/meeting_cancelled_requester.txt",
            context={"meeting": meeting, "slot": when, "was_accepted": was_accepted},
            language=meeting.language,
            attachments=cancellation(meeting.language),
        )


def cancel_agreed_meeting(*, meeting: MeetingRequest, actor, reason: str = "") -> MeetingRequest:
    """The board cancels a meeting both sides agreed, before its time; the slot and
    its table are free again. Only an agreed meeting: a request still waiting is
    declined instead (`decline_meeting`), one already ended is left as it is.

    Side effects: status cancelled, audit entry; on commit, a mail to the visitor (in
    their language) and to the company (in its addresses' languages), each naming the
    other side, the time and the table, with the board's reason if given, a
    METHOD:CANCEL .ics that drops the meeting mailed on acceptance, and the board as
    Reply-To.
    """
    reason = (reason or "").strip()[:500]
    with transaction.atomic():
        # Under the row lock `accept_meeting` and `cancel_meeting` take: the status read
        # here is the one the update below changes.
        meeting = (
            MeetingRequest.objects.select_related("session", "exhibitor")
            .select_for_update(of=("self",))
            .get(pk=meeting.pk)
        )
        if meeting.status != MeetingRequest.Status.ACCEPTED:
            raise EventsError(
                _(
                    "Chỉ huỷ được cuộc gặp đã chốt; yêu cầu này đang ở trạng thái "
                    "“%(status)s”. Yêu cầu đang chờ thì dùng thao tác “Từ chối”."
                )
                % {"status": meeting.get_status_display()},
                "not_accepted",
            )
        if meeting.slot_start <= clock.now():
            raise EventsError(_("Cuộc gặp đã đến giờ nên không thể huỷ nữa."), "begun")
        MeetingRequest.objects.filter(pk=meeting.pk).update(
            status=MeetingRequest.Status.CANCELLED, updated_at=timezone.now()
        )
        meeting.refresh_from_db()
        public_data_changed(ATTENDANCE)  # update() sends no signal: a slot is free again
        record(
            action="meeting.cancelled",
            obj=meeting,
            actor=actor,
            changes={
                "status": [MeetingRequest.Status.ACCEPTED, MeetingRequest.Status.CANCELLED],
                **({"reason": reason} if reason else {}),
            },
        )
        _mail_meeting_cancelled_by_board(meeting, reason=reason)
    return meeting


def _mail_meeting_cancelled_by_board(meeting: MeetingRequest, *, reason: str) -> None:
    slot = timezone.localtime(meeting.slot_start)
    for to, language, side in _meeting_sides(meeting):
        if side == "requester":
            subject = _("Ban tổ chức huỷ lịch gặp với %(exhibitor)s: %(when)s")
        else:
            subject = _("Ban tổ chức huỷ lịch gặp với %(company)s: %(when)s")
        link = _side_link(meeting, side, language)
        send_on_commit(
            to=to,
            subject=subject,
            subject_params={
                "exhibitor": _name_in(language, meeting.exhibitor),
                "company": meeting.requester_company,
                "when": _slot_text(slot, meeting.session),
            },
            body_template="events/email/meeting_cancelled_by_board.txt",
            context={
                "meeting": meeting,
                "side": side,
                "slot": slot,
                "reason": reason,
                "link": link,
            },
            language=language,
            attachments=[
                (
                    f"cancel-meeting-{meeting.pk}.ics",
                    calendars.meeting_cancellation(meeting=meeting, language=language),
                    "text/calendar",
                )
            ],
            reply_to=[settings.BOARD_EMAIL],
        )


def expire_pending(*, now: datetime.datetime | None = None) -> int:
    """Pending requests expire once every slot they offer has begun (a request sent
    during a session for a later slot still waits for its answer); returns how many."""
    now = now or clock.now()
    count = 0
    with transaction.atomic():
        begun = MeetingRequest.objects.filter(
            status=MeetingRequest.Status.PENDING, session__starts_at__lte=now
        ).select_related("exhibitor")
        stale = [m for m in begun if not selectors.has_time_to_come(m.proposed_slots, now)]
        for meeting in stale:
            if MeetingRequest.objects.filter(
                pk=meeting.pk, status=MeetingRequest.Status.PENDING
            ).update(status=MeetingRequest.Status.EXPIRED, updated_at=now):
                meeting.status = MeetingRequest.Status.EXPIRED
                record(action="meeting.expired", obj=meeting, actor_label="expire_meetings")
                count += 1
    return count


def send_meeting_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind both sides of each accepted meeting taking place tomorrow (once each)."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    count = 0
    with transaction.atomic():
        due = list(
            MeetingRequest.objects.filter(
                status=MeetingRequest.Status.ACCEPTED,
                slot_start__gte=start,
                slot_start__lt=end,
                reminder_sent_at__isnull=True,
            )
            .select_related("session", "exhibitor")
            .prefetch_related("exhibitor__members")
        )
        for meeting in due:
            if MeetingRequest.objects.filter(pk=meeting.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            ):
                record(action="meeting.reminded", obj=meeting, actor_label="send_meeting_reminders")
                _mail_meeting_both(meeting, "meeting_reminder", with_calendar=False)
                count += 1
    return count
