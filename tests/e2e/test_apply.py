"""In headless Chromium: from the floor plan, pick a free booth, apply, see the reference."""

import os
import re

import pytest

from booths.models import BoothApplication
from tests.factories import make_booth, make_exhibitor, make_fair, make_sector, make_zone

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
