"""Country names of exhibitors' origins, in the page's language: one list for the
pages, the board's dashboard and the directory's search (`countries_named`)."""

import functools
from typing import NamedTuple

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fairportal.text import search_words, typed_words

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


# Where the fair's visitors and investors come from first, then the rest of the region
# and the main trading partners (ISO 3166-1 alpha-2).
COUNTRY_CHOICES = [
    ("VN", _("Việt Nam")),
    ("JP", _("Nhật Bản")),
    ("KR", _("Hàn Quốc")),
    ("SG", _("Singapore")),
    ("HK", _("Hồng Kông (Trung Quốc)")),
    ("TW", _("Đài Loan (Trung Quốc)")),
    ("CN", _("Trung Quốc")),
    ("TH", _("Thái Lan")),
    ("MY", _("Malaysia")),
    ("ID", _("Indonesia")),
    ("PH", _("Philippines")),
    ("LA", _("Lào")),
    ("KH", _("Campuchia")),
    ("MM", _("Myanmar")),
    ("IN", _("Ấn Độ")),
    ("AU", _("Úc")),
    ("NZ", _("New Zealand")),
    ("US", _("Hoa Kỳ")),
    ("CA", _("Canada")),
    ("GB", _("Vương quốc Anh")),
    ("DE", _("Đức")),
    ("FR", _("Pháp")),
    ("NL", _("Hà Lan")),
    ("IT", _("Ý")),
    ("SE", _("Thụy Điển")),
    ("CH", _("Thụy Sĩ")),
    ("IL", _("Israel")),
    ("AE", _("Các Tiểu vương quốc Ả Rập Thống nhất")),
    ("RU", _("Nga")),
]


# Every code ISO 3166-1 assigns (alpha-2, 249 of them): an origin outside it is a typo
# ("JA" for Japan, "UK" for the United Kingdom) that no page could name.
ISO_CODES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
    BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
    DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL
    GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM
    JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
    MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
    NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
    SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
    """.split()
)


def country_name(code: str) -> str:
    """The country's name in the active language, from the names above or the forms'
    choices (a company approved from Laos or Canada is from "Lào", not "LA"); its ISO
    code when neither lists it. Only `COUNTRY_NAMES` are read in searches."""
    code = (code or "").upper()
    key = (get_language(), code)
    name = _kept_names.get(key)
    if name is None:  # each name translated once per language and process
        name = _kept_names[key] = str(COUNTRY_NAMES.get(code) or _CHOICE_NAMES.get(code, code))
    return name


_kept_names: dict[tuple[str | None, str], str] = {}


@receiver(setting_changed)
def _forget_names(*, setting, **kwargs):
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        _kept_names.clear()


_CHOICE_NAMES = dict(COUNTRY_CHOICES)


# English names a visitor types besides the listed ones ("South Korea" is "Korea"),
# and the adjectives a buyer types for the country's makers ("Japanese electronics",
# "Korean suppliers"). Not "Thai": unaccented, it is the "thái" of "Thái Nguyên".
OTHER_NAMES = {
    "VN": ("Vietnamese",),
    "JP": ("Japanese",),
    "KR": ("Korea", "Korean", "South Korean"),
    "SG": ("Singaporean",),
    "TW": ("Taiwanese",),
    "CN": ("Chinese",),
    "MY": ("Malaysian",),
    "ID": ("Indonesian",),
    "PH": ("Filipino",),
    "IN": ("Indian",),
    "US": ("USA", "American"),
    "DE": ("German",),
    "FR": ("French",),
    "GB": ("UK", "British"),
    "NL": ("Dutch",),
    "IT": ("Italian",),
    "CH": ("Swiss",),
    "AU": ("Australian",),
}


def country_words(code: str, language: str) -> str:
    """The country's name in `language` ("Nhật Bản", "Japan"); nothing for a code not
    listed. Migration exhibitors 0006 put it in the search texts; 0007 takes it out
    again (its backwards step puts it back)."""
    name = COUNTRY_NAMES.get((code or "").upper())
    if name is None:
        return ""
    with translation.override(language):
        return str(name)


class _Name(NamedTuple):
    code: str
    words: tuple[str, ...]  # folded
    typed: tuple[str, ...]  # lower case, with its diacritics
    accent_required: bool
    alone_only: bool


@functools.cache
def _names() -> tuple[_Name, ...]:
    """Each name of each listed country: Vietnamese and English, each also without its
    bracketed part ("Hồng Kông (Trung Quốc)" is also "Hồng Kông"), and `OTHER_NAMES`."""

    def spellings(name: str) -> list[str]:
        return [name, name.split(" (")[0]]

    names = []
    for code, name in COUNTRY_NAMES.items():
        with translation.override("en"):
            english = [*OTHER_NAMES.get(code, ()), *spellings(str(name))]
        with translation.override("vi"):
            vietnamese = [v for v in spellings(str(name)) if v not in english]
        for spelling in dict.fromkeys(english + vietnamese):
            words = tuple(search_words(spelling))
            # "Đức", "Pháp", "Ý", "Úc" are also syllables of everyday words ("đạo đức",
            # "giải pháp", "chú ý"); unaccented, "Ý" and "Úc" are the "y" of "y tế" and
            # the "uc" of "ức chế".
            syllable = spelling in vietnamese and len(words) == 1
            names.append(
                _Name(
                    code,
                    words,
                    tuple(typed_words(spelling)),
                    accent_required=syllable and len(words[0]) <= 2,
                    alone_only=syllable,
                )
            )
    return tuple(names)


def countries_named(words: list[str], typed: list[str]) -> list[tuple[int, int, str]]:
    """Where a query names a country: (start, end, code) for each run
    `words[start:end]` that is the whole of one of its names ("han quoc", "korea"),
    not one word of it ("han", "quoc").

    `words` are the query's folded words (`search_words`), `typed` the same words as
    typed (`typed_words`). A word typed with diacritics must be the name's word with
    the same diacritics: "đúc" (casting) is not "Đức", "hóa" is not the "Hoa" of "Hoa
    Kỳ". A word typed without them is ambiguous and taken for the name's: "duc" names
    Germany (and still finds "Minh Đức" by its text).

    "Ý" and "Úc" must be typed with their accent ("y" is the "y" of "y tế"), or in
    English ("italy", "australia"). A Vietnamese name of one syllable ("Đức", "Pháp",
    "Ý", "Úc") names its country only as the whole query: in "giải pháp" or "chú ý" it
    is a syllable of a word; "điện tử germany" (or the country filter) says it.
    """
    found = []
    for start in range(len(words)):
        for name in _names():
            end = start + len(name.words)
            if tuple(words[start:end]) != name.words:
                continue
            if name.alone_only and len(words) > 1:
                continue
            if all(
                word == name_word or (not name.accent_required and word == folded)
                for word, name_word, folded in zip(
                    typed[start:end], name.typed, name.words, strict=True
                )
            ):
                found.append((start, end, name.code))
    return list(dict.fromkeys(found))
