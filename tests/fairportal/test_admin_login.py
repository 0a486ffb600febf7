"""Admin login guessing: a (username, client address) pair is locked, nobody else."""

import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "Hoi-cho-2024-mat-khau"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    # Each attempt checks a password: the fast hasher keeps this module quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def officer(db):
    return make_user(username="can-bo", is_staff=True, password=PASSWORD)


def _login(client, username, password, ip, **headers):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers
    )


def _fail(client, times, ip, username="can-bo", **headers):
    for _ in range(times):
        response = _login(client, username, "sai-mat-khau", ip, **headers)
    return response


def test_five_failures_lock_the_pair_even_with_the_right_password(client, officer, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    _fail(client, 5, "10.0.0.1")

    response = _login(client, "can-bo", PASSWORD, "10.0.0.1")

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "15" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, officer):
    _fail(client, 4, "10.0.0.1")

    response = _login(client, "can-bo", PASSWORD, "10.0.0.1")

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_same_username_from_another_address_still_logs_in(client, officer):
    _fail(client, 5, "10.0.0.1")

    response = _login(client, "can-bo", PASSWORD, "10.0.0.2")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_another_username_from_the_locked_address_still_logs_in(client, officer):
    other = make_user(username="truong-ban", is_staff=True, password=PASSWORD)
    _fail(client, 5, "10.0.0.1")

    response = _login(client, "truong-ban", PASSWORD, "10.0.0.1")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_behind_proxy_the_forwarded_address_is_counted(client, officer, settings):
    settings.BEHIND_PROXY = True
    _fail(client, 5, "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")

    locked = _login(client, "can-bo", PASSWORD, "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = _login(client, "can-bo", PASSWORD, "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")

    assert locked.status_code == 429
    assert other.status_code == 302


def test_client_login_without_a_request_still_works(client, officer):
    assert client.login(username="can-bo", password=PASSWORD) is True

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200


def test_address_for_axes_is_none_without_a_valid_client_address(rf):
    from fairportal.login_protection import axes_client_ip

    request = rf.get("/admin/login/")
    request.META.pop("REMOTE_ADDR")

    assert axes_client_ip(request) is None
    assert axes_client_ip(rf.get("/", REMOTE_ADDR="2001:db8::1")) == "2001:db8::1"
