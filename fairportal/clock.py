"""The fair's clock: "now" for the rules that close something once its time has come
(a seminar that has begun, a meeting slot gone by, a fair that is over).

One function, so that a test can say which hour of the fair it describes; everything
else (time stamps, tokens, expiry) keeps reading `timezone.now()`.
"""

from contextlib import contextmanager

from django.utils import timezone


def now():
    return timezone.now()


def today():
    return timezone.localdate(now())


@contextmanager
def pinned(when):
    """Within the block, the fair's clock reads `when` (the demo writes its sign-ups
    as of a morning before the fair). Not for requests: it changes the module's clock."""
    global now
    original = now
    now = lambda: when  # noqa: E731
    try:
        yield
    finally:
        now = original
