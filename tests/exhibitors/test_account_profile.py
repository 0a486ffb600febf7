"""/account/ and /account/profile/: the company's own profile, edited through the service."""

import html
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from exhibitors.models import Exhibitor
from exhibitors.services import update_exhibitor_profile
from fairportal.models import AuditEntry
from tests.exhibitors.account_support import (
    ADOBE_RGB,
    beyond_pillow_pixels_upload,
    colour_keyed_png_upload,
    jpeg_with_exif_upload,
    oversized_upload,
    photo_in_colour_profile_upload,
    png_upload,
    representative,
    sixteen_bit_grey_upload,
    striped_upload,
    svg_upload,
    text_as_png_upload,
    too_many_pixels_upload,
    transparent_logo_in_colour_profile_upload,
)
from tests.factories import make_booth, make_exhibitor, make_fair, make_sector, make_user

pytestmark = pytest.mark.django_db

REMOVE_LOGO = '<input type="checkbox" name="remove_logo" id="id_remove_logo">'


def profile_post(exhibitor, **overrides):
    """The profile form as the page fills it in. The form asks for a sector: one is
    ticked for a company that has none yet, as its representative must."""
    sectors = [str(pk) for pk in exhibitor.sectors.values_list("pk", flat=True)]
    data = {
        "description_vi": exhibitor.description_vi,
        "description_en": exhibitor.description_en,
        "website": exhibitor.website,
        "email": exhibitor.email,
        "phone": exhibitor.phone,
        "address_vi": exhibitor.address_vi,
        "address_en": exhibitor.address_en or "",
        "sectors": sectors or [str(make_sector().pk)],
    }
    data.update(overrides)
    return data


def test_account_home_anonymous_redirects_to_login(client):
    response = client.get("/account/")

    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/account/"


def test_account_home_shows_company_and_links(client):
    _user, exhibitor = representative(client, name_vi="Công ty Sao Mai")
    make_booth(fair=make_fair(is_current=True), exhibitor=exhibitor, code="A07")
    make_booth(fair=make_fair(is_current=False), exhibitor=exhibitor, code="C19")  # last year

    response = client.get("/account/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Công ty Sao Mai</h1>" in body
    assert 'href="/account/profile/"' in body
    assert 'href="/account/products/"' in body
    assert 'href="/account/representatives/"' in body
    assert ">A07<" in body and ">C19<" not in body
    assert '<a href="/account/" aria-current="page">' in body
    assert '<a href="/" aria-current="page">' not in body


def test_account_home_chooser_switches_company(client):
    user = make_user()
    first = make_exhibitor(name_vi="An Phát", members=[user])
    second = make_exhibitor(name_vi="Bình Minh", members=[user])
    client.force_login(user)

    before = client.get("/account/").content.decode()
    client.post("/account/choose/", {"exhibitor": second.pk})
    after = client.get("/account/").content.decode()

    assert f'<option value="{first.pk}" selected>' in before
    assert "<h1>An Phát</h1>" in before
    assert "<h1>Bình Minh</h1>" in after
    assert client.get("/account/profile/").context["exhibitor"] == second


def test_account_choose_other_company_is_404(client):
    representative(client)
    other = make_exhibitor()

    response = client.post("/account/choose/", {"exhibitor": other.pk})

    assert response.status_code == 404


def test_account_choose_garbage_is_404(client):
    representative(client)

    assert client.post("/account/choose/", {"exhibitor": "abc"}).status_code == 404


def test_account_home_user_without_company_is_told(client):
    client.force_login(make_user())

    response = client.get("/account/")

    assert response.status_code == 200
    assert "chưa là người đại diện" in response.content.decode()


def test_profile_shows_board_fields_read_only(client):
    _user, exhibitor = representative(
        client, legal_name="Công ty TNHH Sao Mai", tax_code="0100109106"
    )

    response = client.get("/account/profile/")

    body = response.content.decode()
    assert "Công ty TNHH Sao Mai" in body
    assert "0100109106" in body
    assert 'name="legal_name"' not in body
    assert 'name="tax_code"' not in body
    assert 'name="name_vi"' not in body
    assert 'name="is_published"' not in body


def test_profile_post_ignores_board_fields(client):
    _user, exhibitor = representative(client, tax_code="0100109106")

    client.post(
        "/account/profile/",
        profile_post(exhibitor, tax_code="0100107518", name_vi="Khác", is_published=""),
    )

    exhibitor.refresh_from_db()
    assert exhibitor.tax_code == "0100109106"
    assert exhibitor.name_vi != "Khác"
    assert exhibitor.is_published is True


def test_profile_update_saves_fields_and_records_audit(client):
    user, exhibitor = representative(client)
    sector = make_sector(name_vi="Cơ khí chế tạo")

    response = client.post(
        "/account/profile/",
        profile_post(
            exhibitor,
            description_vi="Chuyên sản xuất khuôn mẫu chính xác.",
            website="https://saomai.vn",
            phone="0912 345 678",
            sectors=[sector.pk],
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == "/account/profile/"
    exhibitor.refresh_from_db()
    assert exhibitor.description_vi == "Chuyên sản xuất khuôn mẫu chính xác."
    assert exhibitor.phone == "+84912345678"
    assert list(exhibitor.sectors.all()) == [sector]
    assert "khuon mau chinh xac" in exhibitor.search_text
    assert "co khi che tao" in exhibitor.search_text
    entry = AuditEntry.objects.get(action="exhibitor.profile_updated")
    assert entry.actor == user
    assert entry.object_id == str(exhibitor.pk)
    assert sorted(entry.changes) == ["description_vi", "phone", "sectors", "website"]
    assert entry.changes["phone"] == ["", "+84912345678"]


def test_profile_unchanged_records_nothing(client):
    _user, exhibitor = representative(client, sectors=[make_sector()])

    client.post("/account/profile/", profile_post(exhibitor))

    assert AuditEntry.objects.filter(action="exhibitor.profile_updated").count() == 0


def test_profile_bad_phone_shows_error_beside_field_and_stores_nothing(client):
    _user, exhibitor = representative(client)
    before = exhibitor.description_vi

    response = client.post(
        "/account/profile/",
        profile_post(exhibitor, phone="12345", description_vi="Mô tả mới đã gõ"),
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_phone_error"' in body
    assert "Số điện thoại" in response.context["form"].errors["phone"][0]
    assert 'value="12345"' in body
    assert "Mô tả mới đã gõ" in body
    exhibitor.refresh_from_db()
    assert exhibitor.description_vi == before
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("website", "không phải địa chỉ", "trang web không hợp lệ"),
        ("email", "lienhe@", "e-mail không hợp lệ"),
    ],
)
def test_profile_bad_contact_shows_error(client, field, value, message):
    _user, exhibitor = representative(client)

    response = client.post("/account/profile/", profile_post(exhibitor, **{field: value}))

    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert f'value="{value}"' in response.content.decode()


def test_profile_logo_upload_reencodes_and_makes_thumbnail(client):
    _user, exhibitor = representative(client)

    client.post(
        "/account/profile/",
        {**profile_post(exhibitor), "logo_upload": jpeg_with_exif_upload("ten-goc.jpg")},
    )

    exhibitor.refresh_from_db()
    assert exhibitor.logo.name.startswith(f"logos/logo-{exhibitor.pk}-")
    assert "ten-goc" not in exhibitor.logo.name
    assert exhibitor.logo_thumb.name.startswith("logos/thumbs/")
    with default_storage.open(exhibitor.logo.name) as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}


def test_profile_new_logo_replaces_old_files(client, django_capture_on_commit_callbacks):
    _user, exhibitor = representative(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/profile/", {**profile_post(exhibitor), "logo_upload": png_upload()})
    exhibitor.refresh_from_db()
    old = [exhibitor.logo.name, exhibitor.logo_thumb.name]

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/profile/", {**profile_post(exhibitor), "logo_upload": png_upload()})

    exhibitor.refresh_from_db()
    assert exhibitor.logo.name not in old
    assert default_storage.exists(exhibitor.logo.name)
    assert default_storage.exists(exhibitor.logo_thumb.name)
    assert [default_storage.exists(name) for name in old] == [False, False]


@pytest.mark.parametrize(
    ("make_upload", "message"),
    [
        (text_as_png_upload, "không phải ảnh hợp lệ"),
        (svg_upload, "không phải ảnh hợp lệ"),
        (oversized_upload, "quá giới hạn 5\xa0MB"),
        (too_many_pixels_upload, "Ảnh 6001\xa0×\xa02 điểm ảnh, quá giới hạn 6000\xa0×\xa06000"),
        (
            beyond_pillow_pixels_upload,
            "Ảnh 20000\xa0×\xa020000 điểm ảnh, quá giới hạn 6000\xa0×\xa06000",
        ),
    ],
    ids=["text-named-png", "svg", "over-5mb", "over-6000px", "20000px-poster"],
)
def test_profile_bad_logo_shows_error_and_stores_nothing(client, make_upload, message):
    _user, exhibitor = representative(client)

    response = client.post(
        "/account/profile/",
        {**profile_post(exhibitor, description_vi="Đã gõ"), "logo_upload": make_upload()},
    )

    assert response.status_code == 400
    assert message in response.context["form"].errors["logo_upload"][0]
    assert 'id="id_logo_upload_error"' in response.content.decode()
    assert "Đã gõ" in response.content.decode()
    exhibitor.refresh_from_db()
    assert exhibitor.logo.name == ""
    assert exhibitor.description_vi != "Đã gõ"
    assert not default_storage.exists("logos")


def test_profile_logo_too_wide_says_so_in_words_people_use(client):
    _user, exhibitor = representative(client)
    upload = {**profile_post(exhibitor), "logo_upload": too_many_pixels_upload()}

    vietnamese = client.post("/account/profile/", upload)
    upload["logo_upload"] = too_many_pixels_upload()
    english = client.post("/en/account/profile/", upload)

    assert vietnamese.context["form"].errors["logo_upload"] == [
        "Ảnh 6001\xa0×\xa02 điểm ảnh, quá giới hạn 6000\xa0×\xa06000 điểm ảnh."
    ]
    assert english.context["form"].errors["logo_upload"] == [
        "The image is 6001\xa0×\xa02 pixels, over the 6000\xa0×\xa06000 pixel limit."
    ]
    assert "Ảnh PNG, JPEG hoặc WebP, tối đa 5\xa0MB và 6000\xa0×\xa06000 điểm ảnh." in (
        vietnamese.content.decode()
    )


def test_profile_16_bit_greyscale_logo_keeps_its_grey(client):
    _user, exhibitor = representative(client)

    response = client.post(
        "/account/profile/",
        {**profile_post(exhibitor), "logo_upload": sixteen_bit_grey_upload(level=128)},
    )

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    for name in (exhibitor.logo.name, exhibitor.logo_thumb.name):
        with default_storage.open(name) as stored:
            image = Image.open(io.BytesIO(stored.read()))
            assert image.convert("L").getpixel((20, 15)) == 128


def test_profile_logo_with_a_transparent_colour_keeps_its_transparent_background(client):
    _user, exhibitor = representative(client)

    client.post(
        "/account/profile/", {**profile_post(exhibitor), "logo_upload": colour_keyed_png_upload()}
    )

    exhibitor.refresh_from_db()
    with default_storage.open(exhibitor.logo.name) as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert image.convert("RGBA").getpixel((5, 5))[3] == 0
        assert image.convert("RGBA").getpixel((50, 50)) == (200, 30, 30, 255)


def test_profile_logo_in_adobe_rgb_keeps_its_red_and_its_transparent_background(client):
    """A designer's logo in Adobe RGB: its red (200, 60, 40) is the sRGB red
    (231, 57, 34). Read as sRGB numbers, it showed a dull brick red."""
    _user, exhibitor = representative(client)
    upload = transparent_logo_in_colour_profile_upload(ADOBE_RGB, (200, 60, 40))

    client.post("/account/profile/", {**profile_post(exhibitor), "logo_upload": upload})

    exhibitor.refresh_from_db()
    for name in (exhibitor.logo.name, exhibitor.logo_thumb.name):
        with default_storage.open(name) as stored:
            image = Image.open(io.BytesIO(stored.read()))
        assert image.format == "PNG"
        assert image.getpixel((2, 2))[3] == 0
        assert image.getpixel((image.width // 2, image.height // 2)) == (231, 57, 34, 255)
        assert "icc_profile" not in image.info


def test_profile_logo_with_an_unreadable_colour_profile_is_taken_as_it_reads(client):
    _user, exhibitor = representative(client)
    upload = photo_in_colour_profile_upload(b"not a colour profile", color=(60, 160, 60))

    response = client.post("/account/profile/", {**profile_post(exhibitor), "logo_upload": upload})

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    with default_storage.open(exhibitor.logo.name) as stored:
        red, green, blue = Image.open(io.BytesIO(stored.read())).getpixel((10, 10))
    assert abs(red - 60) <= 2 and abs(green - 160) <= 2 and abs(blue - 60) <= 2


def test_profile_palette_logo_is_shrunk_as_smoothly_as_a_full_colour_one(client):
    _user, exhibitor = representative(client)

    def stored_thumbnail(upload):
        client.post("/account/profile/", {**profile_post(exhibitor), "logo_upload": upload})
        exhibitor.refresh_from_db()
        with default_storage.open(exhibitor.logo_thumb.name) as stored:
            return stored.read()

    full_colour = stored_thumbnail(striped_upload(palette=False))
    palette = stored_thumbnail(striped_upload(palette=True))

    assert palette == full_colour


def test_profile_html_in_description_shown_as_text(client):
    _user, exhibitor = representative(client)
    client.post(
        "/account/profile/",
        profile_post(exhibitor, description_vi="<script>alert('x')</script><b>đậm</b>"),
    )

    body = client.get("/account/profile/").content.decode()

    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;đậm&lt;/b&gt;" in body


def test_update_exhibitor_profile_service_failure_leaves_no_files():
    exhibitor = make_exhibitor()

    with pytest.raises(ValidationError):
        update_exhibitor_profile(
            exhibitor=exhibitor,
            data={"website": "khong hop le"},
            logo=png_upload(),
            actor=None,
        )

    exhibitor.refresh_from_db()
    assert exhibitor.logo.name == ""
    assert not default_storage.exists("logos") or default_storage.listdir("logos")[1] == []
    assert Exhibitor.objects.get(pk=exhibitor.pk).website == ""


def test_every_account_page_carries_the_account_styles(client):
    _user, exhibitor = representative(client, name_vi="Công ty Sao Mai")

    for url in ["/account/", "/account/profile/", "/account/booths/", "/account/meetings/"]:
        body = client.get(url).content.decode()
        assert "/static/css/account.css" in body, url


def test_profile_form_shows_the_saved_phone_as_people_write_it(client):
    _user, exhibitor = representative(client)
    Exhibitor.objects.filter(pk=exhibitor.pk).update(phone="+842438251234")

    vietnamese = client.get("/account/profile/").content.decode()
    english = client.get("/en/account/profile/").content.decode()

    assert '<input type="tel" name="phone" value="024 3825 1234"' in vietnamese
    assert '<input type="tel" name="phone" value="+84 24 3825 1234"' in english


def test_profile_logo_can_be_removed_and_the_public_profile_shows_the_placeholder_at_once(
    client, django_capture_on_commit_callbacks
):
    user, exhibitor = representative(client, name_vi="Sao Mai", slug="sao-mai")
    make_booth(fair=make_fair(is_current=True), exhibitor=exhibitor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/profile/", {**profile_post(exhibitor), "logo_upload": png_upload()})
    exhibitor.refresh_from_db()
    files = [exhibitor.logo.name, exhibitor.logo_thumb.name]
    visitor = Client()
    visitor.get("/exhibitors/sao-mai/")
    cached = visitor.get("/exhibitors/sao-mai/")
    form_page = client.get("/account/profile/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/profile/", {**profile_post(exhibitor), "remove_logo": "on"}
        )

    public = visitor.get("/exhibitors/sao-mai/")
    exhibitor.refresh_from_db()
    assert REMOVE_LOGO in form_page
    assert cached["X-Cache"] == "hit"
    assert f'src="/media/{files[1]}"' in cached.content.decode()
    assert response.status_code == 302
    assert (exhibitor.logo.name, exhibitor.logo_thumb.name) == ("", "")
    assert [default_storage.exists(name) for name in files] == [False, False]
    entry = AuditEntry.objects.filter(action="exhibitor.profile_updated").order_by("pk").last()
    assert (entry.actor, entry.changes) == (user, {"logo": [files[0], ""]})
    assert public["X-Cache"] == "miss"
    assert files[1] not in public.content.decode()
    assert '<span class="logo-placeholder logo-placeholder-large" aria-hidden="true">S</span>' in (
        public.content.decode()
    )
    assert "remove_logo" not in client.get("/account/profile/").content.decode()


def test_profile_remove_box_in_english(client, django_capture_on_commit_callbacks):
    _user, exhibitor = representative(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/profile/", {**profile_post(exhibitor), "logo_upload": png_upload()})

    body = client.get("/en/account/profile/").content.decode()

    assert '<label for="id_remove_logo">Remove the current logo:</label>' in body


def test_profile_new_logo_and_remove_together_asks_which_and_changes_nothing(
    client, django_capture_on_commit_callbacks
):
    _user, exhibitor = representative(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/profile/", {**profile_post(exhibitor), "logo_upload": png_upload()})
    exhibitor.refresh_from_db()
    before = exhibitor.logo.name

    response = client.post(
        "/account/profile/",
        {**profile_post(exhibitor), "logo_upload": png_upload(), "remove_logo": "on"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["remove_logo"] == [
        "Hãy chọn ảnh mới hoặc bỏ ảnh hiện tại, không chọn cả hai."
    ]
    exhibitor.refresh_from_db()
    assert exhibitor.logo.name == before
    assert default_storage.exists(before)


@pytest.mark.parametrize(
    ("name_en", "shown"),
    [
        ("Sao Mai Co.", '<span lang="vi">Sao Mai</span> <span lang="en">(Sao Mai Co.)</span>'),
        ("Sao Mai", '<span lang="vi">Sao Mai</span></dd>'),  # approval copies a missing one
        ("", '<span lang="vi">Sao Mai</span></dd>'),
    ],
)
def test_profile_trading_name_gives_english_name_only_when_it_differs(client, name_en, shown):
    _user, _exhibitor = representative(client, name_vi="Sao Mai", name_en=name_en)

    response = client.get("/account/profile/")

    assert shown in response.content.decode()


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        (
            "",
            [
                "Hãy viết vài dòng giới thiệu doanh nghiệp bằng tiếng Việt: trang hồ sơ công "
                "khai hiển thị phần này.",
                "Hãy nhập địa chỉ doanh nghiệp bằng tiếng Việt, ví dụ Lô 12, KCN Quang Minh, "
                "Mê Linh, Hà Nội.",
                "Hãy chọn ít nhất một ngành: khách tìm doanh nghiệp theo ngành.",
            ],
        ),
        (
            "/en",
            [
                "Write a few lines about the company in Vietnamese: the public profile shows them.",
                "Enter the company’s address in Vietnamese, e.g. Lô 12, KCN Quang Minh, "
                "Mê Linh, Hà Nội.",
                "Choose at least one sector: visitors look for companies by sector.",
            ],
        ),
    ],
    ids=["vi", "en"],
)
def test_profile_without_vietnamese_description_address_or_sector_is_refused_and_kept(
    client, prefix, said
):
    sector = make_sector(name_vi="Cơ khí", name_en="Engineering")
    _user, exhibitor = representative(
        client,
        description_vi="Sản xuất khuôn mẫu.",
        address_vi="KCN Thăng Long, Đông Anh, Hà Nội",
        sectors=[sector],
    )

    response = client.post(
        f"{prefix}/account/profile/",
        profile_post(
            exhibitor,
            description_vi="   ",
            description_en="Moulds and dies.",
            address_vi="",
            sectors=[],
            website="https://khuon.example.vn",
        ),
    )

    exhibitor.refresh_from_db()
    assert response.status_code == 400
    assert [
        response.context["form"].errors[name][0]
        for name in (
            "description_vi",
            "address_vi",
            "sectors",
        )
    ] == said
    for message in said:
        assert message in response.text
    # Nothing half-written; what was typed is still on the page.
    assert exhibitor.description_vi == "Sản xuất khuôn mẫu."
    assert exhibitor.description_en == "A manufacturer in an industrial zone."
    assert exhibitor.website == ""
    assert list(exhibitor.sectors.all()) == [sector]
    assert "Moulds and dies." in response.text
    assert AuditEntry.objects.filter(action="exhibitor.profile_updated").count() == 0


def test_profile_with_description_address_and_sector_is_saved_and_shown_publicly(client):
    sector = make_sector(name_vi="Cơ khí", name_en="Engineering")
    _user, exhibitor = representative(client, description_vi="", address_vi="")

    response = client.post(
        "/account/profile/",
        profile_post(
            exhibitor,
            description_vi="Sản xuất khuôn mẫu chính xác.",
            address_vi="Lô 5, KCN Thăng Long, Đông Anh, Hà Nội",
            sectors=[str(sector.pk)],
        ),
    )
    public = Client().get(exhibitor.get_absolute_url()).content.decode()

    assert response.status_code == 302
    assert "Sản xuất khuôn mẫu chính xác." in public
    assert "Lô 5, KCN Thăng Long, Đông Anh, Hà Nội" in public
    assert "Cơ khí" in public


@pytest.mark.parametrize(
    ("prefix", "said"), [("", "Quốc gia của nhà đầu tư"), ("/en", "Investor's country")]
)
def test_account_profile_names_the_investors_country_as_the_apply_form_asks_it(
    client, prefix, said
):
    make_fair(is_current=True)
    representative(client, origin_country="JP")

    profile = client.get(f"{prefix}/account/profile/").content.decode()
    apply_form = html.unescape(Client().get(f"{prefix}/booths/apply/").content.decode())

    assert f"<dt>{said}</dt><dd>" in profile
    assert f">{said}:</label>" in apply_form


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        ("", "Cần sửa các thông tin này? Hãy liên hệ Ban tổ chức tại {link}."),
        ("/en", "Need to change these details? Please write to the organisers at {link}."),
    ],
)
def test_account_profile_says_where_to_ask_the_board_to_change_its_fields(
    client, settings, prefix, said
):
    representative(client)
    link = f'<a href="mailto:{settings.BOARD_EMAIL}">{settings.BOARD_EMAIL}</a>'

    page = client.get(f"{prefix}/account/profile/").content.decode()

    assert f'<p class="muted">{said.format(link=link)}</p>' in page
