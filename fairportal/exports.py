"""Export the selected rows of any admin list as CSV (UTF-8 with BOM) or Excel (XLSX).

The columns are, in order of preference: the ModelAdmin's `get_export_table(request,
queryset)` (a whole layout, as the exhibitors' import layout), its `export_fields`
(names as in `list_display`), or the list's own columns.
"""

import csv
import datetime
import decimal
import html
import io
import re

from django.contrib import admin
from django.contrib.admin.utils import label_for_field, lookup_field
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exhibitors.validators import format_phone, normalize_phone

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell starting with one of these is a formula for Excel: CSV cells get a leading
# apostrophe (stripped again on import), XLSX cells are written as plain strings.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def cell_text(value):
    """A cell's value: numbers stay numbers, everything else becomes readable text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("có") if value else gettext("không")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.Manager):
        return "; ".join(str(item) for item in value.all())
    if isinstance(value, SafeData):
        # An admin column's HTML (a link, a list): its text, with entities read back, so
        # "O'Hara & Co <a@b.vn>" is not exported as "O&#x27;Hara &amp; Co &lt;a@b.vn&gt;".
        return html.unescape(strip_tags(str(value))).replace("\xa0", " ").strip()
    return str(value).strip()


def export_phone(value: str) -> str:
    """A stored phone (E.164) as every exported list writes it: grouped as dialled from
    Vietnam ("0936 118 520", "024 3881 1234"; a foreign one with its calling code, "+81
    3 1234 5678"). The spaces keep it text in Excel, which would otherwise drop the
    leading 0 or read "+84936118520" as the number 8.49E+10. A number stored before
    numbers were checked, which the grouping would not read back as itself, is written
    as stored: the import then keeps it."""
    value = value or ""
    written = format_phone(value)
    try:
        reads_back = normalize_phone(written) == value
    except ValidationError:
        reads_back = False
    return written if reads_back else value


def _is_phone(field) -> bool:
    # The phones the portal stores in E.164: "phone", "zalo" and "requester_phone"…
    return isinstance(field, models.CharField) and field.name.rsplit("_", 1)[-1] in (
        "phone",
        "zalo",
    )


def _field_value(name, obj, model_admin):
    field, attr, value = lookup_field(name, obj, model_admin)
    if field is not None:
        if _is_phone(field):
            return export_phone(value)
        if field.flatchoices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(field, models.ManyToManyField):
            return "; ".join(str(item) for item in getattr(obj, field.name).all())
    return value


def export_table(model_admin, request, queryset):
    """(headers, rows) for the selected objects."""
    if hasattr(model_admin, "get_export_table"):
        return model_admin.get_export_table(request, queryset)
    names = list(getattr(model_admin, "export_fields", None) or ())
    if not names:
        names = [
            name
            for name in model_admin.get_list_display(request)
            if name != "action_checkbox" and not str(name).endswith("thumb")
        ]
    model = queryset.model
    headers = [str(label_for_field(name, model, model_admin)) for name in names]
    # A column with nothing to show writes the admin's "—" on the page; a file gets an
    # empty cell, as for an empty field beside it (a meeting's time and table).
    nothing = str(model_admin.get_empty_value_display())
    rows = [
        [
            _blank_if_nothing(cell_text(_field_value(name, obj, model_admin)), nothing)
            for name in names
        ]
        for obj in queryset
    ]
    return headers, rows


def _blank_if_nothing(value, nothing: str):
    return "" if value == nothing else value


def _file_name(queryset, extension: str) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return f"{slugify(queryset.model._meta.model_name)}-{stamp}.{extension}"


def csv_bytes(headers, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_safe(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def xlsx_bytes(headers, rows, *, title: str = "Sheet1", notes=None) -> bytes:
    """A workbook with one sheet of rows (and an optional second sheet of notes)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers):
        sheet.column_dimensions[_column_letter(index)].width = max(12, min(40, len(header) + 4))
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=_xml_safe(header))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    if notes:
        notes_sheet = workbook.create_sheet(title=_sheet_title(gettext("Hướng dẫn")))
        notes_sheet.column_dimensions["A"].width = 28
        notes_sheet.column_dimensions["B"].width = 90
        for line in notes:
            notes_sheet.append([_xml_safe(str(part)) for part in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, int) and not isinstance(value, bool):
        # Grouped as the sheet's locale groups thousands (12.000.000 in a Vietnamese
        # Excel): a booth price of eight digits is misread by a zero otherwise.
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "#,##0"
        return cell
    if isinstance(value, float):
        return value
    cell = WriteOnlyCell(sheet, value=_xml_safe(str(value)))
    cell.data_type = "s"  # never a formula, whatever the first character
    return cell


def _xml_safe(text: str) -> str:
    return _ILLEGAL_XML.sub("", text)


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", str(title))[:31] or "Sheet1"


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


@admin.action(description=_("Xuất CSV các dòng đã chọn"))
def export_csv(model_admin, request, queryset):
    headers, rows = export_table(model_admin, request, queryset)
    response = HttpResponse(csv_bytes(headers, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(queryset, "csv")}"'
    return response


@admin.action(description=_("Xuất Excel (XLSX) các dòng đã chọn"))
def export_xlsx(model_admin, request, queryset):
    headers, rows = export_table(model_admin, request, queryset)
    content = xlsx_bytes(headers, rows, title=str(queryset.model._meta.verbose_name_plural))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(queryset, "xlsx")}"'
    return response
