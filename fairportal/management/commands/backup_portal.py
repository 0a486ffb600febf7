from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from fairportal.backups import BackupError, backup
from fairportal.management.base import FairCommand


class Command(FairCommand):
    # Vietnamese as the other commands' help (argparse takes no lazy text).
    help = "Sao lưu cơ sở dữ liệu (pg_dump, hoặc sao lưu trực tuyến của SQLite) và các tệp media."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Thư mục để ghi (mặc định: var/backups/<thời điểm>).")

    def handle(self, *args, output=None, **options):
        from django.conf import settings

        folder = Path(
            output or settings.VAR_DIR / "backups" / timezone.now().strftime("%Y%m%d-%H%M%S")
        )
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Đã sao lưu cơ sở dữ liệu %(vendor)s và các tệp media vào %(folder)s")
            % {"vendor": manifest["vendor"], "folder": folder}
        )
