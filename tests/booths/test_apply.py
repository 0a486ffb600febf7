"""Applying for a booth: every rule of the form, the confirmation page and e-mail."""

import datetime
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from booths.models import BoothApplication
from fairportal.models import AuditEntry
from fairportal.tokens import hash_token
from tests.booths.helpers import png_upload
from tests.factories import make_booth, make_exhibitor

pytestmark = pytest.mark.django_db

APPLY = "/booths/apply/"


def post(client, payload, **files):
    return client.post(APPLY, {**payload, **files})


def test_apply_page_lists_free_booths_with_kind_size_price_and_vat(client, booths):
    response = client.get(APPLY)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{booths["A01"].pk}"' in html
    assert f'value="{booths["A03"].pk}"' not in html  # kept by the board: not offered
    assert "15.000.000\u00a0₫" in html
    assert "22.500.000\u00a0₫" in html
    assert "chưa gồm VAT" in html
    assert '<td role="cell">3 × 3 m</td>' in html  # no ",0": the size as the admin writes it


def test_apply_page_preselects_booth_from_query(client, booths):
    response = client.get(APPLY + "?booth=b01")

    html = response.content.decode()
    assert re.search(
        rf'value="{booths["B01"].pk}" id="id_booth_{booths["B01"].pk}"[^>]*checked', html
    )
    assert not re.search(rf'value="{booths["A01"].pk}"[^>]*checked', html)
    assert '<option value="corner" selected>' in html


def test_apply_valid_form_stores_application_and_shows_reference_and_total(
    client, payload, booths, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, {**payload, "logo": png_upload()}, follow=True)

    application = BoothApplication.objects.get()
    html = response.content.decode()
    assert response.redirect_chain == [("/booths/apply/done/", 302)]
    assert re.fullmatch(r"HC2024-[ACDEFGHJKMNPQRTUVWXY34679]{4}", application.reference)
    assert application.reference in html
    assert "30.000.000\u00a0₫" in html  # A01 + A02
    assert application.email == "hoa@quangminh.example.vn"
    assert application.phone == "+84912345678"
    assert application.tax_code == "0100109106"
    assert application.language == "vi"
    assert application.consent_at is not None
    assert application.email_confirmed_at is None
    assert application.status == "submitted"
    assert sorted(b.code for b in application.preferred_booths.all()) == ["A01", "A02"]
    assert [s.slug for s in application.sectors.all()] == ["dien-tu"]
    assert application.logo.name.startswith("applications/application-")
    assert AuditEntry.objects.filter(action="application.submitted").count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hoa@quangminh.example.vn"]
    assert application.reference in mail.outbox[0].subject
    link = re.search(r"https://hoicho\.example\.vn/booths/applications/(\S+)/", mail.outbox[0].body)
    assert link is not None
    assert application.token_hash == hash_token(link.group(1))
    assert link.group(1) not in html


@pytest.mark.parametrize(
    ("count", "says"),
    [
        ("2", "1 booth not yet chosen, counted at the lowest price of this type"),
        ("3", "2 booths not yet chosen, counted at the lowest price of this type"),
    ],
)
def test_apply_done_in_english_counts_the_booths_not_yet_chosen_in_good_english(
    client, payload, booths, count, says
):
    payload = {**payload, "booth_count": count, "preferred_booths": [str(booths["A01"].pk)]}

    response = client.post("/en" + APPLY, payload, follow=True)

    assert says in response.content.decode()
    assert "booth(s)" not in response.content.decode()


def test_apply_in_english_records_language_and_links_english_status_page(
    client, payload, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en" + APPLY, payload)

    assert response.status_code == 302
    assert BoothApplication.objects.get().language == "en"
    assert "https://hoicho.example.vn/en/booths/applications/" in mail.outbox[0].body
    # The company is named as the applicant wrote it in English.
    assert "from Quang Minh Electronics." in mail.outbox[0].body
    # The sender's name is in English too; the address is the portal's.
    assert (
        mail.outbox[0].from_email == "Hanoi Industrial Zones Fair <no-reply@hoicho-kcn.example.vn>"
    )


def test_apply_in_vietnamese_is_sent_by_the_vietnamese_name(
    client, payload, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(APPLY, payload)

    assert mail.outbox[0].from_email == "Hội chợ KCN Hà Nội <no-reply@hoicho-kcn.example.vn>"


def test_apply_estimates_total_for_booths_not_chosen(client, payload, booths):
    client.post(APPLY, {**payload, "preferred_booths": [str(booths["A01"].pk)], "booth_count": "3"})

    html = client.get("/booths/apply/done/").content.decode()
    assert "15.000.000\u00a0₫" in html
    assert "45.000.000\u00a0₫" in html  # A01 and two more standard booths at 15.000.000


def test_apply_done_names_each_ticked_booths_kind_and_the_kind_of_the_rest(client, payload, booths):
    # A corner booth ticked, two booths asked for, "standard" as the kind: the summary
    # says the corner booth is a corner and the other one is to be a standard booth.
    client.post(APPLY, {**payload, "preferred_booths": [str(booths["B01"].pk)]})

    html = client.get("/booths/apply/done/").content.decode()
    assert "<dt>Số gian</dt><dd>2</dd>" in html
    assert "<dt>Loại cho 1 gian còn lại</dt><dd>Tiêu chuẩn</dd>" in html
    assert "Tiêu chuẩn × 2" not in html


def test_apply_done_has_no_kind_line_when_every_booth_is_ticked(client, payload):
    client.post(APPLY, payload)  # A01 and A02, two booths

    html = client.get("/booths/apply/done/").content.decode()
    assert "<dt>Số gian</dt><dd>2</dd>" in html
    assert "còn lại" not in html
    assert "<dt>Loại gian</dt>" not in html


def test_apply_more_booths_ticked_than_asked_for_rejected(client, payload):
    response = post(client, {**payload, "booth_count": "1"})

    assert_rejected(
        response,
        "preferred_booths",
        "Bạn đã chọn 2 gian trong bảng nhưng số gian là 1. Hãy tăng số gian hoặc bỏ bớt",
    )


def test_apply_more_booths_ticked_than_asked_for_rejected_in_english(client, payload):
    response = client.post("/en" + APPLY, {**payload, "booth_count": "1"})

    assert response.status_code == 400
    assert "You ticked 2 booths in the table but asked for 1. Raise" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"contact_name": "Hoa\x00"}, "contact_name", "Không được có ký tự rỗng (NUL)."),
        ({"preferred_booths": ["abc"]}, "preferred_booths", "“abc” không phải là giá trị hợp lệ."),
    ],
)
def test_apply_tampered_values_are_told_in_vietnamese(client, payload, changes, field, message):
    assert_rejected(post(client, {**payload, **changes}), field, message)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "lan@"}, "email", "Địa chỉ e-mail không hợp lệ, ví dụ ten@congty.vn"),
        ({"legal_name": "C" * 301}, "legal_name", "Tối đa 300 ký tự (bạn đã nhập 301)."),
        (
            {"website": "https://"},
            "website",
            "Địa chỉ trang web không hợp lệ, ví dụ https://www.congty.vn",
        ),
        # Django's Vietnamese says "Nhập một số tổng thể." ("an overall number").
        ({"booth_count": "1,5"}, "booth_count", "Nhập một số nguyên, ví dụ 2."),
    ],
)
def test_apply_mistakes_are_worded_as_the_site_writes(client, payload, changes, field, message):
    response = post(client, {**payload, **changes})

    assert_rejected(response, field, message)
    assert response.context["form"].errors[field] == [message]


def test_apply_booth_count_not_a_whole_number_is_told_in_english(client, payload):
    response = client.post("/en" + APPLY, {**payload, "booth_count": "two"})

    assert response.status_code == 400
    assert response.context["form"].errors["booth_count"] == ["Enter a whole number, e.g. 2."]


def assert_rejected(response, field, message):
    assert response.status_code == 400
    assert BoothApplication.objects.count() == 0
    errors = response.context["form"].errors
    assert field in errors, errors
    assert any(message in error for error in errors[field]), errors[field]


@pytest.mark.parametrize(
    ("tax_code", "message"),
    [
        ("010010910", "Mã số thuế gồm 10 chữ số"),
        ("01001091060", "Mã số thuế gồm 10 chữ số"),
        ("0100109106-12", "Mã số thuế gồm 10 chữ số"),
        ("01001O9106", "Mã số thuế gồm 10 chữ số"),
        ("0100109107", "chữ số kiểm tra"),
    ],
)
def test_apply_bad_tax_code_is_form_error(client, payload, tax_code, message):
    assert_rejected(post(client, {**payload, "tax_code": tax_code}), "tax_code", message)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("０１００１０９１０６", "0100109106"), ("０１００１０９１０６－００１", "0100109106-001")],
)
def test_apply_full_width_tax_code_is_the_same_company(client, payload, typed, stored):
    # Typed with an East Asian keyboard: the same tax code, so the same company.
    response = post(client, {**payload, "tax_code": typed})

    assert response.status_code == 302
    assert BoothApplication.objects.get().tax_code == stored


def test_apply_tax_code_in_other_scripts_digits_is_refused(client, payload):
    assert_rejected(
        post(client, {**payload, "tax_code": "٠١٠٠١٠٩١٠٦"}), "tax_code", "gồm 10 chữ số"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "0100109106-001",
        # Without the dash, with a space for it, or with the dash a word processor
        # or a PDF puts there: the same branch.
        "0100109106001",
        "0100109106 001",
        "0100109106\u2013001",
        "0100109106\u2011001",
    ],
)
def test_apply_branch_tax_code_accepted(client, payload, typed):
    response = post(client, {**payload, "tax_code": typed})

    assert response.status_code == 302
    assert BoothApplication.objects.get().tax_code == "0100109106-001"


def test_apply_thirteen_digits_whose_first_ten_are_no_tax_code_are_refused(client, payload):
    assert_rejected(
        post(client, {**payload, "tax_code": "0100109107001"}), "tax_code", "chữ số kiểm tra"
    )


@pytest.mark.parametrize(
    ("phone", "stored"),
    [("024 3826 1234", "+842438261234"), ("+84 912 345 678", "+84912345678")],
)
def test_apply_phone_stored_in_e164(client, payload, phone, stored):
    post(client, {**payload, "phone": phone})

    assert BoothApplication.objects.get().phone == stored


def test_apply_bad_phone_is_form_error(client, payload):
    assert_rejected(post(client, {**payload, "phone": "091234"}), "phone", "không hợp lệ")


def test_apply_text_file_named_png_is_not_an_image(client, payload):
    fake = SimpleUploadedFile("logo.png", b"this is not an image at all", content_type="image/png")

    assert_rejected(post(client, payload, logo=fake), "logo", "không phải ảnh hợp lệ")


def test_apply_jpeg_cut_short_is_a_form_error_not_a_server_error(client, payload):
    # A photo whose upload broke off: its headers are whole, its picture is not.
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 80).convert("RGB").save(buffer, format="JPEG")
    data = buffer.getvalue()
    cut = SimpleUploadedFile("logo.jpg", data[: len(data) * 9 // 10], content_type="image/jpeg")

    assert_rejected(post(client, payload, logo=cut), "logo", "không phải ảnh hợp lệ")


def test_apply_svg_logo_rejected(client, payload):
    svg = SimpleUploadedFile(
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )

    assert_rejected(post(client, payload, logo=svg), "logo", "không phải ảnh hợp lệ")


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "Ảnh 5,1\xa0MB, quá giới hạn 5\xa0MB."),
        ("/en", "The image is 5.1\xa0MB, over the 5\xa0MB limit."),
    ],
)
def test_apply_logo_over_5_mb_rejected_saying_its_size(client, payload, prefix, message):
    # A real picture saved uncompressed: 1180 rows of 4501 bytes, 5.07 MB with its chunks.
    buffer = io.BytesIO()
    Image.new("RGB", (1500, 1180), "navy").save(buffer, format="PNG", compress_level=0)
    big = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")

    response = client.post(prefix + APPLY, {**payload, "logo": big})

    assert_rejected(response, "logo", message)
    assert response.context["form"].errors["logo"] == [message]


def test_apply_logo_over_6000_pixels_rejected(client, payload):
    wide = png_upload(size=(6001, 2))

    assert_rejected(
        post(client, payload, logo=wide),
        "logo",
        "Ảnh 6001\xa0×\xa02 điểm ảnh, quá giới hạn 6000\xa0×\xa06000 điểm ảnh.",
    )


def test_apply_logo_help_gives_both_limits_as_the_account_forms_do(client, booths):
    vietnamese = client.get(APPLY).content.decode()
    english = client.get("/en" + APPLY).content.decode()

    assert "Ảnh PNG, JPEG hoặc WebP, tối đa 5\xa0MB và 6000\xa0×\xa06000 điểm ảnh." in vietnamese
    assert "PNG, JPEG or WebP image, up to 5\xa0MB and 6000\xa0×\xa06000 pixels." in english


def test_apply_logo_metadata_dropped_and_name_generated(client, payload):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    image = Image.new("RGB", (30, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera maker
    image.save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile(
        "Giám đốc's photo.jpg", buffer.getvalue(), content_type="image/jpeg"
    )

    post(client, payload, logo=upload)

    application = BoothApplication.objects.get()
    with application.logo.open("rb") as stored:
        data = stored.read()
    assert b"SecretCam" not in data
    assert "photo" not in application.logo.name


def test_apply_more_than_three_preferences_rejected(client, payload, fair):
    from tests.factories import make_booth

    extra = [make_booth(fair=fair, code=f"C0{n}", hall="C") for n in range(1, 3)]
    chosen = payload["preferred_booths"] + [str(b.pk) for b in extra]

    response = post(client, {**payload, "preferred_booths": chosen})

    assert_rejected(response, "preferred_booths", "Chọn tối đa 3 gian mong muốn.")


def test_apply_booth_taken_meanwhile_rejected_naming_it(client, payload, booths):
    booths["A02"].exhibitor = make_exhibitor()
    booths["A02"].save()

    response = post(client, payload)

    assert_rejected(response, "preferred_booths", "Gian A02 vừa có doanh nghiệp khác nhận")
    html = response.content.decode()
    assert 'value="Điện tử Quang Minh"' in html  # what was typed is kept


def test_apply_booth_of_another_fair_rejected(client, payload):
    from tests.factories import make_booth

    other = make_booth(code="A01")

    response = post(client, {**payload, "preferred_booths": [str(other.pk)]})

    assert response.status_code == 400
    assert "preferred_booths" in response.context["form"].errors


def test_apply_without_consent_rejected(client, payload):
    data = dict(payload)
    del data["consent"]

    assert_rejected(post(client, data), "consent", "Cần có sự đồng ý của bạn")


@pytest.mark.parametrize("count", ["0", "5"])
def test_apply_booth_count_outside_1_to_4_rejected(client, payload, count):
    response = post(client, {**payload, "booth_count": count})

    assert response.status_code == 400
    assert "booth_count" in response.context["form"].errors
    # Django's own Vietnamese puts a space before the full stop; ours does not.
    limit = "Giá trị này phải nhỏ hơn hoặc bằng 4." if count == "5" else "lớn hơn hoặc bằng 1."
    assert limit in response.context["form"].errors["booth_count"][0]


def test_apply_honeypot_filled_rejected(client, payload):
    response = post(client, {**payload, "website_url": "http://spam.example"})

    assert_rejected(response, "website_url", "Không gửi được biểu mẫu")


def test_apply_over_rate_limit_answers_429_and_mistakes_do_not_count(
    client, payload, settings, fair
):
    settings.RATE_LIMITS = {"form": (300, 2, 3600)}
    invalid = {**payload, "consent": ""}
    other = {**payload, "tax_code": "0100107518", "trading_name_vi": "Nhựa Sóc Sơn"}
    third = {**payload, "tax_code": "0100109106-001", "trading_name_vi": "Cơ khí Thăng Long"}

    mistakes = [post(client, invalid).status_code for _ in range(5)]
    codes = [post(client, data).status_code for data in (payload, other, third)]

    assert mistakes == [400] * 5
    assert codes[:2] == [302, 302] and codes[2] == 429
    assert BoothApplication.objects.count() == 2


def test_apply_without_csrf_token_forbidden(payload):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(APPLY, payload)

    assert response.status_code == 403
    assert BoothApplication.objects.count() == 0


def test_apply_html_in_text_fields_shown_as_text(client, payload):
    client.post(APPLY, {**payload, "trading_name_vi": "<b>Đậm</b><script>x()</script>"})

    html = client.get("/booths/apply/done/").content.decode()
    assert "&lt;b&gt;Đậm&lt;/b&gt;&lt;script&gt;x()&lt;/script&gt;" in html
    assert "<script>x()" not in html


def test_apply_done_without_application_goes_back_to_form(client, fair):
    response = client.get("/booths/apply/done/")

    assert response.status_code == 302
    assert response["Location"] == reverse("booths:apply")


def test_apply_when_applications_closed_stores_nothing(client, payload, fair):
    fair.applications_open = False
    fair.save()

    response = post(client, payload)

    assert response.status_code == 400
    assert BoothApplication.objects.count() == 0


def test_after_the_fair_booth_applications_are_closed(client, payload, fair, fair_clock):
    fair_clock.set(datetime.datetime(2024, 9, 23, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))

    page = client.get(APPLY).content.decode()
    response = post(client, payload)
    plan = client.get("/floor-plan/").content.decode()

    assert "Kỳ hội chợ này đã ngừng nhận đăng ký gian hàng." in page
    assert 'name="tax_code"' not in page
    assert response.status_code == 400
    assert BoothApplication.objects.count() == 0
    assert "/booths/apply/?booth=" not in plan  # no "Đăng ký gian A01" left on the plan
    assert "Kỳ hội chợ này đã ngừng nhận đăng ký gian hàng." in plan


def test_on_the_last_day_of_the_fair_applications_are_still_taken(
    client, payload, fair, fair_clock
):
    fair_clock.set(datetime.datetime(2024, 9, 22, 16, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))

    assert post(client, payload).status_code == 302


LOGO_AGAIN = "Tệp logo bạn đã chọn chưa được lưu vì hồ sơ còn lỗi. Hãy chọn lại tệp trước khi gửi."


def test_apply_error_elsewhere_asks_to_choose_the_logo_again(client, payload, booths):
    with_logo = post(client, {**payload, "tax_code": "0100109107"}, logo=png_upload())
    without_logo = post(client, {**payload, "tax_code": "0100109107"})
    bad_logo = post(
        client, payload, logo=SimpleUploadedFile("logo.png", b"not an image", "image/png")
    )

    assert with_logo.status_code == 400
    assert LOGO_AGAIN in with_logo.content.decode()
    assert LOGO_AGAIN not in without_logo.content.decode()
    assert LOGO_AGAIN not in bad_logo.content.decode()
    assert BoothApplication.objects.count() == 0


def test_apply_error_elsewhere_asks_for_the_logo_again_in_english(client, payload, booths):
    response = client.post(
        "/en" + APPLY, {**payload, "tax_code": "0100109107", "logo": png_upload()}
    )

    assert (
        "The logo file you chose was not kept because the application has errors. "
        "Please choose the file again before sending." in response.content.decode()
    )


@pytest.mark.parametrize(
    ("prefix", "lead"),
    [
        ("", "1 gian có doanh nghiệp trưng bày tại"),
        ("/en", "1 booth has an exhibitor at"),
    ],
)
def test_a_closed_fair_s_floor_plan_counts_the_exhibitors_not_booths_on_offer(
    client, fair, booths, prefix, lead
):
    # "3 booths available" next to "no longer accepting applications" pulled two ways.
    booths["A01"].exhibitor = make_exhibitor()
    booths["A01"].save()
    fair.applications_open = False
    fair.save()

    plan = " ".join(client.get(f"{prefix}/floor-plan/").content.decode().split())

    assert lead in plan
    assert "gian trống tại" not in plan and "booths available at" not in plan


def test_apply_done_offers_to_send_again_with_the_form_filled_when_the_email_was_mistyped(
    client, payload, booths
):
    # A typo in the e-mail means the confirmation link never arrives: the company
    # corrects the address without typing the whole application again.
    client.post(APPLY, {**payload, "email": "hoa@quangminh.exmple.vn"})

    done = client.get("/booths/apply/done/").content.decode()
    again = client.get(APPLY + "?again=1")
    form = again.context["form"]

    assert (
        'Sai địa chỉ e-mail? <a href="/booths/apply/?again=1">Gửi lại hồ sơ với địa chỉ '
        "đúng</a>: các thông tin khác đã được điền sẵn; hồ sơ chưa xác nhận này sẽ tự hết hạn."
    ) in done
    assert form["legal_name"].value() == "Công ty TNHH Điện tử Quang Minh"
    assert form["email"].value() == "hoa@quangminh.exmple.vn"
    assert form["phone"].value() == "+84912345678"
    assert [str(pk) for pk in form["sectors"].value()] == payload["sectors"]
    assert form["booth_count"].value() == 2
    assert form.selected_codes() == {"A01", "A02"}
    assert form["consent"].value() is None


@pytest.mark.parametrize(
    ("prefix", "note"),
    [
        ("", "Logo của hồ sơ trước được gửi kèm; chọn tệp khác nếu muốn thay."),
        (
            "/en",
            "The logo of your earlier application goes with this one; choose another file to replace it.",
        ),
    ],
)
def test_apply_again_sends_the_earlier_logo_unless_another_is_chosen(
    client, payload, booths, prefix, note
):
    # A browser never fills a file input: the company correcting its e-mail would
    # otherwise send the application again without the logo it had chosen.
    client.post(
        prefix + APPLY, {**payload, "email": "hoa@quangminh.exmple.vn", "logo": png_upload()}
    )
    earlier = BoothApplication.objects.get()

    again = client.get(prefix + APPLY + "?again=1").content.decode()
    form = {**payload, "email": "hoa@quangminh.example.vn", "again": "1", "keep_earlier_logo": "1"}
    client.post(prefix + APPLY, form)

    resent = BoothApplication.objects.exclude(pk=earlier.pk).get()
    assert resent.logo.name not in ("", earlier.logo.name)
    with resent.logo.open("rb") as stored:
        assert Image.open(stored).size == (40, 20)
    assert note in again


def test_apply_again_keeps_no_logo_from_another_browsers_application(client, payload, booths):
    client.post(APPLY, {**payload, "email": "hoa@quangminh.exmple.vn", "logo": png_upload()})
    other = Client()

    again = {"again": "1", "keep_earlier_logo": "1"}
    other.post(APPLY, {**payload, "email": "an@quangminh.example.vn", **again})

    assert BoothApplication.objects.get(email="an@quangminh.example.vn").logo.name == ""


def test_apply_again_in_english_links_the_english_form(client, payload, booths):
    client.post("/en" + APPLY, payload)

    done = client.get("/en/booths/apply/done/").content.decode()

    assert (
        'Wrong e-mail address? <a href="/en/booths/apply/?again=1">Send the application '
        "again with the right address</a>: everything else is filled in for you; this "
        "unconfirmed application will expire by itself."
    ) in done


def test_apply_again_fills_nothing_for_another_browser(client, payload, booths):
    client.post(APPLY, payload)
    other = Client()

    form = other.get(APPLY + "?again=1").context["form"]

    assert form["legal_name"].value() is None


def test_apply_form_chooses_no_zone_beforehand_and_offers_outside_as_a_choice(client, booths):
    html = client.get(APPLY).content.decode()

    assert '<option value="" selected>— Chưa chọn —</option>' in html
    assert '<option value="outside">Ngoài các khu công nghiệp</option>' in html
    assert "Khu công nghiệp (không bắt buộc)" not in html


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "Hãy chọn khu công nghiệp của doanh nghiệp, hoặc “Ngoài các khu công nghiệp”."),
        ("/en", "Choose your company's industrial zone, or “Outside the industrial zones”."),
    ],
)
def test_apply_zone_left_unchosen_is_a_form_error_not_outside(client, payload, prefix, message):
    response = client.post(prefix + APPLY, {**payload, "zone": ""})

    assert_rejected(response, "zone", message)


def test_apply_outside_the_zones_chosen_is_stored_as_no_zone_and_refilled_as_outside(
    client, payload, booths
):
    client.post(APPLY, {**payload, "zone": "outside"})

    application = BoothApplication.objects.get()
    again = client.get(APPLY + "?again=1").content.decode()
    assert application.zone is None
    assert '<option value="outside" selected>Ngoài các khu công nghiệp</option>' in again


def test_apply_zone_that_is_no_zone_is_a_form_error(client, payload):
    response = client.post(APPLY, {**payload, "zone": "999999"})

    assert_rejected(response, "zone", "Hãy chọn một lựa chọn hợp lệ.")


@pytest.mark.parametrize(("prefix", "size"), [("", "4,5 × 3 m"), ("/en", "4.5 × 3 m")])
def test_booth_sizes_read_the_same_on_the_apply_page_the_plan_and_the_admin(
    client, fair, prefix, size
):
    make_booth(fair=fair, code="C01", hall="C", width_m=Decimal("4.5"), depth_m=Decimal("3"))

    apply_page = client.get(prefix + APPLY).content.decode()
    plan = client.get(prefix + "/floor-plan/").content.decode()

    assert f'<td role="cell">{size}</td>' in apply_page
    assert size in plan
    assert "4,50" not in plan and "4.50" not in plan and "3,0 m" not in plan


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "Hãy chọn quốc gia của nhà đầu tư (Việt Nam nếu vốn trong nước)."),
        ("/en", "Choose the investor's country (Vietnam for a domestic company)."),
    ],
)
def test_apply_investor_country_is_chosen_not_assumed(client, payload, prefix, message):
    page = client.get(prefix + APPLY).content.decode()
    response = client.post(prefix + APPLY, {**payload, "origin_country": ""})

    assert '<option value="" selected>' in page.split('name="origin_country"')[1][:200]
    assert_rejected(response, "origin_country", message)


def test_apply_investor_country_goes_to_the_company_on_approval(client, payload, booths):
    from booths import services
    from tests.factories import make_user

    client.post("/en" + APPLY, {**payload, "origin_country": "JP"})
    application = BoothApplication.objects.get()
    application.email_confirmed_at = application.created_at
    application.save()

    services.approve_application(
        application=application, booths=[booths["A01"]], reviewer=make_user(is_staff=True)
    )

    application.refresh_from_db()
    assert application.origin_country == "JP"
    assert application.exhibitor.origin_country == "JP"


def test_apply_again_without_the_earlier_logo_when_its_box_is_unticked(client, payload, booths):
    client.post(APPLY, {**payload, "email": "hoa@quangminh.exmple.vn", "logo": png_upload()})
    again = client.get(APPLY + "?again=1").content.decode()
    assert 'name="keep_earlier_logo" value="1" id="id_keep_earlier_logo" checked' in again

    client.post(APPLY, {**payload, "email": "hoa@quangminh.example.vn", "again": "1"})

    assert BoothApplication.objects.get(email="hoa@quangminh.example.vn").logo.name == ""


def test_apply_again_with_an_error_shows_whether_the_earlier_logo_goes_with_it(
    client, payload, booths
):
    # A new file chosen, then an error: the page says the file must be chosen again,
    # and shows the box that sends the earlier logo meanwhile, as the company left it.
    client.post(APPLY, {**payload, "email": "hoa@quangminh.exmple.vn", "logo": png_upload()})
    wrong = {**payload, "email": "không-phải-email", "again": "1", "logo": png_upload()}

    kept = client.post(APPLY, {**wrong, "keep_earlier_logo": "1"}).content.decode()
    unticked = client.post(APPLY, {**wrong, "logo": png_upload()}).content.decode()

    assert "Hãy chọn lại tệp trước khi gửi." in kept
    assert 'id="id_keep_earlier_logo" checked' in kept
    assert 'id="id_keep_earlier_logo">' in unticked  # shown, not ticked
