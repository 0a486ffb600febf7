"""In headless Chromium: from the floor plan, pick a free booth, apply, see the reference."""

import os
import re

import pytest

from booths.models import BoothApplication
from tests.factories import (
    make_application,
    make_booth,
    make_exhibitor,
    make_fair,
    make_sector,
    make_zone,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_apply_from_floor_plan(live_server, page):
    fair = make_fair(is_current=True)
    make_sector(name_vi="Cơ khí chế tạo", slug="co-khi-che-tao")
    make_zone(name_vi="KCN Thăng Long", slug="kcn-thang-long")
    make_booth(fair=fair, code="A01", hall="A", plan_x=0, plan_y=0, exhibitor=make_exhibitor())
    make_booth(fair=fair, code="A02", hall="A", plan_x=30, plan_y=0, price_vnd=18_000_000)
    make_booth(fair=fair, code="A03", hall="A", plan_x=60, plan_y=0)

    page.goto(f"{live_server.url}/floor-plan/")
    page.locator("#booth-A02").click()

    page.wait_for_url(re.compile(r"/booths/apply/\?booth=A02$"))
    chosen = page.get_by_label("A02", exact=True)
    assert chosen.is_checked()
    assert not page.get_by_label("A03", exact=True).is_checked()
    assert page.locator(".live-total").inner_text() == "18.000.000\u00a0₫"

    page.get_by_label("Tên pháp lý của doanh nghiệp").fill("Công ty TNHH Cơ khí Đông Anh")
    page.get_by_label("Tên giao dịch (tiếng Việt)").fill("Cơ khí Đông Anh")
    page.get_by_label("Mã số thuế").fill("0101248141")
    page.get_by_label("Khu công nghiệp").select_option(label="KCN Thăng Long")
    page.get_by_label("Quốc gia của nhà đầu tư").select_option(label="Việt Nam")
    page.get_by_label("Địa chỉ").fill("KCN Thăng Long, Đông Anh, Hà Nội")
    page.get_by_label("Cơ khí chế tạo").check()
    page.get_by_label("Người liên hệ").fill("Phạm Minh Tuấn")
    page.get_by_label("E-mail").fill("tuan@cokhidonganh.example.vn")
    page.get_by_label("Điện thoại").fill("024 3881 2345")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Gửi hồ sơ").click()

    page.wait_for_url(re.compile(r"/booths/apply/done/$"))
    application = BoothApplication.objects.get()
    assert page.locator(".reference").inner_text() == application.reference
    assert list(application.preferred_booths.values_list("code", flat=True)) == ["A02"]
    assert application.phone == "+842438812345"


@pytest.mark.parametrize(
    ("prefix", "header", "details"),
    [
        ("", "Giá", ["Góc", "3 × 3 m", "đã gồm VAT"]),
        ("/en", "Price", ["Corner", "3 × 3 m", "VAT included"]),
    ],
    ids=["vi", "en"],
)
def test_preferred_booths_read_on_a_phone_without_sideways_scrolling(
    live_server, browser, prefix, header, details
):
    fair = make_fair(is_current=True)
    make_booth(fair=fair, code="A01", hall="A", kind="corner", price_vnd=14_000_000)
    make_booth(fair=fair, code="A02", hall="A", price_vnd=12_000_000)
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{prefix}/booths/apply/")
        box = page.locator(".booth-table-wrap")
        widths = box.evaluate("w => [w.scrollWidth, w.clientWidth]")
        row = page.get_by_role("row").filter(has=page.get_by_label("A01", exact=True))
        cells = row.get_by_role("cell").all_inner_texts()
        in_sight = row.get_by_role("cell").evaluate_all(
            "cells => cells.every(c => c.getBoundingClientRect().right <= 390)"
        )
        headers = page.get_by_role("columnheader", name=header).count()
        row.get_by_label("A01", exact=True).check()
        total = page.locator(".live-total").inner_text()
    finally:
        context.close()

    assert widths[0] == widths[1]
    assert in_sight is True
    assert [text.strip() for text in cells] == [
        "A01",
        "14.000.000\u00a0₫",
        details[2],
        details[0],
        details[1],
    ]
    assert headers == 1
    assert total == "14.000.000\u00a0₫"


def test_fascia_box_follows_the_trading_name_until_the_company_types_its_own(live_server, page):
    make_fair(is_current=True)
    page.goto(f"{live_server.url}/booths/apply/")
    fascia = page.get_by_label("Tên trên bảng tên gian")
    name = page.get_by_label("Tên giao dịch (tiếng Việt)")

    name.press_sequentially("Cơ khí Đông Anh")
    followed = fascia.input_value()
    fascia.fill("CƠ KHÍ ĐÔNG ANH - HÀ NỘI")
    name.fill("Cơ khí chính xác Đông Anh")
    kept = fascia.input_value()

    assert followed == "CƠ KHÍ ĐÔNG ANH"
    assert kept == "CƠ KHÍ ĐÔNG ANH - HÀ NỘI"


@pytest.mark.parametrize(
    ("prefix", "header", "cells_read"),
    [
        ("", "Giá", ["A01", "Góc", "3 × 3 m", "14.000.000\u00a0₫", "đã gồm VAT"]),
        ("/en", "Price", ["A01", "Corner", "3 × 3 m", "14.000.000\u00a0₫", "VAT included"]),
    ],
    ids=["vi", "en"],
)
@pytest.mark.parametrize("width", [390, 1280])
def test_chosen_booths_on_the_done_page_read_without_sideways_scrolling(
    live_server, browser, prefix, header, cells_read, width
):
    from django.conf import settings
    from django.contrib.sessions.backends.cached_db import SessionStore

    from booths.views import SESSION_LAST_APPLICATION

    fair = make_fair(is_current=True)
    corner = make_booth(
        fair=fair,
        code="A01",
        hall="A",
        kind="corner",
        price_vnd=14_000_000,
        price_includes_vat=True,
    )
    standard = make_booth(fair=fair, code="A02", hall="A", price_vnd=12_000_000)
    application = make_application(fair=fair, booth_count=2)
    application.preferred_booths.set([corner, standard])
    session = SessionStore()
    session[SESSION_LAST_APPLICATION] = application.pk
    session.create()
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{prefix}/booths/apply/done/")
        box = page.locator(".booth-table").locator("xpath=..")
        widths = box.evaluate("w => [w.scrollWidth, w.clientWidth]")
        row = page.get_by_role("row").filter(has_text="A01")
        cells = row.locator("th, td").all_inner_texts()
        in_sight = row.locator("th, td").evaluate_all(
            f"cells => cells.every(c => c.getBoundingClientRect().right <= {width})"
        )
        headers = page.get_by_role("columnheader", name=header).count()
        total = page.locator(".booth-table .total").inner_text()
    finally:
        context.close()

    assert widths[0] == widths[1]
    assert in_sight is True
    assert [text.strip() for text in cells] == cells_read
    assert headers == 1
    assert total == "26.000.000\u00a0₫"


def test_live_total_says_the_board_will_quote_when_an_unpriced_booth_is_ticked(live_server, page):
    fair = make_fair(is_current=True)
    make_booth(fair=fair, code="A01", hall="A", plan_x=0, plan_y=0, price_vnd=15_000_000)
    make_booth(fair=fair, code="A02", hall="A", plan_x=30, plan_y=0, price_vnd=0)

    page.goto(f"{live_server.url}/booths/apply/")
    page.get_by_label("A01", exact=True).check()
    priced = page.locator(".live-total").inner_text()
    page.get_by_label("A02", exact=True).check()
    with_unpriced = page.locator(".live-total").inner_text()

    assert (priced, with_unpriced) == ("15.000.000\u00a0₫", "Ban tổ chức sẽ báo giá")
