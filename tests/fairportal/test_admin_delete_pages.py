"""The admin's delete confirmation pages name the rows of the many-to-many tables
("Ngành của doanh nghiệp: Canon Việt Nam — Điện tử") in the admin's language, not
"Exhibitor_sectors object (3)", at a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_event, make_exhibitor, make_fair, make_product, make_sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def canon():
    fair = make_fair()
    exhibitor = make_exhibitor(
        name_vi="Canon Việt Nam",
        name_en="Canon Vietnam",
        sectors=[
            make_sector(name_vi="Điện tử", name_en="Electronics"),
            make_sector(name_vi="Cơ khí", name_en="Mechanical engineering"),
        ],
    )
    make_event(
        fair, title_vi="Hội thảo công nghiệp hỗ trợ", title_en="Supporting industry seminar"
    ).hosts.add(exhibitor)
    make_product(exhibitor=exhibitor, name_vi="Máy in laser", name_en="Laser printer")
    return exhibitor


def test_exhibitor_delete_page_names_its_sectors_and_hosted_events(admin_client, canon):
    response = admin_client.get(reverse("admin:exhibitors_exhibitor_delete", args=[canon.pk]))

    product = canon.products.get()
    exhibitor, linked = response.context["deleted_objects"]
    assert exhibitor == (
        f'Doanh nghiệp trưng bày: <a href="/admin/exhibitors/exhibitor/{canon.pk}/change/">'
        "Canon Việt Nam</a>"
    )
    # The linked rows come in the order the database gives (the two sector rows' order
    # follows their insertion, which Django's add() makes from a set): sorted here.
    assert sorted(linked) == [
        "Doanh nghiệp đồng tổ chức sự kiện: Hội thảo công nghiệp hỗ trợ — Canon Việt Nam",
        "Ngành của doanh nghiệp: Canon Việt Nam — Cơ khí",
        "Ngành của doanh nghiệp: Canon Việt Nam — Điện tử",
        f'Sản phẩm: <a href="/admin/exhibitors/product/{product.pk}/change/">Máy in laser</a>',
    ]
    assert "object (" not in response.text


def test_exhibitor_delete_page_in_english_names_them_in_english(admin_client, canon):
    response = admin_client.get(
        "/en" + reverse("admin:exhibitors_exhibitor_delete", args=[canon.pk])
    )

    assert sorted(response.context["deleted_objects"][1]) == [
        "Exhibitor sector: Canon Vietnam — Electronics",
        "Exhibitor sector: Canon Vietnam — Mechanical engineering",
        f'Product: <a href="/en/admin/exhibitors/product/{canon.products.get().pk}/change/">'
        "Laser printer</a>",
        "Side event co-host: Supporting industry seminar — Canon Vietnam",
    ]
    assert "object (" not in response.text


def test_bulk_delete_page_names_the_links_of_each_exhibitor(admin_client, canon):
    other = make_exhibitor(name_vi="TOTO Việt Nam", sectors=[make_sector(name_vi="Vật liệu")])

    response = admin_client.post(
        reverse("admin:exhibitors_exhibitor_changelist"),
        {"action": "delete_selected", "_selected_action": [canon.pk, other.pk]},
    )

    assert response.status_code == 200
    links = [
        line
        for rows in response.context["deletable_objects"]
        for children in rows[1::2]
        for line in children
        if "—" in line
    ]
    assert sorted(links) == [
        "Doanh nghiệp đồng tổ chức sự kiện: Hội thảo công nghiệp hỗ trợ — Canon Việt Nam",
        "Ngành của doanh nghiệp: Canon Việt Nam — Cơ khí",
        "Ngành của doanh nghiệp: Canon Việt Nam — Điện tử",
        "Ngành của doanh nghiệp: TOTO Việt Nam — Vật liệu",
    ]
    assert "object (" not in response.text


def test_sector_delete_page_names_the_exhibitors_it_leaves(admin_client, canon):
    electronics = canon.sectors.get(name_vi="Điện tử")

    response = admin_client.get(reverse("admin:exhibitors_sector_delete", args=[electronics.pk]))

    assert response.context["deleted_objects"][1] == [
        "Ngành của doanh nghiệp: Canon Việt Nam — Điện tử"
    ]


def _delete_page_queries(client, exhibitor) -> int:
    url = reverse("admin:exhibitors_exhibitor_delete", args=[exhibitor.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert "object (" not in response.text
    return len(queries)


def test_exhibitor_delete_page_costs_no_query_per_linked_row(admin_client):
    fair = make_fair()

    def exhibitor_with(sectors, events):
        exhibitor = make_exhibitor(sectors=[make_sector() for _ in range(sectors)])
        for _ in range(events):
            make_event(fair).hosts.add(exhibitor)
        return exhibitor

    # The user; the exhibitor, with the sectors and booths its admin prefetches;
    # then one query per table the deletion reaches (sectors, members, old slugs,
    # products, hosted events, meeting requests, booths, staff); and its meetings still
    # to come, which refuse the deletion.
    assert _delete_page_queries(admin_client, exhibitor_with(3, 2)) == 13
    assert _delete_page_queries(admin_client, exhibitor_with(9, 6)) == 13
