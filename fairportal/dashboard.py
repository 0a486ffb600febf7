"""The admin's front page: the current fair in figures, each linking to its filtered list.

A fixed number of queries whatever the size of the fair (one per chart). Bars are
laid out here so the template draws them with SVG attributes only (no style).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from booths.models import Booth, BoothApplication, BoothKind
from events import selectors as event_selectors
from events.models import EventRegistration, MeetingRequest, SideEvent
from events.selectors import current_fair
from exhibitors.models import Exhibitor, Sector
from fairportal.countries import country_name

BAR_HEIGHT = 22
BAR_GAP = 8
CHART_WIDTH = 300


@dataclass
class Bar:
    label: str
    value: int
    url: str
    total: int | None = None  # capacity or count of booths, when the bar is "x of y"
    width: int = 0
    back_width: int = 0
    y: int = 0
    text_y: int = 0


@dataclass
class Chart:
    key: str
    title: str
    bars: list = field(default_factory=list)
    height: int = 0
    width: int = CHART_WIDTH

    def layout(self):
        scale = max([bar.total or bar.value for bar in self.bars] + [1])
        for index, bar in enumerate(self.bars):
            bar.width = round(CHART_WIDTH * bar.value / scale)
            bar.back_width = round(CHART_WIDTH * (bar.total or 0) / scale)
            bar.y = index * (BAR_HEIGHT + BAR_GAP)
            bar.text_y = bar.y + BAR_HEIGHT - 6
        self.height = max(len(self.bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT)
        return self


def _url(name: str, **params) -> str:
    """The filtered admin list, or "" while that model has no admin."""
    try:
        url = reverse(f"admin:{name}_changelist")
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(params)}" if params else url


def build_dashboard(user) -> dict | None:
    """The figures of the current fair that `user` may see (None without a fair)."""
    if not getattr(user, "is_staff", False):
        return None
    fair = current_fair()
    if fair is None:
        return None
    charts = []
    summary = {}
    meetings_waiting = None
    if user.has_perm("events.view_meetingrequest"):
        meetings_waiting = event_selectors.awaiting_answer(
            MeetingRequest.objects.filter(session__fair=fair)
        )
    todo = _todo(user, fair, meetings_waiting)
    if user.has_perm("booths.view_booth"):
        charts += _booth_charts(fair, summary)
    if user.has_perm("booths.view_boothapplication"):
        charts.append(_applications_chart(fair))
    if user.has_perm("exhibitors.view_exhibitor"):
        charts += _exhibitor_charts(fair, summary)
    if user.has_perm("events.view_eventregistration"):
        charts.append(_registrations_chart(fair))
    if user.has_perm("events.view_meetingrequest"):
        charts.append(_meetings_chart(fair, meetings_waiting))
    return {
        "fair": fair,
        "summary": summary,
        "todo": todo,
        "charts": [chart.layout() for chart in charts],
    }


@dataclass
class Waiting:
    """Something waiting for the board, with the list that shows it."""

    key: str
    label: str
    count: int
    url: str


def _todo(user, fair, meetings_waiting: Q | None) -> list[Waiting]:
    """What waits for someone at the board: one query per kind the user may see. A
    meeting request or a place on a seminar's waiting list whose time has gone by waits
    for nobody, even before the cron marks it expired."""
    items = []
    if user.has_perm("booths.view_boothapplication"):
        open_ = BoothApplication.objects.filter(fair=fair).aggregate(
            waiting=Count(
                "id",
                filter=Q(
                    status=BoothApplication.Status.SUBMITTED, email_confirmed_at__isnull=False
                ),
            ),
            waitlisted=Count("id", filter=Q(status=BoothApplication.Status.WAITLISTED)),
        )
        items += [
            Waiting(
                "applications-waiting",
                _("hồ sơ đăng ký gian hàng chờ xét duyệt"),
                open_["waiting"],
                _url(
                    "booths_boothapplication",
                    fair__id__exact=fair.pk,
                    status__exact=BoothApplication.Status.SUBMITTED,
                    confirmed="yes",
                ),
            ),
            Waiting(
                "applications-waitlisted",
                _("hồ sơ trong danh sách chờ gian"),
                open_["waitlisted"],
                _url(
                    "booths_boothapplication",
                    fair__id__exact=fair.pk,
                    status__exact=BoothApplication.Status.WAITLISTED,
                ),
            ),
        ]
    if user.has_perm("events.view_meetingrequest"):
        items.append(
            _rows_waiting(
                "meetings-pending",
                _("yêu cầu gặp gỡ chờ trả lời"),
                MeetingRequest,
                "session__fair",
                fair,
                MeetingRequest.Status.PENDING,
                meetings_waiting,
            )
        )
    if user.has_perm("events.view_eventregistration"):
        items.append(
            _rows_waiting(
                "registrations-waitlisted",
                _("người trong danh sách chờ hội thảo"),
                EventRegistration,
                "event__fair",
                fair,
                EventRegistration.Status.WAITLISTED,
                event_selectors.awaiting_a_seat(),
            )
        )
    return items


def _rows_waiting(key, label, model, fair_path: str, fair, status, waiting: Q) -> Waiting:
    """The rows of `model` whose fair (reached by `fair_path`) is `fair` and that still
    wait (`waiting`: in `status`, and their time not gone by the fair's clock), counted
    in one query, with the admin list that shows exactly them: its `waiting=yes` filter
    applies the same selector (events/admin.py)."""
    count = model.objects.filter(waiting, **{fair_path: fair}).count()
    url = _url(
        f"{model._meta.app_label}_{model._meta.model_name}",
        **{f"{fair_path}__id__exact": fair.pk, "status__exact": status, "waiting": "yes"},
    )
    return Waiting(key, label, count, url)


def _booth_charts(fair, summary):
    booths = Booth.objects.filter(fair=fair)
    rows = list(
        booths.values("kind", "hall")
        .annotate(total=Count("id"), taken=Count("id", filter=Q(exhibitor__isnull=False)))
        .order_by("hall", "kind")
    )
    by_kind, by_hall = {}, {}
    for row in rows:
        for key, bucket in ((row["kind"], by_kind), (row["hall"], by_hall)):
            total, taken = bucket.get(key, (0, 0))
            bucket[key] = (total + row["total"], taken + row["taken"])
    summary["booths_total"] = sum(row["total"] for row in rows)
    summary["booths_taken"] = sum(row["taken"] for row in rows)
    summary["booths_url"] = _url("booths_booth", fair__id__exact=fair.pk)
    summary["booths_taken_url"] = _url("booths_booth", fair__id__exact=fair.pk, state="taken")
    kind_chart = Chart("booths-kind", _("Gian đã giao theo loại"))
    for kind, label in BoothKind.choices:
        if kind in by_kind:
            total, taken = by_kind[kind]
            kind_chart.bars.append(
                Bar(
                    str(label),
                    taken,
                    _url("booths_booth", fair__id__exact=fair.pk, kind__exact=kind),
                    total,
                )
            )
    hall_chart = Chart("booths-hall", _("Gian đã giao theo khu"))
    for hall in sorted(by_hall):
        total, taken = by_hall[hall]
        hall_chart.bars.append(
            Bar(
                str(_("Khu %(hall)s") % {"hall": hall}),
                taken,
                _url("booths_booth", fair__id__exact=fair.pk, hall__exact=hall),
                total,
            )
        )
    return [kind_chart, hall_chart]


def _applications_chart(fair):
    """One bar per status; "submitted" in two, as the board meets them: waiting for its
    decision (e-mail confirmed, the figure of "Đang chờ Ban tổ chức") and waiting for
    the applicant to confirm the e-mail (nothing for the board to do yet)."""
    rows = (
        BoothApplication.objects.filter(fair=fair)
        .annotate(confirmed=Q(email_confirmed_at__isnull=False))
        .values_list("status", "confirmed")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts, unconfirmed = {}, 0
    for status, confirmed, n in rows:
        if status == BoothApplication.Status.SUBMITTED and not confirmed:
            unconfirmed += n
        else:
            counts[status] = counts.get(status, 0) + n
    chart = Chart("applications", _("Hồ sơ đăng ký gian hàng theo trạng thái"))
    submitted = BoothApplication.Status.SUBMITTED
    for status, label in BoothApplication.Status.choices:
        if status == submitted:
            chart.bars.append(
                Bar(
                    str(_("Chờ xét duyệt")),
                    counts.get(status, 0),
                    _url(
                        "booths_boothapplication",
                        fair__id__exact=fair.pk,
                        status__exact=status,
                        confirmed="yes",
                    ),
                )
            )
            chart.bars.append(
                Bar(
                    str(_("Chờ xác nhận e-mail")),
                    unconfirmed,
                    _url(
                        "booths_boothapplication",
                        fair__id__exact=fair.pk,
                        status__exact=status,
                        confirmed="no",
                    ),
                )
            )
            continue
        chart.bars.append(
            Bar(
                str(label),
                counts.get(status, 0),
                _url("booths_boothapplication", fair__id__exact=fair.pk, status__exact=status),
            )
        )
    return chart


def _exhibitor_charts(fair, summary):
    taking_part = Q(exhibitors__booths__fair=fair)
    sectors = (
        Sector.objects.annotate(n=Count("exhibitors", filter=taking_part, distinct=True))
        .filter(n__gt=0)
        .order_by("-n", "position", "slug")
    )
    sector_chart = Chart("sectors", _("Doanh nghiệp tham gia theo ngành"))
    for sector in sectors:
        sector_chart.bars.append(
            Bar(
                sector.name,
                sector.n,
                _url(
                    "exhibitors_exhibitor",
                    fair=fair.pk,
                    sectors__id__exact=sector.pk,
                ),
            )
        )
    countries = (
        Exhibitor.objects.filter(booths__fair=fair)
        .values_list("origin_country")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "origin_country")
    )
    country_chart = Chart("countries", _("Doanh nghiệp tham gia theo quốc gia xuất xứ"))
    for code, count in countries:
        country_chart.bars.append(
            Bar(
                f"{country_name(code)} ({code})",
                count,
                _url(
                    "exhibitors_exhibitor",
                    fair=fair.pk,
                    origin_country__exact=code,
                ),
            )
        )
    summary["exhibitors_total"] = sum(bar.value for bar in country_chart.bars)
    summary["exhibitors_url"] = _url("exhibitors_exhibitor", fair=fair.pk)
    return [sector_chart, country_chart]


def _registrations_chart(fair):
    events = (
        SideEvent.objects.filter(fair=fair)
        .exclude(kind=SideEvent.Kind.BUSINESS_MATCHING)
        .annotate(
            confirmed=Count(
                "registrations",
                filter=Q(registrations__status=EventRegistration.Status.CONFIRMED),
            )
        )
        .order_by("starts_at", "id")
    )
    chart = Chart("registrations", _("Đăng ký hội thảo so với số chỗ"))
    for event in events:
        # A cancelled one keeps its bar (its places are no longer offered): said so.
        title = (
            _("%(title)s (đã huỷ)") % {"title": event.title} if event.cancelled_at else event.title
        )
        chart.bars.append(
            Bar(
                title,
                event.confirmed,
                _url("events_eventregistration", event__id__exact=event.pk),
                event.capacity,
            )
        )
    return chart


def _meetings_chart(fair, waiting: Q):
    """A bar per status, where "waiting for an answer" counts only the requests still
    waiting (`waiting`); the pending ones whose time has gone by get a bar of their own
    while there are any (`expire_meetings` marks them expired at its next run)."""
    counts = {
        status: (n, still_waiting)
        for status, n, still_waiting in MeetingRequest.objects.filter(session__fair=fair)
        .values_list("status")
        .annotate(n=Count("id"), still_waiting=Count("id", filter=waiting))
        .order_by()
    }
    chart = Chart("meetings", _("Yêu cầu gặp gỡ theo trạng thái"))
    for status, label in MeetingRequest.Status.choices:
        n, still_waiting = counts.get(status, (0, 0))
        if status != MeetingRequest.Status.PENDING:
            chart.bars.append(Bar(str(label), n, _meetings_url(fair, status__exact=status)))
            continue
        chart.bars.append(
            Bar(str(label), still_waiting, _meetings_url(fair, status__exact=status, waiting="yes"))
        )
        if n > still_waiting:
            chart.bars.append(
                Bar(
                    str(_("Quá giờ, chưa được trả lời")),
                    n - still_waiting,
                    _meetings_url(fair, status__exact=status, waiting="lapsed"),
                )
            )
    return chart


def _meetings_url(fair, **params) -> str:
    return _url("events_meetingrequest", session__fair__id__exact=fair.pk, **params)
