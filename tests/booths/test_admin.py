"""The board in the Django admin: list, approve page, reject, waitlist, booths."""

import csv
import html
import importlib
import io
import re
import unicodedata
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from booths import services
from booths.models import Booth, BoothApplication
from fairportal.models import AuditEntry
from tests.booths.helpers import png_upload
from tests.factories import (
    make_application,
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_sector,
    make_user,
    make_zone,
)

pytestmark = pytest.mark.django_db

LIST = "/admin/booths/boothapplication/"


def confirmed(fair, **kwargs):
    kwargs.setdefault("email_confirmed_at", timezone.now())
    return make_application(fair=fair, **kwargs)


def profile_rows(page):
    """The approve page's rows of profile changes: (field, now, from the application)."""
    return re.findall(r'<tr><th scope="row">([^<]+)</th><td>([^<]*)</td><td>([^<]*)</td>', page)


def test_application_list_shows_preferred_booths_and_filters(board_client, fair, booths, sector):
    first = confirmed(fair, trading_name_vi="Canon Việt Nam", tax_code="0100109106")
    first.preferred_booths.set([booths["B01"], booths["A01"]])
    first.sectors.set([sector])
    confirmed(
        fair, trading_name_vi="TOTO Việt Nam", status="waitlisted", booth_count=3
    ).preferred_booths.set([booths["A02"]])

    html = board_client.get(LIST).content.decode()
    waitlisted = board_client.get(LIST + "?status__exact=waitlisted").content.decode()
    searched = board_client.get(LIST + "?q=0100109106").content.decode()
    by_sector = board_client.get(LIST + f"?sectors__id__exact={sector.pk}").content.decode()

    # Each ticked booth with its own kind; the chosen kind only for the booths not ticked.
    assert '<td class="field-preferred">A01 (Tiêu chuẩn), B01 (Góc)</td>' in html
    assert "A02 (Tiêu chuẩn), thêm 2 gian loại Tiêu chuẩn" in html
    assert "field-booth_kind" not in html
    assert "TOTO Việt Nam" in waitlisted and "Canon Việt Nam" not in waitlisted
    assert "Canon Việt Nam" in searched and "TOTO Việt Nam" not in searched
    assert "Canon Việt Nam" in by_sector and "TOTO Việt Nam" not in by_sector


def test_application_list_search_by_reference(board_client, fair):
    confirmed(fair, reference="HC2024-7K3Q", trading_name_vi="Canon")
    confirmed(fair, reference="HC2024-AAAA", trading_name_vi="TOTO")

    html = board_client.get(LIST + "?q=7K3Q").content.decode()

    assert "Canon" in html and "TOTO</" not in html


@pytest.mark.parametrize(
    "query", ["nguyen.van.a@canon.com.vn", "canon.com.vn", "nguyen.van.a", "NGUYEN.VAN.A", "canon"]
)
def test_application_list_search_by_email_address(board_client, fair, query):
    confirmed(fair, email="nguyen.van.a@canon.com.vn", trading_name_vi="Máy in Sao Việt")
    confirmed(fair, email="lan@toto.example", trading_name_vi="TOTO")

    html = board_client.get(LIST, {"q": query}).content.decode()

    assert "Máy in Sao Việt" in html and "TOTO</" not in html


@pytest.mark.parametrize(
    "query", ["024 3881 1234", "02438811234", "+84 24 3881 1234", "3881 1234", "38811234"]
)
def test_application_list_search_by_phone_as_written_at_home(board_client, fair, query):
    confirmed(fair, phone="+842438811234", trading_name_vi="Máy in Sao Việt")
    confirmed(fair, phone="+84912345678", trading_name_vi="TOTO")

    html = board_client.get(LIST, {"q": query}).content.decode()

    assert "Máy in Sao Việt" in html and "TOTO</" not in html


@pytest.mark.parametrize("url", [LIST, "/admin/exhibitors/exhibitor/", "/admin/booths/booth/"])
def test_a_search_of_thousands_of_words_is_answered_not_a_server_error(board_client, fair, url):
    # Each word is a condition: SQLite refuses a query of thousands ("Expression tree
    # is too large"); a search keeps its first 20 words.
    confirmed(fair, trading_name_vi="Canon")

    response = board_client.get(url, {"q": " ".join(f"w{n}" for n in range(3000))})

    assert response.status_code == 200


def test_confirmation_deadline_shown_only_until_the_email_is_confirmed(board_client, fair):
    waiting = make_application(fair=fair, expires_at=timezone.now())
    confirmed_one = confirmed(fair, expires_at=timezone.now())

    waiting_page = board_client.get(f"{LIST}{waiting.pk}/change/").content.decode()
    confirmed_page = board_client.get(f"{LIST}{confirmed_one.pk}/change/").content.decode()

    assert "Hết hạn xác nhận lúc" in waiting_page
    assert "Hết hạn xác nhận lúc" not in confirmed_page
    assert "Xác nhận e-mail lúc" in confirmed_page


def test_approve_page_preselects_free_preferences(board_client, fair, booths):
    booths["A02"].exhibitor = make_exhibitor()
    booths["A02"].save()
    application = confirmed(fair)
    application.preferred_booths.set([booths["A01"], booths["A02"]])

    html = board_client.get(f"{LIST}{application.pk}/approve/").content.decode()

    assert re.search(rf'value="{booths["A01"].pk}"[^>]*checked', html)
    assert f'value="{booths["A02"].pk}"' not in html  # taken: not offered
    assert f'value="{booths["A03"].pk}"' not in html  # kept by the board
    assert re.search(r"A01 · [^·<]+ · 3 × 3 m · 15.000.000\xa0₫", html)


@pytest.mark.parametrize(
    ("prefix", "whole", "half"),
    [
        ("", "A01 · Tiêu chuẩn · 3 × 3 m", "B01 · Góc · 4,5 × 3 m"),
        ("/en", "A01 · Standard · 3 × 3 m", "B01 · Corner · 4.5 × 3 m"),
    ],
)
def test_approve_page_writes_booth_sizes_with_decimals_only_when_needed(
    board_client, fair, booths, prefix, whole, half
):
    Booth.objects.filter(pk=booths["B01"].pk).update(width_m=Decimal("4.5"))
    application = confirmed(fair)

    page = html.unescape(
        board_client.get(f"{prefix}{LIST}{application.pk}/approve/").content.decode()
    )

    assert f"{whole} · 15.000.000\xa0₫" in page
    assert f"{half} · 22.500.000\xa0₫" in page


@pytest.mark.parametrize(("prefix", "unset"), [("", "chưa đặt giá"), ("/en", "no price set")])
def test_approve_page_and_booth_list_say_a_booth_has_no_price_yet_not_0_vnd(
    board_client, fair, booths, prefix, unset
):
    # A booth offered at "0 ₫" reads as a free booth; the board has just not priced it.
    make_booth(fair=fair, code="A04", hall="A", plan_x=90, price_vnd=0)
    application = confirmed(fair)

    approve = html.unescape(
        board_client.get(f"{prefix}{LIST}{application.pk}/approve/").content.decode()
    )
    listed = html.unescape(board_client.get(f"{prefix}/admin/booths/booth/?q=A04").content.decode())

    assert re.search(rf"A04 · [^·<]+ · 3 × 3 m · {unset}<", approve)
    assert f">{unset}</td>" in listed
    assert "0\xa0₫" not in approve.replace("000\xa0₫", "") and ">0\xa0₫" not in listed


@pytest.mark.parametrize(("prefix", "half"), [("", "4,5 × 3 m"), ("/en", "4.5 × 3 m")])
def test_booth_list_writes_sizes_as_the_approve_page_does(board_client, fair, booths, prefix, half):
    Booth.objects.filter(pk=booths["B01"].pk).update(width_m=Decimal("4.5"))

    page = board_client.get(f"{prefix}/admin/booths/booth/").content.decode()

    assert page.count('<span class="quiet">3 × 3 m</span>') == 3
    assert f'<span class="quiet">{half}</span>' in page


def test_approve_page_says_which_profile_fields_an_existing_company_gets(
    board_client, fair, booths
):
    printing = make_sector(name_vi="In ấn")
    optics = make_sector(name_vi="Quang học")
    known = make_exhibitor(
        tax_code="0100109106",
        name_vi="Canon cũ",
        name_en="Old Canon",
        legal_name="Canon VN",
        description_vi="",
        sectors=[printing],
    )
    application = confirmed(
        fair,
        tax_code="0100109106",
        trading_name_vi="Canon Việt Nam",
        trading_name_en="Old Canon",
        legal_name="Canon VN",
        product_summary="Máy in, máy ảnh.",
    )
    application.sectors.set([printing, optics])
    fresh = confirmed(fair, tax_code="0101234567", trading_name_vi="Nhựa Sóc Sơn")

    page = html.unescape(board_client.get(f"{LIST}{application.pk}/approve/").content.decode())
    new_company = board_client.get(f"{LIST}{fresh.pk}/approve/").content.decode()

    assert "Doanh nghiệp đã có hồ sơ" in page
    assert f'/admin/exhibitors/exhibitor/{known.pk}/change/">Canon cũ</a>' in page
    rows = profile_rows(page)
    assert ("Tên giao dịch [vi]", "Canon cũ", "Canon Việt Nam") in rows
    assert not any(label.startswith(("Tên giao dịch [en]", "Tên pháp lý")) for label, *_ in rows)
    assert ("Giới thiệu [vi]", "—", "Máy in, máy ảnh.") in rows  # filled only when empty
    assert ("Ngành (thêm vào)", "In ấn", "In ấn, Quang học") in rows
    assert "Doanh nghiệp đã có hồ sơ" not in new_company
    assert "đã có gian" not in page

    booths["B01"].exhibitor = known
    booths["B01"].save()
    again = board_client.get(f"{LIST}{application.pk}/approve/").content.decode()

    assert "Doanh nghiệp này đã có gian B01 ở kỳ hội chợ này." in html.unescape(again)


def test_approve_page_lists_no_change_for_what_a_short_application_leaves_empty(
    board_client, fair, booths
):
    thang_long = make_zone(name_vi="KCN Thăng Long")
    make_exhibitor(
        tax_code="0100109106",
        name_vi="Canon Việt Nam",
        legal_name="Công ty TNHH Canon Việt Nam",
        address_vi="Lô B2, KCN Thăng Long, Đông Anh, Hà Nội",
        address_en="Lot B2, Thang Long Industrial Park, Dong Anh, Hanoi",
        zone=thang_long,
        website="https://canon.example.vn",
    )
    same_place = confirmed(
        fair,
        tax_code="0100109106",
        trading_name_vi="Canon Việt Nam",
        legal_name="Công ty TNHH Canon Việt Nam",
        address="Lô B2, KCN Thăng Long, Đông Anh, Hà Nội",
        zone=None,
        website="",
    )

    page = html.unescape(board_client.get(f"{LIST}{same_place.pk}/approve/").content.decode())
    same_place.address = "Lô C1, KCN Thăng Long, Đông Anh, Hà Nội"
    same_place.save()
    moved = html.unescape(board_client.get(f"{LIST}{same_place.pk}/approve/").content.decode())

    assert "Doanh nghiệp đã có hồ sơ" in page
    assert profile_rows(page) == []
    assert (
        "Duyệt đơn này không thay đổi tên, địa chỉ hay khu công nghiệp trong hồ sơ hiện có." in page
    )
    # A new Vietnamese address without an English one: the old English address goes.
    assert profile_rows(moved) == [
        (
            "Địa chỉ [vi]",
            "Lô B2, KCN Thăng Long, Đông Anh, Hà Nội",
            "Lô C1, KCN Thăng Long, Đông Anh, Hà Nội",
        ),
        ("Địa chỉ [en]", "Lot B2, Thang Long Industrial Park, Dong Anh, Hanoi", "—"),
    ]


def canon_with_a_representative():
    representative = make_user(email="lan@canon.example.vn", first_name="Lan", last_name="Trần")
    return make_exhibitor(tax_code="0100109106", name_vi="Canon Việt Nam", members=[representative])


def test_approve_page_names_the_email_it_would_invite_and_the_representatives(
    board_client, fair, booths
):
    canon_with_a_representative()
    stranger = confirmed(fair, tax_code="0100109106", email="attacker@evil.example")
    fresh = confirmed(fair, tax_code="0101234567", email="hoa@nhua.example.vn")

    page = html.unescape(board_client.get(f"{LIST}{stranger.pk}/approve/").content.decode())
    new_company = board_client.get(f"{LIST}{fresh.pk}/approve/").content.decode()

    assert (
        "E-mail người nộp đơn, attacker@evil.example, chưa là người đại diện của Canon Việt "
        "Nam. Người đại diện được sửa hồ sơ và sản phẩm của doanh nghiệp, và xem các yêu cầu "
        "gặp gỡ của khách tham quan kèm thông tin liên hệ của họ." in page
    )
    assert "Người đại diện hiện có của Canon Việt Nam:" in page
    assert "<li>lan@canon.example.vn (Lan Trần)</li>" in page
    checkbox = re.search(r'<input type="checkbox" name="invite_applicant"[^>]*>', page).group()
    assert "checked" not in checkbox
    assert "Mời cả attacker@evil.example làm người đại diện của Canon Việt Nam" in page
    assert 'name="invite_applicant"' not in new_company


def test_approve_page_says_when_the_applicant_already_represents_the_company(
    board_client, fair, booths
):
    canon_with_a_representative()
    colleague = confirmed(fair, tax_code="0100109106", email="lan@canon.example.vn")

    page = html.unescape(board_client.get(f"{LIST}{colleague.pk}/approve/").content.decode())

    assert (
        "<p>E-mail người nộp đơn, lan@canon.example.vn, đã là người đại diện của Canon Việt "
        "Nam.</p>\n      <p>Người này đã đăng nhập được vào khu vực doanh nghiệp: không gửi "
        "e-mail đặt mật khẩu; e-mail báo duyệt mời họ đăng nhập như thường lệ.</p>"
    ) in page
    assert 'name="invite_applicant"' not in page


def test_approve_page_says_a_representative_without_a_password_is_invited_again(
    board_client, fair, booths
):
    representative = canon_with_a_representative().members.get()
    representative.set_unusable_password()
    representative.save()
    colleague = confirmed(fair, tax_code="0100109106", email="lan@canon.example.vn")

    page = html.unescape(board_client.get(f"{LIST}{colleague.pk}/approve/").content.decode())

    assert (
        "<p>Người này chưa đặt mật khẩu: e-mail mời đặt mật khẩu được gửi lại cùng e-mail báo "
        "duyệt.</p>"
    ) in page


@pytest.mark.parametrize(
    ("email", "said"),
    [
        (
            "lan@canon.example.vn",
            "E-mail người nộp đơn, lan@canon.example.vn, đã là người đại diện của Canon Việt Nam.",
        ),
        (
            "attacker@evil.example",
            "E-mail người nộp đơn, attacker@evil.example, chưa là người đại diện của Canon Việt "
            "Nam. Người đại diện được sửa hồ sơ và sản phẩm của doanh nghiệp, và xem các yêu cầu "
            "gặp gỡ của khách tham quan kèm thông tin liên hệ của họ.",
        ),
    ],
    ids=["a representative", "not a representative"],
)
def test_application_page_names_the_company_already_on_the_portal_as_the_board_mail_does(
    board_client, fair, booths, email, said
):
    canon = canon_with_a_representative()
    application = confirmed(fair, tax_code="0100109106", email=email)

    page = html.unescape(board_client.get(f"{LIST}{application.pk}/change/").content.decode())

    assert (
        '<div class="readonly">Mã số thuế 0100109106 đã thuộc về một doanh nghiệp trên cổng: '
        f'<a href="/admin/exhibitors/exhibitor/{canon.pk}/change/">Canon Việt Nam</a><br>'
        f"{said}</div>"
    ) in page


def test_application_page_of_a_company_new_to_the_portal_names_no_company(
    board_client, fair, booths
):
    canon_with_a_representative()
    application = confirmed(fair, tax_code="0101234567")

    page = html.unescape(board_client.get(f"{LIST}{application.pk}/change/").content.decode())

    assert "đã thuộc về một doanh nghiệp trên cổng" not in page


def test_approving_without_the_invitation_ticked_gives_the_email_no_access(
    board_client, fair, booths, django_capture_on_commit_callbacks
):
    canon = canon_with_a_representative()
    stranger = confirmed(fair, tax_code="0100109106", email="attacker@evil.example")

    with django_capture_on_commit_callbacks(execute=True):
        response = board_client.post(
            f"{LIST}{stranger.pk}/approve/", {"booths": [booths["A01"].pk]}, follow=True
        )

    assert list(canon.booths.values_list("code", flat=True)) == ["A01"]
    assert list(canon.members.values_list("email", flat=True)) == ["lan@canon.example.vn"]
    assert [m.to for m in mail.outbox] == [["attacker@evil.example"]]
    assert (
        f"Đã duyệt hồ sơ {stranger.reference} và giao gian. attacker@evil.example chưa được "
        "mời làm người đại diện của Canon Việt Nam." in html.unescape(response.content.decode())
    )


def test_approving_with_the_invitation_ticked_invites_the_email(
    board_client, fair, booths, django_capture_on_commit_callbacks
):
    canon = canon_with_a_representative()
    colleague = confirmed(fair, tax_code="0100109106", email="hoa@canon.example.vn")

    with django_capture_on_commit_callbacks(execute=True):
        response = board_client.post(
            f"{LIST}{colleague.pk}/approve/",
            {"booths": [booths["A01"].pk], "invite_applicant": "on"},
            follow=True,
        )

    assert sorted(canon.members.values_list("email", flat=True)) == [
        "hoa@canon.example.vn",
        "lan@canon.example.vn",
    ]
    assert [m.to for m in mail.outbox] == [["hoa@canon.example.vn"], ["hoa@canon.example.vn"]]
    assert (
        f"Đã duyệt hồ sơ {colleague.reference} và giao gian. Đã mời hoa@canon.example.vn làm "
        "người đại diện của Canon Việt Nam." in html.unescape(response.content.decode())
    )


def canon_and_an_application_rewriting_its_profile(fair, email):
    """Canon, with its representative Lan, and an application with Canon's tax code from
    `email` that would change every part of the public profile the approval can write."""
    optics = make_sector(name_vi="Quang học")
    canon = make_exhibitor(
        tax_code="0100109106",
        slug="canon-viet-nam",
        name_vi="Canon Việt Nam",
        name_en="Canon Vietnam",
        legal_name="Công ty TNHH Canon Việt Nam",
        address_vi="Lô A1, KCN Thăng Long, Đông Anh, Hà Nội",
        zone=make_zone(name_vi="KCN Thăng Long"),
        website="https://canon.example.vn",
        description_vi="",
        sectors=[make_sector(name_vi="In ấn")],
        members=[make_user(email="lan@canon.example.vn")],
    )
    application = confirmed(
        fair,
        tax_code="0100109106",
        trading_name_vi="Canon Lừa Đảo",
        trading_name_en="Fake Canon",
        legal_name="Công ty TNHH Canon Giả",
        address="Số 1 Phố Lạ, Hà Nội",
        zone=make_zone(name_vi="KCN Nội Bài"),
        website="https://canon-gia.example",
        product_summary="Hàng giả giá rẻ.",
        email=email,
    )
    application.sectors.set([optics])
    application.logo.save("logo.png", png_upload(), save=True)
    return canon, application


PUBLIC_CANON = [
    "<h1>Canon Việt Nam</h1>",
    '<p class="legal-name">Công ty TNHH Canon Việt Nam</p>',
    "<dd>Lô A1, KCN Thăng Long, Đông Anh, Hà Nội</dd>",
    "<dd>KCN Thăng Long</dd>",
    "canon.example.vn</a>",
]
PUBLIC_FROM_THE_APPLICATION = [
    "<h1>Canon Lừa Đảo</h1>",
    '<p class="legal-name">Công ty TNHH Canon Giả</p>',
    "<dd>Số 1 Phố Lạ, Hà Nội</dd>",
    "<dd>KCN Nội Bài</dd>",
    "canon-gia.example</a>",
    "Hàng giả giá rẻ.",
    "Quang học</a>",
    "Logo Canon Lừa Đảo",
]


def test_approve_page_says_the_profile_is_kept_unless_the_applicant_is_invited(
    board_client, fair, booths
):
    _canon, application = canon_and_an_application_rewriting_its_profile(
        fair, "attacker@evil.example"
    )

    page = html.unescape(board_client.get(f"{LIST}{application.pk}/approve/").content.decode())

    assert "<strong>Hồ sơ công khai của Canon Việt Nam được giữ nguyên.</strong>" in page
    assert (
        "Các thay đổi theo đơn liệt kê ở đây chỉ được áp dụng nếu Ban tổ chức đánh dấu ô mời "
        "attacker@evil.example làm người đại diện, ở phần “Quyền quản lý hồ sơ doanh nghiệp” "
        "bên dưới.</p>" in page
    )
    assert '<th scope="col">Theo đơn, chỉ khi mời</th>' in page
    assert "<p>Chỉ khi mời, logo gửi kèm đơn thay cho logo hiện có.</p>" in page
    assert "hồ sơ công khai của họ được cập nhật theo đơn" not in page
    assert ("Tên giao dịch [vi]", "Canon Việt Nam", "Canon Lừa Đảo") in profile_rows(page)
    assert (
        "Không đánh dấu: gian vẫn được giao, nhưng hồ sơ công khai giữ nguyên và e-mail này "
        "không có quyền vào hồ sơ doanh nghiệp." in page
    )


def test_approve_page_says_the_profile_follows_the_application_of_a_representative(
    board_client, fair, booths
):
    _canon, application = canon_and_an_application_rewriting_its_profile(
        fair, "lan@canon.example.vn"
    )

    page = html.unescape(board_client.get(f"{LIST}{application.pk}/approve/").content.decode())

    assert (
        "Gian được giao cho doanh nghiệp này; hồ sơ công khai của họ được cập nhật theo đơn "
        "như sau." in page
    )
    assert '<th scope="col">Theo đơn</th>' in page
    assert "<p>Logo gửi kèm đơn thay cho logo hiện có.</p>" in page
    assert "được giữ nguyên" not in page
    assert ("Tên giao dịch [vi]", "Canon Việt Nam", "Canon Lừa Đảo") in profile_rows(page)


def test_approving_without_the_invitation_assigns_the_booths_and_keeps_the_public_profile(
    client, board_client, fair, booths, django_capture_on_commit_callbacks
):
    canon, application = canon_and_an_application_rewriting_its_profile(
        fair, "attacker@evil.example"
    )
    before = board_client.get(f"{LIST}{application.pk}/approve/")

    with django_capture_on_commit_callbacks(execute=True):
        response = board_client.post(
            f"{LIST}{application.pk}/approve/", {"booths": [booths["A01"].pk]}, follow=True
        )

    profile = html.unescape(client.get("/exhibitors/canon-viet-nam/").content.decode())
    canon.refresh_from_db()
    assert before.status_code == 200
    assert list(canon.booths.values_list("code", flat=True)) == ["A01"]
    assert (canon.name_vi, canon.name_en, canon.legal_name) == (
        "Canon Việt Nam",
        "Canon Vietnam",
        "Công ty TNHH Canon Việt Nam",
    )
    assert (canon.address_vi, canon.zone.name_vi, canon.website, canon.description_vi) == (
        "Lô A1, KCN Thăng Long, Đông Anh, Hà Nội",
        "KCN Thăng Long",
        "https://canon.example.vn",
        "",
    )
    assert (canon.logo.name, canon.logo_thumb.name) == ("", "")
    assert list(canon.sectors.values_list("name_vi", flat=True)) == ["In ấn"]
    assert [line for line in PUBLIC_CANON if line not in profile] == []
    assert [line for line in PUBLIC_FROM_THE_APPLICATION if line in profile] == []
    assert (
        f"Đã duyệt hồ sơ {application.reference} và giao gian. attacker@evil.example chưa được "
        "mời làm người đại diện của Canon Việt Nam. Hồ sơ công khai của Canon Việt Nam được "
        "giữ nguyên." in html.unescape(response.content.decode())
    )


def test_approving_with_the_invitation_writes_the_application_into_the_public_profile(
    client, board_client, fair, booths, django_capture_on_commit_callbacks
):
    canon, application = canon_and_an_application_rewriting_its_profile(
        fair, "hoa@canon.example.vn"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = board_client.post(
            f"{LIST}{application.pk}/approve/",
            {"booths": [booths["A01"].pk], "invite_applicant": "on"},
            follow=True,
        )

    profile = html.unescape(client.get("/exhibitors/canon-viet-nam/").content.decode())
    canon.refresh_from_db()
    assert (canon.name_vi, canon.legal_name, canon.website) == (
        "Canon Lừa Đảo",
        "Công ty TNHH Canon Giả",
        "https://canon-gia.example",
    )
    assert canon.logo.name.startswith("logos/logo-")
    assert [line for line in PUBLIC_FROM_THE_APPLICATION if line not in profile] == []
    assert "được giữ nguyên" not in html.unescape(response.content.decode())


def test_second_tab_deciding_an_application_decided_meanwhile_is_told_who_did(
    board_client, staff_user, fair, booths
):
    application = confirmed(fair)
    approve = f"{LIST}{application.pk}/approve/"
    board_client.get(approve)  # the second tab opened before the first tab approved
    services.approve_application(
        application=application, booths=[booths["B01"]], reviewer=staff_user
    )

    again = board_client.post(approve, {"booths": [booths["B01"].pk]}, follow=True)
    reject = board_client.get(f"{LIST}{application.pk}/reject/", follow=True)

    for response in (again, reject):
        assert response.redirect_chain[-1][0] == f"{LIST}{application.pk}/change/"
        text = html.unescape(response.content.decode())
        assert f"Hồ sơ {application.reference} đã ở trạng thái “Đã duyệt” ({staff_user}," in text
        assert "không còn trống" not in text
    assert list(Booth.objects.filter(exhibitor__isnull=False).values_list("code", flat=True)) == [
        "B01"
    ]


def test_approve_through_admin_assigns_and_logs(
    board_client, staff_user, fair, booths, django_capture_on_commit_callbacks
):
    application = confirmed(fair, tax_code="0100109106")

    with django_capture_on_commit_callbacks(execute=True):
        response = board_client.post(
            f"{LIST}{application.pk}/approve/", {"booths": [booths["B01"].pk], "note": "OK"}
        )

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == "approved"
    assert application.reviewer == staff_user
    assert Booth.objects.get(code="B01").exhibitor == application.exhibitor
    page = board_client.get(f"{LIST}{application.pk}/change/").content.decode()
    # The decision log speaks the board's words, at Hanoi time (UTC+7), not the server's.
    assert "Hồ sơ gian hàng được duyệt" in page
    assert "application.approved" not in page
    assert staff_user.username in page
    entry = AuditEntry.objects.get(action="application.approved", object_id=str(application.pk))
    hanoi = entry.created_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert f'<span class="audit-label">Lúc: </span>{hanoi:%d/%m/%Y %H:%M}</td>' in page
    # Its details name the booth and the company, not a database id.
    name = html.escape(application.exhibitor.name_vi)
    assert (
        f"gian: B01; giá gian (₫): 22.500.000; giá đã gồm VAT: không; doanh nghiệp: {name};"
        " doanh nghiệp mới: có"
    ) in page
    assert "new_exhibitor" not in page


def test_decision_log_tells_the_prices_of_several_booths_apart_in_both_languages(
    board_client, fair, booths, django_capture_on_commit_callbacks
):
    application = confirmed(fair, tax_code="0100109106")
    with django_capture_on_commit_callbacks(execute=True):
        board_client.post(
            f"{LIST}{application.pk}/approve/", {"booths": [booths["A01"].pk, booths["B01"].pk]}
        )

    vi = html.unescape(board_client.get(f"{LIST}{application.pk}/change/").content.decode())
    en = html.unescape(board_client.get(f"/en{LIST}{application.pk}/change/").content.decode())

    assert "gian: A01, B01; giá gian (₫): 15.000.000 / 22.500.000;" in vi
    # Thousands are grouped with commas in English: the prices must not run together.
    assert "booth prices (₫): 15,000,000 / 22,500,000;" in en


def test_decision_log_of_an_approval_names_every_detail_in_the_boards_words(
    board_client, fair, booths, django_capture_on_commit_callbacks
):
    application = confirmed(fair, tax_code="0100109106")
    with django_capture_on_commit_callbacks(execute=True):
        board_client.post(f"{LIST}{application.pk}/approve/", {"booths": [booths["B01"].pk]})

    page = html.unescape(board_client.get(f"{LIST}{application.pk}/change/").content.decode())

    # In the order the service wrote them on both databases (PostgreSQL's jsonb returns
    # the keys shortest first: the e-mail before the invitation it follows).
    application.refresh_from_db()
    name = application.exhibitor.name_vi
    assert (
        f"gian: B01; giá gian (₫): 22.500.000; giá đã gồm VAT: không; doanh nghiệp: {name};"
        " doanh nghiệp mới: có; mời người nộp đơn làm đại "
        "diện: có; đã gửi e-mail mời: có</td>"
    ) in page
    assert "invitation_sent" not in page


def test_approve_booth_taken_meanwhile_shows_who_holds_it(board_client, fair, booths):
    application = confirmed(fair)
    form_page = board_client.get(f"{LIST}{application.pk}/approve/")
    assert form_page.status_code == 200
    services.assign_booth(
        booth=booths["A01"], exhibitor=make_exhibitor(name_vi="CP Việt Nam"), actor=None
    )

    response = board_client.post(f"{LIST}{application.pk}/approve/", {"booths": [booths["A01"].pk]})

    application.refresh_from_db()
    assert response.status_code == 200
    assert application.status == "submitted"
    # A booth taken since the page was drawn: the board is told which and by whom,
    # not "10 is not one of the available choices".
    assert response.context["form"].errors["booths"] == [
        "Gian A01 (của CP Việt Nam) không còn trống; hãy chọn gian khác."
    ]


def test_approve_losing_a_booth_race_shows_the_application_as_still_open(
    board_client, fair, booths, monkeypatch
):
    application = confirmed(fair)
    rival = make_exhibitor(name_vi="CP Việt Nam")
    take_booths = services._take_booths

    def rival_takes_the_booth_first(**kwargs):
        # Another reviewer's assignment lands between the form's check and the update.
        Booth.objects.filter(pk=booths["A01"].pk).update(exhibitor=rival)
        return take_booths(**kwargs)

    monkeypatch.setattr(services, "_take_booths", rival_takes_the_booth_first)

    response = board_client.post(f"{LIST}{application.pk}/approve/", {"booths": [booths["A01"].pk]})

    assert response.status_code == 200
    assert "booths" in response.context["form"].errors
    # Everything was rolled back, and the page says so: not "Đã duyệt".
    application.refresh_from_db()
    assert application.status == "submitted"
    assert response.context["application"].status == "submitted"
    assert "<strong>Trạng thái:</strong> Đã duyệt" not in response.content.decode()


def test_reject_page_needs_reason_and_mails_it(
    board_client, fair, django_capture_on_commit_callbacks
):
    application = confirmed(fair, email="lan@example.vn")

    empty = board_client.post(f"{LIST}{application.pk}/reject/", {"reason": ""})
    with django_capture_on_commit_callbacks(execute=True):
        done = board_client.post(f"{LIST}{application.pk}/reject/", {"reason": "Hết gian."})

    application.refresh_from_db()
    assert empty.status_code == 200
    assert done.status_code == 302
    assert application.status == "rejected"
    assert "Hết gian." in mail.outbox[0].body


def test_rejecting_an_application_in_english_says_reject_as_its_status_says_rejected(
    board_client, fair, django_capture_on_commit_callbacks
):
    application = confirmed(fair, reference="HC2024-0044", email="lan@example.vn")

    change = board_client.get(f"/en{LIST}{application.pk}/change/").content.decode()
    changelist = board_client.get(f"/en{LIST}").content.decode()
    form = board_client.get(f"/en{LIST}{application.pk}/reject/").content.decode()
    empty = board_client.post(f"/en{LIST}{application.pk}/reject/", {"reason": ""})
    with django_capture_on_commit_callbacks(execute=True):
        done = board_client.post(
            f"/en{LIST}{application.pk}/reject/", {"reason": "No booth left."}, follow=True
        )

    assert '/reject/">Reject</a></li>' in change
    assert '<option value="reject_one">Reject, with a reason (one application)</option>' in (
        changelist
    )
    assert "Reject application HC2024-0044" in form
    assert "Reason for rejection (sent to the company)" in form
    assert empty.context["form"].errors == {"reason": ["This field is required."]}
    assert [m.message for m in done.context["messages"]] == ["Application rejected."]
    assert "Decline" not in change + changelist + form


def test_reject_reason_pasted_with_decomposed_accents_is_stored_and_mailed_composed(
    board_client, fair, django_capture_on_commit_callbacks
):
    application = confirmed(fair, email="lan@example.vn")
    reason = "Hết gian ở khu A; mời đăng ký lại kỳ sau."

    with django_capture_on_commit_callbacks(execute=True):
        board_client.post(
            f"{LIST}{application.pk}/reject/", {"reason": unicodedata.normalize("NFD", reason)}
        )

    application.refresh_from_db()
    assert application.decision_note == reason
    assert reason in mail.outbox[0].body


def test_waitlist_action(board_client, fair):
    first, second = confirmed(fair), confirmed(fair)

    board_client.post(
        LIST, {"action": "waitlist_selected", "_selected_action": [first.pk, second.pk]}
    )

    assert set(BoothApplication.objects.values_list("status", flat=True)) == {"waitlisted"}
    assert AuditEntry.objects.filter(action="application.waitlisted").count() == 2


def test_decision_pages_need_staff(client, fair):
    application = confirmed(fair)
    client.force_login(make_user())

    response = client.get(f"{LIST}{application.pk}/approve/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def _booth_form(client, url) -> dict:
    """The booth's change form as the admin fills it in."""
    form = client.get(url).context["adminform"].form
    return {k: v for k, v in form.initial.items() if v is not None}


def test_booth_admin_exhibitor_read_only(board_client, fair, booths):
    holder = make_exhibitor()
    booths["A01"].exhibitor = holder
    booths["A01"].save()
    other = make_exhibitor()
    url = f"/admin/booths/booth/{booths['A01'].pk}/change/"
    page = board_client.get(url)
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None
    }

    board_client.post(url, {**data, "exhibitor": other.pk, "fascia_name": "CANON"})

    booths["A01"].refresh_from_db()
    assert booths["A01"].exhibitor == holder
    assert booths["A01"].fascia_name == "CANON"


def test_booth_admin_cannot_keep_a_taken_booth(board_client, fair, booths):
    booths["A01"].exhibitor = make_exhibitor()
    booths["A01"].save()
    url = f"/admin/booths/booth/{booths['A01'].pk}/change/"
    data = _booth_form(board_client, url)

    response = board_client.post(url, {**data, "is_blocked": "on"})

    assert response.status_code == 200
    assert "giải phóng gian trước" in response.content.decode()


def test_booth_admin_refuses_to_delete_a_taken_booth_on_its_page(board_client, fair, booths):
    holder = make_exhibitor(name_vi="Điện tử Đông Á")
    services.assign_booth(booth=booths["A01"], exhibitor=holder, actor=None)
    url = f"/admin/booths/booth/{booths['A01'].pk}/delete/"

    page = board_client.get(url)
    response = board_client.post(url, {"post": "yes"})

    assert response.status_code == 200
    assert page.context["protected"] == [
        "Gian A01 đang giao cho Điện tử Đông Á: hãy giải phóng gian trước khi xoá."
    ]
    assert Booth.objects.get(pk=booths["A01"].pk).exhibitor == holder


def test_booth_admin_delete_action_refuses_a_selection_with_a_taken_booth(
    board_client, fair, booths
):
    services.assign_booth(booth=booths["B01"], exhibitor=make_exhibitor(), actor=None)

    response = board_client.post(
        "/admin/booths/booth/",
        {
            "action": "delete_selected",
            "_selected_action": [booths["A02"].pk, booths["B01"].pk],
            "post": "yes",
        },
    )

    assert response.status_code == 200
    assert Booth.objects.filter(code__in=["A02", "B01"]).count() == 2


def test_booth_admin_deletes_a_free_booth(board_client, fair, booths):
    board_client.post(f"/admin/booths/booth/{booths['A02'].pk}/delete/", {"post": "yes"})

    assert not Booth.objects.filter(code="A02").exists()


def test_booth_actions_release_and_swap(board_client, fair, booths):
    canon, toto = make_exhibitor(), make_exhibitor()
    services.assign_booth(booth=booths["A01"], exhibitor=canon, actor=None)
    services.assign_booth(booth=booths["B01"], exhibitor=toto, actor=None)

    board_client.post(
        "/admin/booths/booth/",
        {"action": "swap_two", "_selected_action": [booths["A01"].pk, booths["B01"].pk]},
    )
    assert Booth.objects.get(code="A01").exhibitor == toto
    board_client.post(
        "/admin/booths/booth/",
        {"action": "release_selected", "_selected_action": [booths["A01"].pk]},
    )

    assert Booth.objects.get(code="A01").exhibitor is None
    assert Booth.objects.get(code="B01").exhibitor == canon


def test_booth_move_through_admin(board_client, fair, booths):
    canon = make_exhibitor()
    services.assign_booth(booth=booths["A01"], exhibitor=canon, actor=None)

    response = board_client.post(
        "/admin/booths/booth/", {"action": "move_selected", "_selected_action": [booths["A01"].pk]}
    )
    move_url = response["Location"]
    board_client.post(move_url, {"to_booths": [booths["B01"].pk]})

    assert list(canon.booths.values_list("code", flat=True)) == ["B01"]


@pytest.mark.parametrize(
    ("prefix", "said", "name"),
    [
        ("", "Các gian hiện tại: <strong>A01</strong>, <strong>A02</strong>", "Canon Việt Nam"),
        ("/en", "Current booths: <strong>A01</strong>, <strong>A02</strong>", "Canon Vietnam"),
    ],
)
def test_booth_move_page_names_the_company_in_the_page_language_and_leads_back(
    board_client, fair, booths, prefix, said, name
):
    canon = make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam")
    for code in ("A01", "A02"):
        services.assign_booth(booth=booths[code], exhibitor=canon, actor=None)

    ids = f"{booths['A01'].pk},{booths['A02'].pk}"
    page = html.unescape(
        board_client.get(f"{prefix}/admin/booths/booth/move/?ids={ids}").content.decode()
    )

    assert f"{said} (<span>{name}</span>)" in page
    assert f'<a href="{prefix}/admin/booths/booth/">' in page  # the breadcrumb back


def test_board_floor_plan_assigns_free_booth(board_client, fair, booths):
    canon = make_exhibitor(name_vi="Canon Việt Nam")
    plan = board_client.get("/admin/booths/booth/floor-plan/")
    assert plan.status_code == 200
    assert "A01" in plan.content.decode()

    response = board_client.post(
        "/admin/booths/booth/floor-plan/", {"booth": booths["A01"].pk, "exhibitor": canon.pk}
    )

    assert response.status_code == 302
    assert Booth.objects.get(code="A01").exhibitor == canon
    assert AuditEntry.objects.get().action == "booth.assigned"


def test_free_booth_page_leads_to_the_floor_plan_form_with_the_booth_chosen(
    board_client, fair, booths
):
    booth = booths["A01"]
    url = f"/admin/booths/booth/floor-plan/?booth={booth.pk}"

    page = board_client.get(f"/admin/booths/booth/{booth.pk}/change/").content.decode()
    plan = board_client.get(url).content.decode()

    assert f'<a href="{url}">Giao gian này cho một doanh nghiệp (sơ đồ gian hàng)</a>' in page
    assert re.search(rf'<option value="{booth.pk}" selected>A01', plan)


def test_english_floor_plan_names_the_company_in_english(board_client, fair, booths):
    canon = make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam")

    response = board_client.post(
        "/en/admin/booths/booth/floor-plan/",
        {"booth": booths["A01"].pk, "exhibitor": canon.pk},
        follow=True,
    )

    assert "Booth A01 assigned to Canon Vietnam." in html.unescape(response.content.decode())


def test_board_floor_plan_names_a_booth_given_away_meanwhile(board_client, fair, booths):
    canon = make_exhibitor(name_vi="Canon Việt Nam")
    board_client.get("/admin/booths/booth/floor-plan/")
    services.assign_booth(
        booth=booths["A01"], exhibitor=make_exhibitor(name_vi="TOTO Việt Nam"), actor=None
    )

    response = board_client.post(
        "/admin/booths/booth/floor-plan/", {"booth": booths["A01"].pk, "exhibitor": canon.pk}
    )
    kept = board_client.post(
        "/admin/booths/booth/floor-plan/", {"booth": booths["A03"].pk, "exhibitor": canon.pk}
    )

    assert response.status_code == 200
    assert "Gian A01 (của TOTO Việt Nam) không còn trống" in response.content.decode()
    assert "Gian A03 (Ban Quản lý giữ lại) không còn trống" in kept.content.decode()
    assert Booth.objects.get(code="A01").exhibitor.name_vi == "TOTO Việt Nam"


def test_board_floor_plan_in_english_calls_a_kept_booth_by_its_field_label(
    board_client, fair, booths
):
    canon = make_exhibitor(name_vi="Canon Việt Nam")

    kept = board_client.post(
        "/en/admin/booths/booth/floor-plan/", {"booth": booths["A03"].pk, "exhibitor": canon.pk}
    )
    change = board_client.get(f"/en/admin/booths/booth/{booths['A03'].pk}/change/")

    assert "A03 (held by the Authority)" in html.unescape(kept.content.decode())
    assert 'for="id_is_blocked">Held by the Authority</label>' in (change.content.decode())


def test_reject_action_opens_reason_page_for_one_application(board_client, fair):
    application = confirmed(fair)

    response = board_client.post(
        LIST, {"action": "reject_one", "_selected_action": [application.pk]}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{application.pk}/reject/"


@pytest.mark.parametrize(
    ("changes", "vi", "en"),
    [
        ({"price_vnd": "-5"}, "Giá gian không được âm.", "A booth's price cannot be negative."),
        (
            {"width_m": "0"},
            "Chiều rộng và chiều sâu của gian phải lớn hơn 0.",
            "A booth's width and depth must be greater than 0.",
        ),
        # A02 typed in lower case or with a space is A02, which the plan already has.
        (
            {"code": "a02"},
            "Kỳ hội chợ này đã có gian mang mã này.",
            "This fair already has a booth with this code.",
        ),
        (
            {"code": "A 02"},
            "Kỳ hội chợ này đã có gian mang mã này.",
            "This fair already has a booth with this code.",
        ),
        (
            {"code": "Đ01"},
            "Mã gian gồm chữ cái không dấu, chữ số, dấu chấm và dấu gạch nối",
            "A booth code is made of letters without accents, digits, dots and hyphens",
        ),
    ],
)
def test_booth_admin_says_which_rule_a_value_breaks(board_client, fair, booths, changes, vi, en):
    url = f"/admin/booths/booth/{booths['A01'].pk}/change/"
    data = _booth_form(board_client, url)

    answers = [board_client.post(prefix + url, {**data, **changes}) for prefix in ("", "/en")]
    pages = [html.unescape(answer.content.decode()) for answer in answers]

    assert [a.status_code for a in answers] == [200, 200]
    assert vi in pages[0] and "Hãy sửa các lỗi dưới đây." in pages[0]
    assert en in pages[1] and "Please correct the error below." in pages[1]
    assert "Constraint" not in pages[0] + pages[1]
    booths["A01"].refresh_from_db()
    assert (booths["A01"].price_vnd, booths["A01"].code) == (15_000_000, "A01")


def test_booth_code_typed_in_lower_case_is_stored_as_the_plan_prints_it(board_client, booths):
    url = f"/admin/booths/booth/{booths['A01'].pk}/change/"
    data = _booth_form(board_client, url)

    response = board_client.post(url, {**data, "code": " a-10 "})

    assert response.status_code == 302
    booths["A01"].refresh_from_db()
    assert booths["A01"].code == "A-10"


booth_code_migration = importlib.import_module(
    "booths.migrations.0005_booth_code_letters_and_digits"
)


def test_the_migration_writes_stored_codes_as_the_plan_does_and_merges_nothing(fair, booths):
    from django.apps import apps

    Booth.objects.filter(pk=booths["A02"].pk).update(code="a01")  # A01 is on the plan
    Booth.objects.filter(pk=booths["A03"].pk).update(code="a 03")
    Booth.objects.filter(pk=booths["B01"].pk).update(code="ｂ０１")

    booth_code_migration.normalize_stored_codes(apps, None)

    codes = dict(Booth.objects.values_list("pk", "code"))
    assert codes[booths["A03"].pk] == "A03" and codes[booths["B01"].pk] == "B01"
    assert codes[booths["A02"].pk] == "a01"  # left for the board: A01 is another booth
    assert codes[booths["A01"].pk] == "A01"


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_booth_list_shows_prices_as_money(board_client, fair, booths, prefix):
    response = board_client.get(f"{prefix}/admin/booths/booth/")

    prices = re.findall(
        r'<td class="field-price">([^<]*)<br><span class="quiet">([^<]*)</span></td>',
        response.content.decode(),
    )
    included, excluded = (
        ("đã gồm VAT", "chưa gồm VAT") if not prefix else ("VAT included", "VAT excluded")
    )
    assert prices == [
        ("15.000.000\u00a0₫", included),
        ("15.000.000\u00a0₫", included),
        ("15.000.000\u00a0₫", included),
        ("22.500.000\u00a0₫", excluded),
    ]


@pytest.mark.parametrize(
    ("prefix", "shown"),
    [("", "Hội chợ KCN Hà Nội 2027"), ("/en", "Hanoi Industrial Zones Fair 2027")],
)
def test_lists_name_the_fair_by_its_short_name(board_client, fair, booths, prefix, shown):
    # The full name is 70 letters and pushed the booth's state and company off the screen.
    fair.short_name_vi, fair.short_name_en = (
        "Hội chợ KCN Hà Nội 2027",
        "Hanoi Industrial Zones Fair 2027",
    )
    fair.save()
    make_event(fair=fair)

    for url in ["/admin/booths/booth/", "/admin/events/sideevent/"]:
        page = board_client.get(f"{prefix}{url}").content.decode()
        cells = re.findall(r'<td class="field-fair_column">([^<]*)</td>', page)
        assert cells and set(cells) == {shown}, url


def test_a_fair_without_a_short_name_is_listed_by_its_name(board_client, fair, booths):
    page = board_client.get("/admin/booths/booth/").content.decode()

    assert set(re.findall(r'<td class="field-fair_column">([^<]*)</td>', page)) == {fair.name}


# Deleting an application ---------------------------------------------------------


def test_deleting_an_undecided_application_is_refused_pointing_to_reject(board_client, fair):
    application = confirmed(fair, reference="HC2024-0042", trading_name_vi="Canon Việt Nam")

    page = board_client.get(f"{LIST}{application.pk}/delete/")
    board_client.post(f"{LIST}{application.pk}/delete/", {"post": "yes"})
    board_client.post(
        LIST, {"action": "delete_selected", "_selected_action": [application.pk], "post": "yes"}
    )

    assert page.context["protected"] == [
        "Hồ sơ HC2024-0042 (Canon Việt Nam) chưa có quyết định (Đã gửi): hãy từ chối hồ sơ "
        "(nút “Từ chối” trên trang hồ sơ, hoặc thao tác “Từ chối, kèm lý do (một hồ sơ)”) "
        "thay vì xoá, để người nộp đơn được báo lý do. Hồ sơ đã có quyết định thì xoá được."
    ]
    assert BoothApplication.objects.filter(pk=application.pk).exists()


def test_deleting_a_waitlisted_application_in_english_says_why_in_english(board_client, fair):
    application = confirmed(
        fair, reference="HC2024-0043", trading_name_vi="TOTO Việt Nam", status="waitlisted"
    )

    page = board_client.get(f"/en{LIST}{application.pk}/delete/")
    board_client.post(f"/en{LIST}{application.pk}/delete/", {"post": "yes"})

    assert page.context["protected"] == [
        "Application HC2024-0043 (TOTO Việt Nam) has no decision yet (Waiting list): reject "
        "it (the “Reject” button on its page, or the “Reject, with a reason (one "
        "application)” action) instead of deleting it, so that the applicant is told why. "
        "A decided application can be deleted."
    ]
    assert BoothApplication.objects.filter(pk=application.pk).exists()


def test_deleting_an_application_awaiting_its_e_mail_confirmation_is_refused(board_client, fair):
    application = make_application(
        fair=fair,
        reference="HC2024-0044",
        trading_name_vi="Ứng Viên Mới",
        expires_at=timezone.now() + timezone.timedelta(hours=47),
    )

    page = board_client.get(f"{LIST}{application.pk}/delete/")

    assert page.context["protected"] == [
        "Hồ sơ HC2024-0044 (Ứng Viên Mới) chưa được xác nhận qua e-mail: nếu không được "
        "xác nhận, hồ sơ tự hết hạn sau 48 giờ và khi đó xoá được; nếu được xác nhận, hãy "
        "từ chối thay vì xoá, để người nộp đơn được báo."
    ]


def test_decided_and_lapsed_applications_are_deleted(board_client, fair):
    decided = [
        confirmed(fair, status=status)
        for status in ("approved", "rejected", "withdrawn", "expired")
    ]
    lapsed = make_application(fair=fair, expires_at=timezone.now() - timezone.timedelta(hours=1))
    waiting = confirmed(fair)

    board_client.post(
        LIST,
        {
            "action": "delete_selected",
            "_selected_action": [a.pk for a in [*decided, lapsed, waiting]],
            "post": "yes",
        },
    )
    board_client.post(
        LIST,
        {
            "action": "delete_selected",
            "_selected_action": [a.pk for a in [*decided, lapsed]],
            "post": "yes",
        },
    )

    assert list(BoothApplication.objects.values_list("pk", flat=True)) == [waiting.pk]


def test_booth_list_of_one_fair_leaves_out_the_fair_column(board_client, fair, booths):
    every_fair = board_client.get("/admin/booths/booth/").content.decode()
    one_fair = board_client.get(f"/admin/booths/booth/?fair__id__exact={fair.pk}")

    html = one_fair.content.decode()
    assert 'class="field-fair_column"' in every_fair
    assert 'class="field-fair_column"' not in html
    assert one_fair.context["cl"].result_count == 4
    assert html.count('class="field-fascia_name"') == 4


def test_waitlist_action_that_waitlists_nothing_warns_instead_of_reporting_success(
    board_client, fair
):
    approved = confirmed(fair, status="approved")

    response = board_client.post(
        LIST, {"action": "waitlist_selected", "_selected_action": [approved.pk]}, follow=True
    )

    said = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert said == [
        (
            "warning",
            f"Hồ sơ {approved.reference} không ở trạng thái cho phép quyết định này.",
        ),
        ("warning", "Không có hồ sơ nào được đưa vào danh sách chờ."),
    ]
    approved.refresh_from_db()
    assert approved.status == "approved"


@pytest.mark.parametrize("group", ["biên tập", "chỉ xem"])
def test_application_page_names_the_reviewer_without_a_link_to_a_refused_user_page(
    client, fair, staff_user, group
):
    from django.contrib.auth.models import Group

    reviewer = make_user(is_staff=True, username="nguyen.lan")
    application = confirmed(fair, status="rejected", reviewer=reviewer)
    member = make_user(is_staff=True)
    member.groups.add(Group.objects.get(name__contains=group))
    client.force_login(member)
    user_url = f"/admin/fairportal/user/{reviewer.pk}/change/"

    page = client.get(f"{LIST}{application.pk}/change/").content.decode()

    assert client.get(user_url).status_code == 403
    assert user_url not in page
    assert "nguyen.lan" in page


def test_application_page_links_the_reviewer_for_whoever_may_see_users(
    board_client, fair, staff_user
):
    application = confirmed(fair, status="rejected", reviewer=staff_user)

    page = board_client.get(f"{LIST}{application.pk}/change/").content.decode()

    assert f'href="/admin/fairportal/user/{staff_user.pk}/change/"' in page


STAFF_ADD = "/admin/booths/exhibitorstaff/add/"


def _staff_errors(response):
    return [str(error) for error in response.context["adminform"].form.non_field_errors()]


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        (
            "",
            "Nguyễn Văn An đã có trong danh sách. Nếu là hai người trùng tên, hãy ghi chức "
            "danh khác nhau.",
        ),
        (
            "/en",
            "Nguyễn Văn An is already on the list. If they are two people of the same "
            "name, give them different job titles.",
        ),
    ],
)
def test_board_adding_the_same_badge_person_twice_is_refused_in_the_page_language(
    board_client, fair, booths, prefix, said
):
    from booths.models import ExhibitorStaff

    canon = make_exhibitor(name_vi="Canon Việt Nam")
    Booth.objects.filter(pk=booths["A01"].pk).update(exhibitor=canon)
    ExhibitorStaff.objects.create(
        fair=fair, exhibitor=canon, full_name="Nguyễn Văn An", job_title="Kỹ sư"
    )

    response = board_client.post(
        prefix + STAFF_ADD,
        {
            "fair": fair.pk,
            "exhibitor": canon.pk,
            "full_name": " nguyễn  văn an",
            "job_title": "KỸ SƯ",
        },
    )

    assert response.status_code == 200
    assert _staff_errors(response) == [said]
    assert ExhibitorStaff.objects.count() == 1


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        (
            "",
            "Canon Việt Nam không có gian nào tại kỳ hội chợ đã chọn: thẻ trưng bày chỉ cấp "
            "cho doanh nghiệp có gian. Hãy giao gian trước, hoặc chọn đúng kỳ hội chợ.",
        ),
        (
            "/en",
            "Canon Vietnam holds no booth at the chosen fair: exhibitor badges are only for "
            "companies with a booth there. Assign a booth first, or choose the right fair.",
        ),
    ],
)
def test_board_cannot_list_badges_for_a_company_without_a_booth_at_that_fair(
    board_client, fair, booths, prefix, said
):
    from booths.models import ExhibitorStaff

    canon = make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam")
    make_booth(fair=make_fair(is_current=False, slug="hoi-cho-2023"), code="Q09", exhibitor=canon)

    response = board_client.post(
        prefix + STAFF_ADD,
        {"fair": fair.pk, "exhibitor": canon.pk, "full_name": "Nguyễn Văn An", "job_title": ""},
    )

    assert response.status_code == 200
    assert [str(e) for e in response.context["adminform"].form.errors["exhibitor"]] == [said]
    assert ExhibitorStaff.objects.count() == 0


def test_board_adds_a_namesake_with_another_job_title_to_the_badge_list(board_client, fair, booths):
    from booths.models import ExhibitorStaff

    canon = make_exhibitor(name_vi="Canon Việt Nam")
    Booth.objects.filter(pk=booths["A01"].pk).update(exhibitor=canon)
    ExhibitorStaff.objects.create(
        fair=fair, exhibitor=canon, full_name="Nguyễn Văn An", job_title="Kỹ sư"
    )

    response = board_client.post(
        STAFF_ADD,
        {
            "fair": fair.pk,
            "exhibitor": canon.pk,
            "full_name": "Nguyễn Văn An",
            "job_title": "Lái xe",
        },
    )

    assert response.status_code == 302
    assert ExhibitorStaff.objects.count() == 2


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        ("", "Gian A03 do Ban Quản lý giữ lại, không có doanh nghiệp nào để giải phóng."),
        ("/en", "Booth A03 is held by the Authority: it has no exhibitor to release."),
    ],
)
def test_releasing_a_kept_booth_does_not_call_it_available(
    board_client, fair, booths, prefix, said
):
    response = board_client.post(
        prefix + "/admin/booths/booth/",
        {"action": "release_selected", "_selected_action": [booths["A03"].pk]},
        follow=True,
    )

    assert [(m.level_tag, str(m)) for m in response.context["messages"]] == [("warning", said)]
    assert Booth.objects.get(pk=booths["A03"].pk).is_blocked is True


def test_english_floor_plan_lists_the_holders_by_their_english_names(board_client, fair, booths):
    canon = make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam")
    services.assign_booth(booth=booths["A01"], exhibitor=canon, actor=None)

    english = board_client.get("/en/admin/booths/booth/floor-plan/").content.decode()
    vietnamese = board_client.get("/admin/booths/booth/floor-plan/").content.decode()

    assert "<title>A01 — Canon Vietnam</title>" in english
    assert "<td>Canon Vietnam</td>" in english and "Canon Việt Nam" not in english
    assert "<td>Canon Việt Nam</td>" in vietnamese


def test_board_can_fix_a_typo_on_a_badge_kept_after_its_companys_booth_was_released(
    board_client, fair, booths
):
    from booths.models import ExhibitorStaff

    canon = make_exhibitor(name_vi="Canon Việt Nam")
    staff = ExhibitorStaff.objects.create(fair=fair, exhibitor=canon, full_name="Nguyen Van An")
    # Its booth released since: the person is still listed.

    response = board_client.post(
        f"/admin/booths/exhibitorstaff/{staff.pk}/change/",
        {"fair": fair.pk, "exhibitor": canon.pk, "full_name": "Nguyễn Văn An", "job_title": ""},
    )
    moved = board_client.post(
        f"/admin/booths/exhibitorstaff/{staff.pk}/change/",
        {
            "fair": fair.pk,
            "exhibitor": make_exhibitor(name_vi="TOTO Việt Nam").pk,
            "full_name": "Nguyễn Văn An",
            "job_title": "",
        },
    )

    assert response.status_code == 302
    staff.refresh_from_db()
    assert (staff.full_name, staff.exhibitor) == ("Nguyễn Văn An", canon)
    # Moving the entry to another company without a booth is still refused.
    assert moved.status_code == 200
    assert "không có gian nào" in moved.content.decode()


def test_application_page_names_the_investors_country_not_its_code(board_client, fair, booths):
    application = confirmed(fair, tax_code="0101234567")
    application.origin_country = "JP"
    application.save()

    vi = html.unescape(board_client.get(f"{LIST}{application.pk}/change/").content.decode())
    en = html.unescape(board_client.get(f"/en{LIST}{application.pk}/change/").content.decode())

    assert "<label>Quốc gia của nhà đầu tư:</label>" in vi
    assert '<div class="readonly">Nhật Bản</div>' in vi
    assert '<div class="readonly">Japan</div>' in en
    assert '<div class="readonly">JP</div>' not in vi


def _badge_entries(fair, booths):
    from booths.models import ExhibitorStaff

    canon = make_exhibitor(name_vi="Canon Việt Nam")
    toto = make_exhibitor(name_vi="TOTO Việt Nam")
    booths["A01"].exhibitor = canon
    booths["A01"].save()
    booths["A02"].exhibitor = toto
    booths["A02"].save()
    kept = ExhibitorStaff.objects.create(
        fair=fair, exhibitor=canon, full_name="Nguyễn Văn An", job_title="Kỹ sư"
    )
    lost = ExhibitorStaff.objects.create(fair=fair, exhibitor=toto, full_name="Trần Thị Bình")
    # TOTO's booth released since: Bình is still listed, but has no booth to stand at.
    booths["A02"].exhibitor = None
    booths["A02"].save()
    return kept, lost


def test_board_sees_badges_of_a_company_that_lost_its_booth_marked_not_to_print(
    board_client, fair, booths
):
    _badge_entries(fair, booths)

    page = board_client.get("/admin/booths/exhibitorstaff/").content.decode()
    not_printed = board_client.get("/admin/booths/exhibitorstaff/?booth=no").content.decode()

    assert '<td class="field-booth_column">A01</td>' in page
    assert (
        '<td class="field-booth_column"><strong class="badge-void">'
        "Không còn gian: không in thẻ</strong></td>"
    ) in page
    assert "Trần Thị Bình" in not_printed and "Nguyễn Văn An" not in not_printed


def test_board_exported_badge_list_leaves_out_a_company_that_lost_its_booth(
    board_client, fair, booths
):
    kept, lost = _badge_entries(fair, booths)

    response = board_client.post(
        "/admin/booths/exhibitorstaff/",
        {"action": "export_csv", "_selected_action": [kept.pk, lost.pk]},
    )
    after = board_client.get("/admin/booths/exhibitorstaff/").content.decode()

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Họ và tên", "Chức danh", "Doanh nghiệp", "Gian", "Kỳ hội chợ"],
        ["Nguyễn Văn An", "Kỹ sư", "Canon Việt Nam", "A01", fair.short_name or fair.name],
    ]
    assert (
        "1 người không có trong tệp xuất: doanh nghiệp của họ không còn gian tại kỳ hội chợ "
        "đó, nên không in thẻ."
    ) in after


@pytest.mark.parametrize(
    ("prefix", "stage", "matching"),
    [
        ("", "Sân khấu: Sân khấu chính", "Khu kết nối doanh nghiệp: Khu kết nối doanh nghiệp"),
        ("/en", "Stage: Main stage", "Business matching area: Business matching area"),
    ],
)
def test_board_floor_plan_draws_the_side_event_places_beside_the_booths(
    board_client, fair, booths, prefix, stage, matching
):
    from tests.booths.test_floor_plan import make_event_places, visible_text

    main_stage, matching_area = make_event_places(fair)

    page = board_client.get(f"{prefix}/admin/booths/booth/floor-plan/").content.decode()

    # Each place is drawn in its hall, where the plan left room for it, with its name on
    # it; it is no booth: no link to choose it or to open a booth's page.
    drawn = re.findall(r'<g id="place-(\d+)" class="event-place"[^>]*>(.*?)</g>', page, re.S)
    assert [int(pk) for pk, _ in drawn] == [main_stage.pk, matching_area.pk]
    assert [visible_text(markup) for _, markup in drawn] == [
        stage.split(": ")[1],
        matching.split(": ")[1],
    ]
    labels = re.findall(r'class="event-place" role="img" aria-label="([^"]+)"', page)
    assert [html.unescape(label) for label in labels] == [stage, matching]
    assert 'class="place-box place-stage"' in drawn[0][1]
    assert 'class="place-box place-business_matching"' in drawn[1][1]
    assert all("<a " not in markup for _, markup in drawn)


def _board_member(client, group):
    from django.contrib.auth.models import Group

    member = make_user(is_staff=True)
    member.groups.add(Group.objects.get(name__contains=group))
    client.force_login(member)
    return client


@pytest.mark.parametrize(("group", "offered"), [("biên tập", True), ("chỉ xem", False)])
def test_application_page_offers_the_decisions_only_to_who_may_take_them(
    client, fair, group, offered
):
    application = confirmed(fair, status="submitted")
    client = _board_member(client, group)
    decisions = [
        f"{LIST}{application.pk}/{decision}/" for decision in ("approve", "waitlist", "reject")
    ]

    page = client.get(f"{LIST}{application.pk}/change/").content.decode()

    assert [url in page for url in decisions] == [offered] * 3
    assert [client.get(url).status_code for url in decisions] == [200 if offered else 403] * 3


@pytest.mark.parametrize(("group", "offered"), [("biên tập", True), ("chỉ xem", False)])
def test_free_booth_page_links_the_floor_plan_only_for_who_may_open_it(
    client, booths, group, offered
):
    client = _board_member(client, group)
    plan = f"/admin/booths/booth/floor-plan/?booth={booths['A01'].pk}"

    page = client.get(f"/admin/booths/booth/{booths['A01'].pk}/change/").content.decode()

    assert (html.escape(plan) in page) == offered
    assert client.get(plan).status_code == (200 if offered else 403)


def test_decision_pages_tell_the_board_to_write_its_note_in_the_company_s_language(
    board_client, fair
):
    english = confirmed(fair, email="lan@example.com", language="en")
    vietnamese = confirmed(fair, email="hoa@example.vn")
    hint = (
        "<strong>Ngôn ngữ của doanh nghiệp:</strong> Tiếng Anh · e-mail gửi doanh nghiệp viết "
        "bằng ngôn ngữ này và chép nguyên văn ghi chú bạn viết dưới đây: hãy viết ghi chú bằng "
        "ngôn ngữ này."
    )

    pages = {
        action: board_client.get(f"{LIST}{english.pk}/{action}/").content.decode()
        for action in ("approve", "reject", "waitlist")
    }
    in_english = board_client.get(f"/en{LIST}{english.pk}/reject/").content.decode()
    for_vietnamese = board_client.get(f"{LIST}{vietnamese.pk}/reject/").content.decode()

    assert {action: hint in page for action, page in pages.items()} == {
        "approve": True,
        "reject": True,
        "waitlist": True,
    }
    assert (
        "<strong>Company's language:</strong> English · the company's e-mails are in this "
        "language and carry the note you write below word for word: write the note in this "
        "language."
    ) in in_english
    assert "Ngôn ngữ của doanh nghiệp" not in for_vietnamese


def test_application_page_shows_the_phone_grouped_as_the_public_pages_do(
    board_client, fair, booths
):
    application = confirmed(fair, tax_code="0101234567")
    application.phone = "+84936118520"
    application.save()

    vi = html.unescape(board_client.get(f"{LIST}{application.pk}/change/").content.decode())
    en = html.unescape(board_client.get(f"/en{LIST}{application.pk}/change/").content.decode())

    assert "<label>Điện thoại:</label>" in vi
    assert '<div class="readonly"><span class="phone-number">0936 118 520</span></div>' in vi
    assert '<div class="readonly"><span class="phone-number">+84 936 118 520</span></div>' in en
    assert "+84936118520" not in vi
