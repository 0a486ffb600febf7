"""The whole way: apply → confirm the e-mail → the board approves in the admin →
invitation → set a password → the exhibitor is published with its booth."""

import re

import pytest
from django.core import mail

from booths.models import BoothApplication
from exhibitors.models import Exhibitor
from fairportal.text import filter_by_words

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
    assert "A01, A02" in decision.body

    exhibitor = Exhibitor.objects.get(tax_code="0100109106")
    assert exhibitor.is_published is True
    assert sorted(exhibitor.booths.values_list("code", flat=True)) == ["A01", "A02"]
    assert list(filter_by_words(Exhibitor.objects.all(), "A01")) == [exhibitor]
    assert exhibitor.members.get().check_password("Gian-A01-Quang-Minh")
    plan = client.get("/floor-plan/").content.decode()
    assert "A01 – Điện tử Quang Minh" in plan
    status_after = applicant.get(status_path).content.decode()
    assert "Đã duyệt" in status_after
    assert 'href="/floor-plan/?booth=A01"' in status_after
