"""The groups "Board editors" and "Board viewers" with their permissions."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from fairportal.roles import apply_roles, create_all_permissions

    alias = schema_editor.connection.alias
    create_all_permissions(apps=apps, using=alias)
    apply_roles(apps=apps, using=alias)


def remove_roles(apps, schema_editor):
    from fairportal.roles import FORMER_NAMES

    # Under either name: 0004 names them anew, and renames them back when reversed.
    names = [*FORMER_NAMES, *FORMER_NAMES.values()]
    apps.get_model("auth", "Group").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("fairportal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("exhibitors", "0003_trigram_search_indexes"),
        ("events", "0002_initial"),
        ("booths", "0003_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
