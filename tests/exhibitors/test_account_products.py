"""/account/products/: list, add, edit, reorder and remove a company's products."""

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from exhibitors.models import Product
from fairportal.models import AuditEntry
from tests.exhibitors.account_support import (
    oversized_upload,
    png_upload,
    representative,
    svg_upload,
    text_as_png_upload,
    too_many_pixels_upload,
)
from tests.factories import make_booth, make_fair, make_product, make_sector

pytestmark = pytest.mark.django_db


def product_post(**overrides):
    data = {
        "name_vi": "Máy ép nhựa",
        "name_en": "Injection moulding machine",
        "description_vi": "Máy ép nhựa 120 tấn.",
        "description_en": "A 120-tonne injection moulding machine.",
        "sector": "",
        "is_published": "on",
        "position": "",
    }
    data.update(overrides)
    return data


def names_in_order(exhibitor):
    return list(exhibitor.products.order_by("position", "id").values_list("name_vi", flat=True))


def test_products_list_shows_own_products_in_order(client):
    _user, exhibitor = representative(client)
    make_product(exhibitor, name_vi="Thứ hai", position=2)
    make_product(exhibitor, name_vi="Thứ nhất", position=1)
    make_product(name_vi="Của công ty khác")

    response = client.get("/account/products/")

    body = response.content.decode()
    assert response.status_code == 200
    assert [p.name_vi for p in response.context["products"]] == ["Thứ nhất", "Thứ hai"]
    assert "Của công ty khác" not in body


def test_products_list_query_count_constant(client, django_assert_num_queries):
    _user, exhibitor = representative(client)
    sector = make_sector()
    make_product(exhibitor, name_vi="Sản phẩm 0", sector=sector)
    with CaptureQueriesContext(connection) as one_product:
        client.get("/account/products/")
    for n in range(1, 9):
        make_product(exhibitor, name_vi=f"Sản phẩm {n}", sector=make_sector())

    # The same queries for 1 and 9 products (session, user, company, products with
    # their sectors, and what base.html itself asks).
    with django_assert_num_queries(len(one_product)):
        response = client.get("/account/products/")

    assert len(response.context["products"]) == 9
    assert len(one_product) <= 7


def test_product_add_with_image_lands_in_list(client):
    user, exhibitor = representative(client)
    sector = make_sector()

    response = client.post(
        "/account/products/new/",
        {**product_post(sector=sector.pk), "image_upload": png_upload("may-ep.png")},
    )

    assert response.status_code == 302
    assert response["Location"] == "/account/products/"
    product = Product.objects.get(exhibitor=exhibitor)
    assert product.name_vi == "Máy ép nhựa"
    assert product.sector == sector
    assert product.image.name.startswith(f"products/product-{exhibitor.pk}-")
    assert product.image_thumb.name.startswith("products/thumbs/")
    assert default_storage.exists(product.image_thumb.name)
    exhibitor.refresh_from_db()
    assert "may ep nhua" in exhibitor.search_text
    entry = AuditEntry.objects.get(action="product.created")
    assert (entry.actor, entry.object_id) == (user, str(product.pk))
    listing = client.get("/account/products/").content.decode()
    assert "Máy ép nhựa" in listing
    assert product.image_thumb.url in listing


def test_product_add_goes_to_end_of_list(client):
    _user, exhibitor = representative(client)
    make_product(exhibitor, name_vi="Cũ", position=5)

    client.post("/account/products/new/", product_post(name_vi="Mới"))

    assert Product.objects.get(name_vi="Mới").position == 6
    assert names_in_order(exhibitor) == ["Cũ", "Mới"]


def test_product_added_with_the_form_as_shown_goes_to_end_of_list(client):
    _user, exhibitor = representative(client)
    make_product(exhibitor, name_vi="Thứ nhất", position=0)
    make_product(exhibitor, name_vi="Thứ hai", position=1)
    form = client.get("/account/products/new/").context["form"]
    shown_position = form["position"].value()

    client.post(
        "/account/products/new/",
        product_post(name_vi="Mới thêm", position="" if shown_position is None else shown_position),
    )

    assert names_in_order(exhibitor) == ["Thứ nhất", "Thứ hai", "Mới thêm"]
    assert shown_position is None


def test_product_add_without_name_shows_error_and_keeps_input(client):
    _user, exhibitor = representative(client)

    response = client.post("/account/products/new/", product_post(name_vi=""))

    assert response.status_code == 400
    assert response.context["form"].errors["name_vi"] == ["Nhập tên sản phẩm bằng tiếng Việt."]
    assert "Máy ép nhựa 120 tấn." in response.content.decode()
    assert Product.objects.count() == 0


@pytest.mark.parametrize(
    ("position", "message"),
    [("-1", "lớn hơn hoặc bằng 0"), ("99999", "nhỏ hơn hoặc bằng 32767")],
)
def test_product_position_outside_its_column_shows_error(client, position, message):
    representative(client)

    response = client.post("/account/products/new/", product_post(position=position))

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["position"])
    assert Product.objects.count() == 0


@pytest.mark.parametrize(
    ("make_upload", "message"),
    [
        (text_as_png_upload, "không phải ảnh hợp lệ"),
        (svg_upload, "không phải ảnh hợp lệ"),
        (oversized_upload, "quá giới hạn 5\xa0MB"),
        (too_many_pixels_upload, "Ảnh 6001\xa0×\xa02 điểm ảnh, quá giới hạn 6000\xa0×\xa06000"),
    ],
    ids=["text-named-png", "svg", "over-5mb", "over-6000px"],
)
def test_product_bad_image_shows_error_and_stores_nothing(client, make_upload, message):
    representative(client)

    response = client.post(
        "/account/products/new/", {**product_post(), "image_upload": make_upload()}
    )

    assert response.status_code == 400
    assert message in response.context["form"].errors["image_upload"][0]
    assert 'value="Máy ép nhựa"' in response.content.decode()
    assert Product.objects.count() == 0
    assert not default_storage.exists("products")


def test_product_edit_saves_and_replaces_image(client, django_capture_on_commit_callbacks):
    user, exhibitor = representative(client)
    product = make_product(exhibitor, name_vi="Cũ")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/account/products/{product.pk}/", {**product_post(), "image_upload": png_upload()}
        )
    product.refresh_from_db()
    old = [product.image.name, product.image_thumb.name]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/account/products/{product.pk}/",
            {**product_post(name_vi="Mới", is_published=""), "image_upload": png_upload()},
        )

    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.name_vi, product.is_published) == ("Mới", False)
    assert product.image.name not in old
    assert [default_storage.exists(name) for name in old] == [False, False]
    entry = AuditEntry.objects.filter(action="product.updated").first()
    assert entry.actor == user
    assert entry.changes["name_vi"] == ["Máy ép nhựa", "Mới"]
    assert entry.changes["is_published"] == [True, False]


def test_product_edit_bad_input_leaves_product_unchanged(client):
    _user, exhibitor = representative(client)
    product = make_product(exhibitor, name_vi="Giữ nguyên")

    response = client.post(
        f"/account/products/{product.pk}/",
        {**product_post(name_vi="Đổi tên"), "image_upload": text_as_png_upload()},
    )

    assert response.status_code == 400
    assert 'value="Đổi tên"' in response.content.decode()
    product.refresh_from_db()
    assert product.name_vi == "Giữ nguyên"


def test_product_html_in_name_is_shown_as_text(client):
    _user, exhibitor = representative(client)
    client.post("/account/products/new/", product_post(name_vi="<img src=x onerror=alert(1)>"))
    product = Product.objects.get(exhibitor=exhibitor)

    listing = client.get("/account/products/").content.decode()
    confirm = client.get(f"/account/products/{product.pk}/delete/").content.decode()

    for body in (listing, confirm):
        assert "<img src=x" not in body
        assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_product_delete_asks_then_removes_with_files(client, django_capture_on_commit_callbacks):
    user, exhibitor = representative(client)
    client.post("/account/products/new/", {**product_post(), "image_upload": png_upload()})
    product = Product.objects.get(exhibitor=exhibitor)
    files = [product.image.name, product.image_thumb.name]

    confirm = client.get(f"/account/products/{product.pk}/delete/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/account/products/{product.pk}/delete/")

    assert confirm.status_code == 200
    assert "Không thể hoàn tác" in confirm.content.decode()
    assert response["Location"] == "/account/products/"
    assert Product.objects.filter(pk=product.pk).exists() is False
    assert [default_storage.exists(name) for name in files] == [False, False]
    exhibitor.refresh_from_db()
    assert "may ep nhua" not in exhibitor.search_text
    entry = AuditEntry.objects.get(action="product.deleted")
    assert (entry.actor, entry.object_id) == (user, str(product.pk))


def test_product_move_up_and_down_without_js(client):
    user, exhibitor = representative(client)
    a = make_product(exhibitor, name_vi="A")
    b = make_product(exhibitor, name_vi="B")
    c = make_product(exhibitor, name_vi="C")

    response = client.post(f"/account/products/{c.pk}/move/", {"direction": "up"})
    assert response["Location"] == f"/account/products/#product-{c.pk}"
    assert names_in_order(exhibitor) == ["A", "C", "B"]

    client.post(f"/account/products/{a.pk}/move/", {"direction": "down"})
    assert names_in_order(exhibitor) == ["C", "A", "B"]

    client.post(f"/account/products/{b.pk}/move/", {"direction": "down"})
    assert names_in_order(exhibitor) == ["C", "A", "B"]
    assert AuditEntry.objects.filter(action="product.moved", actor=user).count() == 2


def test_product_move_bad_direction_changes_nothing(client):
    _user, exhibitor = representative(client)
    make_product(exhibitor, name_vi="A")
    b = make_product(exhibitor, name_vi="B")

    response = client.post(
        f"/account/products/{b.pk}/move/", {"direction": "sideways"}, follow=True
    )

    assert names_in_order(exhibitor) == ["A", "B"]
    assert "Hướng di chuyển không hợp lệ." in response.content.decode()


def test_product_position_field_reorders(client):
    _user, exhibitor = representative(client)
    make_product(exhibitor, name_vi="A", position=0)
    b = make_product(exhibitor, name_vi="B", position=1)

    client.post(f"/account/products/{b.pk}/", product_post(name_vi="B", position="0"))

    assert names_in_order(exhibitor) == ["B", "A"]


@pytest.mark.parametrize(
    ("typed", "order"),
    [
        ("0", ["Chủ lực", "Một", "Hai", "Ba"]),
        ("1", ["Một", "Chủ lực", "Hai", "Ba"]),
        ("3", ["Một", "Hai", "Ba", "Chủ lực"]),
        ("500", ["Một", "Hai", "Ba", "Chủ lực"]),
    ],
)
def test_product_order_typed_puts_the_product_at_that_place(client, typed, order):
    _user, exhibitor = representative(client)
    for position, name in enumerate(["Một", "Hai", "Ba", "Chủ lực"]):
        make_product(exhibitor, name_vi=name, position=position)
    flagship = Product.objects.get(name_vi="Chủ lực")

    client.post(
        f"/account/products/{flagship.pk}/", product_post(name_vi="Chủ lực", position=typed)
    )

    assert names_in_order(exhibitor) == order
    assert sorted(exhibitor.products.values_list("position", flat=True)) == [0, 1, 2, 3]


def test_product_order_works_on_a_list_whose_products_share_one_number(client):
    # Products added before the form left the order empty were all numbered 0.
    _user, exhibitor = representative(client)
    for name in ["Một", "Hai", "Ba"]:
        make_product(exhibitor, name_vi=name, position=0)
    third = Product.objects.get(name_vi="Ba")
    second = Product.objects.get(name_vi="Hai")

    shown = client.get(f"/account/products/{third.pk}/").context["form"]["position"].value()
    client.post(f"/account/products/{second.pk}/", product_post(name_vi="Hai", position="1"))
    kept = names_in_order(exhibitor)
    client.post(f"/account/products/{third.pk}/", product_post(name_vi="Ba", position="0"))

    assert shown == 2  # its place in the list, as the help text counts
    assert kept == ["Một", "Hai", "Ba"]  # saved where it stands: nothing moves
    assert names_in_order(exhibitor) == ["Ba", "Một", "Hai"]


def test_product_added_with_an_order_takes_that_place(client):
    _user, exhibitor = representative(client)
    for position, name in enumerate(["Một", "Hai"]):
        make_product(exhibitor, name_vi=name, position=position)

    client.post("/account/products/new/", product_post(name_vi="Mới", position="0"))

    assert names_in_order(exhibitor) == ["Mới", "Một", "Hai"]


FILE_AGAIN = "Tệp bạn đã chọn chưa được lưu vì biểu mẫu còn lỗi. Hãy chọn lại tệp trước khi lưu."


def test_product_error_elsewhere_asks_to_choose_the_image_again(client):
    _user, _exhibitor = representative(client)

    with_image = client.post(
        "/account/products/new/", product_post(name_vi="", image_upload=png_upload())
    )
    without_image = client.post("/account/products/new/", product_post(name_vi=""))
    english = client.post(
        "/en/account/products/new/", product_post(name_vi="", image_upload=png_upload())
    )

    assert FILE_AGAIN in with_image.content.decode()
    assert FILE_AGAIN not in without_image.content.decode()
    assert (
        "The file you chose was not kept because the form has errors. "
        "Please choose it again before saving." in english.content.decode()
    )


def test_product_image_can_be_removed_and_the_public_pages_drop_it_at_once(
    client, django_capture_on_commit_callbacks
):
    user, exhibitor = representative(client, slug="sao-mai")
    make_booth(fair=make_fair(is_current=True), exhibitor=exhibitor)
    product = make_product(exhibitor, name_vi="Máy ép nhựa")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/account/products/{product.pk}/", {**product_post(), "image_upload": png_upload()}
        )
    product.refresh_from_db()
    files = [product.image.name, product.image_thumb.name]
    visitor = Client()
    visitor.get("/exhibitors/sao-mai/")
    cached = visitor.get("/exhibitors/sao-mai/")
    form_page = client.get(f"/account/products/{product.pk}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/account/products/{product.pk}/", {**product_post(), "remove_image": "on"}
        )

    public = visitor.get("/exhibitors/sao-mai/")
    product.refresh_from_db()
    assert '<input type="checkbox" name="remove_image" id="id_remove_image">' in form_page
    assert cached["X-Cache"] == "hit"
    assert f'src="/media/{files[1]}"' in cached.content.decode()
    assert response.status_code == 302
    assert (product.image.name, product.image_thumb.name) == ("", "")
    assert [default_storage.exists(name) for name in files] == [False, False]
    entry = AuditEntry.objects.filter(action="product.updated").order_by("pk").last()
    assert (entry.actor, entry.changes) == (user, {"image": [files[0], ""]})
    assert public["X-Cache"] == "miss"
    assert "Máy ép nhựa" in public.content.decode()
    assert files[1] not in public.content.decode()
    assert "remove_image" not in client.get(f"/account/products/{product.pk}/").content.decode()


def test_product_new_image_and_remove_together_asks_which(client):
    _user, exhibitor = representative(client)
    product = make_product(exhibitor)

    response = client.post(
        f"/account/products/{product.pk}/",
        {**product_post(), "image_upload": png_upload(), "remove_image": "on"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["remove_image"] == [
        "Hãy chọn ảnh mới hoặc bỏ ảnh hiện tại, không chọn cả hai."
    ]


def test_new_product_form_offers_no_image_to_remove(client):
    representative(client)

    body = client.get("/account/products/new/").content.decode()

    assert "remove_image" not in body


def test_product_messages_on_english_pages_name_the_product_in_english(client):
    _user, exhibitor = representative(client)

    added = client.post("/en/account/products/new/", product_post(), follow=True)
    product = Product.objects.get(exhibitor=exhibitor)
    saved = client.post(
        f"/en/account/products/{product.pk}/",
        product_post(name_en="Moulding machine, 120 t"),
        follow=True,
    )
    deleted = client.post(f"/en/account/products/{product.pk}/delete/", follow=True)

    assert "Product “Injection moulding machine” added." in added.content.decode()
    assert "Product “Moulding machine, 120 t” saved." in saved.content.decode()
    assert "Product “Moulding machine, 120 t” deleted." in deleted.content.decode()


def test_product_message_on_english_page_marks_a_vietnamese_only_name(client):
    representative(client)

    response = client.post(
        "/en/account/products/new/", product_post(name_en="", name_vi="Máy <ép>"), follow=True
    )

    assert 'Product “<span lang="vi">Máy &lt;ép&gt;</span>” added.' in response.content.decode()


def test_product_message_on_vietnamese_page_names_the_product_in_vietnamese(client):
    representative(client)

    response = client.post("/account/products/new/", product_post(), follow=True)

    assert "Đã thêm sản phẩm “Máy ép nhựa”." in response.content.decode()


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        ("", "Sản phẩm này không còn trong danh sách của doanh nghiệp (có thể vừa được xoá)."),
        (
            "/en",
            "This product is no longer in your company's list (it may have just been removed).",
        ),
    ],
)
def test_product_delete_pressed_twice_says_it_is_gone_not_page_not_found(
    client, django_capture_on_commit_callbacks, prefix, said
):
    _user, exhibitor = representative(client)
    product = make_product(exhibitor, name_vi="Máy ép nhựa")
    kept = make_product(exhibitor, name_vi="Khuôn mẫu")
    url = f"{prefix}/account/products/{product.pk}/delete/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)

    again = client.post(url, follow=True)

    assert again.redirect_chain == [(f"{prefix}/account/products/", 302)]
    assert escape(said) in again.content.decode()
    assert list(Product.objects.filter(exhibitor=exhibitor)) == [kept]
    assert AuditEntry.objects.filter(action="product.deleted").count() == 1
