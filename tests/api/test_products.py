"""GET /api/v1/products/ and /api/v1/products/<id>/: the catalogue of a fair."""

from exhibitors.models import Product
from tests.factories import make_exhibitor, make_fair, make_product, make_sector, make_zone


def names(response):
    return [row["name"]["vi"] for row in response.json()["results"]]


def test_product_list_shows_published_products_of_the_fairs_exhibitors(client, fair, exhibit):
    canon = exhibit(name_vi="Canon Việt Nam")
    make_product(canon, name_vi="Máy in laser")
    make_product(canon, name_vi="Bản nháp", is_published=False)
    make_product(exhibit(is_published=False), name_vi="Của hồ sơ ẩn")
    make_product(make_exhibitor(), name_vi="Không có gian")
    make_product(
        exhibit(in_fair=make_fair(slug="hoi-cho-2023", is_current=False)), name_vi="Kỳ trước"
    )

    response = client.get("/api/v1/products/")

    assert response.status_code == 200
    assert names(response) == ["Máy in laser"]


def test_product_item_has_both_languages_sector_exhibitor_and_image_urls(client, fair, exhibit):
    sector = make_sector(slug="in-an", name_vi="In ấn", name_en="Printing")
    canon = exhibit(slug="canon-viet-nam", name_vi="Canon Việt Nam", name_en="Canon Vietnam")
    laser = make_product(
        canon,
        name_vi="Máy in laser",
        name_en="Laser printer",
        description_vi="In nhanh.",
        description_en="Prints fast.",
        sector=sector,
    )
    Product.objects.filter(pk=laser.pk).update(
        image="products/laser.jpg", image_thumb="products/thumbs/laser.webp"
    )

    body = client.get(f"/api/v1/products/{laser.pk}/").json()

    assert body == {
        "url": f"http://testserver/api/v1/products/{laser.pk}/",
        "id": laser.pk,
        "name": {"vi": "Máy in laser", "en": "Laser printer"},
        "description": {"vi": "In nhanh.", "en": "Prints fast."},
        "sector": {"slug": "in-an", "name": {"vi": "In ấn", "en": "Printing"}},
        "exhibitor": {
            "url": "http://testserver/api/v1/exhibitors/canon-viet-nam/",
            "slug": "canon-viet-nam",
            "name": {"vi": "Canon Việt Nam", "en": "Canon Vietnam"},
        },
        "image": "http://testserver/media/products/laser.jpg",
        "image_thumb": "http://testserver/media/products/thumbs/laser.webp",
        "updated_at": body["updated_at"],
    }


def test_product_detail_of_an_unpublished_product_is_not_found(client, fair, exhibit):
    draft = make_product(exhibit(), is_published=False)

    response = client.get(f"/api/v1/products/{draft.pk}/")

    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_product_search_ignores_accents_and_needs_every_word(client, fair, exhibit):
    make_product(exhibit(name_vi="Canon Việt Nam"), name_vi="Máy in laser")
    make_product(exhibit(name_vi="Thực phẩm Hà Nội"), name_vi="Bánh đậu xanh")

    def search(q):
        return names(client.get("/api/v1/products/", {"q": q}))

    assert search("may in") == ["Máy in laser"]
    assert search("MÁY IN canon") == ["Máy in laser"]
    assert search("banh dau") == ["Bánh đậu xanh"]
    assert search("bánh đậu canon") == []


def test_product_filters_by_sector_exhibitor_zone_and_country(client, fair, exhibit):
    electronics = make_sector(slug="dien-tu")
    parts = make_sector(slug="linh-kien", parent=electronics)
    zone = make_zone(slug="kcn-noi-bai")
    canon = exhibit(slug="canon", origin_country="JP")
    local = exhibit(slug="noi-bai-food", zone=zone)
    make_product(canon, name_vi="Bo mạch", sector=parts)
    make_product(canon, name_vi="Máy ảnh", sector=electronics)
    make_product(local, name_vi="Bánh gạo")

    assert names(client.get("/api/v1/products/", {"sector": "dien-tu"})) == ["Bo mạch", "Máy ảnh"]
    assert names(client.get("/api/v1/products/", {"sector": "linh-kien"})) == ["Bo mạch"]
    assert names(client.get("/api/v1/products/", {"exhibitor": "noi-bai-food"})) == ["Bánh gạo"]
    assert names(client.get("/api/v1/products/", {"zone": "kcn-noi-bai"})) == ["Bánh gạo"]
    assert names(client.get("/api/v1/products/", {"country": "JP"})) == ["Bo mạch", "Máy ảnh"]


def test_product_ordering_by_name_and_by_exhibitor(client, fair, exhibit):
    make_product(exhibit(name_vi="Bình An"), name_vi="Ấm điện")
    make_product(exhibit(name_vi="An Phát"), name_vi="Đèn LED")

    by_name = names(client.get("/api/v1/products/"))
    by_exhibitor = names(client.get("/api/v1/products/", {"ordering": "exhibitor"}))

    assert by_name == ["Ấm điện", "Đèn LED"]
    assert by_exhibitor == ["Đèn LED", "Ấm điện"]
