"""The company's own forms say which fields may be left empty, as the public forms do."""

import html
import re

import pytest

from tests.exhibitors.account_support import representative
from tests.factories import make_booth, make_fair, make_product

pytestmark = pytest.mark.django_db


def labels(page: str) -> list[str]:
    """The text of every label and legend of the page's forms, as a screen reader reads it."""
    found = re.findall(r"<(?:label|legend)[^>]*>(.*?)</(?:label|legend)>", page, re.S)
    return [
        html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))).strip() for text in found
    ]


@pytest.mark.parametrize(
    ("prefix", "optional"),
    [
        (
            "",
            [
                "Giới thiệu (tiếng Anh, không bắt buộc):",
                "Logo mới (không bắt buộc):",
                "Trang web (không bắt buộc):",
                "E-mail liên hệ (không bắt buộc):",
                "Điện thoại (không bắt buộc):",
                "Địa chỉ (tiếng Anh, không bắt buộc):",
            ],
        ),
        (
            "/en",
            [
                "About (English, optional):",
                "New logo (optional):",
                "Website (optional):",
                "Contact e-mail (optional):",
                "Phone (optional):",
                "Address (English, optional):",
            ],
        ),
    ],
)
def test_profile_form_marks_each_optional_field_and_only_those(client, prefix, optional):
    representative(client)

    page = client.get(f"{prefix}/account/profile/").content.decode()

    marker = "optional" if prefix else "không bắt buộc"
    assert [label for label in labels(page) if marker in label] == optional


def test_profile_form_leaves_the_required_fields_and_the_remove_box_unmarked(client):
    _user, exhibitor = representative(client)
    exhibitor.logo = "logos/canon.png"
    exhibitor.save()

    found = labels(client.get("/account/profile/").content.decode())

    for label in ("Giới thiệu (tiếng Việt):", "Địa chỉ (tiếng Việt):", "Ngành:"):
        assert label in found
    assert "Bỏ logo hiện tại:" in found


def test_product_form_marks_each_optional_field_and_leaves_the_checkboxes_alone(client):
    _user, exhibitor = representative(client)
    product = make_product(exhibitor=exhibitor, image="products/may-in.png")

    found = labels(client.get(f"/account/products/{product.pk}/").content.decode())

    assert [label for label in found if "không bắt buộc" in label] == [
        "Tên sản phẩm (tiếng Anh, không bắt buộc):",
        "Mô tả (tiếng Việt, không bắt buộc):",
        "Mô tả (tiếng Anh, không bắt buộc):",
        "Ảnh sản phẩm (không bắt buộc):",
        "Ngành (không bắt buộc):",
        "Thứ tự (không bắt buộc):",
    ]
    assert "Tên sản phẩm (tiếng Việt):" in found
    assert "Bỏ ảnh hiện tại:" in found
    assert "Công khai trên danh mục sản phẩm:" in found


@pytest.mark.parametrize(
    ("prefix", "optional"),
    [
        ("", ["Tên trên bảng tên gian (không bắt buộc):", "Chức danh (không bắt buộc):"]),
        ("/en", ["Fascia name (optional):", "Job title (optional):"]),
    ],
)
def test_booths_page_marks_the_fascia_name_and_the_job_title_optional(client, prefix, optional):
    _user, exhibitor = representative(client)
    make_booth(fair=make_fair(is_current=True), code="A01", exhibitor=exhibitor)

    found = labels(client.get(f"{prefix}/account/booths/").content.decode())

    marker = "optional" if prefix else "không bắt buộc"
    assert [label for label in found if marker in label] == optional
