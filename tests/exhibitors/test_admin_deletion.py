"""Deleting an exhibitor in the admin: its meeting requests go with it, so one with
meetings still waited for is refused, saying how many and what to do first."""

import datetime

import pytest
from django.urls import reverse

from events.models import MeetingRequest, SideEvent
from exhibitors.models import Exhibitor
from tests.factories import HANOI, make_event, make_exhibitor, make_fair, make_meeting_request

pytestmark = pytest.mark.django_db

LIST = "/admin/exhibitors/exhibitor/"


def at(hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2024, 9, 20, hour, minute, tzinfo=HANOI)


@pytest.fixture
def session():
    """A business-matching session 14:00–16:00, seen at 09:00 on its day."""
    return make_event(
        make_fair(),
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        starts_at=at(14),
        ends_at=at(16),
        registration_open=False,
        capacity=0,
        tables=3,
    )


@pytest.fixture
def canon(session):
    return make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam")


def agreed(session, exhibitor, slot):
    return make_meeting_request(
        session, exhibitor, status="accepted", slot_start=slot, table_number=1
    )


def pending(session, exhibitor, *slots):
    return make_meeting_request(
        session, exhibitor, proposed_slots=[slot.isoformat() for slot in slots]
    )


def test_deleting_an_exhibitor_with_meetings_to_come_is_refused_saying_how_many(
    admin_client, session, canon, fair_clock
):
    fair_clock.set(at(9))
    pending(session, canon, at(14))
    pending(session, canon, at(15))
    agreed(session, canon, at(14, 30))

    page = admin_client.get(reverse("admin:exhibitors_exhibitor_delete", args=[canon.pk]))
    admin_client.post(
        reverse("admin:exhibitors_exhibitor_delete", args=[canon.pk]), {"post": "yes"}
    )
    admin_client.post(
        LIST, {"action": "delete_selected", "_selected_action": [canon.pk], "post": "yes"}
    )

    assert page.context["protected"] == [
        "“Canon Việt Nam” còn 2 yêu cầu gặp chờ trả lời và 1 cuộc gặp đã hẹn chưa diễn ra: "
        "hãy từ chối các yêu cầu đang chờ (danh sách yêu cầu gặp gỡ, thao tác “Từ chối”) và "
        "nhờ khách huỷ các cuộc gặp đã hẹn bằng liên kết riêng của họ, rồi mới xoá doanh "
        "nghiệp, để hai bên được báo."
    ]
    assert (Exhibitor.objects.filter(pk=canon.pk).exists(), MeetingRequest.objects.count()) == (
        True,
        3,
    )


def test_the_english_admin_counts_an_exhibitors_meetings_in_english(
    admin_client, session, canon, fair_clock
):
    fair_clock.set(at(9))
    agreed(session, canon, at(14))

    page = admin_client.get("/en" + reverse("admin:exhibitors_exhibitor_delete", args=[canon.pk]))

    assert page.context["protected"] == [
        "“Canon Vietnam” still has 0 meeting requests waiting for an answer and 1 agreed "
        "meeting to come: decline the waiting requests (the meeting requests list, the "
        "“Decline” action) and ask the visitors to cancel the agreed meetings with their "
        "private links before deleting the company, so that both sides are told."
    ]


def test_an_exhibitor_whose_meetings_are_over_or_ended_is_deleted_with_them(
    admin_client, session, canon, fair_clock
):
    fair_clock.set(at(15, 30))
    agreed(session, canon, at(14))  # met
    pending(session, canon, at(15))  # its only time has begun: expiring
    make_meeting_request(session, canon, status="declined")
    make_meeting_request(session, canon, status="cancelled")
    other = make_exhibitor(name_vi="TOTO Việt Nam")
    agreed(session, other, at(16))

    admin_client.post(
        LIST,
        {"action": "delete_selected", "_selected_action": [canon.pk, other.pk], "post": "yes"},
    )
    admin_client.post(
        LIST, {"action": "delete_selected", "_selected_action": [canon.pk], "post": "yes"}
    )

    assert list(Exhibitor.objects.values_list("name_vi", flat=True)) == ["TOTO Việt Nam"]
    assert list(MeetingRequest.objects.values_list("exhibitor__name_vi", flat=True)) == [
        "TOTO Việt Nam"
    ]
