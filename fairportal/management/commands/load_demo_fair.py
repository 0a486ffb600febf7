"""`manage.py load_demo_fair [--year 2027]`: the demo edition of the fair, idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fairportal.demo.builder import build_demo_fair
from fairportal.demo.fair import BASE_YEAR


class Command(BaseCommand):
    help = (
        "Build the 2024 edition of the fair with sample exhibitors, booths and programme; "
        "--year moves the same edition to another year and makes it the current fair. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            default=BASE_YEAR,
            help="The edition's year (default 2024); every date moves by the same days.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo with DJANGO_DEBUG off too (a demonstration server).",
        )

    def handle(self, *args, year, force=False, **options):
        if not 2000 <= year <= 2100:
            raise CommandError("--year must be between 2000 and 2100.")
        # On the real fair's database by mistake, the demo would take the home page.
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo_fair is for development and demonstrations (DJANGO_DEBUG=1): on "
                "this database it would add its sample companies to the directory and make "
                "the demo the current fair. Add --force to load it anyway."
            )
        counts = build_demo_fair(year=year)
        fair = counts.fair
        lines = [
            f"Fair: {fair.name_vi} ({fair.slug}), {fair.starts_on:%d/%m/%Y}–"
            f"{fair.ends_on:%d/%m/%Y}, current",
            f"Zones: {counts.zones}",
            f"Sectors: {counts.sectors}",
            f"Booths: {counts.booths} (assigned {counts.assigned}, free {counts.free}, "
            f"kept by the board {counts.kept})",
            f"Exhibitors: {counts.exhibitors} (sample; {counts.logos_drawn} logos drawn)",
            f"Products: {counts.products}",
            f"Side events: {counts.side_events}",
            f"Figures: {counts.figures}",
            "Activity written now: {applications} booth applications, {registrations} "
            "sign-ups, {meetings} meeting requests (none on a second run)".format(
                **counts.activity
            ),
        ]
        self.stdout.write("\n".join(lines))
