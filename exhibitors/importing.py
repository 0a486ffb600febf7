"""Import exhibitors with their products from an XLSX or CSV file.

The layout is the exhibitors' export: one row per product, the company's columns
repeated on each of its rows (a company without products takes one row with the
product columns empty). The first row holds the column keys of `COLUMNS`; only
`slug` and `name_vi` are required, and a column left out of the file leaves that
field untouched. Text is read as NFC (see `fairportal.text.nfc`), whatever the
tool that wrote the file.

A company is matched by its tax code, else by its slug; a product by its company
and Vietnamese name. `plan_import()` reads and checks every row and writes
nothing; `apply_import()` writes only when no row has an error, in one
transaction, and only what differs, so importing the same file twice changes
nothing the second time. Logos and product images are not imported.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Exhibitor, ExhibitorSlug, IndustrialZone, Product, Sector
from exhibitors.validators import normalize_phone, normalize_tax_code, validate_tax_code
from fairportal.audit import record as audit_record
from fairportal.countries import ISO_CODES
from fairportal.exports import export_phone
from fairportal.text import fold, nfc

MAX_ROWS = 5000

EXHIBITOR_COLUMNS = [
    ("slug", _("Đường dẫn của doanh nghiệp (chữ thường không dấu, nối bằng “-”), bắt buộc.")),
    ("tax_code", _("Mã số thuế: 10 chữ số, hoặc 10 chữ số-3 chữ số cho chi nhánh.")),
    ("name_vi", _("Tên giao dịch tiếng Việt, bắt buộc.")),
    ("name_en", _("Tên giao dịch tiếng Anh.")),
    ("legal_name", _("Tên pháp lý (tên trên giấy đăng ký kinh doanh).")),
    ("zone", _("Khu công nghiệp: đường dẫn hoặc tên; để trống nếu ngoài KCN.")),
    ("sectors", _("Các ngành: đường dẫn hoặc tên, cách nhau bằng dấu “;”.")),
    ("origin_country", _("Mã quốc gia của nhà đầu tư, hai chữ cái (VN, JP, KR…); trống là VN.")),
    ("website", _("Trang web, bắt đầu bằng https://")),
    ("email", _("E-mail liên hệ.")),
    ("phone", _("Điện thoại: 09…, 024… hoặc +81…")),
    ("address_vi", _("Địa chỉ tiếng Việt.")),
    ("address_en", _("Địa chỉ tiếng Anh.")),
    ("description_vi", _("Giới thiệu tiếng Việt.")),
    ("description_en", _("Giới thiệu tiếng Anh.")),
    ("is_published", _("Công khai: 1 (có) hoặc 0 (không); trống là có.")),
]
PRODUCT_COLUMNS = [
    ("product_name_vi", _("Tên sản phẩm tiếng Việt; để trống nếu dòng không có sản phẩm.")),
    ("product_name_en", _("Tên sản phẩm tiếng Anh.")),
    ("product_description_vi", _("Mô tả sản phẩm tiếng Việt.")),
    ("product_description_en", _("Mô tả sản phẩm tiếng Anh.")),
    ("product_sector", _("Ngành của sản phẩm: đường dẫn hoặc tên.")),
    ("product_is_published", _("Sản phẩm công khai: 1 hoặc 0; trống là có.")),
]
COLUMNS = EXHIBITOR_COLUMNS + PRODUCT_COLUMNS
COLUMN_KEYS = [key for key, _help in COLUMNS]
REQUIRED_COLUMNS = ("slug", "name_vi")

# Plain text fields copied as they are.
_TEXT_FIELDS = (
    "name_vi",
    "name_en",
    "legal_name",
    "address_vi",
    "address_en",
    "description_vi",
    "description_en",
)
_PRODUCT_TEXT = {
    "product_name_vi": "name_vi",
    "product_name_en": "name_en",
    "product_description_vi": "description_vi",
    "product_description_en": "description_en",
}
_TRUE = {"1", "co", "yes", "true", "x", "c"}
_FALSE = {"0", "khong", "no", "false", "k"}


class ImportFileError(Exception):
    """The file cannot be read as a table of this layout (a message for the officer)."""


class ImportRejected(Exception):
    """Some row is invalid: nothing was written."""

    def __init__(self, plan):
        super().__init__(gettext("Tệp còn dòng lỗi, chưa ghi gì."))
        self.plan = plan


@dataclass
class RowResult:
    number: int
    values: dict
    errors: list = field(default_factory=list)
    exhibitor_action: str = ""
    product_action: str = ""

    @property
    def label(self):
        return self.values.get("name_vi") or self.values.get("slug") or ""


@dataclass
class ExhibitorPlan:
    slug: str
    values: dict
    first_row: int
    first_record: dict
    existing: Exhibitor | None = None
    zone: IndustrialZone | None = None
    sectors: list | None = None
    changes: dict = field(default_factory=dict)
    sectors_change: bool = False
    products: list = field(default_factory=list)


@dataclass
class ImportPlan:
    columns: list
    rows: list
    exhibitors: dict

    @property
    def has_errors(self) -> bool:
        return any(row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def created_count(self) -> int:
        return self.count("create")

    @property
    def updated_count(self) -> int:
        return self.count("update")

    @property
    def unchanged_count(self) -> int:
        return self.count("unchanged")

    def count(self, action: str) -> int:
        return sum(1 for plan in self.exhibitors.values() if _exhibitor_action(plan) == action)


# --- reading -----------------------------------------------------------------


# A CSV may come as .csv, .tsv or .txt (or with no extension); anything else is refused.
TEXT_EXTENSIONS = (".csv", ".tsv", ".txt")


def read_records(upload) -> list[dict]:
    """The file's rows as {column: text, "_row": row number}; empty rows dropped."""
    data = upload.read()
    name = (getattr(upload, "name", "") or "").lower()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode Text" and "CSV UTF-16": the same table in UTF-16, with a BOM.
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as error:
            raise ImportFileError(gettext("Không đọc được tệp văn bản UTF-16 này.")) from error
    if data.startswith(b"PK\x03\x04") or name.endswith(".xlsx"):
        table = _xlsx_table(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0") or name.endswith(".xls"):
        raise ImportFileError(
            gettext("Đây là tệp Excel đời cũ (XLS): hãy lưu lại thành XLSX hoặc CSV UTF-8.")
        )
    elif b"\x00" in data[:4096] or (
        "." in name and not name.endswith(TEXT_EXTENSIONS)
    ):  # an image, a PDF, a document: not a table the import can read
        raise ImportFileError(gettext("Chỉ nhận tệp Excel (XLSX) hoặc CSV."))
    else:
        table = _csv_table(data)
    if not table:
        raise ImportFileError(gettext("Tệp trống."))
    headers = [str(cell or "").strip().lower() for cell in table[0]]
    unknown = [header for header in headers if header and header not in COLUMN_KEYS]
    if unknown:
        raise ImportFileError(
            gettext("Tệp có cột không nhận ra: %(columns)s. Hãy dùng tệp mẫu.")
            % {"columns": ", ".join(unknown)}
        )
    repeated = sorted({header for header in headers if header and headers.count(header) > 1})
    if repeated:
        raise ImportFileError(
            gettext("Tệp có cột lặp lại: %(columns)s. Mỗi cột chỉ được có một lần.")
            % {"columns": ", ".join(repeated)}
        )
    missing = [key for key in REQUIRED_COLUMNS if key not in headers]
    if missing:
        raise ImportFileError(
            gettext("Tệp thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    records = []
    for number, cells in enumerate(table[1:], start=2):
        values = {
            header: _cell(cells[index] if index < len(cells) else None, header)
            for index, header in enumerate(headers)
            if header
        }
        if any(values.values()):
            records.append({"_row": number, **values})
    if not records:
        raise ImportFileError(gettext("Tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào."))
    if len(records) > MAX_ROWS:
        raise ImportFileError(
            gettext("Tệp quá dài: tối đa %(max)s dòng mỗi lần.") % {"max": MAX_ROWS}
        )
    return records


def _cell(value, column: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and column in _NUMBER_CELLS:
        return _NUMBER_CELLS[column](str(value))
    text = nfc(str(value).strip())
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]  # the export's guard against formulas
    return text


# A tax code or a phone typed into an Excel cell of the "General" or "Number" format is
# kept as a number, and a number has no leading zero: "0172656813" arrives as
# 172656813, "0912 345 678" as 912345678, "+84 912…" as 84912…. Such a cell is given
# its zero back where the digits say what was typed: a tax code of 9 digits (10 with
# the zero; the check digit then says whether it is one) or 12 (a branch's 13 without
# its dash), a Vietnamese mobile or landline without its 0, a number that started
# +84. A text cell keeps what was typed: 9 digits there are refused, with a word on
# Excel (see `_exhibitor_values`).
_PHONE_WITHOUT_ZERO = re.compile(r"[35789][0-9]{8}|2[0-9]{9}")
_PHONE_WITHOUT_PLUS = re.compile(r"84(?:[35789][0-9]{8}|2[0-9]{9})")


def _tax_code_from_number(digits: str) -> str:
    # 9 digits: a company's code without its zero; 12: a branch's, typed without its
    # dash (the dash would have made the cell text), which `normalize_tax_code` gives.
    return "0" + digits if len(digits) in (9, 12) else digits


def _phone_from_number(digits: str) -> str:
    if _PHONE_WITHOUT_ZERO.fullmatch(digits):
        return "0" + digits
    if _PHONE_WITHOUT_PLUS.fullmatch(digits):
        return "+" + digits
    return digits


_NUMBER_CELLS = {"tax_code": _tax_code_from_number, "phone": _phone_from_number}


def _xlsx_table(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(gettext("Không đọc được tệp Excel (XLSX).")) from error
    sheet = workbook.worksheets[0]
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return table


def _csv_table(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            gettext("Tệp CSV phải lưu bằng mã UTF-8 (Excel: “CSV UTF-8”).")
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    table = []
    while True:
        line = reader.line_num + 1  # where the next record starts in the file
        try:
            row = next(reader)
        except StopIteration:
            return table
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                # A quote opened and never closed swallows the rest of the file.
                message = gettext(
                    'Tệp CSV hỏng từ dòng %(line)s: một ô mở dấu ngoặc kép (") mà không '
                    "đóng. Hãy sửa ô đó hoặc lưu lại tệp từ Excel."
                )
            elif "expected after" in str(error):
                message = gettext(
                    'Tệp CSV có dấu ngoặc kép (") đặt sai ở dòng %(line)s: trong một ô có '
                    'ngoặc kép, dấu ngoặc kép phải viết đôi (""). Hãy sửa ô đó hoặc lưu '
                    "lại tệp từ Excel."
                )
            else:  # a NUL byte, a cell beyond the reader's limit: not a text table
                message = gettext(
                    "Không đọc được tệp CSV từ dòng %(line)s: tệp có vẻ không phải bảng "
                    "chữ. Hãy lưu lại tệp từ Excel dưới dạng “CSV UTF-8”."
                )
            raise ImportFileError(message % {"line": line}) from error
        table.append(row)


# --- checking ----------------------------------------------------------------


class _Lookup:
    """Zones and sectors found by slug or by (folded) name."""

    def __init__(self, queryset):
        self.by_key = {}
        for item in queryset:
            for key in (item.slug, fold(item.name_vi), fold(item.name_en)):
                if key:
                    self.by_key.setdefault(key, item)

    def get(self, text):
        return self.by_key.get(text) or self.by_key.get(fold(text))


def _flag(text: str, default: bool = True):
    if not text:
        return default
    folded = fold(text)
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    return None


def plan_import(records: list[dict]) -> ImportPlan:
    """Check every row against the file and the database; write nothing."""
    columns = [key for key in COLUMN_KEYS if any(key in record for record in records[:1])]
    zones = _Lookup(IndustrialZone.objects.all())
    sectors = _Lookup(Sector.objects.all())
    slugs = {record.get("slug", "") for record in records}
    tax_codes = {normalize_tax_code(record.get("tax_code", "")) for record in records} - {""}
    existing = list(
        Exhibitor.objects.filter(slug__in=slugs).prefetch_related("sectors")
        | Exhibitor.objects.filter(tax_code__in=tax_codes).prefetch_related("sectors")
    )
    by_slug = {exhibitor.slug: exhibitor for exhibitor in existing}
    by_tax = {exhibitor.tax_code: exhibitor for exhibitor in existing if exhibitor.tax_code}
    old_slugs = dict(
        ExhibitorSlug.objects.filter(slug__in=slugs).values_list("slug", "exhibitor_id")
    )
    products = {}
    for product in Product.objects.filter(exhibitor__in=existing).select_related("sector"):
        products.setdefault((product.exhibitor_id, fold(product.name_vi)), product)

    rows, plans, slug_of_tax = [], {}, {}
    for record in records:
        row = RowResult(number=record["_row"], values=record)
        rows.append(row)
        slug = record.get("slug", "")
        values = _exhibitor_values(record, row, zones, sectors)
        if not slug:
            row.errors.append(gettext("Thiếu đường dẫn (slug)."))
            continue
        plan = plans.get(slug)
        if plan is None:
            plan = plans[slug] = ExhibitorPlan(
                slug=slug, values=values, first_row=row.number, first_record=record
            )
            _match(plan, row, by_slug, by_tax, old_slugs, slug_of_tax)
            phone_error = values.pop("_phone_error", None)
            if phone_error and not (plan.existing and plan.existing.phone == values["phone"]):
                row.errors.append(phone_error)
        else:
            phone_error = values.pop("_phone_error", None)
            if phone_error and record.get("phone") != plan.first_record.get("phone"):
                row.errors.append(phone_error)
            for key, _help in EXHIBITOR_COLUMNS:
                if record.get(key) and record.get(key) != plan.first_record.get(key):
                    row.errors.append(
                        gettext("Cột %(column)s khác với dòng %(row)s của cùng doanh nghiệp.")
                        % {"column": key, "row": plan.first_row}
                    )
        _plan_product(plan, record, row, sectors, products)

    for plan in plans.values():
        _diff(plan)
    for row in rows:
        plan = plans.get(row.values.get("slug", ""))
        if plan is not None:
            row.exhibitor_action = _exhibitor_action(plan)
    return ImportPlan(columns=columns, rows=rows, exhibitors=plans)


def _check_lengths(record, row, model, columns) -> None:
    """A row error for each value longer than its column holds: saved as it is, it would
    fail on PostgreSQL and leave SQLite a record the admin refuses to save again."""
    for column, field_name in columns:
        limit = model._meta.get_field(field_name).max_length
        value = record.get(column) or ""
        if limit and len(value) > limit:
            row.errors.append(
                gettext("Cột %(column)s dài %(length)s ký tự; tối đa %(limit)s.")
                % {"column": column, "length": len(value), "limit": limit}
            )


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _exhibitor_values(record, row, zones, sectors) -> dict:
    values = {}
    _check_lengths(
        record,
        row,
        Exhibitor,
        # (The tax code is checked after its spaces are taken out, below.)
        [(key, key) for key in ("slug", *_TEXT_FIELDS, "website", "email")],
    )
    slug = record.get("slug", "")
    if slug:
        # New slugs follow the rule; one the admin already gave a company is kept.
        if not _SLUG.fullmatch(slug) and not Exhibitor.objects.filter(slug=slug).exists():
            row.errors.append(
                gettext("Đường dẫn “%(slug)s” chỉ gồm chữ thường không dấu, số và “-”.")
                % {"slug": slug}
            )
    if "name_vi" in record and not record["name_vi"]:
        row.errors.append(gettext("Thiếu tên tiếng Việt (name_vi)."))
    for key in _TEXT_FIELDS:
        if key in record:
            values[key] = record[key]
    if "tax_code" in record:
        tax_code = normalize_tax_code(record["tax_code"])
        if tax_code:
            try:
                validate_tax_code(tax_code)
            except ValidationError as error:
                if len(tax_code) == 9 and tax_code.isdigit():
                    message = gettext(
                        "Mã số thuế %(code)s chỉ có 9 chữ số: có lẽ Excel đã bỏ số 0 ở đầu. "
                        "Hãy định dạng cột tax_code là Text (Văn bản), gõ lại số 0 rồi lưu "
                        "lại tệp."
                    )
                else:
                    message = gettext("Mã số thuế %(code)s: %(error)s")
                row.errors.append(message % {"code": tax_code, "error": " ".join(error.messages)})
        values["tax_code"] = tax_code
    if "zone" in record:
        zone = None
        if record["zone"]:
            zone = zones.get(record["zone"])
            if zone is None:
                row.errors.append(
                    gettext("Không có khu công nghiệp “%(zone)s”.") % {"zone": record["zone"]}
                )
        values["zone_obj"] = zone
    if "sectors" in record:
        found = []
        for name in [part.strip() for part in record["sectors"].split(";") if part.strip()]:
            sector = sectors.get(name)
            if sector is None:
                row.errors.append(gettext("Không có ngành “%(sector)s”.") % {"sector": name})
            else:
                found.append(sector)
        values["sectors_list"] = found
    if "origin_country" in record:
        country = (record["origin_country"] or "VN").upper()
        if len(country) != 2 or not country.isascii() or not country.isalpha():
            row.errors.append(
                gettext("Mã quốc gia “%(code)s” phải gồm hai chữ cái (VN, JP…).")
                % {"code": record["origin_country"]}
            )
        elif country not in ISO_CODES:
            row.errors.append(
                gettext(
                    "ISO 3166 không có quốc gia mang mã “%(code)s” (Nhật Bản là JP, Anh là GB)."
                )
                % {"code": record["origin_country"]}
            )
        values["origin_country"] = country
    if "website" in record:
        if record["website"]:
            try:
                URLValidator(schemes=["http", "https"])(record["website"])
            except ValidationError:
                row.errors.append(
                    gettext("Trang web “%(url)s” không hợp lệ.") % {"url": record["website"]}
                )
        values["website"] = record["website"]
    if "email" in record:
        email = record["email"].lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row.errors.append(
                    gettext("E-mail “%(email)s” không hợp lệ.") % {"email": record["email"]}
                )
        values["email"] = email
    if "phone" in record:
        phone = record["phone"]
        if phone:
            try:
                phone = normalize_phone(phone)
            except ValidationError as error:
                # An error unless it is the number already stored (kept as it was).
                values["_phone_error"] = " ".join(error.messages)
                if _PHONE_WITHOUT_ZERO.fullmatch(phone):
                    values["_phone_error"] = gettext(
                        "Số điện thoại %(phone)s thiếu số 0 ở đầu: có lẽ Excel đã bỏ đi. Hãy "
                        "định dạng cột phone là Text (Văn bản), gõ lại số 0 rồi lưu lại tệp."
                    ) % {"phone": phone}
        values["phone"] = phone
    if "is_published" in record:
        flag = _flag(record["is_published"])
        if flag is None:
            row.errors.append(gettext("Cột is_published chỉ nhận 1 hoặc 0."))
        values["is_published"] = bool(flag) if flag is not None else True
    return values


def _match(plan, row, by_slug, by_tax, old_slugs, slug_of_tax):
    tax_code = plan.values.get("tax_code", "")
    if tax_code:
        if tax_code in slug_of_tax and slug_of_tax[tax_code] != plan.slug:
            row.errors.append(
                gettext("Mã số thuế %(code)s trùng với doanh nghiệp “%(slug)s” trong tệp.")
                % {"code": tax_code, "slug": slug_of_tax[tax_code]}
            )
        slug_of_tax.setdefault(tax_code, plan.slug)
    by_code = by_tax.get(tax_code) if tax_code else None
    holder = by_slug.get(plan.slug)
    if by_code is not None:
        plan.existing = by_code
        if holder is not None and holder.pk != by_code.pk:
            row.errors.append(
                gettext("Đường dẫn trùng: “%(slug)s” đã thuộc về doanh nghiệp “%(name)s”.")
                % {"slug": plan.slug, "name": holder.name_vi}
            )
    elif holder is not None:
        plan.existing = holder
        if tax_code and holder.tax_code and holder.tax_code != tax_code:
            row.errors.append(
                gettext(
                    "Đường dẫn trùng: “%(slug)s” đã thuộc về doanh nghiệp “%(name)s” "
                    "có mã số thuế khác (%(code)s)."
                )
                % {"slug": plan.slug, "name": holder.name_vi, "code": holder.tax_code}
            )
    owner = old_slugs.get(plan.slug)
    if owner is not None and (plan.existing is None or plan.existing.pk != owner):
        row.errors.append(
            gettext("Đường dẫn trùng: “%(slug)s” là đường dẫn cũ của doanh nghiệp khác.")
            % {"slug": plan.slug}
        )


def _plan_product(plan, record, row, sectors, existing_products):
    product_values = {
        target: record[source] for source, target in _PRODUCT_TEXT.items() if source in record
    }
    has_product = any(record.get(column) for column, _help in PRODUCT_COLUMNS)
    if not has_product:
        return
    _check_lengths(record, row, Product, list(_PRODUCT_TEXT.items()))
    name = record.get("product_name_vi", "")
    if not name:
        row.errors.append(gettext("Thiếu tên sản phẩm tiếng Việt (product_name_vi)."))
        return
    if "product_sector" in record:
        sector = None
        if record["product_sector"]:
            sector = sectors.get(record["product_sector"])
            if sector is None:
                row.errors.append(
                    gettext("Không có ngành “%(sector)s”.") % {"sector": record["product_sector"]}
                )
        product_values["sector"] = sector
    if "product_is_published" in record:
        flag = _flag(record["product_is_published"])
        if flag is None:
            row.errors.append(gettext("Cột product_is_published chỉ nhận 1 hoặc 0."))
        product_values["is_published"] = bool(flag) if flag is not None else True
    key = fold(name)
    if any(fold(item["values"]["name_vi"]) == key for item in plan.products):
        row.errors.append(
            gettext("Sản phẩm “%(name)s” lặp lại trong tệp cho cùng doanh nghiệp.") % {"name": name}
        )
        return
    existing = existing_products.get((plan.existing.pk, key)) if plan.existing else None
    changes = {}
    for attr, value in product_values.items():
        current = getattr(existing, attr) if existing else None
        if existing is None or (current or "") != (value or ""):
            changes[attr] = value
    row.product_action = "create" if existing is None else ("update" if changes else "unchanged")
    plan.products.append({"row": row.number, "values": product_values, "existing": existing})


def _diff(plan):
    existing = plan.existing
    for key, value in plan.values.items():
        if key == "zone_obj":
            plan.zone = value
            if existing is None or existing.zone_id != (value.pk if value else None):
                plan.changes["zone"] = value
        elif key == "sectors_list":
            plan.sectors = value
            current = {sector.pk for sector in existing.sectors.all()} if existing else set()
            if current != {sector.pk for sector in value}:
                plan.sectors_change = True
        elif existing is None or (getattr(existing, key) or "") != (value or ""):
            if existing is None and not value and key != "is_published":
                continue
            plan.changes[key] = value
    if existing is not None and existing.slug != plan.slug:
        plan.changes["slug"] = plan.slug


def _exhibitor_action(plan) -> str:
    if plan.existing is None:
        return "create"
    if plan.changes or plan.sectors_change or any(_product_changes(item) for item in plan.products):
        return "update"
    return "unchanged"


def _product_changes(item) -> dict:
    existing = item["existing"]
    return {
        attr: value
        for attr, value in item["values"].items()
        if existing is None or (getattr(existing, attr) or "") != (value or "")
    }


# --- writing -----------------------------------------------------------------


def apply_import(records: list[dict], *, actor) -> ImportPlan:
    """Write the file's exhibitors and products, all or nothing.

    Side effects: creates or updates exhibitors (keeping a renamed slug as an old
    slug), their sectors and products; records `exhibitor.imported` for each
    company created or changed. Raises ImportRejected, writing nothing, when any
    row has an error (checked again inside the transaction).
    """
    with transaction.atomic():
        plan = plan_import(records)
        if plan.has_errors:
            raise ImportRejected(plan)
        for exhibitor_plan in plan.exhibitors.values():
            _write_exhibitor(exhibitor_plan, actor=actor)
    return plan


def _write_exhibitor(plan, *, actor):
    exhibitor = plan.existing
    created = exhibitor is None
    changes = {}
    if created:
        exhibitor = Exhibitor(slug=plan.slug)
    old_slug = exhibitor.slug if not created else ""
    for key, value in plan.changes.items():
        before = getattr(exhibitor, key) if not created else None
        setattr(exhibitor, key, value)
        changes[key] = {"from": _plain(before), "to": _plain(value)}
    if plan.changes or created:
        exhibitor.save()
    if old_slug and old_slug != exhibitor.slug:
        ExhibitorSlug.objects.get_or_create(slug=old_slug, defaults={"exhibitor": exhibitor})
    if plan.sectors_change:
        changes["sectors"] = {"to": [sector.slug for sector in plan.sectors]}
        exhibitor.sectors.set(plan.sectors)
    for item in plan.products:
        product_changes = _product_changes(item)
        if not product_changes:
            continue
        product = item["existing"] or Product(exhibitor=exhibitor)
        for attr, value in product_changes.items():
            setattr(product, attr, value)
        product.save()
        changes.setdefault("products", []).append(product.name_vi)
    if changes or created:
        exhibitor.refresh_search_text()
        audit_record(
            action="exhibitor.imported",
            obj=exhibitor,
            actor=actor,
            changes={"created": created, **changes},
        )


def _plain(value):
    if value is None or isinstance(value, (str, bool, int)):
        return value
    return str(value)


def template_rows() -> tuple[list[str], list[list]]:
    """Headers of the layout and no rows: the downloadable template."""
    return list(COLUMN_KEYS), []


def export_rows(queryset) -> tuple[list[str], list[list]]:
    """The selected exhibitors in the import layout, one row per product."""
    headers = list(COLUMN_KEYS)
    rows = []
    queryset = queryset.select_related("zone").prefetch_related("sectors", "products__sector")
    for exhibitor in queryset:
        base = [
            exhibitor.slug,
            exhibitor.tax_code,
            exhibitor.name_vi or "",
            exhibitor.name_en or "",
            exhibitor.legal_name,
            exhibitor.zone.slug if exhibitor.zone_id else "",
            "; ".join(sector.slug for sector in exhibitor.sectors.all()),
            exhibitor.origin_country,
            exhibitor.website,
            exhibitor.email,
            export_phone(exhibitor.phone),
            exhibitor.address_vi or "",
            exhibitor.address_en or "",
            exhibitor.description_vi or "",
            exhibitor.description_en or "",
            "1" if exhibitor.is_published else "0",
        ]
        products = list(exhibitor.products.all())
        if not products:
            rows.append(base + [""] * len(PRODUCT_COLUMNS))
        for product in products:
            rows.append(
                base
                + [
                    product.name_vi or "",
                    product.name_en or "",
                    product.description_vi or "",
                    product.description_en or "",
                    product.sector.slug if product.sector_id else "",
                    "1" if product.is_published else "0",
                ]
            )
    return headers, rows
