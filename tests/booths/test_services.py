"""Board decisions: approve, reject, waitlist, assign, move, swap, release."""

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone, translation

from booths import services
from booths.models import Booth, BoothApplication
from exhibitors.models import Exhibitor
from fairportal.models import AuditEntry, User
from tests.booths.helpers import png_upload
from tests.factories import make_application, make_booth, make_exhibitor, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(db):
    return make_user(is_staff=True)


def confirmed(fair, **kwargs):
    kwargs.setdefault("email_confirmed_at", timezone.now())
    return make_application(fair=fair, **kwargs)


RETURNING = "lan@canon.example.vn"


def returning_company(**kwargs):
    """A company on the portal whose representative, RETURNING, applies again."""
    return make_exhibitor(members=[make_user(email=RETURNING)], **kwargs)


def test_approve_creates_exhibitor_assigns_booths_and_invites(
    fair, booths, sector, zone, reviewer, django_capture_on_commit_callbacks
):
    application = confirmed(
        fair,
        trading_name_vi="Điện tử Quang Minh",
        trading_name_en="Quang Minh Electronics",
        legal_name="Công ty TNHH Điện tử Quang Minh",
        tax_code="0100109106",
        zone=zone,
        website="https://qm.example.vn",
        email="hoa@qm.example.vn",
        language="en",
    )
    application.sectors.set([sector])

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[booths["A02"], booths["A01"]], reviewer=reviewer
        )

    application.refresh_from_db()
    exhibitor = Exhibitor.objects.get(tax_code="0100109106")
    assert application.status == "approved"
    assert application.exhibitor == exhibitor
    assert application.reviewer == reviewer
    assert (exhibitor.name_vi, exhibitor.name_en) == (
        "Điện tử Quang Minh",
        "Quang Minh Electronics",
    )
    assert exhibitor.legal_name == "Công ty TNHH Điện tử Quang Minh"
    assert exhibitor.zone == zone
    assert list(exhibitor.sectors.all()) == [sector]
    assert exhibitor.slug == "dien-tu-quang-minh"
    assert exhibitor.is_published is True
    assert sorted(exhibitor.booths.values_list("code", flat=True)) == ["A01", "A02"]
    assert "a01" in exhibitor.search_text and "a02" in exhibitor.search_text
    assert [m.to for m in mail.outbox] == [["hoa@qm.example.vn"], ["hoa@qm.example.vn"]]
    # The decision first, then the invitation it announces.
    assert (
        "Booths assigned:\n"
        "- A01 · Standard · 3 × 3 m: 15.000.000\xa0₫ (VAT included)\n"
        "- A02 · Standard · 3 × 3 m: 15.000.000\xa0₫ (VAT included)\n"
        "Total booth rental: 30.000.000\xa0₫ (VAT included)\n"
    ) in mail.outbox[0].body
    assert "/en/account/welcome/" in mail.outbox[1].body
    assert exhibitor.members.get().email == "hoa@qm.example.vn"
    actions = sorted(AuditEntry.objects.values_list("action", flat=True))
    assert actions == [
        "application.approved",
        "booth.assigned",
        "booth.assigned",
        "exhibitor.representative_invited",
    ]


def test_approve_reuses_exhibitor_with_same_tax_code(fair, booths, reviewer):
    known = returning_company(tax_code="0100109106", slug="canon", name_vi="Canon cũ")
    application = confirmed(
        fair, tax_code="0100109106", trading_name_vi="Canon Việt Nam", email=RETURNING
    )

    services.approve_application(application=application, booths=[booths["A01"]], reviewer=reviewer)

    known.refresh_from_db()
    assert Exhibitor.objects.count() == 1
    assert known.name_vi == "Canon Việt Nam"
    assert known.slug == "canon"
    assert list(known.booths.values_list("code", flat=True)) == ["A01"]


def test_approve_keeps_what_the_application_leaves_out_and_no_stale_english(fair, booths, reviewer):
    known = returning_company(
        tax_code="0100109106",
        name_vi="Canon cũ",
        name_en="Canon Vietnam",
        address_vi="KCN Thăng Long, Đông Anh",
        address_en="Thang Long Industrial Park, Dong Anh",
    )
    application = confirmed(
        fair,
        tax_code="0100109106",
        trading_name_vi="Canon Việt Nam",
        trading_name_en="",
        address="KCN Quang Minh, Mê Linh",
        email=RETURNING,
    )

    services.approve_application(application=application, booths=[booths["A01"]], reviewer=reviewer)

    known.refresh_from_db()
    assert (known.name_vi, known.name_en) == ("Canon Việt Nam", "Canon Vietnam")
    # The English address described the old place: emptied, the English page shows the new one.
    assert (known.address_vi, known.address_en) == ("KCN Quang Minh, Mê Linh", "")
    with translation.override("en"):
        assert known.address == "KCN Quang Minh, Mê Linh"


def test_approve_without_an_english_name_leaves_it_empty_and_english_pages_mark_the_name(
    client, fair, booths, reviewer
):
    application = confirmed(
        fair, trading_name_vi="Điện tử Quang Minh", trading_name_en="", tax_code="0100109106"
    )

    services.approve_application(application=application, booths=[booths["A01"]], reviewer=reviewer)

    exhibitor = Exhibitor.objects.get(tax_code="0100109106")
    assert exhibitor.name_en == ""
    page = client.get(f"/en/exhibitors/{exhibitor.slug}/").content.decode()
    assert '<h1 lang="vi">Điện tử Quang Minh</h1>' in page


def test_approve_of_a_short_application_keeps_what_it_leaves_empty(fair, booths, zone, reviewer):
    known = returning_company(
        tax_code="0100109106",
        name_vi="Canon Việt Nam",
        name_en="Canon Vietnam",
        address_vi="Lô B2, KCN Thăng Long, Đông Anh, Hà Nội",
        address_en="Lot B2, Thang Long Industrial Park, Dong Anh, Hanoi",
        zone=zone,
        website="https://canon.example.vn",
    )
    application = confirmed(
        fair,
        tax_code="0100109106",
        trading_name_vi="Canon Việt Nam",
        trading_name_en="",
        address="Lô B2, KCN Thăng Long, Đông Anh, Hà Nội",
        zone=None,
        website="",
        email=RETURNING,
    )

    services.approve_application(application=application, booths=[booths["A01"]], reviewer=reviewer)

    known.refresh_from_db()
    assert known.zone == zone
    assert known.website == "https://canon.example.vn"
    assert known.name_en == "Canon Vietnam"
    assert known.address_en == "Lot B2, Thang Long Industrial Park, Dong Anh, Hanoi"


def test_approve_drops_an_english_name_that_only_copied_the_vietnamese_one(fair, booths, reviewer):
    known = returning_company(tax_code="0100109106", name_vi="Công ty Cũ", name_en="Công ty Cũ")
    application = confirmed(
        fair,
        tax_code="0100109106",
        trading_name_vi="Công ty Mới",
        trading_name_en="",
        email=RETURNING,
    )

    services.approve_application(application=application, booths=[booths["A01"]], reviewer=reviewer)

    known.refresh_from_db()
    assert (known.name_vi, known.name_en) == ("Công ty Mới", "")


INVITATION_SUBJECT = "Mời quản lý hồ sơ doanh nghiệp trên cổng Hội chợ KCN Hà Nội"


def test_approve_for_an_existing_company_gives_the_applicant_no_access_unless_invited(
    fair, booths, reviewer, django_capture_on_commit_callbacks
):
    representative = make_user(email="lan@canon.example.vn")
    canon = make_exhibitor(
        tax_code="0100109106", name_vi="Canon Việt Nam", members=[representative]
    )
    application = confirmed(
        fair, tax_code="0100109106", trading_name_vi="Canon Việt Nam", email="attacker@evil.example"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[booths["A01"]], reviewer=reviewer
        )

    application.refresh_from_db()
    assert application.status == "approved"
    assert list(canon.booths.values_list("code", flat=True)) == ["A01"]
    assert list(canon.members.all()) == [representative]
    assert not User.objects.filter(email="attacker@evil.example").exists()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["attacker@evil.example"], f"Hồ sơ {application.reference} đã được duyệt")
    ]
    body = mail.outbox[0].body
    assert "đặt mật khẩu" not in body
    assert (
        "Gian được giao cho hồ sơ hiện có của Canon Việt Nam trên cổng hội chợ. Tên, địa "
        "chỉ, khu công nghiệp, trang web, logo, giới thiệu và ngành mà bạn gửi kèm hồ sơ "
        "đăng ký không được dùng: hồ sơ doanh nghiệp được giữ nguyên.\n\n"
        "Canon Việt Nam đã có người đại diện trên cổng hội chợ: hồ sơ doanh nghiệp, sản "
        "phẩm, tên bảng gian hàng và nhân sự trực gian do họ quản lý và cập nhật. Nếu cần "
        "sửa hồ sơ hoặc cùng quản lý, hãy đề nghị một người đại diện của doanh nghiệp, hoặc "
        f"liên hệ Ban tổ chức tại {settings.BOARD_EMAIL}." in body
    )
    assert mail.outbox[0].reply_to == [settings.BOARD_EMAIL]
    assert "lan@canon.example.vn" not in body
    approved = AuditEntry.objects.get(action="application.approved")
    assert approved.changes["applicant_invited"] is False
    assert not AuditEntry.objects.filter(action="exhibitor.representative_invited").exists()


def test_approve_for_an_existing_company_invites_the_applicant_when_the_board_says_so(
    fair, booths, reviewer, django_capture_on_commit_callbacks
):
    representative = make_user(email="lan@canon.example.vn")
    canon = make_exhibitor(
        tax_code="0100109106", name_vi="Canon Việt Nam", members=[representative]
    )
    application = confirmed(
        fair, tax_code="0100109106", email="hoa@canon.example.vn", language="en"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application,
            booths=[booths["A01"]],
            reviewer=reviewer,
            invite_applicant=True,
        )

    assert sorted(canon.members.values_list("email", flat=True)) == [
        "hoa@canon.example.vn",
        "lan@canon.example.vn",
    ]
    assert [m.to for m in mail.outbox] == [["hoa@canon.example.vn"], ["hoa@canon.example.vn"]]
    assert "You will receive a separate e-mail" in mail.outbox[0].body
    assert "/en/account/welcome/" in mail.outbox[1].body
    approved = AuditEntry.objects.get(action="application.approved")
    assert approved.changes["applicant_invited"] is True
    assert AuditEntry.objects.get(action="exhibitor.representative_invited").changes == {
        "email": "hoa@canon.example.vn",
        "set_password_link": True,
    }


def test_approve_for_a_company_without_representatives_tells_the_applicant_to_ask_the_board(
    fair, booths, reviewer, django_capture_on_commit_callbacks
):
    canon = make_exhibitor(tax_code="0100109106", name_vi="Canon Việt Nam", name_en="Canon")
    application = confirmed(
        fair, tax_code="0100109106", email="hoa@canon.example.vn", language="en"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[booths["A01"]], reviewer=reviewer
        )

    assert canon.members.count() == 0
    assert [m.to for m in mail.outbox] == [["hoa@canon.example.vn"]]
    assert (
        "The booths are assigned to the existing profile of Canon on the fair portal. The "
        "names, address, industrial zone, website, logo, description and sectors you sent "
        "with the application were not used: the company profile stays as it is.\n\nAccess to manage Canon's profile on the fair portal (company details, "
        "products, booth fascia name and booth staff) is granted by the organisers. If your "
        "company needs it, or needs the profile changed, please contact the organisers at "
        f"{settings.BOARD_EMAIL}." in mail.outbox[0].body
    )


def test_approve_for_a_representative_who_signs_in_sends_no_invitation_but_the_sign_in_link(
    fair, booths, reviewer, django_capture_on_commit_callbacks
):
    representative = make_user(email="lan@canon.example.vn")
    canon = make_exhibitor(
        tax_code="0100109106", name_vi="Canon Việt Nam", members=[representative]
    )
    application = confirmed(
        fair, tax_code="0100109106", trading_name_vi="Canon VN", email="Lan@Canon.example.vn"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[booths["A01"]], reviewer=reviewer
        )

    canon.refresh_from_db()
    assert list(canon.members.all()) == [representative]
    assert canon.name_vi == "Canon VN"  # a representative's application updates the profile
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["lan@canon.example.vn"], f"Hồ sơ {application.reference} đã được duyệt")
    ]
    assert mail.outbox[0].body.endswith(
        "Gian được giao:\n"
        "- A01 · Tiêu chuẩn · 3 × 3 m: 15.000.000\xa0₫ (đã gồm VAT)\n"
        "Tổng tiền thuê gian: 15.000.000\xa0₫ (đã gồm VAT)\n\n"
        "Bạn đã là người đại diện của Canon VN trên cổng hội chợ nên không cần đặt mật khẩu "
        "mới: hãy đăng nhập khu vực doanh nghiệp như thường lệ để quản lý hồ sơ doanh "
        "nghiệp, sản phẩm, tên bảng gian hàng và nhân sự trực gian.\n"
        f"Đăng nhập khu vực doanh nghiệp: {settings.PORTAL_BASE_URL}/account/?company={canon.pk}\n\n"
        "Bước tiếp theo:\n"
        "1. Ban tổ chức sẽ gửi hợp đồng thuê gian qua e-mail.\n"
        "2. Thanh toán tiền thuê gian theo hướng dẫn trong hợp đồng.\n"
        "3. Ban tổ chức sẽ báo ngày giờ dàn dựng gian hàng.\n"
        f"Cần hỏi: viết đến {settings.BOARD_EMAIL}.\n\n"
        "Ban tổ chức Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội\n"
        "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội"
    )
    assert not AuditEntry.objects.filter(action="exhibitor.representative_invited").exists()
    approved = AuditEntry.objects.get(action="application.approved")
    assert (approved.changes["applicant_invited"], approved.changes["invitation_sent"]) == (
        True,
        False,
    )


def test_approval_mail_of_a_representative_in_english_links_the_english_sign_in(
    fair, booths, reviewer, django_capture_on_commit_callbacks
):
    canon = make_exhibitor(
        tax_code="0100109106", name_vi="Canon Việt Nam", name_en="Canon Vietnam",
        members=[make_user(email="lan@canon.example.vn")],
    )  # fmt: skip
    application = confirmed(
        fair, tax_code="0100109106", email="lan@canon.example.vn", language="en",
        trading_name_vi="Canon Việt Nam", trading_name_en="Canon Vietnam",
    )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[booths["A01"]], reviewer=reviewer
        )

    assert len(mail.outbox) == 1
    assert (
        "You are already a representative of Canon Vietnam on the fair portal, so you need "
        "no new password: sign in to the company area as usual to manage the company "
        "profile, products, booth fascia name and booth staff.\n"
        f"Sign in to the company area: {settings.PORTAL_BASE_URL}/en/account/?company={canon.pk}"
    ) in mail.outbox[0].body


def test_approve_for_a_representative_who_never_set_a_password_sends_the_invitation_again(
    fair, booths, reviewer, django_capture_on_commit_callbacks
):
    representative = make_user(email="lan@canon.example.vn")
    representative.set_unusable_password()
    representative.save()
    canon = make_exhibitor(tax_code="0100109106", members=[representative])
    application = confirmed(fair, tax_code="0100109106", email="lan@canon.example.vn")

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[booths["A01"]], reviewer=reviewer
        )

    assert list(canon.members.all()) == [representative]
    assert [m.subject for m in mail.outbox] == [
        f"Hồ sơ {application.reference} đã được duyệt",
        INVITATION_SUBJECT,
    ]
    assert "Bạn sẽ nhận một e-mail riêng để đặt mật khẩu" in mail.outbox[0].body
    assert "/account/welcome/" in mail.outbox[1].body


def test_approve_copies_logo_reencoded(fair, booths, reviewer, client, payload):
    client.post("/booths/apply/", {**payload, "logo": png_upload()})
    application = BoothApplication.objects.get()
    application.email_confirmed_at = timezone.now()
    application.save()

    services.approve_application(application=application, booths=[booths["A01"]], reviewer=reviewer)

    exhibitor = Exhibitor.objects.get()
    assert exhibitor.logo.name.startswith("logos/logo-")
    assert exhibitor.logo_thumb.name.startswith("logos/thumbs/logo-")
    assert exhibitor.logo.name != application.logo.name


def test_approve_taken_booth_names_holder_and_rolls_back(
    fair, booths, reviewer, django_capture_on_commit_callbacks
):
    holder = make_exhibitor(name_vi="TOTO Việt Nam")
    booths["A02"].exhibitor = holder
    booths["A02"].save()
    application = confirmed(fair, tax_code="0100109106")

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.BoothTaken) as caught,
    ):
        services.approve_application(
            application=application, booths=[booths["A01"], booths["A02"]], reviewer=reviewer
        )

    application.refresh_from_db()
    assert caught.value.message == "Gian A02 đã được giao cho TOTO Việt Nam."
    assert application.status == "submitted"
    assert not Exhibitor.objects.filter(tax_code="0100109106").exists()
    assert Booth.objects.get(code="A01").exhibitor is None
    assert mail.outbox == []
    assert AuditEntry.objects.count() == 0


def test_approve_lets_a_database_fault_through_instead_of_retrying_names(
    fair, booths, reviewer, monkeypatch
):
    # A fault no other slug can solve (here a column the database refuses) must not be
    # reported as "could not create the company, try again" after five new names.
    application = confirmed(fair, tax_code="0100109106")
    attempts = []

    def refused(self, *args, **kwargs):
        attempts.append(self.slug)
        raise IntegrityError("NOT NULL constraint failed: exhibitors_exhibitor.search_text_en")

    monkeypatch.setattr(Exhibitor, "save", refused)

    with pytest.raises(IntegrityError):
        services.approve_application(
            application=application, booths=[booths["A01"]], reviewer=reviewer
        )

    application.refresh_from_db()
    assert len(attempts) == 1
    assert application.status == "submitted"
    assert Booth.objects.get(code="A01").exhibitor is None


def test_approve_kept_booth_refused(fair, booths, reviewer):
    application = confirmed(fair)

    with pytest.raises(services.BoothTaken) as caught:
        services.approve_application(
            application=application, booths=[booths["A03"]], reviewer=reviewer
        )

    assert caught.value.message == "Gian A03 do Ban Quản lý giữ lại."


def test_approve_unconfirmed_or_decided_application_refused(fair, booths, reviewer):
    unconfirmed = make_application(fair=fair)
    rejected = confirmed(fair, status="rejected")

    for application in (unconfirmed, rejected):
        with pytest.raises(services.BoothError):
            services.approve_application(
                application=application, booths=[booths["A01"]], reviewer=reviewer
            )

    assert Booth.objects.get(code="A01").exhibitor is None


def test_reject_records_reason_and_mails_it(fair, reviewer, django_capture_on_commit_callbacks):
    application = confirmed(fair, email="lan@example.vn")

    with django_capture_on_commit_callbacks(execute=True):
        services.reject_application(
            application=application, reviewer=reviewer, reason="Hết gian cao cấp."
        )

    application.refresh_from_db()
    assert (application.status, application.decision_note) == ("rejected", "Hết gian cao cấp.")
    assert mail.outbox[0].to == ["lan@example.vn"]
    assert "Hết gian cao cấp." in mail.outbox[0].body
    assert AuditEntry.objects.get().action == "application.rejected"


@pytest.mark.parametrize(
    ("decide", "opening"),
    [
        (
            "approve",
            "Booth application HC2024-0050 from Quang Minh Electronics for the Hanoi "
            "Industrial Zones Industrial Products Fair 2024 has been approved.",
        ),
        (
            "reject",
            "We are sorry: booth application HC2024-0050 from Quang Minh Electronics has "
            "not been approved.",
        ),
        (
            "waitlist",
            "Booth application HC2024-0050 from Quang Minh Electronics has been put on the "
            "waiting list.",
        ),
    ],
)
def test_decision_mails_in_english_say_whose_application_for_which_fair(
    fair, booths, reviewer, django_capture_on_commit_callbacks, decide, opening
):
    application = confirmed(
        fair, reference="HC2024-0050", language="en", trading_name_en="Quang Minh Electronics"
    )

    with django_capture_on_commit_callbacks(execute=True):
        if decide == "approve":
            services.approve_application(
                application=application, booths=[booths["A01"]], reviewer=reviewer
            )
        elif decide == "reject":
            services.reject_application(application=application, reviewer=reviewer, reason="Full.")
        else:
            services.waitlist_application(application=application, reviewer=reviewer)

    # The decision comes first; an approval is followed by the invitation it announces.
    assert mail.outbox[0].body.startswith(f"Hello,\n\n{opening}")


def test_reject_without_reason_refused(fair, reviewer):
    application = confirmed(fair)

    with pytest.raises(services.BoothError):
        services.reject_application(application=application, reviewer=reviewer, reason="  ")


def test_waitlist_then_approve(fair, booths, reviewer):
    application = confirmed(fair)

    services.waitlist_application(application=application, reviewer=reviewer)
    services.approve_application(application=application, booths=[booths["B01"]], reviewer=reviewer)

    application.refresh_from_db()
    assert application.status == "approved"


def test_assign_release_and_assign_again(fair, booths, reviewer):
    first, second = make_exhibitor(), make_exhibitor()

    services.assign_booth(booth=booths["A01"], exhibitor=first, actor=reviewer)
    with pytest.raises(services.BoothTaken):
        services.assign_booth(booth=booths["A01"], exhibitor=second, actor=reviewer)
    services.release_booth(booth=booths["A01"], actor=reviewer)
    services.assign_booth(booth=booths["A01"], exhibitor=second, actor=reviewer)

    first.refresh_from_db()
    second.refresh_from_db()
    assert Booth.objects.get(code="A01").exhibitor == second
    assert "a01" not in first.search_text.split()
    assert "a01" in second.search_text.split()
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["booth.assigned", "booth.released", "booth.assigned"]


def test_move_exhibitor_to_free_booth(fair, booths, reviewer):
    exhibitor = make_exhibitor()
    services.assign_booth(booth=booths["A01"], exhibitor=exhibitor, actor=reviewer)

    services.move_exhibitor(
        exhibitor=exhibitor, from_booths=[booths["A01"]], to_booths=[booths["B01"]], actor=reviewer
    )

    exhibitor.refresh_from_db()
    assert list(exhibitor.booths.values_list("code", flat=True)) == ["B01"]
    assert Booth.objects.get(code="A01").exhibitor is None
    assert "b01" in exhibitor.search_text.split()


def test_move_to_taken_booth_changes_nothing(fair, booths, reviewer):
    mover, holder = make_exhibitor(), make_exhibitor(name_vi="CP Việt Nam")
    services.assign_booth(booth=booths["A01"], exhibitor=mover, actor=reviewer)
    services.assign_booth(booth=booths["B01"], exhibitor=holder, actor=reviewer)

    with pytest.raises(services.BoothTaken) as caught:
        services.move_exhibitor(
            exhibitor=mover, from_booths=[booths["A01"]], to_booths=[booths["B01"]], actor=reviewer
        )

    assert caught.value.message == "Gian B01 đã được giao cho CP Việt Nam."
    assert Booth.objects.get(code="A01").exhibitor == mover


def test_swap_two_exhibitors(fair, booths, reviewer):
    canon, toto = make_exhibitor(name_vi="Canon"), make_exhibitor(name_vi="TOTO")
    services.assign_booth(booth=booths["A01"], exhibitor=canon, actor=reviewer)
    services.assign_booth(booth=booths["B01"], exhibitor=toto, actor=reviewer)

    services.swap_booths(booth_a=booths["B01"], booth_b=booths["A01"], actor=reviewer)

    assert Booth.objects.get(code="A01").exhibitor == toto
    assert Booth.objects.get(code="B01").exhibitor == canon
    canon.refresh_from_db()
    assert "b01" in canon.search_text.split()


def test_swap_with_free_booth_refused(fair, booths, reviewer):
    services.assign_booth(booth=booths["A01"], exhibitor=make_exhibitor(), actor=reviewer)

    with pytest.raises(services.BoothError):
        services.swap_booths(booth_a=booths["A01"], booth_b=booths["A02"], actor=reviewer)


def fascias() -> dict[str, str]:
    return dict(Booth.objects.exclude(exhibitor=None).values_list("code", "fascia_name"))


def test_an_assigned_booth_is_lettered_with_the_company_name_in_capitals(fair, booths, reviewer):
    company = make_exhibitor(name_vi="Điện tử Quang Minh", name_en="Quang Minh Electronics")

    services.assign_booth(booth=booths["A01"], exhibitor=company, actor=reviewer)

    assert fascias() == {"A01": "ĐIỆN TỬ QUANG MINH"}


def test_a_second_booth_is_lettered_as_the_company_letters_its_first(fair, booths, reviewer):
    company = make_exhibitor(name_vi="Điện tử Quang Minh")
    services.assign_booth(booth=booths["A01"], exhibitor=company, actor=reviewer)
    services.set_fascia_name(
        booth=booths["A01"], exhibitor=company, fascia_name="QUANG MINH ELECTRONICS", actor=None
    )

    services.assign_booth(booth=booths["A02"], exhibitor=company, actor=reviewer)

    assert fascias() == {"A01": "QUANG MINH ELECTRONICS", "A02": "QUANG MINH ELECTRONICS"}


def test_a_booth_of_another_fair_does_not_letter_this_one(fair, booths, reviewer):
    company = make_exhibitor(name_vi="Điện tử Quang Minh")
    make_booth(code="C01", exhibitor=company, fascia_name="QM 2024")

    services.assign_booth(booth=booths["A01"], exhibitor=company, actor=reviewer)

    assert Booth.objects.get(fair=fair, code="A01").fascia_name == "ĐIỆN TỬ QUANG MINH"


def test_a_move_carries_the_fascia_from_the_old_booth(fair, booths, reviewer):
    company = make_exhibitor(name_vi="Điện tử Quang Minh")
    services.assign_booth(booth=booths["A01"], exhibitor=company, actor=reviewer)
    services.set_fascia_name(
        booth=booths["A01"], exhibitor=company, fascia_name="QM TECH", actor=None
    )

    services.move_exhibitor(
        exhibitor=company, from_booths=[booths["A01"]], to_booths=[booths["B01"]], actor=reviewer
    )

    assert fascias() == {"B01": "QM TECH"}


def test_a_swap_gives_each_company_its_own_fascia(fair, booths, reviewer):
    canon, toto = make_exhibitor(name_vi="Canon Việt Nam"), make_exhibitor(name_vi="TOTO")
    services.assign_booth(booth=booths["A01"], exhibitor=canon, actor=reviewer)
    services.assign_booth(booth=booths["B01"], exhibitor=toto, actor=reviewer)
    services.set_fascia_name(booth=booths["A01"], exhibitor=canon, fascia_name="CANON", actor=None)

    services.swap_booths(booth_a=booths["A01"], booth_b=booths["B01"], actor=reviewer)

    assert fascias() == {"A01": "TOTO", "B01": "CANON"}


def test_booth_of_another_fair_not_given(fair, reviewer):
    application = confirmed(fair)
    elsewhere = make_booth(code="A01")

    with pytest.raises(services.BoothTaken):
        services.approve_application(application=application, booths=[elsewhere], reviewer=reviewer)


def test_approval_mail_in_applicants_language_and_contact_details_not_published(
    fair, booths, django_capture_on_commit_callbacks
):
    from django.utils import translation

    reviewer = make_user(is_staff=True)
    application = make_application(
        fair=fair, tax_code="0100107518", email="lan.tran@ca-nhan.example.vn",
        phone="+84987654321", language="vi", product_summary="Linh kiện điện tử cho ô tô.",
        email_confirmed_at=timezone.now(),
    )  # fmt: skip

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[booths["A01"]], reviewer=reviewer
        )

    exhibitor = Exhibitor.objects.get(tax_code="0100107518")
    decision = mail.outbox[0]  # the decision, before the invitation it announces
    assert decision.subject == f"Hồ sơ {application.reference} đã được duyệt"
    assert (exhibitor.email, exhibitor.phone) == ("", "")
    assert exhibitor.description_vi == "Linh kiện điện tử cho ô tô."


def test_approve_for_a_new_company_whose_applicant_represents_another_says_sign_in_as_usual(
    fair, booths, reviewer, django_capture_on_commit_callbacks
):
    # Lan manages Canon's profile and signs in; she now applies for Canon's sister
    # company. A set-password link would only replace the password she uses.
    lan = make_user(email="lan@canon.example.vn", password="Canon-2027-mat-khau")
    make_exhibitor(name_vi="Canon Việt Nam", members=[lan])
    application = confirmed(
        fair, tax_code="0172656813", trading_name_vi="Canon Quế Võ", email="lan@canon.example.vn"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[booths["A01"]], reviewer=reviewer
        )

    sister = Exhibitor.objects.get(tax_code="0172656813")
    assert list(sister.members.all()) == [lan]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["lan@canon.example.vn"], f"Hồ sơ {application.reference} đã được duyệt")
    ]
    body = mail.outbox[0].body
    assert "/account/welcome/" not in body
    assert "Bạn đã là người đại diện của Canon Quế Võ trên cổng hội chợ nên không cần" in body
    # The link opens the sister company, not Canon, whose name sorts first.
    assert (
        f"Đăng nhập khu vực doanh nghiệp: {settings.PORTAL_BASE_URL}/account/?company={sister.pk}"
    ) in body
    lan.refresh_from_db()
    assert lan.check_password("Canon-2027-mat-khau")
    invited = AuditEntry.objects.get(action="exhibitor.representative_invited")
    assert invited.changes == {"email": "lan@canon.example.vn", "set_password_link": False}
    approved = AuditEntry.objects.get(action="application.approved")
    assert approved.changes["invitation_sent"] is False
