"""A foreign buyer on a Vietnamese page is offered the same page in English, once."""

import os

import pytest

from tests.factories import make_booth, make_exhibitor, make_fair

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OFFER = ".lang-offer"


@pytest.fixture
def fair_with_exhibitor(db):
    fair = make_fair()
    make_booth(
        fair=fair,
        exhibitor=make_exhibitor(
            name_vi="Canon Việt Nam", name_en="Canon Vietnam", slug="canon-viet-nam"
        ),
    )
    return fair


def open_page(browser, locale, width=1280, **options):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, locale=locale, **options
    )
    return context, context.new_page()


@pytest.mark.parametrize(("locale", "width"), [("en-US", 1280), ("ko-KR", 390), ("ja-JP", 390)])
def test_a_browser_in_another_language_is_offered_this_page_in_english(
    browser, live_server, fair_with_exhibitor, locale, width
):
    context, page = open_page(browser, locale, width)
    try:
        page.goto(f"{live_server.url}/exhibitors/canon-viet-nam/#products")
        offer = page.locator(OFFER)

        assert offer.is_visible() is True
        assert offer.get_attribute("lang") == "en"
        assert offer.locator("p, a, button").all_inner_texts() == [
            "This page is also in English.",
            "View in English →",
            "No, thanks",
        ]
        link = offer.get_by_role("link", name="View in English")
        assert link.get_attribute("href") == "/en/exhibitors/canon-viet-nam/#products"
        assert page.evaluate("document.documentElement.scrollWidth") == width

        link.click()
        page.wait_for_url("**/en/exhibitors/canon-viet-nam/#products")
        assert page.locator("h1").inner_text() == "Canon Vietnam"
        assert page.locator(OFFER).count() == 0
    finally:
        context.close()


def test_a_browser_that_prefers_vietnamese_is_not_offered_english(
    browser, live_server, fair_with_exhibitor
):
    for locale in ("vi-VN", "vi"):
        context, page = open_page(browser, locale)
        try:
            page.goto(f"{live_server.url}/")

            assert page.locator(OFFER).is_visible() is False
            assert page.locator("html").get_attribute("lang") == "vi"
        finally:
            context.close()


def test_a_vietnamese_reader_with_english_as_second_language_is_not_offered_it(
    browser, live_server, fair_with_exhibitor
):
    context, page = open_page(browser, "vi-VN")
    try:
        page.add_init_script(
            "Object.defineProperty(navigator, 'languages', {get: () => ['vi-VN', 'en-US']})"
        )
        page.goto(f"{live_server.url}/exhibitors/")

        assert page.locator(OFFER).is_visible() is False
    finally:
        context.close()


def test_no_thanks_is_remembered_on_the_next_pages(browser, live_server, fair_with_exhibitor):
    context, page = open_page(browser, "en-US")
    try:
        page.goto(f"{live_server.url}/")
        page.locator(OFFER).get_by_role("button", name="No, thanks").click()

        assert page.locator(OFFER).is_visible() is False
        page.goto(f"{live_server.url}/exhibitors/")
        assert page.locator(OFFER).is_visible() is False
        page.reload()
        assert page.locator(OFFER).is_visible() is False
    finally:
        context.close()

    # Another browser (or the same one after clearing its data) is offered it again.
    context, page = open_page(browser, "en-US")
    try:
        page.goto(f"{live_server.url}/exhibitors/")
        assert page.locator(OFFER).is_visible() is True
    finally:
        context.close()


def test_choosing_vietnamese_with_the_switch_is_remembered(
    browser, live_server, fair_with_exhibitor
):
    context, page = open_page(browser, "ko-KR")
    try:
        page.goto(f"{live_server.url}/en/exhibitors/")
        page.locator(".lang-switch").get_by_role("link", name="VI").click()
        page.wait_for_url(f"{live_server.url}/exhibitors/")

        assert page.locator("h1").inner_text() == "Doanh nghiệp tham gia"
        assert page.locator(OFFER).is_visible() is False
        page.goto(f"{live_server.url}/")
        assert page.locator(OFFER).is_visible() is False
    finally:
        context.close()


def test_without_javascript_the_vietnamese_page_is_unchanged(
    browser, live_server, fair_with_exhibitor
):
    context, page = open_page(browser, "en-US", java_script_enabled=False)
    try:
        page.goto(f"{live_server.url}/")

        assert page.locator(OFFER).is_visible() is False
        assert page.locator("html").get_attribute("lang") == "vi"
        assert page.locator(".lang-switch a").get_attribute("href") == "/en/"
    finally:
        context.close()
