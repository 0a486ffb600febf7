"""Write a whole edition of the fair as JSON (see fairportal/editions.py)."""

from django.core.management.base import BaseCommand, CommandError

from fairportal.editions import EditionError, dumps, export_edition


class Command(BaseCommand):
    help = "Export an edition (fair, figures, booths, side events, their exhibitors) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The fair's slug, e.g. hoi-cho-2024.")
        parser.add_argument("-o", "--output", help="A file to write (default: standard output).")

    def handle(self, *args, slug, output=None, **options):
        try:
            text = dumps(export_edition(slug))
        except EditionError as error:
            raise CommandError(str(error)) from error
        if output:
            try:
                with open(output, "w", encoding="utf-8") as handle:
                    handle.write(text)
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error}") from error
        else:
            self.stdout.write(text, ending="")
