"""A profile's rows (the firm, its sectors and booths, a page of its products) are kept
by the fair's index until the catalogue moves (exhibitors.facet_index.FacetIndex.rows):
with the page cache off, every kind of change shows on the next page, and what is kept
is bounded."""

import pytest

from booths.services import assign_booth, release_booth
from exhibitors import facet_index as fi
from exhibitors.models import Exhibitor, Product
from fairportal.cache import public_data_changed
from tests.factories import (
    make_booth,
    make_exhibitor,
    make_product,
    make_sector,
    make_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

PROFILE = "/exhibitors/cong-ty-a/"


@pytest.fixture
def firm(fair):
    firm = make_exhibitor(slug="cong-ty-a", name_vi="Công ty A")
    make_booth(fair=fair, exhibitor=firm, code="A01")
    make_product(exhibitor=firm, name_vi="Máy cũ")
    return firm


def test_the_second_visit_reads_nothing_and_shows_the_same_page(
    client, firm, django_assert_num_queries
):
    first = client.get(PROFILE)

    with django_assert_num_queries(0):
        again = client.get(PROFILE)

    assert again.content == first.content
    assert "Máy cũ" in again.text


def test_a_product_added_edited_or_hidden_shows_at_once(client, firm):
    assert "Máy cũ" in client.get(PROFILE).text

    product = Product.objects.get(name_vi="Máy cũ")
    product.name_vi = "Máy mới"
    product.save()
    assert "Máy mới" in client.get(PROFILE).text

    make_product(exhibitor=firm, name_vi="Máy thứ hai")
    assert "Máy thứ hai" in client.get(PROFILE).text

    product.is_published = False
    product.save()
    assert "Máy mới" not in client.get(PROFILE).text


def test_the_firms_own_edits_show_at_once(client, firm):
    client.get(PROFILE)

    firm.name_vi = "Công ty A mới"
    firm.sectors.add(make_sector(slug="dien-tu", name_vi="Điện tử"))
    firm.save()
    page = client.get(PROFILE).text

    assert "Công ty A mới" in page and "Điện tử" in page


def test_a_firm_unpublished_with_update_is_gone_once_the_writer_says_so(client, firm):
    assert client.get(PROFILE).status_code == 200

    Exhibitor.objects.filter(pk=firm.pk).update(is_published=False)
    public_data_changed()  # as the services do after an update()

    assert client.get(PROFILE).status_code == 404


def test_booths_assigned_and_released_by_the_services_show_at_once(client, fair, firm):
    board = make_user(is_staff=True)
    booth = make_booth(fair=fair, code="B09")
    assert "B09" not in client.get(PROFILE).text

    assign_booth(booth=booth, exhibitor=firm, actor=board)
    assert "B09" in client.get(PROFILE).text

    release_booth(booth=booth, actor=board)
    assert "B09" not in client.get(PROFILE).text


def test_the_rows_kept_are_bounded_and_the_pages_stay_right(client, fair, monkeypatch):
    monkeypatch.setattr(fi, "ROWS_BYTES", 1)  # room for one entry at a time
    for n in range(3):
        firm = make_exhibitor(slug=f"f{n}", name_vi=f"Hãng số {n}")
        make_product(exhibitor=firm, name_vi=f"Sản phẩm của hãng {n}")

    for _round in range(2):
        for n in range(3):
            page = client.get(f"/exhibitors/f{n}/").text
            assert f"Hãng số {n}" in page and f"Sản phẩm của hãng {n}" in page

    assert len(fi.facet_index(fair).kept_rows) == 1


def test_a_product_moved_by_the_company_shows_in_its_new_place_at_once(client, firm):
    """The company's "up"/"down" renumbers its products with update(), which sends no
    signal: the service says the catalogue changed, so the profile and a product's
    link follow at once."""
    from exhibitors.services import move_product

    second = make_product(exhibitor=firm, name_vi="Máy thứ hai")
    page = client.get(PROFILE).text
    assert page.index("Máy cũ") < page.index("Máy thứ hai")

    move_product(product=second, direction="up", actor=make_user())

    page = client.get(PROFILE).text
    assert page.index("Máy thứ hai") < page.index("Máy cũ")
