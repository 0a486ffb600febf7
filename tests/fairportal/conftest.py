"""Fixtures of the portal's pages and of the board's admin (the two roles and
clients signed in as each)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from fairportal.roles import EDITORS, VIEWERS, apply_roles
from tests.factories import make_fair, make_user


@pytest.fixture
def today(fair_clock):
    """Today's date, with the fair's clock set to this moment (the pages that follow
    the calendar read the clock)."""
    fair_clock.set(timezone.now())
    return timezone.localdate()


@pytest.fixture
def fair_on(db, today):
    """A current fair placed `offset` days from today (negative: it already began)."""

    def build(start_offset: int, length: int = 3, **kwargs):
        starts_on = today + datetime.timedelta(days=start_offset)
        return make_fair(
            starts_on=starts_on, ends_on=starts_on + datetime.timedelta(days=length - 1), **kwargs
        )

    return build


@pytest.fixture
def board_groups(db):
    """The groups of the data migration (a transaction=True test flushes them)."""
    apply_roles()
    return Group.objects.get(name=EDITORS), Group.objects.get(name=VIEWERS)


@pytest.fixture
def superuser(db):
    return make_user(username="bql-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def editor(board_groups):
    user = make_user(username="bien-tap", is_staff=True)
    user.groups.add(board_groups[0])
    return user


@pytest.fixture
def viewer(board_groups):
    user = make_user(username="xem", is_staff=True)
    user.groups.add(board_groups[1])
    return user
