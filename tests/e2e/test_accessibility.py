"""The public pages as a keyboard or screen-reader user meets them, in headless Chromium."""

import os

import pytest

from tests.factories import make_booth, make_exhibitor, make_fair

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


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
