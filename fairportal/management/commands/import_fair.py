"""Read an edition written by export_fair (see fairportal/editions.py)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from fairportal.editions import EditionError, import_edition


class Command(BaseCommand):
    help = "Import an edition exported by export_fair; refuses a fair slug that exists."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file written by export_fair.")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            fair = import_edition(data)
        except (EditionError, IntegrityError, KeyError) as error:
            raise CommandError(f"Nothing imported: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {fair.slug}: {len(data['booths'])} booths, "
                f"{len(data['exhibitors'])} exhibitors, {len(data['side_events'])} side events."
            )
        )
