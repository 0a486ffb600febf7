"""Reads of fairs and the programme shared by pages, admin and API."""

from events.models import Fair


def current_fair() -> Fair | None:
    """The edition marked current, or the latest one."""
    fair = Fair.objects.filter(is_current=True).first()
    if fair is None:
        fair = Fair.objects.order_by("-starts_on").first()
    return fair
