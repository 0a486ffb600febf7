"""Signing in and out, password reset by e-mail, first password from the invitation."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from exhibitors.services import invite_representative
from tests.factories import make_exhibitor, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "Hoi-cho-2024-mat-khau"


def test_login_page_renders_form_with_reset_link(client):
    response = client.get("/account/login/")

    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="username"' in body
    assert 'name="password"' in body
    assert 'href="/account/password-reset/"' in body


def test_login_with_email_lands_on_account_home(client):
    user = make_user(username="lan", email="lan@congty.vn", password=PASSWORD)
    make_exhibitor(members=[user])

    response = client.post("/account/login/", {"username": "LAN@congty.vn", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.get("/account/").wsgi_request.user == user


def test_login_wrong_password_shows_error_and_keeps_username(client):
    make_user(username="lan", email="lan@congty.vn", password=PASSWORD)

    response = client.post("/account/login/", {"username": "lan@congty.vn", "password": "sai"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "mật khẩu không đúng" in body
    assert 'value="lan@congty.vn"' in body
    assert "_auth_user_id" not in client.session
    # Signing in saves nothing: no "not saved, fix the fields" on top of the message.
    assert "Chưa lưu được" not in body


def test_login_rate_limited_per_username_answers_429(client, monkeypatch):
    # Five minutes into a fifteen-minute window: the count restarts in ten.
    monkeypatch.setattr("fairportal.ratelimit._now", lambda: 900 * 1_900_000 + 300.0)
    make_user(username="lan", email="lan@congty.vn", password=PASSWORD)
    for _ in range(10):
        client.post("/account/login/", {"username": "lan@congty.vn", "password": "sai"})

    response = client.post("/account/login/", {"username": "lan@congty.vn", "password": PASSWORD})

    assert response.status_code == 429
    assert "Quá nhiều yêu cầu" in response.content.decode()
    assert "Vui lòng thử lại sau 10 phút nữa." in response.content.decode()
    assert response["Retry-After"] == "600"
    assert "_auth_user_id" not in client.session


def test_login_rate_limited_per_ip_across_usernames(client, settings):
    settings.RATE_LIMITS = {"login": (3, 10, 900)}
    for n in range(3):
        client.post("/account/login/", {"username": f"u{n}@x.vn", "password": "sai"})

    response = client.post("/account/login/", {"username": "other@x.vn", "password": "sai"})

    assert response.status_code == 429


def test_signing_in_and_out_all_day_is_not_rate_limited(client):
    # A booth's shared laptop: the representative signs in and out more often than
    # the ten sign-ins a quarter of an hour the limit would allow were each counted.
    user = make_user(username="lan", email="lan@congty.vn", password=PASSWORD)
    make_exhibitor(members=[user])

    answers = []
    for _ in range(15):
        answers.append(
            client.post("/account/login/", {"username": "lan@congty.vn", "password": PASSWORD})
        )
        client.post("/account/logout/")

    assert [answer.status_code for answer in answers] == [302] * 15
    assert [answer["Location"] for answer in answers] == ["/account/"] * 15


def test_only_failed_sign_ins_use_up_the_limit(client, settings, monkeypatch):
    # Within one fifteen-minute window, whenever the test runs.
    monkeypatch.setattr("fairportal.ratelimit._now", lambda: 900 * 1_900_000 + 300.0)
    settings.RATE_LIMITS = {"login": (300, 3, 900)}
    user = make_user(username="lan", email="lan@congty.vn", password=PASSWORD)
    make_exhibitor(members=[user])
    for _ in range(4):
        client.post("/account/login/", {"username": "lan@congty.vn", "password": PASSWORD})
        client.post("/account/logout/")

    failures = [
        client.post("/en/account/login/", {"username": "lan@congty.vn", "password": "sai"})
        for _ in range(3)
    ]
    refused = client.post("/en/account/login/", {"username": "lan@congty.vn", "password": PASSWORD})

    assert [failure.status_code for failure in failures] == [200] * 3
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_by_post_signs_out(client):
    user = make_user()
    client.force_login(user)

    response = client.post("/account/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("prefix", "said"),
    [("", "Bạn đã đăng xuất."), ("/en", "You have signed out.")],
    ids=["vi", "en"],
)
def test_logout_lands_on_the_sign_in_page_saying_so(client, prefix, said):
    client.force_login(make_user())

    response = client.post(f"{prefix}/account/logout/", follow=True)

    assert response.redirect_chain == [(f"{prefix}/account/login/", 302)]
    assert [str(message) for message in response.context["messages"]] == [said]


def test_logout_by_get_is_refused(client):
    client.force_login(make_user())

    response = client.get("/account/logout/")

    assert response.status_code == 405
    assert "_auth_user_id" in client.session


def test_password_reset_page_explains_invited_users_need_invitation_link(client):
    response = client.get("/account/password-reset/")

    assert response.status_code == 200
    assert "e-mail mời" in response.content.decode()


def test_password_reset_sends_link_that_sets_new_password(client):
    make_user(username="lan", email="lan@congty.vn", password=PASSWORD)

    response = client.post("/account/password-reset/", {"email": "lan@congty.vn"})

    assert response.status_code == 302
    assert response["Location"] == "/account/password-reset/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lan@congty.vn"]
    link = re.search(
        r"https://hoicho\.example\.vn(/account/password-reset/\S+/)", mail.outbox[0].body
    )
    assert link is not None
    set_page = client.get(link.group(1), follow=True)
    assert set_page.status_code == 200
    form_url = set_page.redirect_chain[-1][0]
    done = client.post(
        form_url, {"new_password1": "Mat-khau-moi-2024", "new_password2": "Mat-khau-moi-2024"}
    )
    assert done["Location"] == "/account/password-reset/done/"
    assert get_user_model().objects.get(email="lan@congty.vn").check_password("Mat-khau-moi-2024")


def test_password_reset_in_english_comes_from_the_english_sender_name(client):
    make_user(username="lan", email="lan@congty.vn", password=PASSWORD)

    client.post("/en/account/password-reset/", {"email": "lan@congty.vn"})
    client.post("/account/password-reset/", {"email": "lan@congty.vn"})

    assert [message.from_email for message in mail.outbox] == [
        "Hanoi Industrial Zones Fair <no-reply@hoicho-kcn.example.vn>",
        "Hội chợ KCN Hà Nội <no-reply@hoicho-kcn.example.vn>",
    ]
    assert mail.outbox[0].subject.startswith("Reset your password")


def test_password_reset_ignores_invited_user_without_password(client):
    invite_representative(exhibitor=make_exhibitor(), email="moi@congty.vn", full_name="Lan")
    mail.outbox.clear()

    response = client.post("/account/password-reset/", {"email": "moi@congty.vn"})

    assert response.status_code == 302
    assert mail.outbox == []


ACCOUNT_FIELD = (
    '<input type="email" id="id_account" value="{email}" autocomplete="username" readonly>'
)


def test_welcome_page_names_the_account_the_password_is_for(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_representative(exhibitor=make_exhibitor(), email="moi@congty.vn", full_name="Lan")
    link = re.search(r"https://hoicho\.example\.vn(/account/welcome/\S+/)", mail.outbox[0].body)

    body = client.get(link.group(1), follow=True).content.decode()

    # Seen by the person, and by the browser's password manager, which saves the new
    # password under this e-mail (the one to sign in with).
    assert '<label for="id_account">E-mail đăng nhập:</label>' in body
    assert ACCOUNT_FIELD.format(email="moi@congty.vn") in body


def test_password_reset_page_names_the_account_the_password_is_for(client):
    make_user(username="lan", email="lan@congty.vn", password=PASSWORD)
    client.post("/en/account/password-reset/", {"email": "lan@congty.vn"})
    link = re.search(
        r"https://hoicho\.example\.vn(/en/account/password-reset/\S+/)", mail.outbox[0].body
    )

    body = client.get(link.group(1), follow=True).content.decode()

    assert '<label for="id_account">Sign-in e-mail:</label>' in body
    assert ACCOUNT_FIELD.format(email="lan@congty.vn") in body


def test_password_reset_rate_limited_per_email(client):
    for _ in range(10):
        client.post("/account/password-reset/", {"email": "lan@congty.vn"})

    response = client.post("/account/password-reset/", {"email": "lan@congty.vn"})

    assert response.status_code == 429


def test_password_reset_bad_email_shows_error(client):
    response = client.post("/account/password-reset/", {"email": "khong-phai-email"})

    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="errorlist"' in body
    assert 'value="khong-phai-email"' in body
    assert mail.outbox == []


def test_welcome_link_sets_password_and_lands_on_account_home(
    client, django_capture_on_commit_callbacks
):
    exhibitor = make_exhibitor(name_vi="Công ty Ánh Dương")
    with django_capture_on_commit_callbacks(execute=True):
        invite_representative(exhibitor=exhibitor, email="moi@congty.vn", full_name="Trần Lan")
    link = re.search(r"https://hoicho\.example\.vn(/account/welcome/\S+/)", mail.outbox[0].body)

    form_page = client.get(link.group(1), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Mat-khau-moi-2024", "new_password2": "Mat-khau-moi-2024"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/account/"
    assert response.wsgi_request.user.email == "moi@congty.vn"
    assert "<h1>Công ty Ánh Dương</h1>" in response.content.decode()


def test_welcome_password_too_short_is_refused_in_vietnamese(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_representative(exhibitor=make_exhibitor(), email="moi@congty.vn")
    link = re.search(r"https://hoicho\.example\.vn(/account/welcome/\S+/)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)

    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Ngan-1", "new_password2": "Ngan-1"}
    )

    body = response.content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in body
    assert "This password is too short" not in body


def test_welcome_link_spent_after_use_says_so(client, django_capture_on_commit_callbacks):
    exhibitor = make_exhibitor()
    with django_capture_on_commit_callbacks(execute=True):
        invite_representative(exhibitor=exhibitor, email="moi@congty.vn")
    path = re.search(r"https://hoicho\.example\.vn(/account/welcome/\S+/)", mail.outbox[0].body)
    user = get_user_model().objects.get(email="moi@congty.vn")
    user.set_password("Mat-khau-khac-2024")
    user.save()

    response = client.get(path.group(1), follow=True)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Liên kết này đã được dùng: mật khẩu của bạn đã được đặt. Hãy đăng nhập" in body
    assert '<a href="/account/login/">Đến trang đăng nhập</a>' in body
    assert '<a href="/account/password-reset/">Đặt lại mật khẩu</a>' in body
    assert "gửi lại lời mời" not in body


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        ("", "Liên kết này đã hết hạn: liên kết mời chỉ dùng được trong 3 ngày."),
        ("/en", "This link has expired: an invitation link works for 3 days only."),
    ],
)
def test_an_expired_welcome_link_says_whom_to_ask_for_a_new_one(
    client, django_capture_on_commit_callbacks, settings, prefix, words
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_representative(exhibitor=make_exhibitor(), email="moi@congty.vn")
    path = re.search(r"https://hoicho\.example\.vn(/account/welcome/\S+/)", mail.outbox[0].body)
    settings.PASSWORD_RESET_TIMEOUT = -1  # three days have gone by

    response = client.get(prefix + path.group(1), follow=True)

    body = " ".join(response.content.decode().split())
    assert words in body
    assert settings.BOARD_EMAIL in body
    assert "password-reset" not in body  # the reset form ignores accounts without one


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        ("", "Liên kết này không đầy đủ hoặc không đúng. Hãy mở lại liên kết trong e-mail mời"),
        ("/en", "This link is incomplete or incorrect. Open the link in the invitation e-mail"),
    ],
)
def test_a_welcome_link_cut_short_is_not_called_expired(
    client, django_capture_on_commit_callbacks, settings, prefix, words
):
    # Sent a minute ago: a link cut where the mail wrapped it has not "expired after 3 days".
    with django_capture_on_commit_callbacks(execute=True):
        invite_representative(exhibitor=make_exhibitor(), email="moi@congty.vn")
    path = re.search(r"https://hoicho\.example\.vn(/account/welcome/\S+/)", mail.outbox[0].body)
    cut = path.group(1)[:-6] + "/"

    body = " ".join(client.get(prefix + cut, follow=True).content.decode().split())

    assert words in body
    assert "3 ngày" not in body and "3 days" not in body
    assert settings.BOARD_EMAIL in body


def test_the_set_password_address_opened_in_another_browser_is_not_called_expired(
    client, django_capture_on_commit_callbacks
):
    # The invitation link opened on a laptop becomes …/set-password/; copied to a phone,
    # that address carries no token.
    with django_capture_on_commit_callbacks(execute=True):
        invite_representative(exhibitor=make_exhibitor(), email="moi@congty.vn")
    path = re.search(r"https://hoicho\.example\.vn(/account/welcome/\S+/)", mail.outbox[0].body)
    address = client.get(path.group(1)).url

    body = " ".join(Client().get(address).content.decode().split())

    assert address.endswith("/set-password/")
    assert "Liên kết này không đầy đủ hoặc không đúng." in body
    assert "đã hết hạn" not in body


def test_login_honeypot_filled_does_not_sign_in(client):
    make_user(username="lan", email="lan@congty.vn", password=PASSWORD)

    response = client.post(
        "/account/login/",
        {"username": "lan@congty.vn", "password": PASSWORD, "website_url": "http://spam"},
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert 'class="honeypot"' in response.content.decode()


def test_password_reset_honeypot_filled_sends_nothing(client):
    make_user(username="lan", email="lan@congty.vn", password=PASSWORD)

    response = client.post(
        "/account/password-reset/", {"email": "lan@congty.vn", "website_url": "x"}
    )

    assert response.status_code == 200
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("language", "subject", "sign_in", "words"),
    [
        (
            "vi",
            "Bạn đã được thêm làm đại diện của Canon Quế Võ trên cổng Hội chợ KCN Hà Nội",
            "/account/",
            "Bạn đã có tài khoản trên cổng (lan@canon.vn) nên không cần đặt mật khẩu mới",
        ),
        (
            "en",
            "You have been added as a representative of Canon Que Vo on the Hanoi "
            "Industrial Zones Fair portal",
            "/en/account/",
            "You already have an account on the portal (lan@canon.vn), so you need no new password",
        ),
    ],
)
def test_invitation_of_someone_who_signs_in_already_sends_the_sign_in_page_not_a_new_password(
    client, django_capture_on_commit_callbacks, language, subject, sign_in, words
):
    # In the language Lan last used the portal in, whatever the inviter's page.
    lan = make_user(email="lan@canon.vn", password=PASSWORD, language=language)
    make_exhibitor(name_vi="Canon Việt Nam", members=[lan])
    sister = make_exhibitor(name_vi="Canon Quế Võ", name_en="Canon Que Vo")
    inviters_page = "vi" if language == "en" else "en"

    with django_capture_on_commit_callbacks(execute=True):
        invite_representative(exhibitor=sister, email="Lan@Canon.vn", language=inviters_page)

    [message] = mail.outbox
    assert message.subject == subject
    assert "/account/welcome/" not in message.body
    assert " ".join(words.split()) in " ".join(message.body.split())
    # The link opens the company just added, not Canon Việt Nam, whose name sorts first.
    assert f"https://hoicho.example.vn{sign_in}?company={sister.pk}\n" in message.body
    assert list(sister.members.all()) == [lan]
    signed_in = client.post("/account/login/", {"username": "lan@canon.vn", "password": PASSWORD})
    assert signed_in.status_code == 302


def test_a_locked_out_representative_is_offered_the_reset_and_it_lifts_the_lock(client, settings):
    settings.RATE_LIMITS = {}  # the default limits: axes locks out before they bite
    make_user(username="lan", email="lan@congty.vn", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = client.post("/en/account/login/", {"username": "lan@congty.vn", "password": "x"})

    # A company resets its own password: the board is not the way back in.
    assert locked.status_code == 429
    body = locked.content.decode()
    assert '<a href="/en/account/password-reset/">Reset your password by e-mail</a>' in body
    assert "contact the Authority" not in body

    client.post("/en/account/password-reset/", {"email": "lan@congty.vn"})
    link = re.search(
        r"https://hoicho\.example\.vn(/en/account/password-reset/\S+/)", mail.outbox[0].body
    )
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    client.post(
        form_url, {"new_password1": "Mat-khau-moi-2024", "new_password2": "Mat-khau-moi-2024"}
    )
    signed_in = client.post(
        "/en/account/login/", {"username": "lan@congty.vn", "password": "Mat-khau-moi-2024"}
    )

    assert signed_in.status_code == 302


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "Mật khẩu quá giống với e-mail."),
        ("/en", "The password is too similar to the e-mail."),
    ],
)
def test_welcome_password_like_the_email_names_the_email_not_a_username(
    client, django_capture_on_commit_callbacks, prefix, message
):
    # The representative only ever sees their e-mail; their username is the same text.
    with django_capture_on_commit_callbacks(execute=True):
        invite_representative(exhibitor=make_exhibitor(), email="minhphat@congty.vn")
    link = re.search(r"https://hoicho\.example\.vn(/account/welcome/\S+/)", mail.outbox[0].body)
    form_page = client.get(prefix + link.group(1), follow=True)

    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "MinhPhat@congty", "new_password2": "MinhPhat@congty"},
    )

    errors = response.context["form"].errors["new_password2"]
    assert errors == [message]
