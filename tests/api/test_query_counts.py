"""Every list of the API costs a fixed number of queries, whatever the number of rows."""

import pytest

from booths.models import EventPlace
from tests.factories import (
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_product,
    make_sector,
    make_zone,
)


def populate(fair, size):
    """`size` of everything, each row with its related rows, all in `fair`."""
    electronics = make_sector(slug="dien-tu-x")
    for number in range(size):
        zone = make_zone()
        sectors = [make_sector(parent=electronics), make_sector()]
        exhibitor = make_exhibitor(zone=zone, sectors=sectors)
        make_booth(fair, exhibitor=exhibitor)
        make_booth(fair, exhibitor=exhibitor)
        make_booth(fair, is_blocked=number % 2 == 0)
        make_product(exhibitor, sector=sectors[0])
        make_product(exhibitor, sector=sectors[1])
        place = EventPlace.objects.create(
            fair=fair, kind=EventPlace.Kind.SEMINAR_ROOM, name_vi=f"Phòng {number}", hall="A"
        )
        event = make_event(fair, place=place)
        event.hosts.set([exhibitor])
        make_fair(is_current=False, slug=f"ky-{fair.pk}-{number}").figures.create(
            value="1", label_vi="gian"
        )


LISTS = [
    # path, queries: the fair of the request, the count, the page, then one per prefetch
    ("/api/v1/fairs/", 3),  # count, page, figures
    ("/api/v1/sectors/", 2),  # count, page (parent joined)
    ("/api/v1/zones/", 2),
    ("/api/v1/exhibitors/", 5),  # fair, count, page (zone joined), sectors, booths
    ("/api/v1/exhibitors/?q=cong+ty&sector=dien-tu-x&ordering=-name", 6),  # + the sector
    ("/api/v1/products/", 3),  # fair, count, page (exhibitor and sector joined)
    ("/api/v1/booths/", 3),  # fair, count, page (exhibitor joined)
    ("/api/v1/events/", 4),  # fair, count, page (place joined), hosts
    ("/api/v1/events/?q=hoi+thao", 5),  # + the texts of the programme
]


@pytest.mark.parametrize("size", [2, 7])
@pytest.mark.parametrize(("path", "queries"), LISTS)
def test_list_query_count_is_constant(client, fair, django_assert_num_queries, path, queries, size):
    populate(fair, size)

    with django_assert_num_queries(queries):
        response = client.get(path)

    assert response.status_code == 200
    assert response.json()["count"] >= size


@pytest.mark.parametrize("size", [2, 7])
def test_exhibitor_detail_query_count_is_constant(client, fair, django_assert_num_queries, size):
    exhibitor = make_exhibitor(slug="canon", sectors=[make_sector() for _ in range(size)])
    for _ in range(size):
        make_booth(fair, exhibitor=exhibitor)
        make_product(exhibitor, sector=make_sector())

    # the fair, the exhibitor (zone joined), sectors, booths, products (sector joined)
    with django_assert_num_queries(5):
        response = client.get("/api/v1/exhibitors/canon/")

    assert len(response.json()["products"]) == size
