"""Reads of the home and visit pages: the fair's phase, its figures and programme.

The home page changes with the calendar: before the fair it counts down and lists
the programme ahead; during it, today's events and opening hours; after it, a
thank-you and the archive of that edition.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.models import FairFigure, SideEvent
from exhibitors import selectors as exhibitor_selectors
from fairportal import clock

BEFORE, DURING, AFTER = "before", "during", "after"


def fair_phase(fair, today: datetime.date) -> str:
    if today < fair.starts_on:
        return BEFORE
    if today > fair.ends_on:
        return AFTER
    return DURING


# "Ngày thứ 2" reads as a weekday (thứ Hai, Monday): the fair's days are counted in words.
_FAIR_DAYS = [
    _("Ngày đầu tiên của hội chợ"),
    _("Ngày thứ hai của hội chợ"),
    _("Ngày thứ ba của hội chợ"),
    _("Ngày thứ tư của hội chợ"),
    _("Ngày thứ năm của hội chợ"),
    _("Ngày thứ sáu của hội chợ"),
    _("Ngày thứ bảy của hội chợ"),
    _("Ngày thứ tám của hội chợ"),
    _("Ngày thứ chín của hội chợ"),
    _("Ngày thứ mười của hội chợ"),
]


def fair_day_name(number: int) -> str:
    """ "Ngày thứ hai của hội chợ" for the fair's second day, in the active language."""
    if 1 <= number <= len(_FAIR_DAYS):
        return str(_FAIR_DAYS[number - 1])
    return gettext("Ngày thứ %(n)s của hội chợ") % {"n": number}


def opening_hours(fair) -> list[dict]:
    """Each day of the fair with its opening and closing time."""
    return [
        {"day": day, "opens_at": fair.opens_at, "closes_at": fair.closing_time(day)}
        for day in fair.days
    ]


def home_context(fair, *, now: datetime.datetime | None = None) -> dict:
    """Everything the home page shows about `fair`, in a fixed number of queries."""
    if fair is None:
        return {"phase": None}
    now = now or clock.now()
    today = timezone.localdate(now)
    phase = fair_phase(fair, today)
    events = (
        SideEvent.objects.filter(fair=fair, is_published=True)
        .select_related("place")
        .order_by("starts_at", "id")
    )
    context = {
        "phase": phase,
        "figures": list(FairFigure.objects.filter(fair=fair).order_by("position", "id")),
        "sectors": exhibitor_selectors.sector_entry_points(fair=fair),
        "featured": exhibitor_selectors.featured_exhibitors(fair=fair),
    }
    if phase == BEFORE:
        context["days_to_go"] = (fair.starts_on - today).days
        context["events"] = list(events.filter(ends_at__gte=now)[:6])
    elif phase == DURING:
        start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
        context["events"] = list(
            events.filter(starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1))
        )
        context["today"] = today
        context["now"] = now  # marks what is on and what is over (the page is per quarter hour)
        context["opens_at"] = fair.opens_at
        context["closes_at"] = fair.closing_time(today)
        context["day_name"] = fair_day_name((today - fair.starts_on).days + 1)
    else:
        context["events"] = list(events[:12])
        context["exhibitor_count"] = exhibitor_selectors.fair_exhibitors(fair).count()
    return context
