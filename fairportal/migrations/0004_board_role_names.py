"""The board's groups named in Vietnamese first, their English name in brackets
("Board editors" → "Ban tổ chức – biên tập (Board editors)"): the Vietnamese admin
showed them in English only."""

from django.db import migrations


def rename(apps, schema_editor):
    from fairportal.roles import rename_former_groups

    rename_former_groups(apps=apps, using=schema_editor.connection.alias)


def rename_back(apps, schema_editor):
    from fairportal.roles import rename_former_groups

    rename_former_groups(apps=apps, using=schema_editor.connection.alias, back=True)


class Migration(migrations.Migration):
    dependencies = [("fairportal", "0003_constraint_messages")]

    operations = [migrations.RunPython(rename, rename_back)]
