"""Uploaded images: checked by Pillow (never by the file name), limited in size and
pixels, re-encoded without metadata, stored under generated names, with a thumbnail."""

import io
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"PNG", "JPEG", "WEBP"}
THUMB_SIZE = (480, 480)


def _limits_help() -> str:
    text = gettext("Ảnh PNG, JPEG hoặc WebP, tối đa %(mb)s MB và %(side)s × %(side)s điểm ảnh.")
    return text % {
        "mb": settings.IMAGE_MAX_BYTES // (1024 * 1024),
        "side": settings.IMAGE_MAX_PIXELS_SIDE,
    }


# The help text of every image field: the limits `validate_image_upload` checks, in the
# language of the page (lazy: the settings and the language are read when shown).
IMAGE_LIMITS_HELP = lazy(_limits_help, str)()


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("Ảnh quá lớn về kích thước: tối đa %(side)s × %(side)s điểm ảnh.")
        % {"side": settings.IMAGE_MAX_PIXELS_SIDE},
        code="image_pixels",
    )


def validate_image_upload(upload) -> None:
    """Raise ValidationError unless `upload` is a PNG, JPEG or WebP within the limits."""
    max_bytes = settings.IMAGE_MAX_BYTES
    max_side = settings.IMAGE_MAX_PIXELS_SIDE
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("Ảnh quá lớn: tối đa %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)},
            code="image_too_large",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(_("Chỉ nhận ảnh PNG, JPEG hoặc WebP."), code="image_format")
            if width > max_side or height > max_side:
                raise _too_many_pixels()
            image.verify()
        # verify() reads a JPEG's headers only: decoding it all finds a file cut short,
        # which would otherwise fail later, when it is re-encoded.
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        # Pillow will not even open a picture this big (a 20000 px poster): it is a
        # real image, too large, not "not an image".
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("Tệp này không phải ảnh hợp lệ. Chỉ nhận ảnh PNG, JPEG hoặc WebP."),
            code="image_invalid",
        ) from None
    finally:
        upload.seek(0)


def _eight_bit(image: Image.Image) -> Image.Image:
    """A 16-bit greyscale PNG (mode "I;16" or "I", values up to 65535) brought to 8 bits:
    Pillow's convert() clips every value above 255, which turns all but black white."""
    if image.mode == "I" or image.mode.startswith("I;16"):
        return image.convert("I").point(lambda value: value / 256).convert("L")
    return image


def _encode(image: Image.Image, *, max_size=None) -> bytes:
    image = _eight_bit(ImageOps.exif_transpose(image))
    # Transparency comes from an alpha channel or from a "transparent colour" (a
    # palette entry, or one grey or RGB value in a PNG's tRNS chunk).
    has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
    # Converted before shrinking: Pillow resizes palette images pixel by pixel (nearest
    # neighbour), which leaves a logo's letters jagged.
    image = image.convert("RGBA" if has_alpha else "RGB")
    if max_size:
        image.thumbnail(max_size)
    buffer = io.BytesIO()
    if has_alpha:
        image.save(buffer, format="PNG", optimize=True)
    else:
        image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def reencode_image(upload, *, prefix: str) -> tuple[ContentFile, ContentFile]:
    """The re-encoded image (at most 1600 px) and its thumbnail, with generated names.

    Call `validate_image_upload` first.
    """
    upload.seek(0)
    with Image.open(upload) as image:
        image.load()
        full = _encode(image, max_size=(1600, 1600))
        thumb = _encode(image, max_size=THUMB_SIZE)
    extension = "png" if full.startswith(b"\x89PNG") else "jpg"
    name = f"{prefix}-{secrets.token_hex(8)}"
    return (
        ContentFile(full, name=f"{name}.{extension}"),
        ContentFile(thumb, name=f"{name}-thumb.{extension}"),
    )
