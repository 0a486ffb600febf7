import datetime
import tarfile
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from fairportal.backups import BackupError, restore
from fairportal.management.base import FairCommand, file_problem


class Command(FairCommand):
    # Vietnamese as the other commands' help (argparse takes no lazy text).
    help = "Khôi phục một thư mục sao lưu do backup_portal ghi (cơ sở dữ liệu và media)."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Thư mục sao lưu, ví dụ var/backups/20270919-2300.")
        parser.add_argument(
            "--database-url",
            default="",
            help="Khôi phục vào cơ sở dữ liệu này (mặc định: cơ sở dữ liệu của cổng).",
        )
        parser.add_argument(
            "--media-root",
            default=None,
            help="Khôi phục media vào thư mục này (mặc định: MEDIA_ROOT).",
        )

    def handle(self, *args, folder, database_url, media_root, **options):
        source = Path(folder)
        if not (source / "manifest.json").exists():
            raise CommandError(
                _("%(folder)s không phải thư mục sao lưu (không có manifest.json).")
                % {"folder": source}
            )
        try:
            manifest = restore(
                source,
                database_url=database_url,
                media_root=Path(media_root) if media_root else None,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        except (OSError, tarfile.TarError) as error:
            # Checked before the database was touched (see `restore`): what is left is a
            # media file that could not be written, which names itself.
            raise CommandError(
                _("Khôi phục không thành công: %(file)s: %(error)s")
                % {"file": getattr(error, "filename", None) or source, "error": file_problem(error)}
            ) from error
        self.stdout.write(
            _("Đã khôi phục bản sao lưu %(vendor)s tạo lúc %(created)s.")
            % {"vendor": manifest["vendor"], "created": _made_at(manifest["created_at"])}
        )


def _made_at(created_at: str) -> str:
    """The backup's time as the board reads times (Hanoi, 19/09/2027 23:00)."""
    try:
        moment = datetime.datetime.fromisoformat(created_at)
    except ValueError:
        return created_at
    if timezone.is_naive(moment):
        return created_at
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")
