import re

import pytest

from exhibitors.models import ExhibitorSlug, Product
from tests.factories import make_booth, make_exhibitor, make_fair, make_product

pytestmark = pytest.mark.django_db


def test_profile_shows_what_a_visitor_needs(client, fair, canon):
    canon.website = "https://canon.com.vn"
    canon.email = "lienhe@canon.example.vn"
    canon.phone = "+842438123456"
    canon.save()

    response = client.get("/exhibitors/canon-viet-nam/")

    assert response.status_code == 200
    text = response.text
    assert text.count("<h1") == 1 and "<h1>Canon Việt Nam</h1>" in text
    assert "Công ty TNHH Canon Việt Nam" in text
    assert "Sản xuất máy in tại Hà Nội." in text
    assert "Máy in laser" in text and "Điện tử" in text and "KCN Thăng Long" in text
    assert "🇯🇵" in text and "Nhật Bản" in text
    assert 'href="https://canon.com.vn"' in text
    assert 'href="mailto:lienhe@canon.example.vn"' in text
    assert '<a href="tel:+842438123456">024 3812 3456</a>' in text
    english = client.get("/en/exhibitors/canon-viet-nam/").text
    assert '<a href="tel:+842438123456">+84 24 3812 3456</a>' in english
    assert '<svg role="img"' in text and "qr-code" in text
    assert 'href="/exhibitors/canon-viet-nam/qr.png"' in text
    assert '<div class="profile-actions no-print">' in text
    assert "Dữ liệu mẫu" not in text


def test_profile_booth_code_shown_and_linked_when_floor_plan_exists(client, fair, canon):
    from django.urls import NoReverseMatch, reverse

    response = client.get("/exhibitors/canon-viet-nam/")

    try:
        plan = reverse("booths:floor_plan")
    except NoReverseMatch:
        assert '<span class="booth-code">A07</span>' in response.text
    else:
        assert f'href="{plan}?booth=A07#booth-A07"' in response.text


def test_profile_shows_only_booths_of_current_fair(client, fair, canon):
    make_booth(fair=make_fair(is_current=False, slug="hoi-cho-2023"), exhibitor=canon, code="Q99")

    response = client.get("/exhibitors/canon-viet-nam/")

    assert [b.code for b in response.context["exhibitor"].fair_booths] == ["A07"]
    assert "Q99" not in response.text


def test_profile_of_sample_exhibitor_says_so(client, fair):
    make_exhibitor(slug="mau", is_sample=True)

    response = client.get("/exhibitors/mau/")

    assert "Dữ liệu mẫu" in response.text


def test_profile_hides_unpublished_products(client, fair, canon):
    make_product(exhibitor=canon, name_vi="Máy chưa ra mắt", is_published=False)

    response = client.get("/exhibitors/canon-viet-nam/")

    assert "Máy chưa ra mắt" not in response.text


@pytest.mark.parametrize("path", ["/exhibitors/canon-viet-nam/", "/products/"])
def test_product_photo_is_not_read_out_before_the_same_name(client, fair, canon, path):
    make_product(
        exhibitor=canon,
        name_vi="Máy chiếu laser",
        image="products/chieu.jpg",
        image_thumb="products/thumbs/chieu.webp",
    )

    text = client.get(path).text

    # The name is the heading right below: the photo adds nothing for a screen reader.
    assert '<img src="/media/products/thumbs/chieu.webp" alt="" width="240"' in text
    assert "<h3>Máy chiếu laser</h3>" in text


def test_profile_in_english_shows_english_content(client, fair, canon):
    response = client.get("/en/exhibitors/canon-viet-nam/")

    assert '<html lang="en">' in response.text
    assert "<h1>Canon Vietnam</h1>" in response.text
    assert "Makes printers in Hanoi." in response.text and "Laser printer" in response.text
    assert 'href="/exhibitors/canon-viet-nam/" hreflang="vi"' in response.text
    assert (
        '<link rel="canonical" href="https://hoicho.example.vn/en/exhibitors/canon-viet-nam/">'
        in response.text
    )


def test_profile_has_open_graph_and_description(client, fair, canon):
    response = client.get("/exhibitors/canon-viet-nam/")

    assert '<meta property="og:title" content="Canon Việt Nam">' in response.text
    assert (
        '<meta property="og:url" content="https://hoicho.example.vn/exhibitors/canon-viet-nam/">'
        in response.text
    )
    assert '<meta name="description" content="Sản xuất máy in tại Hà Nội.">' in response.text
    assert "<title>Canon Việt Nam · " in response.text


def test_profile_unpublished_is_404(client, fair):
    make_exhibitor(slug="an-danh", is_published=False)

    assert client.get("/exhibitors/an-danh/").status_code == 404
    assert client.get("/exhibitors/an-danh/qr.png").status_code == 404


def test_profile_unknown_is_404_in_both_languages(client, fair):
    vi = client.get("/exhibitors/khong-co/")
    en = client.get("/en/exhibitors/khong-co/")

    assert vi.status_code == en.status_code == 404
    assert '<html lang="vi">' in vi.text and '<html lang="en">' in en.text


def test_profile_old_slug_redirects_permanently(client, fair, canon):
    ExhibitorSlug.objects.create(exhibitor=canon, slug="canon-vn")

    vi = client.get("/exhibitors/canon-vn/")
    en = client.get("/en/exhibitors/canon-vn/")
    qr = client.get("/exhibitors/canon-vn/qr.png")

    assert (vi.status_code, vi["Location"]) == (301, "/exhibitors/canon-viet-nam/")
    assert (en.status_code, en["Location"]) == (301, "/en/exhibitors/canon-viet-nam/")
    assert (qr.status_code, qr["Location"]) == (301, "/exhibitors/canon-viet-nam/qr.png")


def test_profile_old_slug_of_unpublished_exhibitor_is_404(client, fair):
    hidden = make_exhibitor(slug="moi", is_published=False)
    ExhibitorSlug.objects.create(exhibitor=hidden, slug="cu")

    assert client.get("/exhibitors/cu/").status_code == 404


# A company with many products: its profile lists them 24 a page.


def many_products(exhibitor, count: int, **kwargs) -> list[Product]:
    """`count` published products in the company's order (written at once, as an
    import does: no search text, which the profile does not read)."""
    return Product.objects.bulk_create(
        Product(
            exhibitor=exhibitor,
            name_vi=f"Sản phẩm {n:03d}",
            name_en=f"Product {n:03d}",
            description_vi="Mô tả.",
            position=n,
            **kwargs,
        )
        for n in range(1, count + 1)
    )


def product_names(response) -> list[str]:
    return re.findall(
        r'<li id="p\d+" class="card product-card">\s*<h3[^>]*>([^<]+)</h3>', response.text
    )


@pytest.fixture
def big(fair):
    exhibitor = make_exhibitor(name_vi="Nhựa Tiền Phong", slug="nhua-tien-phong")
    make_booth(fair=fair, exhibitor=exhibitor, code="B12")
    return exhibitor


def test_profile_with_many_products_shows_the_first_24_and_links_the_other_pages(client, big):
    many_products(big, 60)

    response = client.get("/exhibitors/nhua-tien-phong/")

    text = response.text
    assert product_names(response) == [f"Sản phẩm {n:03d}" for n in range(1, 25)]
    assert '<nav class="pagination" aria-label="Phân trang">' in text
    assert '<li><span aria-current="page">1</span></li>' in text
    assert '<a href="?page=2#products-title" aria-label="Trang 2">2</a>' in text
    assert '<a href="?page=3#products-title" aria-label="Trang 3">3</a>' in text
    assert '<a href="?page=2#products-title" rel="next">Trang sau ›</a>' in text
    assert "Sản phẩm 1–24 trong số 60" in text
    assert "<title>Nhựa Tiền Phong · " in text
    assert (
        '<link rel="canonical" href="https://hoicho.example.vn/exhibitors/nhua-tien-phong/">'
    ) in text


def test_profile_page_of_products_lists_its_own_and_names_itself(client, big):
    many_products(big, 60)

    response = client.get("/exhibitors/nhua-tien-phong/", {"page": "3"})

    text = response.text
    assert response.status_code == 200
    assert product_names(response) == [f"Sản phẩm {n:03d}" for n in range(49, 61)]
    assert '<a href="?page=2#products-title" rel="prev">‹ Trang trước</a>' in text
    assert 'rel="next"' not in text
    assert "Sản phẩm 49–60 trong số 60" in text
    assert "<title>Nhựa Tiền Phong (trang 3) · " in text
    assert (
        '<link rel="canonical" href="https://hoicho.example.vn/exhibitors/nhua-tien-phong/?page=3">'
    ) in text
    # The rest of the profile is on every page.
    assert "<h1>Nhựa Tiền Phong</h1>" in text and "B12" in text


def test_profile_pages_of_products_keep_the_english_page(client, big):
    many_products(big, 30)

    response = client.get("/en/exhibitors/nhua-tien-phong/", {"page": "2"})

    text = response.text
    assert '<html lang="en">' in text
    assert product_names(response) == [f"Product {n:03d}" for n in range(25, 31)]
    assert '<a href="?page=1#products-title" rel="prev">‹ Previous page</a>' in text
    assert "Products 25–30 of 30" in text
    assert (
        '<link rel="canonical" '
        'href="https://hoicho.example.vn/en/exhibitors/nhua-tien-phong/?page=2">'
    ) in text


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("99", 3), ("last", 3), ("99999999999999999999999", 3), ("0", 1), ("-2", 1),
     ("abc", 1), ("1.5", 1), ("٣", 1), ("", 1)],
)  # fmt: skip
def test_profile_odd_page_numbers_show_a_page_of_products(client, big, asked, shown):
    many_products(big, 60)

    response = client.get("/exhibitors/nhua-tien-phong/", {"page": asked})

    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert len(product_names(response)) == (12 if shown == 3 else 24)


def test_profile_with_few_products_has_no_page_links(client, canon):
    response = client.get("/exhibitors/canon-viet-nam/", {"page": "2"})

    assert response.status_code == 200
    assert product_names(response) == ["Máy in laser"]
    assert 'class="pagination"' not in response.text
    assert "trong số" not in response.text


def test_profile_with_24_products_fits_one_page(client, big):
    many_products(big, 24)

    response = client.get("/exhibitors/nhua-tien-phong/")

    assert len(product_names(response)) == 24
    assert 'class="pagination"' not in response.text


def test_a_product_link_opens_the_page_of_the_profile_that_shows_it(client, big):
    products = many_products(big, 60)
    wanted = products[29]  # the 30th: on page 2

    response = client.get(wanted.get_absolute_url())

    assert wanted.get_absolute_url() == (
        f"/exhibitors/nhua-tien-phong/?product={wanted.pk}#p{wanted.pk}"
    )
    assert response.context["page_obj"].number == 2
    assert f'<li id="p{wanted.pk}" class="card product-card">' in response.text
    assert (
        '<link rel="canonical" href="https://hoicho.example.vn/exhibitors/nhua-tien-phong/?page=2">'
    ) in response.text
    assert '<a href="?page=3#products-title" rel="next">' in response.text


@pytest.mark.parametrize("which", ["another company's", "hidden", "unknown", "not a number"])
def test_a_product_link_the_profile_cannot_show_opens_its_first_page(client, big, canon, which):
    many_products(big, 60)
    product = {
        "another company's": lambda: make_product(exhibitor=canon).pk,
        "hidden": lambda: many_products(big, 1, is_published=False)[0].pk,
        "unknown": lambda: 999999,
        "not a number": lambda: "p30",
    }[which]()

    response = client.get("/exhibitors/nhua-tien-phong/", {"product": product})

    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
