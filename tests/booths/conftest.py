"""Fixtures of the floor: a current fair with booths, a valid application payload, images."""

import pytest

from tests.booths.helpers import PASSWORD
from tests.factories import make_booth, make_fair, make_sector, make_user, make_zone


@pytest.fixture
def fair(db):
    return make_fair(is_current=True)


@pytest.fixture
def booths(fair):
    """A01–A03 standard in hall A, B01 corner in hall B; A03 kept by the board."""
    return {
        "A01": make_booth(
            fair=fair, code="A01", hall="A", plan_x=0, plan_y=0, price_vnd=15_000_000
        ),
        "A02": make_booth(
            fair=fair, code="A02", hall="A", plan_x=30, plan_y=0, price_vnd=15_000_000
        ),
        "A03": make_booth(
            fair=fair,
            code="A03",
            hall="A",
            plan_x=60,
            plan_y=0,
            price_vnd=15_000_000,
            is_blocked=True,
        ),
        "B01": make_booth(
            fair=fair,
            code="B01",
            hall="B",
            kind="corner",
            plan_x=0,
            plan_y=0,
            price_vnd=22_500_000,
            price_includes_vat=False,
        ),
    }


@pytest.fixture
def sector(db):
    return make_sector(name_vi="Điện tử", name_en="Electronics", slug="dien-tu")


@pytest.fixture
def zone(db):
    return make_zone(name_vi="KCN Quang Minh", name_en="Quang Minh IZ", slug="kcn-quang-minh")


@pytest.fixture
def payload(sector, zone, booths):
    """What a company types into /booths/apply/ (valid as it stands)."""
    return {
        "legal_name": "Công ty TNHH Điện tử Quang Minh",
        "trading_name_vi": "Điện tử Quang Minh",
        "trading_name_en": "Quang Minh Electronics",
        "tax_code": "0100109106",
        "address": "Lô 12, KCN Quang Minh, Mê Linh, Hà Nội",
        "zone": str(zone.pk),
        "origin_country": "VN",
        "sectors": [str(sector.pk)],
        "contact_name": "Nguyễn Thị Hoa",
        "contact_title": "Giám đốc kinh doanh",
        "email": "Hoa@QuangMinh.example.vn",
        "phone": "0912 345 678",
        "website": "https://quangminh.example.vn",
        "product_summary": "Bo mạch, linh kiện điện tử.",
        "booth_kind": "standard",
        "booth_count": "2",
        "preferred_booths": [str(booths["A01"].pk), str(booths["A02"].pk)],
        "message": "Xin gian gần lối vào.",
        "consent": "on",
        "website_url": "",
    }


@pytest.fixture
def staff_user(db):
    return make_user(is_staff=True, is_superuser=True, password=PASSWORD)


@pytest.fixture
def board_client(client, staff_user):
    client.force_login(staff_user)
    return client
