"""An exhibitor's origin is a country ISO 3166 assigns: "JA" typed for Japan or "UK"
for the United Kingdom is refused where the board types it (the admin's form, the
import), with the right code named, instead of a flag-less "JA" on the profile."""

import pytest
from django.urls import reverse

from exhibitors.importing import plan_import
from exhibitors.models import Exhibitor
from tests.factories import make_exhibitor
from tests.fairportal.test_admin_composed_text import _new_exhibitor_form

pytestmark = pytest.mark.django_db

UNKNOWN = "ISO 3166 không có quốc gia mang mã “{}” (Nhật Bản là JP, Anh là GB)."


def _row(number, slug, country):
    return {"_row": number, "slug": slug, "name_vi": slug.upper(), "origin_country": country}


def test_import_names_codes_iso_does_not_assign_and_takes_real_ones_in_either_case():
    plan = plan_import(
        [
            _row(2, "canon", "jp"),
            _row(3, "toto", "JA"),
            _row(4, "brother", "UK"),
            _row(5, "cp", ""),
        ]
    )

    errors = {row.number: row.errors for row in plan.rows}
    assert errors == {2: [], 3: [UNKNOWN.format("JA")], 4: [UNKNOWN.format("UK")], 5: []}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("UK", UNKNOWN.format("UK")),
        ("V1", "Nhập mã quốc gia hai chữ cái theo ISO 3166 (ví dụ VN, JP)."),
    ],
)
def test_admin_refuses_an_origin_iso_does_not_assign(admin_client, typed, message):
    response = admin_client.post(
        reverse("admin:exhibitors_exhibitor_add"), _new_exhibitor_form(origin_country=typed)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Exhibitor.objects.exists()


def test_admin_keeps_a_real_country_outside_the_named_ones(admin_client):
    exhibitor = make_exhibitor(origin_country="JP")
    data = _new_exhibitor_form(origin_country="NO", slug=exhibitor.slug)

    response = admin_client.post(
        reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk]), data
    )

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert exhibitor.origin_country == "NO"
