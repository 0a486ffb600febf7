"""The directory's facet index (exhibitors.facet_index) follows every change to what
it counts at once, as the pages built on it must: the page cache is off here, so what
the directory shows comes from the index and the database alone."""

import pytest

from exhibitors.facet_index import facet_index
from exhibitors.models import Exhibitor, IndustrialZone
from tests.factories import make_booth, make_exhibitor, make_fair, make_sector, make_zone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 0


@pytest.fixture
def fair():
    fair = make_fair(is_current=True)
    zones = [make_zone(slug="kcn-a"), make_zone(slug="kcn-b")]
    sector = make_sector(slug="co-khi")
    for n in range(3):
        firm = make_exhibitor(slug=f"dn-{n}", zone=zones[0], origin_country="JP", sectors=[sector])
        make_booth(fair=fair, exhibitor=firm, code=f"A{n}")
    return fair


def facets(client, **params):
    response = client.get("/exhibitors/", params)
    assert response.status_code == 200
    facets = response.context["facets"]
    return {
        "count": facets["count"],
        "sectors": {o["value"]: o["count"] for o in facets["sectors"]},
        "zones": {o["value"]: o["count"] for o in facets["zones"]},
        "countries": {o["value"]: o["count"] for o in facets["countries"]},
    }


def test_a_firm_given_a_booth_is_counted_at_once(client, fair):
    assert facets(client)["count"] == 3
    newcomer = make_exhibitor(slug="moi", zone=make_zone(slug="kcn-c"), origin_country="KR")
    assert facets(client)["count"] == 3  # no booth yet: not in the directory

    make_booth(fair=fair, exhibitor=newcomer, code="B1")

    seen = facets(client)
    assert seen["count"] == 4
    assert seen["zones"]["kcn-c"] == 1
    assert seen["countries"] == {"JP": 3, "KR": 1}


def test_a_sector_added_or_removed_is_counted_at_once(client, fair):
    electronics = make_sector(slug="dien-tu")
    firm = Exhibitor.objects.get(slug="dn-0")
    assert "dien-tu" not in facets(client)["sectors"]

    firm.sectors.add(electronics)  # m2m_changed, no save of the firm
    assert facets(client)["sectors"]["dien-tu"] == 1
    assert facets(client, sector="dien-tu")["count"] == 1

    firm.sectors.remove(electronics)
    assert "dien-tu" not in facets(client)["sectors"]


def test_a_firm_moved_to_another_zone_or_unpublished_is_counted_at_once(client, fair):
    assert facets(client)["zones"] == {"kcn-a": 3}
    firm = Exhibitor.objects.get(slug="dn-1")
    firm.zone = IndustrialZone.objects.get(slug="kcn-b")
    firm.save()
    assert facets(client)["zones"] == {"kcn-a": 2, "kcn-b": 1}
    assert facets(client, zone="kcn-b")["count"] == 1

    firm.is_published = False
    firm.save()
    assert facets(client)["zones"] == {"kcn-a": 2}
    assert facets(client, country="JP")["count"] == 2


def test_a_sub_sector_counts_for_its_parent_once(client, fair):
    parent = make_sector(slug="nganh-cha")
    child = make_sector(slug="nganh-con", parent=parent)
    Exhibitor.objects.get(slug="dn-0").sectors.add(child)
    Exhibitor.objects.get(slug="dn-1").sectors.add(parent, child)  # counted once

    assert facets(client)["sectors"]["nganh-cha"] == 2
    assert facets(client, zone="kcn-b")["sectors"] == {}
    assert facets(client)["sectors"] == {"co-khi": 3, "nganh-cha": 2, "nganh-con": 2}
    assert facets(client, sector="nganh-cha")["count"] == 2


def test_another_fair_made_current_is_counted_at_once(client, fair):
    assert facets(client)["count"] == 3
    other = make_fair(is_current=False)
    make_booth(fair=other, exhibitor=make_exhibitor(slug="khac"), code="Z1")

    fair.is_current = False
    fair.save()
    other.is_current = True
    other.save()

    assert facets(client)["count"] == 1


def test_each_caller_gets_its_own_zone_and_sector_rows(fair):
    """A page marks counts and depths on its sector rows, and threads share the index:
    two requests at once must not write on the same rows."""
    index = facet_index(fair)
    first, second = index.sector_rows(), index.sector_rows()
    first[0].count = 99
    assert not hasattr(second[0], "count")
    assert index.zone_rows()[0] is not index.zone_rows()[0]
    assert facet_index(fair) is index  # kept while the catalogue stays
