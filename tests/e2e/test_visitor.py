"""A visitor searches the directory, opens a profile and follows its booth to the plan."""

import os

import pytest

from tests.factories import make_booth, make_exhibitor, make_fair, make_product

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visitor_searches_opens_profile_and_finds_booth_link(page, live_server):
    fair = make_fair()
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam", origin_country="JP")
    make_product(exhibitor=canon, name_vi="Máy in laser")
    make_booth(fair=fair, exhibitor=canon, code="A07")
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="TOTO Việt Nam", address_vi="Bắc Ninh"))

    page.goto(f"{live_server.url}/exhibitors/")
    page.get_by_label("Tìm kiếm").fill("may in canon")
    page.get_by_label("Tìm kiếm").press("Enter")
    page.wait_for_url("**/exhibitors/?q=may+in+canon*")

    results = page.locator(".card-list h3 a")
    assert results.all_inner_texts() == ["Canon Việt Nam"]

    results.first.click()
    page.wait_for_url("**/exhibitors/canon-viet-nam/")
    assert page.locator("h1").inner_text() == "Canon Việt Nam"
    assert page.locator("svg.qr-code").count() == 1

    booth = page.locator(".profile-booths .booth-code")
    assert booth.inner_text() == "A07"
    if booth.evaluate("el => el.tagName") == "A":
        assert booth.get_attribute("href") == "/floor-plan/?booth=A07#booth-A07"
    else:
        # The floor plan page arrives with another branch; until then the code is plain text.
        assert booth.evaluate("el => el.tagName") == "SPAN"


def test_visitor_filters_work_on_a_phone_without_javascript(browser, live_server):
    fair = make_fair()
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Canon Việt Nam", origin_country="JP"))
    make_booth(
        fair=fair,
        exhibitor=make_exhibitor(
            name_vi="TOTO Việt Nam", name_en="TOTO Vietnam", origin_country="TH"
        ),
    )
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/exhibitors/")
        page.locator("summary").click()
        page.get_by_role("group", name="Country of origin").get_by_label("Thailand").check()
        page.locator("form.filters button[type=submit]").click()
        page.wait_for_url("**/en/exhibitors/?*country=TH*")

        assert page.locator(".card-list h3 a").all_inner_texts() == ["TOTO Vietnam"]
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


def test_on_a_phone_the_sort_menu_is_in_sight_with_the_filters_folded(browser, live_server):
    fair = make_fair()
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Canon Việt Nam"), code="B02")
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="TOTO Việt Nam"), code="A01")
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/exhibitors/")

        assert page.locator("details.more-filters").evaluate("d => d.open") is False
        assert page.get_by_label("Khu công nghiệp").is_visible() is False
        page.get_by_label("Sắp xếp").select_option(label="Theo mã gian")
        page.locator("form.filters button[type=submit]").click()
        page.wait_for_url("**/exhibitors/?*sort=booth*")

        assert page.locator(".card-list h3 a").all_inner_texts() == [
            "TOTO Việt Nam",
            "Canon Việt Nam",
        ]
        # The order chosen is shown, and the folded filters stay folded.
        assert page.get_by_label("Sắp xếp").input_value() == "booth"
        assert page.locator("details.more-filters").evaluate("d => d.open") is False
    finally:
        context.close()


MENU_LINKS_OUT_OF_SIGHT = """() => [...document.querySelectorAll('.main-nav a')]
    .filter(a => { const box = a.getBoundingClientRect();
                   return box.left < 0 || box.right > innerWidth || box.width === 0; })
    .map(a => a.textContent)"""


@pytest.mark.parametrize("width", [320, 390, 430])
@pytest.mark.parametrize("text_size", ["100%", "200%"])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_on_a_phone_every_menu_link_is_in_sight_without_javascript(
    browser, live_server, width, text_size, prefix
):
    make_fair()
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{prefix}/")
        # A phone's larger text setting: every size on the site is in rem.
        page.locator("html").evaluate("(html, size) => { html.style.fontSize = size; }", text_size)
        menu = page.locator(".main-nav ul")

        assert page.locator(".main-nav a").count() == 8
        assert page.evaluate(MENU_LINKS_OUT_OF_SIGHT) == []
        assert menu.evaluate("ul => ul.scrollWidth <= ul.clientWidth")
        assert page.get_by_role(
            "link", name="Lịch của tôi" if not prefix else "My plan"
        ).is_visible()
    finally:
        context.close()


def test_on_a_computer_the_menu_stays_one_row(browser, live_server):
    make_fair()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        tops = page.locator(".main-nav a").evaluate_all(
            "links => links.map(a => Math.round(a.getBoundingClientRect().top))"
        )

        assert len(tops) == 8
        assert len(set(tops)) == 1
    finally:
        context.close()


def test_on_a_phone_the_booth_list_shows_each_company_without_scrolling_sideways(
    browser, live_server
):
    fair = make_fair()
    make_booth(
        fair=fair,
        code="B05",
        hall="B",
        exhibitor=make_exhibitor(name_vi="Harukaze Robotics Việt Nam", slug="harukaze"),
    )
    make_booth(fair=fair, code="B06", hall="B")
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/floor-plan/")
        table = page.locator(".plan-table .table-scroll")
        company = page.locator("#row-B05").get_by_role("link", name="Harukaze Robotics Việt Nam")
        company.scroll_into_view_if_needed()

        assert table.evaluate("div => div.scrollWidth <= div.clientWidth")
        box = company.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        row = page.locator("#row-B05")
        assert row.get_by_text("Đã có doanh nghiệp").is_visible()
        # the table is still a table to a screen reader
        assert page.get_by_role("row", name="B05").count() == 1
        assert page.get_by_role("columnheader", name="Doanh nghiệp").count() == 1
    finally:
        context.close()


def test_switching_language_on_a_product_link_keeps_its_anchor(browser, live_server):
    fair = make_fair()
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_booth(fair=fair, exhibitor=canon)
    products = [make_product(exhibitor=canon, name_vi=f"Máy in {n}") for n in range(1, 6)]
    product = products[3]
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{product.get_absolute_url()}")
        page.get_by_role("link", name="EN · English").click()
        page.wait_for_url(f"**/en/exhibitors/canon-viet-nam/?product={product.pk}#p{product.pk}")

        assert page.evaluate("location.hash") == f"#p{product.pk}"
        # Back in Vietnamese after following another anchor on the page.
        page.evaluate("location.hash = '#products-title'")
        page.get_by_role("link", name="VI · Tiếng Việt").click()
        page.wait_for_url(f"**/exhibitors/canon-viet-nam/?product={product.pk}#products-title")
        assert page.locator("html").get_attribute("lang") == "vi"
    finally:
        context.close()


def test_language_links_lead_to_the_other_language_without_javascript(browser, live_server):
    fair = make_fair()
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_booth(fair=fair, exhibitor=canon)
    product = make_product(exhibitor=canon)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{product.get_absolute_url()}")
        page.get_by_role("link", name="EN · English").click()
        page.wait_for_url(f"**/en/exhibitors/canon-viet-nam/?product={product.pk}")

        assert page.locator("html").get_attribute("lang") == "en"
    finally:
        context.close()


def test_on_a_phone_without_javascript_the_booth_box_opens_the_plan_at_the_booth(
    browser, live_server
):
    fair = make_fair()
    make_booth(fair=fair, code="A07", exhibitor=make_exhibitor(name_vi="Canon Việt Nam"))
    make_booth(fair=fair, code="B12")
    context = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/floor-plan/")
        page.get_by_label("Find a booth by its code").fill("b12")
        page.get_by_role("button", name="Find booth").click()
        page.wait_for_url("**/en/floor-plan/?booth=B12#booth-B12")

        assert page.locator("#booth-B12").get_attribute("class") == (
            "booth booth-free is-highlighted"
        )
        page.get_by_label("Find a booth by its code").fill("Z 99")
        page.get_by_role("button", name="Find booth").click()
        page.wait_for_url("**/en/floor-plan/find/?booth=Z+99")
        assert page.locator(".plan-notice").inner_text() == (
            "There is no booth Z99 in this fair edition."
        )
    finally:
        context.close()


def test_without_javascript_a_profiles_booth_link_opens_the_plan_at_the_booth(browser, live_server):
    # A booth far down the plan: the link must bring it into view, not open at the top.
    fair = make_fair()
    for row in range(12):
        make_booth(fair=fair, code=f"A{row + 1:02d}", hall="A", plan_y=row * 60)
    make_booth(
        fair=fair,
        code="A20",
        hall="A",
        plan_y=12 * 60,
        exhibitor=make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam"),
    )
    context = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/exhibitors/canon-viet-nam/")
        page.locator(".profile-booths .booth-code").click()
        page.wait_for_url("**/floor-plan/?booth=A20*")

        box = page.locator("#booth-A20").bounding_box()
        assert page.evaluate("window.scrollY") > 0
        assert 0 <= box["y"] < 800
    finally:
        context.close()


def _tall_hall_with_a_place_at_its_foot(fair):
    """Hall A runs 13 rows of booths down, with the seminar room under them; hall B follows."""
    from booths.models import EventPlace

    for row in range(13):
        make_booth(fair=fair, code=f"A{row + 1:02d}", hall="A", plan_y=row * 60)
    make_booth(fair=fair, code="B01", hall="B")
    return EventPlace.objects.create(
        fair=fair,
        kind=EventPlace.Kind.SEMINAR_ROOM,
        name_vi="Phòng hội thảo 1",
        name_en="Seminar room 1",
        hall="A",
        plan_y=13 * 60,
        plan_w=200,
        plan_h=60,
    )


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize(("width", "prefix", "hall"), [(390, "", "Khu A"), (1280, "/en", "Hall A")])
def test_the_plan_opened_at_a_place_or_a_booth_shows_which_hall_it_is_in(
    browser, live_server, width, prefix, hall, javascript
):
    # An event's "see on the floor plan" link and a profile's booth link open the plan
    # low in a tall hall: the hall's name must be in sight, and not over what was asked.
    fair = make_fair()
    place = _tall_hall_with_a_place_at_its_foot(fair)
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=javascript
    )
    page = context.new_page()
    try:
        for url, target in (
            (f"/floor-plan/#place-{place.pk}", f"#place-{place.pk}"),
            ("/floor-plan/?booth=A13#booth-A13", "#booth-A13"),
        ):
            page.goto(f"{live_server.url}{prefix}{url}")
            page.wait_for_timeout(200)

            heading = page.locator("#hall-a")
            box = heading.bounding_box()
            wanted = page.locator(target).bounding_box()
            assert heading.inner_text().startswith(hall)
            assert page.evaluate("window.scrollY") > 0
            assert (url, box["y"] >= 0, box["y"] + box["height"] <= 800) == (url, True, True)
            assert (url, wanted["y"] >= box["y"] + box["height"]) == (url, True)
            assert (url, wanted["y"] + wanted["height"] <= 800) == (url, True)
    finally:
        context.close()
