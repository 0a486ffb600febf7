"""Sign-in attempts sent at the same moment cannot slip past the limit (PostgreSQL).

Each attempt is counted before its password is checked (hashing a password takes tens
of milliseconds): were it counted only once it had failed, every attempt of a burst
would pass the check made before any of them failed."""

import pytest
from django.test import Client

from tests.events.test_concurrency import _run_together
from tests.factories import make_exhibitor, make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_burst_of_wrong_passwords_gets_no_more_tries_than_the_limit(settings):
    settings.RATE_LIMITS = {"login": (300, 3, 900)}
    user = make_user(username="lan", email="lan@congty.vn", password="Dung-mat-khau-2024")
    make_exhibitor(members=[user])

    def attempt(n):
        return Client().post("/account/login/", {"username": "lan@congty.vn", "password": f"x{n}"})

    answers = _run_together([lambda n=n: attempt(n) for n in range(8)])

    statuses = sorted(answer.status_code for answer in answers)
    # Three wrong passwords checked (the form says so), the other five refused unchecked.
    assert statuses.count(200) == 3, statuses
    assert statuses.count(429) == 5, statuses
