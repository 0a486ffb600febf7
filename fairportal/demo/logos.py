"""Placeholder logos drawn with Pillow: a coloured rounded square with initials.

Nothing is downloaded: the font is DejaVu Sans Bold when the system has it (Debian's
fonts-dejavu-core), otherwise Pillow's bundled default.
"""

import hashlib
import io

from PIL import Image, ImageDraw, ImageFont

SIZE = 240
PALETTE = [
    (0, 82, 147),
    (191, 54, 12),
    (27, 94, 32),
    (106, 27, 154),
    (0, 121, 107),
    (173, 20, 87),
    (69, 90, 100),
    (230, 81, 0),
]
BOLD_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
_SKIPPED_WORDS = {"vietnam", "viet", "nam", "co.", "ltd", "jsc"}


def initials(name: str) -> str:
    """Up to two letters from a company's English name: "Canon Vietnam" -> "C"."""
    words = [w for w in name.replace(".", " ").split() if w.lower() not in _SKIPPED_WORDS]
    letters = "".join(word[0] for word in words if word[0].isalnum())
    return (letters[:2] or name[:1]).upper()


def draw_logo(name: str, *, key: str) -> bytes:
    """A PNG logo for `name`; `key` (the slug) picks the colour, always the same one."""
    colour = PALETTE[hashlib.sha256(key.encode()).digest()[0] % len(PALETTE)]
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=SIZE // 6, fill=colour)
    text = initials(name)
    size = SIZE // 2 if len(text) == 1 else SIZE * 2 // 5
    try:
        font = ImageFont.truetype(BOLD_FONT, size)
    except OSError:
        font = ImageFont.load_default(size=size)
    draw.text((SIZE / 2, SIZE / 2), text, fill=(255, 255, 255), font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
