"""Exhibitors' search texts end with their country of origin, in the text's language
("nhat ban" / "japan"): a visitor searching "Nhật Bản" found only the firms that wrote
it in their own texts. Rebuilt as `Exhibitor.build_search_texts()` does (a migration
sees no model methods): 0004's texts, then the country; backwards, 0004's texts."""

import importlib

from django.db import migrations

from fairportal.countries import country_words
from fairportal.text import search_text

per_language = importlib.import_module("exhibitors.migrations.0004_search_text_per_language")


def _rebuild(apps, *, with_country: bool) -> None:
    Exhibitor = apps.get_model("exhibitors", "Exhibitor")
    Booth = apps.get_model("booths", "Booth")
    booth_codes = per_language._booth_codes(Booth)
    exhibitors = per_language._exhibitors(Exhibitor)
    for exhibitor in exhibitors:
        vi, en = per_language._exhibitor_texts(exhibitor, booth_codes)
        if with_country:
            vi += search_text(country_words(exhibitor.origin_country, "vi"))
            en += search_text(country_words(exhibitor.origin_country, "en"))
        exhibitor.search_text, exhibitor.search_text_en = vi, en
    Exhibitor.objects.bulk_update(exhibitors, ["search_text", "search_text_en"], batch_size=500)


def rebuild(apps, schema_editor):
    _rebuild(apps, with_country=True)


def without_country(apps, schema_editor):
    _rebuild(apps, with_country=False)


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0005_tax_code_checked_and_constraint_messages"),
        ("booths", "0005_booth_code_letters_and_digits"),
    ]

    operations = [migrations.RunPython(rebuild, without_country)]
