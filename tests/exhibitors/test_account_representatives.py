"""Inviting and removing a company's representatives."""

import re

import pytest
from django.core import mail
from django.utils.html import strip_tags

from fairportal.models import AuditEntry
from tests.exhibitors.account_support import representative
from tests.factories import make_exhibitor, make_user

pytestmark = pytest.mark.django_db


def test_invite_sends_email_and_adds_member(client, django_capture_on_commit_callbacks):
    user, exhibitor = representative(client, name_vi="Công ty Sao Mai")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/representatives/", {"full_name": "Phạm Minh", "email": "Minh@SaoMai.vn"}
        )

    assert response.status_code == 302
    assert sorted(exhibitor.members.values_list("email", flat=True)) == sorted(
        [user.email, "minh@saomai.vn"]
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["minh@saomai.vn"]
    assert "Công ty Sao Mai" in mail.outbox[0].body
    assert "https://hoicho.example.vn/account/welcome/" in mail.outbox[0].body
    assert "https://hoicho.example.vn/account/login/" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="exhibitor.representative_invited")
    assert entry.actor == user


def test_invite_bad_email_shows_error_and_keeps_name(client):
    _user, exhibitor = representative(client)

    response = client.post(
        "/account/representatives/", {"full_name": "Phạm Minh", "email": "minh@"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        "Địa chỉ e-mail không hợp lệ, ví dụ ten@congty.vn"
    ]
    assert 'value="Phạm Minh"' in response.content.decode()
    assert exhibitor.members.count() == 1
    assert mail.outbox == []


def test_invite_existing_member_with_password_is_refused(client):
    user, exhibitor = representative(client)

    response = client.post("/account/representatives/", {"full_name": "Tôi", "email": user.email})

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        "Người này đã là đại diện của doanh nghiệp."
    ]


def test_invite_rate_limited_answers_429(client, django_capture_on_commit_callbacks):
    _user, exhibitor = representative(client)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(10):
            client.post("/account/representatives/", {"full_name": "N", "email": f"n{n}@x.vn"})

    response = client.post("/account/representatives/", {"full_name": "N", "email": "n99@x.vn"})

    assert response.status_code == 429
    assert exhibitor.members.filter(email="n99@x.vn").exists() is False


def test_remove_other_representative(client):
    user, exhibitor = representative(client)
    other = make_user(email="khac@congty.vn")
    exhibitor.members.add(other)

    page = client.get("/account/representatives/").content.decode()
    unconfirmed = client.post(f"/account/representatives/{other.pk}/remove/", follow=True)
    assert exhibitor.members.filter(pk=other.pk).exists()  # one click removes no one
    assert "Chưa xoá" in unconfirmed.content.decode()

    response = client.post(f"/account/representatives/{other.pk}/remove/", {"confirm": "yes"})

    # The page asks first: the removing button sits behind a disclosure.
    assert '<summary>Xoá…<span class="visually-hidden"> khac@congty.vn</span></summary>' in page
    assert response["Location"] == "/account/representatives/"
    assert list(exhibitor.members.all()) == [user]
    entry = AuditEntry.objects.get(action="exhibitor.representative_removed")
    assert (entry.actor, entry.changes) == (user, {"email": "khac@congty.vn"})


def test_remove_yourself_when_last_is_refused(client):
    user, exhibitor = representative(client)

    response = client.post(
        f"/account/representatives/{user.pk}/remove/", {"confirm": "yes"}, follow=True
    )

    assert list(exhibitor.members.all()) == [user]
    assert "Không thể xoá đại diện cuối cùng" in response.content.decode()
    assert AuditEntry.objects.filter(action="exhibitor.representative_removed").count() == 0


def test_remove_yourself_when_others_remain(client):
    user, exhibitor = representative(client)
    other = make_user()
    exhibitor.members.add(other)

    response = client.post(f"/account/representatives/{user.pk}/remove/", {"confirm": "yes"})

    assert response["Location"] == "/account/"
    assert list(exhibitor.members.all()) == [other]
    assert client.get("/account/profile/").status_code == 404


def test_remove_pressed_twice_says_the_person_is_no_longer_listed(client):
    user, exhibitor = representative(client)
    other = make_user(email="khac@congty.vn")
    exhibitor.members.add(other)
    url = f"/account/representatives/{other.pk}/remove/"
    client.post(url, {"confirm": "yes"})

    again = client.post(url, {"confirm": "yes"}, follow=True)

    assert again.redirect_chain == [("/account/representatives/", 302)]
    assert (
        "Người này không còn trong danh sách đại diện (có thể vừa được xoá)."
        in again.content.decode()
    )
    assert list(exhibitor.members.all()) == [user]
    assert AuditEntry.objects.filter(action="exhibitor.representative_removed").count() == 1


def test_remove_pressed_twice_for_someone_who_also_represents_another_company(client):
    user, exhibitor = representative(client)
    other = make_user(email="khac@congty.vn")
    exhibitor.members.add(other)
    make_exhibitor(members=[other])  # they represent another company too
    url = f"/account/representatives/{other.pk}/remove/"
    client.post(url, {"confirm": "yes"})

    again = client.post(url, {"confirm": "yes"}, follow=True)

    assert again.redirect_chain == [("/account/representatives/", 302)]
    assert "Người này không còn trong danh sách đại diện" in again.content.decode()
    assert list(exhibitor.members.all()) == [user]


def test_representatives_list_names_each_person_once(client):
    """A person with a name reads "name e-mail"; one without a name (invited without
    one) reads the e-mail once, not twice."""
    user, exhibitor = representative(client)
    user.first_name, user.last_name = "", ""
    user.save()
    exhibitor.members.add(make_user(email="hoa@saomai.vn", first_name="Hoa", last_name="Nguyễn"))

    html = client.get("/account/representatives/").content.decode()

    people = re.findall(r'<ul class="people">.*?</ul>', html, re.S)[0]
    names = [
        re.sub(r"\s+", " ", strip_tags(item)).strip()
        for item in re.findall(r"<li>\s*<span>(.*?)</span>\s*</span>", people, re.S)
    ]
    assert sorted(names) == sorted([f"{user.email} Bạn", "Hoa Nguyễn hoa@saomai.vn"])
