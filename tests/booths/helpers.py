"""Helpers of the floor tests: images to upload, the factories' password."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PASSWORD = "Hoi-cho-2024-mat-khau"


def png_bytes(size=(40, 20), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name="logo.png", size=(40, 20)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(size), content_type="image/png")
