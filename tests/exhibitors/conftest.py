"""Fixtures of the visitor pages: a current fair with a small directory."""

import pytest

from tests.factories import (
    make_booth,
    make_exhibitor,
    make_fair,
    make_product,
    make_sector,
    make_zone,
)


@pytest.fixture
def fair(db):
    return make_fair(slug="hoi-cho-2024")


@pytest.fixture
def canon(fair):
    sector = make_sector(name_vi="Điện tử", name_en="Electronics", slug="dien-tu")
    zone = make_zone(
        name_vi="KCN Thăng Long", name_en="Thang Long Industrial Park", slug="kcn-thang-long"
    )
    exhibitor = make_exhibitor(
        name_vi="Canon Việt Nam",
        name_en="Canon Vietnam",
        legal_name="Công ty TNHH Canon Việt Nam",
        slug="canon-viet-nam",
        origin_country="JP",
        zone=zone,
        sectors=[sector],
        description_vi="Sản xuất máy in tại Hà Nội.",
        description_en="Makes printers in Hanoi.",
    )
    make_product(exhibitor=exhibitor, name_vi="Máy in laser", name_en="Laser printer")
    make_booth(fair=fair, exhibitor=exhibitor, code="A07")
    exhibitor.refresh_from_db()
    return exhibitor
