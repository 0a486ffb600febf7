"""In a real browser: the floor plan marks the booths of the companies a visitor saved
in My plan, from the visitor's own plan, on the one cached page everyone gets."""

import os

import pytest

from tests.factories import make_booth, make_exhibitor, make_fair

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hall():
    fair = make_fair(is_current=True)
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_booth(fair=fair, exhibitor=canon, code="A07")
    make_booth(fair=fair, exhibitor=canon, code="A08")
    toto = make_exhibitor(name_vi="TOTO Việt Nam", slug="toto-viet-nam")
    make_booth(fair=fair, exhibitor=toto, code="B01")
    make_booth(fair=fair, code="B02")  # free
    return canon


def _saved_booths(page) -> list[str]:
    return page.locator(".plan-svg .booth.is-saved").evaluate_all("els => els.map(e => e.id)")


@pytest.mark.parametrize(
    ("prefix", "legend"), [("", "Đã lưu trong Lịch của tôi (2)"), ("/en", "Saved in My plan (2)")]
)
def test_floor_plan_marks_the_booths_of_companies_saved_in_my_plan(
    browser, live_server, hall, prefix, legend
):
    visitor = browser.new_context()
    other = browser.new_context()
    try:
        # Another visitor opens the plan first: the page is now the cached copy.
        stranger = other.new_page()
        stranger.goto(f"{live_server.url}{prefix}/floor-plan/")
        page = visitor.new_page()
        page.goto(f"{live_server.url}{prefix}/exhibitors/canon-viet-nam/")
        page.locator(".star-button").first.click()
        page.wait_for_selector('.star-button[aria-pressed="true"]')

        page.goto(f"{live_server.url}{prefix}/floor-plan/")
        page.wait_for_selector(".plan-svg .booth.is-saved")

        assert _saved_booths(page) == ["booth-A07", "booth-A08"]
        assert page.locator(".legend-saved").inner_text() == legend
        assert page.locator(".legend-saved").is_visible()
        assert page.locator("#row-A07").evaluate("r => r.classList.contains('is-saved')")
        assert not page.locator("#row-B01").evaluate("r => r.classList.contains('is-saved')")
        label = page.locator("#booth-A07").get_attribute("aria-label")
        assert label.endswith(" · " + legend.rsplit(" (", 1)[0])
        # The saved booths look different from the others: a yellow box, not the hatching.
        fill = page.locator("#booth-A07 .booth-box").evaluate("b => getComputedStyle(b).fill")
        assert fill == "rgb(255, 216, 77)"

        # The other visitor's plan is empty: the same page marks nothing and hides the entry.
        stranger.reload()
        stranger.wait_for_load_state("networkidle")
        assert _saved_booths(stranger) == []
        assert stranger.locator(".legend-saved").is_hidden()
    finally:
        visitor.close()
        other.close()


def test_floor_plan_without_javascript_shows_no_saved_entry(browser, live_server, hall):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/floor-plan/")

        assert page.locator(".legend-saved").is_hidden()
        assert page.locator(".plan-svg .booth").count() == 4
    finally:
        context.close()
