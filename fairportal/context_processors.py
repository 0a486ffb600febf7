from django.conf import settings

from events.selectors import current_fair


def portal(request):
    """The current fair and the base URL, for the header and footer of every page."""
    return {"current_fair": current_fair(), "portal_base_url": settings.PORTAL_BASE_URL}
