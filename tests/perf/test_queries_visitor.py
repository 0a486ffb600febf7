"""The visitor pages run a fixed number of queries whatever the number of rows, in
Vietnamese and in English (where rows with no English say so with `lang="vi"`, read
from the columns already loaded)."""

import datetime

import pytest
from django.utils import timezone

from booths.models import EventPlace
from events.models import FairFigure
from exhibitors.models import Exhibitor
from tests.factories import (
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_product,
    make_sector,
    make_zone,
)

pytestmark = pytest.mark.django_db

SIZES = [3, 30]
PREFIXES = pytest.mark.parametrize("prefix", ["", "/en"], ids=["vi", "en"])


def build_fair(size: int):
    starts_on = timezone.localdate() + datetime.timedelta(days=5)
    fair = make_fair(starts_on=starts_on, ends_on=starts_on + datetime.timedelta(days=2))
    sectors = [make_sector(slug=f"nganh-{n}") for n in range(3)]
    sectors[2].parent = sectors[0]  # a sub-sector, counted with its parent too
    sectors[2].save()
    zones = [make_zone(slug=f"kcn-{n}") for n in range(2)]
    for n in range(size):
        # Every other row has no English: the English pages show its Vietnamese.
        english = n % 2 == 0
        exhibitor = make_exhibitor(
            name_vi=f"Điện tử {n:02d}",
            name_en=f"Electronics {n:02d}" if english else "",
            description_en="A maker of electronics." if english else "",
            slug=f"dien-tu-{n:02d}",
            sectors=sectors[: 1 + n % 3],
            zone=zones[n % 2],
            origin_country=["VN", "JP", "KR"][n % 3],
            is_featured=n % 2 == 0,
        )
        make_booth(fair=fair, exhibitor=exhibitor, code=f"A{n:03d}")
        make_booth(fair=fair, exhibitor=exhibitor, code=f"B{n:03d}")
        for m in range(2):
            make_product(
                exhibitor=exhibitor,
                name_vi=f"Linh kiện {n}-{m}",
                name_en=f"Component {n}-{m}" if english else "",
                description_en="A component." if english else "",
                sector=sectors[m],
            )
        make_event(
            fair=fair,
            place=EventPlace.objects.create(
                fair=fair, kind=EventPlace.Kind.SEMINAR_ROOM, name_vi=f"Phòng {n}", hall="A"
            ),
            starts_at=timezone.now() + datetime.timedelta(days=6, hours=n),
            **({} if english else {"title_en": "", "room_en": ""}),
        )
        FairFigure.objects.create(
            fair=fair, value=str(n), label_vi="con số", label_en="figure" if english else ""
        )
    return fair


@PREFIXES
@pytest.mark.parametrize("size", SIZES)
def test_home_queries_are_fixed(client, django_assert_num_queries, settings, size, prefix):
    settings.PUBLIC_CACHE_SECONDS = 0  # each request builds its page
    build_fair(size)

    # The first page after a change builds the facet index, which counts the sectors'
    # firms (exhibitors.facet_index: the zones, the sectors, the firms, their sectors).
    with django_assert_num_queries(9):
        response = client.get(f"{prefix}/")
    # The next ones count them on the index, the current fair kept too.
    with django_assert_num_queries(4):
        again = client.get(f"{prefix}/")
    assert again.context["sectors"] == response.context["sectors"]

    assert response.status_code == 200


@PREFIXES
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "dien tu"},
        {"sector": ["nganh-0", "nganh-1"], "zone": "kcn-1", "country": "JP"},
        {"sector": ["nganh-0"], "country": ["JP", "KR", "VN"]},
    ],
    ids=["plain", "searched", "faceted", "countries"],
)
def test_directory_queries_are_fixed(
    client, django_assert_num_queries, settings, size, params, prefix
):
    settings.PUBLIC_CACHE_SECONDS = 0  # each request builds its page
    build_fair(size)
    # A search reads the firms' search texts once per catalogue version, kept by the
    # fair's index beside its sets, and finds its firms on them (selectors.search_matches).
    searching = int(bool(params.get("q")))

    # The first page after a change builds the facet index (exhibitors.facet_index):
    # the zones, the sectors, the fair's firms and their sectors; with the current
    # fair; then the ids in name order (searching, also the search texts); then the
    # cards of the page, with their booths and sectors, which the index keeps.
    with django_assert_num_queries(5 + 1 + searching + 3):
        response = client.get(f"{prefix}/exhibitors/", params)
    assert len(response.context["exhibitors"]) > 0

    # The next ones, the catalogue unchanged, count the facets, find a search's firms
    # and take the order and the cards from the index: no query.
    with django_assert_num_queries(0):
        again = client.get(f"{prefix}/exhibitors/", params)
    assert [e.pk for e in again.context["exhibitors"]] == [
        e.pk for e in response.context["exhibitors"]
    ]
    assert again.context["facets"] == response.context["facets"]


@PREFIXES
@pytest.mark.parametrize("size", SIZES)
def test_directory_sorted_by_booth_queries_are_fixed(
    client, django_assert_num_queries, size, prefix
):
    build_fair(size)

    # As a first page in name order: the facet index (4), the current fair, the ids in
    # booth order, the cards of the page (3).
    with django_assert_num_queries(9):
        client.get(f"{prefix}/exhibitors/", {"sort": "booth"})


@PREFIXES
@pytest.mark.parametrize("size", SIZES)
def test_home_during_the_fair_queries_are_fixed(
    client, django_assert_num_queries, fair_clock, size, prefix
):
    fair_clock.set(timezone.now())
    fair = build_fair(size)
    fair.starts_on = timezone.localdate() - datetime.timedelta(days=1)
    fair.save()

    with django_assert_num_queries(9):  # building the facet index, as above
        response = client.get(f"{prefix}/")

    assert response.context["phase"] == "during"


@PREFIXES
@pytest.mark.parametrize("size", SIZES)
def test_profile_queries_are_fixed(client, django_assert_num_queries, settings, size, prefix):
    settings.PUBLIC_CACHE_SECONDS = 0  # each request builds its page
    build_fair(size)
    exhibitor = Exhibitor.objects.get(slug="dien-tu-01")
    for n in range(size):
        make_product(exhibitor=exhibitor, name_vi=f"Thêm {n}", name_en="" if n % 2 else f"More {n}")

    # The first page after a change: the current fair, the fair's index (the zones,
    # the sectors, the fair's firms and their sectors), the firm, its sectors, its
    # booths, its products, and do the fair's matching sessions still take meeting
    # requests?
    with django_assert_num_queries(10):
        response = client.get(f"{prefix}/exhibitors/dien-tu-01/")
    assert response.status_code == 200
    assert len(response.context["products"]) == min(size + 2, 24)

    # The next ones, the catalogue unchanged: the fair, the start of its last meeting
    # slot (events.selectors.takes_meeting_requests), the firm and the page of its
    # products (exhibitors.facet_index.FacetIndex.rows) are kept.
    with django_assert_num_queries(0):
        again = client.get(f"{prefix}/exhibitors/dien-tu-01/")
    assert again.content == response.content


@PREFIXES
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", ["2", "99", "abc"])
def test_profile_page_of_products_queries_are_those_of_the_first(
    client, django_assert_num_queries, size, page, prefix
):
    build_fair(size)
    exhibitor = Exhibitor.objects.get(slug="dien-tu-01")
    for n in range(size):
        make_product(exhibitor=exhibitor, name_vi=f"Thêm {n}", name_en="" if n % 2 else f"More {n}")

    with django_assert_num_queries(10):  # as the first page: the index, then the profile
        response = client.get(f"{prefix}/exhibitors/dien-tu-01/", {"page": page})

    assert response.status_code == 200


@PREFIXES
@pytest.mark.parametrize("size", SIZES)
def test_profile_opened_at_a_product_queries_are_fixed(
    client, django_assert_num_queries, size, prefix
):
    build_fair(size)
    exhibitor = Exhibitor.objects.get(slug="dien-tu-01")
    for n in range(size):
        last = make_product(exhibitor=exhibitor, name_vi=f"Thêm {n}", position=1)

    # One more than the profile: where the product stands in the company's list.
    with django_assert_num_queries(11):
        response = client.get(f"{prefix}/exhibitors/dien-tu-01/", {"product": last.pk})

    assert last in response.context["products"]


@PREFIXES
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "params",
    [{}, {"q": "linh kien", "sector": "nganh-1"}, {"zone": "kcn-1", "sector": "nganh-0"}],
    ids=["plain", "filtered", "zone"],
)
def test_products_queries_are_fixed(
    client, django_assert_num_queries, settings, size, params, prefix
):
    settings.PUBLIC_CACHE_SECONDS = 0  # each request builds its page
    build_fair(size)

    # The fair, the facet index (its zones and sectors, with the firms and their
    # sectors: exhibitors.facet_index), the facets' counts, the page, the makers' booths.
    with django_assert_num_queries(8):
        response = client.get(f"{prefix}/products/", params)
    assert len(response.context["products"]) > 0

    # The next ones take the zones and sectors from the index.
    with django_assert_num_queries(3):
        again = client.get(f"{prefix}/products/", params)
    assert list(again.context["products"]) == list(response.context["products"])


@PREFIXES
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "path,queries", [("/exhibitors/", 9), ("/products/", 8)], ids=["directory", "products"]
)
@pytest.mark.parametrize("page", ["99", "abc"])
def test_list_page_out_of_range_queries_are_those_of_a_page(
    client, django_assert_num_queries, size, path, queries, page, prefix
):
    build_fair(size)

    with django_assert_num_queries(queries):
        response = client.get(prefix + path, {"page": page})

    assert response.status_code == 200


@PREFIXES
@pytest.mark.parametrize("size", SIZES)
def test_visit_queries_are_fixed(client, django_assert_num_queries, size, prefix):
    fair = build_fair(size)
    fair.venue_en = fair.address_en = ""  # shown in Vietnamese, marked lang="vi"
    fair.save()

    with django_assert_num_queries(1):
        client.get(f"{prefix}/visit/")


@PREFIXES
@pytest.mark.parametrize("size", SIZES)
def test_programme_calendar_queries_are_fixed(client, django_assert_num_queries, size, prefix):
    build_fair(size)

    # The current fair, its events; each event's LOCATION names the fair's venue, read
    # with the events, not once per event.
    with django_assert_num_queries(2):
        response = client.get(f"{prefix}/events/agenda.ics")

    assert response.content.count(b"BEGIN:VEVENT") == size
