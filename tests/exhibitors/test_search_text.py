import pytest
from django.core.management import call_command
from django.db import connection

from exhibitors.models import Exhibitor
from fairportal.text import filter_by_words
from tests.factories import make_booth, make_exhibitor, make_product, make_sector

pytestmark = pytest.mark.django_db


def test_search_text_holds_both_languages_products_sectors_and_booths():
    sector = make_sector(name_vi="Điện tử", name_en="Electronics", slug="dien-tu")
    canon = make_exhibitor(
        name_vi="Canon Việt Nam",
        name_en="Canon Vietnam",
        legal_name="Công ty TNHH Canon Việt Nam",
        sectors=[sector],
    )
    make_product(exhibitor=canon, name_vi="Máy in laser", name_en="Laser printer")
    make_booth(exhibitor=canon, code="A07")

    canon.refresh_from_db()

    for query in ["may in canon", "DIEN TU", "electronics", "a07", "cong ty tnhh canon", "Việt"]:
        assert list(filter_by_words(Exhibitor.objects.all(), query)) == [canon], query


def test_search_text_follows_renamed_product_and_moved_booth():
    exhibitor = make_exhibitor()
    product = make_product(exhibitor=exhibitor, name_vi="Bồn cầu")
    booth = make_booth(exhibitor=exhibitor, code="B12")

    product.name_vi = "Sen tắm"
    product.save()
    booth.exhibitor = None
    booth.save()
    exhibitor.refresh_from_db()

    assert "sen tam" in exhibitor.search_text
    assert "bon cau" not in exhibitor.search_text
    assert "b12" not in exhibitor.search_text


def test_rebuild_search_restores_text_after_bulk_write():
    exhibitor = make_exhibitor(name_vi="Đông Á")
    Exhibitor.objects.filter(pk=exhibitor.pk).update(search_text="", name_sort=b"")

    call_command("rebuild_search", stdout=open("/dev/null", "w"))
    exhibitor.refresh_from_db()

    assert "dong a" in exhibitor.search_text
    assert bytes(exhibitor.name_sort) != b""


def test_exhibitors_ordered_in_vietnamese_order_by_database():
    for name in ["Zeta", "Đức Thành", "Ê-kíp", "Bình Minh", "Dương Quang", "Ánh Dương"]:
        make_exhibitor(name_vi=name)

    names = list(Exhibitor.objects.order_by("name_sort").values_list("name_vi", flat=True))

    assert names == ["Ánh Dương", "Bình Minh", "Dương Quang", "Đức Thành", "Ê-kíp", "Zeta"]


@pytest.mark.postgres
def test_trigram_index_used_for_search_on_postgres():
    make_exhibitor(name_vi="Điện tử Hà Nội")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    try:
        plan = filter_by_words(Exhibitor.objects.all(), "dien").explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")

    assert "exhibitor_search_trgm" in plan
