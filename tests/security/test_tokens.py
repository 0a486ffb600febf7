"""Secret links: long and random, stored only hashed, one purpose each, expiring or revocable."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from booths.models import BoothApplication
from booths.services import expire_applications
from events.models import EventRegistration, MeetingRequest
from tests.events.conftest import at, meeting_data, registration_data

LINK = re.compile(r"https?://[^/\s]+(/(?:en/)?[\w/-]+/(?P<token>[A-Za-z0-9_-]{40,})/)")


def link_in_last_mail(to: str) -> tuple[str, str]:
    message = next(m for m in reversed(mail.outbox) if to.lower() in [a.lower() for a in m.to])
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1), match.group("token")


@pytest.fixture
def three_links(client, payload, seminar, session, exhibitor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/booths/apply/", payload).status_code == 302
        assert client.post(f"/events/{seminar.slug}/", registration_data()).status_code == 302
        meet = f"/exhibitors/{exhibitor.slug}/meet/"
        assert client.post(meet, meeting_data([at(14)])).status_code == 302
    return {
        "application": link_in_last_mail(payload["email"]),
        "registration": link_in_last_mail("hoa@example.vn"),
        "meeting": link_in_last_mail("tanaka@example.jp"),
    }


def all_values(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table names
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


def test_tokens_are_long_random_and_stored_only_hashed(three_links):
    tables = {
        "application": BoothApplication._meta.db_table,
        "registration": EventRegistration._meta.db_table,
        "meeting": MeetingRequest._meta.db_table,
    }
    tokens = {kind: token for kind, (_, token) in three_links.items()}
    assert len(set(tokens.values())) == 3
    for kind, token in tokens.items():
        # secrets.token_urlsafe(32): 32 random bytes, 43 URL-safe characters
        assert len(token) >= 43, kind
        for table in tables.values():
            assert token not in all_values(table), (kind, table)


def test_each_link_opens_its_own_page_only(client, three_links):
    for kind, (path, _) in three_links.items():
        assert client.get(path).status_code == 200, kind
    pages = {
        "application": "/booths/applications/{}/",
        "registration": "/events/registrations/{}/",
        "meeting": "/events/meetings/{}/",
    }
    for kind, (_, token) in three_links.items():
        for page, pattern in pages.items():
            if page != kind:
                assert client.get(pattern.format(token)).status_code == 404, (kind, page)
    for pattern in pages.values():
        assert client.get(pattern.format("x" * 43)).status_code == 404
        assert client.get(pattern.format(three_links["meeting"][1][:-1])).status_code == 404


def test_unconfirmed_application_link_expires_after_48_hours(client, payload, fair):
    with django_capture(client) as capture:
        client.post("/booths/apply/", payload)
    path, _ = capture
    application = BoothApplication.objects.get()
    assert application.expires_at - application.created_at == pytest.approx(
        datetime.timedelta(hours=48), abs=datetime.timedelta(seconds=5)
    )
    assert expire_applications(now=timezone.now() + datetime.timedelta(hours=49)) == 1
    application.refresh_from_db()
    assert application.status == "expired"
    page = client.get(path)
    assert page.status_code == 200
    assert application.get_status_display() in page.content.decode()
    application.refresh_from_db()
    assert application.email_confirmed_at is None


class django_capture:
    """Send the mails of one block and keep the link of the last one."""

    def __init__(self, client):
        self.client = client

    def __enter__(self):
        from django.test import TestCase

        self.context = TestCase.captureOnCommitCallbacks(execute=True)
        self.context.__enter__()
        self.result = []
        return self.result

    def __exit__(self, *exc):
        self.context.__exit__(*exc)
        match = LINK.search(mail.outbox[-1].body)
        self.result += [match.group(1), match.group("token")]


def test_cancelled_registration_link_says_so_and_keeps_no_seat(client, three_links, seminar):
    path, _ = three_links["registration"]
    registration = EventRegistration.objects.get()
    assert client.post(path, {"action": "cancel", "confirm": "yes"}).status_code == 302
    registration.refresh_from_db()
    seminar.refresh_from_db()
    assert registration.status == "cancelled"
    assert seminar.seats_taken == 0
    page = client.get(path)
    assert page.status_code == 200
    assert registration.get_status_display() in page.content.decode()


def test_invitation_link_expires_and_is_spent_by_setting_the_password(
    db, client, settings, django_capture_on_commit_callbacks
):
    from tests.exhibitors.account_support import representative

    representative(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/representatives/", {"full_name": "Phạm Minh", "email": "minh@x.vn"})
    client.logout()
    path = re.search(r"https?://[^/\s]+(/account/welcome/\S+/)", mail.outbox[-1].body).group(1)

    settings.PASSWORD_RESET_TIMEOUT = -1  # every invitation is now too old
    assert 'name="new_password1"' not in client.get(path, follow=True).content.decode()

    settings.PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
    form_page = client.get(path, follow=True)
    assert 'name="new_password1"' in form_page.content.decode()
    password = "Mat-khau-moi-2024!"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"new_password1": password, "new_password2": password},
    )
    assert done.status_code == 302
    client.logout()
    assert 'name="new_password1"' not in client.get(path, follow=True).content.decode()
