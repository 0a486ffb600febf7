"""A product's photo is shown whole on its maker's profile and in the catalogue: a
tall product (a bottle, a pump) is not cut to the card's frame."""

import io
import os

import pytest
from PIL import Image

from exhibitors.images import reencode_image
from tests.factories import make_booth, make_exhibitor, make_fair, make_product, make_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RED, GREEN, BLUE = (220, 30, 30), (30, 160, 60), (30, 60, 220)


def _bottle_photo():
    """A tall photo, 160 × 480: a red cap, a green body, a blue base."""
    image = Image.new("RGB", (160, 480), GREEN)
    image.paste(RED, (0, 0, 160, 60))
    image.paste(BLUE, (0, 420, 160, 480))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def _colours_seen(locator) -> set:
    shot = Image.open(io.BytesIO(locator.screenshot())).convert("RGB")
    pixels = [colour for _count, colour in shot.getcolors(shot.width * shot.height)]
    return {
        name
        for colour, name in ((RED, "cap"), (GREEN, "body"), (BLUE, "base"))
        if any(all(abs(a - b) <= 12 for a, b in zip(p, colour, strict=True)) for p in pixels)
    }


def _bottle_product(maker):
    """A product of `maker` whose photo is a tall bottle, stored as an upload is."""
    full, thumb = reencode_image(_bottle_photo(), prefix="chai-siro")
    product = make_product(exhibitor=maker, name_vi="Siro ho chai 100 ml")
    product.image.save(full.name, full, save=False)
    product.image_thumb.save(thumb.name, thumb, save=False)
    product.save()
    return product


@pytest.mark.parametrize("width", [390, 1280])
def test_a_tall_products_photo_shows_the_whole_product(browser, live_server, width):
    fair = make_fair()
    maker = make_exhibitor(name_vi="Dược phẩm Bạch Thảo An", slug="bach-thao-an")
    make_booth(fair=fair, exhibitor=maker, code="B12")
    _bottle_product(maker)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        seen = {}
        for path in ("/exhibitors/bach-thao-an/", "/products/"):
            page.goto(f"{live_server.url}{path}")
            photo = page.locator(".product-card img")
            photo.scroll_into_view_if_needed()
            page.wait_for_function(
                "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
            )
            seen[path] = _colours_seen(photo)

        assert seen == {
            "/exhibitors/bach-thao-an/": {"cap", "body", "base"},
            "/products/": {"cap", "body", "base"},
        }
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_tall_products_photo_is_whole_on_the_companys_own_product_list(
    browser, live_server, width
):
    # The representative checks the photo they uploaded: the list of their products
    # shows it as visitors will see it, not cut to a square.
    user = make_user(username="lan", email="lan@bachthao.vn", password="Bach-thao-2027-mk")
    maker = make_exhibitor(name_vi="Dược phẩm Bạch Thảo An", members=[user])
    _bottle_product(maker)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/account/products/")
        page.get_by_label("E-mail hoặc tên đăng nhập").fill("lan@bachthao.vn")
        page.get_by_label("Mật khẩu").fill("Bach-thao-2027-mk")
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/account/products/")
        photo = page.locator(".product-row img")
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
        )

        assert _colours_seen(photo) == {"cap", "body", "base"}
    finally:
        context.close()
