import datetime

import pytest
from django.utils import timezone

from tests.factories import make_fair


@pytest.fixture
def today():
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
