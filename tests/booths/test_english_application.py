"""An applicant on the English form types its address and main products in English:
the approved profile keeps them as its English texts, and the board is told what the
Vietnamese pages will show."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from booths.models import BoothApplication
from exhibitors.models import Exhibitor
from tests.factories import make_application, make_exhibitor, make_user

pytestmark = pytest.mark.django_db

ADDRESS = "Lot 12, Quang Minh Industrial Zone, Me Linh, Hanoi"
PRODUCTS = "Printed circuit boards and electronic components."


def one_line(text: str) -> str:
    return " ".join(text.split())


def apply_in_english(payload, capture):
    applicant = Client()
    english = {**payload, "address": ADDRESS, "product_summary": PRODUCTS}
    with capture(execute=True):
        applicant.post("/en/booths/apply/", english)
    status_path = re.search(
        r"https://hoicho\.example\.vn(\S*/booths/applications/\S+/)", mail.outbox[0].body
    ).group(1)
    with capture(execute=True):
        applicant.get(status_path)


def test_english_address_and_products_land_in_the_english_profile(
    client, board_client, payload, booths, django_capture_on_commit_callbacks
):
    apply_in_english(payload, django_capture_on_commit_callbacks)
    application = BoothApplication.objects.get()
    approve_url = f"/admin/booths/boothapplication/{application.pk}/approve/"
    decision_page = one_line(board_client.get(approve_url).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        board_client.post(approve_url, {"booths": [booths["A01"].pk]})

    company = Exhibitor.objects.get(tax_code="0100109106")
    english = one_line(client.get(f"/en/exhibitors/{company.slug}/").content.decode())
    vietnamese = one_line(client.get(f"/exhibitors/{company.slug}/").content.decode())
    assert f"<dd>{ADDRESS}</dd>" in english
    assert PRODUCTS in english
    assert f"<dd>{ADDRESS}</dd>" in vietnamese
    assert PRODUCTS not in vietnamese
    assert (company.address_en, company.address_vi) == (ADDRESS, ADDRESS)
    assert (company.description_en, company.description_vi or "") == (PRODUCTS, "")
    assert (
        "Đơn được gửi từ trang tiếng Anh: địa chỉ và sản phẩm chính được ghi vào phần "
        "tiếng Anh của hồ sơ doanh nghiệp." in decision_page
    )
    assert "địa chỉ tiếng Anh như đơn ghi cũng được dùng làm địa chỉ tiếng Việt" in decision_page
    assert "Phần giới thiệu tiếng Việt còn trống" in decision_page


def test_english_application_of_an_existing_company_keeps_its_vietnamese_texts(
    board_client, fair, booths, django_capture_on_commit_callbacks
):
    manager = make_user(email="sato@quangminh.example.vn")
    company = make_exhibitor(
        name_vi="Điện tử Quang Minh",
        tax_code="0100109106",
        address_vi="Lô 12, KCN Quang Minh, Mê Linh, Hà Nội",
        description_vi="Bo mạch và linh kiện điện tử.",
        description_en="",
        members=[manager],
    )
    application = make_application(
        fair,
        trading_name_vi="Điện tử Quang Minh",
        tax_code="0100109106",
        email="sato@quangminh.example.vn",
        address=ADDRESS,
        product_summary=PRODUCTS,
        language="en",
        email_confirmed_at=timezone.now(),
    )
    approve_url = f"/admin/booths/boothapplication/{application.pk}/approve/"
    decision_page = one_line(board_client.get(approve_url).content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        board_client.post(approve_url, {"booths": [booths["A01"].pk]})

    company.refresh_from_db()
    assert company.address_vi == "Lô 12, KCN Quang Minh, Mê Linh, Hà Nội"
    assert company.address_en == ADDRESS
    assert company.description_vi == "Bo mạch và linh kiện điện tử."
    assert company.description_en == PRODUCTS
    assert "Đơn được gửi từ trang tiếng Anh" in decision_page
    assert "cũng được dùng làm địa chỉ tiếng Việt" not in decision_page
    assert "Phần giới thiệu tiếng Việt còn trống" not in decision_page
