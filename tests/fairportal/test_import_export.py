"""Export of any admin list (CSV with BOM, XLSX), the exhibitors' import (preview,
all or nothing, idempotent) and the whole-edition JSON round trip."""

import csv
import datetime
import io
import json
import os
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from booths.models import Booth
from events.models import Fair, FairFigure, SideEvent
from exhibitors.importing import COLUMN_KEYS, apply_import, plan_import, read_records
from exhibitors.models import Exhibitor, ExhibitorSlug, IndustrialZone, Product, Sector
from fairportal.models import AuditEntry
from tests.factories import (
    HANOI,
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_product,
    make_sector,
    make_zone,
    valid_tax_code,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:exhibitors_exhibitor_changelist"
IMPORT = "admin:exhibitors_exhibitor_import"


def _export(client, url_name, action, objects):
    return client.post(
        reverse(url_name),
        {"action": action, "_selected_action": [obj.pk for obj in objects], "index": 0},
    )


def _csv_rows(response):
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx_rows(content):
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def _csv_upload(rows, name="doanh-nghiep.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def _xlsx_upload(rows, name="doanh-nghiep.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _snapshot():
    """Every exhibitor and product field, time stamps included."""
    return (
        list(Exhibitor.objects.order_by("pk").values()),
        list(Product.objects.order_by("pk").values()),
        sorted(Exhibitor.sectors.through.objects.values_list("exhibitor_id", "sector_id")),
    )


@pytest.fixture
def catalogue(db):
    zone = make_zone(slug="kcn-thang-long", name_vi="KCN Thăng Long")
    electronics = make_sector(slug="dien-tu", name_vi="Điện tử", name_en="Electronics")
    food = make_sector(slug="thuc-pham", name_vi="Thực phẩm", name_en="Food")
    return zone, electronics, food


# --- export ---------------------------------------------------------------------


def test_exhibitor_csv_export_keeps_vietnamese_and_one_row_per_product(admin_client, catalogue):
    zone, electronics, _food = catalogue
    canon = make_exhibitor(
        name_vi="Canon Việt Nam",
        slug="canon",
        zone=zone,
        sectors=[electronics],
        phone="+84241234567",
    )
    make_product(exhibitor=canon, name_vi="Máy in phun màu", name_en="Inkjet printer")
    make_product(exhibitor=canon, name_vi="Máy ảnh số", name_en="Digital camera")

    response = _export(admin_client, CHANGELIST, "export_csv", [canon])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="exhibitor-')
    rows = _csv_rows(response)
    assert rows[0] == COLUMN_KEYS
    assert [row[COLUMN_KEYS.index("product_name_vi")] for row in rows[1:]] == [
        "Máy in phun màu",
        "Máy ảnh số",
    ]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["name_vi"] == "Canon Việt Nam"
    assert first["zone"] == "kcn-thang-long"
    assert first["sectors"] == "dien-tu"
    assert first["phone"] == "'+84241234567"  # guarded against Excel formulas


def test_exhibitor_xlsx_export_writes_text_cells(admin_client, catalogue):
    canon = make_exhibitor(name_vi="=Canon Việt Nam", slug="canon", phone="+84241234567")

    response = _export(admin_client, CHANGELIST, "export_xlsx", [canon])

    rows = _xlsx_rows(response.content)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["name_vi"] == "=Canon Việt Nam"
    assert first["phone"] == "+84241234567"
    assert first["product_name_vi"] is None


# Every exported list writes a phone the same way, grouped as dialled from Vietnam: the
# spaces keep it text in Excel (no leading 0 dropped, no "+84…" read as 8.49E+10).
PHONE_LISTS = [
    ("admin:exhibitors_exhibitor_changelist", "phone"),
    ("admin:booths_boothapplication_changelist", "điện thoại"),
    ("admin:events_eventregistration_changelist", "điện thoại"),
    ("admin:events_meetingrequest_changelist", "điện thoại"),
]


def _rows_with_phone(url_name, phone):
    from tests.factories import make_application, make_meeting_request, make_registration

    if url_name == "admin:exhibitors_exhibitor_changelist":
        return [make_exhibitor(slug="canon", phone=phone)]
    if url_name == "admin:booths_boothapplication_changelist":
        return [make_application(phone=phone)]
    if url_name == "admin:events_eventregistration_changelist":
        return [make_registration(make_event(), phone=phone)]
    return [make_meeting_request(requester_country="VN", requester_phone=phone)]


@pytest.mark.parametrize(("url_name", "header"), PHONE_LISTS)
def test_every_list_exports_a_phone_grouped_in_csv_and_xlsx(admin_client, url_name, header):
    rows = _rows_with_phone(url_name, "+84936118520")

    in_csv = _csv_rows(_export(admin_client, url_name, "export_csv", rows))
    in_xlsx = _xlsx_rows(_export(admin_client, url_name, "export_xlsx", rows).content)

    assert in_csv[1][in_csv[0].index(header)] == "0936 118 520"
    assert in_xlsx[1][list(in_xlsx[0]).index(header)] == "0936 118 520"


@pytest.mark.parametrize(("url_name", "header"), PHONE_LISTS)
def test_every_list_exports_a_landline_grouped_by_its_area_code(admin_client, url_name, header):
    rows = _rows_with_phone(url_name, "+842438812075")

    in_csv = _csv_rows(_export(admin_client, url_name, "export_csv", rows))

    assert in_csv[1][in_csv[0].index(header)] == "024 3881 2075"


def test_meeting_export_writes_a_phone_from_abroad_with_its_calling_code(admin_client):
    from tests.factories import make_meeting_request

    meeting = make_meeting_request(requester_country="JP", requester_phone="+81312345678")
    url_name = "admin:events_meetingrequest_changelist"

    in_csv = _csv_rows(_export(admin_client, url_name, "export_csv", [meeting]))
    in_xlsx = _xlsx_rows(_export(admin_client, url_name, "export_xlsx", [meeting]).content)

    # A cell starting with "+" is a formula for Excel: the CSV keeps its guard.
    assert in_csv[1][in_csv[0].index("điện thoại")] == "'+81 3 1234 5678"
    assert in_xlsx[1][list(in_xlsx[0]).index("điện thoại")] == "+81 3 1234 5678"


def test_meeting_export_leaves_every_empty_cell_blank(admin_client):
    from tests.factories import make_meeting_request

    pending = make_meeting_request()  # no time agreed, no table
    url_name = "admin:events_meetingrequest_changelist"

    in_csv = _csv_rows(_export(admin_client, url_name, "export_csv", [pending]))
    in_xlsx = _xlsx_rows(_export(admin_client, url_name, "export_xlsx", [pending]).content)

    row = dict(zip(in_csv[0], in_csv[1], strict=True))
    assert (row["giờ gặp đã chốt"], row["số bàn"]) == ("", "")
    sheet_row = dict(zip(in_xlsx[0], in_xlsx[1], strict=True))
    assert (sheet_row["giờ gặp đã chốt"], sheet_row["số bàn"]) == (None, None)


def test_exhibitor_csv_export_of_a_grouped_phone_imports_back_unchanged(admin_client, catalogue):
    make_exhibitor(slug="canon", phone="+842438812075")
    exported = _export(admin_client, CHANGELIST, "export_csv", Exhibitor.objects.all())
    before = _snapshot()

    records = read_records(SimpleUploadedFile("x.csv", exported.content))
    plan = plan_import(records)
    apply_import(records, actor=None)

    assert not plan.has_errors
    assert plan.unchanged_count == 1
    assert _snapshot() == before


def test_booth_xlsx_export_shows_prices_with_thousands_grouped(admin_client):
    booth = make_booth(code="A01", price_vnd=12_000_000)

    response = _export(admin_client, "admin:booths_booth_changelist", "export_xlsx", [booth])

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    price = sheet.cell(row=2, column=headers.index("giá (VND)") + 1)
    assert (price.value, price.number_format) == (12_000_000, "#,##0")


def test_product_export_uses_its_export_fields(admin_client):
    canon = make_exhibitor(name_vi="Canon Việt Nam")
    product = make_product(exhibitor=canon, name_vi="Máy in phun màu", is_published=False)

    csv_response = _export(
        admin_client, "admin:exhibitors_product_changelist", "export_csv", [product]
    )
    xlsx_response = _export(
        admin_client, "admin:exhibitors_product_changelist", "export_xlsx", [product]
    )

    rows = _csv_rows(csv_response)
    assert rows[1][:3] == ["Canon Việt Nam", "Máy in phun màu", product.name_en]
    assert rows[1][6] == "không"
    assert _xlsx_rows(xlsx_response.content)[1][:2] == ("Canon Việt Nam", "Máy in phun màu") or (
        _xlsx_rows(xlsx_response.content)[1][:2] == ["Canon Việt Nam", "Máy in phun màu"]
    )


def test_export_of_a_list_without_export_fields_uses_its_columns(admin_client):
    zone = make_zone(name_vi="KCN Nội Bài", slug="kcn-noi-bai", district="Sóc Sơn")

    response = _export(
        admin_client, "admin:exhibitors_industrialzone_changelist", "export_csv", [zone]
    )

    rows = _csv_rows(response)
    assert rows[1][:3] == ["KCN Nội Bài", "kcn-noi-bai", "Sóc Sơn"]


def test_audit_log_export_has_the_text_people_typed(admin_client):
    from fairportal.audit import record
    from fairportal.models import AuditEntry

    exhibitor = make_exhibitor(name_vi="Jane O'Hara & Co <jane@example.vn>")
    record(action="booth.assigned", obj=exhibitor, actor_label="khach@example.vn")

    response = _export(
        admin_client,
        "admin:fairportal_auditentry_changelist",
        "export_csv",
        AuditEntry.objects.all(),
    )

    text = "\n".join(",".join(row) for row in _csv_rows(response))
    assert "Jane O'Hara & Co <jane@example.vn>" in text
    assert "Giao gian hàng" in text
    assert "&#x27;" not in text and "&amp;" not in text and "&lt;" not in text


def test_export_only_exports_the_selected_rows(admin_client):
    chosen = make_exhibitor(slug="chon")
    make_exhibitor(slug="khong-chon")

    rows = _csv_rows(_export(admin_client, CHANGELIST, "export_csv", [chosen]))

    assert [row[0] for row in rows[1:]] == ["chon"]


# --- import ---------------------------------------------------------------------


def _row(**values):
    return [values.get(key, "") for key in COLUMN_KEYS]


def test_preview_lists_every_bad_row_and_writes_nothing(admin_client, catalogue):
    existing = make_exhibitor(slug="toto", name_vi="TOTO Việt Nam")
    good_tax = valid_tax_code(501)
    rows = [
        COLUMN_KEYS,
        _row(
            slug="canon",
            tax_code=good_tax,
            name_vi="Canon Việt Nam",
            zone="kcn-thang-long",
            sectors="dien-tu",
            product_name_vi="Máy in",
        ),
        _row(slug="cp", name_vi="C.P. Việt Nam", sectors="chan-nuoi"),
        _row(slug="abc", name_vi="ABC", zone="kcn-khong-co"),
        _row(slug="xyz", name_vi="XYZ", tax_code="0100109107"),
        _row(slug="toto", tax_code=valid_tax_code(502), name_vi="Công ty khác"),
    ]
    before = _snapshot()

    response = admin_client.post(reverse(IMPORT), {"file": _csv_upload(rows)})

    plan = response.context["plan"]
    errors = {row.number: row.errors for row in plan.rows}
    assert errors[2] == []
    assert errors[3] == ["Không có ngành “chan-nuoi”."]
    assert errors[4] == ["Không có khu công nghiệp “kcn-khong-co”."]
    assert errors[5] == [
        "Mã số thuế 0100109107: Mã số thuế không hợp lệ: chữ số kiểm tra (chữ số thứ 10) "
        "không khớp."
    ]
    assert errors[6] == [
        "Đường dẫn trùng: “toto” đã thuộc về doanh nghiệp “TOTO Việt Nam” có mã số thuế "
        f"khác ({existing.tax_code})."
    ]
    assert "payload" not in response.context
    assert 'name="payload"' not in response.content.decode()
    assert _snapshot() == before


def _png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", _png_bytes(), "Chỉ nhận tệp Excel (XLSX) hoặc CSV."),
        ("danh-sach.pdf", b"%PDF-1.4 ...", "Chỉ nhận tệp Excel (XLSX) hoặc CSV."),
        ("anh", _png_bytes(), "Chỉ nhận tệp Excel (XLSX) hoặc CSV."),
        (
            "cu.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "Đây là tệp Excel đời cũ (XLS): hãy lưu lại thành XLSX hoặc CSV UTF-8.",
        ),
        (
            "windows.csv",
            "slug,name_vi\ndong-anh,Đông Anh\n".encode("cp1258"),
            "Tệp CSV phải lưu bằng mã UTF-8 (Excel: “CSV UTF-8”).",
        ),
        (
            "cot-lap.csv",
            "slug,name_vi,name_vi\ndong-anh,Đông Anh,Cơ khí Đông Anh\n".encode(),
            "Tệp có cột lặp lại: name_vi. Mỗi cột chỉ được có một lần.",
        ),
        (
            "chi-tieu-de.csv",
            ",".join(COLUMN_KEYS).encode() + b"\n\n",
            "Tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào.",
        ),
    ],
)
def test_a_file_the_import_cannot_read_is_named_for_what_it_is(
    admin_client, catalogue, name, content, message
):
    response = admin_client.post(reverse(IMPORT), {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Exhibitor.objects.count() == 0


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_excel_unicode_text_in_utf16_is_read(admin_client, catalogue, encoding):
    # Excel's "Unicode Text": tab-separated, UTF-16 with a byte order mark.
    text = "slug\tname_vi\ndong-anh\tCơ khí Đông Anh\n"
    data = ("\ufeff" + text).encode(encoding)

    response = admin_client.post(
        reverse(IMPORT), {"file": SimpleUploadedFile("danh-sach.txt", data)}
    )

    plan = response.context["plan"]
    assert [(row.number, row.errors) for row in plan.rows] == [(2, [])]
    assert "Cơ khí Đông Anh" in response.content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'slug,name_vi\ndong-anh,Cơ khí Đông Anh\nsoc-son,"Nhựa Sóc Sơn,,,\nthem,Thêm\n',
            'Tệp CSV hỏng từ dòng 3: một ô mở dấu ngoặc kép (") mà không đóng. '
            "Hãy sửa ô đó hoặc lưu lại tệp từ Excel.",
        ),
        # The second record spans lines 3 and 4 (a line break in a quoted cell): the
        # broken one starts on line 5, as a text editor shows it.
        (
            'slug,name_vi\ndong-anh,"Cơ khí\nĐông Anh"\nthem,Thêm\nabc,"Công ty "ABC" Việt Nam"\n',
            'Tệp CSV có dấu ngoặc kép (") đặt sai ở dòng 5: trong một ô có ngoặc kép, dấu '
            'ngoặc kép phải viết đôi (""). Hãy sửa ô đó hoặc lưu lại tệp từ Excel.',
        ),
        (
            "slug,name_vi\nabc," + "x" * 200_000 + "\n",
            "Không đọc được tệp CSV từ dòng 2: tệp có vẻ không phải bảng chữ. Hãy lưu lại "
            "tệp từ Excel dưới dạng “CSV UTF-8”.",
        ),
    ],
    ids=["quote never closed", "bare quote in a quoted cell", "not a text table"],
)
def test_csv_that_cannot_be_read_is_refused_with_its_line(admin_client, catalogue, text, message):
    response = admin_client.post(
        reverse(IMPORT), {"file": SimpleUploadedFile("danh-sach.csv", text.encode())}
    )

    assert response.context["form"].errors["file"] == [message]
    assert Exhibitor.objects.count() == 0


def test_values_longer_than_their_columns_are_row_errors(admin_client, catalogue):
    rows = [
        COLUMN_KEYS,
        _row(slug="dai", name_vi="Đ" * 201, product_name_vi="M" * 400),
        _row(slug="QA_Upper", name_vi="Chữ hoa"),
    ]

    response = admin_client.post(reverse(IMPORT), {"file": _csv_upload(rows)})

    errors = {row.number: row.errors for row in response.context["plan"].rows}
    assert errors[2] == [
        "Cột name_vi dài 201 ký tự; tối đa 200.",
        "Cột product_name_vi dài 400 ký tự; tối đa 200.",
    ]
    assert errors[3] == ["Đường dẫn “QA_Upper” chỉ gồm chữ thường không dấu, số và “-”."]
    assert 'name="payload"' not in response.content.decode()
    assert Exhibitor.objects.count() == 0


def test_spaced_tax_codes_and_slugs_the_admin_gave_are_accepted(admin_client, catalogue):
    make_exhibitor(slug="Canon_VN", name_vi="Canon", tax_code="0100554347-001")
    rows = [
        COLUMN_KEYS,
        _row(slug="Canon_VN", name_vi="Canon Việt Nam", tax_code="0100 554 347-001"),
    ]

    response = admin_client.post(reverse(IMPORT), {"file": _csv_upload(rows)})

    assert [(row.number, row.errors) for row in response.context["plan"].rows] == [(2, [])]


def test_nothing_is_written_while_any_row_is_invalid(catalogue):
    rows = [
        {"_row": 2, "slug": "canon", "name_vi": "Canon Việt Nam", "product_name_vi": "Máy in"},
        {"_row": 3, "slug": "Sai Slug!", "name_vi": "Sai"},
    ]

    with pytest.raises(Exception) as raised:
        apply_import(rows, actor=None)

    assert type(raised.value).__name__ == "ImportRejected"
    assert Exhibitor.objects.count() == 0
    assert Product.objects.count() == 0


def test_good_file_previews_then_imports_and_reimport_changes_nothing(admin_client, catalogue):
    zone, electronics, food = catalogue
    tax = valid_tax_code(777)
    rows = [
        COLUMN_KEYS,
        _row(
            slug="canon",
            tax_code=tax,
            name_vi="Canon Việt Nam",
            name_en="Canon Vietnam",
            zone="KCN Thăng Long",
            sectors="dien-tu; Thực phẩm",
            origin_country="jp",
            phone="024 3881 2345",
            email="LienHe@Canon.example",
            is_published="1",
            product_name_vi="Máy in phun màu",
            product_name_en="Inkjet printer",
            product_sector="dien-tu",
            product_is_published="1",
        ),
        _row(slug="canon", tax_code=tax, name_vi="Canon Việt Nam", product_name_vi="Máy ảnh số"),
        _row(slug="dai-hung", name_vi="Đại Hưng", is_published="0"),
    ]

    preview = admin_client.post(reverse(IMPORT), {"file": _xlsx_upload(rows)})
    payload = preview.context["payload"]
    assert preview.context["plan"].created_count == 2
    assert Exhibitor.objects.count() == 0
    done = admin_client.post(reverse(IMPORT), {"payload": payload, "confirm": "1"})

    assert done.status_code == 302
    canon = Exhibitor.objects.get(slug="canon")
    assert canon.tax_code == tax
    assert canon.zone == zone
    assert set(canon.sectors.all()) == {electronics, food}
    assert canon.origin_country == "JP"
    assert canon.phone == "+842438812345"
    assert canon.email == "lienhe@canon.example"
    assert [p.name_vi for p in canon.products.order_by("pk")] == ["Máy in phun màu", "Máy ảnh số"]
    assert "may in phun mau" in canon.search_text
    assert Exhibitor.objects.get(slug="dai-hung").is_published is False
    assert AuditEntry.objects.filter(action="exhibitor.imported").count() == 2

    before, audit_count = _snapshot(), AuditEntry.objects.count()
    again = admin_client.post(reverse(IMPORT), {"file": _xlsx_upload(rows)})
    assert again.context["plan"].unchanged_count == 2
    admin_client.post(reverse(IMPORT), {"payload": again.context["payload"], "confirm": "1"})

    assert _snapshot() == before
    assert AuditEntry.objects.count() == audit_count


def test_export_then_import_of_the_same_file_changes_nothing(admin_client, catalogue):
    zone, electronics, _food = catalogue
    # A phone stored before numbers were checked is kept as it is, not refused.
    canon = make_exhibitor(
        slug="canon", zone=zone, sectors=[electronics], phone="+84241234567", name_en=""
    )
    make_product(exhibitor=canon, name_vi="Máy in", sector=electronics)
    make_exhibitor(slug="khong-san-pham", website="https://example.vn", origin_country="KR")
    exported = _export(admin_client, CHANGELIST, "export_xlsx", Exhibitor.objects.all())
    before = _snapshot()

    plan = plan_import(read_records(SimpleUploadedFile("x.xlsx", exported.content)))
    apply_import(read_records(SimpleUploadedFile("x.xlsx", exported.content)), actor=None)

    assert not plan.has_errors
    assert plan.unchanged_count == 2
    assert _snapshot() == before


def test_import_matches_by_tax_code_and_keeps_the_old_slug(catalogue):
    canon = make_exhibitor(slug="canon-cu", name_vi="Canon")
    records = [{"_row": 2, "slug": "canon", "tax_code": canon.tax_code, "name_vi": "Canon"}]

    apply_import(records, actor=None)

    canon.refresh_from_db()
    assert canon.slug == "canon"
    assert ExhibitorSlug.objects.get(slug="canon-cu").exhibitor == canon
    assert Exhibitor.objects.count() == 1


def test_duplicate_slug_and_tax_code_inside_the_file_are_errors(catalogue):
    tax = valid_tax_code(901)
    records = [
        {"_row": 2, "slug": "canon", "tax_code": tax, "name_vi": "Canon"},
        {"_row": 3, "slug": "canon-2", "tax_code": tax, "name_vi": "Canon 2"},
        {"_row": 4, "slug": "canon", "tax_code": tax, "name_vi": "Tên khác"},
    ]

    plan = plan_import(records)

    assert plan.rows[1].errors == [
        "Mã số thuế " + tax + " trùng với doanh nghiệp “canon” trong tệp."
    ]
    assert plan.rows[2].errors == ["Cột name_vi khác với dòng 2 của cùng doanh nghiệp."]


def test_unknown_column_is_refused(admin_client):
    rows = [["slug", "name_vi", "ten_la"], ["canon", "Canon", "x"]]

    response = admin_client.post(reverse(IMPORT), {"file": _csv_upload(rows)})

    assert response.context["form"].errors["file"] == [
        "Tệp có cột không nhận ra: ten_la. Hãy dùng tệp mẫu."
    ]


def test_template_files_hold_the_layout(admin_client):
    xlsx = admin_client.get(reverse("admin:exhibitors_exhibitor_import_template", args=["xlsx"]))
    csv_file = admin_client.get(reverse("admin:exhibitors_exhibitor_import_template", args=["csv"]))

    assert list(_xlsx_rows(xlsx.content)[0]) == COLUMN_KEYS
    assert _csv_rows(csv_file) == [COLUMN_KEYS]
    page = admin_client.get(reverse(IMPORT))
    assert "template.xlsx" in page.content.decode()
    other = admin_client.get(reverse("admin:exhibitors_exhibitor_import_template", args=["xls"]))
    assert other.status_code == 404 and "Không tìm thấy trang" in other.content.decode()


# --- whole edition --------------------------------------------------------------


def _edition(tmp_path):
    fair = make_fair(slug="hoi-cho-2024")
    FairFigure.objects.create(fair=fair, value="726", label_vi="dự án", label_en="projects")
    zone = make_zone(slug="kcn-noi-bai")
    parent = make_sector(slug="cong-nghiep")
    child = make_sector(slug="dien-tu", parent=parent)
    canon = make_exhibitor(slug="canon", zone=zone, sectors=[child], origin_country="JP")
    make_product(exhibitor=canon, name_vi="Máy in", sector=child)
    make_product(exhibitor=canon, name_vi="Máy ảnh")
    make_booth(fair=fair, code="A01", exhibitor=canon, fascia_name="CANON")
    make_booth(fair=fair, code="A02", is_blocked=True)
    seminar = make_event(fair=fair, slug="hoi-thao-ho-tro")
    seminar.hosts.set([canon])
    return fair, tmp_path / "edition.json"


def test_export_delete_import_export_gives_identical_json(tmp_path):
    fair, path = _edition(tmp_path)
    call_command("export_fair", "hoi-cho-2024", output=str(path))
    first = path.read_text(encoding="utf-8")

    Booth.objects.filter(fair=fair).delete()
    fair.delete()
    Product.objects.all().delete()
    Exhibitor.objects.all().delete()
    Sector.objects.filter(parent__isnull=False).delete()
    Sector.objects.all().delete()
    IndustrialZone.objects.all().delete()
    call_command("import_fair", str(path), stdout=io.StringIO())
    call_command("export_fair", "hoi-cho-2024", output=str(path))

    assert path.read_text(encoding="utf-8") == first
    data = json.loads(first)
    assert [b["code"] for b in data["booths"]] == ["A01", "A02"]
    assert data["booths"][0]["exhibitor"] == "canon"
    assert data["side_events"][0]["hosts"] == ["canon"]
    assert Fair.objects.get(slug="hoi-cho-2024").booths.get(code="A01").exhibitor.slug == "canon"
    assert SideEvent.objects.get(slug="hoi-thao-ho-tro").seats_taken == 0


def test_import_fair_refuses_an_existing_edition(tmp_path):
    _fair, path = _edition(tmp_path)
    call_command("export_fair", "hoi-cho-2024", output=str(path))

    with pytest.raises(CommandError) as raised:
        call_command("import_fair", str(path), stdout=io.StringIO())

    assert str(raised.value).startswith(
        "Không nhập gì cả: cơ sở dữ liệu này đã có kỳ hội chợ “hoi-cho-2024” (Hội chợ sản "
        "phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024, 20/09/2024 – 22/09/2024, 2 "
        "gian hàng, 1 sự kiện bên lề). import_fair không ghi đè một kỳ đã có. Để nhập tệp "
        "thành một kỳ riêng, chạy lại với một đường dẫn chưa dùng, ví dụ --slug hoi-cho-2024-2 "
    )
    assert Booth.objects.count() == 2


def test_import_fair_refuses_booth_codes_that_are_one_code_on_the_plan(tmp_path):
    fair, path = _edition(tmp_path)
    call_command("export_fair", "hoi-cho-2024", output=str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["fair"]["slug"] = "hoi-cho-2025"
    data["booths"][1]["code"] = "a 01"  # an edition typed by hand: A01 twice
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        call_command("import_fair", str(path), "--update-existing", stdout=io.StringIO())

    assert str(raised.value) == (
        "Không nhập gì cả: Mã gian lặp lại khi viết như sơ đồ in (chữ in hoa, không dấu cách): A01."
    )
    assert not Fair.objects.filter(slug="hoi-cho-2025").exists()


@pytest.mark.parametrize(("typed", "stored"), [("a 02", "A02"), ("Đ02", None)])
def test_import_fair_writes_booth_codes_as_the_plan_prints_them(tmp_path, typed, stored):
    fair, path = _edition(tmp_path)
    call_command("export_fair", "hoi-cho-2024", output=str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["fair"]["slug"] = "hoi-cho-2025"
    data["fair"]["is_current"] = False
    for event in data["side_events"]:
        event["slug"] += "-2025"
    data["booths"][1]["code"] = typed
    path.write_text(json.dumps(data), encoding="utf-8")

    if stored is None:
        with pytest.raises(CommandError) as raised:
            call_command("import_fair", str(path), "--update-existing", stdout=io.StringIO())
        assert str(raised.value).startswith(
            "Không nhập gì cả: gian hàng “Đ02” (mục 2 của “booths”): trường “code” (mã gian): "
        )
        assert not Fair.objects.filter(slug="hoi-cho-2025").exists()
    else:
        call_command("import_fair", str(path), "--update-existing", stdout=io.StringIO())
        codes = Booth.objects.filter(fair__slug="hoi-cho-2025").values_list("code", flat=True)
        assert sorted(codes) == ["A01", stored]


def test_export_cells_say_yes_and_no_in_the_language_of_the_admin():
    from django.utils import translation

    from fairportal.exports import cell_text

    with translation.override("en"):
        assert (cell_text(True), cell_text(False)) == ("yes", "no")
    with translation.override("vi"):
        assert (cell_text(True), cell_text(False)) == ("có", "không")


def test_a_file_too_big_to_send_back_for_confirmation_is_refused_at_the_preview(
    admin_client, catalogue, settings
):
    # The preview sends the checked rows back with the confirmation, a form field the
    # request limit applies to: a file within the row limit may still exceed it.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4096
    rows = [COLUMN_KEYS] + [
        _row(slug=f"cong-ty-{n}", name_vi=f"Công ty {n}", description_vi=os.urandom(600).hex())
        for n in range(5)
    ]

    response = admin_client.post(reverse(IMPORT), {"file": _csv_upload(rows)})

    assert "payload" not in response.context
    assert response.context["form"].errors == {
        "file": [
            "Tệp quá lớn để xác nhận trong một lần. Hãy chia thành nhiều tệp nhỏ hơn "
            "(mỗi doanh nghiệp nằm trọn trong một tệp) rồi nhập lần lượt."
        ]
    }
    assert not Exhibitor.objects.exists()


def test_tax_codes_and_phones_excel_keeps_as_numbers_get_their_leading_zero_back(catalogue):
    # Typed into number cells, "0172656813" and "0912 345 678" are stored 172656813
    # and 912345678: a number has no leading zero.
    rows = [
        COLUMN_KEYS,
        _row(slug="canon", name_vi="Canon", tax_code=172656813, phone=912345678),
        _row(slug="toto", name_vi="TOTO", tax_code=3700146225, phone=2438811234),
        _row(slug="cp", name_vi="C.P.", tax_code=100109106.0, phone=84987654321),
    ]

    records = read_records(_xlsx_upload(rows))
    apply_import(records, actor=None)

    assert [(r["tax_code"], r["phone"]) for r in records] == [
        ("0172656813", "0912345678"),
        ("3700146225", "02438811234"),
        ("0100109106", "+84987654321"),
    ]
    assert sorted(Exhibitor.objects.values_list("slug", "tax_code", "phone")) == [
        ("canon", "0172656813", "+84912345678"),
        ("cp", "0100109106", "+84987654321"),
        ("toto", "3700146225", "+842438811234"),
    ]


def test_branch_tax_codes_typed_without_their_dash_are_given_it_back(catalogue):
    # In a number cell the branch's "0100109106001" arrives as 100109106001 (its zero
    # gone too); in a text cell, as typed.
    rows = [
        COLUMN_KEYS,
        _row(slug="cp-soc-son", name_vi="C.P. Sóc Sơn", tax_code=100109106001),
        _row(slug="toto-me-linh", name_vi="TOTO Mê Linh", tax_code="3700146225002"),
        _row(slug="canon-que-vo", name_vi="Canon Quế Võ", tax_code="0172656813 003"),
    ]

    plan = plan_import(read_records(_xlsx_upload(rows)))
    assert [row.errors for row in plan.rows] == [[], [], []]
    apply_import(read_records(_xlsx_upload(rows)), actor=None)

    assert sorted(Exhibitor.objects.values_list("slug", "tax_code")) == [
        ("canon-que-vo", "0172656813-003"),
        ("cp-soc-son", "0100109106-001"),
        ("toto-me-linh", "3700146225-002"),
    ]


def test_a_number_cell_that_is_no_tax_code_even_with_its_zero_is_a_row_error(catalogue):
    rows = [COLUMN_KEYS, _row(slug="canon", name_vi="Canon", tax_code=172656814)]

    plan = plan_import(read_records(_xlsx_upload(rows)))

    assert [row.errors for row in plan.rows] == [
        [
            "Mã số thuế 0172656814: Mã số thuế không hợp lệ: chữ số kiểm tra (chữ số thứ 10) "
            "không khớp."
        ]
    ]


def test_nine_digits_as_text_are_refused_saying_excel_dropped_the_zero(catalogue):
    # A CSV saved from Excel holds the number as Excel showed it: the zero is gone, but
    # nothing in the file says it was ever there.
    rows = [
        COLUMN_KEYS,
        _row(slug="canon", name_vi="Canon", tax_code="172656813", phone="912345678"),
    ]

    plan = plan_import(read_records(_csv_upload(rows)))

    assert [row.errors for row in plan.rows] == [
        [
            "Mã số thuế 172656813 chỉ có 9 chữ số: có lẽ Excel đã bỏ số 0 ở đầu. Hãy định "
            "dạng cột tax_code là Text (Văn bản), gõ lại số 0 rồi lưu lại tệp.",
            "Số điện thoại 912345678 thiếu số 0 ở đầu: có lẽ Excel đã bỏ đi. Hãy định dạng "
            "cột phone là Text (Văn bản), gõ lại số 0 rồi lưu lại tệp.",
        ]
    ]


def test_text_written_with_decomposed_accents_is_imported_composed(catalogue):
    name = "Điện tử Hà Nội"
    rows = [
        COLUMN_KEYS,
        _row(
            slug="dien-tu-ha-noi",
            name_vi=unicodedata.normalize("NFD", name),
            product_name_vi=unicodedata.normalize("NFD", "Máy in"),
        ),
    ]

    apply_import(read_records(_csv_upload(rows)), actor=None)

    exhibitor = Exhibitor.objects.get()
    assert exhibitor.name_vi == unicodedata.normalize("NFC", name)
    assert exhibitor.products.get().name_vi == unicodedata.normalize("NFC", "Máy in")


def test_side_event_export_gives_each_event_its_start_and_end(admin_client):
    fair = make_fair(short_name_vi="Hội chợ KCN Hà Nội 2027")
    event = make_event(
        fair,
        title_vi="Hội thảo chuỗi cung ứng",
        starts_at=datetime.datetime(2027, 9, 20, 9, 0, tzinfo=HANOI),
        ends_at=datetime.datetime(2027, 9, 20, 11, 30, tzinfo=HANOI),
    )

    response = _export(admin_client, "admin:events_sideevent_changelist", "export_csv", [event])

    rows = _csv_rows(response)
    header = rows[0]
    assert rows[1][header.index("bắt đầu")] == "20/09/2027 09:00"
    assert rows[1][header.index("kết thúc")] == "20/09/2027 11:30"
    assert rows[1][header.index("hội chợ")] == "Hội chợ KCN Hà Nội 2027"
