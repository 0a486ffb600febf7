"""The public pages as a keyboard or screen-reader user meets them, in headless Chromium."""

import datetime
import os
import re

import pytest

from tests.factories import HANOI, make_booth, make_event, make_exhibitor, make_fair

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two computed CSS colours ("rgb(r, g, b)")."""

    def luminance(colour: str) -> float:
        channels = [int(value) / 255 for value in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(first), luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def test_keyboard_reaches_every_booth_of_a_hall_in_plan_order(page, live_server):
    fair = make_fair()
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    toto = make_exhibitor(name_vi="TOTO Việt Nam", slug="toto-viet-nam")
    make_booth(fair=fair, code="A01", hall="A", plan_x=0, plan_y=0, exhibitor=canon)
    make_booth(fair=fair, code="A02", hall="A", plan_x=30, plan_y=0)
    make_booth(fair=fair, code="A03", hall="A", plan_x=60, plan_y=0, exhibitor=toto)
    make_booth(fair=fair, code="A04", hall="A", plan_x=90, plan_y=0, is_blocked=True)
    make_booth(fair=fair, code="A05", hall="A", plan_x=120, plan_y=0)
    make_booth(fair=fair, code="B01", hall="B", plan_x=0, plan_y=0)

    page.goto(f"{live_server.url}/floor-plan/")
    page.get_by_role("region", name="Sơ đồ khu A").focus()
    reached = []
    for _ in range(5):
        page.keyboard.press("Tab")
        reached.append(focused(page))
        if reached[-1] == "booth-A03":
            # The focused booth's name is shown above its neighbours.
            assert page.locator(".plan-top .booth-tip").text_content() == "TOTO Việt Nam"

    # The board's kept booth (A04) is no stop; after the last booth comes hall B.
    assert reached == ["booth-A01", "booth-A02", "booth-A03", "booth-A05", ""]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Sơ đồ khu B"
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "booth-A05"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/exhibitors/toto-viet-nam/")


def test_escape_hides_a_booth_name_tip_that_covers_its_neighbours(page, live_server):
    fair = make_fair()
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_booth(fair=fair, code="A01", hall="A", plan_x=0, plan_y=0, exhibitor=canon)
    make_booth(fair=fair, code="A02", hall="A", plan_x=30, plan_y=0)
    page.goto(f"{live_server.url}/floor-plan/")
    tips = page.locator(".plan-svg .booth-tip")

    def shown():
        return [tip.text_content() for tip in tips.all() if tip.is_visible()]

    page.locator("#booth-A01").hover()
    assert shown() != []

    # WCAG 1.4.13: a tip shown on hover or focus can be put away without moving.
    page.keyboard.press("Escape")
    assert shown() == []
    page.locator("#booth-A01").focus()
    assert shown() == ["Canon Việt Nam", "Canon Việt Nam"]  # the booth's own and the top copy
    page.keyboard.press("Escape")
    assert shown() == []
    assert page.locator(".plan-top .booth-ring").count() == 1  # the focus ring stays
    page.keyboard.press("Tab")
    assert shown() != []


RING_AND_BACKGROUND = """() => {
  const element = document.activeElement;
  let node = element, background = null;
  while (node && !background) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour !== 'rgba(0, 0, 0, 0)') background = colour;
    node = node.parentElement;
  }
  const style = getComputedStyle(element);
  return [element.textContent.trim().split('\\n')[0], style.outlineStyle, style.outlineColor, background];
}"""


def test_focus_ring_in_the_header_stands_out_from_the_blue(page, live_server):
    make_fair()

    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")  # the skip link, dark on its own
    rings = []
    for _ in range(4):
        page.keyboard.press("Tab")
        rings.append(page.evaluate(RING_AND_BACKGROUND))

    assert [text for text, *_ in rings] == [
        "Hội chợ KCN Hà Nội",
        "EN · English",
        "Trang chủ",
        "Doanh nghiệp",
    ]
    for text, style, ring, background in rings:
        # WCAG 2.2 asks 3:1 of a focus indicator against what is next to it.
        assert (text, style, contrast(ring, background) >= 3) == (text, "solid", True)


def test_the_skip_link_ring_stands_out_from_the_header_it_covers(page, live_server):
    make_fair()
    page.goto(f"{live_server.url}/")

    page.keyboard.press("Tab")

    link = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    ring = link.evaluate("element => getComputedStyle(element).outlineColor")
    inside = link.evaluate("element => getComputedStyle(element).backgroundColor")
    header = page.locator(".site-header").evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert link.is_visible() and page.evaluate("document.activeElement.className") == "skip-link"
    # The ring runs between the link's dark box and the dark blue header row behind it.
    assert (contrast(ring, inside) >= 3, contrast(ring, header) >= 3) == (True, True)


def test_a_form_sent_back_with_errors_starts_at_their_summary(page, live_server):
    fair = make_fair()
    make_event(fair=fair, slug="hoi-thao")

    page.goto(f"{live_server.url}/events/hoi-thao/")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    page.wait_for_load_state()

    summary = page.locator(".form-errors")
    assert summary.evaluate("element => element === document.activeElement") is True
    assert summary.get_attribute("role") == "alert"
    assert summary.locator("p").first.inner_text() == "Chưa gửi được. Hãy sửa các mục sau:"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "E-mail"
    page.keyboard.press("Enter")
    assert focused(page) == "id_email"


def test_my_plan_fits_a_phone_at_400_percent_zoom(browser, live_server):
    make_fair()
    context = browser.new_context(viewport={"width": 320, "height": 700}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/plan/")

        assert page.locator("h2").all_inner_texts() == ["Sự kiện", "Yêu cầu gặp gỡ", "Doanh nghiệp"]
        assert page.evaluate("document.documentElement.scrollWidth") == 320
    finally:
        context.close()


def test_a_phone_set_to_large_text_shows_every_page_without_scrolling_sideways(
    browser, live_server
):
    fair = make_fair(is_current=True)
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_booth(fair=fair, code="A01", hall="A", exhibitor=canon)
    make_event(fair, slug="hoi-thao")
    make_event(
        fair,
        kind="business_matching",
        slug="ket-noi",
        starts_at=datetime.datetime(2024, 9, 21, 14, 0, tzinfo=HANOI),
        registration_open=False,
        capacity=0,
    )
    pages = [
        "/",
        "/exhibitors/",
        "/exhibitors/canon-viet-nam/",
        "/exhibitors/canon-viet-nam/meet/",
        "/products/",
        "/floor-plan/",
        "/events/",
        "/events/hoi-thao/",
        "/visit/",
        "/plan/",
        "/booths/apply/",
    ]
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="vi-VN")
    page = context.new_page()
    widths = []
    try:
        for path in pages:
            page.goto(live_server.url + path)
            # The phone's "large text" setting: twice the browser's default font size.
            page.evaluate("document.documentElement.style.fontSize = '200%'")
            widths.append((path, page.evaluate("document.documentElement.scrollWidth")))
            if path == "/visit/":
                hours = page.locator("table.hours")
                # Nothing hidden in a box that scrolls: the closing hour is in sight.
                hours_in_sight = hours.evaluate("t => t.getBoundingClientRect().right <= 390")
                hours_text = hours.locator("tbody tr").first.inner_text().split()
    finally:
        context.close()

    assert widths == [(path, 390) for path in pages]
    assert (hours_in_sight, hours_text) == (True, ["20/09/2024", "08:00–17:00"])


def test_keyboard_can_skip_the_plan_to_the_booth_list(page, live_server):
    fair = make_fair()
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_booth(fair=fair, code="A01", hall="A", plan_x=0, plan_y=0, exhibitor=canon)
    make_booth(fair=fair, code="A02", hall="A", plan_x=30, plan_y=0)
    make_booth(fair=fair, code="B01", hall="B", plan_x=0, plan_y=0)

    page.goto(f"{live_server.url}/floor-plan/")
    page.get_by_role("link", name="Bỏ qua sơ đồ, đến danh sách gian hàng").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    # No booth of the plan in between: the next stop is in the list below it.
    assert page.evaluate(
        "[!!document.activeElement.closest('#plan-table'), document.activeElement.textContent]"
    ) == [True, "Canon Việt Nam"]


@pytest.mark.parametrize(
    ("prefix", "free", "taken"),
    [
        ("", "A02 – gian trống, đăng ký", "A01 – Canon Việt Nam"),
        ("/en", "A02 – available booth, book", "A01 – Canon Vietnam"),
    ],
    ids=["vi", "en"],
)
def test_booths_are_named_by_the_code_they_show(page, live_server, prefix, free, taken):
    # Label in Name (WCAG 2.5.3): the name Chromium computes starts with the code drawn
    # on the booth, so "click A01" in voice control finds it.
    fair = make_fair()
    canon = make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam", slug="canon-viet-nam")
    make_booth(fair=fair, code="A01", hall="A", plan_x=0, plan_y=0, exhibitor=canon)
    make_booth(fair=fair, code="A02", hall="A", plan_x=30, plan_y=0)

    page.goto(f"{live_server.url}{prefix}/floor-plan/")
    plan = page.locator(".plan-svg")

    assert plan.get_by_role("link", name=taken, exact=True).get_attribute("id") == "booth-A01"
    assert plan.get_by_role("link", name=free, exact=True).get_attribute("id") == "booth-A02"
    assert plan.locator("#booth-A01 .booth-code").text_content() == "A01"
