"""Write a whole edition of the fair as JSON (see fairportal/editions.py)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from fairportal.editions import EditionError, dumps, export_edition
from fairportal.management.base import FairCommand, file_problem


class Command(FairCommand):
    # Vietnamese as the other commands' help (argparse takes no lazy text).
    help = (
        "Xuất một kỳ hội chợ (kỳ hội chợ, số liệu, gian hàng, sự kiện bên lề và các doanh "
        "nghiệp của chúng) thành JSON, để import_fair nhập lại."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Đường dẫn (slug) của kỳ hội chợ, ví dụ hoi-cho-2024.")
        parser.add_argument("-o", "--output", help="Tệp để ghi (mặc định: đầu ra chuẩn).")

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
                raise CommandError(
                    _("Không ghi được %(file)s: %(error)s")
                    % {"file": output, "error": file_problem(error)}
                ) from error
        else:
            self.stdout.write(text, ending="")
