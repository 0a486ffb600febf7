"""What the board types or pastes in the admin is stored composed (NFC), as on the
public forms: a name pasted from a Mac tool as "e" + combining marks (NFD) is the same
text as the name typed elsewhere, found by both searches and sorted with them."""

import unicodedata

import pytest
from django.contrib import admin
from django.urls import reverse

from exhibitors.models import Exhibitor, Product
from fairportal.admin_mixins import ComposedTextAdminMixin
from fairportal.models import User
from tests.factories import make_booth, make_exhibitor, make_fair, make_sector

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _new_exhibitor_form(**overrides):
    data = {
        "name_vi": nfd("Điện Quang Đông Anh"),
        "name_en": "Dien Quang Dong Anh",
        "legal_name": nfd("Công ty CP Bóng đèn Điện Quang"),
        "slug": "dien-quang-dong-anh",
        "tax_code": "0101245486",
        "origin_country": "VN",
        "language": "vi",
        "description_vi": nfd("Bóng đèn LED, thiết bị chiếu sáng."),
        "description_en": "",
        "address_vi": nfd("KCN Thăng Long, Đông Anh, Hà Nội"),
        "address_en": "",
        "is_published": "on",
        "products-TOTAL_FORMS": "1",
        "products-INITIAL_FORMS": "0",
        "products-0-name_vi": nfd("Bóng đèn LED tiết kiệm điện"),
        "products-0-name_en": "Energy-saving LED bulb",
        "products-0-is_published": "on",
        "products-0-position": "0",
    }
    data.update(overrides)
    return data


def test_exhibitor_added_with_decomposed_accents_is_stored_composed_found_and_sorted(
    admin_client,
):
    fair = make_fair(is_current=True)
    for name in ("Dương Nhật", "Ê-kíp Hà Nội"):
        make_booth(fair=fair, exhibitor=make_exhibitor(name_vi=name))

    response = admin_client.post(reverse("admin:exhibitors_exhibitor_add"), _new_exhibitor_form())

    assert response.status_code == 302
    added = Exhibitor.objects.get(slug="dien-quang-dong-anh")
    assert (added.name_vi, added.legal_name, added.description_vi, added.address_vi) == (
        nfc("Điện Quang Đông Anh"),
        nfc("Công ty CP Bóng đèn Điện Quang"),
        nfc("Bóng đèn LED, thiết bị chiếu sáng."),
        nfc("KCN Thăng Long, Đông Anh, Hà Nội"),
    )
    assert Product.objects.get(exhibitor=added).name_vi == nfc("Bóng đèn LED tiết kiệm điện")
    make_booth(fair=fair, exhibitor=added)
    found = admin_client.get(reverse("admin:exhibitors_exhibitor_changelist"), {"q": "dien quang"})
    assert [row.name_vi for row in found.context["cl"].result_list] == [nfc("Điện Quang Đông Anh")]
    listed = admin_client.get(reverse("admin:exhibitors_exhibitor_changelist"))
    assert [row.name_vi for row in listed.context["cl"].result_list] == [
        "Dương Nhật",
        nfc("Điện Quang Đông Anh"),
        "Ê-kíp Hà Nội",
    ]
    directory = admin_client.get("/exhibitors/", {"q": "Điện Quang"})
    assert [row.name for row in directory.context["exhibitors"]] == [nfc("Điện Quang Đông Anh")]
    assert [row.name for row in admin_client.get("/exhibitors/").context["exhibitors"]] == [
        "Dương Nhật",
        nfc("Điện Quang Đông Anh"),
        "Ê-kíp Hà Nội",
    ]


def test_exhibitor_changed_with_decomposed_accents_and_a_product_inline_is_stored_composed(
    admin_client,
):
    exhibitor = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    sector = make_sector(name_vi="Điện tử")
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])

    response = admin_client.post(
        url,
        _new_exhibitor_form(
            name_vi=nfd("Canon Việt Nam – Nhà máy Thăng Long"),
            slug="canon-viet-nam",
            tax_code=exhibitor.tax_code,
            sectors=[sector.pk],
            **{"products-0-name_vi": nfd("Máy in laser đa chức năng")},
        ),
    )

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert exhibitor.name_vi == nfc("Canon Việt Nam – Nhà máy Thăng Long")
    assert list(exhibitor.products.values_list("name_vi", flat=True)) == [
        nfc("Máy in laser đa chức năng")
    ]
    assert " may in laser da chuc nang" in exhibitor.search_text


def test_user_added_in_the_admin_keeps_the_password_as_typed(admin_client):
    password = nfd("Mật khẩu Hội chợ 2027!")

    response = admin_client.post(
        reverse("admin:fairportal_user_add"),
        {
            "username": "bien-tap-2",
            "email": "bientap2@example.vn",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )

    assert response.status_code == 302
    user = User.objects.get(username="bien-tap-2")
    assert (user.check_password(password), user.check_password(nfc(password))) == (True, False)


def test_every_admin_of_the_board_but_the_read_only_log_reads_text_as_composed():
    plain = [
        type(model_admin).__name__
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"auth", "booths", "events", "exhibitors", "fairportal"}
        and not isinstance(model_admin, ComposedTextAdminMixin)
    ]

    assert plain == ["AuditEntryAdmin"]
