"""Company A's representative can neither read nor change anything of company B.

Every attempt answers 404 (B's objects do not exist for A) and leaves B's rows as
they were.
"""

import pytest
from django.urls import reverse

from booths import services as booth_services
from booths.models import ExhibitorStaff
from events.models import MeetingRequest
from exhibitors import services as exhibitor_services
from exhibitors.models import Product
from tests.factories import (
    make_booth,
    make_exhibitor,
    make_meeting_request,
    make_product,
    make_user,
)


@pytest.fixture
def two_companies(client, public_fair):
    fair = public_fair["fair"]
    company_a = public_fair["exhibitor"]
    rep_a = make_user(username="dai-dien-a")
    company_a.members.add(rep_a)
    rep_b = make_user(username="dai-dien-b")
    company_b = make_exhibitor(members=[rep_b])
    b = {
        "company": company_b,
        "rep": rep_b,
        "product": make_product(company_b, name_vi="Máy của B", position=0),
        "second_product": make_product(company_b, name_vi="Máy thứ hai của B", position=1),
        "booth": make_booth(fair=fair, exhibitor=company_b, fascia_name="CÔNG TY B"),
        "staff": ExhibitorStaff.objects.create(fair=fair, exhibitor=company_b, full_name="Lê B"),
        "meeting": make_meeting_request(session=public_fair["matching"], exhibitor=company_b),
    }
    client.force_login(rep_a)
    return b


def snapshot(b) -> dict:
    booth = b["booth"]
    booth.refresh_from_db()
    return {
        "products": list(
            Product.objects.filter(exhibitor=b["company"])
            .order_by("pk")
            .values_list("name_vi", "position")
        ),
        "fascia": booth.fascia_name,
        "booth_exhibitor": booth.exhibitor_id,
        "staff": list(
            ExhibitorStaff.objects.filter(exhibitor=b["company"]).values_list("full_name")
        ),
        "meeting": MeetingRequest.objects.get(pk=b["meeting"].pk).status,
        "members": list(b["company"].members.values_list("pk", flat=True)),
    }


def test_company_a_cannot_read_company_b_products(client, two_companies):
    product = two_companies["product"]
    assert client.get(reverse("account:product_edit", args=[product.pk])).status_code == 404
    assert client.get(reverse("account:product_delete", args=[product.pk])).status_code == 404
    listing = client.get(reverse("account:products")).content.decode()
    assert "Máy của B" not in listing


def test_company_a_cannot_open_the_removal_page_of_company_b_staff(client, two_companies):
    url = reverse("booths:staff_remove", args=[two_companies["staff"].pk])
    assert client.get(url).status_code == 404


def test_company_a_cannot_change_anything_of_company_b(client, two_companies):
    b = two_companies
    before = snapshot(b)
    product = b["product"]
    attempts = [
        (
            reverse("account:product_edit", args=[product.pk]),
            {"name_vi": "Đã bị A sửa", "name_en": "Changed by A", "description_vi": "x"},
        ),
        (reverse("account:product_delete", args=[product.pk]), {}),
        (reverse("account:product_move", args=[product.pk]), {"direction": "down"}),
        (
            reverse("booths:account_booths"),
            {"action": "fascia", "booth": b["booth"].pk, "fascia_name": "A CHIẾM"},
        ),
        (reverse("booths:account_booths"), {"action": "remove_staff", "staff": b["staff"].pk}),
        (reverse("booths:staff_remove", args=[b["staff"].pk]), {}),
        (
            reverse("events:account_meetings"),
            {
                "meeting": b["meeting"].pk,
                "action": "decline",
                "note": "A từ chối",
                "confirm": "yes",
            },
        ),
        (
            reverse("events:account_meetings"),
            {"meeting": b["meeting"].pk, "action": "accept", "slot": "2024-09-20T09:00"},
        ),
        (reverse("account:remove_representative", args=[b["rep"].pk]), {}),
    ]
    statuses = [client.post(url, data).status_code for url, data in attempts]
    assert statuses == [404] * len(attempts)
    assert snapshot(b) == before


def test_company_a_does_not_see_company_b_meetings_or_representatives(client, two_companies):
    b = two_companies
    meetings = client.get(reverse("events:account_meetings")).content.decode()
    assert b["meeting"].requester_email not in meetings
    representatives = client.get(reverse("account:invite")).content.decode()
    assert b["rep"].email not in representatives
    booths = client.get(reverse("booths:account_booths")).content.decode()
    assert "Lê B" not in booths
    assert "CÔNG TY B" not in booths


def test_company_a_cannot_tell_which_numbers_exist_at_other_companies(client, two_companies):
    # B's rows that exist, B's rows B removed, and numbers that never existed: A's
    # removal forms answer each with the same 404, as if none had ever been there.
    b = two_companies
    removed_product = make_product(b["company"], name_vi="Máy B đã xoá")
    removed_product_pk = removed_product.pk
    exhibitor_services.delete_product(product=removed_product, actor=b["rep"])
    removed_staff = ExhibitorStaff.objects.create(
        fair=b["staff"].fair, exhibitor=b["company"], full_name="Trần B"
    )
    removed_staff_pk = removed_staff.pk
    booth_services.remove_staff(staff=removed_staff, actor=b["rep"])
    nobodys = make_user(username="khong-dai-dien")
    unused = 10**6
    asked = {
        "account:product_delete": [b["product"].pk, removed_product_pk, unused],
        "booths:staff_remove": [b["staff"].pk, removed_staff_pk, unused],
        "account:remove_representative": [b["rep"].pk, nobodys.pk, unused],
    }

    answers = {
        (name, pk): client.post(reverse(name, args=[pk]), {"confirm": "yes"}).status_code
        for name, numbers in asked.items()
        for pk in numbers
    }

    assert answers == dict.fromkeys(answers, 404)
