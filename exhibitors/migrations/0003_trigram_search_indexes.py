"""On PostgreSQL: pg_trgm and a GIN trigram index on each search_text column.

Done in Python so SQLite, which has neither, skips it (a GinIndex in Meta would
emit PostgreSQL-only SQL on every database).
"""

from django.db import migrations

INDEXES = [
    ("exhibitors_exhibitor", "exhibitor_search_trgm"),
    ("exhibitors_product", "product_search_trgm"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, name in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("exhibitors", "0002_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
