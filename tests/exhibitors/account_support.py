"""Helpers for the representative's-area tests: signed-in clients and uploaded files."""

import io
import struct
import zlib

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


def sixteen_bit_grey_upload(level=128) -> SimpleUploadedFile:
    """A 16-bit greyscale PNG (as scanners and photo tools save them) of one grey:
    `level` on the 8-bit scale, `level` × 257 on the 16-bit one."""
    buffer = io.BytesIO()
    Image.new("I;16", (40, 30), level * 257).save(buffer, format="PNG")
    return SimpleUploadedFile("scan-16bit.png", buffer.getvalue(), "image/png")


def beyond_pillow_pixels_upload() -> SimpleUploadedFile:
    """A PNG whose header says 20000 × 20000 px (a huge scan or a print file): more
    pixels than Pillow opens at all. The header is rewritten, so the file stays small."""
    buffer = io.BytesIO()
    Image.new("L", (8, 8)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    ihdr = 8  # after the PNG signature: length (4), "IHDR" (4), width, height, …
    data[ihdr + 8 : ihdr + 16] = struct.pack(">II", 20000, 20000)
    crc = zlib.crc32(bytes(data[ihdr + 4 : ihdr + 8 + 13]))
    data[ihdr + 8 + 13 : ihdr + 8 + 17] = struct.pack(">I", crc)
    return SimpleUploadedFile("poster.png", bytes(data), "image/png")


def colour_keyed_png_upload() -> SimpleUploadedFile:
    """A logo whose background is transparent through one "transparent colour" (the
    PNG tRNS chunk of an RGB image, as simple editors save it): black here."""
    image = Image.new("RGB", (100, 100), (0, 0, 0))
    image.paste((200, 30, 30), (20, 20, 80, 80))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", transparency=(0, 0, 0))
    return SimpleUploadedFile("logo-trong-suot.png", buffer.getvalue(), "image/png")


def striped_upload(*, palette: bool) -> SimpleUploadedFile:
    """A 960 px logo of one-pixel black and white stripes: in 256 colours (a PNG
    optimiser's palette) or in full colour, the same picture."""
    image = Image.new("RGB", (960, 960), (255, 255, 255))
    for x in range(0, 960, 2):
        image.paste((0, 0, 0), (x, 0, x + 1, 960))
    if palette:
        image = image.convert("P")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("soc.png", buffer.getvalue(), "image/png")


def _s15fixed16(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz_tag(x: float, y: float, z: float) -> bytes:
    return b"XYZ \0\0\0\0" + _s15fixed16(x) + _s15fixed16(y) + _s15fixed16(z)


def rgb_colour_profile(name: str, red, green, blue, *, gamma: float = 2.2) -> bytes:
    """An ICC v2 display profile of the matrix/TRC kind (the kind Display P3 and Adobe
    RGB are): the primaries' XYZ (adapted to D50) and one gamma curve."""
    text = name.encode("ascii") + b"\0"
    description = (
        b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * (4 + 4 + 2 + 1 + 67)
    )
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"
    tags = [
        (b"desc", description),
        (b"cprt", b"text\0\0\0\0test\0"),
        (b"wtpt", _xyz_tag(0.9642, 1.0, 0.8249)),
        (b"rXYZ", _xyz_tag(*red)),
        (b"gXYZ", _xyz_tag(*green)),
        (b"bXYZ", _xyz_tag(*blue)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    header = (
        struct.pack(">I", offset + len(data))
        + b"lcms\x02\x10\0\0mntrRGB XYZ "
        + b"\0" * 12  # date
        + b"acsp"
        + b"\0" * 28  # platform, flags, device, attributes, intent
        + _xyz_tag(0.9642, 1.0, 0.8249)[8:]  # illuminant D50
        + b"\0" * (4 + 16 + 28)  # creator, profile id, reserved
    )
    return header + struct.pack(">I", len(tags)) + table + data


DISPLAY_P3 = rgb_colour_profile(
    "Display P3 (test)",
    (0.5151, 0.2412, -0.0011),
    (0.2919, 0.6922, 0.0419),
    (0.1571, 0.0666, 0.7841),
)
ADOBE_RGB = rgb_colour_profile(
    "Adobe RGB (test)",
    (0.6097, 0.3111, 0.0195),
    (0.2053, 0.6257, 0.0609),
    (0.1492, 0.0632, 0.7446),
    gamma=563 / 256,
)


def photo_in_colour_profile_upload(
    profile: bytes, color=(60, 160, 60), name="anh-san-pham.jpg"
) -> SimpleUploadedFile:
    """A phone's photo of one colour, its numbers in the colour space of `profile`."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, format="JPEG", quality=95, icc_profile=profile)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def transparent_logo_in_colour_profile_upload(profile: bytes, color) -> SimpleUploadedFile:
    """A logo with a transparent background, its colours in the space of `profile`."""
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    image.paste((*color, 255), (20, 20, 80, 80))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", icc_profile=profile)
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def representative(client, **exhibitor_kwargs):
    """A user signed in on `client` who represents a new exhibitor: (user, exhibitor)."""
    user = make_user()
    exhibitor = make_exhibitor(members=[user], **exhibitor_kwargs)
    client.force_login(user)
    return user, exhibitor
