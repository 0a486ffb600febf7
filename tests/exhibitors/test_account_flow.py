"""The whole path of a new representative: invitation e-mail → welcome link → own
password → /account/ → edit the description → saved."""

import re

import pytest
from django.core import mail

from exhibitors.models import Exhibitor
from exhibitors.services import invite_representative
from fairportal.models import AuditEntry
from tests.factories import make_exhibitor, make_sector, make_user

pytestmark = pytest.mark.django_db


def test_invited_representative_sets_password_and_edits_description(
    client, django_capture_on_commit_callbacks
):
    board = make_user(username="bql", email="bql@hanoi.gov.vn", is_staff=True)
    exhibitor = make_exhibitor(name_vi="Công ty Hoa Sen", description_vi="Mô tả cũ.")
    with django_capture_on_commit_callbacks(execute=True):
        invite_representative(
            exhibitor=exhibitor, email="thu@hoasen.vn", full_name="Lê Thu", invited_by=board
        )
    invitation = mail.outbox[0]
    welcome_path = re.search(r"https://hoicho\.example\.vn(/account/welcome/\S+/)", invitation.body)

    form_page = client.get(welcome_path.group(1), follow=True)
    home = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Hoa-sen-2024-moi", "new_password2": "Hoa-sen-2024-moi"},
        follow=True,
    )
    profile_form = client.get("/account/profile/")
    saved = client.post(
        "/account/profile/",
        {
            "description_vi": "Hoa Sen sản xuất ống nhựa cho công trình công nghiệp.",
            "description_en": "Hoa Sen makes plastic pipes for industrial sites.",
            "website": "",
            "email": "",
            "phone": "024 3825 1234",
            "address_vi": "KCN Quang Minh, Mê Linh, Hà Nội",
            "address_en": "Quang Minh Industrial Park, Me Linh, Hanoi",
            "sectors": [str(make_sector(name_vi="Nhựa", slug="nhua").pk)],
        },
        follow=True,
    )

    assert invitation.to == ["thu@hoasen.vn"]
    assert home.redirect_chain[-1][0] == "/account/"
    assert "<h1>Công ty Hoa Sen</h1>" in home.content.decode()
    assert profile_form.status_code == 200
    assert saved.redirect_chain == [("/account/profile/", 302)]
    assert "Đã lưu hồ sơ doanh nghiệp." in saved.content.decode()
    assert "Hoa Sen sản xuất ống nhựa cho công trình công nghiệp." in saved.content.decode()
    exhibitor = Exhibitor.objects.get(pk=exhibitor.pk)
    assert exhibitor.description_vi == "Hoa Sen sản xuất ống nhựa cho công trình công nghiệp."
    assert exhibitor.description_en == "Hoa Sen makes plastic pipes for industrial sites."
    assert exhibitor.phone == "+842438251234"
    assert "ong nhua" in exhibitor.search_text
    assert list(
        AuditEntry.objects.filter(object_id=str(exhibitor.pk))
        .order_by("id")
        .values_list("action", "actor__email")
    ) == [
        ("exhibitor.representative_invited", "bql@hanoi.gov.vn"),
        ("exhibitor.profile_updated", "thu@hoasen.vn"),
    ]
    # The password works for the next visit.
    client.post("/account/logout/")
    again = client.post(
        "/account/login/", {"username": "thu@hoasen.vn", "password": "Hoa-sen-2024-moi"}
    )
    assert again["Location"] == "/account/"


def test_invitation_english_link_is_under_en(client, django_capture_on_commit_callbacks):
    exhibitor = make_exhibitor()
    with django_capture_on_commit_callbacks(execute=True):
        invite_representative(exhibitor=exhibitor, email="jp@example.jp", language="en")

    assert "https://hoicho.example.vn/en/account/welcome/" in mail.outbox[0].body


def test_english_account_home_after_login(client):
    user = make_user()
    make_exhibitor(members=[user], name_en="Lotus Pipes", name_vi="Ống Sen")
    client.force_login(user)

    response = client.get("/en/account/")

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


FAIR_NAME = "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội"


def test_mails_and_apply_page_give_the_fair_its_full_vietnamese_name(
    client, django_capture_on_commit_callbacks
):
    exhibitor = make_exhibitor(name_vi="Công ty Hoa Sen")
    make_user(username="thu", email="thu@hoasen.vn", password="Hoa-sen-2024-moi")
    with django_capture_on_commit_callbacks(execute=True):
        invite_representative(exhibitor=exhibitor, email="lan@hoasen.vn")
        client.post("/account/password-reset/", {"email": "thu@hoasen.vn"})

    apply_page = client.get("/booths/apply/").content.decode()

    invitation, reset = sorted(mail.outbox, key=lambda m: m.to)  # lan@, thu@
    assert f"trên cổng thông tin {FAIR_NAME}." in invitation.body
    assert f"trên cổng thông tin {FAIR_NAME}." in reset.body
    assert f'<meta name="description" content="Đăng ký gian hàng tại {FAIR_NAME}.">' in apply_page
