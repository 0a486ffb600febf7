"""Fixtures of the security tests: one small published fair with one of everything."""

import pytest
from django.utils import timezone

from events.models import SideEvent

# The floor's and the programme's fixtures, for the tests that post their forms.
from tests.booths.conftest import booths, fair, payload, sector, zone  # noqa: F401
from tests.events.conftest import exhibitor, seminar, session  # noqa: F401
from tests.factories import (
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_product,
)


@pytest.fixture
def public_fair(db):
    """A current fair, an exhibitor with a product and a booth, a seminar."""
    current = make_fair()
    company = make_exhibitor()
    product = make_product(company)
    booth = make_booth(fair=current, exhibitor=company)
    start = timezone.now() + timezone.timedelta(days=30)
    event = make_event(fair=current, starts_at=start)
    matching = make_event(fair=current, kind=SideEvent.Kind.BUSINESS_MATCHING, starts_at=start)
    return {
        "fair": current,
        "exhibitor": company,
        "product": product,
        "booth": booth,
        "event": event,
        "matching": matching,
    }
