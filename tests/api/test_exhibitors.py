"""GET /api/v1/exhibitors/ and /api/v1/exhibitors/<slug>/: who exhibits at a fair."""

import pytest

from exhibitors.models import Exhibitor
from tests.factories import (
    make_booth,
    make_exhibitor,
    make_fair,
    make_product,
    make_sector,
    make_zone,
)


def names(response):
    return [row["name"]["vi"] for row in response.json()["results"]]


def test_exhibitor_list_shows_published_exhibitors_with_a_booth_in_the_current_fair(
    client, fair, exhibit
):
    exhibit(name_vi="Canon Việt Nam")
    exhibit(name_vi="Ẩn Danh", is_published=False)
    make_exhibitor(name_vi="Không Có Gian")
    exhibit(name_vi="Kỳ Trước", in_fair=make_fair(slug="hoi-cho-2023", is_current=False))

    response = client.get("/api/v1/exhibitors/")

    assert response.status_code == 200
    assert names(response) == ["Canon Việt Nam"]
    assert response.json()["count"] == 1


def test_exhibitor_list_of_another_fair_when_fair_is_given(client, fair, exhibit):
    exhibit(name_vi="Canon Việt Nam")
    exhibit(name_vi="Kỳ Trước", in_fair=make_fair(slug="hoi-cho-2023", is_current=False))

    response = client.get("/api/v1/exhibitors/", {"fair": "hoi-cho-2023"})

    assert names(response) == ["Kỳ Trước"]


def test_exhibitor_list_item_has_translations_sectors_zone_country_booths_and_products(
    client, fair, exhibit
):
    sector = make_sector(slug="dien-tu", name_vi="Điện tử", name_en="Electronics")
    zone = make_zone(slug="kcn-thang-long", name_vi="KCN Thăng Long", name_en="Thang Long IP")
    canon = exhibit(
        code="A07",
        booth_kind="corner",
        slug="canon-viet-nam",
        name_vi="Canon Việt Nam",
        name_en="Canon Vietnam",
        legal_name="Công ty TNHH Canon Việt Nam",
        origin_country="JP",
        zone=zone,
        sectors=[sector],
        website="https://canon.com.vn",
    )
    make_booth(fair, code="A08", exhibitor=canon, hall="A")
    make_booth(make_fair(slug="hoi-cho-2023", is_current=False), code="C01", exhibitor=canon)
    make_product(canon, name_vi="Máy in laser")
    make_product(canon, name_vi="Máy ảnh", is_published=False)
    Exhibitor.objects.filter(pk=canon.pk).update(
        logo="logos/canon.png", logo_thumb="logos/thumbs/canon.webp"
    )

    row = client.get("/api/v1/exhibitors/").json()["results"][0]

    assert row["url"] == "http://testserver/api/v1/exhibitors/canon-viet-nam/"
    assert row["slug"] == "canon-viet-nam"
    assert row["name"] == {"vi": "Canon Việt Nam", "en": "Canon Vietnam"}
    assert row["legal_name"] == "Công ty TNHH Canon Việt Nam"
    assert row["origin_country"] == "JP"
    assert row["zone"] == {
        "slug": "kcn-thang-long",
        "name": {"vi": "KCN Thăng Long", "en": "Thang Long IP"},
    }
    assert row["sectors"] == [{"slug": "dien-tu", "name": {"vi": "Điện tử", "en": "Electronics"}}]
    assert row["booths"] == [
        {"code": "A07", "hall": "A", "kind": "corner"},
        {"code": "A08", "hall": "A", "kind": "standard"},
    ]
    assert row["product_count"] == 1
    assert row["logo"] == "http://testserver/media/logos/canon.png"
    assert row["logo_thumb"] == "http://testserver/media/logos/thumbs/canon.webp"
    assert row["website"] == "https://canon.com.vn"
    assert row["page_url"] == {
        "vi": "http://testserver/exhibitors/canon-viet-nam/",
        "en": "http://testserver/en/exhibitors/canon-viet-nam/",
    }


def test_exhibitor_without_english_name_gives_an_empty_english_string(client, fair, exhibit):
    exhibit(name_vi="Thực phẩm Hà Nội", name_en="")

    row = client.get("/api/v1/exhibitors/").json()["results"][0]

    assert row["name"] == {"vi": "Thực phẩm Hà Nội", "en": ""}


def test_exhibitor_detail_has_contacts_description_and_published_products(client, fair, exhibit):
    sector = make_sector(slug="in-an")
    canon = exhibit(
        code="A07",
        slug="canon-viet-nam",
        description_vi="Máy in và máy ảnh.",
        description_en="Printers and cameras.",
        address_vi="KCN Thăng Long, Đông Anh",
        address_en="Thang Long IP, Dong Anh",
        email="lienhe@canon.example.vn",
        phone="+842438812345",
    )
    laser = make_product(canon, name_vi="Máy in laser", name_en="Laser printer", sector=sector)
    make_product(canon, name_vi="Bản nháp", is_published=False)

    response = client.get("/api/v1/exhibitors/canon-viet-nam/")

    assert response.status_code == 200
    body = response.json()
    assert body["description"] == {"vi": "Máy in và máy ảnh.", "en": "Printers and cameras."}
    assert body["address"] == {"vi": "KCN Thăng Long, Đông Anh", "en": "Thang Long IP, Dong Anh"}
    assert body["email"] == "lienhe@canon.example.vn"
    assert body["phone"] == "+842438812345"
    assert body["booths"] == [{"code": "A07", "hall": "A", "kind": "standard"}]
    assert body["products"] == [
        {
            "url": f"http://testserver/api/v1/products/{laser.pk}/",
            "id": laser.pk,
            "name": {"vi": "Máy in laser", "en": "Laser printer"},
            "sector": "in-an",
            "image_thumb": None,
        }
    ]


def test_exhibitor_detail_answers_for_an_exhibitor_without_booth_in_the_fair(client, fair):
    make_exhibitor(slug="toto-viet-nam")

    response = client.get("/api/v1/exhibitors/toto-viet-nam/")

    assert response.status_code == 200
    assert response.json()["booths"] == []


def test_exhibitor_detail_of_an_unpublished_exhibitor_is_not_found(client, fair, exhibit):
    exhibit(slug="an-danh", is_published=False)

    response = client.get("/api/v1/exhibitors/an-danh/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_exhibitor_list_follows_the_vietnamese_alphabet(client, fair, exhibit):
    for name in ["Zeta Tech", "Đức Phát", "Dệt May Hà Nội", "Anh Minh", "Ê-đê"]:
        exhibit(name_vi=name)

    ascending = client.get("/api/v1/exhibitors/")
    descending = client.get("/api/v1/exhibitors/", {"ordering": "-name"})

    expected = ["Anh Minh", "Dệt May Hà Nội", "Đức Phát", "Ê-đê", "Zeta Tech"]
    assert names(ascending) == expected
    assert names(descending) == expected[::-1]


def test_exhibitor_search_ignores_accents_and_needs_every_word(client, fair, exhibit):
    canon = exhibit(name_vi="Canon Việt Nam")
    make_product(canon, name_vi="Máy in laser")
    exhibit(name_vi="Điện tử Hà Nội")

    def search(q):
        return names(client.get("/api/v1/exhibitors/", {"q": q}))

    assert search("may in canon") == ["Canon Việt Nam"]
    assert search("Máy In CANON") == ["Canon Việt Nam"]
    assert search("máy in toto") == []
    assert search("dien tu") == ["Điện tử Hà Nội"]
    assert search("ĐIỆN TỬ") == ["Điện tử Hà Nội"]
    assert search("   ") == ["Canon Việt Nam", "Điện tử Hà Nội"]


def test_exhibitor_search_finds_a_booth_code(client, fair, exhibit):
    exhibit(name_vi="Canon Việt Nam", code="A07")
    exhibit(name_vi="TOTO Việt Nam", code="B02")

    response = client.get("/api/v1/exhibitors/", {"q": "a07"})

    assert names(response) == ["Canon Việt Nam"]


def test_exhibitor_filters_by_sector_with_its_sub_sectors(client, fair, exhibit):
    electronics = make_sector(slug="dien-tu")
    parts = make_sector(slug="linh-kien-dien-tu", parent=electronics)
    food = make_sector(slug="thuc-pham")
    exhibit(name_vi="Bình Minh", sectors=[electronics])
    exhibit(name_vi="Cơ Khí", sectors=[parts, food])
    exhibit(name_vi="Ăn Ngon", sectors=[food])

    assert names(client.get("/api/v1/exhibitors/", {"sector": "dien-tu"})) == [
        "Bình Minh",
        "Cơ Khí",
    ]
    assert names(client.get("/api/v1/exhibitors/", {"sector": "linh-kien-dien-tu"})) == ["Cơ Khí"]
    assert names(client.get("/api/v1/exhibitors/", {"sector": "thuc-pham"})) == [
        "Ăn Ngon",
        "Cơ Khí",
    ]


def test_exhibitor_filters_by_several_sectors_with_their_sub_sectors(client, fair, exhibit):
    electronics = make_sector(slug="dien-tu")
    parts = make_sector(slug="linh-kien-dien-tu", parent=electronics)
    food = make_sector(slug="thuc-pham")
    medicine = make_sector(slug="duoc-pham")
    exhibit(name_vi="Bình Minh", sectors=[electronics])
    exhibit(name_vi="Cơ Khí", sectors=[parts, food])
    exhibit(name_vi="Ăn Ngon", sectors=[food])
    exhibit(name_vi="Dược Hà Nội", sectors=[medicine])
    both = {"sector": ["dien-tu", "thuc-pham"]}

    api = client.get("/api/v1/exhibitors/", both)
    web = client.get("/exhibitors/", both)
    unknown = client.get("/api/v1/exhibitors/", {"sector": ["dien-tu", "nope"]})
    too_many = client.get("/api/v1/exhibitors/", {"sector": ["dien-tu"] * 21})

    # Cơ Khí is in a sub-sector of dien-tu and in thuc-pham: found either way.
    assert names(api) == ["Ăn Ngon", "Bình Minh", "Cơ Khí"]
    assert len(names(client.get("/api/v1/exhibitors/", {"sector": ""}))) == 4  # as the web
    assert sorted(e.name_vi for e in web.context["page_obj"]) == sorted(names(api))
    # The parent alone takes in its sub-sector, on the directory as in the API.
    parent_api = names(client.get("/api/v1/exhibitors/", {"sector": "dien-tu"}))
    parent_web = client.get("/exhibitors/", {"sector": "dien-tu"}).context["page_obj"]
    assert parent_api == ["Bình Minh", "Cơ Khí"]
    assert sorted(e.name_vi for e in parent_web) == ["Bình Minh", "Cơ Khí"]
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == {"sector": ["Không có ngành “nope”."]}
    assert too_many.status_code == 400
    assert too_many.json()["errors"] == {"sector": ["Chọn tối đa 20 giá trị."]}


def test_exhibitor_filters_by_zone_and_country(client, fair, exhibit):
    thang_long = make_zone(slug="kcn-thang-long")
    noi_bai = make_zone(slug="kcn-noi-bai")
    exhibit(name_vi="Canon Việt Nam", zone=thang_long, origin_country="JP")
    exhibit(name_vi="Hàn Việt", zone=thang_long, origin_country="KR")
    exhibit(name_vi="Nội Bài Food", zone=noi_bai, origin_country="JP")

    assert names(client.get("/api/v1/exhibitors/", {"zone": "kcn-thang-long"})) == [
        "Canon Việt Nam",
        "Hàn Việt",
    ]
    assert names(client.get("/api/v1/exhibitors/", {"country": "jp"})) == [
        "Canon Việt Nam",
        "Nội Bài Food",
    ]
    assert names(
        client.get("/api/v1/exhibitors/", {"country": "JP", "zone": "kcn-thang-long"})
    ) == ["Canon Việt Nam"]


@pytest.mark.parametrize("path", ["/api/v1/exhibitors/", "/api/v1/products/"])
def test_a_country_code_iso_does_not_assign_is_refused_not_an_empty_list(client, fair, path):
    # "QQ" finds nothing because no country has it, not because no firm is from there:
    # the caller is told, as for "JPN".
    response = client.get(path, {"country": "qq"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "country": [
            "ISO 3166 has no country with the code “QQ” (Japan is JP, the United Kingdom is GB)."
        ]
    }


def test_exhibitor_list_pages_are_bounded_and_linked(client, fair, exhibit):
    for number in range(5):
        exhibit(name_vi=f"Công ty {number}")

    first = client.get("/api/v1/exhibitors/", {"page_size": 2}).json()
    last = client.get("/api/v1/exhibitors/", {"page_size": 2, "page": 3}).json()

    assert (first["count"], first["page"], first["pages"], first["page_size"]) == (5, 1, 3, 2)
    assert first["next"] == "http://testserver/api/v1/exhibitors/?page=2&page_size=2"
    assert first["previous"] is None
    assert [row["name"]["vi"] for row in first["results"]] == ["Công ty 0", "Công ty 1"]
    assert [row["name"]["vi"] for row in last["results"]] == ["Công ty 4"]
    assert last["next"] is None


def test_exhibitor_list_is_empty_when_there_is_no_fair(client, db):
    make_exhibitor()

    response = client.get("/api/v1/exhibitors/")

    assert response.status_code == 200
    assert response.json()["count"] == 0
