"""In a real browser: register for a seminar, star it, and ask an exhibitor for a meeting."""

import datetime
import os
import re

import pytest

from events.models import EventRegistration, MeetingRequest, SideEvent
from tests.factories import HANOI, make_booth, make_event, make_exhibitor, make_fair

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme():
    fair = make_fair(is_current=True)
    seminar = make_event(
        fair,
        title_vi="Hội thảo công nghiệp hỗ trợ",
        slug="hoi-thao-cong-nghiep-ho-tro",
        capacity=30,
        speakers_vi="TS. Nguyễn Văn An",
    )
    session = make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        title_vi="Kết nối doanh nghiệp",
        slug="ket-noi-doanh-nghiep",
        starts_at=datetime.datetime(2024, 9, 21, 14, 0, tzinfo=HANOI),
        ends_at=datetime.datetime(2024, 9, 21, 15, 30, tzinfo=HANOI),
        registration_open=False,
        capacity=0,
    )
    exhibitor = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    return seminar, session, exhibitor


def test_visitor_registers_for_a_seminar_and_stars_it(live_server, page, programme):
    page.goto(live_server.url + "/events/")
    page.get_by_role("link", name="Hội thảo công nghiệp hỗ trợ").click()
    page.get_by_role("button", name="Lưu vào lịch của tôi").click()
    page.wait_for_selector('.star-button[aria-pressed="true"]')
    # The star now says "saved" and posts a removal; pressed twice more, it is saved again.
    page.get_by_role("button", name="Đã lưu vào lịch").click()
    page.wait_for_selector('.star-button[aria-pressed="false"]')
    page.get_by_role("button", name="Lưu vào lịch của tôi").click()
    page.wait_for_selector('.star-button[aria-pressed="true"]')

    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("E-mail").fill("hoa@example.vn")
    page.get_by_label("Điện thoại").fill("0912 345 678")
    page.get_by_label("Đơn vị").fill("Công ty Linh kiện Hà Nội")
    page.get_by_label("Chức danh").fill("Trưởng phòng mua hàng")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Đăng ký", exact=True).click()

    page.wait_for_url("**/events/registrations/**")
    assert page.locator("h1").inner_text() == "Đăng ký của bạn"
    assert "Đã xác nhận" in page.locator(".status").inner_text()
    registration = EventRegistration.objects.get()
    assert (registration.email, registration.status) == ("hoa@example.vn", "confirmed")

    page.goto(live_server.url + "/plan/")
    assert "Hội thảo công nghiệp hỗ trợ" in page.locator("main").inner_text()


def test_visitor_requests_a_meeting_after_fixing_errors(live_server, page, programme):
    page.goto(live_server.url + "/exhibitors/canon-viet-nam/meet/")
    page.get_by_label("Họ và tên").fill("Tanaka Hiroshi")
    page.get_by_label("Công ty").fill("Tanaka Trading")
    page.get_by_label("Quốc gia").select_option("JP")
    page.get_by_label("E-mail").fill("tanaka@example.jp")
    page.get_by_label("Điện thoại").fill("12")
    page.get_by_label("Nội dung muốn trao đổi").fill("Linh kiện quang học cho máy in.")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_label("14:30–15:00").check()
    page.get_by_role("button", name="Gửi yêu cầu gặp").click()

    assert "Số điện thoại không hợp lệ" in page.locator("main").inner_text()
    page.get_by_label("Điện thoại").fill("+81 3 1234 5678")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Gửi yêu cầu gặp").click()

    page.wait_for_url("**/events/meetings/**")
    assert "Chờ trả lời" in page.locator("main").inner_text()
    meeting = MeetingRequest.objects.get()
    assert (meeting.requester_phone, meeting.status) == ("+81312345678", "pending")
    assert meeting.proposed_slots == ["2024-09-21T14:30:00+07:00"]


def test_a_form_is_sent_once_however_often_it_is_pressed(live_server, page, programme):
    page.clock.install()  # the page's timers run when the test moves the clock
    page.goto(live_server.url + "/events/hoi-thao-cong-nghiep-ho-tro/")
    # The star is sent by script, as often as it is pressed: on, off, on.
    star = page.locator(".star-button").first
    for pressed in ("true", "false", "true"):
        star.click()
        page.wait_for_selector(f'.star-button[aria-pressed="{pressed}"]')

    sent = []

    def hold(route):
        # The registration answers 204: the page stays, as while a slow network loads.
        sent.append(route.request.method)
        route.fulfill(status=204)

    page.route("**/events/hoi-thao-cong-nghiep-ho-tro/", hold)
    # Heard after the page's own handlers: was each press let through or held back?
    page.evaluate(
        "window.presses = [];"
        "window.addEventListener('submit', e => window.presses.push(e.defaultPrevented))"
    )
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("E-mail").fill("hoa@example.vn")
    page.get_by_label("Tôi đồng ý").check()
    button = page.get_by_role("button", name="Đăng ký", exact=True)
    for _ in range(3):
        button.click()

    assert page.evaluate("window.presses") == [False, True, True]
    page.wait_for_timeout(500)  # for any request the presses might have started
    assert sent == ["POST"]
    assert EventRegistration.objects.count() == 0

    # The answer kept the page (204): after a few seconds the form takes presses again.
    page.clock.run_for(9000)
    button.click()
    assert page.evaluate("window.presses") == [False, True, True, False]


def test_a_full_event_says_so_in_a_warning_that_fits_a_phone(browser, live_server, programme):
    seminar, _, _ = programme
    SideEvent.objects.filter(pk=seminar.pk).update(capacity=1, seats_taken=1)
    context = browser.new_context(viewport={"width": 320, "height": 700}, locale="en-GB")
    page = context.new_page()
    try:
        for path in ("/en/events/hoi-thao-cong-nghiep-ho-tro/", "/en/events/"):
            page.goto(live_server.url + path)
            seats = page.locator(".seats")

            assert seats.inner_text() in {
                "Full – new registrations go on the waiting list",
                "full, waiting list open",
            }
            # Amber like the other warnings (--warn), not the green of places left.
            assert seats.evaluate("e => getComputedStyle(e).color") == "rgb(138, 90, 0)"
            assert page.evaluate("document.documentElement.scrollWidth") == 320
    finally:
        context.close()


def test_the_printed_plan_names_the_fair_its_dates_and_hotline(page, live_server, programme):
    seminar, _, _ = programme
    seminar.fair.__class__.objects.filter(pk=seminar.fair_id).update(hotline="024 3123 4567")
    page.goto(live_server.url + "/events/hoi-thao-cong-nghiep-ho-tro/")
    page.get_by_role("button", name="Lưu vào lịch của tôi").click()
    page.wait_for_selector('.star-button[aria-pressed="true"]')
    page.goto(live_server.url + "/plan/")
    fair_line = page.locator(".plan-fair")
    assert fair_line.is_visible() is False  # on screen the site's header and footer say it

    page.emulate_media(media="print")

    assert page.locator(".site-footer").is_visible() is False
    assert fair_line.inner_text() == (
        "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024\n"
        "20/09/2024 – 22/09/2024 · Trung tâm thương mại Mê Linh · Đường dây nóng: 024 3123 4567"
    )


def test_a_printed_profile_names_the_fair_and_leaves_out_the_buttons(page, live_server, programme):
    _, session, exhibitor = programme
    make_booth(fair=session.fair, code="B01", exhibitor=exhibitor)
    page.goto(live_server.url + "/exhibitors/canon-viet-nam/")
    assert page.get_by_role("link", name="Đề nghị gặp gỡ (B2B)").is_visible()
    assert page.locator(".profile-fair").is_visible() is False

    page.emulate_media(media="print")

    # Paper cannot follow a link or press a button; it says where the booth is.
    assert page.get_by_role("link", name="Đề nghị gặp gỡ (B2B)").is_visible() is False
    assert page.get_by_role("link", name="Tải ảnh PNG để in").is_visible() is False
    assert page.get_by_role("button", name="Lưu vào lịch của tôi").is_visible() is False
    assert page.locator(".profile-fair").inner_text() == (
        "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024\n"
        "20/09/2024 – 22/09/2024 · Trung tâm thương mại Mê Linh"
    )
    assert page.locator(".profile-booths").inner_text() == "Gian hàng: B01"


def test_each_star_on_my_plan_says_what_it_takes_off(page, live_server, programme):
    seminar, _, _ = programme
    make_exhibitor(name_vi="TOTO Việt Nam", slug="toto-viet-nam")
    for path in (
        "/exhibitors/canon-viet-nam/",
        "/exhibitors/toto-viet-nam/",
        seminar.get_absolute_url(),
    ):
        page.goto(live_server.url + path)
        page.get_by_role("button", name="Lưu vào lịch của tôi").click()
        page.wait_for_selector('.star-button[aria-pressed="true"]')

    page.goto(live_server.url + "/plan/")

    # A screen reader's list of buttons, or a Tab through the table, tells them apart.
    assert re.findall(r'button "([^"]+)"', page.locator("main").aria_snapshot()) == [
        "Đã lưu vào lịch – Hội thảo công nghiệp hỗ trợ",
        "Đã lưu vào lịch – Canon Việt Nam",
        "Đã lưu vào lịch – TOTO Việt Nam",
    ]
    page.get_by_role("button", name="Đã lưu vào lịch – Canon Việt Nam").click()
    page.wait_for_selector('.star-button[aria-pressed="false"]')
    assert page.get_by_role("button", name="Lưu vào lịch của tôi – Canon Việt Nam").count() == 1
