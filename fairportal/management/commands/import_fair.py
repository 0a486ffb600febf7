"""Read an edition written by export_fair (see fairportal/editions.py)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

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
        except EditionError as error:
            raise CommandError(f"Nothing imported: {error}") from error
        except KeyError as error:
            raise CommandError(
                f"Nothing imported: the file names {error.args[0]!r} without holding it "
                "(or lacks that field)."
            ) from error
        except (TypeError, AttributeError, ValueError) as error:
            raise CommandError(
                f"Nothing imported: the file is not an edition written by export_fair ({error})."
            ) from error
        except DatabaseError as error:  # a constraint or a column the row does not fit
            reason = str(error).strip().splitlines()[0]
            raise CommandError(f"Nothing imported: {reason}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {fair.slug}: {len(data['booths'])} booths, "
                f"{len(data['exhibitors'])} exhibitors, {len(data['side_events'])} side events."
            )
        )
