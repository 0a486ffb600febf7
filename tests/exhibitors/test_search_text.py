import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from exhibitors.models import Exhibitor, Product
from exhibitors.selectors import search_exhibitors
from fairportal.text import filter_by_words
from tests.factories import make_booth, make_exhibitor, make_product, make_sector, make_zone

per_language_migration = importlib.import_module(
    "exhibitors.migrations.0004_search_text_per_language"
)
country_migration = importlib.import_module("exhibitors.migrations.0006_search_text_country")
without_country_migration = importlib.import_module(
    "exhibitors.migrations.0007_search_text_without_country"
)

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


def test_each_language_has_its_text_and_a_query_must_match_within_one():
    sector = make_sector(name_vi="Điện tử", name_en="Electronics")
    canon = make_exhibitor(
        name_vi="Canon Việt Nam",
        name_en="Canon Vietnam",
        description_vi="Sản xuất máy in.",
        description_en="Printers made in an industrial zone.",
        sectors=[sector],
    )
    make_booth(exhibitor=canon, code="A07")
    cutter = make_exhibitor(
        name_vi="Cơ khí Minh Tín",
        description_vi="Máy cắt kim loại.",
        description_en="Metal cutters built in Hanoi.",
    )
    canon.refresh_from_db()

    assert canon.search_text.startswith(" canon viet nam canon vietnam")
    assert " dien tu" in canon.search_text and " electronics" not in canon.search_text
    assert " electronics" in canon.search_text_en and " a07" in canon.search_text_en
    # "máy" is in the cutter's Vietnamese text and "in" only in its English one.
    assert list(filter_by_words(Exhibitor.objects.all(), "may in")) == [canon]
    assert list(filter_by_words(Exhibitor.objects.all(), "metal cutters")) == [cutter]
    assert list(filter_by_words(Exhibitor.objects.all(), "canon printers")) == [canon]


def test_abbreviations_with_dots_are_found_whole_and_in_parts():
    # Vietnamese addresses abbreviate with dots and often no space: "Q.Tân Bình".
    office = make_exhibitor(address_vi="12 Lê Lợi, P.Bến Nghé, Q.Tân Bình, TP.HCM")
    make_exhibitor(address_vi="Đông Anh, Hà Nội")

    for query in ["Tân Bình", "ben nghe", "HCM", "TP.HCM", "tp hcm", "tphcm", "Q.Tân Bình"]:
        assert list(filter_by_words(Exhibitor.objects.all(), query)) == [office], query


def test_rolling_the_migration_back_restores_one_text_of_both_languages():
    canon = make_exhibitor(
        name_vi="Canon Việt Nam",
        description_vi="Sản xuất máy in.",
        description_en="Printers made in an industrial zone.",
        sectors=[make_sector(name_vi="Điện tử", name_en="Electronics")],
    )
    make_booth(exhibitor=canon, code="A07")

    per_language_migration.restore_single_text(apps, None)

    text = Exhibitor.objects.get(pk=canon.pk).search_text
    # What the code before the migration searched with `contains`, word by word.
    assert text.startswith("canon viet nam ")
    for word in ["printers made in an industrial zone.", "san xuat may in.", "electronics", "a07"]:
        assert word in text, word


def test_the_migration_builds_the_texts_the_models_build():
    sector = make_sector(name_vi="Dược phẩm", name_en="Pharmaceuticals")
    zone = make_zone(name_vi="KCN Thăng Long", name_en="Thang Long IZ")
    exhibitor = make_exhibitor(name_vi="C.P. Việt Nam", zone=zone, sectors=[sector])
    make_booth(exhibitor=exhibitor, code="B12")
    make_product(exhibitor=exhibitor, name_vi="Xúc xích", name_en="Sausage", sector=sector)
    make_product(exhibitor=exhibitor, name_vi="Chả giò", name_en="Spring rolls", is_published=False)
    expected = {
        model: {obj.pk: obj.build_search_texts() for obj in model.objects.all()}
        for model in (Exhibitor, Product)
    }
    Exhibitor.objects.update(search_text="", search_text_en="")
    Product.objects.update(search_text="", search_text_en="")

    per_language_migration.rebuild(apps, None)
    country_migration.rebuild(apps, None)
    forwards = without_country_migration.Migration.operations[0].code
    forwards(apps, None)  # the exhibitors' texts as they are now

    for model, texts in expected.items():
        stored = dict(
            (pk, (vi, en))
            for pk, vi, en in model.objects.values_list("pk", "search_text", "search_text_en")
        )
        assert stored == texts
    assert " cho gio" not in Exhibitor.objects.get().search_text  # unpublished product


def test_a_country_of_origin_is_found_in_each_language():
    japanese = make_exhibitor(name_vi="Canon Việt Nam", origin_country="JP")
    make_exhibitor(name_vi="Samsung Display", origin_country="KR")
    make_exhibitor(name_vi="Không Rõ", origin_country="XX")  # not listed: no name to find

    for query in ["nhat ban", "Nhật Bản", "japan", "canon japan", "canon nhật bản"]:
        assert list(search_exhibitors(Exhibitor.objects.all(), query)) == [japanese], query
    # One word of the name is a word, not the country.
    assert not search_exhibitors(Exhibitor.objects.all(), "Nhật").exists()
    assert not search_exhibitors(Exhibitor.objects.all(), "xx").exists()
    # The other words must match: "nhat" is not in Canon's texts.
    assert not search_exhibitors(Exhibitor.objects.all(), "nhat japan").exists()


def test_the_country_is_out_of_the_search_texts_and_back_after_a_rollback():
    exhibitor = make_exhibitor(name_vi="Canon Việt Nam", origin_country="JP")
    operation = without_country_migration.Migration.operations[0]
    assert "nhat ban" not in exhibitor.search_text and "japan" not in exhibitor.search_text_en

    operation.reverse_code(apps, None)
    exhibitor.refresh_from_db()
    assert exhibitor.search_text.endswith(" nhat ban")
    assert exhibitor.search_text_en.endswith(" japan")

    operation.code(apps, None)
    exhibitor.refresh_from_db()
    assert (exhibitor.search_text, exhibitor.search_text_en) == exhibitor.build_search_texts()
    assert "nhat ban" not in exhibitor.search_text and "japan" not in exhibitor.search_text_en


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

    assert "exhibitor_search_trgm" in plan and "exhibitor_search_en_trgm" in plan
