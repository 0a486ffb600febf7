"""Every public form has a honeypot and a rate limit per client IP and per e-mail or
username; X-Forwarded-For counts only behind our proxy; the admin locks out."""

import json

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from booths.models import BoothApplication
from events.models import EventRegistration, MeetingRequest
from fairportal.ratelimit import client_ip
from tests.events.conftest import at, meeting_data, registration_data
from tests.factories import make_event, make_exhibitor, make_user

PER_IP, PER_IDENTITY = 3, 2


@pytest.fixture(autouse=True)
def small_limits(settings):
    limits = (PER_IP, PER_IDENTITY, 3600)
    settings.RATE_LIMITS = {"form": limits, "login": limits, "invite": limits}


def forms(payload, seminar, exhibitor):
    """name: (url, data for the n-th identity, rows stored, needs a signed-in representative)."""
    return {
        "apply": (
            "/booths/apply/",
            lambda n: {**payload, "email": f"a{n}@example.vn", "preferred_booths": []},
            BoothApplication.objects.count,
            False,
        ),
        "registration": (
            f"/events/{seminar.slug}/",
            lambda n: registration_data(email=f"r{n}@example.vn"),
            EventRegistration.objects.count,
            False,
        ),
        "meeting request": (
            f"/exhibitors/{exhibitor.slug}/meet/",
            lambda n: meeting_data([at(14)], email=f"m{n}@example.jp"),
            MeetingRequest.objects.count,
            False,
        ),
        "login": (
            "/account/login/",
            lambda n: {"username": f"u{n}", "password": "sai-mat-khau", "website_url": ""},
            lambda: 0,
            False,
        ),
        "password reset": (
            "/account/password-reset/",
            lambda n: {"email": f"p{n}@example.vn", "website_url": ""},
            lambda: 0,
            False,
        ),
        "invite": (
            "/account/representatives/",
            lambda n: {"full_name": "Phạm Minh", "email": f"i{n}@example.vn", "website_url": ""},
            lambda: 0,
            True,
        ),
    }


FORMS = ["apply", "registration", "meeting request", "login", "password reset", "invite"]


@pytest.fixture
def form_under_test(request, client, payload, seminar, session, exhibitor):
    url, data, stored, signed_in = forms(payload, seminar, exhibitor)[request.param]
    if signed_in:
        user = make_user()
        make_exhibitor(members=[user])
        client.force_login(user)
    return url, data, stored


@pytest.mark.parametrize("form_under_test", FORMS, indirect=True)
def test_every_public_form_has_a_honeypot_that_refuses_bots(client, form_under_test):
    url, data, stored = form_under_test
    assert 'name="website_url"' in client.get(url).content.decode()
    response = client.post(url, {**data(1), "website_url": "http://spam.example"})
    assert response.status_code in (200, 400)
    assert stored() == 0


@pytest.mark.parametrize("form_under_test", FORMS, indirect=True)
def test_every_public_form_is_limited_per_email_or_username(client, form_under_test):
    url, data, _ = form_under_test
    statuses = [
        client.post(url, data(1), REMOTE_ADDR=f"10.0.0.{n}").status_code
        for n in range(1, PER_IDENTITY + 2)
    ]
    assert 429 not in statuses[:PER_IDENTITY]
    assert statuses[-1] == 429


@pytest.mark.parametrize("form_under_test", FORMS, indirect=True)
def test_every_public_form_is_limited_per_client_ip(client, form_under_test, settings):
    url, data, _ = form_under_test
    # the invitation also counts per account: let only the IP limit bite here
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invite": (PER_IP, 100, 3600)}
    statuses = [
        client.post(url, data(n), REMOTE_ADDR="10.0.0.9").status_code for n in range(PER_IP + 1)
    ]
    assert 429 not in statuses[:PER_IP]
    assert statuses[-1] == 429


def request_from(remote: str, forwarded: str = ""):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_client_ip_ignores_x_forwarded_for_unless_behind_our_proxy(settings):
    settings.BEHIND_PROXY = False
    assert client_ip(request_from("203.0.113.5", "1.2.3.4")) == "203.0.113.5"
    settings.BEHIND_PROXY = True
    # nginx appends the address it saw: only that last hop is trusted, not what the
    # client wrote before it.
    assert client_ip(request_from("127.0.0.1", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    assert client_ip(request_from("127.0.0.1", "198.51.100.7")) == "198.51.100.7"
    assert client_ip(request_from("127.0.0.1")) == "127.0.0.1"


def test_per_ip_limit_of_a_real_form_follows_the_proxy_setting(client, settings, seminar):
    url = f"/events/{seminar.slug}/"

    def post(n, forwarded):
        data = registration_data(email=f"x{n}@example.vn")
        return client.post(url, data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    settings.BEHIND_PROXY = True
    # four people behind nginx, each their own address: nobody is limited
    assert [post(n, f"198.51.100.{n}").status_code for n in range(4)] == [302] * 4
    # a client that forges X-Forwarded-For still gets its real (last) address counted
    statuses = [post(10 + n, f"6.6.6.{n}, 198.51.100.50").status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]

    settings.BEHIND_PROXY = False
    cache.clear()
    # without the proxy setting, X-Forwarded-For is ignored: all count for 127.0.0.1
    statuses = [post(20 + n, f"203.0.113.{n}").status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert EventRegistration.objects.count() == 4 + 3 + 3


def test_admin_login_locks_out_after_failed_attempts(db, client, settings):
    make_user(username="bql", password="Mat-khau-dung-2024", is_staff=True, is_superuser=True)
    settings.RATE_LIMITS = {}  # the default limits: axes locks out before they bite
    failures = settings.AXES_FAILURE_LIMIT
    statuses = [
        client.post(
            "/admin/login/", {"username": "bql", "password": "sai"}, REMOTE_ADDR="10.1.1.1"
        ).status_code
        for _ in range(failures)
    ]
    # the last failure locks the pair (username, address): a readable 429
    assert statuses == [200] * (failures - 1) + [429]
    locked = client.post(
        "/admin/login/",
        {"username": "bql", "password": "Mat-khau-dung-2024"},
        REMOTE_ADDR="10.1.1.1",
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # from another address the right password still works
    elsewhere = client.post(
        "/admin/login/",
        {"username": "bql", "password": "Mat-khau-dung-2024"},
        REMOTE_ADDR="10.1.1.2",
    )
    assert elsewhere.status_code == 302


def test_each_kind_of_form_counts_on_its_own_and_only_accepted_applications_count(
    client, settings, seminar, session, exhibitor, payload
):
    # A buyer's afternoon: seminars, then meetings, then a booth for the company.
    settings.RATE_LIMITS = {"form": (100, 2, 3600)}
    email = "buyer@example.vn"
    seminars = [seminar, *(make_event(seminar.fair) for _ in range(2))]
    others = [make_exhibitor() for _ in range(2)]

    sign_ups = [
        client.post(f"/events/{event.slug}/", registration_data(email=email)).status_code
        for event in seminars
    ]
    meetings = [
        client.post(f"/exhibitors/{company.slug}/meet/", meeting_data([at(14)], email=email))
        for company in (exhibitor, *others)
    ]
    wrong = [
        client.post("/booths/apply/", {**payload, "email": email, "consent": ""}) for _ in range(3)
    ]
    application = client.post("/booths/apply/", {**payload, "email": email})

    assert sign_ups == [302, 302, 429]
    assert [m.status_code for m in meetings] == [302, 302, 429]
    assert [w.status_code for w in wrong] == [400] * 3
    assert application.status_code == 302
    assert EventRegistration.objects.count() == 2 and MeetingRequest.objects.count() == 2
    assert BoothApplication.objects.count() == 1


def test_default_limits_leave_a_buyer_twenty_seminars_and_thirty_meetings(
    client, settings, seminar, session
):
    settings.RATE_LIMITS = {}  # the defaults
    email = "buyer@example.vn"
    events = [make_event(seminar.fair) for _ in range(21)]
    companies = [make_exhibitor() for _ in range(31)]

    sign_ups = [
        client.post(f"/events/{e.slug}/", registration_data(email=email)).status_code
        for e in events
    ]
    meetings = [
        client.post(f"/exhibitors/{c.slug}/meet/", meeting_data([at(14)], email=email)).status_code
        for c in companies
    ]

    assert sign_ups == [302] * 20 + [429]
    assert meetings == [302] * 30 + [429]


def test_the_page_and_the_api_share_a_kind_of_forms_count(client, settings, seminar):
    settings.RATE_LIMITS = {"form": (3000, 1, 3600)}
    other = make_event(seminar.fair)
    body = json.dumps({**registration_data(email="an@example.vn"), "consent": True})

    page = client.post(f"/events/{seminar.slug}/", registration_data(email="an@example.vn"))
    api = client.post(
        f"/api/v1/events/{other.slug}/registrations/", body, content_type="application/json"
    )

    assert page.status_code == 302
    assert api.status_code == 429
    assert EventRegistration.objects.count() == 1


def test_booth_applications_count_every_post_for_the_address(client, settings, payload):
    settings.RATE_LIMITS = {"form": (3, 10, 3600)}
    wrong = {**payload, "consent": ""}

    statuses = [client.post("/booths/apply/", wrong).status_code for _ in range(4)]

    assert statuses == [400, 400, 400, 429]
