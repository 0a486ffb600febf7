import unicodedata

import django.core.validators
from django.db import migrations

import booths.models


def normalize_stored_codes(apps, schema_editor):
    """Codes typed before this migration, written as the plan prints them ("a 20" is
    A20). A code whose written form another booth of the fair already holds, or that
    would no longer fit the column, is left as it is, for the board to rename: two
    booths must not merge."""
    Booth = apps.get_model("booths", "Booth")
    taken = set(Booth.objects.values_list("fair_id", "code"))
    for booth in Booth.objects.order_by("pk"):
        # This migration's own copy of the rule, so that it keeps meaning what it means.
        code = "".join(unicodedata.normalize("NFKC", booth.code or "").split()).upper()
        if code == booth.code or (booth.fair_id, code) in taken or len(code) > 10:
            continue  # unchanged, taken, or longer than the column once written out
        taken.discard((booth.fair_id, booth.code))
        taken.add((booth.fair_id, code))
        Booth.objects.filter(pk=booth.pk).update(code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("booths", "0004_tax_code_checked_and_constraint_messages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="booth",
            name="code",
            field=booths.models.BoothCodeField(
                max_length=10,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z0-9][A-Z0-9.-]*\\Z",
                        message=(
                            "Mã gian gồm chữ cái không dấu, chữ số, dấu chấm và dấu gạch nối, "
                            "ví dụ A01, B-12 hoặc H1.05."
                        ),
                    )
                ],
                verbose_name="mã gian",
            ),
        ),
        migrations.RunPython(normalize_stored_codes, migrations.RunPython.noop),
    ]
