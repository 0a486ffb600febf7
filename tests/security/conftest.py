"""Fixtures of the security tests: one small published fair with one of everything."""

import pytest
from django.utils import timezone

from events.models import SideEvent
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
    fair = make_fair()
    exhibitor = make_exhibitor()
    product = make_product(exhibitor)
    booth = make_booth(fair=fair, exhibitor=exhibitor)
    start = timezone.now() + timezone.timedelta(days=30)
    event = make_event(fair=fair, starts_at=start)
    matching = make_event(fair=fair, kind=SideEvent.Kind.BUSINESS_MATCHING, starts_at=start)
    return {
        "fair": fair,
        "exhibitor": exhibitor,
        "product": product,
        "booth": booth,
        "event": event,
        "matching": matching,
    }
