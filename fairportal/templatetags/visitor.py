"""Helpers of the visitor pages: country names and flags, QR codes, canonical URLs."""

import segno
from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The countries of the fair's investors and partners; others show their ISO code.
COUNTRY_NAMES = {
    "VN": _("Việt Nam"),
    "JP": _("Nhật Bản"),
    "KR": _("Hàn Quốc"),
    "SG": _("Singapore"),
    "HK": _("Hồng Kông (Trung Quốc)"),
    "TW": _("Đài Loan (Trung Quốc)"),
    "CN": _("Trung Quốc"),
    "TH": _("Thái Lan"),
    "MY": _("Malaysia"),
    "ID": _("Indonesia"),
    "PH": _("Philippines"),
    "IN": _("Ấn Độ"),
    "US": _("Hoa Kỳ"),
    "DE": _("Đức"),
    "FR": _("Pháp"),
    "GB": _("Vương quốc Anh"),
    "NL": _("Hà Lan"),
    "IT": _("Ý"),
    "CH": _("Thụy Sĩ"),
    "AU": _("Úc"),
}


@register.filter
def country_name(code: str) -> str:
    code = (code or "").upper()
    return str(COUNTRY_NAMES.get(code, code))


@register.filter
def flag(code: str) -> str:
    """ "JP" -> 🇯🇵 (two regional indicator symbols); empty for anything else."""
    code = (code or "").upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code)


@register.simple_tag
def qr_svg(url: str, title: str = "") -> str:
    """The QR code of `url` as inline SVG (no style attribute: the CSP stays strict)."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        scale=4, border=2, title=title or None, svgclass="qr-code", lineclass=None, omitsize=True
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 (segno output)


@register.simple_tag(takes_context=True)
def canonical_url(context, keep: str = "page") -> str:
    """This page's absolute URL in the current language, keeping only the `keep` parameters."""
    request = context.get("request")
    if request is None:
        return settings.PORTAL_BASE_URL + "/"
    path = translate_url(request.path, get_language())
    kept = request.GET.copy()
    for key in list(kept.keys()):
        if key not in keep.split(","):
            del kept[key]
    if kept.get("page") == "1":
        del kept["page"]
    query = kept.urlencode()
    return settings.PORTAL_BASE_URL + path + (f"?{query}" if query else "")


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    request = context["request"]
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path
