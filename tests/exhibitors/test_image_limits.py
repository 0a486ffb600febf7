"""An image over a limit is refused with the uploaded picture's own size, so the
company knows how far it is over: "Ảnh 12,4 MB, quá giới hạn 5 MB" on a Vietnamese
page, "The image is 12.4 MB, over the 5 MB limit" on an English one, the same for
width × height; on the profile's logo and a product's image (the apply form's logo:
tests/booths/test_apply.py)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.exhibitors.account_support import representative
from tests.exhibitors.test_account_products import product_post
from tests.exhibitors.test_account_profile import profile_post

pytestmark = pytest.mark.django_db


def heavy_png() -> SimpleUploadedFile:
    """A real 2000 × 2160 px PNG saved without compression: 2160 rows of 6000 bytes and a
    filter byte, 12,962,160 bytes of pixels (12.36 MB) plus a few kilobytes of chunks."""
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 2160), (200, 30, 30)).save(buffer, format="PNG", compress_level=0)
    return SimpleUploadedFile("anh-nang.png", buffer.getvalue(), "image/png")


def poster_png() -> SimpleUploadedFile:
    """A real 20000 × 15000 px picture (a print file): more pixels than Pillow opens."""
    buffer = io.BytesIO()
    Image.new("1", (20000, 15000), 1).save(buffer, format="PNG")
    return SimpleUploadedFile("poster.png", buffer.getvalue(), "image/png")


def wide_jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (6400, 480), (10, 120, 40)).save(buffer, format="JPEG")
    return SimpleUploadedFile("bang-ron.jpg", buffer.getvalue(), "image/jpeg")


VI_BYTES = "Ảnh 12,4\xa0MB, quá giới hạn 5\xa0MB."
EN_BYTES = "The image is 12.4\xa0MB, over the 5\xa0MB limit."


@pytest.mark.parametrize(
    ("prefix", "make_upload", "message"),
    [
        ("", heavy_png, VI_BYTES),
        ("/en", heavy_png, EN_BYTES),
        ("", wide_jpeg, "Ảnh 6400\xa0×\xa0480 điểm ảnh, quá giới hạn 6000\xa0×\xa06000 điểm ảnh."),
        (
            "/en",
            wide_jpeg,
            "The image is 6400\xa0×\xa0480 pixels, over the 6000\xa0×\xa06000 pixel limit.",
        ),
        (
            "",
            poster_png,
            "Ảnh 20000\xa0×\xa015000 điểm ảnh, quá giới hạn 6000\xa0×\xa06000 điểm ảnh.",
        ),
        (
            "/en",
            poster_png,
            "The image is 20000\xa0×\xa015000 pixels, over the 6000\xa0×\xa06000 pixel limit.",
        ),
    ],
    ids=["bytes-vi", "bytes-en", "pixels-vi", "pixels-en", "poster-vi", "poster-en"],
)
def test_profile_logo_over_a_limit_says_how_big_it_is(client, prefix, make_upload, message):
    _user, exhibitor = representative(client)

    response = client.post(
        f"{prefix}/account/profile/", {**profile_post(exhibitor), "logo_upload": make_upload()}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["logo_upload"] == [message]
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "Ảnh 6400\xa0×\xa0480 điểm ảnh, quá giới hạn 6000\xa0×\xa06000 điểm ảnh."),
        ("/en", "The image is 6400\xa0×\xa0480 pixels, over the 6000\xa0×\xa06000 pixel limit."),
    ],
)
def test_product_image_too_wide_says_how_wide_it_is(client, prefix, message):
    representative(client)

    response = client.post(
        f"{prefix}/account/products/new/", {**product_post(), "image_upload": wide_jpeg()}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["image_upload"] == [message]


@pytest.mark.parametrize(("prefix", "message"), [("", VI_BYTES), ("/en", EN_BYTES)])
def test_product_image_too_heavy_says_how_heavy_it_is(client, prefix, message):
    representative(client)

    response = client.post(
        f"{prefix}/account/products/new/", {**product_post(), "image_upload": heavy_png()}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["image_upload"] == [message]
