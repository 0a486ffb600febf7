import tarfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fairportal.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup folder made by backup_portal (database and media)."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--database-url", default="", help="restore into this database instead")
        parser.add_argument("--media-root", default=None, help="restore media here instead")

    def handle(self, *args, folder, database_url, media_root, **options):
        source = Path(folder)
        if not (source / "manifest.json").exists():
            raise CommandError(f"{source} is not a backup folder (no manifest.json).")
        try:
            manifest = restore(
                source,
                database_url=database_url,
                media_root=Path(media_root) if media_root else None,
            )
        except (BackupError, OSError, tarfile.TarError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the {manifest['vendor']} backup of {manifest['created_at']}.")
