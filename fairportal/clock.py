"""The fair's clock: "now" for the rules that close something once its time has come
(a seminar that has begun, a meeting slot gone by, a fair that is over).

One function, so that a test can say which hour of the fair it describes; everything
else (time stamps, tokens, expiry) keeps reading `timezone.now()`.
"""

from django.utils import timezone


def now():
    return timezone.now()


def today():
    return timezone.localdate(now())
