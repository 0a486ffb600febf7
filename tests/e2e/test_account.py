"""In headless Chromium: a representative signs in, edits the description, adds a
product with an image and sees it listed."""

import io

import pytest
from PIL import Image

from events.models import SideEvent
from exhibitors.models import Exhibitor, Product
from tests.factories import (
    make_event,
    make_exhibitor,
    make_meeting_request,
    make_sector,
    make_user,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_representative_edits_profile_and_adds_product(live_server, page, tmp_path):
    user = make_user(username="mai", email="mai@saomai.vn", password="Sao-mai-2024-mk")
    exhibitor = make_exhibitor(
        name_vi="Công ty Sao Mai", members=[user], sectors=[make_sector(name_vi="Cơ khí")]
    )
    image_path = tmp_path / "khuon-mau.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 90, 160)).save(buffer, format="PNG")
    image_path.write_bytes(buffer.getvalue())

    page.goto(f"{live_server.url}/account/")
    page.get_by_label("E-mail hoặc tên đăng nhập").fill("mai@saomai.vn")
    page.get_by_label("Mật khẩu").fill("Sao-mai-2024-mk")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/account/")
    assert page.locator("h1").inner_text() == "Công ty Sao Mai"

    page.get_by_role("link", name="Hồ sơ doanh nghiệp").first.click()
    page.get_by_label("Giới thiệu (tiếng Việt)").fill("Sao Mai làm khuôn mẫu chính xác.")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    page.wait_for_url(f"{live_server.url}/account/profile/")
    assert "Đã lưu hồ sơ doanh nghiệp." in page.locator(".messages").inner_text()

    page.get_by_role("link", name="Sản phẩm").last.click()
    page.get_by_role("link", name="Thêm sản phẩm").click()
    page.get_by_label("Tên sản phẩm (tiếng Việt)").fill("Khuôn ép nhựa")
    page.get_by_label("Ảnh sản phẩm").set_input_files(str(image_path))
    page.get_by_role("button", name="Thêm sản phẩm").click()
    page.wait_for_url(f"{live_server.url}/account/products/")

    row = page.locator(".product-row")
    assert row.count() == 1
    assert row.locator("h2").inner_text() == "Khuôn ép nhựa"
    assert Exhibitor.objects.get(pk=exhibitor.pk).description_vi == (
        "Sao Mai làm khuôn mẫu chính xác."
    )
    product = Product.objects.get(exhibitor=exhibitor)
    assert product.image_thumb.name.startswith("products/thumbs/")
    assert row.locator("img").get_attribute("src") == product.image_thumb.url


def test_a_wrong_password_is_read_out_first_not_skipped_for_the_email_field(live_server, page):
    make_user(username="mai", email="mai@saomai.vn", password="Sao-mai-2024-mk")
    page.goto(f"{live_server.url}/account/login/")
    assert page.evaluate("document.activeElement.id") == "id_username"  # ready to type

    page.get_by_label("E-mail hoặc tên đăng nhập").fill("mai@saomai.vn")
    page.get_by_label("Mật khẩu").fill("sao-mai-2024-mk")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Focus on the message makes a screen reader say it (an alert already on the page
    # when it loads is not read by every one); the next Tab goes on to the form.
    focused = page.evaluate(
        "[document.activeElement.getAttribute('role'), document.activeElement.innerText]"
    )
    assert focused == [
        "alert",
        "E-mail (hoặc tên đăng nhập) hoặc mật khẩu không đúng. "
        "Lưu ý: mật khẩu phân biệt chữ hoa và chữ thường.",
    ]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_username"


@pytest.mark.parametrize(("prefix", "country"), [("", "Hàn Quốc"), ("/en", "South Korea")])
def test_on_a_phone_a_buyers_number_reads_on_one_line_in_its_groups(
    browser, live_server, prefix, country
):
    # The company rings the buyer from the meeting request: a number broken over two
    # lines ("+82 10" / "1234 5678") is misread.
    user = make_user(username="mai", email="mai@saomai.vn", password="Sao-mai-2024-mk")
    exhibitor = make_exhibitor(name_vi="Công ty Sao Mai", members=[user])
    make_meeting_request(
        make_event(kind=SideEvent.Kind.BUSINESS_MATCHING),
        exhibitor,
        requester_name="Kim Min-jun",
        requester_company="Seoul Buyers Co.",
        requester_country="KR",
        requester_email="minjun@example.kr",
        requester_phone="+821012345678",
        requester_zalo="+84912345678",
    )
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{prefix}/account/login/")
        page.locator("#id_username").fill("mai@saomai.vn")
        page.locator("#id_password").fill("Sao-mai-2024-mk")
        page.locator("form button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"{live_server.url}{prefix}/account/meetings/")

        line = page.locator(".meeting-card p.muted").first
        phone = line.locator('a[href="tel:+821012345678"]')
        assert line.inner_text().startswith(country + " · ")
        assert phone.inner_text() == "+82 10 1234 5678"
        assert phone.evaluate("a => a.getClientRects().length") == 1
        assert line.locator(".phone-number").evaluate("s => s.getClientRects().length") == 1
    finally:
        context.close()
