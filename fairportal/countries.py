"""Country names of exhibitors' origins, in the page's language: one list for the
pages, the board's dashboard and the search texts."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

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


def country_name(code: str) -> str:
    """The country's name in the active language; its ISO code when not listed."""
    code = (code or "").upper()
    return str(COUNTRY_NAMES.get(code, code))


def country_words(code: str, language: str) -> str:
    """The country's name in `language` for an exhibitor's search text ("Nhật Bản",
    "Japan"); nothing for a code not listed, whose letters would match words."""
    name = COUNTRY_NAMES.get((code or "").upper())
    if name is None:
        return ""
    with translation.override(language):
        return str(name)
