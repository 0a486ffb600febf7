"""The whole way: apply → confirm the e-mail → the board approves in the admin →
invitation → set a password → the exhibitor is published with its booth."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from booths import services
from booths.models import BoothApplication
from exhibitors.models import Exhibitor
from fairportal.text import filter_by_words
from tests.booths.test_status_page import application_with_token
from tests.factories import make_exhibitor, make_user

pytestmark = pytest.mark.django_db


def link_in(message, pattern):
    match = re.search(pattern, message.body)
    assert match, message.body
    return match.group(0).replace("https://hoicho.example.vn", "")


def test_apply_confirm_approve_invite_set_password(
    client, board_client, payload, booths, settings, django_capture_on_commit_callbacks
):
    from django.test import Client

    applicant = Client()
    with django_capture_on_commit_callbacks(execute=True):
        applicant.post("/booths/apply/", payload)
    status_path = link_in(mail.outbox[0], r"https://hoicho\.example\.vn/booths/applications/\S+/")

    with django_capture_on_commit_callbacks(execute=True):
        status = applicant.get(status_path)
    assert "Hồ sơ đang chờ Ban tổ chức xét duyệt." in status.content.decode()
    assert mail.outbox[1].to == [settings.BOARD_EMAIL]
    application = BoothApplication.objects.get()

    admin_path = link_in(mail.outbox[1], r"https://hoicho\.example\.vn/admin/\S+")
    assert board_client.get(admin_path).status_code == 200
    approve_page = board_client.get(f"/admin/booths/boothapplication/{application.pk}/approve/")
    assert re.search(rf'value="{booths["A01"].pk}"[^>]*checked', approve_page.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        board_client.post(
            f"/admin/booths/boothapplication/{application.pk}/approve/",
            {"booths": [booths["A01"].pk, booths["A02"].pk]},
        )

    decision, invitation = mail.outbox[2:4]  # the decision first, then what it announces
    assert invitation.to == ["hoa@quangminh.example.vn"]
    welcome_path = link_in(invitation, r"https://hoicho\.example\.vn/account/welcome/\S+/")
    set_password_page = applicant.get(welcome_path, follow=True)
    assert set_password_page.status_code == 200
    applicant.post(
        set_password_page.redirect_chain[-1][0],
        {"new_password1": "Gian-A01-Quang-Minh", "new_password2": "Gian-A01-Quang-Minh"},
    )
    assert (
        "Gian được giao:\n"
        "- A01 · Tiêu chuẩn · 3 × 3 m: 15.000.000\xa0₫ (đã gồm VAT)\n"
        "- A02 · Tiêu chuẩn · 3 × 3 m: 15.000.000\xa0₫ (đã gồm VAT)\n"
        "Tổng tiền thuê gian: 30.000.000\xa0₫ (đã gồm VAT)\n"
    ) in decision.body

    exhibitor = Exhibitor.objects.get(tax_code="0100109106")
    assert exhibitor.is_published is True
    assert sorted(exhibitor.booths.values_list("code", flat=True)) == ["A01", "A02"]
    assert list(filter_by_words(Exhibitor.objects.all(), "A01")) == [exhibitor]
    assert exhibitor.members.get().check_password("Gian-A01-Quang-Minh")
    plan = client.get("/floor-plan/").content.decode()
    assert "A01 – Điện tử Quang Minh" in plan
    status_after = applicant.get(status_path).content.decode()
    assert "Đã duyệt" in status_after
    assert 'href="/floor-plan/?booth=A01#booth-A01"' in status_after


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["vi", "en"])
def test_approval_link_of_a_representative_of_two_companies_opens_the_approved_one(
    client, fair, booths, django_capture_on_commit_callbacks, prefix
):
    # Lan already manages An Phát (first by name) and signs in with her own password;
    # she applies for her second company, Việt Tiến, which the board approves.
    lan = make_user(email="lan@anphat.example.vn", password="An-Phat-2027-mat-khau")
    make_exhibitor(name_vi="An Phát", members=[lan])
    application, token = application_with_token(
        fair,
        tax_code="0172656813",
        trading_name_vi="Việt Tiến",
        email="lan@anphat.example.vn",
        email_confirmed_at=timezone.now(),
        language="en" if prefix else "vi",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[booths["A01"]], reviewer=make_user(is_staff=True)
        )
    viet_tien = Exhibitor.objects.get(tax_code="0172656813")
    [approval] = mail.outbox
    mailed = link_in(approval, r"https://hoicho\.example\.vn/\S*account/\S*")
    status = client.get(f"{prefix}/booths/applications/{token}/").content.decode()
    shown = re.search(r'<a class="button" href="([^"]+)">', status).group(1)

    to_sign_in = client.get(mailed)
    signed_in = client.post(
        to_sign_in["Location"],
        {"username": "lan@anphat.example.vn", "password": "An-Phat-2027-mat-khau"},
        follow=True,
    )

    assert mailed == shown == f"{prefix}/account/?company={viet_tien.pk}"
    assert to_sign_in["Location"] == (
        f"{prefix}/account/login/?next={prefix}/account/%3Fcompany%3D{viet_tien.pk}"
    )
    assert signed_in.redirect_chain == [(f"{prefix}/account/?company={viet_tien.pk}", 302)]
    assert signed_in.context["exhibitor"] == viet_tien
    # The company stays chosen on the next pages of the area.
    assert client.get(f"{prefix}/account/profile/").context["exhibitor"] == viet_tien
