"""The board's busiest admin lists run a fixed number of queries at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fairportal.audit import record
from tests.factories import (
    make_booth,
    make_exhibitor,
    make_fair,
    make_product,
    make_sector,
    make_zone,
)

pytestmark = pytest.mark.django_db

# Session, user, the list's count and rows, its prefetches and each filter's choices.
EXPECTED = {
    "admin:exhibitors_exhibitor_changelist": 12,
    "admin:exhibitors_product_changelist": 8,
    "admin:fairportal_auditentry_changelist": 9,
}


def _grow(size, fair, superuser):
    zone, sector = make_zone(), make_sector()
    for _ in range(size):
        exhibitor = make_exhibitor(zone=zone, sectors=[sector, make_sector()])
        make_booth(fair=fair, exhibitor=exhibitor)
        make_product(exhibitor=exhibitor, sector=sector)
        make_product(exhibitor=exhibitor)
        record(action="booth.assigned", obj=exhibitor, actor=superuser)
        record(action="registration.created", obj=exhibitor, actor_label="khach@example.vn")


@pytest.mark.parametrize("url_name", sorted(EXPECTED))
@pytest.mark.parametrize("query", [{}, {"q": "cong ty"}, {"o": "2"}])
def test_changelist_query_count_does_not_grow(admin_client, superuser, url_name, query):
    fair = make_fair()
    _grow(3, fair, superuser)
    url = reverse(url_name)
    admin_client.get(url, query)
    with CaptureQueriesContext(connection) as small:
        admin_client.get(url, query)
    _grow(25, fair, superuser)
    admin_client.get(url, query)  # the first page after a change refills the cached fair

    with CaptureQueriesContext(connection) as large:
        response = admin_client.get(url, query)

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) > 3 or query.get("q")
    assert len(large) == len(small) == EXPECTED[url_name], [
        q["sql"] for q in large.captured_queries
    ]
