"""Cache-based rate limits, counted per client IP and per e-mail or account.

Generous by design: a fair hall puts thousands of phones behind one address, so the
per-IP limit is high and the per-e-mail limit does most of the work.
"""

import hashlib
import time
from contextlib import suppress

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_ip(request) -> str:
    """The client's address; X-Forwarded-For only when we sit behind our own proxy."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            # The proxy appends the address it saw last: trust only that one.
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _now() -> float:
    return time.time()


def _cache_key(scope: str, key: str, window: int) -> str:
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{int(_now() // window)}"


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one hit of `key` in `scope`; False once more than `limit` in `window` seconds."""
    cache_key = _cache_key(scope, key, window)
    cache.add(cache_key, 0, timeout=window + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the key expired between add and incr
        cache.set(cache_key, 1, timeout=window + 5)
        count = 1
    return count <= limit


# Per scope or kind of form: (per-IP limit, per-identity limit, window in seconds).
# A business visitor asks a dozen exhibitors for meetings and signs up for several
# seminars in one sitting: those forms get more room than a booth application.
DEFAULT_LIMITS = {
    "form": (3000, 10, 3600),
    "registration": (3000, 20, 3600),
    "meeting": (3000, 30, 3600),
    "login": (300, 10, 900),
    "api-write": (3000, 10, 3600),
}


def limits_for(scope: str, kind: str = "") -> tuple[int, int, int]:
    """The limits of a kind of form (e.g. "meeting") in its scope ("form" for the pages,
    "api-write" for the API): settings.RATE_LIMITS before the defaults; in each, the
    kind first, then the scope, then (for the forms and the API) "form"."""
    names = [kind, scope, "form"] if scope in ("form", "api-write") else [kind, scope]
    configured = getattr(settings, "RATE_LIMITS", {})
    for table in (configured, DEFAULT_LIMITS):
        for name in names:
            if name and name in table:
                return table[name]
    return DEFAULT_LIMITS["form"]


def allow(
    request,
    scope: str,
    identity: str = "",
    *,
    also: tuple = (),
    kind: str = "",
    count_ip: bool = True,
) -> bool:
    """True when this request may go on: neither its IP nor its identity is over the limit.

    Each kind of form counts on its own (a seminar sign-up does not use up the meeting
    requests); the page and the API of the same form share their counts. `also` names
    more identities counted the same way (e.g. the account and the e-mail). A form can
    count the address on every post and the e-mail only once the form is right, with two
    calls (`identity` empty, then `count_ip=False`). When the answer is no,
    `request.rate_limit_wait` holds the seconds until the count restarts.
    """
    per_ip, per_identity, window = limits_for(scope, kind)
    counter = kind or scope
    ok = True
    if count_ip:
        ok = hit(f"{counter}:ip", client_ip(request), limit=per_ip, window=window)
    for name in (identity, *also):
        if name:
            ok = (
                hit(f"{counter}:id", name.strip().lower(), limit=per_identity, window=window) and ok
            )
    if not ok:
        request.rate_limit_wait = window - int(_now()) % window
    return ok


def refund(request, scope: str, identity: str = "") -> None:
    """Give back the hit `allow(request, scope, identity)` counted for this request: for a
    form that counts only its failures (signing in). It counts every attempt before
    trying, so that attempts sent at the same moment cannot all pass a check made
    before any of them failed, and gives the hit back when the attempt succeeds."""
    _per_ip, _per_identity, window = limits_for(scope)
    counts = [(f"{scope}:ip", client_ip(request))]
    if identity:
        counts.append((f"{scope}:id", identity.strip().lower()))
    for counter, key in counts:
        with suppress(ValueError):  # the window ended meanwhile: nothing to give back
            cache.decr(_cache_key(counter, key, window))


def too_many_requests(request):
    """A readable 429 page in the page's language, saying how long to wait."""
    wait = getattr(request, "rate_limit_wait", 600)
    minutes = max(1, -(-wait // 60))
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(wait)
    return response
