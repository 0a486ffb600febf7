from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fairportal.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump or SQLite online backup) and the media files."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="folder to write (default var/backups/<time>)")

    def handle(self, *args, output=None, **options):
        from django.conf import settings

        folder = Path(
            output or settings.VAR_DIR / "backups" / timezone.now().strftime("%Y%m%d-%H%M%S")
        )
        try:
            manifest = backup(folder)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the {manifest['vendor']} database and media into {folder}")
