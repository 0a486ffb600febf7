"""The demo's activity: what the board finds to review after `make run`."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from booths.models import BoothApplication
from events.models import EventRegistration, MeetingRequest, SideEvent
from fairportal import clock
from fairportal.models import AuditEntry

pytestmark = pytest.mark.django_db

ORIGINAL_NOW = clock.now


def load(*args):
    with override_settings(DEBUG=True):  # the command refuses the production settings
        call_command("load_demo_fair", *args, stdout=io.StringIO())


def statuses(fair_slug):
    return sorted(
        BoothApplication.objects.filter(fair__slug=fair_slug).values_list("status", flat=True)
    )


def test_a_fair_still_to_come_has_applications_to_decide_and_a_request_to_answer(
    fair_clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        load("--year", "2027")

    applications = BoothApplication.objects.filter(fair__slug="hoi-cho-kcn-ha-noi-2027")
    assert statuses("hoi-cho-kcn-ha-noi-2027") == [
        "rejected",
        "submitted",
        "submitted",
        "submitted",
        "waitlisted",
        "withdrawn",
    ]
    waiting = applications.filter(status="submitted", email_confirmed_at__isnull=False)
    assert waiting.count() == 2  # the board's queue; one more still awaits its e-mail
    for application in waiting:  # what they ask for is free
        assert [b.exhibitor_id for b in application.preferred_booths.all()] != []
        assert all(b.exhibitor_id is None for b in application.preferred_booths.all())
    rejected = applications.get(status="rejected")
    assert "sản xuất trong các khu công nghiệp" in rejected.decision_note
    meetings = dict(
        MeetingRequest.objects.filter(session__fair__slug="hoi-cho-kcn-ha-noi-2027").values_list(
            "requester_name", "status"
        )
    )
    assert meetings == {
        "Tanaka Hiroshi": "accepted",
        "Kim Min-jun": "declined",
        "Ngô Thanh Sơn": "pending",
    }
    # Made-up people: no mail went out while writing them, and the clock is itself again.
    assert mail.outbox == []
    assert clock.now is not ORIGINAL_NOW  # the test's clock (fair_clock) is back
    assert clock.now() == fair_clock.when


def test_the_demos_applications_store_phones_as_the_public_form_does(fair_clock):
    load("--year", "2027")

    phones = set(BoothApplication.objects.values_list("phone", flat=True))

    # E.164, as the apply form stores them; the admin and the exports group them.
    assert "+842438812075" in phones
    assert [phone for phone in phones if not phone.startswith("+84")] == []
    assert [phone for phone in phones if " " in phone] == []


def test_a_fair_that_is_over_keeps_only_what_was_decided():
    load()  # the 2024 edition: over today

    assert statuses("hoi-cho-kcn-ha-noi-2024") == ["rejected", "withdrawn"]
    assert set(
        MeetingRequest.objects.filter(session__fair__slug="hoi-cho-kcn-ha-noi-2024").values_list(
            "status", flat=True
        )
    ) == {"accepted", "declined"}


def test_sign_ups_take_seats_and_a_second_run_writes_nothing_twice():
    load("--year", "2027")
    before = (
        BoothApplication.objects.count(),
        EventRegistration.objects.count(),
        MeetingRequest.objects.count(),
    )

    load("--year", "2027")

    after = (
        BoothApplication.objects.count(),
        EventRegistration.objects.count(),
        MeetingRequest.objects.count(),
    )
    assert after == before
    assert before[1] >= 10
    taken = {
        event.slug: (event.seats_taken, event.registrations.filter(status="confirmed").count())
        for event in SideEvent.objects.filter(fair__slug="hoi-cho-kcn-ha-noi-2027")
    }
    assert all(seats == confirmed for seats, confirmed in taken.values()), taken
    assert sum(seats for seats, _ in taken.values()) == before[1]


def test_the_board_sees_the_waiting_applications_in_the_admin(admin_client):
    load("--year", "2027")

    response = admin_client.get("/admin/booths/boothapplication/?status__exact=submitted")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Bao bì Sóc Sơn" in page
    assert "Thiết bị điện Quang Minh" in page


def test_the_demos_decisions_name_the_board_member_who_took_them(admin_client):
    load("--year", "2027")
    rejected = BoothApplication.objects.get(fair__slug="hoi-cho-kcn-ha-noi-2027", status="rejected")

    page = admin_client.get(
        f"/admin/booths/boothapplication/{rejected.pk}/change/"
    ).content.decode()

    decisions = AuditEntry.objects.filter(
        action__in=["application.rejected", "application.waitlisted"]
    ).order_by("action")
    assert [(e.action, e.actor_label) for e in decisions] == [
        ("application.rejected", "bql.mau"),
        ("application.waitlisted", "bql.mau"),
    ]
    assert rejected.reviewer.get_full_name() == "Lan Trần Thị"
    assert not rejected.reviewer.has_usable_password()  # nobody signs in as them
    assert "bql.mau" in page
