"""Pages of the programme: the programme by day, one event with its registration form,
calendars, business-matching requests and the visitor's plan. Views only translate
HTTP; selectors read, services write."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from events import calendars, selectors, services
from events.forms import (
    DecisionForm,
    MeetingLinkForm,
    MeetingRequestForm,
    RegistrationForm,
    RegistrationLinkForm,
)
from events.models import EventRegistration, MeetingRequest, SideEvent
from exhibitors.access import (
    FormOfAnotherCompany,
    current_exhibitor,
    posted_exhibitor,
    refuse_form,
)
from exhibitors.models import Exhibitor
from fairportal import clock
from fairportal.cache import catalogue_version_of, seatless_page_key
from fairportal.ratelimit import allow, too_many_requests
from fairportal.templatetags.visitor import (
    full_word,
    programme_parts,
    seats_html,
    shows_seats,
)
from fairportal.tokens import UnknownLink

PLAN_SESSION_KEY = "plan"
PLAN_KINDS = ("exhibitor", "event")
# The personal links of the meeting requests sent or opened in this browser, and of
# the seminars signed up for in it (so that My plan tells a seat from a place on the
# waiting list): kept in the visitor's own browser (a signed, HttpOnly cookie each),
# never on the server, where the requests and registrations keep only their links'
# hashes (and sessions are in the database, Redis and every backup).
PLAN_MEETINGS_COOKIE = "plan_meetings"
PLAN_REGISTRATIONS_COOKIE = "plan_registrations"
PLAN_LINK_SALTS = {
    PLAN_MEETINGS_COOKIE: "events.plan-meetings",
    PLAN_REGISTRATIONS_COOKIE: "events.plan-registrations",
}
PLAN_LINKS_KEPT = 30


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _plan(request) -> dict:
    plan = request.session.get(PLAN_SESSION_KEY) or {}
    return {kind: list(plan.get(kind, [])) for kind in PLAN_KINDS}


def _plan_links(request, cookie: str) -> list[str]:
    """The personal links kept in the visitor's browser under `cookie`, with the changes
    this request made to them."""
    pending = getattr(request, "_plan_links", {}).get(cookie)
    if pending is not None:
        return pending
    raw = request.get_signed_cookie(cookie, default="", salt=PLAN_LINK_SALTS[cookie])
    return [token for token in raw.split(",") if token][-PLAN_LINKS_KEPT:]


def _set_plan_links(request, cookie: str, tokens: list[str]) -> None:
    """Change the links kept under `cookie`; `_with_plan_links` writes the cookie on the
    response."""
    if not hasattr(request, "_plan_links"):
        request._plan_links = {}
    request._plan_links[cookie] = tokens[-PLAN_LINKS_KEPT:]


def _remember_link(request, cookie: str, token: str) -> None:
    """Keep a personal link in the visitor's plan: a meeting request they sent from this
    browser, or opened in it from their e-mail; a seminar they signed up for in it."""
    tokens = _plan_links(request, cookie)
    if token not in tokens:
        _set_plan_links(request, cookie, [*tokens, token])


def _add_to_plan(request, kind: str, slug: str) -> None:
    plan = _plan(request)
    if slug not in plan[kind]:
        plan[kind].append(slug)
        request.session[PLAN_SESSION_KEY] = plan
        _keep_plan_until_after_the_fair(request)


def _with_plan_links(request, response):
    """The response, carrying the visitor's personal links when they changed: until a
    month after the fair, as their plan."""
    changed = getattr(request, "_plan_links", {})
    if not changed:
        return response
    max_age = settings.SESSION_COOKIE_AGE
    until = _plan_kept_until()
    if until is not None:
        max_age = max(max_age, int((until - timezone.now()).total_seconds()))
    for cookie, tokens in changed.items():
        if not tokens:
            response.delete_cookie(cookie, samesite="Lax")
            continue
        response.set_signed_cookie(
            cookie,
            ",".join(tokens),
            salt=PLAN_LINK_SALTS[cookie],
            max_age=max_age,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


def _programme_parts_key(request, fair, kinds) -> str | None:
    """Where the programme's parts are kept (None when the page cache is off)."""
    if getattr(settings, "PUBLIC_CACHE_SECONDS", 0) <= 0:
        return None
    catalogue = catalogue_version_of(request)
    kinds_key = ",".join(sorted(set(kinds)))
    # The "v" number goes up when the markup changes, so that a deploy does not serve
    # parts cached by the previous code (v3: lang="vi" on text with no English; v4: the
    # events' links to their places on the floor plan).
    return f"programme-parts:v4:{catalogue}:{get_language()}:{fair.pk}:{kinds_key}"


def _programme_parts(request, fair, kinds, query="") -> tuple[list, dict]:
    """([(day, parts of its events)…], seats of those events) of the programme.

    All day long on the fair's mornings, registrations change the seats left and so
    the cached programme; the rest of its markup changes only when the board edits.
    With the page cache on, that rest is kept in the shared cache (per catalogue
    version, language and kinds), so building the page after a registration reads the
    seats only (see docs/performance.md, eighth round)."""
    # A search is rare and its pages many: built from the events, not kept in parts.
    key = None if query else _programme_parts_key(request, fair, kinds)
    parts = cache.get(key) if key else None
    if parts is not None:
        seats = selectors.programme_seats(fair=fair, kinds=kinds)
        if set(seats) == {pk for _day, items in parts for pk, *_markup in items}:
            return parts, seats
        # else an event came or went after this page's version was read: read them all
    events = selectors.search_programme(selectors.programme(fair=fair, kinds=kinds), query)
    parts = [(day, programme_parts(on_day)) for day, on_day in selectors.group_by_day(events)]
    if key:
        cache.set(key, parts, settings.PUBLIC_CACHE_SECONDS)
    now = clock.now()
    seats = {
        e.pk: (
            e.kind,
            e.capacity,
            e.seats_taken,
            e.takes_registrations,
            selectors.event_state(e.starts_at, e.ends_at, now),
        )
        for e in events
    }
    return parts, seats


def _seats_markup(seats, cancelled) -> dict[int, str]:
    """{event id: what its line shows between its time and place and its summary}: the
    seats left and whether it is on or over (nothing for a cancelled event)."""
    full = full_word()
    # During the fair a visitor scanning the day sees at once what is on and what is over.
    states = {"now": escape(_("Đang diễn ra")), "over": escape(_("Đã kết thúc"))}
    # Seats left → their markup: events share counts, and each translation and number
    # format is dear next to the rest (this runs after every registration on fair days).
    seat_words = {}
    markup = {}
    for pk, (kind, capacity, taken, takes_registrations, state) in seats.items():
        middle = ""
        if pk in cancelled:
            markup[pk] = middle
            continue
        # Seats left mean nothing where nobody can sign up (walk-in, begun).
        if takes_registrations and shows_seats(capacity, kind):
            left = max(capacity - taken, 0)
            middle = seat_words.get(left)
            if middle is None:
                middle = seat_words[left] = seats_html(capacity, taken, full)
        if state:
            middle += f' · <span class="event-state event-{state}">{states[state]}</span>'
        markup[pk] = middle
    return markup


def _with_seats(parts, middles) -> list:
    """[(day, markup of its events)…], each event's `middles` put in its line."""
    return [
        (
            day,
            mark_safe(  # noqa: S308 (escaped when made)
                "\n".join(head + middles[pk] + tail for pk, head, tail, _cancelled in items)
            ),
        )
        for day, items in parts
    ]


def _cancelled(parts) -> set[int]:
    return {pk for _day, items in parts for pk, _head, _tail, cancelled in items if cancelled}


# Where an event's seats go in the programme kept without them (see ProgrammeView.get):
# a character no markup of ours holds, around the event's id.
SEATS_MARK = "\x1e"


def _fill_seats(segments, cancelled, seats) -> str:
    """The programme from its markup kept without seats: text, event id, text…"""
    middles = _seats_markup(seats, cancelled)
    filled = segments[:]
    filled[1::2] = [middles[int(pk)] for pk in segments[1::2]]
    return "".join(filled)


class ProgrammeView(TemplateView):
    template_name = "events/programme.html"

    def get(self, request, *args, **kwargs):
        """After a registration, the only change to the programme is seats left: the
        page cache's copy is rebuilt from the page's markup kept without them and one
        query of the seats, not through the template (docs/performance.md, nineteenth
        round: the fair day's programme is rebuilt five times a second)."""
        self.fair = selectors.current_fair()
        valid = {value for value, _label in SideEvent.Kind.choices}
        self.kinds = [kind for kind in request.GET.getlist("kind") if kind in valid]
        self.query = request.GET.get("q", "").strip()[:100]
        # Kept for the programme and its kinds only: any other query string (a link's
        # own junk) is one more copy of the whole page, uncompressed, in the cache.
        plain = self.fair and not self.query and set(request.GET) <= {"kind"}
        self.seatless_key = seatless_page_key(request) if plain else None
        if self.seatless_key:
            kept = cache.get(self.seatless_key)
            if kept is not None:
                segments, cancelled = kept
                seats = selectors.programme_seats(fair=self.fair, kinds=self.kinds)
                # An event that came or went without a signal: built again below.
                if set(seats) == {int(pk) for pk in segments[1::2]}:
                    return HttpResponse(_fill_seats(segments, cancelled, seats))
        response = super().get(request, *args, **kwargs)
        if not self.seatless_key:
            return response
        response.render()
        segments = response.content.decode().split(SEATS_MARK)
        if sorted(segments[1::2]) != sorted(str(pk) for pk in self.seats):
            # The mark in an event's own text (a control character pasted into a title):
            # this page is built the plain way and kept whole by the page cache only.
            self.seatless_key = None
            return super().get(request, *args, **kwargs)
        cancelled = _cancelled(self.parts)
        cache.set(self.seatless_key, (segments, cancelled), settings.PUBLIC_CACHE_SECONDS)
        response.content = _fill_seats(segments, cancelled, self.seats)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days, found = [], 0
        if self.fair:
            self.parts, self.seats = _programme_parts(
                self.request, self.fair, self.kinds, self.query
            )
            if self.seatless_key:
                middles = {pk: f"{SEATS_MARK}{pk}{SEATS_MARK}" for pk in self.seats}
            else:
                middles = _seats_markup(self.seats, _cancelled(self.parts))
            days, found = _with_seats(self.parts, middles), len(self.seats)
        context.update(
            fair=self.fair,
            days=days,
            found=found,
            kinds=SideEvent.Kind.choices,
            selected_kinds=self.kinds,
            query=self.query,
        )
        return context


class EventDetailView(View):
    template_name = "events/detail.html"

    def get_event(self, slug):
        event = selectors.event_for_page(slug)
        if event is None:
            raise Http404(_("Không có sự kiện này."))
        return event

    def render_page(self, request, event, form, status=200, error=None, registered_email=""):
        fair = selectors.current_fair()
        is_current = fair is not None and event.fair_id == fair.pk
        now = clock.now()
        started = event.starts_at <= now
        can_register = (
            is_current
            and event.takes_registrations
            and event.kind != SideEvent.Kind.BUSINESS_MATCHING
        )
        context = {
            "event": event,
            "form": form if can_register else None,
            "is_current_fair": is_current,
            "can_register": can_register,
            "started": started,
            "ended": event.ends_at <= now,
            "is_matching": event.kind == SideEvent.Kind.BUSINESS_MATCHING,
            # The plan shows the current fair's places only; a cancelled event sends
            # nobody there.
            "place_url": (
                event.place.get_absolute_url()
                if event.place_id and is_current and not event.cancelled_at
                else ""
            ),
            "starred": event.slug in _plan(request)["event"],
            "error": error,
            "registered_email": registered_email,
            "link_form": RegistrationLinkForm(auto_id="link-%s"),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, slug):
        event = self.get_event(slug)
        return self.render_page(request, event, RegistrationForm())

    def post(self, request, slug):
        event = self.get_event(slug)
        form = RegistrationForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, event, form, status=400)
        if not allow(request, "form", form.cleaned_data["email"], kind="registration"):
            return too_many_requests(request)
        try:
            result = services.register_attendee(
                event=event, data=form.cleaned_data, language=get_language()
            )
        except services.AlreadyRegistered:
            # Not a mistake to fix in the form: the page says so and offers the link again.
            return self.render_page(
                request, event, form, status=400, registered_email=form.cleaned_data["email"]
            )
        except services.EventsError as error:
            form.add_error(None, error.message)
            return self.render_page(request, event, form, status=400, error=error.message)
        # A seminar signed up for is one the visitor plans to attend: in My plan too.
        _add_to_plan(request, "event", event.slug)
        _remember_link(request, PLAN_REGISTRATIONS_COOKIE, result.token)
        if result.waitlist_position:
            messages.warning(
                request,
                _(
                    "Sự kiện đã đủ chỗ: bạn đứng thứ %(position)s trong danh sách chờ. "
                    "Chúng tôi sẽ báo qua e-mail khi có chỗ."
                )
                % {"position": result.waitlist_position},
            )
        else:
            messages.success(
                request,
                _("Đăng ký thành công. E-mail xác nhận kèm lịch (.ics) đã được gửi cho bạn."),
            )
        return _with_plan_links(request, redirect("events:registration", token=result.token))


# A page behind a personal link shows a name, an e-mail and a phone: no shared cache
# or browser history keeps it (robots.txt and a noindex keep it out of search).
@method_decorator(never_cache, name="dispatch")
class RegistrationView(View):
    """The registrant's own page behind the secret link: status, and cancel."""

    template_name = "events/registration.html"

    def get_registration(self, token):
        registration = selectors.registration_by_token(token)
        if registration is None:
            raise UnknownLink("registration")
        return registration

    def get(self, request, token):
        registration = self.get_registration(token)
        return render(
            request,
            self.template_name,
            {
                "registration": registration,
                "event": registration.event,
                "position": selectors.waitlist_position(registration),
                "started": registration.event.starts_at <= clock.now(),
                "registered_again": selectors.registered_again(registration),
            },
        )

    def post(self, request, token):
        registration = self.get_registration(token)
        waitlisted = registration.status == EventRegistration.Status.WAITLISTED
        if request.POST.get("confirm") != "yes":
            # Only the button behind the page's "Huỷ đăng ký…" disclosure cancels: a
            # stray tap on a phone must not give the seat away.
            messages.error(request, _("Chưa huỷ: hãy bấm nút xác nhận để huỷ."))
            return redirect("events:registration", token=token)
        try:
            services.cancel_registration(registration=registration, by_visitor=True)
        except services.EventsError as error:
            messages.error(request, error.message)
        else:
            if waitlisted:
                messages.success(request, _("Bạn đã rời danh sách chờ."))
            else:
                messages.success(request, _("Đã huỷ đăng ký của bạn."))
        return redirect("events:registration", token=token)


class ResendLinkView(View):
    """Send a visitor their personal link(s) again, when the mail is lost. The answer
    is the same whether or not the address is known: the page must not tell who is.
    A subclass names the thing the link is for (`get_target`), the form, the rate
    limit's kind, the service that sends (`resend`) and the neutral answer."""

    template_name = ""
    context_name = ""
    form_class = None
    rate_kind = ""
    url_name = ""

    def get_target(self, slug):
        raise NotImplementedError

    def resend(self, target, email):
        raise NotImplementedError

    def answer(self, target, email) -> str:
        raise NotImplementedError

    def render_page(self, request, target, form, status=200):
        return render(
            request, self.template_name, {self.context_name: target, "form": form}, status=status
        )

    def get(self, request, slug):
        return self.render_page(request, self.get_target(slug), self.form_class())

    def post(self, request, slug):
        target = self.get_target(slug)
        form = self.form_class(request.POST)
        if not form.is_valid():
            return self.render_page(request, target, form, status=400)
        email = form.cleaned_data["email"]
        if not allow(request, "form", email, kind=self.rate_kind):
            return too_many_requests(request)
        self.resend(target, email)
        messages.success(request, self.answer(target, email))
        return redirect(self.url_name, slug=target.slug)


class RegistrationLinkView(ResendLinkView):
    """A seminar registration's link, for a confirmed or waiting-list registrant."""

    template_name = "events/registration_link.html"
    context_name = "event"
    form_class = RegistrationLinkForm
    rate_kind = "registration-link"
    url_name = "events:registration_link"

    def get_target(self, slug):
        # A business-matching session has meeting requests, no registrations.
        return get_object_or_404(
            SideEvent.objects.exclude(kind=SideEvent.Kind.BUSINESS_MATCHING),
            slug=slug,
            is_published=True,
        )

    def resend(self, target, email):
        services.resend_registration_link(event=target, email=email)

    def answer(self, target, email):
        return _(
            "Nếu %(email)s đang đăng ký sự kiện này (có chỗ hoặc trong danh sách chờ), "
            "chúng tôi vừa gửi liên kết cá nhân mới tới địa chỉ đó; liên kết cũ không còn "
            "dùng được. Hãy xem hộp thư (cả thư rác) trong vài phút tới."
        ) % {"email": email}


def agenda_ics(request):
    fair = selectors.current_fair()
    # Each event's LOCATION names the fair's venue and address (`calendars._place`).
    events = selectors.programme(fair=fair).select_related("fair")
    return _ics_response(
        calendars.programme_calendar(fair=fair, events=events, language=get_language()),
        "agenda.ics",
    )


def event_ics(request, slug):
    event = get_object_or_404(SideEvent, slug=slug, is_published=True)
    return _ics_response(
        calendars.event_calendar(event=event, language=get_language()), f"{event.slug}.ics"
    )


# Business matching -------------------------------------------------------------


# The refusals of `services.request_meeting` that mean the visitor has a live request
# to this company already (waiting, or agreed): its link can be sent again.
MEETING_EXISTS = {"duplicate", "already_meeting"}


class MeetView(View):
    template_name = "events/meet.html"

    def get_exhibitor(self, slug):
        return get_object_or_404(Exhibitor, slug=slug, is_published=True)

    def render_page(
        self,
        request,
        exhibitor,
        form,
        offered,
        status=200,
        requested_email="",
        requested_message="",
    ):
        has_slots = any(slots for _session, slots in offered)
        return render(
            request,
            self.template_name,
            {
                "exhibitor": exhibitor,
                "form": form,
                "has_slots": has_slots,
                # Why there is no form: no session at all, every session over (a link
                # kept from before the fair), or this company's slots all agreed.
                "no_sessions": not offered,
                "sessions_over": bool(offered)
                and not has_slots
                and not selectors.takes_meeting_requests(selectors.current_fair()),
                # Asked this company already: the way back to that request's page.
                "requested_email": requested_email,
                "requested_message": requested_message,
                "link_form": MeetingLinkForm(auto_id="link-%s"),
            },
            status=status,
        )

    def get(self, request, slug):
        exhibitor = self.get_exhibitor(slug)
        offered = selectors.offered_slots(fair=selectors.current_fair(), exhibitor=exhibitor)
        return self.render_page(request, exhibitor, MeetingRequestForm(offered=offered), offered)

    def post(self, request, slug):
        exhibitor = self.get_exhibitor(slug)
        offered = selectors.offered_slots(fair=selectors.current_fair(), exhibitor=exhibitor)
        form = MeetingRequestForm(request.POST, offered=offered)
        if not form.is_valid():
            return self.render_page(request, exhibitor, form, offered, status=400)
        if not allow(request, "form", form.cleaned_data["email"], kind="meeting"):
            return too_many_requests(request)
        try:
            meeting, token = services.request_meeting(
                exhibitor=exhibitor,
                session=form.session(),
                data=form.cleaned_data,
                slots=form.cleaned_data["slots"],
                language=get_language(),
            )
        except services.EventsError as error:
            if error.code in MEETING_EXISTS:
                # Nothing to fix in the form: the page says so and offers the link again.
                return self.render_page(
                    request,
                    exhibitor,
                    form,
                    offered,
                    status=400,
                    requested_email=form.cleaned_data["email"],
                    requested_message=error.message,
                )
            form.add_error(None, error.message)
            return self.render_page(request, exhibitor, form, offered, status=400)
        _remember_link(request, PLAN_MEETINGS_COOKIE, token)
        messages.success(
            request,
            _("Đã gửi yêu cầu gặp %(exhibitor)s. Bạn sẽ nhận e-mail khi doanh nghiệp trả lời.")
            % {"exhibitor": exhibitor.name},
        )
        return _with_plan_links(request, redirect("events:meeting", token=token))


class MeetingLinkView(ResendLinkView):
    """The links of a visitor's open requests to a company (waiting or agreed)."""

    template_name = "events/meeting_link.html"
    context_name = "exhibitor"
    form_class = MeetingLinkForm
    rate_kind = "meeting-link"
    url_name = "events:meeting_link"

    def get_target(self, slug):
        return get_object_or_404(Exhibitor, slug=slug, is_published=True)

    def resend(self, target, email):
        services.resend_meeting_links(exhibitor=target, email=email)

    def answer(self, target, email):
        return _(
            "Nếu %(email)s đang có yêu cầu gặp %(exhibitor)s (chờ trả lời hoặc đã chốt), "
            "chúng tôi vừa gửi liên kết cá nhân mới tới địa chỉ đó; liên kết cũ không còn "
            "dùng được. Hãy xem hộp thư (cả thư rác) trong vài phút tới."
        ) % {"email": email, "exhibitor": target.name}


# The reasons `services.proposal_refusal` gives; the visitor's page shows them itself.
PROPOSAL_REFUSALS = {"requester_busy", "proposal_taken"}


# A page behind a personal link shows a name, an e-mail and a phone: no shared cache
# or browser history keeps it (robots.txt and a noindex keep it out of search).
@method_decorator(never_cache, name="dispatch")
class MeetingView(View):
    """The requester's page behind the secret link: status; confirm another slot; cancel."""

    template_name = "events/meeting.html"

    def get_meeting(self, token):
        meeting = selectors.meeting_by_token(token)
        if meeting is None:
            raise UnknownLink("meeting")
        return meeting

    def get(self, request, token):
        meeting = self.get_meeting(token)
        _remember_link(request, PLAN_MEETINGS_COOKIE, token)
        slots = selectors.proposed_slot_datetimes(meeting)
        # The company's time instead of the visitor's: theirs to confirm, not a request
        # of theirs still waiting for the company.
        awaiting_visitor = bool(
            meeting.status == MeetingRequest.Status.PENDING
            and meeting.other_slot_proposed_at
            and len(slots) == 1
        )
        # Agreed since, by the company or by the visitor: a "confirm" would be refused.
        refusal = (
            services.proposal_refusal(meeting=meeting, slot=slots[0]) if awaiting_visitor else None
        )
        response = render(
            request,
            self.template_name,
            {
                "meeting": meeting,
                "slots": slots,
                "awaiting_visitor": awaiting_visitor,
                "proposal_refusal": refusal.message if refusal else "",
                "begun": meeting.status == MeetingRequest.Status.ACCEPTED
                and meeting.slot_start <= clock.now(),
                "token": token,
            },
        )
        return _with_plan_links(request, response)

    def post(self, request, token):
        meeting = self.get_meeting(token)
        try:
            if request.POST.get("action") == "confirm":
                services.confirm_proposed_slot(meeting=meeting)
                messages.success(request, _("Đã chốt lịch gặp."))
            elif request.POST.get("action") == "cancel" and request.POST.get("confirm") != "yes":
                messages.error(request, _("Chưa huỷ: hãy bấm nút xác nhận để huỷ."))
            elif request.POST.get("action") == "cancel":
                services.cancel_meeting(meeting=meeting)
                messages.success(request, _("Đã huỷ yêu cầu gặp gỡ."))
        except services.EventsError as error:
            if error.code in PROPOSAL_REFUSALS:
                # The page it goes back to says why, under the proposal (`proposal_refusal`).
                messages.error(
                    request, _("Chưa chốt được lịch gặp: giờ này không còn trống (xem bên dưới).")
                )
            else:
                messages.error(request, error.message)
        return redirect("events:meeting", token=token)


def meeting_ics(request, token):
    """The agreed meeting's calendar file, the one its confirmation mail attached, for a
    visitor who wants it from their page. Only an agreed meeting has one."""
    meeting = selectors.meeting_by_token(token)
    if meeting is None:
        raise UnknownLink("meeting")
    if meeting.status != MeetingRequest.Status.ACCEPTED:
        raise Http404(_("Cuộc gặp này chưa được chốt nên chưa có lịch."))
    response = _ics_response(
        calendars.meeting_calendar(meeting=meeting, language=get_language()),
        f"meeting-{meeting.pk}.ics",
    )
    response["Cache-Control"] = "private, no-store"  # the visitor's own meeting
    return response


class AccountMeetingsView(LoginRequiredMixin, View):
    template_name = "events/account_meetings.html"

    def render_page(self, request, exhibitor, status=200, *, refused=None, error=""):
        """The requests of `exhibitor`. `refused` is the answer just refused (its POST
        data): its card keeps what was typed and chosen, and shows `error`."""
        meetings = list(selectors.meetings_of_exhibitor(exhibitor))
        refused = refused or {}
        refused_pk = str(refused.get("meeting", ""))
        offered = dict(
            (session.pk, slots)
            for session, slots in selectors.offered_slots(
                fair=selectors.current_fair(), exhibitor=exhibitor
            )
        )
        proposals = selectors.proposals_by_slot(meetings)
        busy = {m.slot_start for m in meetings if m.status == MeetingRequest.Status.ACCEPTED}
        # A visitor may agree a meeting with another company after asking this one: the
        # times it overlaps can no longer be accepted (nor confirmed by the visitor).
        elsewhere = selectors.visitors_meetings_elsewhere(
            emails=[
                m.requester_email for m in meetings if m.status == MeetingRequest.Status.PENDING
            ],
            exhibitor=exhibitor,
        )
        now = clock.now()

        def visitor_busy(meeting, slot) -> bool:
            end = slot + datetime.timedelta(minutes=meeting.session.slot_minutes)
            return any(
                start < end and slot < until
                for start, until in elsewhere.get(meeting.requester_email, [])
            )

        def choices(meeting, slots, chosen=None):
            """Each slot with why it cannot be taken (a meeting of the company or of
            the visitor at that time, gone by) and the other visitors it was proposed
            to; the one `chosen` (ISO 8601), or else the first one free, is ticked."""
            rows = []
            for slot in slots:
                gone = _("đã có cuộc gặp khác") if slot in busy else ""
                gone = gone or (
                    _("khách đã có cuộc gặp khác") if visitor_busy(meeting, slot) else ""
                )
                gone = gone or (_("đã qua") if slot <= now else "")
                others = [m.requester_company for m in proposals.get(slot, []) if m != meeting]
                rows.append({"slot": slot, "gone": gone, "proposed_to": ", ".join(others)})
            free = [row for row in rows if not row["gone"]]
            ticked = next((row for row in free if row["slot"].isoformat() == chosen), None)
            if ticked is None and chosen is None and free:
                ticked = free[0]
            if ticked:
                ticked["checked"] = True
            return rows

        for meeting in meetings:
            answer = refused if str(meeting.pk) == refused_pk else {}
            # A refused decline comes back with its disclosure open and its own note.
            meeting.declining = answer.get("action") == "decline"
            typed = answer.get("note", "")
            meeting.typed_note = "" if meeting.declining else typed
            meeting.typed_decline_note = typed if meeting.declining else ""
            meeting.answer_error = error if answer else ""
            on_table = selectors.proposed_slot_datetimes(meeting)
            meeting.proposed_choices = choices(meeting, on_table, answer.get("slot"))
            # "Another time" is one the visitor has not asked for (nor been proposed).
            meeting.free_choices = choices(
                meeting,
                [slot for slot in offered.get(meeting.session_id, []) if slot not in on_table],
                answer.get("other_slot", ""),
            )
        pending = MeetingRequest.Status.PENDING
        if error and not any(m.answer_error for m in meetings if m.status == pending):
            # No open card to show it on (answered meanwhile, or no such request).
            messages.error(request, error)
        groups = [
            (label, [m for m in meetings if m.status == value])
            for value, label in MeetingRequest.Status.choices
        ]
        return render(
            request,
            self.template_name,
            {
                "exhibitor": exhibitor,
                "groups": groups,
                "meetings": meetings,
                # An agreed meeting is called off by the board (it tells both sides).
                "board_email": settings.BOARD_EMAIL,
            },
            status=status,
        )

    def get(self, request):
        return self.render_page(request, current_exhibitor(request))

    def post(self, request):
        try:
            exhibitor = posted_exhibitor(request)
        except FormOfAnotherCompany as refusal:
            return refuse_form(
                request,
                refusal,
                lambda company: self.render_page(
                    request, company, status=409, refused=request.POST
                ),
            )
        form = DecisionForm(request.POST)
        if not form.is_valid():
            error = " ".join(str(e) for errors in form.errors.values() for e in errors)
            return self.render_page(
                request, exhibitor, status=400, refused=request.POST, error=error
            )
        meeting = get_object_or_404(
            MeetingRequest, pk=form.cleaned_data["meeting"], exhibitor=exhibitor
        )
        action, slot = form.cleaned_data["action"], form.cleaned_data["slot"]
        note = form.cleaned_data["note"]
        try:
            if action == "accept":
                services.accept_meeting(
                    meeting=meeting, slot_start=slot, actor=request.user, note=note
                )
                messages.success(request, _("Đã nhận lời. Hai bên đã nhận e-mail kèm lịch."))
                for other in selectors.proposals_at(exhibitor=exhibitor, slot_start=slot):
                    messages.warning(
                        request,
                        _(
                            "Giờ này bạn đã đề xuất cho %(company)s; họ không còn xác nhận "
                            "được. Hãy đề xuất cho họ giờ khác."
                        )
                        % {"company": other.requester_company},
                    )
            elif action == "propose":
                services.propose_other_slot(
                    meeting=meeting, slot_start=slot, actor=request.user, note=note
                )
                messages.success(request, _("Đã gửi đề xuất giờ khác."))
            else:
                services.decline_meeting(meeting=meeting, actor=request.user, note=note)
                messages.success(request, _("Đã từ chối yêu cầu."))
        except services.EventsError as error:
            return self.render_page(
                request, exhibitor, status=400, refused=request.POST, error=error.message
            )
        return redirect("events:account_meetings")


# The visitor's plan ------------------------------------------------------------


# The visitor's own page, with the personal links of their meeting requests: no shared
# cache keeps it.
@method_decorator(never_cache, name="dispatch")
class PlanView(TemplateView):
    template_name = "events/plan.html"

    def get(self, request, *args, **kwargs):
        return _with_plan_links(request, super().get(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = _plan(self.request)
        tokens = _plan_links(self.request, PLAN_MEETINGS_COOKIE)
        meetings = selectors.plan_meetings(tokens)
        if len(meetings) < len(tokens):  # links replaced by newer ones since
            kept = {meeting.token for meeting in meetings}
            _set_plan_links(self.request, PLAN_MEETINGS_COOKIE, [t for t in tokens if t in kept])
        items = selectors.plan_items(
            fair=selectors.current_fair(),
            exhibitor_slugs=plan["exhibitor"],
            event_slugs=plan["event"],
        )
        tokens = _plan_links(self.request, PLAN_REGISTRATIONS_COOKIE)
        registrations = selectors.plan_registrations(tokens)
        found = {registration.token for registration in registrations.values()}
        if set(tokens) - found:  # links replaced by newer ones, or an older sign-up's
            _set_plan_links(
                self.request, PLAN_REGISTRATIONS_COOKIE, [t for t in tokens if t in found]
            )
        for event in items["events"]:
            event.my_registration = registrations.get(event.pk)
        context.update(
            items,
            meetings=meetings,
            meeting_overlaps=selectors.meeting_overlaps(meetings, items["events"]),
        )
        return context


@csrf_exempt  # on cached pages; it only stars items in the visitor's own session
@require_POST
def plan_toggle(request):
    kind, slug = request.POST.get("kind", ""), request.POST.get("slug", "")
    if kind not in PLAN_KINDS:
        return HttpResponse(_("Loại mục không hợp lệ."), status=400)
    plan = _plan(request)
    # What the button said; a toggle for a client that says nothing.
    intent = request.POST.get("intent", "")
    model = Exhibitor if kind == "exhibitor" else SideEvent
    item = model.objects.filter(slug=slug, is_published=True).first()
    if item is None and intent == "remove" and slug in plan[kind]:
        # Taken off the public pages since it was saved: the visitor can still drop it
        # (else it would come back with the item).
        item = model.objects.filter(slug=slug).first() or model(slug=slug)
    if item is None:
        raise Http404(_("Không có mục này."))
    starred = intent == "add" if intent in ("add", "remove") else slug not in plan[kind]
    if starred and slug not in plan[kind]:
        plan[kind].append(slug)
    elif not starred and slug in plan[kind]:
        plan[kind].remove(slug)
    request.session[PLAN_SESSION_KEY] = plan
    _keep_plan_until_after_the_fair(request)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"kind": kind, "slug": slug, "starred": starred})
    # Without JavaScript: the page the star was on may come from the public cache,
    # where every star reads "not saved". The plan page is the visitor's own and shows
    # what changed.
    name = (item.name if kind == "exhibitor" else item.title) or slug
    if starred:
        messages.success(request, _("Đã lưu “%(name)s” vào lịch của bạn.") % {"name": name})
    else:
        messages.success(request, _("Đã bỏ “%(name)s” khỏi lịch của bạn.") % {"name": name})
    return redirect("events:plan")


# A plan made months before the fair must still be there on the fair's days.
PLAN_KEPT_AFTER_THE_FAIR = datetime.timedelta(days=30)


def _keep_plan_until_after_the_fair(request) -> None:
    """Keep a visitor's session (their plan) until a month after the fair ends, when
    that is later than the sessions' usual two weeks. Not for signed-in users: their
    sign-in keeps its own lifetime."""
    if request.user.is_authenticated:
        return
    until = _plan_kept_until()
    if until is None:
        return
    if until > timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE):
        request.session.set_expiry(until)


def _plan_kept_until() -> datetime.datetime | None:
    """A month after the current fair's last day (None without a fair): how long a
    visitor's plan and meeting links are kept."""
    fair = selectors.current_fair()
    if fair is None:
        return None
    return (
        timezone.make_aware(datetime.datetime.combine(fair.ends_on, datetime.time.max))
        + PLAN_KEPT_AFTER_THE_FAIR
    )


def plan_starred(request):
    """The visitor's starred slugs, for star buttons on cached pages (never cached)."""
    response = JsonResponse(_plan(request))
    response["Cache-Control"] = "private, no-store"
    return response


def plan_ics(request):
    plan = _plan(request)
    items = selectors.plan_items(
        fair=selectors.current_fair(), exhibitor_slugs=[], event_slugs=plan["event"]
    )
    return _ics_response(
        calendars.plan_calendar(events=items["events"], language=get_language()), "plan.ics"
    )
