"""Every public page is well-formed HTML5 with one h1, unique ids and labelled fields."""

import re
from collections import Counter

import html5lib
import pytest

from events.models import SideEvent
from tests.factories import make_booth, make_event, make_exhibitor, make_fair, make_product

pytestmark = pytest.mark.django_db

PAGES = [
    "/", "/visit/", "/exhibitors/", "/exhibitors/?q=dien+tu", "/exhibitors/?q=khong+co+gi",
    "/exhibitors/canon-viet-nam/", "/products/", "/floor-plan/", "/floor-plan/?booth=A07",
    "/floor-plan/find/?booth=Z99",
    "/events/", "/events/hoi-thao-chuoi-cung-ung/", "/plan/", "/booths/apply/",
    "/account/login/", "/exhibitors/canon-viet-nam/meet/", "/khong-co-trang-nay/",
]  # fmt: skip


@pytest.fixture
def fair_data():
    fair = make_fair()
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_booth(fair=fair, code="A07", exhibitor=canon)
    make_booth(fair=fair, code="A08")
    make_product(exhibitor=canon, name_vi="Máy in laser")
    make_event(fair=fair, slug="hoi-thao-chuoi-cung-ung")
    make_event(fair=fair, slug="ket-noi-1", kind="business_matching", capacity=40)
    return fair


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("path", PAGES)
def test_public_page_is_wellformed_html5_with_one_h1(client, fair_data, language, path):
    response = client.get(language + path)
    html = response.content.decode()
    parser = html5lib.HTMLParser(strict=False)

    parser.parse(html)

    assert response.status_code in (200, 404)
    assert parser.errors == []
    assert html.count("<h1") == 1
    assert f'<html lang="{language.strip("/") or "vi"}"' in html
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [name for name, count in ids.items() if count > 1] == []
    for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', html):
        field = re.search(
            rf'<(?:input|select|textarea)[^>]*\sid="{re.escape(field_id)}"[^>]*>', html
        )
        if 'type="hidden"' in field.group(0):
            continue
        wrapped = re.search(
            rf'<label[^>]*>(?:(?!</label>).)*\sid="{re.escape(field_id)}"', html, re.S
        )
        labelled = f'for="{field_id}"' in html or "aria-label=" in field.group(0) or wrapped
        assert labelled, f"field {field_id} has no label on {path}"


@pytest.mark.parametrize(
    ("language", "site"), [("", "Hội chợ KCN Hà Nội"), ("/en", "Hanoi Industrial Zones Fair")]
)
@pytest.mark.parametrize("path", [path for path in PAGES if path != "/"])
def test_public_page_title_names_the_site_last_after_a_middle_dot(
    client, fair_data, language, site, path
):
    html = client.get(language + path).content.decode()

    title = re.search(r"<title>(.*)</title>", html).group(1)
    assert title.endswith(f" · {site}"), title
    assert " – " not in title, title


def test_plan_meet_and_event_pages_are_titled_page_then_site(client, fair_data):
    titles = [
        re.search(r"<title>(.*)</title>", client.get(path).content.decode()).group(1)
        for path in (
            "/plan/",
            "/exhibitors/canon-viet-nam/meet/",
            "/events/hoi-thao-chuoi-cung-ung/",
            "/events/",
        )
    ]

    assert titles == [
        "Lịch của tôi · Hội chợ KCN Hà Nội",
        "Đặt lịch gặp Canon Việt Nam · Hội chợ KCN Hà Nội",
        f"{SideEvent.objects.get(slug='hoi-thao-chuoi-cung-ung').title} · Hội chợ KCN Hà Nội",
        "Chương trình sự kiện · Hội chợ KCN Hà Nội",
    ]
