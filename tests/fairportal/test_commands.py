"""The board's management commands answer bad arguments with a message and exit 1."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from events.models import Fair
from exhibitors.models import Exhibitor, IndustrialZone, Product, Sector
from fairportal.editions import export_edition
from fairportal.models import AuditEntry
from tests.factories import (
    HANOI,
    make_application,
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_product,
    make_registration,
    make_sector,
    make_zone,
    valid_tax_code,
)


@pytest.mark.django_db
def test_export_fair_into_a_missing_folder_says_it_cannot_write(tmp_path):
    make_fair(slug="hoi-cho-2027")
    target = tmp_path / "missing" / "hoi-cho-2027.json"

    with pytest.raises(CommandError) as error:
        call_command("export_fair", "hoi-cho-2027", output=str(target))

    assert str(error.value) == f"Không ghi được {target}: không có tệp hoặc thư mục này"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("vi", "Không ghi được {target}: {file} là một tệp, không phải thư mục"),
        ("en", "Cannot write {target}: {file} is a file, not a folder"),
    ],
)
def test_export_fair_into_a_folder_that_is_a_file_names_the_file(tmp_path, language, said):
    make_fair(slug="hoi-cho-2027")
    (tmp_path / "bao-cao").write_text("một tệp, không phải thư mục")
    target = tmp_path / "bao-cao" / "hoi-cho-2027.json"

    with translation.override(language), pytest.raises(CommandError) as error:
        call_command("export_fair", "hoi-cho-2027", output=str(target))

    assert str(error.value) == said.format(target=target, file=tmp_path / "bao-cao")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("vi", "Không có kỳ hội chợ “hoi-cho-2031”."),
        ("en", "There is no fair edition “hoi-cho-2031”."),
    ],
)
def test_export_fair_of_an_unknown_slug_says_so_in_the_commands_language(language, said):
    make_fair(slug="hoi-cho-2027")

    with translation.override(language), pytest.raises(CommandError) as error:
        call_command("export_fair", "hoi-cho-2031", stdout=io.StringIO())

    assert str(error.value) == said


def test_export_fair_help_speaks_vietnamese_as_the_other_commands(capsys):
    with pytest.raises(SystemExit):
        call_command("export_fair", "--help")

    text = capsys.readouterr().out
    assert "Xuất một kỳ hội chợ" in text
    assert "Đường dẫn (slug) của kỳ hội chợ" in text
    assert "Export an edition" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["", "  "])
def test_create_local_superuser_refuses_an_empty_username(username, settings):
    settings.DEBUG = True

    with pytest.raises(CommandError) as error:
        call_command("create_local_superuser", username=username, stdout=io.StringIO())

    assert str(error.value) == "--username không được để trống."


@pytest.mark.django_db
def test_create_local_superuser_speaks_vietnamese_as_the_other_commands(settings):
    settings.DEBUG = True
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"
    first, again = io.StringIO(), io.StringIO()

    call_command("create_local_superuser", stdout=first)
    call_command("create_local_superuser", stdout=again)

    assert first.getvalue().startswith("Đã tạo tài khoản quản trị cục bộ: admin / ")
    assert first.getvalue().endswith(
        " (chỉ hiện một lần; trang quản trị: http://127.0.0.1:8000/admin/)\n"
    )
    assert again.getvalue() == (
        "Tài khoản quản trị “admin” đã có; mật khẩu của nó đã được in khi tạo. Đặt mật "
        "khẩu mới bằng: .venv/bin/python manage.py changepassword admin\n"
    )


def test_create_local_superuser_refuses_without_debug_in_vietnamese(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError) as error:
        call_command("create_local_superuser", stdout=io.StringIO())

    assert str(error.value) == ("create_local_superuser chỉ dùng khi phát triển (DJANGO_DEBUG=1).")


def _broken(data):
    data["fair"]["starts_on"] = "2027-13-01"


def _no_booth_list(data):
    data["booths"] = None


def _unknown_exhibitor(data):
    data["booths"][0]["exhibitor"] = "khong-co-cong-ty-nay"


def _too_long_name(data):
    data["exhibitors"][0]["name_vi"] = "x" * 400


def _slug_with_spaces(data):
    data["side_events"][0]["slug"] = "Hội thảo 1"


def _negative_price(data):
    data["booths"][0]["price_vnd"] = -5


def _negative_capacity(data):
    data["side_events"][0]["capacity"] = -1


def _event_ends_before_it_starts(data):
    data["side_events"][0]["ends_at"] = "2024-09-20T08:00:00+07:00"


def _fair_ends_before_it_starts(data):
    data["fair"]["ends_on"] = "2024-09-01"


def _unknown_kind(data):
    data["side_events"][0]["kind"] = "party"


def _product_without_a_name(data):
    data["exhibitors"][0]["products"][0]["name_vi"] = ""


def _booth_not_an_object(data):
    data["booths"][1] = "A02"


def _kept_booth_with_a_company(data):
    data["booths"][0]["is_blocked"] = True


def _missing_parent_sector(data):
    data["sectors"][1]["parent"] = "khong-co"


FIRST_BOOTH = "Không nhập gì cả: gian hàng “A01” (mục 1 của “booths”): "
EXHIBITOR = "Không nhập gì cả: doanh nghiệp trưng bày “canon-viet-nam” (mục 1 của “exhibitors”): "


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (
            _broken,
            "Không nhập gì cả: kỳ hội chợ “hoi-cho-2027” (mục “fair”): trường “starts_on” "
            "(ngày khai mạc): “2027-13-01” đúng dạng YYYY-MM-DD nhưng không phải một ngày có thật.",
        ),
        (_no_booth_list, "Không nhập gì cả: Mục “booths” của tệp phải là một danh sách […]."),
        (
            _unknown_exhibitor,
            FIRST_BOOTH + "trường “exhibitor” (doanh nghiệp): Tệp không có doanh nghiệp trưng "
            "bày “khong-co-cong-ty-nay”.",
        ),
        (  # SQLite would have stored it: it does not check the length of a column
            _too_long_name,
            EXHIBITOR + "trường “name_vi” (tên giao dịch [vi]): Giá trị này chỉ có tối đa 200 "
            "kí tự (hiện có 400)",
        ),
        (
            _slug_with_spaces,
            "Không nhập gì cả: sự kiện bên lề “Hội thảo 1” (mục 1 của “side_events”): trường "
            "“slug” (đường dẫn): Đường dẫn chỉ gồm chữ cái không dấu, chữ số, dấu gạch dưới hoặc "
            "gạch ngang.",
        ),
        (_negative_price, FIRST_BOOTH + "trường “price_vnd” (giá (VND)): Giá gian không được âm."),
        (
            _negative_capacity,
            "Không nhập gì cả: sự kiện bên lề “hoi-thao-2027” (mục 1 của “side_events”): trường "
            "“capacity” (số chỗ): Giá trị này phải lớn hơn hoặc bằng 0.",
        ),
        (
            _event_ends_before_it_starts,
            "Không nhập gì cả: sự kiện bên lề “hoi-thao-2027” (mục 1 của “side_events”): trường "
            "“ends_at” (kết thúc), “starts_at” (bắt đầu): Giờ kết thúc phải sau giờ bắt đầu.",
        ),
        (
            _fair_ends_before_it_starts,
            "Không nhập gì cả: kỳ hội chợ “hoi-cho-2027” (mục “fair”): trường “ends_on” (ngày bế "
            "mạc), “starts_on” (ngày khai mạc): Ngày bế mạc không được trước ngày khai mạc.",
        ),
        (
            _unknown_kind,
            "Không nhập gì cả: sự kiện bên lề “hoi-thao-2027” (mục 1 của “side_events”): trường "
            "“kind” (loại): Giá trị 'party' không phải là lựa chọn hợp lệ.",
        ),
        (
            _product_without_a_name,
            "Không nhập gì cả: sản phẩm (mục 1 của “products”), của doanh nghiệp trưng bày "
            "“canon-viet-nam” (mục 1 của “exhibitors”): trường “name_vi” (tên sản phẩm [vi]): "
            "Trường này không được để trắng.",
        ),
        (
            _booth_not_an_object,
            "Không nhập gì cả: gian hàng (mục 2 của “booths”): Mục này phải là một đối tượng "
            "JSON {…}.",
        ),
        (
            _kept_booth_with_a_company,
            FIRST_BOOTH + "trường “is_blocked” (Ban Quản lý giữ lại): Gian đang có doanh nghiệp: "
            "hãy giải phóng gian trước khi giữ lại.",
        ),
        (
            _missing_parent_sector,
            "Không nhập gì cả: ngành “dien-tu” (mục 2 của “sectors”): trường “parent” (ngành "
            "cha): Tệp không có ngành “khong-co”. Ngành cha phải đứng trước ngành con trong mục "
            "“sectors”.",
        ),
    ],
)
def test_import_fair_of_a_spoilt_file_says_what_is_wrong_and_writes_nothing(
    tmp_path, spoil, message
):
    fair = make_fair(slug="hoi-cho-2027")
    parent = make_sector(slug="cong-nghiep")
    sector = make_sector(slug="dien-tu", parent=parent)
    exhibitor = make_exhibitor(slug="canon-viet-nam", name_vi="Canon Việt Nam", sectors=[sector])
    make_product(exhibitor=exhibitor, name_vi="Máy in")
    make_booth(fair=fair, code="A01", exhibitor=exhibitor)
    make_booth(fair=fair, code="A02")
    make_event(fair=fair, slug="hoi-thao-2027")
    data = export_edition("hoi-cho-2027")
    fair.delete()  # the database the edition is carried to
    data["exhibitors"][0]["name_vi"] = "Canon Việt Nam (tên mới)"  # written before the fair
    spoil(data)
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import_fair", str(path), "--update-existing", stdout=io.StringIO())

    assert str(error.value) == message
    assert Fair.objects.count() == 0
    assert Exhibitor.objects.get().name_vi == "Canon Việt Nam"  # one transaction: undone


@pytest.mark.django_db
def test_import_fair_refuses_what_the_database_already_holds_by_name(tmp_path):
    # A tax code of another company and a side event's slug of another fair: the rows
    # the import matches by slug are its own, the others are checked as the admin would.
    fair = make_fair(slug="hoi-cho-2027")
    make_exhibitor(slug="canon-viet-nam", tax_code=valid_tax_code(1))
    make_event(fair=fair, slug="hoi-thao-2027")
    data = export_edition("hoi-cho-2027")
    data["fair"]["slug"] = "hoi-cho-2028"
    data["fair"]["is_current"] = False
    other = make_exhibitor(slug="brother", tax_code=valid_tax_code(2))
    data["exhibitors"] = [
        {**export_edition_exhibitor(other), "tax_code": valid_tax_code(1)},
    ]
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import_fair", str(path), "--update-existing", stdout=io.StringIO())

    assert str(error.value) == (
        "Không nhập gì cả: doanh nghiệp trưng bày “brother” (mục 1 của “exhibitors”): trường "
        "“tax_code” (mã số thuế): Đã có doanh nghiệp mang mã số thuế này."
    )
    data["exhibitors"] = []
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_fair", str(path), "--update-existing", stdout=io.StringIO())
    assert str(error.value).startswith(
        "Không nhập gì cả: sự kiện bên lề “hoi-thao-2027” (mục 1 của “side_events”): trường "
        "“slug” (đường dẫn): "
    )
    assert list(Fair.objects.values_list("slug", flat=True)) == ["hoi-cho-2027"]
    assert Exhibitor.objects.get(slug="brother").tax_code == valid_tax_code(2)


def export_edition_exhibitor(exhibitor) -> dict:
    """The exhibitor as an edition file writes it (through a fair that it exhibits at)."""
    fair = make_fair(is_current=False)
    make_booth(fair=fair, exhibitor=exhibitor)
    item = next(e for e in export_edition(fair.slug)["exhibitors"] if e["slug"] == exhibitor.slug)
    fair.booths.all().delete()
    fair.delete()
    return item


@pytest.mark.django_db
def test_import_fair_of_any_odd_value_ends_in_a_message_not_a_traceback(tmp_path):
    fair = make_fair(slug="hoi-cho-2027")
    sector = make_sector(slug="dien-tu")
    exhibitor = make_exhibitor(slug="canon-viet-nam", sectors=[sector])
    make_product(exhibitor=exhibitor, name_vi="Máy in", sector=sector)
    make_booth(fair=fair, code="A01", exhibitor=exhibitor)
    make_event(fair=fair, slug="hoi-thao-2027").hosts.set([exhibitor])
    clean = export_edition("hoi-cho-2027")
    fair.delete()
    path = tmp_path / "edition.json"
    places = [("fair", clean["fair"])] + [
        (section, item)
        for section in ("booths", "side_events", "exhibitors", "sectors")
        for item in clean[section]
    ]
    places.append(("products", clean["exhibitors"][0]["products"][0]))
    refused = 0

    for _section, item in places:
        for key in list(item):
            for odd in ([], -1, None):
                original = item[key]
                item[key] = odd
                path.write_text(json.dumps(clean), encoding="utf-8")
                try:
                    call_command("import_fair", str(path), stdout=io.StringIO())
                except CommandError as error:
                    assert str(error).startswith("Không nhập gì cả: "), (key, odd)
                    assert not Fair.objects.exists(), (key, odd)
                    refused += 1
                else:
                    Fair.objects.all().delete()  # a slug of -1 is a slug
                item[key] = original

    assert refused > 100


@pytest.mark.django_db
def test_import_fair_of_a_json_list_says_it_is_no_edition(tmp_path):
    path = tmp_path / "edition.json"
    path.write_text("[1, 2]", encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import_fair", str(path), stdout=io.StringIO())

    assert str(error.value) == (
        "Không nhập gì cả: Không phải tệp kỳ hội chợ do export_fair ghi (cần định dạng "
        "fairportal.edition/1)."
    )


@pytest.mark.django_db
def test_load_demo_fair_on_the_production_settings_leaves_the_real_fair_alone(settings):
    settings.DEBUG = False
    real = make_fair(slug="hoi-cho-kcn-ha-noi-2027-that", is_current=True)

    with pytest.raises(CommandError) as error:
        call_command("load_demo_fair", "--year", "2027", stdout=io.StringIO())

    assert str(error.value) == (
        "load_demo_fair dùng khi phát triển và trình diễn (DJANGO_DEBUG=1): trên cơ sở dữ "
        "liệu này, nó sẽ thêm các doanh nghiệp mẫu vào danh bạ và đặt bản demo là kỳ hội "
        "chợ hiện tại. Thêm --force nếu vẫn muốn nạp."
    )
    assert (list(Fair.objects.values_list("slug", "is_current")), Exhibitor.objects.count()) == (
        [(real.slug, True)],
        0,
    )


@pytest.mark.django_db
def test_import_fair_speaks_english_when_the_operator_does(tmp_path):
    from django.utils import translation

    fair = make_fair(slug="hoi-cho-2027")
    make_booth(fair=fair, code="A01")
    data = export_edition("hoi-cho-2027")
    fair.delete()
    data["booths"][0]["price_vnd"] = -5
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("import_fair", str(path), stdout=io.StringIO())

    assert str(error.value) == (
        "Nothing imported: booth “A01” (item 1 of “booths”): field “price_vnd” (price "
        "(VND)): A booth's price cannot be negative."
    )


@pytest.mark.django_db
def test_import_fair_reads_a_file_saved_with_a_byte_order_mark(tmp_path):
    # Notepad and Excel's "CSV UTF-8" habit: the edition opened and saved again on
    # Windows starts with a BOM, and is still the same edition.
    fair = make_fair(slug="hoi-cho-2027")
    make_booth(fair=fair, code="A01")
    data = export_edition("hoi-cho-2027")
    fair.delete()
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data), encoding="utf-8-sig")
    said = io.StringIO()

    call_command("import_fair", str(path), stdout=said)

    assert said.getvalue().startswith("Đã nhập hoi-cho-2027: 1 gian hàng,")
    assert Fair.objects.get().booths.get().code == "A01"


@pytest.mark.django_db
def test_export_and_import_fair_carry_the_places_of_side_events(tmp_path):
    from booths.models import EventPlace

    fair = make_fair(slug="hoi-cho-2027")
    make_booth(fair=fair, code="A01")
    EventPlace.objects.create(
        fair=fair,
        kind=EventPlace.Kind.STAGE,
        name_vi="Sân khấu chính",
        name_en="Main stage",
        hall="A",
        plan_x=20,
        plan_y=300,
        plan_w=200,
        plan_h=120,
    )
    path = tmp_path / "edition.json"
    call_command("export_fair", "hoi-cho-2027", "--output", str(path), stdout=io.StringIO())
    fair.delete()  # the database the edition is carried to

    call_command("import_fair", str(path), stdout=io.StringIO())

    place = EventPlace.objects.get()
    assert place.fair.slug == "hoi-cho-2027"
    assert (place.kind, place.name_vi, place.name_en, place.hall) == (
        "stage",
        "Sân khấu chính",
        "Main stage",
        "A",
    )
    assert (place.plan_x, place.plan_y, place.plan_w, place.plan_h) == (20, 300, 200, 120)


@pytest.mark.parametrize(
    ("command", "says", "not_said"),
    [
        ("load_demo_fair", ["Dựng kỳ hội chợ 2024", "Năm của kỳ hội chợ"], "Build the 2024"),
        ("setup_roles", ["Tạo hoặc bổ sung hai nhóm", "--help"], "Create or complete"),
    ],
)
def test_load_demo_fair_and_setup_roles_help_speaks_vietnamese(capsys, command, says, not_said):
    with pytest.raises(SystemExit):
        call_command(command, "--help")

    text = capsys.readouterr().out
    assert [phrase in text for phrase in says] == [True, True]
    assert not_said not in text


@pytest.mark.parametrize(
    ("language", "said"),
    [("vi", "--year phải từ 2000 đến 2100."), ("en", "--year must be between 2000 and 2100.")],
)
def test_load_demo_fair_of_a_year_out_of_range_says_so_in_the_commands_language(
    settings, language, said
):
    settings.DEBUG = True

    with translation.override(language), pytest.raises(CommandError) as error:
        call_command("load_demo_fair", "--year", "1999", stdout=io.StringIO())

    assert str(error.value) == said


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "unit"), [("vi", "quyền"), ("en", "permissions")])
def test_setup_roles_counts_each_groups_permissions_in_the_commands_language(language, unit):
    from django.contrib.auth.models import Group

    out = io.StringIO()
    with translation.override(language):
        call_command("setup_roles", stdout=out)

    expected = [
        f"{group.name}: {group.permissions.count()} {unit}"
        for group in Group.objects.filter(name__startswith="Ban tổ chức").order_by("-name")
    ]
    assert sorted(out.getvalue().splitlines()) == sorted(expected)
    assert len(expected) == 2


@pytest.mark.django_db
def test_build_synthetic_fair_says_what_it_built_and_kept_in_vietnamese():
    args = ["--exhibitors", "3", "--products-per", "1", "--booths", "4", "--events", "2"]
    built, kept = io.StringIO(), io.StringIO()

    call_command("build_synthetic_fair", *args, stdout=built)
    call_command("build_synthetic_fair", *args, stdout=kept)

    assert built.getvalue().splitlines() == [
        "Đã tính lại văn bản tìm kiếm của 3 doanh nghiệp và 3 sản phẩm.",
        "Kỳ hội chợ tổng hợp synthetic-3: 3 doanh nghiệp, 3 sản phẩm, 4 gian, 2 sự kiện.",
    ]
    assert kept.getvalue() == "Kỳ hội chợ tổng hợp synthetic-3 đã có; giữ nguyên.\n"


def test_build_synthetic_fair_help_speaks_vietnamese(capsys):
    with pytest.raises(SystemExit):
        call_command("build_synthetic_fair", "--help")

    text = capsys.readouterr().out
    assert "Dựng (hoặc giữ) một kỳ hội chợ tổng hợp" in text
    assert "Số doanh nghiệp (mặc định 500)." in text
    assert "Build (or keep)" not in text


# --- the cron commands and personal_data say what they did ------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "one", "none"),
    [
        (
            "vi",
            "2 hồ sơ đăng ký gian hàng đã hết hạn: e-mail không được xác nhận trong 48 giờ.",
            "Không có hồ sơ đăng ký gian hàng nào quá 48 giờ chưa xác nhận e-mail.",
        ),
        (
            "en",
            "2 booth applications expired: their e-mail was not confirmed within 48 hours.",
            "No booth application has gone 48 hours with its e-mail unconfirmed.",
        ),
    ],
)
def test_expire_applications_says_how_many_expired_in_the_commands_language(language, one, none):
    fair = make_fair()
    gone = timezone.now() - datetime.timedelta(hours=1)
    make_application(fair, expires_at=gone)
    make_application(fair, expires_at=gone)
    out = io.StringIO()

    with translation.override(language):
        call_command("expire_applications", stdout=out)
        call_command("expire_applications", stdout=out)

    assert out.getvalue().splitlines() == [one, none]


@pytest.mark.parametrize(
    ("command", "says", "not_said"),
    [
        ("expire_applications", "Chuyển sang “hết hạn” các hồ sơ đăng ký gian hàng", "Mark booth"),
        ("personal_data", "email Địa chỉ e-mail của người yêu cầu.", "Export"),
        ("import_fair", "Nhập thành kỳ hội chợ có đường dẫn này", "Import"),
    ],
)
def test_cron_and_data_commands_help_speaks_vietnamese(capsys, command, says, not_said):
    with pytest.raises(SystemExit):
        call_command(command, "--help")

    text = " ".join(capsys.readouterr().out.split())
    assert says in text
    assert not_said not in text


PERSON = "lan.tran@example.vn"


@pytest.mark.django_db
def test_personal_data_erase_says_what_it_will_erase_then_what_it_erased():
    fair = make_fair()
    make_registration(make_event(fair), email=PERSON)
    make_application(fair, email=PERSON)
    done = io.StringIO()

    with pytest.raises(CommandError) as asked:
        call_command("personal_data", "erase", "  Lan.Tran@example.vn ", stdout=io.StringIO())
    call_command("personal_data", "erase", PERSON, "--yes", stdout=done)
    call_command("personal_data", "erase", PERSON, "--yes", stdout=done)

    assert str(asked.value) == (
        "Sẽ xoá dữ liệu gắn với lan.tran@example.vn: 1 đăng ký sự kiện và 0 yêu cầu gặp gỡ "
        "bị huỷ rồi xoá, 1 hồ sơ gian hàng được ẩn danh, 0 tài khoản bị khoá, 0 mục nhật ký "
        "thao tác được xoá địa chỉ. Việc này không hoàn tác được: chạy lại với --yes để "
        "xác nhận."
    )
    assert done.getvalue().splitlines() == [
        "Đã xoá dữ liệu: 1 đăng ký, 0 yêu cầu gặp gỡ, 1 hồ sơ gian hàng ẩn danh, 0 tài khoản "
        "khoá, 0 mục nhật ký xoá địa chỉ.",
        "Không có dữ liệu nào gắn với lan.tran@example.vn.",
    ]


@pytest.mark.django_db
def test_personal_data_erase_cleans_the_audit_log_when_nothing_else_names_the_address():
    # The rows are gone (erased by hand, or expired); the log still names the person.
    AuditEntry.objects.create(action="registration.confirmed", actor_label="Lan.Tran@example.vn")
    AuditEntry.objects.create(
        action="registration.cancelled", object_repr="Trần Lan <lan.tran@example.vn>"
    )
    AuditEntry.objects.create(action="fair.updated", object_repr="Hội chợ 2027")
    done = io.StringIO()

    with pytest.raises(CommandError) as asked:
        call_command("personal_data", "erase", PERSON, stdout=io.StringIO())
    call_command("personal_data", "erase", PERSON, "--yes", stdout=done)

    assert str(asked.value) == (
        "Sẽ xoá dữ liệu gắn với lan.tran@example.vn: 0 đăng ký sự kiện và 0 yêu cầu gặp gỡ "
        "bị huỷ rồi xoá, 0 hồ sơ gian hàng được ẩn danh, 0 tài khoản bị khoá, 2 mục nhật ký "
        "thao tác được xoá địa chỉ. Việc này không hoàn tác được: chạy lại với --yes để "
        "xác nhận."
    )
    assert done.getvalue().splitlines() == [
        "Đã xoá dữ liệu: 0 đăng ký, 0 yêu cầu gặp gỡ, 0 hồ sơ gian hàng ẩn danh, 0 tài khoản "
        "khoá, 2 mục nhật ký xoá địa chỉ."
    ]
    said = AuditEntry.objects.exclude(action="personal_data.erased").order_by("pk")
    assert [(e.actor_label, e.object_repr) for e in said] == [
        ("[đã xoá]", ""),
        ("", "[đã xoá]"),
        ("", "Hội chợ 2027"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["lan.tran", "@", "lan@", "lan tran@example.vn"])
def test_personal_data_of_something_not_an_address_says_so(email):
    with pytest.raises(CommandError) as error:
        call_command("personal_data", "export", email, stdout=io.StringIO())

    assert str(error.value) == f"“{email}” không phải một địa chỉ e-mail."


# --- import_fair of an edition the database already holds -------------------------


def _held_edition(tmp_path):
    fair = make_fair(
        slug="hoi-cho-2027",
        name_vi="Hội chợ KCN Hà Nội 2027",
        starts_on=datetime.date(2027, 9, 20),
        ends_on=datetime.date(2027, 9, 22),
    )
    make_booth(fair=fair, code="A01")
    make_booth(fair=fair, code="A02")
    starts = datetime.datetime(2027, 9, 20, 9, 0, tzinfo=HANOI)
    make_event(
        fair=fair,
        slug="hoi-thao-2027",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    path = tmp_path / "edition.json"
    call_command("export_fair", "hoi-cho-2027", output=str(path))
    return fair, path


@pytest.mark.django_db
def test_import_fair_of_a_held_edition_says_what_is_held_and_what_to_do(tmp_path):
    _fair, path = _held_edition(tmp_path)

    with pytest.raises(CommandError) as error:
        call_command("import_fair", str(path), stdout=io.StringIO())

    assert str(error.value) == (
        "Không nhập gì cả: cơ sở dữ liệu này đã có kỳ hội chợ “hoi-cho-2027” (Hội chợ KCN Hà "
        "Nội 2027, 20/09/2027 – 22/09/2027, 2 gian hàng, 1 sự kiện bên lề). import_fair không "
        "ghi đè một kỳ đã có. Để nhập tệp thành một kỳ riêng, chạy lại với một đường dẫn chưa "
        "dùng, ví dụ --slug hoi-cho-2027-2 (sự kiện bên lề trùng đường dẫn được thêm -2, "
        "-3…; doanh nghiệp, khu công nghiệp và ngành đã có được giữ nguyên, không lấy theo "
        "tệp). Để thay hẳn kỳ đã có, xoá nó trong trang quản trị (Kỳ hội chợ) rồi chạy lại: "
        "trang xoá nói điều gì còn giữ nó lại."
    )
    assert Fair.objects.count() == 1


@pytest.mark.django_db
def test_import_fair_under_another_slug_makes_a_second_edition_and_says_what_it_renamed(
    tmp_path,
):
    fair, path = _held_edition(tmp_path)
    out = io.StringIO()

    call_command("import_fair", str(path), "--slug", "hoi-cho-2027-2", stdout=out)

    copy = Fair.objects.get(slug="hoi-cho-2027-2")
    assert out.getvalue().splitlines() == [
        "Đã nhập hoi-cho-2027-2: 2 gian hàng, 0 doanh nghiệp, 1 sự kiện bên lề.",
        "Kỳ này trùng tên với kỳ “hoi-cho-2027”: đổi tên một trong hai trong trang quản trị "
        "(Kỳ hội chợ) để phân biệt.",
        "Sự kiện bên lề mang đường dẫn mới vì đường dẫn trong tệp đã có: hoi-thao-2027 → "
        "hoi-thao-2027-2.",
    ]
    assert sorted(copy.booths.values_list("code", flat=True)) == ["A01", "A02"]
    assert list(copy.side_events.values_list("slug", flat=True)) == ["hoi-thao-2027-2"]
    assert list(fair.side_events.values_list("slug", flat=True)) == ["hoi-thao-2027"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "said"),
    [
        (
            "hoi-cho-2026",
            "Không nhập gì cả: cơ sở dữ liệu này đã có kỳ hội chợ “hoi-cho-2026” (Hội chợ KCN Hà "
            "Nội 2026, 20/09/2026 – 22/09/2026, 0 gian hàng, 0 sự kiện bên lề). Hãy chọn một "
            "đường dẫn chưa dùng, ví dụ --slug hoi-cho-2027-2.",
        ),
        (
            "Hội chợ 2027",
            "Không nhập gì cả: --slug “Hội chợ 2027”: Đường dẫn chỉ gồm chữ cái không dấu, chữ "
            "số, dấu gạch dưới hoặc gạch ngang.",
        ),
        ("", "Không nhập gì cả: --slug “”: Trường này không được để trắng."),
    ],
)
def test_import_fair_under_a_slug_it_cannot_take_says_why(tmp_path, slug, said):
    _fair, path = _held_edition(tmp_path)
    make_fair(
        slug="hoi-cho-2026",
        name_vi="Hội chợ KCN Hà Nội 2026",
        starts_on=datetime.date(2026, 9, 20),
        ends_on=datetime.date(2026, 9, 22),
        is_current=False,
    )

    with pytest.raises(CommandError) as error:
        call_command("import_fair", str(path), "--slug", slug, stdout=io.StringIO())

    assert str(error.value) == said
    assert Fair.objects.count() == 2


@pytest.mark.django_db
def test_import_fair_under_another_slug_keeps_the_companies_the_database_holds(tmp_path):
    """The copy's file is older than the database: what the board changed since stays."""
    fair = make_fair(slug="hoi-cho-2027", name_vi="Hội chợ KCN Hà Nội 2027")
    zone = make_zone(slug="kcn-thang-long", name_vi="KCN Thăng Long")
    sector = make_sector(slug="dien-tu", name_vi="Điện tử")
    canon = make_exhibitor(slug="canon", zone=zone, sectors=[sector], description_vi="Cũ.")
    make_product(canon, name_vi="Máy in", description_vi="Cũ.")
    make_booth(fair=fair, code="A01", exhibitor=canon)
    gone = make_exhibitor(slug="toto", name_vi="TOTO Việt Nam")
    make_product(gone, name_vi="Bồn rửa")
    gone_booth = make_booth(fair=fair, code="A02", exhibitor=gone)
    path = tmp_path / "edition.json"
    call_command("export_fair", "hoi-cho-2027", output=str(path))
    # Since the export: the board rewrote the company, its product, the zone and the
    # sector, and deleted another company.
    Exhibitor.objects.filter(slug="canon").update(description_vi="Mới.")
    Product.objects.filter(name_vi="Máy in").update(description_vi="Mới.")
    IndustrialZone.objects.filter(slug="kcn-thang-long").update(name_vi="KCN Thăng Long I")
    Sector.objects.filter(slug="dien-tu").update(name_vi="Điện tử, điện lạnh")
    canon.sectors.clear()
    gone_booth.delete()
    gone.delete()
    out = io.StringIO()

    call_command("import_fair", str(path), "--slug", "ban-sao", stdout=out)

    canon = Exhibitor.objects.get(slug="canon")
    assert canon.description_vi == "Mới."
    assert list(canon.sectors.all()) == []
    assert list(canon.products.values_list("description_vi", flat=True)) == ["Mới."]
    assert IndustrialZone.objects.get(slug="kcn-thang-long").name_vi == "KCN Thăng Long I"
    assert Sector.objects.get(slug="dien-tu").name_vi == "Điện tử, điện lạnh"
    # What the database no longer held comes back from the file.
    toto = Exhibitor.objects.get(slug="toto")
    assert list(toto.products.values_list("name_vi", flat=True)) == ["Bồn rửa"]
    copy = Fair.objects.get(slug="ban-sao")
    assert sorted(copy.booths.values_list("code", "exhibitor__slug")) == [
        ("A01", "canon"),
        ("A02", "toto"),
    ]
    assert out.getvalue().splitlines()[:2] == [
        "Đã nhập ban-sao: 2 gian hàng, 2 doanh nghiệp, 0 sự kiện bên lề.",
        "Giữ nguyên như trong cơ sở dữ liệu, không lấy theo tệp: 1 doanh nghiệp (cùng sản "
        "phẩm và ngành của họ), 1 khu công nghiệp, 1 ngành.",
    ]


# --- import_fair of a file naming companies, zones and sectors the database holds ---


def _last_years_file(tmp_path):
    """A file exported last year; since then the board rewrote the company and its
    zone this year and deleted the edition (a new database would not hold it)."""
    fair = make_fair(slug="hoi-cho-2026", name_vi="Hội chợ KCN Hà Nội 2026")
    zone = make_zone(slug="kcn-thang-long", name_vi="KCN Thăng Long")
    sector = make_sector(slug="dien-tu", name_vi="Điện tử")
    canon = make_exhibitor(
        slug="canon", name_vi="Canon Việt Nam", zone=zone, sectors=[sector], description_vi="Cũ."
    )
    make_booth(fair=fair, code="A01", exhibitor=canon)
    path = tmp_path / "edition.json"
    call_command("export_fair", "hoi-cho-2026", output=str(path))
    fair.delete()
    Exhibitor.objects.filter(slug="canon").update(description_vi="Năm nay.")
    IndustrialZone.objects.filter(slug="kcn-thang-long").update(name_vi="KCN Thăng Long I")
    return path


@pytest.mark.django_db
def test_import_fair_refuses_to_overwrite_existing_companies_and_names_them(tmp_path):
    path = _last_years_file(tmp_path)
    audit_before = AuditEntry.objects.count()

    with pytest.raises(CommandError) as error:
        call_command("import_fair", str(path), stdout=io.StringIO())

    assert str(error.value) == (
        "Không nhập gì cả: tệp sẽ ghi đè những mục cơ sở dữ liệu đã có cùng đường dẫn: "
        "1 doanh nghiệp (Canon Việt Nam); 1 khu công nghiệp (KCN Thăng Long I); 1 ngành "
        "(Điện tử). Nếu tệp là bản mới hơn và cần cập nhật chúng, chạy lại với "
        "--update-existing; để giữ nguyên chúng và nhập tệp thành một kỳ riêng, chạy lại "
        "với --slug (ví dụ --slug hoi-cho-2026-2)."
    )
    assert Exhibitor.objects.get(slug="canon").description_vi == "Năm nay."
    assert IndustrialZone.objects.get(slug="kcn-thang-long").name_vi == "KCN Thăng Long I"
    assert not Fair.objects.filter(slug="hoi-cho-2026").exists()
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.django_db
def test_import_fair_refusing_a_file_of_many_held_companies_names_the_first_ten(tmp_path):
    fair = make_fair(slug="hoi-cho-2026")
    for n in range(12):
        make_booth(
            fair=fair,
            code=f"A{n:02d}",
            exhibitor=make_exhibitor(slug=f"dn-{n:02d}", name_vi=f"Doanh nghiệp {n:02d}"),
        )
    path = tmp_path / "edition.json"
    call_command("export_fair", "hoi-cho-2026", output=str(path))
    fair.delete()

    with pytest.raises(CommandError) as error:
        call_command("import_fair", str(path), stdout=io.StringIO())

    names = ", ".join(f"Doanh nghiệp {n:02d}" for n in range(10))
    assert f"12 doanh nghiệp ({names}… và 2 mục khác)" in str(error.value)
    assert "Doanh nghiệp 11" not in str(error.value)


@pytest.mark.django_db
def test_import_fair_with_update_existing_overwrites_them_and_says_which(tmp_path):
    path = _last_years_file(tmp_path)
    out = io.StringIO()

    call_command("import_fair", str(path), "--update-existing", stdout=out)

    assert Exhibitor.objects.get(slug="canon").description_vi == "Cũ."
    assert IndustrialZone.objects.get(slug="kcn-thang-long").name_vi == "KCN Thăng Long"
    assert out.getvalue().splitlines() == [
        "Đã nhập hoi-cho-2026: 1 gian hàng, 1 doanh nghiệp, 0 sự kiện bên lề.",
        "Đã cập nhật theo tệp những mục đã có: 1 doanh nghiệp (Canon Việt Nam); 1 khu công "
        "nghiệp (KCN Thăng Long I); 1 ngành (Điện tử).",
    ]


@pytest.mark.django_db
def test_import_fair_of_a_file_naming_nothing_held_needs_no_update_existing(tmp_path):
    path = _last_years_file(tmp_path)
    Exhibitor.objects.all().delete()
    IndustrialZone.objects.all().delete()
    Sector.objects.all().delete()

    call_command("import_fair", str(path), stdout=io.StringIO())

    assert Exhibitor.objects.get(slug="canon").description_vi == "Cũ."


@pytest.mark.django_db
def test_import_fair_refuses_slug_and_update_existing_together(tmp_path):
    path = _last_years_file(tmp_path)

    with pytest.raises(CommandError) as error:
        call_command(
            "import_fair", str(path), "--slug", "x", "--update-existing", stdout=io.StringIO()
        )

    assert str(error.value) == (
        "Không nhập gì cả: --slug giữ nguyên doanh nghiệp, khu công nghiệp và ngành đã có, "
        "còn --update-existing cập nhật chúng theo tệp: hãy chọn một trong hai."
    )
    assert Fair.objects.count() == 0


# --- argparse's own words (usage errors) in the commands' language -----------------


@pytest.mark.parametrize(
    ("arguments", "language", "said"),
    [
        (["import_fair"], "vi", "Lỗi: thiếu đối số bắt buộc: file"),
        (["import_fair"], "en", "Error: the following arguments are required: file"),
        (
            ["export_fair", "hoi-cho-2027", "--bogus"],
            "vi",
            "Lỗi: lệnh không nhận các đối số: --bogus",
        ),
        (
            ["personal_data", "frob", "a@example.com"],
            "vi",
            "Lỗi: đối số operation: lựa chọn không hợp lệ: 'frob' (chọn một trong 'export', "
            "'erase')",
        ),
        (
            ["personal_data", "frob", "a@example.com"],
            "en",
            "Error: argument operation: invalid choice: 'frob' (choose from 'export', 'erase')",
        ),
        (
            ["load_demo_fair", "--year", "abc"],
            "vi",
            "Lỗi: đối số --year: giá trị 'abc' không hợp lệ (cần một số nguyên)",
        ),
        (
            ["load_demo_fair", "--year", "abc"],
            "en",
            "Error: argument --year: invalid value 'abc' (a whole number is needed)",
        ),
        (["expire_applications", "--days"], "vi", "Lỗi: lệnh không nhận các đối số: --days"),
    ],
)
def test_usage_errors_speak_the_commands_language(arguments, language, said):
    with translation.override(language), pytest.raises(CommandError) as error:
        call_command(*arguments, stdout=io.StringIO())

    assert str(error.value) == said


@pytest.mark.parametrize(
    ("language", "said"),
    [("vi", "cách dùng: export_fair [-h]"), ("en", "usage: export_fair [-h]")],
)
def test_usage_line_of_a_command_run_by_call_command_names_it_once_spaced(language, said):
    from django.core.management import load_command_class

    command = load_command_class("fairportal", "export_fair")
    with translation.override(language):
        usage = command.create_parser("", "export_fair").format_usage()  # as call_command

    assert usage.startswith(said)


def test_usage_error_on_the_command_line_is_vietnamese():
    import os
    import subprocess
    import sys

    finished = subprocess.run(
        [sys.executable, "manage.py", "import_fair"],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_DEBUG": "1"},
        timeout=60,
    )

    assert finished.returncode == 2
    assert finished.stderr.startswith("cách dùng: manage.py import_fair [-h] [--slug SLUG]")
    assert finished.stderr.splitlines()[-1] == (
        "manage.py import_fair: lỗi: thiếu đối số bắt buộc: file"
    )


def test_every_command_of_the_fair_speaks_its_usage_errors_in_vietnamese():
    from pathlib import Path

    from django.core.management import load_command_class

    from fairportal.management.base import FairCommand

    root = Path(__file__).resolve().parents[2]
    commands = sorted(
        (path.parents[2].name, path.stem)
        for app in ("booths", "events", "exhibitors", "fairportal")
        for path in (root / app / "management" / "commands").glob("[!_]*.py")
    )

    assert len(commands) == 13
    assert [
        name for app, name in commands if not isinstance(load_command_class(app, name), FairCommand)
    ] == []


def test_command_help_headings_and_djangos_options_speak_vietnamese(capsys):
    with pytest.raises(SystemExit):
        call_command("export_fair", "--help")

    text = capsys.readouterr().out
    assert text.startswith("cách dùng: ")
    assert "\nđối số theo vị trí:\n" in text
    assert "\ntuỳ chọn:\n" in text
    assert "In hướng dẫn này rồi thoát." in text
    assert "Bỏ qua bước kiểm tra hệ thống." in text
    assert "Skip system checks" not in text


# --- a file import_fair cannot read, or export_fair cannot write --------------------


@pytest.mark.parametrize(
    ("content", "language", "said"),
    [
        (None, "vi", "không có tệp hoặc thư mục này"),
        (None, "en", "there is no such file or folder"),
        ("folder", "vi", "đây là một thư mục, không phải một tệp"),
        (b"\xff\xfe{", "vi", "tệp không phải văn bản UTF-8"),
        (b"\xff\xfe{", "en", "the file is not UTF-8 text"),
        (
            b'{"format":\n',
            "vi",
            "nội dung không phải JSON hợp lệ (dòng 2, cột 1): tệp bị cắt ngang hoặc bị sửa tay?",
        ),
        (
            b'{"format":\n',
            "en",
            "its content is not valid JSON (line 2, column 1): was the file cut short or "
            "edited by hand?",
        ),
    ],
)
@pytest.mark.django_db
def test_import_fair_says_in_the_commands_language_why_it_cannot_read_the_file(
    tmp_path, content, language, said
):
    path = tmp_path / "ky-hoi-cho.json"
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)

    with translation.override(language), pytest.raises(CommandError) as error:
        call_command("import_fair", str(path), stdout=io.StringIO())

    cannot_read = "Không đọc được" if language == "vi" else "Cannot read"
    assert str(error.value) == f"{cannot_read} {path}: {said}"
    assert Fair.objects.count() == 0
