"""Search texts per language, as word starts.

`search_text` held the folded text of both languages ("c.p. (viet nam) ... in an
industrial zone"), matched anywhere: "máy in" found every firm with "máy" and an
"in" inside any word or in its English description. Now `search_text` holds the
Vietnamese side and `search_text_en` the English side, each as folded words after
one space (" cp viet nam ..."), and a query's words must start words of one side.

Both columns are rebuilt here from the rows, as `Exhibitor.build_search_texts()`
and `Product.build_search_texts()` do (a migration sees no model methods), and on
PostgreSQL the new column gets its trigram index, as `search_text` has (0003).
"""

from django.db import migrations, models

from fairportal.text import fold, search_text

INDEXES = [
    ("exhibitors_exhibitor", "exhibitor_search_en_trgm"),
    ("exhibitors_product", "product_search_en_trgm"),
]
LANGUAGES = ("vi", "en")


def _product_texts(product):
    common = [product.exhibitor.name_vi, product.exhibitor.name_en]
    texts = []
    for language in LANGUAGES:
        parts = [getattr(product, f"name_{language}"), getattr(product, f"description_{language}")]
        if product.sector_id:
            parts.append(getattr(product.sector, f"name_{language}"))
        texts.append(search_text(*parts, *common))
    return texts


def _exhibitor_texts(exhibitor, booth_codes):
    common = [exhibitor.name_vi, exhibitor.name_en, exhibitor.legal_name, exhibitor.tax_code]
    common += booth_codes.get(exhibitor.pk, [])
    related = [
        *(p for p in exhibitor.products.all() if p.is_published),
        *exhibitor.sectors.all(),
        *([exhibitor.zone] if exhibitor.zone_id else []),
    ]
    texts = []
    for language in LANGUAGES:
        parts = [
            getattr(exhibitor, f"description_{language}"),
            getattr(exhibitor, f"address_{language}"),
        ]
        parts += [getattr(item, f"name_{language}") for item in related]
        texts.append(search_text(*common, *parts))
    return texts


def _booth_codes(Booth) -> dict[int, list[str]]:
    codes = {}
    for exhibitor_id, code in Booth.objects.filter(exhibitor__isnull=False).values_list(
        "exhibitor_id", "code"
    ):
        codes.setdefault(exhibitor_id, []).append(code)
    return codes


def _exhibitors(Exhibitor) -> list:
    return list(Exhibitor.objects.select_related("zone").prefetch_related("products", "sectors"))


def rebuild(apps, schema_editor):
    Exhibitor = apps.get_model("exhibitors", "Exhibitor")
    Product = apps.get_model("exhibitors", "Product")
    Booth = apps.get_model("booths", "Booth")

    products = list(Product.objects.select_related("exhibitor", "sector"))
    for product in products:
        product.search_text, product.search_text_en = _product_texts(product)
    Product.objects.bulk_update(products, ["search_text", "search_text_en"], batch_size=500)

    booth_codes = _booth_codes(Booth)
    exhibitors = _exhibitors(Exhibitor)
    for exhibitor in exhibitors:
        exhibitor.search_text, exhibitor.search_text_en = _exhibitor_texts(exhibitor, booth_codes)
    Exhibitor.objects.bulk_update(exhibitors, ["search_text", "search_text_en"], batch_size=500)


def restore_single_text(apps, schema_editor):
    """Backwards: `search_text` as 0003's code builds it, both languages folded into
    one text, so that the code of 0003 finds English words again after a rollback."""
    Exhibitor = apps.get_model("exhibitors", "Exhibitor")
    Product = apps.get_model("exhibitors", "Product")
    Booth = apps.get_model("booths", "Booth")

    def folded(*parts):
        return fold(" ".join(part for part in parts if part))

    products = list(Product.objects.select_related("exhibitor", "sector"))
    for p in products:
        sector = [p.sector.name_vi, p.sector.name_en] if p.sector_id else []
        p.search_text = folded(
            p.name_vi, p.name_en, p.description_vi, p.description_en,
            p.exhibitor.name_vi, p.exhibitor.name_en, *sector,
        )  # fmt: skip
    Product.objects.bulk_update(products, ["search_text"], batch_size=500)

    codes = _booth_codes(Booth)
    exhibitors = _exhibitors(Exhibitor)
    for e in exhibitors:
        parts = [
            e.name_vi, e.name_en, e.legal_name, e.description_vi, e.description_en,
            e.address_vi, e.address_en, e.tax_code, *codes.get(e.pk, []),
        ]  # fmt: skip
        for item in [*(p for p in e.products.all() if p.is_published), *e.sectors.all()]:
            parts += [item.name_vi, item.name_en]
        if e.zone_id:
            parts += [e.zone.name_vi, e.zone.name_en]
        e.search_text = folded(*parts)
    Exhibitor.objects.bulk_update(exhibitors, ["search_text"], batch_size=500)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text_en gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0003_trigram_search_indexes"),
        ("booths", "0003_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="exhibitor",
            name="search_text_en",
            field=models.TextField(
                blank=True, editable=False, verbose_name="văn bản tìm kiếm (tiếng Anh)"
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="search_text_en",
            field=models.TextField(
                blank=True, editable=False, verbose_name="văn bản tìm kiếm (tiếng Anh)"
            ),
        ),
        migrations.RunPython(rebuild, restore_single_text, elidable=True),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
