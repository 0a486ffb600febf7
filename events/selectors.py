"""Reads of fairs and the programme shared by pages, admin and API."""

import datetime
import pickle
import time
from collections import Counter, OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.utils import timezone, translation

from events.models import EventRegistration, Fair, MeetingRequest, SideEvent
from exhibitors.models import Exhibitor, Sector
from fairportal import clock
from fairportal.cache import public_data_version
from fairportal.text import english_singular, search_text, search_words
from fairportal.tokens import (
    derived_token,
    derived_token_matches,
    derived_token_pk,
    hash_token,
)

_NO_FAIR = "none"
# (version, the fair pickled) last read by this process: a page asks twice or more.
_current_fair_copy: tuple[int, bytes] | None = None


def current_fair(*, fresh: bool = False) -> Fair | None:
    """The edition marked current, or the latest one.

    Every page asks for it (the header, the footer and the view itself), so it is kept
    in the cache under the public data version: any change to a fair bumps the version
    (see fairportal.cache), and the next call reads the database again. This process
    keeps the last one it read too, good for as long as the version it was read under;
    each call gets its own copy, which it may change.

    `fresh`: the version is read now, not the one this request read first (see
    fairportal.cache), for a check made under a lock.
    """
    global _current_fair_copy
    version, _changed_at = public_data_version(fresh=fresh)
    copy = _current_fair_copy
    if copy is not None and copy[0] == version:
        fair = pickle.loads(copy[1])
        return None if fair == _NO_FAIR else fair
    key = f"current-fair:{version}"
    fair = cache.get(key)
    if fair is None:
        fair = Fair.objects.filter(is_current=True).first()
        if fair is None:
            fair = Fair.objects.order_by("-starts_on").first()
        fair = _NO_FAIR if fair is None else fair
        cache.set(key, fair, timeout=3600)
    _current_fair_copy = (version, pickle.dumps(fair, pickle.HIGHEST_PROTOCOL))
    return None if fair == _NO_FAIR else fair


def programme(*, fair: Fair | None, kinds=()):
    """The published side events of `fair` in time order (drafts the board is still
    reviewing are left out), optionally of some kinds only, with their places on the
    plan (one query)."""
    if fair is None:
        return SideEvent.objects.none()
    events = (
        SideEvent.objects.filter(fair=fair, is_published=True)
        .select_related("place")
        .order_by("starts_at", "id")
    )
    if kinds:
        events = events.filter(kind__in=kinds)
    return events


def search_programme(events, query: str | None) -> list:
    """The `events` whose every word of `query` starts a word of their title, summary,
    room, speakers or kind, in Vietnamese or English: "hoi thao" finds the seminars
    ("Hội thảo") even where a title does not say it, "duoc pham" the pharmaceutical
    one, "seminars" the seminars in English. In Python: a fair has a few dozen events,
    with no `search_text` column to query."""
    words = search_words(query)
    if not words:
        return list(events)
    kinds = {}
    for language in ("vi", "en"):
        with translation.override(language):
            for value, label in SideEvent.Kind.choices:
                kinds.setdefault(value, []).append(str(label))
    found = []
    for event in events:
        text = search_text(
            event.title_vi,
            event.title_en,
            event.summary_vi,
            event.summary_en,
            event.room_vi,
            event.room_en,
            event.speakers_vi,
            event.speakers_en,
            *kinds.get(event.kind, ()),
        )
        padded = text + " "
        if all(
            f" {word}" in text
            or (english_singular(word) and f" {english_singular(word)} " in padded)
            for word in words
        ):
            found.append(event)
    return found


def programme_seats(*, fair: Fair, kinds=()) -> dict[int, tuple[str, int, int, bool, str]]:
    """{event id: (kind, capacity, seats taken, takes registrations, `event_state`)} of
    the programme's events (one query)."""
    rows = programme(fair=fair, kinds=kinds).values_list(
        "id", "kind", "capacity", "seats_taken", "registration_open", "starts_at", "ends_at"
    )
    now = clock.now()
    return {
        pk: (
            kind,
            capacity,
            taken,
            is_open and starts_at > now,
            event_state(starts_at, ends_at, now),
        )
        for pk, kind, capacity, taken, is_open, starts_at, ends_at in rows
    }


def event_state(starts_at, ends_at, now) -> str:
    """ "over", "now" (under way) or "" (still to come) by the fair's clock."""
    if ends_at <= now:
        return "over"
    return "now" if starts_at <= now else ""


def group_by_day(events) -> list[tuple[datetime.date, list[SideEvent]]]:
    """[(day, [events…]), …] in the fair's time zone."""
    days: OrderedDict[datetime.date, list[SideEvent]] = OrderedDict()
    for event in events:
        days.setdefault(timezone.localdate(event.starts_at), []).append(event)
    return list(days.items())


def event_for_page(slug: str) -> SideEvent | None:
    """One published event by slug, of any fair (past editions stay reachable), with its
    place on the plan and its hosts; None for a draft."""
    return (
        SideEvent.objects.select_related("fair", "place")
        .prefetch_related(Prefetch("hosts", queryset=Exhibitor.objects.filter(is_published=True)))
        .filter(slug=slug, is_published=True)
        .first()
    )


def registration_by_token(token: str) -> EventRegistration | None:
    if not token:
        return None
    return (
        EventRegistration.objects.select_related("event", "event__fair")
        .filter(token_hash=hash_token(token))
        .first()
    )


# The mails after the first (agreed, reminder) carry a link derived from the token's
# digest, as the token itself is not kept (`fairportal.tokens.derived_token`).
MEETING_LINK_SALT = "events.meeting-link"


def meeting_link_token(meeting: MeetingRequest) -> str:
    """The visitor's link to `meeting`'s page that a later mail can carry; "" when the
    request has no personal link."""
    if not meeting.token_hash:
        return ""
    return derived_token(salt=MEETING_LINK_SALT, pk=meeting.pk, digest=meeting.token_hash)


def _meeting_link_holds(token: str, meeting: MeetingRequest) -> bool:
    return derived_token_matches(
        token, salt=MEETING_LINK_SALT, pk=meeting.pk, digest=meeting.token_hash
    )


def meeting_by_token(token: str) -> MeetingRequest | None:
    """The meeting request behind a personal link: the first mail's token, or the
    link of a later mail (`meeting_link_token`)."""
    if not token:
        return None
    meetings = MeetingRequest.objects.select_related("session__place", "exhibitor")
    pk = derived_token_pk(token)
    if pk is None:
        return meetings.filter(token_hash=hash_token(token)).first()
    meeting = meetings.filter(pk=pk).first()
    return meeting if meeting is not None and _meeting_link_holds(token, meeting) else None


def registered_again(registration: EventRegistration) -> EventRegistration | None:
    """For a cancelled registration, the live one the same address made for the same
    event since (a new row with its own link); None otherwise."""
    if registration.status != EventRegistration.Status.CANCELLED:
        return None
    return (
        EventRegistration.objects.filter(
            event_id=registration.event_id,
            email=registration.email,
            status__in=EventRegistration.LIVE,
        )
        .exclude(pk=registration.pk)
        .first()
    )


def waitlist_position(registration: EventRegistration) -> int | None:
    """1 for the first on the waitlist; None when not waitlisted."""
    if registration.status != EventRegistration.Status.WAITLISTED:
        return None
    ahead = EventRegistration.objects.filter(
        event_id=registration.event_id,
        status=EventRegistration.Status.WAITLISTED,
        created_at__lt=registration.created_at,
    ).count()
    same_time_ahead = EventRegistration.objects.filter(
        event_id=registration.event_id,
        status=EventRegistration.Status.WAITLISTED,
        created_at=registration.created_at,
        pk__lt=registration.pk,
    ).count()
    return ahead + same_time_ahead + 1


def live_attendance(event_ids) -> dict[int, tuple[int, int]]:
    """{event id: (live registrations, pending or agreed meeting requests)} (two queries):
    the people a deletion would drop without a word."""
    registrations = dict(
        EventRegistration.objects.filter(event_id__in=event_ids, status__in=EventRegistration.LIVE)
        .values_list("event_id")
        .annotate(n=Count("id"))
    )
    meetings = dict(
        MeetingRequest.objects.filter(
            session_id__in=event_ids,
            status__in=[MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED],
        )
        .values_list("session_id")
        .annotate(n=Count("id"))
    )
    return {pk: (registrations.get(pk, 0), meetings.get(pk, 0)) for pk in event_ids}


def still_to_come(meetings) -> list[MeetingRequest]:
    """Those of `meetings` somebody still waits for: a request pending with a proposed
    time not begun yet (the others expire within the hour, `expire_pending`), a meeting
    agreed for a time not begun yet. Deleting one of them leaves the visitor, or the
    company, waiting without a word; the others (declined, cancelled, expired, gone by)
    are records only."""
    now = clock.now()
    return [
        meeting
        for meeting in meetings
        if (meeting.status == MeetingRequest.Status.ACCEPTED and meeting.slot_start > now)
        or (
            meeting.status == MeetingRequest.Status.PENDING
            and any(slot > now for slot in proposed_slot_datetimes(meeting))
        )
    ]


def meetings_to_come_by_exhibitor(exhibitor_ids) -> dict[int, tuple[int, int]]:
    """{exhibitor id: (pending requests, agreed meetings)} still to come (`still_to_come`),
    for the exhibitors that have any (one query)."""
    live = MeetingRequest.objects.filter(
        Q(status=MeetingRequest.Status.PENDING)
        | Q(status=MeetingRequest.Status.ACCEPTED, slot_start__gt=clock.now()),
        exhibitor_id__in=list(exhibitor_ids),
    ).only("exhibitor_id", "status", "slot_start", "proposed_slots")
    counts = {}
    for meeting in still_to_come(live):
        pending, agreed = counts.get(meeting.exhibitor_id, (0, 0))
        if meeting.status == MeetingRequest.Status.PENDING:
            pending += 1
        else:
            agreed += 1
        counts[meeting.exhibitor_id] = (pending, agreed)
    return counts


def who_is_told_of_cancellation(event: SideEvent) -> dict:
    """What the board reads before it cancels `event`: the people who will be mailed."""
    registrations = Counter(
        dict(
            event.registrations.filter(status__in=EventRegistration.LIVE)
            .values_list("status")
            .annotate(n=Count("id"))
        )
    )
    meetings = Counter(
        dict(
            event.meeting_requests.filter(
                status__in=[MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED]
            )
            .values_list("status")
            .annotate(n=Count("id"))
        )
    )
    return {
        "confirmed": registrations[EventRegistration.Status.CONFIRMED],
        "waitlisted": registrations[EventRegistration.Status.WAITLISTED],
        "accepted": meetings[MeetingRequest.Status.ACCEPTED],
        "pending": meetings[MeetingRequest.Status.PENDING],
    }


# Business matching -----------------------------------------------------------


def session_slots(session: SideEvent) -> list[datetime.datetime]:
    """The start of every slot of a business-matching session (slot_minutes each);
    none for a length the database refuses (under 5 minutes), which would never end."""
    length = (session.ends_at - session.starts_at).total_seconds()
    if session.slot_minutes < 5 or session.slot_minutes * 60 > length:
        return []  # not one slot fits (and a step of that size could overflow a date)
    step = datetime.timedelta(minutes=session.slot_minutes)
    slots, start = [], session.starts_at
    while start + step <= session.ends_at:
        slots.append(timezone.localtime(start))
        start += step
    return slots


def matching_sessions(fair: Fair | None):
    if fair is None:
        return SideEvent.objects.none()
    return SideEvent.objects.filter(
        fair=fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        cancelled_at__isnull=True,
        is_published=True,
    ).order_by("starts_at", "id")


def takes_meeting_requests(fair: Fair | None) -> bool:
    """A business-matching session of `fair` has a slot still to come, by the fair's
    clock: exhibitors' profiles offer "request a meeting" only then. Read when a page
    is built: a cached page is built again each quarter of an hour. The start of the
    last slot is kept per catalogue version (`_last_slot_start`), so a profile asks the
    database nothing for it while the programme stays as it is."""
    if fair is None:
        return False
    last = _last_slot_start(fair)
    return last is not None and last > clock.now()


# The longest the start of a fair's last meeting slot is kept, whatever the version says
# (as exhibitors.facet_index.INDEX_SECONDS: should a version's move on commit be lost).
LAST_SLOT_SECONDS = 60
# ((catalogue version, fair id), the start of its last meeting slot or None, when read).
_last_slot_kept: tuple[tuple[int, int], datetime.datetime | None, float] | None = None


def _last_slot_start(fair: Fair) -> datetime.datetime | None:
    """When the last meeting slot of `fair`'s published, not cancelled business-matching
    sessions starts: kept by this process for the request's catalogue version (read
    before the sessions), which any change to a session or a fair moves."""
    global _last_slot_kept
    key = (public_data_version()[0], fair.pk)
    kept = _last_slot_kept
    if kept is not None and kept[0] == key and time.monotonic() - kept[2] < LAST_SLOT_SECONDS:
        return kept[1]
    slots = (slot for session in matching_sessions(fair) for slot in session_slots(session))
    last = max(slots, default=None)
    if kept is None or kept[0][1] != fair.pk or key[0] >= kept[0][0]:
        # A request that read its version before a change keeps its value to itself,
        # as the facet index does: versions only grow.
        _last_slot_kept = (key, last, time.monotonic())
    return last


def offered_slots(*, fair: Fair | None, exhibitor: Exhibitor) -> list[tuple[SideEvent, list]]:
    """[(session, [free slot starts…]), …]: slots already accepted for the exhibitor, and
    slots whose time has passed, left out."""
    sessions = list(matching_sessions(fair))
    now = clock.now()
    taken = set(
        MeetingRequest.objects.filter(
            exhibitor=exhibitor,
            status=MeetingRequest.Status.ACCEPTED,
            session__in=sessions,
        ).values_list("slot_start", flat=True)
    )
    return [
        (session, [slot for slot in session_slots(session) if slot not in taken and slot > now])
        for session in sessions
    ]


def agreed_meetings_overlapping(who: Q, slots, *, minutes: int) -> list[MeetingRequest]:
    """The accepted meetings of `who`, in any session, that overlap one of `slots` (each
    `minutes` long), earliest first, with their exhibitor and session: a meeting
    elsewhere whose slots start at other times clashes as surely as one at the same
    time (one query)."""
    if not slots:
        return []
    length = datetime.timedelta(minutes=minutes)
    nearby = (
        MeetingRequest.objects.filter(who, status=MeetingRequest.Status.ACCEPTED)
        .filter(
            slot_start__lt=max(slots) + length,
            # a slot lasts at most 480 minutes (SideEvent.slot_minutes)
            slot_start__gt=min(slots) - datetime.timedelta(hours=12),
        )
        .select_related("exhibitor", "session")
        .order_by("slot_start", "pk")
    )

    def overlaps(meeting) -> bool:
        end = meeting.slot_start + datetime.timedelta(minutes=meeting.session.slot_minutes)
        return any(meeting.slot_start < slot + length and slot < end for slot in slots)

    return [meeting for meeting in nearby if overlaps(meeting)]


def exhibitor_has_meeting_at(exhibitor_id: int, slots, *, minutes: int) -> bool:
    """The exhibitor has an accepted meeting, in any session, overlapping one of `slots`
    (each `minutes` long)."""
    return bool(agreed_meetings_overlapping(Q(exhibitor_id=exhibitor_id), slots, minutes=minutes))


def requester_meetings_clashing(email: str, slots, *, minutes: int) -> list[MeetingRequest]:
    """This visitor's accepted meetings, in any session and with any company, that
    overlap one of `slots` (each `minutes` long), earliest first, with their company."""
    return agreed_meetings_overlapping(Q(requester_email=email), slots, minutes=minutes)


def visitors_meetings_elsewhere(
    *, emails, exhibitor: Exhibitor
) -> dict[str, list[tuple[datetime.datetime, datetime.datetime]]]:
    """{e-mail: [(start, end), …]}: the meetings these visitors have agreed with other
    companies (one query; none when no e-mail is given)."""
    emails = set(emails)
    if not emails:
        return {}
    rows = (
        MeetingRequest.objects.filter(
            requester_email__in=emails, status=MeetingRequest.Status.ACCEPTED
        )
        .exclude(exhibitor=exhibitor)
        .values_list("requester_email", "slot_start", "session__slot_minutes")
    )
    meetings: dict[str, list] = {}
    for email, start, minutes in rows:
        end = start + datetime.timedelta(minutes=minutes)
        meetings.setdefault(email, []).append((start, end))
    return meetings


def proposed_slot_datetimes(meeting: MeetingRequest) -> list[datetime.datetime]:
    """The slots of a request (the visitor's, or the one the exhibitor proposed), in
    Hanoi time; a malformed entry is skipped."""
    return _slot_datetimes(meeting.proposed_slots)


def _slot_datetimes(values) -> list[datetime.datetime]:
    slots = []
    if not isinstance(values, list):
        return slots
    for value in values:
        try:
            slot = datetime.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            continue
        if timezone.is_naive(slot):
            slot = timezone.make_aware(slot)
        slots.append(timezone.localtime(slot))
    return slots


def has_time_to_come(proposed_slots, now: datetime.datetime) -> bool:
    """Whether a pending request whose session has begun still waits for an answer: one
    of its proposed slots (`MeetingRequest.proposed_slots`) has not begun at `now`."""
    return any(slot > now for slot in _slot_datetimes(proposed_slots))


def awaiting_answer(meetings, *, now: datetime.datetime | None = None) -> Q:
    """The condition that picks, among the `meetings` queryset, the requests still
    waiting for an answer by the fair's clock: pending, in a session not begun yet or
    with a proposed slot not begun yet. The other pending ones wait for nobody:
    `expire_pending` marks them expired at its next run (the same rule). One query,
    which reads only the pending requests of sessions already begun (the few the cron
    has not reached, and those of sessions under way); the condition names them by id."""
    now = now or clock.now()
    begun = (
        meetings.filter(status=MeetingRequest.Status.PENDING, session__starts_at__lte=now)
        .order_by()
        .values_list("pk", "proposed_slots")
    )
    open_ids = [pk for pk, slots in begun if has_time_to_come(slots, now)]
    return Q(status=MeetingRequest.Status.PENDING) & (
        Q(session__starts_at__gt=now) | Q(pk__in=open_ids)
    )


def awaiting_a_seat(*, now: datetime.datetime | None = None) -> Q:
    """The condition of a registration on a waiting list that can still get a seat: its
    event has not begun by the fair's clock (`services.promote_waitlist` gives no seat
    after that)."""
    return Q(status=EventRegistration.Status.WAITLISTED, event__starts_at__gt=now or clock.now())


def proposals_by_slot(meetings) -> dict:
    """{slot: [requests]}: the pending requests among `meetings` to which the exhibitor
    proposed that slot instead (giving the slot to another request takes it from them)."""
    proposals = {}
    for meeting in meetings:
        if meeting.status != MeetingRequest.Status.PENDING or not meeting.other_slot_proposed_at:
            continue
        slots = proposed_slot_datetimes(meeting)
        if len(slots) == 1:
            proposals.setdefault(slots[0], []).append(meeting)
    return proposals


def proposals_at(*, exhibitor: Exhibitor, slot_start: datetime.datetime) -> list:
    """The exhibitor's pending requests to which it proposed `slot_start` instead."""
    waiting = MeetingRequest.objects.filter(
        exhibitor=exhibitor,
        status=MeetingRequest.Status.PENDING,
        other_slot_proposed_at__isnull=False,
    )
    return proposals_by_slot(waiting).get(timezone.localtime(slot_start), [])


def exhibitor_emails(exhibitor) -> list[str]:
    """Where a company's meeting mails go: its own e-mail and its representatives'."""
    return sorted(
        email for _language, emails in exhibitor_recipients(exhibitor) for email in emails
    )


def exhibitor_recipients(exhibitor) -> list[tuple[str, list[str]]]:
    """A company's addresses by the language its mails are written in: [(language,
    addresses)], Vietnamese first. Each representative reads the language they last
    used the portal in (or were invited in); the company's own e-mail, the language it
    applied for a booth in. A representative's own address takes their language."""
    languages = {}
    if exhibitor.email:
        languages[exhibitor.email.lower()] = exhibitor.language
    for user in exhibitor.members.all():
        if user.email:
            languages[user.email.lower()] = user.language
    by_language = {}
    for email, language in sorted(languages.items()):
        by_language.setdefault(language or settings.LANGUAGE_CODE, []).append(email)
    return sorted(by_language.items(), key=lambda item: item[0] != settings.LANGUAGE_CODE)


def meetings_of_exhibitor(exhibitor: Exhibitor):
    return (
        MeetingRequest.objects.filter(exhibitor=exhibitor)
        .select_related("session", "sector")
        .order_by("session__starts_at", "created_at", "id")
    )


def matching_schedule(session: SideEvent) -> dict:
    """The board's grid: exhibitors × slots with accepted meetings, and request counts."""
    slots = session_slots(session)
    accepted = list(
        MeetingRequest.objects.filter(session=session, status=MeetingRequest.Status.ACCEPTED)
        .select_related("exhibitor")
        .order_by("slot_start", "table_number")
    )
    by_exhibitor: dict[int, dict] = {}
    for meeting in accepted:
        row = by_exhibitor.setdefault(
            meeting.exhibitor_id, {"exhibitor": meeting.exhibitor, "cells": {}}
        )
        row["cells"][timezone.localtime(meeting.slot_start)] = meeting
    rows = sorted(by_exhibitor.values(), key=lambda row: bytes(row["exhibitor"].name_sort))
    for row in rows:
        row["slots"] = [row["cells"].get(slot) for slot in slots]
    requests = MeetingRequest.objects.filter(session=session)
    by_status = Counter(dict(requests.values_list("status").annotate(n=Count("id"))))
    sector_counts = dict(requests.values_list("sector").annotate(n=Count("id")))
    sectors = Sector.objects.in_bulk([pk for pk in sector_counts if pk is not None])
    by_sector = sorted(
        ((sectors.get(pk), n) for pk, n in sector_counts.items()),
        key=lambda pair: (-pair[1], str(pair[0] or "")),
    )
    return {
        "slots": slots,
        "rows": rows,
        "by_status": [
            (label, by_status.get(value, 0)) for value, label in MeetingRequest.Status.choices
        ],
        "by_sector": by_sector,
        "total": sum(by_status.values()),
    }


# The visitor's plan ----------------------------------------------------------


def plan_meetings(tokens) -> list[MeetingRequest]:
    """The meeting requests behind the personal links a visitor's plan keeps (`tokens`),
    in one query, ordered by `when`: the agreed slot, else the first slot proposed (the
    session's start when none can be read). Each carries its `token` (its page's link),
    its proposed `slots` and `awaiting_visitor` (the company proposed another time). A
    link replaced since by a newer one finds nothing."""
    tokens = [token for token in tokens if token]
    by_hash = {hash_token(t): t for t in tokens if derived_token_pk(t) is None}
    by_pk = {derived_token_pk(t): t for t in tokens if derived_token_pk(t) is not None}
    if not by_hash and not by_pk:
        return []
    found = MeetingRequest.objects.filter(
        Q(token_hash__in=list(by_hash)) | Q(pk__in=list(by_pk))
    ).select_related("session", "exhibitor")
    meetings = []
    for meeting in found:
        # The first mail's link and a later mail's may both be kept: the meeting once.
        token = by_hash.get(meeting.token_hash)
        if token is None:
            token = by_pk[meeting.pk]
            if not _meeting_link_holds(token, meeting):
                continue  # replaced since by a newer link, or made up
        meeting.token = token
        meetings.append(meeting)
        meeting.slots = proposed_slot_datetimes(meeting)
        meeting.awaiting_visitor = bool(
            meeting.status == MeetingRequest.Status.PENDING
            and meeting.other_slot_proposed_at
            and len(meeting.slots) == 1
        )
        meeting.when = meeting.slot_start or (
            meeting.slots[0] if meeting.slots else meeting.session.starts_at
        )
    meetings.sort(key=lambda meeting: (meeting.when, meeting.pk))
    return meetings


def plan_registrations(tokens) -> dict[int, EventRegistration]:
    """{event id: registration} behind the personal links of the sign-ups made in a
    visitor's browser (`tokens`), in one query; the latest per event."""
    by_hash = {hash_token(token): token for token in tokens if token}
    if not by_hash:
        return {}
    rows = EventRegistration.objects.filter(token_hash__in=list(by_hash)).order_by(
        "created_at", "pk"
    )
    found = {}
    for registration in rows:
        registration.token = by_hash[registration.token_hash]
        found[registration.event_id] = registration
    return found


def meeting_overlaps(meetings, events) -> list[tuple]:
    """[(meeting, [slot starts], event)…]: where a meeting of My plan, agreed or still
    proposed, takes time of a saved event that is not cancelled (its own matching
    session aside: the meeting is held there). A visitor planning the day sees that the
    meeting at 09:00 falls in the seminar they meant to attend."""
    live = (MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED)
    happening = [event for event in events if event.cancelled_at is None]
    found = []
    for meeting in meetings:
        if meeting.status not in live:
            continue
        length = datetime.timedelta(minutes=meeting.session.slot_minutes)
        starts = [meeting.slot_start] if meeting.slot_start else meeting.slots
        for event in happening:
            if event.pk == meeting.session_id:
                continue
            clashing = [
                start
                for start in starts
                if start < event.ends_at and event.starts_at < start + length
            ]
            if clashing:
                found.append((meeting, clashing, event))
    return found


def plan_items(*, fair: Fair | None, exhibitor_slugs, event_slugs) -> dict:
    """The starred exhibitors (with their booth codes in `fair`) and events, in two queries
    each, and the pairs of starred events, neither cancelled, that overlap."""
    exhibitors = list(
        Exhibitor.objects.filter(
            slug__in=list(exhibitor_slugs), is_published=True
        ).prefetch_related("booths")
    )
    for exhibitor in exhibitors:
        exhibitor.fair_booth_codes = sorted(
            booth.code
            for booth in exhibitor.booths.all()
            if fair is not None and booth.fair_id == fair.pk
        )
    events = list(
        SideEvent.objects.filter(slug__in=list(event_slugs), is_published=True)
        .select_related("fair", "place")
        .order_by("starts_at", "id")
    )
    # A cancelled event stays listed (marked cancelled) but takes no time of the day.
    happening = [event for event in events if event.cancelled_at is None]
    overlaps = [
        (first, second)
        for index, first in enumerate(happening)
        for second in happening[index + 1 :]
        if first.starts_at < second.ends_at and second.starts_at < first.ends_at
    ]
    return {"exhibitors": exhibitors, "events": events, "overlaps": overlaps}
