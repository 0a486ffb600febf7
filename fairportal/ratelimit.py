"""Cache-based rate limits, counted per client IP and per e-mail or account.

Generous by design: a fair hall puts thousands of phones behind one address, so the
per-IP limit is high and the per-e-mail limit does most of the work.
"""

import hashlib
import time

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


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one hit of `key` in `scope`; False once more than `limit` in `window` seconds."""
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    bucket = int(time.time() // window)
    cache_key = f"rl:{scope}:{digest}:{bucket}"
    cache.add(cache_key, 0, timeout=window + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the key expired between add and incr
        cache.set(cache_key, 1, timeout=window + 5)
        count = 1
    return count <= limit


# Per scope: (per-IP limit, per-identity limit, window in seconds).
DEFAULT_LIMITS = {
    "form": (3000, 10, 3600),
    "login": (300, 10, 900),
    "api-write": (3000, 10, 3600),
}


def allow(request, scope: str, identity: str = "", *, also: tuple = ()) -> bool:
    """True when this request may go on: neither its IP nor its identity is over the limit.

    `also` names more identities counted the same way (e.g. the account and the e-mail).
    """
    limits = getattr(settings, "RATE_LIMITS", {}).get(scope) or DEFAULT_LIMITS.get(
        scope, DEFAULT_LIMITS["form"]
    )
    per_ip, per_identity, window = limits
    ok = hit(f"{scope}:ip", client_ip(request), limit=per_ip, window=window)
    if identity:
        ok = hit(f"{scope}:id", identity.strip().lower(), limit=per_identity, window=window) and ok
    for other in also:
        if other:
            ok = hit(f"{scope}:id", other.strip().lower(), limit=per_identity, window=window) and ok
    return ok


def too_many_requests(request, *, retry_after: int = 600):
    """A readable 429 page in the page's language."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(retry_after)
    return response
