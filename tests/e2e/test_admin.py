"""In a real browser: the board's admin pages."""

import os

import pytest

from tests.factories import make_fair, make_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_admin_slug_typed_from_a_vietnamese_title_keeps_its_letters(live_server, page):
    make_fair(is_current=True)
    make_user(username="bql", is_staff=True, is_superuser=True, password="Ban-quan-ly-2024")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bql")
    page.fill("#id_password", "Ban-quan-ly-2024")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/events/sideevent/add/")
    page.locator("#id_title_vi").press_sequentially("Hội thảo Điện tử và Đúc khuôn")

    assert page.locator("#id_slug").input_value() == "hoi-thao-dien-tu-va-duc-khuon"
