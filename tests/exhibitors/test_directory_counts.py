"""The directory's facet counts and number of results, summed from one grouped query,
agree with counting each filter combination in the database directly."""

import itertools

import pytest

from exhibitors import selectors
from tests.factories import make_booth, make_exhibitor, make_fair, make_sector, make_zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    fair = make_fair(is_current=True)
    sectors = [make_sector(slug=f"nganh-{n}") for n in range(3)]
    # nganh-2 is a sub-sector of nganh-0: filtering by nganh-0 takes it in, and an
    # exhibitor tagged with both (n % 3 == 1 and odd n) counts once.
    sectors[2].parent = sectors[0]
    sectors[2].save()
    zones = [make_zone(slug=f"kcn-{n}") for n in range(2)]
    for n in range(14):
        exhibitor = make_exhibitor(
            name_vi=f"{'Điện tử' if n % 2 else 'Cơ khí'} {n}",
            slug=f"dn-{n}",
            sectors=sectors[n % 3 : n % 3 + 1 + n % 2],
            zone=None if n % 5 == 0 else zones[n % 2],
            origin_country=["VN", "JP", "KR", "VN"][n % 4],
        )
        if n != 13:  # one exhibitor without a booth: not in the directory
            make_booth(fair=fair, exhibitor=exhibitor, code=f"A{n:02d}")
    both = make_exhibitor(name_vi="Điện tử 14", slug="dn-14", sectors=[sectors[0], sectors[2]])
    make_booth(fair=fair, exhibitor=both, code="A14")
    make_exhibitor(slug="chua-cong-bo", is_published=False, zone=zones[0])
    return fair


def _count(fair, **filters) -> int:
    return selectors.directory(fair=fair, **filters).count()


QUERIES = ["", "dien tu", "khong co"]
SECTORS = [(), ("nganh-0",), ("nganh-1", "nganh-2"), ("nganh-2",)]
ZONES = ["", "kcn-0", "kcn-1", "khong-co"]
COUNTRIES = [(), ("VN",), ("JP",), ("FR",), ("JP", "KR"), ("VN", "FR")]


@pytest.mark.parametrize("q", QUERIES)
def test_counts_match_the_database_for_every_filter_combination(fair, q):
    for sectors, zone, countries in itertools.product(SECTORS, ZONES, COUNTRIES):
        filters = {"q": q, "sectors": sectors, "zone": zone, "countries": countries}

        facets = selectors.directory_facets(fair=fair, **filters)

        assert facets["count"] == _count(fair, **filters), filters
        for option in facets["zones"]:
            expected = _count(fair, **{**filters, "zone": option["value"]})
            assert option["count"] == expected, (filters, option)
        for option in facets["countries"]:
            expected = _count(fair, **{**filters, "countries": (option["value"],)})
            assert option["count"] == expected, (filters, option)
        # The countries ticked are offered ticked, even those with no firm.
        assert {o["value"] for o in facets["countries"] if o["selected"]} == set(countries)
        for option in facets["sectors"]:
            expected = _count(fair, **{**filters, "sectors": (option["value"],)})
            assert option["count"] == expected, (filters, option)
        # Every option that would give results is offered.
        offered_zones = {o["value"] for o in facets["zones"]}
        for slug in ("kcn-0", "kcn-1"):
            if _count(fair, **{**filters, "zone": slug}):
                assert slug in offered_zones, (filters, slug)
        offered_countries = {o["value"] for o in facets["countries"]}
        for code in ("VN", "JP", "KR"):
            if _count(fair, **{**filters, "countries": (code,)}):
                assert code in offered_countries, (filters, code)
