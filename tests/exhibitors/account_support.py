"""Helpers for the representative's-area tests: signed-in clients and uploaded files."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import make_exhibitor, make_user


def png_upload(name="logo.png", size=(64, 48), color=(200, 30, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def jpeg_with_exif_upload(name="photo.jpg") -> SimpleUploadedFile:
    image = Image.new("RGB", (40, 30), (10, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera Maker"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def text_as_png_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("anh.png", b"day khong phai la anh, chi la chu", "image/png")


def svg_upload() -> SimpleUploadedFile:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
    return SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml")


def oversized_upload() -> SimpleUploadedFile:
    """A real PNG header followed by padding: over 5 MB."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="PNG")
    return SimpleUploadedFile(
        "big.png", buffer.getvalue() + b"\0" * (5 * 1024 * 1024 + 1), "image/png"
    )


def too_many_pixels_upload() -> SimpleUploadedFile:
    """6001 × 2 px: a small file whose width is over the 6000 px limit."""
    buffer = io.BytesIO()
    Image.new("L", (6001, 2)).save(buffer, format="PNG")
    return SimpleUploadedFile("wide.png", buffer.getvalue(), "image/png")


def representative(client, **exhibitor_kwargs):
    """A user signed in on `client` who represents a new exhibitor: (user, exhibitor)."""
    user = make_user()
    exhibitor = make_exhibitor(members=[user], **exhibitor_kwargs)
    client.force_login(user)
    return user, exhibitor
