"""Checks of what a page shows that several test modules share."""

import re


def assert_link_no_longer_works(vi, en, *, next_step: str, button: str, button_en: str):
    """The 404 of a personal link that matches nothing (tampered, or replaced by a
    newer e-mail's), in Vietnamese and in English: it says so, says what to do next and
    leads there, and says nothing of the booths' QR codes (the site's other 404)."""
    assert vi.status_code == en.status_code == 404
    assert '<h1 id="error-title">Liên kết không còn dùng được</h1>' in vi.text
    assert '<h1 id="error-title">This link no longer works</h1>' in en.text
    assert next_step in vi.text
    assert button in vi.text and button_en in en.text
    # The words, not the letters: the link's random token, in the page's URLs, can
    # hold "QR" (a test failed on "…wQRX…").
    assert "quét mã QR" not in vi.text and "QR code" not in en.text


def sector_boxes(response) -> list[tuple[str, str, str]]:
    """The sector check boxes a visitor sees: (value, label, count)."""
    return re.findall(
        r'<input type="checkbox" id="sector-[^"]+" name="sector" value="([^"]+)"[^>]*>\s*'
        r'<label for="sector-[^"]+"[^>]*>(.*?) <span class="count">\((\d+)\)</span>',
        response.text,
    )
