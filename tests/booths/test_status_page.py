"""The applicant's secret link: confirms the e-mail, reaches the board, withdraws, expires."""

import datetime
import html

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from booths import services
from booths.models import BoothApplication
from exhibitors.models import Exhibitor
from fairportal.models import AuditEntry
from fairportal.tokens import new_token
from tests.booths.helpers import png_upload
from tests.factories import make_application, make_exhibitor, make_sector, make_user
from tests.pages import assert_link_no_longer_works

pytestmark = pytest.mark.django_db


def application_with_token(fair, **kwargs):
    token, digest = new_token()
    kwargs.setdefault("expires_at", timezone.now() + datetime.timedelta(hours=48))
    return make_application(fair=fair, token_hash=digest, **kwargs), token


def test_status_first_open_confirms_and_mails_board(
    client, fair, settings, django_capture_on_commit_callbacks
):
    application, token = application_with_token(fair, trading_name_vi="Điện Quang")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/booths/applications/{token}/")

    application.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 200
    assert application.email_confirmed_at is not None
    assert "Hồ sơ đang chờ Ban tổ chức xét duyệt." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'rel="canonical"' not in html
    assert [m.to for m in mail.outbox] == [[settings.BOARD_EMAIL]]
    assert application.reference in mail.outbox[0].subject
    assert f"/admin/booths/boothapplication/{application.pk}/change/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="application.confirmed").count() == 1


def test_board_mail_links_the_vietnamese_admin_when_confirmed_on_an_english_page(
    client, fair, settings, django_capture_on_commit_callbacks
):
    application, token = application_with_token(fair, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/en/booths/applications/{token}/")

    admin_url = f"{settings.PORTAL_BASE_URL}/admin/booths/boothapplication/{application.pk}/change/"
    assert mail.outbox[0].body.splitlines()[-1] == f"Xem và quyết định: {admin_url}"


def test_status_page_and_board_mail_show_each_ticked_booth_with_its_kind(
    client, fair, booths, django_capture_on_commit_callbacks
):
    application, token = application_with_token(fair, booth_kind="standard", booth_count=3)
    application.preferred_booths.set([booths["B01"]])

    with django_capture_on_commit_callbacks(execute=True):
        html = client.get(f"/booths/applications/{token}/").content.decode()

    assert "<dt>Gian mong muốn</dt><dd>B01 (Góc)</dd>" in html
    assert "<dt>Loại cho 2 gian còn lại</dt><dd>Tiêu chuẩn</dd>" in html
    body = mail.outbox[0].body
    assert "Số gian: 3\nGian mong muốn: B01 (Góc)\nLoại cho 2 gian còn lại: Tiêu chuẩn\n" in body


def test_status_page_in_english_names_the_booth_type_of_the_booths_left(client, fair, booths):
    application, token = application_with_token(fair, booth_kind="standard", booth_count=3)
    application.preferred_booths.set([booths["B01"]])

    html = client.get(f"/en/booths/applications/{token}/").content.decode()

    assert "<dt>Preferred booths</dt><dd>B01 (Corner)</dd>" in html
    assert "<dt>Type for the 2 remaining booths</dt><dd>Standard</dd>" in html


@pytest.mark.parametrize(
    ("email", "said"),
    [
        (
            "lan@canon.example.vn",
            "E-mail người nộp đơn, lan@canon.example.vn, đã là người đại diện của Canon Việt Nam.",
        ),
        (
            "stranger@example.vn",
            "E-mail người nộp đơn, stranger@example.vn, chưa là người đại diện của Canon Việt "
            "Nam. Người đại diện được sửa hồ sơ và sản phẩm của doanh nghiệp, và xem các yêu cầu "
            "gặp gỡ của khách tham quan kèm thông tin liên hệ của họ.",
        ),
    ],
    ids=["a representative", "not a representative"],
)
def test_board_mail_names_the_company_already_on_the_portal_and_whether_the_applicant_is_one_of_its_representatives(  # noqa: E501
    client, fair, settings, django_capture_on_commit_callbacks, email, said
):
    canon = make_exhibitor(
        tax_code="0100109106",
        name_vi="Canon Việt Nam",
        members=[make_user(email="lan@canon.example.vn"), make_user(email="hung@canon.example.vn")],
    )
    application, token = application_with_token(
        fair, tax_code="0100109106", trading_name_vi="Canon VN", email=email, language="en"
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/en/booths/applications/{token}/")

    (board_mail,) = mail.outbox
    base = settings.PORTAL_BASE_URL
    assert board_mail.subject == (
        f"Hồ sơ đăng ký gian hàng mới: {application.reference} Canon VN "
        "(doanh nghiệp đã có trên cổng)"
    )
    assert board_mail.body.endswith(
        "Doanh nghiệp đã có hồ sơ\n"
        "Mã số thuế 0100109106 đã thuộc về một doanh nghiệp trên cổng: Canon Việt Nam\n"
        f"Hồ sơ doanh nghiệp: {base}/admin/exhibitors/exhibitor/{canon.pk}/change/\n"
        f"{said}\n\n"
        f"Xem và quyết định: {base}/admin/booths/boothapplication/{application.pk}/change/"
    )


def test_board_mail_of_a_company_new_to_the_portal_flags_nothing(
    client, fair, django_capture_on_commit_callbacks
):
    make_exhibitor(tax_code="0100109106", name_vi="Canon Việt Nam")
    application, token = application_with_token(
        fair, tax_code="0101234567", trading_name_vi="Nhựa Tiền Phong"
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/booths/applications/{token}/")

    (board_mail,) = mail.outbox
    assert board_mail.subject == (
        f"Hồ sơ đăng ký gian hàng mới: {application.reference} Nhựa Tiền Phong"
    )
    assert "Doanh nghiệp đã có hồ sơ" not in board_mail.body
    assert "Canon" not in board_mail.body


def test_status_second_open_sends_nothing_more(client, fair, django_capture_on_commit_callbacks):
    application, token = application_with_token(fair)
    client.get(f"/booths/applications/{token}/")

    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/booths/applications/{token}/")

    assert mail.outbox == []
    assert AuditEntry.objects.filter(action="application.confirmed").count() == 1


def test_status_unknown_token_is_404(client, fair):
    assert client.get("/booths/applications/not-a-real-token/").status_code == 404


def test_status_unknown_link_says_the_link_is_not_valid_and_what_to_do(client, fair):
    vi = client.get("/booths/applications/not-a-real-token/")
    en = client.get("/en/booths/applications/not-a-real-token/")

    assert_link_no_longer_works(
        vi,
        en,
        next_step="Hãy nộp hồ sơ đăng ký gian hàng mới.",
        button='<a class="button" href="/booths/apply/">Đăng ký gian hàng</a>',
        button_en='<a class="button" href="/en/booths/apply/">Book a booth</a>',
    )


def test_status_second_company_application_told_one_is_open(
    client, fair, django_capture_on_commit_callbacks
):
    make_application(fair=fair, tax_code="0100109106", email_confirmed_at=timezone.now())
    second, token = application_with_token(fair, tax_code="0100109106")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/booths/applications/{token}/")

    second.refresh_from_db()
    assert response.status_code == 200
    assert "đã có một hồ sơ đăng ký đang được xét" in response.content.decode()
    assert second.email_confirmed_at is None
    assert mail.outbox == []


def test_status_second_company_application_says_it_goes_no_further_and_whom_to_ask(
    client, fair, settings
):
    # The applicant has just opened the confirmation link: "E-mail not confirmed yet"
    # would send them back to their mailbox to click it again.
    settings.BOARD_EMAIL = "bql-hoicho@example.vn"
    make_application(fair=fair, tax_code="0100109106", email_confirmed_at=timezone.now())
    _second, token = application_with_token(fair, tax_code="0100109106")

    vi = client.get(f"/booths/applications/{token}/").content.decode()
    en = client.get(f"/en/booths/applications/{token}/").content.decode()

    assert "E-mail chưa được xác nhận." not in vi
    # Its status says so too, not "Đã gửi" (Submitted) beside the explanation.
    assert (
        'Trạng thái: <strong class="status status-expired">Không được chuyển đến Ban tổ chức'
        "</strong>"
    ) in vi
    assert (
        'Status: <strong class="status status-expired">Not passed to the organisers</strong>' in en
    )
    assert (
        "Hồ sơ này không được chuyển đến Ban tổ chức và sẽ tự hết hạn; bạn không cần "
        'rút hồ sơ. Liên hệ Ban tổ chức: <a href="mailto:bql-hoicho@example.vn">'
        "bql-hoicho@example.vn</a>"
    ) in vi
    assert "E-mail not yet confirmed." not in en
    assert (
        "This application is not passed to the organisers and will expire by itself; "
        'you need not withdraw it. Contact the organisers: <a href="mailto:'
        'bql-hoicho@example.vn">bql-hoicho@example.vn</a>'
    ) in en


def test_status_unconfirmed_application_never_blocks_another(client, fair):
    make_application(fair=fair, tax_code="0100109106")  # someone typed a public tax code
    second, token = application_with_token(fair, tax_code="0100109106")

    client.get(f"/booths/applications/{token}/")

    second.refresh_from_db()
    assert second.email_confirmed_at is not None


def test_status_withdraw_while_open(client, fair):
    application, token = application_with_token(fair)
    page = client.get(f"/booths/applications/{token}/").content.decode()
    assert '<button type="submit" name="confirm" value="yes"' in page  # behind a disclosure

    response = client.post(
        f"/booths/applications/{token}/", {"action": "withdraw", "confirm": "yes"}, follow=True
    )

    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert "Hồ sơ đã được rút." in response.content.decode()
    assert "Có, rút hồ sơ này" not in response.content.decode()
    assert 'href="/booths/apply/">Gửi hồ sơ mới</a>' in response.content.decode()


def test_status_withdraw_needs_the_confirming_button(client, fair):
    application, token = application_with_token(fair)
    client.get(f"/booths/applications/{token}/")

    response = client.post(f"/booths/applications/{token}/", {"action": "withdraw"}, follow=True)

    application.refresh_from_db()
    assert application.status == "submitted"
    assert "Hồ sơ chưa được rút" in response.content.decode()


def test_status_withdraw_after_decision_refused(client, fair):
    application, token = application_with_token(
        fair, status="rejected", email_confirmed_at=timezone.now()
    )

    response = client.post(
        f"/booths/applications/{token}/", {"action": "withdraw", "confirm": "yes"}, follow=True
    )

    application.refresh_from_db()
    assert application.status == "rejected"
    assert "không còn mở nên không rút được" in response.content.decode()


def test_status_shows_rejection_reason_as_text(client, fair):
    _application, token = application_with_token(
        fair,
        status="rejected",
        email_confirmed_at=timezone.now(),
        decision_note="<b>Hết gian</b> loại này",
        decided_at=timezone.now(),
    )

    html = client.get(f"/booths/applications/{token}/").content.decode()

    assert "&lt;b&gt;Hết gian&lt;/b&gt; loại này" in html
    assert "Từ chối" in html


def test_status_of_a_rejected_application_in_english_reads_rejected(client, fair):
    _application, token = application_with_token(
        fair,
        status="rejected",
        email_confirmed_at=timezone.now(),
        decision_note="No booth of this type left.",
        decided_at=timezone.now(),
    )

    html = client.get(f"/en/booths/applications/{token}/").content.decode()

    assert "We are sorry: the application has not been approved." in html
    assert "Rejected" in html and "Decline" not in html


def test_status_expired_link_shows_expired_and_does_not_confirm(client, fair):
    application, token = application_with_token(
        fair, expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    html = client.get(f"/booths/applications/{token}/").content.decode()

    application.refresh_from_db()
    assert application.status == "expired"
    assert application.email_confirmed_at is None
    assert "Hồ sơ đã hết hạn" in html


def test_expire_applications_command_expires_only_stale_unconfirmed(fair):
    old = timezone.now() - datetime.timedelta(hours=49)
    stale, _t = application_with_token(fair, expires_at=old + datetime.timedelta(hours=48))
    fresh, _t = application_with_token(fair)
    confirmed, _t = application_with_token(fair, expires_at=old, email_confirmed_at=timezone.now())

    call_command("expire_applications")

    statuses = dict(BoothApplication.objects.values_list("pk", "status"))
    assert statuses == {stale.pk: "expired", fresh.pk: "submitted", confirmed.pk: "submitted"}
    assert AuditEntry.objects.filter(action="application.expired").count() == 1


INVITED = (
    "<p>Hồ sơ đã được duyệt. Chúng tôi đã gửi e-mail mời bạn đặt mật khẩu để quản lý hồ sơ "
    "doanh nghiệp.</p>"
)
PROFILE_KEPT = (
    "Gian được giao cho hồ sơ hiện có của Canon Việt Nam trên cổng hội chợ. Tên, địa chỉ, "
    "khu công nghiệp, trang web, logo, giới thiệu và ngành mà bạn gửi kèm hồ sơ đăng ký "
    "không được dùng: hồ sơ doanh nghiệp được giữ nguyên."
)
REPRESENTATIVES_MANAGE = (
    "Canon Việt Nam đã có người đại diện trên cổng hội chợ: hồ sơ doanh nghiệp, sản phẩm, tên "
    "bảng gian hàng và nhân sự trực gian do họ quản lý và cập nhật. Nếu cần sửa hồ sơ hoặc "
    "cùng quản lý, hãy đề nghị một người đại diện của doanh nghiệp, hoặc liên hệ Ban tổ chức "
    "tại {email}."
)
ASK_THE_ORGANISER = (
    "Quyền quản lý hồ sơ của Canon Việt Nam trên cổng hội chợ (thông tin doanh nghiệp, sản "
    "phẩm, tên bảng gian hàng và nhân sự trực gian) do Ban tổ chức cấp. Nếu doanh nghiệp bạn "
    "cần quyền này hoặc cần sửa hồ sơ, hãy liên hệ Ban tổ chức tại {email}."
)
SIGN_IN_AS_USUAL = (
    "Bạn đã là người đại diện của Canon Việt Nam trên cổng hội chợ nên không cần đặt mật "
    "khẩu mới: hãy đăng nhập khu vực doanh nghiệp như thường lệ để quản lý hồ sơ doanh "
    "nghiệp, sản phẩm, tên bảng gian hàng và nhân sự trực gian."
)


def board_link(settings):
    return f'<a href="mailto:{settings.BOARD_EMAIL}">{settings.BOARD_EMAIL}</a>'


def approved_for_canon(client, fair, booths, capture, *, email, invite, members):
    """Approve an application quoting Canon's tax code; return (status page, approval mail)."""
    make_exhibitor(tax_code="0100109106", name_vi="Canon Việt Nam", members=members)
    application, token = application_with_token(
        fair,
        tax_code="0100109106",
        trading_name_vi="Canon Việt Nam",
        email=email,
        email_confirmed_at=timezone.now(),
    )
    with capture(execute=True):
        services.approve_application(
            application=application,
            booths=[booths["A01"]],
            reviewer=make_user(is_staff=True),
            invite_applicant=invite,
        )
    page = html.unescape(client.get(f"/booths/applications/{token}/").content.decode())
    [decision] = [m for m in mail.outbox if m.subject.endswith("đã được duyệt")]
    return page, decision.body


def test_status_of_an_approval_without_invitation_says_the_representatives_manage_the_profile(
    client, fair, booths, settings, django_capture_on_commit_callbacks
):
    page, approval_mail = approved_for_canon(
        client,
        fair,
        booths,
        django_capture_on_commit_callbacks,
        email="stranger@example.vn",
        invite=False,
        members=[make_user(email="lan@canon.example.vn")],
    )

    assert "đặt mật khẩu" not in page
    assert "<p>Hồ sơ đã được duyệt.</p>" in page
    assert f"<p>{PROFILE_KEPT}</p>" in page
    assert f"<p>{REPRESENTATIVES_MANAGE.format(email=board_link(settings))}</p>" in page
    assert f"{PROFILE_KEPT}\n\n{REPRESENTATIVES_MANAGE.format(email=settings.BOARD_EMAIL)}" in (
        approval_mail
    )
    assert '<h2>Gian được giao</h2>\n  <ul class="assigned-booths">\n    <li><a href="' in page


def test_status_of_an_approval_for_a_company_without_representatives_says_ask_the_organiser(
    client, fair, booths, settings, django_capture_on_commit_callbacks
):
    page, approval_mail = approved_for_canon(
        client,
        fair,
        booths,
        django_capture_on_commit_callbacks,
        email="stranger@example.vn",
        invite=False,
        members=[],
    )

    assert "đặt mật khẩu" not in page
    assert f"<p>{PROFILE_KEPT}</p>" in page
    assert f"<p>{ASK_THE_ORGANISER.format(email=board_link(settings))}</p>" in page
    assert f"{PROFILE_KEPT}\n\n{ASK_THE_ORGANISER.format(email=settings.BOARD_EMAIL)}" in (
        approval_mail
    )


def test_status_of_an_approval_with_the_invitation_says_the_set_password_mail_was_sent(
    client, fair, booths, django_capture_on_commit_callbacks
):
    page, approval_mail = approved_for_canon(
        client,
        fair,
        booths,
        django_capture_on_commit_callbacks,
        email="hoa@canon.example.vn",
        invite=True,
        members=[make_user(email="lan@canon.example.vn")],
    )

    assert INVITED in page
    assert "Canon Việt Nam đã có người đại diện" not in page
    assert "Bạn sẽ nhận một e-mail riêng để đặt mật khẩu" in approval_mail
    assert PROFILE_KEPT not in page


def test_status_of_an_approval_for_a_representative_who_signs_in_says_sign_in_as_usual(
    client, fair, booths, django_capture_on_commit_callbacks
):
    page, approval_mail = approved_for_canon(
        client,
        fair,
        booths,
        django_capture_on_commit_callbacks,
        email="lan@canon.example.vn",
        invite=False,
        members=[make_user(email="lan@canon.example.vn")],
    )

    canon_pk = Exhibitor.objects.get(tax_code="0100109106").pk
    assert INVITED not in page
    assert (
        f"<p>Hồ sơ đã được duyệt.</p>\n  <p>{SIGN_IN_AS_USUAL}</p>\n"
        f'  <p><a class="button" href="/account/?company={canon_pk}">'
        "Đăng nhập khu vực doanh nghiệp</a></p>"
    ) in page
    assert PROFILE_KEPT not in page
    assert SIGN_IN_AS_USUAL in approval_mail
    assert [m.to for m in mail.outbox] == [["lan@canon.example.vn"]]  # no set-password mail


def test_status_of_a_new_company_approved_says_the_set_password_mail_was_sent(
    client, fair, booths, django_capture_on_commit_callbacks
):
    application, token = application_with_token(
        fair, tax_code="0101234567", email="hoa@nhua.example.vn", email_confirmed_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[booths["A01"]], reviewer=make_user(is_staff=True)
        )

    page = html.unescape(client.get(f"/booths/applications/{token}/").content.decode())

    assert INVITED in page


@pytest.mark.parametrize(("prefix", "said"), [("", "Nhật Bản"), ("/en", "Japan")])
def test_status_page_names_the_investors_country(client, fair, prefix, said):
    _application, token = application_with_token(fair, origin_country="JP")

    page = client.get(f"{prefix}/booths/applications/{token}/").content.decode()

    assert f"<dd>{said}</dd>" in page


def test_status_of_an_approval_shows_the_boards_note_as_its_mail_did(
    client, fair, booths, django_capture_on_commit_callbacks
):
    application, token = application_with_token(
        fair, tax_code="0101234567", email="hoa@nhua.example.vn", email_confirmed_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application,
            booths=[booths["A01"]],
            reviewer=make_user(is_staff=True),
            note="Mời anh chị đến nhận gian lúc 14:00 ngày 19/09.",
        )

    page = client.get(f"/booths/applications/{token}/").content.decode()

    assert "<h2>Ghi chú của Ban tổ chức</h2>" in page
    assert "Mời anh chị đến nhận gian lúc 14:00 ngày 19/09.</p>" in page
    assert "Mời anh chị đến nhận gian lúc 14:00 ngày 19/09." in mail.outbox[0].body


@pytest.mark.parametrize(
    ("prefix", "sectors", "phone"),
    [
        ("", "<dt>Ngành</dt><dd>Điện tử, Cơ khí</dd>", "0912 345 678"),
        ("/en", "<dt>Sectors</dt><dd>Electronics, Mechanical</dd>", "+84 912 345 678"),
    ],
)
def test_status_page_shows_what_the_company_sent_with_its_logo(
    client, fair, sector, zone, booths, prefix, sectors, phone
):
    application, token = services.submit_application(
        fair=fair,
        data={
            "legal_name": "Công ty TNHH Điện tử Quang Minh",
            "trading_name_vi": "Điện tử Quang Minh",
            "tax_code": "0100109106",
            "address": "Lô 12, KCN Quang Minh, Mê Linh, Hà Nội",
            "zone": zone,
            "origin_country": "VN",
            "sectors": [sector, make_sector(name_vi="Cơ khí", name_en="Mechanical")],
            "contact_name": "Nguyễn Thị Hoa",
            "email": "hoa@quangminh.example.vn",
            "phone": "+84912345678",
            "website": "https://quangminh.example.vn",
            "product_summary": "Bo mạch, linh kiện điện tử.",
            "booth_kind": "standard",
            "booth_count": 1,
            "preferred_booths": [],
            "fascia_name": "ĐIỆN TỬ QUANG MINH",
        },
        logo=png_upload(),
    )

    page = html.unescape(client.get(f"{prefix}/booths/applications/{token}/").content.decode())

    assert ">Lô 12, KCN Quang Minh, Mê Linh, Hà Nội</dd>" in page
    assert sectors in page
    assert "<dd>hoa@quangminh.example.vn</dd>" in page
    assert f"<dd>{phone}</dd>" in page
    assert "<dd>https://quangminh.example.vn</dd>" in page
    assert ">Bo mạch, linh kiện điện tử.</dd>" in page
    assert f'<img class="sent-logo" src="{application.logo.url}"' in page


@pytest.mark.parametrize("status", ["rejected", "waitlisted"])
def test_status_of_a_decision_without_booths_says_whom_to_ask(client, fair, settings, status):
    fair.hotline = "024 3881 1234"
    fair.save()
    _application, token = application_with_token(
        fair,
        status=status,
        email_confirmed_at=timezone.now(),
        decision_note="Hết gian góc.",
        decided_at=timezone.now(),
    )

    page = client.get(f"/booths/applications/{token}/").content.decode()

    assert (
        '<p>Cần hỏi: gọi đường dây nóng <a href="tel:02438811234">024 3881 1234</a> hoặc viết '
        f'đến <a href="mailto:{settings.BOARD_EMAIL}">{settings.BOARD_EMAIL}</a>.</p>'
    ) in page
