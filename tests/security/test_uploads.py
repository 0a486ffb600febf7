"""Every upload path checks by content, limits size and pixels, re-encodes without
metadata, stores under a generated name in MEDIA_ROOT, and media go out as images."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from booths.models import BoothApplication
from exhibitors.models import Exhibitor, Product
from tests.exhibitors.account_support import (
    DISPLAY_P3,
    jpeg_with_exif_upload,
    oversized_upload,
    photo_in_colour_profile_upload,
    svg_upload,
    too_many_pixels_upload,
)
from tests.exhibitors.test_account_products import product_post
from tests.exhibitors.test_account_profile import profile_post
from tests.factories import make_exhibitor, make_user
from tests.fairportal.test_admin import _exhibitor_form


def html_named_jpg():
    return SimpleUploadedFile("anh.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")


def php_named_png():
    return SimpleUploadedFile("shell.php.png", b"<?php system($_GET['c']); ?>", "image/png")


BAD = {
    "html-named-jpg": html_named_jpg,
    "php-named-png": php_named_png,
    "svg": svg_upload,
    "over-5mb": oversized_upload,
    "over-6000px": too_many_pixels_upload,
}


def post_application(client, payload, upload):
    client.post("/booths/apply/", {**payload, "logo": upload})
    return [a.logo.name for a in BoothApplication.objects.exclude(logo="")]


def post_account_logo(client, payload, upload):
    user = make_user()
    exhibitor = make_exhibitor(members=[user])
    client.force_login(user)
    client.post("/account/profile/", {**profile_post(exhibitor), "logo_upload": upload})
    exhibitor.refresh_from_db()
    return [name for name in (exhibitor.logo.name, exhibitor.logo_thumb.name) if name]


def post_product_image(client, payload, upload):
    user = make_user()
    make_exhibitor(members=[user])
    client.force_login(user)
    client.post("/account/products/new/", {**product_post(), "image_upload": upload})
    return [
        name for p in Product.objects.all() for name in (p.image.name, p.image_thumb.name) if name
    ]


def post_admin_logo(client, payload, upload):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    exhibitor = make_exhibitor()
    url = f"/admin/exhibitors/exhibitor/{exhibitor.pk}/change/"
    client.post(url, _exhibitor_form(exhibitor, logo=upload))
    exhibitor = Exhibitor.objects.get(pk=exhibitor.pk)
    return [name for name in (exhibitor.logo.name, exhibitor.logo_thumb.name) if name]


PATHS = {
    "application logo": post_application,
    "account logo": post_account_logo,
    "product image": post_product_image,
    "admin exhibitor logo": post_admin_logo,
}


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("bad", BAD)
def test_upload_paths_refuse_what_is_not_a_small_raster_image(client, payload, path, bad):
    assert PATHS[path](client, payload, BAD[bad]()) == []
    assert media_files() == []


@pytest.mark.parametrize("path", PATHS)
def test_upload_paths_reencode_under_generated_names_inside_media_root(
    client, payload, path, settings
):
    settings.DEBUG = True
    upload = jpeg_with_exif_upload("../../ten-goc.php.jpg")
    names = PATHS[path](client, payload, upload)
    assert names
    root = Path(settings.MEDIA_ROOT).resolve()
    for name in names:
        assert "ten-goc" not in name
        assert ".php" not in name
        assert name.rsplit(".", 1)[1] in ("jpg", "png")
        stored = (root / name).resolve()
        assert stored.is_relative_to(root)
        image = Image.open(io.BytesIO(stored.read_bytes()))
        assert dict(image.getexif()) == {}
        assert "Secret Camera Maker" not in stored.read_bytes().decode("latin-1")


@pytest.mark.parametrize("path", PATHS)
def test_upload_paths_show_a_display_p3_photo_in_its_own_colours(client, payload, path):
    """An iPhone's photo is in Display P3: its green (60, 160, 60) is the sRGB green
    (0, 164, 35). Stored as (60, 160, 60) without the profile, it showed grey-green."""
    names = PATHS[path](client, payload, photo_in_colour_profile_upload(DISPLAY_P3))

    assert names
    for name in names:
        with default_storage.open(name) as stored:
            image = Image.open(io.BytesIO(stored.read()))
        red, green, blue = image.convert("RGB").getpixel((10, 10))
        # JPEG's rounding moves a value by a step or two, never by sixty.
        assert abs(red - 0) <= 2 and abs(green - 164) <= 2 and abs(blue - 35) <= 2
        assert "icc_profile" not in image.info


def test_media_root_is_outside_the_code_tree():
    """The default MEDIA_ROOT is var/media: git-ignored, no package or template in it."""
    from fairportal import settings as project_settings

    base = Path(project_settings.BASE_DIR)
    default = base / "var" / "media"
    assert project_settings.VAR_DIR == base / "var"
    assert "var/" in (base / ".gitignore").read_text().split()
    code_dirs = [p.parent for p in base.glob("*/__init__.py")] + [base / "templates"]
    assert all(not default.is_relative_to(code) for code in code_dirs)


@pytest.mark.parametrize(
    ("fmt", "extension", "content_type"),
    [("JPEG", "jpg", "image/jpeg"), ("PNG", "png", "image/png")],
)
def test_media_are_served_with_an_image_content_type(settings, fmt, extension, content_type):
    """In DEBUG, urls.py serves media with Django's static view, which guesses the type
    from the generated extension; in production the front server serves var/media."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.test import RequestFactory
    from django.views.static import serve

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format=fmt)
    name = default_storage.save(f"logos/logo-1-abc.{extension}", ContentFile(buffer.getvalue()))
    request = RequestFactory().get(settings.MEDIA_URL + name)
    response = serve(request, name, document_root=settings.MEDIA_ROOT)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
