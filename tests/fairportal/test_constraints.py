"""Each database rule of the design rejects what it forbids."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from booths.models import BoothApplication
from events.models import EventRegistration, MeetingRequest
from exhibitors.models import Exhibitor
from tests.factories import (
    HANOI,
    make_application,
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_meeting_request,
    make_registration,
    make_sector,
    make_zone,
)

pytestmark = pytest.mark.django_db


def assert_rejected(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_booth_code_unique_per_fair_rejects_second_booth():
    fair = make_fair()
    make_booth(fair=fair, code="A01")

    assert_rejected(lambda: make_booth(fair=fair, code="A01"))
    assert make_booth(fair=make_fair(is_current=False), code="A01").code == "A01"


def test_booth_negative_price_rejected():
    assert_rejected(lambda: make_booth(price_vnd=-1))


def test_booth_blocked_cannot_hold_exhibitor():
    assert_rejected(lambda: make_booth(is_blocked=True, exhibitor=make_exhibitor()))


def test_fair_only_one_current():
    make_fair(is_current=True)

    assert_rejected(lambda: make_fair(is_current=True))


def test_fair_ending_before_start_rejected():
    assert_rejected(
        lambda: make_fair(starts_on=datetime.date(2024, 9, 22), ends_on=datetime.date(2024, 9, 20))
    )


def test_side_event_ending_before_start_rejected():
    start = datetime.datetime(2024, 9, 20, 9, tzinfo=HANOI)

    assert_rejected(
        lambda: make_event(starts_at=start, ends_at=start - datetime.timedelta(hours=1))
    )


def test_side_event_seats_over_capacity_rejected():
    event = make_event(capacity=2)

    with pytest.raises(IntegrityError), transaction.atomic():
        type(event).objects.filter(pk=event.pk).update(seats_taken=3)


def test_slugs_unique():
    make_zone(slug="kcn-thang-long")
    make_sector(slug="dien-tu")
    make_exhibitor(slug="canon")

    assert_rejected(lambda: make_zone(slug="kcn-thang-long"))
    assert_rejected(lambda: make_sector(slug="dien-tu"))
    assert_rejected(lambda: make_exhibitor(slug="canon"))


def test_exhibitor_tax_code_unique_when_set():
    make_exhibitor(tax_code="0100109106")
    make_exhibitor(tax_code="")

    assert_rejected(lambda: make_exhibitor(tax_code="0100109106"))
    assert make_exhibitor(tax_code="").tax_code == ""
    assert Exhibitor.objects.filter(tax_code="").count() == 2


def test_exhibitor_origin_country_must_be_iso_code():
    assert_rejected(lambda: make_exhibitor(origin_country="jp"))


def test_registration_one_live_per_email_and_event():
    event = make_event()
    make_registration(event=event, email="lan@example.vn")

    assert_rejected(lambda: make_registration(event=event, email="LAN@example.vn"))
    cancelled = make_registration(
        event=event, email="hung@example.vn", status=EventRegistration.Status.CANCELLED
    )
    again = make_registration(event=event, email="hung@example.vn")
    assert (cancelled.status, again.status) == ("cancelled", "confirmed")


def test_meeting_accepted_slot_unique_per_exhibitor_and_requester():
    slot = datetime.datetime(2024, 9, 21, 9, 30, tzinfo=HANOI)
    exhibitor = make_exhibitor()
    session = make_event(kind="business_matching")
    make_meeting_request(
        session=session,
        exhibitor=exhibitor,
        status="accepted",
        slot_start=slot,
        requester_email="a@example.jp",
        table_number=1,
    )

    assert_rejected(
        lambda: make_meeting_request(
            session=session,
            exhibitor=exhibitor,
            status="accepted",
            slot_start=slot,
            requester_email="b@example.jp",
            table_number=2,
        )
    )
    assert_rejected(
        lambda: make_meeting_request(
            session=session,
            status="accepted",
            slot_start=slot,
            requester_email="a@example.jp",
            table_number=3,
        )
    )
    pending = make_meeting_request(session=session, exhibitor=exhibitor, slot_start=slot)
    assert pending.status == MeetingRequest.Status.PENDING


def test_meeting_accepted_needs_slot():
    assert_rejected(lambda: make_meeting_request(status="accepted", slot_start=None))


def test_application_reference_unique():
    make_application(reference="HC2024-7K3Q")

    assert_rejected(lambda: make_application(reference="HC2024-7K3Q"))


def test_application_one_open_confirmed_per_company_and_fair():
    fair = make_fair()
    make_application(
        fair=fair, tax_code="0100109106", email_confirmed_at=datetime.datetime.now(HANOI)
    )
    unconfirmed = make_application(fair=fair, tax_code="0100109106")

    assert unconfirmed.email_confirmed_at is None
    assert_rejected(
        lambda: make_application(
            fair=fair, tax_code="0100109106", email_confirmed_at=datetime.datetime.now(HANOI)
        )
    )
    closed = make_application(
        fair=fair,
        tax_code="0100109106",
        email_confirmed_at=datetime.datetime.now(HANOI),
        status=BoothApplication.Status.REJECTED,
    )
    assert closed.status == "rejected"


def test_application_booth_count_between_one_and_four():
    assert_rejected(lambda: make_application(booth_count=5))
    assert_rejected(lambda: make_application(booth_count=0))


def test_every_constraint_explains_itself_in_the_boards_words():
    # The admin shows a broken constraint's message: it must be a sentence, not the
    # default "Constraint “booth_size_positive” is violated.".
    from django.apps import apps

    unexplained = [
        f"{model.__name__}.{constraint.name}"
        for model in apps.get_models()
        if model._meta.app_label in {"booths", "events", "exhibitors", "fairportal"}
        for constraint in model._meta.constraints
        if "%(name)s" in str(constraint.violation_error_message)
        or constraint.name in str(constraint.violation_error_message)
    ]
    assert unexplained == []


def test_event_ending_before_it_starts_is_told_plainly():
    event = make_event()
    event.ends_at = event.starts_at - datetime.timedelta(hours=1)

    with pytest.raises(ValidationError) as raised:
        event.validate_constraints()

    assert raised.value.messages == ["Giờ kết thúc phải sau giờ bắt đầu."]
