"""Deleting a whole fair in the admin: refused while people, booths or applications of it
are live (it would drop them without a word), allowed for a fair with nothing live."""

import datetime

import pytest
from django.utils import timezone

from booths.models import Booth, BoothApplication
from events.models import EventRegistration, Fair, MeetingRequest, SideEvent
from tests.factories import (
    HANOI,
    make_application,
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_meeting_request,
    make_registration,
)

pytestmark = pytest.mark.django_db

NAME = "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024"


def delete_page(client, fair, prefix=""):
    return client.get(f"{prefix}/admin/events/fair/{fair.pk}/delete/")


def delete_on_its_page(client, fair, prefix=""):
    return client.post(f"{prefix}/admin/events/fair/{fair.pk}/delete/", {"post": "yes"})


def delete_from_the_list(client, fairs, prefix=""):
    return client.post(
        f"{prefix}/admin/events/fair/",
        {"action": "delete_selected", "_selected_action": [f.pk for f in fairs], "post": "yes"},
    )


@pytest.fixture
def live_fair(db):
    """The 2024 fair before it opens: one seminar with a confirmed seat and a waiting one,
    one business-matching session with a pending request, a booth of a real company."""
    fair = make_fair()
    seminar = make_event(fair)
    make_registration(seminar, status=EventRegistration.Status.CONFIRMED)
    make_registration(seminar, status=EventRegistration.Status.WAITLISTED)
    make_registration(seminar, status=EventRegistration.Status.CANCELLED)
    session = make_event(fair, kind=SideEvent.Kind.BUSINESS_MATCHING)
    make_meeting_request(session)
    make_meeting_request(session, status=MeetingRequest.Status.DECLINED)
    make_booth(fair=fair, code="A01", exhibitor=make_exhibitor(name_vi="Điện tử Đông Á"))
    make_booth(fair=fair, code="A02")
    return fair


PEOPLE_AHEAD_VI = (
    f"“{NAME}” còn 2 người đăng ký và 1 yêu cầu gặp ở các sự kiện chưa diễn ra: hãy huỷ "
    "từng sự kiện (“Huỷ sự kiện và báo cho người đăng ký…” trên trang của sự kiện) thay vì "
    "xoá kỳ hội chợ, để họ được báo."
)
BOOTH_VI = (
    f"“{NAME}” còn 1 gian đang giao cho doanh nghiệp (A01): hãy giải phóng các gian trước "
    "(danh sách gian hàng, thao tác “Giải phóng các gian đã chọn”) rồi mới xoá kỳ hội chợ."
)


def test_deleting_a_fair_with_live_people_and_booths_is_refused_on_its_page(
    admin_client, live_fair
):
    page = delete_page(admin_client, live_fair)
    response = delete_on_its_page(admin_client, live_fair)

    assert page.context["protected"] == [PEOPLE_AHEAD_VI, BOOTH_VI]
    assert response.status_code == 200
    assert Fair.objects.filter(pk=live_fair.pk).exists()
    assert SideEvent.objects.filter(fair=live_fair).count() == 2
    assert EventRegistration.objects.filter(event__fair=live_fair).count() == 3
    assert MeetingRequest.objects.filter(session__fair=live_fair).count() == 2
    assert Booth.objects.filter(fair=live_fair).count() == 2


def test_deleting_fairs_from_the_list_is_refused_when_one_has_live_booths(admin_client, live_fair):
    draft = make_fair(name_vi="Kỳ nháp", slug="ky-nhap", is_current=False)

    response = delete_from_the_list(admin_client, [live_fair, draft])

    assert response.status_code == 200
    assert response.context["protected"] == [PEOPLE_AHEAD_VI, BOOTH_VI]
    assert sorted(Fair.objects.values_list("pk", flat=True)) == sorted([live_fair.pk, draft.pk])


def test_the_english_admin_says_why_a_fair_is_not_deleted_in_english(admin_client, live_fair):
    english = "Hanoi Industrial Zones Industrial Products Fair 2024"  # the fair's name_en

    page = delete_page(admin_client, live_fair, prefix="/en")
    response = delete_from_the_list(admin_client, [live_fair], prefix="/en")

    expected = [
        f"“{english}” still has 2 people registered and 1 meeting request in events that "
        "have not taken place yet: cancel each event instead (“Cancel the event and tell "
        "those registered…” on its page) rather than deleting the fair, so that they are told.",
        f"“{english}” still has 1 booth assigned to a company (A01): release it first (booth "
        "list, action “Release the selected booths”), then delete the fair.",
    ]
    assert page.context["protected"] == expected
    assert response.context["protected"] == expected
    assert Fair.objects.filter(pk=live_fair.pk).exists()


def test_a_fair_with_undecided_applications_is_not_deleted(admin_client):
    fair = make_fair()
    make_application(fair=fair, reference="HC2024-ACDE", email_confirmed_at=timezone.now())
    make_application(
        fair=fair, reference="HC2024-FGHJ", status=BoothApplication.Status.WAITLISTED,
        email_confirmed_at=timezone.now(),
    )  # fmt: skip
    make_application(
        fair=fair, reference="HC2024-KMNP",
        expires_at=timezone.now() + datetime.timedelta(hours=40),
    )  # fmt: skip
    # Unconfirmed past its 48 hours: expired, whether or not the hourly job marked it.
    make_application(
        fair=fair, reference="HC2024-QRTU", expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    make_application(fair=fair, reference="HC2024-VWXY", status=BoothApplication.Status.REJECTED)

    page = delete_page(admin_client, fair)
    delete_from_the_list(admin_client, [fair])

    assert (
        f"“{NAME}” còn 3 hồ sơ đăng ký gian hàng chưa có quyết định (HC2024-ACDE, HC2024-FGHJ, "
        "HC2024-KMNP): hãy duyệt hoặc từ chối để người nộp đơn được báo; hồ sơ chưa xác nhận "
        "e-mail tự hết hạn sau 48 giờ."
    ) in page.context["protected"]
    assert Fair.objects.filter(pk=fair.pk).exists()


def test_a_fair_whose_events_took_place_is_kept_as_the_record(admin_client, fair_clock):
    fair = make_fair()
    seminar = make_event(fair)
    make_registration(seminar, status=EventRegistration.Status.CONFIRMED)
    later = make_event(fair, starts_at=datetime.datetime(2024, 9, 22, 9, 0, tzinfo=HANOI))
    make_registration(later, status=EventRegistration.Status.CONFIRMED)
    fair_clock.set(datetime.datetime(2024, 9, 21, 8, 0, tzinfo=HANOI))

    page = delete_page(admin_client, fair)

    assert page.context["protected"] == [
        f"“{NAME}” còn 1 người đăng ký và 0 yêu cầu gặp ở các sự kiện chưa diễn ra: hãy huỷ "
        "từng sự kiện (“Huỷ sự kiện và báo cho người đăng ký…” trên trang của sự kiện) thay "
        "vì xoá kỳ hội chợ, để họ được báo.",
        f"“{NAME}” có 1 người đăng ký và 0 cuộc gặp ở các sự kiện đã diễn ra: đó là hồ sơ của "
        "kỳ hội chợ, hãy giữ kỳ này lại thay vì xoá.",
    ]


def test_an_empty_draft_fair_is_deleted_on_its_page(admin_client):
    draft = make_fair(name_vi="Kỳ nháp", slug="ky-nhap")
    make_booth(fair=draft, code="A01")

    delete_on_its_page(admin_client, draft)

    assert not Fair.objects.filter(pk=draft.pk).exists()
    assert not Booth.objects.filter(code="A01").exists()


def test_a_sample_fair_and_a_fair_with_nothing_live_are_deleted_from_the_list(admin_client):
    """The demo fair's booths are held by sample companies; cancelled seats, declined
    meetings and free booths are nothing live either."""
    sample = make_fair(slug="mau", is_sample=True)
    make_booth(fair=sample, code="A01", exhibitor=make_exhibitor(is_sample=True))
    quiet = make_fair(slug="yen", is_current=False)
    seminar = make_event(quiet)
    make_registration(seminar, status=EventRegistration.Status.CANCELLED)
    session = make_event(quiet, kind=SideEvent.Kind.BUSINESS_MATCHING)
    make_meeting_request(session, status=MeetingRequest.Status.DECLINED)
    make_booth(fair=quiet, code="B01")

    page = admin_client.post(
        "/admin/events/fair/",
        {"action": "delete_selected", "_selected_action": [sample.pk, quiet.pk]},
    )
    delete_from_the_list(admin_client, [sample, quiet])

    assert page.context["protected"] == []
    assert not Fair.objects.exists()
    assert not EventRegistration.objects.exists()
