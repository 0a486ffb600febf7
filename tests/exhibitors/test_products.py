import pytest

from exhibitors.models import Product
from tests.factories import make_booth, make_exhibitor, make_product, make_sector, make_zone
from tests.pages import sector_boxes

pytestmark = pytest.mark.django_db


def product_names(response) -> list[str]:
    return [product.name for product in response.context["products"]]


@pytest.fixture
def catalogue(fair, canon):
    food = make_sector(name_vi="Thực phẩm", name_en="Food", slug="thuc-pham")
    cp = make_exhibitor(name_vi="C.P. Việt Nam", slug="cp-viet-nam", origin_country="TH")
    make_booth(fair=fair, exhibitor=cp, code="B01")
    make_product(
        exhibitor=cp, name_vi="Xúc xích tiệt trùng", name_en="Sterilised sausage", sector=food
    )
    make_product(
        exhibitor=cp, name_vi="Bánh bao", name_en="Steamed bun", sector=food, is_published=False
    )
    hidden = make_exhibitor(name_vi="Chưa Công Bố", is_published=False)
    make_booth(fair=fair, exhibitor=hidden)
    make_product(exhibitor=hidden, name_vi="Đồ bí mật")
    make_product(exhibitor=make_exhibitor(name_vi="Không Gian"), name_vi="Ngoài hội chợ")
    return food


def test_products_lists_published_products_of_directory_exhibitors_in_name_order(client, catalogue):
    response = client.get("/products/")

    assert response.status_code == 200
    assert product_names(response) == ["Máy in laser", "Xúc xích tiệt trùng"]
    # The maker's profile opens at the page of its products that shows this one.
    sausage = Product.objects.get(name_vi="Xúc xích tiệt trùng")
    assert f'href="/exhibitors/cp-viet-nam/?product={sausage.pk}#p{sausage.pk}"' in response.text


@pytest.mark.parametrize("query", ["xuc xich", "XÚC XÍCH", "sausage", "c.p. viet nam", "thuc pham"])
def test_products_search_without_diacritics(client, catalogue, query):
    assert product_names(client.get("/products/", {"q": query})) == ["Xúc xích tiệt trùng"]


def test_products_search_in_english(client, catalogue):
    response = client.get("/en/products/", {"q": "laser printer"})

    assert product_names(response) == ["Laser printer"]
    assert '<html lang="en">' in response.text


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("laser printers", ["Laser printer"]),
        ("Printers", ["Laser printer"]),
        ("sausages", ["Sterilised sausage"]),
    ],
)
def test_products_search_in_english_finds_a_plural_typed_for_a_singular_name(
    client, catalogue, query, found
):
    # English visitors type the plural of what they look for; the names are singular.
    assert product_names(client.get("/en/products/", {"q": query})) == found


def test_products_are_in_name_order_of_the_page_language(client, catalogue, fair):
    maker = make_exhibitor(name_vi="Điện Gia Dụng", slug="dien-gia-dung")
    make_booth(fair=fair, exhibitor=maker, code="B03")
    make_product(exhibitor=maker, name_vi="Ấm siêu tốc", name_en="Water kettle")

    vietnamese = product_names(client.get("/products/"))
    english = product_names(client.get("/en/products/"))

    assert vietnamese == ["Ấm siêu tốc", "Máy in laser", "Xúc xích tiệt trùng"]
    assert english == ["Laser printer", "Sterilised sausage", "Water kettle"]


def test_products_sector_filter_and_counts(client, catalogue):
    response = client.get("/products/", {"sector": "thuc-pham"})

    assert product_names(response) == ["Xúc xích tiệt trùng"]
    assert [
        (o["value"], o["count"], o["selected"]) for o in response.context["sector_options"]
    ] == [("thuc-pham", 1, True)]


def test_products_of_a_sub_sector_are_found_and_counted_under_its_parent(client, catalogue, fair):
    snacks = make_sector(name_vi="Bánh kẹo", slug="banh-keo", parent=catalogue)
    maker = make_exhibitor(name_vi="Bánh Kẹo Hà Nội", slug="banh-keo-ha-noi")
    make_booth(fair=fair, exhibitor=maker, code="B02")
    make_product(exhibitor=maker, name_vi="Bánh quy bơ", name_en="Butter cookies", sector=snacks)

    parent = client.get("/products/", {"sector": "thuc-pham"})

    assert product_names(parent) == ["Bánh quy bơ", "Xúc xích tiệt trùng"]
    options = [(o["value"], o["count"], o["depth"]) for o in parent.context["sector_options"]]
    assert options[-2:] == [("thuc-pham", 2, 0), ("banh-keo", 1, 1)]
    assert product_names(client.get("/en/products/", {"sector": "banh-keo"})) == ["Butter cookies"]


def test_products_empty_state_and_bad_page(client, catalogue):
    empty = client.get("/products/", {"q": "khong co"})

    assert "Không tìm thấy sản phẩm nào phù hợp." in empty.text
    assert product_names(client.get("/products/", {"page": "abc"})) == [
        "Máy in laser",
        "Xúc xích tiệt trùng",
    ]
    # A sector that does not exist is left out, not a list emptied.
    assert product_names(client.get("/products/", {"sector": "khong-co"})) == [
        "Máy in laser",
        "Xúc xích tiệt trùng",
    ]


@pytest.fixture
def thirty_products(fair, canon):
    for n in range(29):
        make_product(exhibitor=canon, name_vi=f"Linh kiện {n:02d}", name_en=f"Part {n:02d}")


def test_products_page_that_is_not_a_number_shows_the_first_page_in_english(
    client, thirty_products
):
    response = client.get("/en/products/", {"page": "abc"})

    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert len(response.context["products"]) == 24
    assert response.context["page_obj"].number == 1
    assert '<link rel="canonical" href="https://hoicho.example.vn/en/products/">' in response.text
    assert 'href="?page=2" rel="next"' in response.text


@pytest.mark.parametrize("page", ["0", "99"])
def test_products_page_out_of_range_shows_the_nearest_page(client, thirty_products, page):
    response = client.get("/products/", {"page": page})

    shown = 1 if page == "0" else 2
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert len(response.context["products"]) == (24 if shown == 1 else 6)
    assert f'<li><span aria-current="page">{shown}</span></li>' in response.text
    canonical = "/products/" if shown == 1 else "/products/?page=2"
    assert f'<link rel="canonical" href="https://hoicho.example.vn{canonical}">' in response.text


def test_products_echo_a_long_query_shortened_in_the_title(client, catalogue):
    response = client.get("/products/", {"q": "xuc xich " + "y" * 291})

    shown = "xuc xich " + "y" * 50 + "…"
    assert f"<title>“{shown}” · Sản phẩm · Hội chợ KCN Hà Nội</title>" in response.text


def test_products_found_by_their_name_come_before_those_that_only_mention_it(
    client, catalogue, fair
):
    maker = make_exhibitor(name_vi="Cơ khí Anh Đào", slug="co-khi-anh-dao")
    make_booth(fair=fair, exhibitor=maker, code="B04")
    make_product(
        exhibitor=maker,
        name_vi="Chi tiết dập",
        name_en="Stamped parts",
        description_vi="Chi tiết kim loại dập cho máy in và xe máy.",
        description_en="Stamped metal parts for printers and motorbikes.",
    )

    vietnamese = product_names(client.get("/products/", {"q": "may in"}))
    english = product_names(client.get("/en/products/", {"q": "printer"}))

    assert vietnamese == ["Máy in laser", "Chi tiết dập"]
    assert english == ["Laser printer", "Stamped parts"]


def _zone_counts(response) -> dict[str, int]:
    return {o["value"]: o["count"] for o in response.context["zone_options"]}


def test_products_zone_filter_and_counts_as_the_directorys(client, catalogue, fair):
    noi_bai = make_zone(
        name_vi="KCN Nội Bài", name_en="Noi Bai Industrial Park", slug="kcn-noi-bai"
    )
    maker = make_exhibitor(name_vi="Thực phẩm Nội Bài", slug="thuc-pham-noi-bai", zone=noi_bai)
    make_booth(fair=fair, exhibitor=maker, code="B03")
    make_product(exhibitor=maker, name_vi="Bánh đa", name_en="Rice crackers", sector=catalogue)

    response = client.get("/products/", {"zone": "kcn-noi-bai"})
    food = client.get("/products/", {"sector": "thuc-pham"})

    assert product_names(response) == ["Bánh đa"]
    assert '<option value="kcn-noi-bai" selected>KCN Nội Bài (1)</option>' in response.text
    # A facet's counts apply the other filters, not its own: every zone's products…
    assert _zone_counts(response) == {"kcn-thang-long": 1, "kcn-noi-bai": 1}
    # …the sectors' counts within the zone, and the zones' within the ticked sectors.
    assert [(o["value"], o["count"]) for o in response.context["sector_options"]] == [
        ("thuc-pham", 1)
    ]
    assert _zone_counts(food) == {"kcn-noi-bai": 1}
    assert product_names(food) == ["Bánh đa", "Xúc xích tiệt trùng"]
    english = client.get("/en/products/", {"zone": "kcn-noi-bai", "q": "rice"})
    assert product_names(english) == ["Rice crackers"]
    assert '<option value="kcn-noi-bai" selected>Noi Bai Industrial Park (1)</option>' in (
        english.text
    )


def test_products_zone_the_fair_does_not_have_is_named_and_left_out(client, catalogue):
    # A mistyped or stale zone in a link: the catalogue still lists the products and
    # offers its sector boxes, and says which zone it did not know.
    vi = client.get("/products/", {"zone": "kcn-zzz"})
    listed = product_names(vi)  # read before the English page changes the active language
    en = client.get("/en/products/", {"zone": "kcn-zzz"})

    assert listed == ["Máy in laser", "Xúc xích tiệt trùng"]
    assert sector_boxes(vi) == sector_boxes(client.get("/products/"))
    assert ("thuc-pham", "Thực phẩm", "1") in sector_boxes(vi)
    assert ("thuc-pham", "Food", "1") in sector_boxes(en)
    assert "Không có khu công nghiệp “kcn-zzz”: bộ lọc này đã được bỏ qua." in vi.text
    assert "There is no industrial zone “kcn-zzz”: this filter was left out." in en.text
    assert "Không có khu công nghiệp" not in client.get("/products/").text


def test_product_cards_show_the_makers_booths_linked_to_the_floor_plan(client, catalogue, fair):
    canon = Product.objects.get(name_vi="Máy in laser").exhibitor
    make_booth(fair=fair, exhibitor=canon, code="A08")
    make_booth(exhibitor=canon, code="Z99")  # a booth of another edition: not this fair's

    html = client.get("/products/").text
    english = client.get("/en/products/").text

    card = html[html.index("Máy in laser") : html.index("Xúc xích tiệt trùng")]
    assert (
        'Gian <a class="booth-code" href="/floor-plan/?booth=A07#booth-A07" aria-label="Gian A07 trên sơ đồ">'
        'A07</a> <a class="booth-code" href="/floor-plan/?booth=A08#booth-A08"'
    ) in card
    assert "Z99" not in html
    assert '<a class="booth-code" href="/floor-plan/?booth=B01#booth-B01"' in html
    assert (
        'Booth <a class="booth-code" href="/en/floor-plan/?booth=A07#booth-A07"'
        ' aria-label="Booth A07 on the floor plan">A07</a>'
    ) in english
