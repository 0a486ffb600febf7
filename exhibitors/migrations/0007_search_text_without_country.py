"""Exhibitors' search texts no longer end with their country of origin (0006): its
folded words are everyday trade words ("duc" is "đúc", casting; "hoa ky" holds the
"hoa" of "hóa chất"; "y" is "y tế"; "ban" is "bán lẻ"), so "đúc" found every German
firm and "hóa chất" every American one with a word starting "chat". The search now
reads a country's whole name in the query (`exhibitors.selectors.search_exhibitors`).

The texts are rebuilt as 0006 rebuilds them (a migration sees no model methods):
forwards with 0006's backwards step, 0004's texts; backwards with its forwards step,
the country again.
"""

import importlib

from django.db import migrations

country = importlib.import_module("exhibitors.migrations.0006_search_text_country")


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0006_search_text_country"),
    ]

    operations = [migrations.RunPython(country.without_country, country.rebuild)]
