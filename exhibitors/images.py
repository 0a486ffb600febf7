"""Uploaded images: checked by Pillow (never by the file name), limited in size and
pixels, re-encoded in sRGB without metadata, stored under generated names, with a
thumbnail."""

import contextlib
import io
import re
import secrets
from decimal import ROUND_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"PNG", "JPEG", "WEBP"}
THUMB_SIZE = (480, 480)


# The spaces inside a size ("6000 × 6000", "5 MB"): a phone broke the help text between
# "6000 ×" and "6000". Made non-breaking after translation, so that no catalogue entry
# has to carry them.
_SPACES_IN_A_SIZE = re.compile(r"(?<=\d) (?=×|MB)|(?<=×) (?=\d)")


def _unbroken(text: str) -> str:
    return _SPACES_IN_A_SIZE.sub("\u00a0", str(text))


def _limits_help() -> str:
    text = gettext("Ảnh PNG, JPEG hoặc WebP, tối đa %(mb)s MB và %(side)s × %(side)s điểm ảnh.")
    return _unbroken(
        text
        % {
            "mb": settings.IMAGE_MAX_BYTES // (1024 * 1024),
            "side": settings.IMAGE_MAX_PIXELS_SIDE,
        }
    )


# The help text of every image field: the limits `validate_image_upload` checks, in the
# language of the page (lazy: the settings and the language are read when shown).
IMAGE_LIMITS_HELP = lazy(_limits_help, str)()


def _too_many_pixels(size=None) -> ValidationError:
    """The picture's own width and height against the limit, when they could be read."""
    side = settings.IMAGE_MAX_PIXELS_SIDE
    if size is None:
        message = _("Ảnh quá lớn về kích thước: tối đa %(side)s × %(side)s điểm ảnh.") % {
            "side": side
        }
    else:
        message = _(
            "Ảnh %(width)s × %(height)s điểm ảnh, quá giới hạn %(side)s × %(side)s điểm ảnh."
        ) % {"width": size[0], "height": size[1], "side": side}
    return ValidationError(_unbroken(message), code="image_pixels")


def _too_many_bytes(size: int) -> ValidationError:
    """The file's size in MB, one decimal in the page's way of writing it ("12,4" in
    Vietnamese, "12.4" in English), rounded up: a file just over 5 MB never reads
    "5,0 MB, quá giới hạn 5 MB"."""
    megabytes = (Decimal(size) / (1024 * 1024)).quantize(Decimal("0.1"), rounding=ROUND_UP)
    message = _("Ảnh %(size)s MB, quá giới hạn %(limit)s MB.") % {
        "size": number_format(megabytes, decimal_pos=1),
        "limit": settings.IMAGE_MAX_BYTES // (1024 * 1024),
    }
    return ValidationError(_unbroken(message), code="image_too_large")


def _declared_size(upload) -> tuple[int, int] | None:
    """The width and height a PNG, JPEG or WebP header declares, read by Pillow's own
    format readers without `Image.open`, which refuses to say what a picture too big to
    decode safely measures (DecompressionBombError). Nothing is decoded."""
    Image.init()
    upload.seek(0)
    prefix = upload.read(16)
    for image_format in sorted(ALLOWED_FORMATS):
        factory, accept = Image.OPEN[image_format]
        if accept is not None and accept(prefix) is not True:
            continue
        upload.seek(0)
        try:
            return factory(upload, "").size
        except (SyntaxError, OSError, ValueError, IndexError, TypeError):
            continue
    return None


def validate_image_upload(upload) -> None:
    """Raise ValidationError unless `upload` is a PNG, JPEG or WebP within the limits."""
    max_bytes = settings.IMAGE_MAX_BYTES
    max_side = settings.IMAGE_MAX_PIXELS_SIDE
    if upload.size is not None and upload.size > max_bytes:
        raise _too_many_bytes(upload.size)
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(_("Chỉ nhận ảnh PNG, JPEG hoặc WebP."), code="image_format")
            if width > max_side or height > max_side:
                raise _too_many_pixels((width, height))
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
        raise _too_many_pixels(_declared_size(upload)) from None
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


FULL_SIZE = (1600, 1600)

# The colour space every stored image is in: the one browsers assume for an image
# that names none.
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _colour_profile(icc_profile: bytes | None, mode: str, *, has_alpha: bool):
    """The picture's embedded colour profile and the mode its numbers are read in
    ("RGB", "RGBA", "CMYK" or "L"), or None: no profile, one LittleCMS cannot read, or
    one that does not describe this picture."""
    if not icc_profile:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        space = profile.profile.xcolor_space.strip()
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None
    if space == "RGB" and mode in ("RGB", "RGBA", "P"):
        return profile, "RGBA" if has_alpha else "RGB"
    if space == "CMYK" and mode == "CMYK":
        return profile, "CMYK"
    if space == "GRAY" and mode == "L" and not has_alpha:
        return profile, "L"
    return None


def _prepared(image: Image.Image) -> tuple[Image.Image, bool]:
    """The upright picture, at most FULL_SIZE, in sRGB as RGB or RGBA, without
    metadata; and whether it has transparency.

    A phone's photo in Display P3 or a logo in Adobe RGB or CMYK carries a colour
    profile saying what its numbers mean; read as sRGB, which is what a browser does
    with an image that names no profile, the same numbers show duller or shifted
    colours. So the colours are converted into sRGB rather than the profile dropped."""
    icc_profile = image.info.get("icc_profile")
    image = _eight_bit(ImageOps.exif_transpose(image))
    # Transparency comes from an alpha channel or from a "transparent colour" (a
    # palette entry, or one grey or RGB value in a PNG's tRNS chunk).
    has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
    mode = "RGBA" if has_alpha else "RGB"
    colour = _colour_profile(icc_profile, image.mode, has_alpha=has_alpha)
    # Converted before shrinking: Pillow resizes palette images pixel by pixel (nearest
    # neighbour), which leaves a logo's letters jagged. Shrunk before the colours are
    # converted: a 6000 px photo takes seconds to convert, its 1600 px copy a tenth.
    image = image.convert(colour[1] if colour else mode)
    image.thumbnail(FULL_SIZE)
    if colour:
        # A profile LittleCMS reads but cannot convert from is ignored, as before.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            image = ImageCms.profileToProfile(image, colour[0], _SRGB, outputMode=mode)
    image = image.convert(mode)
    image.info = {}
    return image, has_alpha


def _encode(image: Image.Image, *, has_alpha: bool, max_size) -> bytes:
    image = image.copy()
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
        prepared, has_alpha = _prepared(image)
    full = _encode(prepared, has_alpha=has_alpha, max_size=FULL_SIZE)
    thumb = _encode(prepared, has_alpha=has_alpha, max_size=THUMB_SIZE)
    extension = "png" if full.startswith(b"\x89PNG") else "jpg"
    name = f"{prefix}-{secrets.token_hex(8)}"
    return (
        ContentFile(full, name=f"{name}.{extension}"),
        ContentFile(thumb, name=f"{name}-thumb.{extension}"),
    )
