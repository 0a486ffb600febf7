"""The admin's front page: the current fair's figures equal the database's counts."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booths.models import Booth, BoothApplication
from events import services
from events.models import EventRegistration, MeetingRequest, SideEvent
from exhibitors.models import Exhibitor
from tests.factories import (
    make_application,
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_meeting_request,
    make_registration,
    make_sector,
)

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _fill(fair, size, sectors):
    """`size` of everything in `fair`, plus rows of another fair that must not count."""
    other = make_fair(is_current=False)
    countries = ["VN", "JP", "KR"]
    for n in range(size):
        exhibitor = make_exhibitor(
            origin_country=countries[n % 3], sectors=[sectors[n % len(sectors)]]
        )
        make_booth(
            fair=fair, hall="AB"[n % 2], kind=["standard", "corner"][n % 2], exhibitor=exhibitor
        )
        make_booth(fair=fair, hall="C", kind="premium")
        make_booth(fair=other, exhibitor=make_exhibitor(origin_country="SG"))
        make_application(fair=fair, status=["submitted", "approved", "rejected"][n % 3])
        make_application(fair=other)
    seminar = make_event(fair=fair, capacity=size + 5)
    workshop = make_event(fair=fair, kind=SideEvent.Kind.WORKSHOP, capacity=10)
    matching = make_event(fair=fair, kind=SideEvent.Kind.BUSINESS_MATCHING)
    for n in range(size):
        make_registration(event=seminar)
        make_registration(event=workshop, status=["confirmed", "cancelled"][n % 2])
        make_meeting_request(
            session=matching,
            exhibitor=Exhibitor.objects.first(),
            status=["pending", "declined"][n % 2],
        )
    make_registration(event=make_event(fair=other))


def _bars(response, key):
    chart = next(c for c in response.context["dashboard"]["charts"] if c.key == key)
    return {bar.label: (bar.value, bar.total) for bar in chart.bars}, chart


def test_dashboard_figures_equal_the_database_counts(admin_client):
    fair = make_fair()
    sectors = [make_sector(name_vi="Điện tử"), make_sector(name_vi="Cơ khí")]
    _fill(fair, 6, sectors)

    response = admin_client.get(reverse("admin:index"))

    dashboard = response.context["dashboard"]
    booths = Booth.objects.filter(fair=fair)
    assert dashboard["fair"] == fair
    assert dashboard["summary"]["booths_total"] == booths.count() == 12
    assert dashboard["summary"]["booths_taken"] == booths.filter(exhibitor__isnull=False).count()
    kinds, _chart = _bars(response, "booths-kind")
    assert kinds == {
        "Tiêu chuẩn": (3, 3),
        "Góc": (3, 3),
        "Cao cấp": (0, booths.filter(kind="premium").count()),
    }
    halls, _chart = _bars(response, "booths-hall")
    assert halls == {"Khu A": (3, 3), "Khu B": (3, 3), "Khu C": (0, 6)}
    applications, _chart = _bars(response, "applications")
    for status, label in BoothApplication.Status.choices:
        if status == BoothApplication.Status.SUBMITTED:
            continue
        expected = BoothApplication.objects.filter(fair=fair, status=status).count()
        assert applications[str(label)] == (expected, None)
    submitted = BoothApplication.objects.filter(fair=fair, status="submitted")
    confirmed = submitted.filter(email_confirmed_at__isnull=False).count()
    assert applications["Chờ xét duyệt"] == (confirmed, None)
    assert applications["Chờ xác nhận e-mail"] == (submitted.count() - confirmed, None)
    sectors_bars, _chart = _bars(response, "sectors")
    assert sectors_bars == {"Điện tử": (3, None), "Cơ khí": (3, None)}
    countries, _chart = _bars(response, "countries")
    assert countries == {
        "Việt Nam (VN)": (2, None),
        "Nhật Bản (JP)": (2, None),
        "Hàn Quốc (KR)": (2, None),
    }
    registrations, _chart = _bars(response, "registrations")
    for event in SideEvent.objects.filter(fair=fair).exclude(kind="business_matching"):
        confirmed = EventRegistration.objects.filter(event=event, status="confirmed").count()
        assert registrations[event.title] == (confirmed, event.capacity)
    meetings, _chart = _bars(response, "meetings")
    assert meetings["Chờ trả lời"] == (
        MeetingRequest.objects.filter(status="pending").count(),
        None,
    )
    assert meetings["Từ chối"] == (3, None)


def test_dashboard_bars_link_to_filtered_lists_and_use_no_style(admin_client):
    fair = make_fair()
    sector = make_sector(name_vi="Điện tử")
    _fill(fair, 2, [sector, make_sector()])

    response = admin_client.get(reverse("admin:index"))

    html = response.content.decode()
    expected = f"/admin/exhibitors/exhibitor/?fair={fair.pk}&amp;sectors__id__exact={sector.pk}"
    assert expected in html
    assert (
        "<svg" in html and "<rect" in html and "style=" not in html[html.index("board-dashboard") :]
    )
    listing = admin_client.get(expected.replace("&amp;", "&"))
    assert listing.context["cl"].result_count == 1


def test_dashboard_runs_a_fixed_number_of_queries(admin_client):
    fair = make_fair()
    sectors = [make_sector(), make_sector()]
    _fill(fair, 2, sectors)
    admin_client.get(reverse("admin:index"))  # warm the session and content types
    with CaptureQueriesContext(connection) as small:
        admin_client.get(reverse("admin:index"))
    _fill(fair, 8, sectors + [make_sector()])
    # The first page after a change refills the cached current fair: warm it again.
    admin_client.get(reverse("admin:index"))

    with CaptureQueriesContext(connection) as large:
        response = admin_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert len(large) == len(small)


def test_viewer_without_booth_permission_sees_no_booth_chart(client, viewer):
    fair = make_fair()
    make_booth(fair=fair)
    viewer.groups.clear()
    client.force_login(viewer)

    response = client.get(reverse("admin:index"))

    assert response.context["dashboard"]["charts"] == []


def test_dashboard_without_a_fair_shows_the_app_list(admin_client):
    response = admin_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert response.context["dashboard"] is None


def test_what_waits_for_the_board_is_counted_and_links_to_that_list(admin_client):
    fair = make_fair()
    other = make_fair(is_current=False)
    now = timezone.now()
    for _ in range(2):
        make_application(fair=fair, status="submitted", email_confirmed_at=now)
    make_application(fair=fair, status="submitted", email_confirmed_at=None)  # not yet confirmed
    make_application(fair=fair, status="waitlisted", email_confirmed_at=now)
    make_application(fair=fair, status="approved", email_confirmed_at=now)
    make_application(fair=other, status="submitted", email_confirmed_at=now)
    matching = make_event(fair=fair, kind=SideEvent.Kind.BUSINESS_MATCHING)
    exhibitor = make_exhibitor()
    for status in ["pending", "pending", "declined", "cancelled"]:
        make_meeting_request(session=matching, exhibitor=exhibitor, status=status)
    seminar = make_event(fair=fair, capacity=1)
    make_registration(event=seminar)
    make_registration(event=seminar, status="waitlisted")

    response = admin_client.get(reverse("admin:index"))

    todo = {item.key: item for item in response.context["dashboard"]["todo"]}
    assert {key: item.count for key, item in todo.items()} == {
        "applications-waiting": 2,
        "applications-waitlisted": 1,
        "meetings-pending": 2,
        "registrations-waitlisted": 1,
    }
    html = response.content.decode()
    assert 'data-todo="applications-waiting">2<' in html
    for item in todo.values():  # each figure opens the list of exactly those rows
        listing = admin_client.get(item.url)
        assert listing.context["cl"].result_count == item.count, item.key


def test_a_viewer_sees_only_what_it_may_read_waiting(client, viewer):
    make_fair()
    viewer.groups.clear()
    viewer.user_permissions.add(Permission.objects.get(codename="view_meetingrequest"))
    client.force_login(viewer)

    response = client.get(reverse("admin:index"))

    assert [item.key for item in response.context["dashboard"]["todo"]] == ["meetings-pending"]


def _at(day, hour, minute=0):
    return datetime.datetime(2024, 9, day, hour, minute, tzinfo=HANOI)


def _slots(*times):
    return [time.isoformat() for time in times]


def test_a_meeting_request_whose_time_has_gone_by_is_not_waiting(admin_client, fair_clock):
    fair = make_fair()
    exhibitor = make_exhibitor()
    morning = make_event(
        fair=fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        starts_at=_at(21, 9),
        ends_at=_at(21, 12),
    )
    yesterday = make_event(fair=fair, kind=SideEvent.Kind.BUSINESS_MATCHING, starts_at=_at(20, 14))
    tomorrow = make_event(fair=fair, kind=SideEvent.Kind.BUSINESS_MATCHING, starts_at=_at(22, 9))
    fair_clock.set(_at(21, 10, 10))  # the morning session is under way
    gone_by = make_meeting_request(
        session=morning, exhibitor=exhibitor, proposed_slots=_slots(_at(21, 9), _at(21, 10))
    )
    one_slot_left = make_meeting_request(
        session=morning, exhibitor=exhibitor, proposed_slots=_slots(_at(21, 9), _at(21, 11))
    )
    unanswered_yesterday = make_meeting_request(
        session=yesterday, exhibitor=exhibitor, proposed_slots=_slots(_at(20, 14))
    )
    to_come = make_meeting_request(
        session=tomorrow, exhibitor=exhibitor, proposed_slots=_slots(_at(22, 9, 30))
    )
    make_meeting_request(
        session=tomorrow, exhibitor=exhibitor, status="declined", proposed_slots=_slots(_at(22, 9))
    )

    response = admin_client.get(reverse("admin:index"))

    todo = {item.key: item for item in response.context["dashboard"]["todo"]}
    assert todo["meetings-pending"].count == 2
    listing = admin_client.get(todo["meetings-pending"].url)
    assert sorted(m.pk for m in listing.context["cl"].result_list) == sorted(
        [one_slot_left.pk, to_come.pk]
    )
    meetings, chart = _bars(response, "meetings")
    assert meetings["Chờ trả lời"] == (2, None)
    assert meetings["Quá giờ, chưa được trả lời"] == (2, None)
    assert meetings["Hết hạn"] == (0, None)
    lapsed = next(bar for bar in chart.bars if bar.label == "Quá giờ, chưa được trả lời")
    listing = admin_client.get(lapsed.url)
    assert sorted(m.pk for m in listing.context["cl"].result_list) == sorted(
        [gone_by.pk, unanswered_yesterday.pk]
    )


def test_the_dashboard_waits_for_what_expire_meetings_leaves_pending(admin_client, fair_clock):
    fair = make_fair()
    session = make_event(
        fair=fair, kind=SideEvent.Kind.BUSINESS_MATCHING, starts_at=_at(21, 9), ends_at=_at(21, 12)
    )
    fair_clock.set(_at(21, 10, 10))
    exhibitor = make_exhibitor()
    make_meeting_request(session=session, exhibitor=exhibitor, proposed_slots=_slots(_at(21, 9)))
    left = make_meeting_request(
        session=session, exhibitor=exhibitor, proposed_slots=_slots(_at(21, 10, 30))
    )
    waiting_before = admin_client.get(reverse("admin:index")).context["dashboard"]["todo"]

    expired = services.expire_pending()

    response = admin_client.get(reverse("admin:index"))
    todo = {item.key: item.count for item in response.context["dashboard"]["todo"]}
    assert expired == 1
    assert [item.count for item in waiting_before if item.key == "meetings-pending"] == [1]
    assert todo["meetings-pending"] == 1
    assert list(MeetingRequest.objects.filter(status="pending")) == [left]
    meetings, _chart = _bars(response, "meetings")
    assert "Quá giờ, chưa được trả lời" not in meetings
    assert meetings["Hết hạn"] == (1, None)


def test_a_waiting_list_of_a_seminar_under_way_is_not_waiting(admin_client, fair_clock):
    fair = make_fair()
    begun = make_event(fair=fair, capacity=1, starts_at=_at(21, 9))
    later = make_event(fair=fair, capacity=1, starts_at=_at(21, 14))
    fair_clock.set(_at(21, 9, 30))
    make_registration(event=begun, status="waitlisted")
    still_waiting = make_registration(event=later, status="waitlisted")

    response = admin_client.get(reverse("admin:index"))

    todo = {item.key: item for item in response.context["dashboard"]["todo"]}
    assert todo["registrations-waitlisted"].count == 1
    listing = admin_client.get(todo["registrations-waitlisted"].url)
    assert [r.pk for r in listing.context["cl"].result_list] == [still_waiting.pk]


@pytest.mark.parametrize(
    ("prefix", "said"), [("", "Hội thảo A (đã huỷ)"), ("/en", "Seminar A (cancelled)")]
)
def test_a_cancelled_seminar_is_marked_so_on_the_registrations_chart(admin_client, prefix, said):
    fair = make_fair()
    make_event(fair, title_vi="Hội thảo A", title_en="Seminar A", cancelled_at=timezone.now())
    make_event(fair, title_vi="Hội thảo B", title_en="Seminar B")

    response = admin_client.get(f"{prefix}/admin/")

    registrations, _chart = _bars(response, "registrations")
    assert set(registrations) == {said, "Hội thảo B" if not prefix else "Seminar B"}


def test_applications_chart_splits_those_waiting_for_the_board_from_unconfirmed_ones(
    admin_client,
):
    # The board read "2 waiting for a decision" above a bar "Submitted: 3": the third
    # had not confirmed its e-mail, nothing for the board to do yet.
    fair = make_fair()
    for confirmed in (True, True, False):
        application = make_application(fair=fair, status="submitted")
        application.email_confirmed_at = timezone.now() if confirmed else None
        application.save()

    response = admin_client.get(reverse("admin:index"))
    en = admin_client.get("/en" + reverse("admin:index"))

    applications, chart = _bars(response, "applications")
    assert applications["Chờ xét duyệt"] == (2, None)
    assert applications["Chờ xác nhận e-mail"] == (1, None)
    assert 'data-todo="applications-waiting">2<' in response.content.decode()
    assert [bar.url for bar in chart.bars[:2]] == [
        f"/admin/booths/boothapplication/?fair__id__exact={fair.pk}&status__exact=submitted"
        "&confirmed=yes",
        f"/admin/booths/boothapplication/?fair__id__exact={fair.pk}&status__exact=submitted"
        "&confirmed=no",
    ]
    en_bars, _chart = _bars(en, "applications")
    assert en_bars["Awaiting a decision"] == (2, None)
    assert en_bars["E-mail not confirmed"] == (1, None)
