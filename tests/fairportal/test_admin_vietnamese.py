"""The admin's own sentences in Vietnamese, where Django's catalogue gets them wrong:
the portal's catalogue (locale/vi) mends them, and the board reads whole sentences."""

import html

import pytest
from django.urls import reverse

from tests.factories import make_exhibitor, make_product, make_sector, make_user, make_zone

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_delete_page_asks_in_a_whole_vietnamese_sentence(admin_client):
    product = make_product(make_exhibitor(), name_vi="Máy in laser")

    page = _page(admin_client.get(reverse("admin:exhibitors_product_delete", args=[product.pk])))

    assert (
        "Bạn có chắc muốn xoá sản phẩm “Máy in laser”? Các mục liên quan dưới đây cũng "
        "sẽ bị xoá:" in page
    )
    assert "?Tất cả" not in page


def test_a_zone_with_exhibitors_says_why_it_cannot_be_deleted(admin_client):
    zone = make_zone(name_vi="KCN Thăng Long")
    make_exhibitor(zone=zone, name_vi="Canon Việt Nam")

    page = _page(
        admin_client.get(reverse("admin:exhibitors_industrialzone_delete", args=[zone.pk]))
    )

    assert (
        "Không xoá được khu công nghiệp “KCN Thăng Long” khi các mục được bảo vệ sau đây "
        "còn gắn với nó:" in page
    )
    assert "Canon Việt Nam" in page


def test_list_filters_read_theo_not_boi(admin_client):
    make_exhibitor(zone=make_zone(), sectors=[make_sector(name_vi="Điện tử")])

    page = _page(admin_client.get(reverse("admin:exhibitors_exhibitor_changelist")))

    assert "Theo ngành" in page
    assert "Bởi " not in page


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_password_page_of_a_user_without_password_reads_in_vietnamese(admin_client):
    user = make_user(password=None)

    page = _page(admin_client.get(reverse("admin:auth_user_password_change", args=[user.pk])))

    assert "Thao tác này sẽ <strong>bật</strong> đăng nhập bằng mật khẩu cho người dùng này." in (
        page
    )
    assert "This action" not in page


def test_disabling_a_users_password_is_confirmed_in_vietnamese(admin_client):
    user = make_user()
    url = reverse("admin:auth_user_password_change", args=[user.pk])

    disabled = admin_client.post(
        url, {"usable_password": "false", "unset-password": ""}, follow=True
    )

    assert _messages(disabled) == ["Đã tắt đăng nhập bằng mật khẩu."]


def test_conflicting_password_form_is_refused_in_vietnamese(admin_client):
    user = make_user()
    url = reverse("admin:auth_user_password_change", args=[user.pk])

    # "Disable" chosen, but the form sent with the "set password" button (no script).
    conflicting = admin_client.post(
        url, {"usable_password": "false", "set-password": ""}, follow=True
    )

    assert _messages(conflicting) == [
        "Biểu mẫu gửi lên có lựa chọn mâu thuẫn nhau. Vui lòng thử lại."
    ]


def test_login_protection_lists_read_in_vietnamese(admin_client):
    attempts = _page(admin_client.get(reverse("admin:axes_accessattempt_changelist")))
    logs = _page(admin_client.get(reverse("admin:axes_accesslog_changelist")))

    assert "Theo Khoá đăng nhập" in attempts
    assert "Locked Out" not in attempts
    assert "Trình duyệt (User-Agent)" in logs and "Địa chỉ IP" in logs
    assert "User Agent" not in logs


def test_admin_scripts_catalogue_has_the_permission_boxes_in_vietnamese(admin_client):
    # The users' and groups' permission boxes (filter_horizontal) are drawn by script.
    catalogue = admin_client.get("/admin/jsi18n/").content.decode()

    assert '"Choose all %s": "Ch\\u1ecdn t\\u1ea5t c\\u1ea3 %s"' in catalogue
    assert '"Remove all %s": "B\\u1ecf t\\u1ea5t c\\u1ea3 %s"' in catalogue
