"""On a 390 px phone, one long unbroken word typed by a company (a pasted link, a long
e-mail address, a part number) wraps inside its box instead of widening the page."""

import pytest

from booths.models import ExhibitorStaff
from tests.factories import make_booth, make_exhibitor, make_fair, make_product, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_WORD = "https://www.minhlong.vn/san-pham/gia-cong-cnc-5-truc-do-chinh-xac-cao-" + "x" * 80
LONG_EMAIL = "huy.pham.quoc.phong.kinh.doanh.xuat.khau@minhlong-precision-engineering.com.vn"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 900}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def sign_in(page, live_server, email, password):
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("E-mail hoặc tên đăng nhập").fill(email)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/account/")


def test_long_words_stay_inside_a_phone_screen(live_server, phone):
    fair = make_fair()
    user = make_user(username="an", email="an@minhlong.vn", password="Minh-long-2027-mk")
    exhibitor = make_exhibitor(
        name_vi="Cơ khí Minh Long",
        slug="co-khi-minh-long",
        description_vi=f"Gia công cơ khí chính xác. {LONG_WORD}",
        members=[user, make_user(username="huy", email=LONG_EMAIL)],
    )
    make_booth(fair=fair, exhibitor=exhibitor, code="A10")
    make_product(exhibitor=exhibitor, name_vi="Chi tiết CNC", name_en=f"CNC part {LONG_WORD}")
    ExhibitorStaff.objects.create(fair=fair, exhibitor=exhibitor, full_name=LONG_WORD)

    phone.goto(f"{live_server.url}/exhibitors/co-khi-minh-long/")
    assert phone.locator(".profile-main").inner_text().count("https://www.minhlong.vn") == 1
    widths = {"profile": page_width(phone)}

    sign_in(phone, live_server, "an@minhlong.vn", "Minh-long-2027-mk")
    for name, path in [
        ("products", "/account/products/"),
        ("representatives", "/account/representatives/"),
        ("booths", "/account/booths/"),
    ]:
        phone.goto(f"{live_server.url}{path}")
        widths[name] = page_width(phone)

    assert widths == {"profile": 390, "products": 390, "representatives": 390, "booths": 390}
