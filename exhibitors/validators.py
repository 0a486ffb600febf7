"""Validators shared by forms, serializers and services: tax codes, phone numbers and
country codes."""

import re
import unicodedata
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from fairportal.countries import ISO_CODES, country_name

TAX_CODE_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_TAX_CODE = re.compile(r"^(\d{10})(?:-(\d{3}))?$", re.ASCII)


def tax_code_check_digit(first_nine: str) -> int | None:
    """The 10th digit for the first nine, or None when the result (10) is never issued."""
    check = 10 - sum(w * int(d) for w, d in zip(TAX_CODE_WEIGHTS, first_nine, strict=True)) % 11
    return None if check == 10 else check


# Dashes a word processor or a PDF puts where "-" was typed: hyphen, non-breaking
# hyphen, figure dash, en and em dash, minus sign.
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]")


def normalize_tax_code(value: str) -> str:
    """Spaces out; full-width digits and dashes ("０１００…", typed with an East Asian
    keyboard) and typographic dashes made ASCII; a branch's 13 digits written without
    their dash ("0100109106001", "0100109106 001") given it back. One company, one tax
    code."""
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value or ""))
    value = _DASHES.sub("-", value)
    if len(value) == 13 and value.isascii() and value.isdigit():
        value = f"{value[:10]}-{value[10:]}"
    return value


def validate_tax_code(value: str) -> None:
    """A Vietnamese tax code: 10 digits, or 10 digits "-" 3 digits for a branch."""
    match = _TAX_CODE.match(normalize_tax_code(value))
    if not match:
        raise ValidationError(
            _("Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu “-” và 3 chữ số cho chi nhánh."),
            code="tax_code_format",
        )
    digits = match.group(1)
    if tax_code_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(
            _("Mã số thuế không hợp lệ: chữ số kiểm tra (chữ số thứ 10) không khớp."),
            code="tax_code_check_digit",
        )


_PHONE_CHARS = re.compile(r"[\s.\-()]")


# Hanoi and Ho Chi Minh City keep 8-digit numbers behind a two-digit area code (024,
# 028); the other provinces have three-digit codes (0236 …) and 7-digit numbers.
_BIG_CITY_AREA_CODES = ("24", "28")


def format_phone(value: str, *, international: bool = False) -> str:
    """A stored E.164 number as people write it: "0912 345 678" and "024 3881 1234" at
    home, "+84 912 345 678" and "+84 24 3881 1234" for readers abroad. A number of
    another country is written as it is dialled from Vietnam, its calling code apart
    and the rest grouped as that country groups it ("+82 10 1234 5678", "+65 6123
    4567"); digits are never added or dropped, so the text reads back as the number."""
    value = value or ""
    match = re.fullmatch(r"\+84(\d{9,10})", value)
    if not match:
        return _format_foreign_phone(value)
    national = match.group(1)
    if national.startswith("2") and len(national) == 10:
        area_length = 2 if national[:2] in _BIG_CITY_AREA_CODES else 3
        area, number = national[:area_length], national[area_length:]
        groups = [area, number[:4], number[4:]]
    elif len(national) == 9:
        groups = [national[:3], national[3:6], national[6:]]
    else:
        return value
    if international:
        return "+84 " + " ".join(groups)
    return "0" + " ".join(groups)


def _format_foreign_phone(value: str) -> str:
    """See `format_phone`. A calling code the fair's countries do not use is left in
    E.164: where it ends is not known."""
    if not re.fullmatch(r"\+[1-9]\d{5,14}", value, re.ASCII):
        return value
    for length in (3, 2, 1):
        country = _COUNTRY_OF_CALLING_CODE.get(value[1 : 1 + length])
        if country:
            calling_code, national = value[1 : 1 + length], value[1 + length :]
            break
    else:
        return value
    for pattern, sizes in PHONE_GROUPS.get(country, ()):
        if re.fullmatch(pattern, national, re.ASCII):
            groups, start = [], 0
            for size in sizes:
                end = len(national) if size is None else start + size
                groups.append(national[start:end])
                start = end
            return f"+{calling_code} " + " ".join(groups)
    return f"+{calling_code} {national}"


# "84912345678": the country code typed without its "+". A domestic number starts
# with 0, so only a Vietnamese national number of the right length after the 84 is
# read this way; other digits stay refused (they may be another country's number).
_VIETNAMESE_WITHOUT_PLUS = re.compile(r"84(?:[35789][0-9]{8}|2[0-9]{9})", re.ASCII)


class Numbering(NamedTuple):
    """How a country's numbers are dialled at home: the calling code, the trunk prefix
    dialled before a national number (none in Singapore, Hong Kong and Italy, where
    the leading 0 belongs to the number) and the national number's shortest and
    longest length without that prefix."""

    calling_code: str
    trunk_prefix: str
    shortest: int
    longest: int


# The countries the meeting form offers (fairportal.countries.COUNTRY_CHOICES) but
# Vietnam, whose numbers have their own rules above. A buyer types the number on their
# card, as dialled at home: "010-1234-5678" in Korea is +82 10 1234 5678.
NATIONAL_NUMBERING = {
    "JP": Numbering("81", "0", 9, 10),
    "KR": Numbering("82", "0", 8, 10),
    "SG": Numbering("65", "", 8, 8),
    "HK": Numbering("852", "", 8, 8),
    "TW": Numbering("886", "0", 8, 9),
    "CN": Numbering("86", "0", 9, 11),
    "TH": Numbering("66", "0", 8, 9),
    "MY": Numbering("60", "0", 8, 10),
    "ID": Numbering("62", "0", 8, 12),
    "PH": Numbering("63", "0", 8, 10),
    "LA": Numbering("856", "0", 8, 10),
    "KH": Numbering("855", "0", 8, 9),
    "MM": Numbering("95", "0", 7, 10),
    "IN": Numbering("91", "0", 10, 10),
    "AU": Numbering("61", "0", 9, 9),
    "NZ": Numbering("64", "0", 8, 10),
    "US": Numbering("1", "1", 10, 10),
    "CA": Numbering("1", "1", 10, 10),
    "GB": Numbering("44", "0", 9, 10),
    "DE": Numbering("49", "0", 6, 11),
    "FR": Numbering("33", "0", 9, 9),
    "NL": Numbering("31", "0", 9, 9),
    "IT": Numbering("39", "", 6, 11),
    "SE": Numbering("46", "0", 7, 10),
    "CH": Numbering("41", "0", 9, 9),
    "IL": Numbering("972", "0", 8, 9),
    "AE": Numbering("971", "0", 8, 9),
    "RU": Numbering("7", "8", 10, 10),
}


# How each country groups its numbers for a caller abroad (ITU-T E.123, the national
# conventions), after the calling code and without the trunk prefix: the first rule
# whose pattern takes the whole national number gives the sizes of its groups, None
# for the rest. Mobiles first, then the big cities' short area codes, then the rest;
# a number no rule takes is written whole after its calling code.
PHONE_GROUPS: dict[str, tuple[tuple[str, tuple[int | None, ...]], ...]] = {
    "JP": (
        (r"[5789]0\d{8}", (2, 4, 4)),  # 090-1234-5678
        (r"120\d{6}", (3, 3, 3)),  # 0120-123-456, free calls
        (r"[36]\d{8}", (1, 4, 4)),  # Tokyo 03-1234-5678, Osaka 06
        (r"\d{9}", (2, 3, 4)),
    ),
    "KR": (
        (r"1\d{9}", (2, 4, 4)),  # 010-1234-5678
        (r"1\d{8}", (2, 3, 4)),
        (r"2\d{8}", (1, 4, 4)),  # Seoul 02-1234-5678
        (r"2\d{7}", (1, 3, 4)),
        (r"\d{10}", (2, 4, 4)),
        (r"\d{9}", (2, 3, 4)),
    ),
    "SG": ((r"\d{8}", (4, 4)),),
    "HK": ((r"\d{8}", (4, 4)),),
    "TW": (
        (r"9\d{8}", (3, 3, 3)),  # 0912-345-678
        (r"\d{9}", (1, 4, 4)),  # Taipei 02-1234-5678
        (r"\d{8}", (1, 3, 4)),
    ),
    "CN": (
        (r"1[3-9]\d{9}", (3, 4, 4)),  # 138 1234 5678
        (r"(?:10|2\d)\d{8}", (2, 4, 4)),  # Beijing 010, Shanghai 021
        (r"\d{11}", (3, 4, 4)),
        (r"\d{10}", (3, 3, 4)),
    ),
    "TH": (
        (r"[689]\d{8}", (2, 3, 4)),  # 081 234 5678
        (r"2\d{7}", (1, 3, 4)),  # Bangkok 02 123 4567
        (r"\d{8}", (2, 3, 3)),
    ),
    "MY": (
        (r"1\d{9}", (2, 4, 4)),
        (r"1\d{8}", (2, 3, 4)),  # 012-345 6789
        (r"3\d{8}", (1, 4, 4)),  # Kuala Lumpur 03-1234 5678
        (r"\d{8}", (1, 3, 4)),
    ),
    "ID": (
        (r"8\d{8,11}", (3, 4, None)),  # 0812-3456-7890
        (r"(?:21|22|24|31|61)\d{7,8}", (2, 4, None)),  # Jakarta 021
        (r"\d{8,10}", (3, 3, None)),
    ),
    "PH": (
        (r"9\d{9}", (3, 3, 4)),  # 0917 123 4567
        (r"2\d{8}", (1, 4, 4)),  # Manila 02
        (r"\d{9}", (2, 3, 4)),
    ),
    "LA": ((r"20\d{8}", (2, 4, 4)), (r"\d{8}", (2, 3, 3))),
    "KH": ((r"\d{8}", (2, 3, 3)), (r"\d{9}", (2, 3, 4))),
    "MM": ((r"\d{7,10}", (1, 3, None)),),
    "IN": ((r"[6-9]\d{9}", (5, 5)), (r"\d{10}", (2, 4, 4))),
    "AU": ((r"[45]\d{8}", (3, 3, 3)), (r"\d{9}", (1, 4, 4))),
    "NZ": ((r"2\d{7,9}", (2, 3, None)), (r"\d{8}", (1, 3, 4))),
    "US": ((r"\d{10}", (3, 3, 4)),),
    "CA": ((r"\d{10}", (3, 3, 4)),),
    "GB": (
        (r"7\d{9}", (4, 6)),  # 07700 900123
        (r"2\d{9}", (2, 4, 4)),  # London 020 7946 0958
        (r"1(?:1\d|\d1)\d{7}", (3, 3, 4)),  # 0161 496 0000
        (r"1\d{9}", (4, 6)),
        (r"\d{10}", (3, 3, 4)),
        (r"\d{9}", (4, 5)),
    ),
    "DE": (
        (r"1[5-7]\d{8,9}", (3, None)),  # 0151 23456789
        (r"(?:30|40|69|89)\d{5,9}", (2, None)),  # Berlin 030 12345678
        (r"\d{6,11}", (3, None)),
    ),
    "FR": ((r"\d{9}", (1, 2, 2, 2, 2)),),  # 06 12 34 56 78
    "NL": (
        (r"6\d{8}", (1, 4, 4)),
        (r"(?:10|20|30|40|70)\d{7}", (2, 3, 4)),  # Amsterdam 020 123 4567
        (r"\d{9}", (3, 3, 3)),
    ),
    "IT": (
        (r"3\d{8,9}", (3, 3, None)),  # 312 345 6789
        (r"0[26]\d{4,8}", (2, None)),  # Rome 06 12345678
        (r"0\d{5,10}", (3, None)),
    ),
    "SE": ((r"7\d{8}", (2, 3, 2, 2)), (r"8\d{5,8}", (1, None)), (r"\d{7,9}", (2, None))),
    "CH": ((r"\d{9}", (2, 3, 2, 2)),),
    "IL": ((r"5\d{8}", (2, 3, 4)), (r"\d{8}", (1, 3, 4))),
    "AE": ((r"5\d{8}", (2, 3, 4)), (r"\d{8}", (1, 3, 4))),
    "RU": ((r"\d{10}", (3, 3, 2, 2)),),
}

# The United States and Canada share +1 and group alike; the first country listed
# with a code stands for it.
_COUNTRY_OF_CALLING_CODE = {
    numbering.calling_code: country for country, numbering in reversed(NATIONAL_NUMBERING.items())
}


def _national_phone(digits: str, country: str, numbering: Numbering) -> str:
    """A number typed as dialled at home in `country`, in E.164; its trunk prefix is
    dropped when what follows has a national number's length."""
    if digits.isascii() and digits.isdigit():
        fits = range(numbering.shortest, numbering.longest + 1)
        prefix = numbering.trunk_prefix
        if prefix and digits.startswith(prefix) and len(digits) - len(prefix) in fits:
            return f"+{numbering.calling_code}{digits[len(prefix) :]}"
        if len(digits) in fits:
            return f"+{numbering.calling_code}{digits}"
    raise ValidationError(
        _(
            "Số điện thoại không hợp lệ. Nhập số tại %(country)s như khi gọi trong nước, "
            "hoặc số quốc tế bắt đầu bằng + và mã quốc gia."
        ),
        code="phone_national",
        params={"country": country_name(country)},
    )


def normalize_phone(value: str, *, international: bool = True, country: str = "") -> str:
    """A phone number in E.164 ("+84912345678"), or ValidationError.

    Vietnamese numbers: mobiles 0 + 9 digits, landlines such as 024 + 8 digits, or
    +84…, also typed without its "+" ("84 912 345 678") when a Vietnamese number of
    the right length follows the 84; with `international`, any +country number of 8
    to 15 digits (+81, +82 …). With `country` (the visitor's, ISO 3166 "KR") other than
    Vietnam, a number without "+" is that country's, as dialled at home; a country
    missing from NATIONAL_NUMBERING is read as if none were given.
    """
    raw = _PHONE_CHARS.sub("", unicodedata.normalize("NFKC", value or ""))
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    numbering = NATIONAL_NUMBERING.get(country or "")
    if international and numbering is not None and not raw.startswith("+"):
        return _national_phone(raw, country, numbering)
    if _VIETNAMESE_WITHOUT_PLUS.fullmatch(raw):
        raw = "+" + raw
    if raw.startswith("+84"):
        national = raw[3:]
        if national.startswith("0"):
            national = national[1:]
        raw = "0" + national
    if raw.startswith("0"):
        national = raw[1:]
        if re.fullmatch(r"[35789][0-9]{8}", national) or re.fullmatch(r"2[0-9]{9}", national):
            return "+84" + national
        if international:
            # A visitor from abroad types their own national number ("010-1234-5678"
            # in Korea, "090-…" in Japan): it starts with 0 too, so say how to write it.
            raise ValidationError(
                _(
                    "Số điện thoại Việt Nam không hợp lệ: di động gồm 0 và 9 chữ số, "
                    "máy bàn như 024 và 8 chữ số. Số nước ngoài: thêm + và mã quốc gia, "
                    "bỏ số 0 đầu (ví dụ +82 10 1234 5678)."
                ),
                code="phone_vn",
            )
        raise ValidationError(
            _(
                "Số điện thoại Việt Nam không hợp lệ: di động gồm 0 và 9 chữ số, "
                "máy bàn như 024 và 8 chữ số."
            ),
            code="phone_vn",
        )
    if international and re.fullmatch(r"\+[1-9][0-9]{7,14}", raw):
        return raw
    raise ValidationError(
        _(
            "Số điện thoại không hợp lệ. Nhập số Việt Nam (09…, 024…) hoặc số quốc tế bắt đầu bằng +."
        ),
        code="phone_format",
    )


def validate_country_code(value: str) -> None:
    """A country ISO 3166-1 assigns, as its two capital letters ("VN", "JP")."""
    if not re.fullmatch(r"[A-Z]{2}", value or "", re.ASCII):
        raise ValidationError(
            _("Nhập mã quốc gia hai chữ cái theo ISO 3166 (ví dụ VN, JP)."), code="invalid"
        )
    if value not in ISO_CODES:
        raise ValidationError(
            _("ISO 3166 không có quốc gia mang mã “%(code)s” (Nhật Bản là JP, Anh là GB)."),
            code="unknown_country",
            params={"code": value},
        )
