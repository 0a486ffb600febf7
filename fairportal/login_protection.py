"""Login guessing protection with django-axes: the backend that checks the lockout and
the readable page a locked-out client sees."""

import ipaddress
import math

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render

from fairportal.ratelimit import client_ip


class LoginGuardBackend(AxesStandaloneBackend):
    """django-axes' lockout check, skipped when `authenticate()` gets no request.

    Every login page (the admin's, the account's, the API's) passes the request, so
    it is counted per (username, client address). A call without a request has no
    client address to count against (Django's test `Client.login()` is one); axes
    would raise there, so this backend lets the next backend decide.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def axes_client_ip(request) -> str | None:
    """The client address as `fairportal.ratelimit.client_ip` sees it (honouring
    DJANGO_BEHIND_PROXY), or None when there is no valid one (a request built by
    Django's test client `force_login`, a Unix socket): axes stores it in an IP column."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def lift_lockout(user) -> None:
    """Forget the failed logins of `user`: they have just set a new password with a link
    sent to their e-mail, which proves more than a guess would."""
    from axes.utils import reset  # axes reads its settings on import

    for name in {user.get_username(), user.email}:
        if name:
            reset(username=name)


def lockout_response(request, original_response=None, credentials=None):
    """429 with a page that says how long to wait, in the page's language. A company's
    representative is offered the password reset by e-mail; the board asks the
    Authority (the admin has no reset of its own)."""
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = math.ceil(cooloff.total_seconds() / 60)
    match = getattr(request, "resolver_match", None)
    response = render(
        request,
        "admin/lockout.html",
        {
            "cooloff_minutes": minutes,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "company_login": match is not None and match.namespace == "account",
        },
        status=429,
    )
    response["Retry-After"] = str(int(cooloff.total_seconds()))
    return response
