"""Read an edition written by export_fair (see fairportal/editions.py).

Bad input ends with a CommandError whose message says what is wrong, never with a
traceback, and nothing is written: the import is one transaction."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from events.models import Fair
from fairportal.editions import EditionError, describe_rows, import_edition
from fairportal.management.base import FairCommand, file_problem


class Command(FairCommand):
    help = (
        "Nhập một kỳ hội chợ do export_fair xuất ra; từ chối nếu đã có kỳ cùng đường dẫn, "
        "hoặc nếu tệp sẽ ghi đè doanh nghiệp, khu công nghiệp, ngành đã có mà không có "
        "--update-existing; kiểm tra từng mục như trang quản trị trước khi ghi."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON do export_fair ghi.")
        parser.add_argument(
            "--slug",
            help=(
                "Nhập thành kỳ hội chợ có đường dẫn này thay cho đường dẫn trong tệp (khi cơ "
                "sở dữ liệu đã có kỳ đó); sự kiện bên lề trùng đường dẫn được thêm -2, -3…; "
                "doanh nghiệp, khu công nghiệp và ngành đã có được giữ nguyên, không lấy theo tệp."
            ),
        )
        parser.add_argument(
            "--update-existing",
            action="store_true",
            help=(
                "Cập nhật theo tệp doanh nghiệp (cùng sản phẩm và ngành của họ), khu công "
                "nghiệp và ngành đã có cùng đường dẫn; không có nó, lệnh từ chối và kể tên "
                "những mục sẽ bị ghi đè."
            ),
        )

    def handle(self, *args, file, slug=None, update_existing=False, **options):
        if slug is not None and update_existing:
            raise CommandError(
                self._nothing_imported(
                    _(
                        "--slug giữ nguyên doanh nghiệp, khu công nghiệp và ngành đã có, còn "
                        "--update-existing cập nhật chúng theo tệp: hãy chọn một trong hai."
                    )
                )
            )
        try:
            # "utf-8-sig": a file opened and saved again in Notepad starts with a BOM.
            with open(file, encoding="utf-8-sig") as handle:
                data = json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(
                _("Không đọc được %(file)s: %(error)s")
                % {"file": file, "error": file_problem(error)}
            ) from error
        if slug is not None:
            try:
                Fair._meta.get_field("slug").clean(slug, None)
            except ValidationError as error:
                raise CommandError(
                    self._nothing_imported(f"--slug “{slug}”: {' '.join(error.messages)}")
                ) from error
        try:
            imported = import_edition(data, slug=slug, update_existing=update_existing)
        except EditionError as error:
            raise CommandError(self._nothing_imported(error)) from error
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            # What the checks did not foresee in a damaged file: still a message.
            raise CommandError(
                self._nothing_imported(
                    _("tệp không đúng cấu trúc export_fair ghi (%(error)s).")
                    % {"error": f"{type(error).__name__}: {error}"}
                )
            ) from error
        except DatabaseError as error:  # a constraint or a column the row does not fit
            reason = str(error).strip().splitlines()[0]
            raise CommandError(
                self._nothing_imported(_("cơ sở dữ liệu từ chối: %(reason)s") % {"reason": reason})
            ) from error
        fair = imported.fair
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Đã nhập %(slug)s: %(booths)s gian hàng, %(exhibitors)s doanh nghiệp, "
                    "%(events)s sự kiện bên lề."
                )
                % {
                    "slug": fair.slug,
                    "booths": fair.booths.count(),
                    "exhibitors": len(data.get("exhibitors") or []),
                    "events": fair.side_events.count(),
                }
            )
        )
        if imported.updated and any(imported.updated.values()):
            self.stdout.write(
                _("Đã cập nhật theo tệp những mục đã có: %(rows)s.")
                % {"rows": describe_rows(imported.updated)}
            )
        if imported.kept and any(imported.kept.values()):
            self.stdout.write(
                _(
                    "Giữ nguyên như trong cơ sở dữ liệu, không lấy theo tệp: %(exhibitors)s "
                    "doanh nghiệp (cùng sản phẩm và ngành của họ), %(zones)s khu công nghiệp, "
                    "%(sectors)s ngành."
                )
                % imported.kept
            )
        twin = (
            Fair.objects.filter(name_vi=fair.name_vi).exclude(pk=fair.pk).first()
            if slug is not None
            else None
        )
        if twin is not None:
            self.stdout.write(
                _(
                    "Kỳ này trùng tên với kỳ “%(slug)s”: đổi tên một trong hai trong trang "
                    "quản trị (Kỳ hội chợ) để phân biệt."
                )
                % {"slug": twin.slug}
            )
        if imported.renamed_events:
            self.stdout.write(
                _("Sự kiện bên lề mang đường dẫn mới vì đường dẫn trong tệp đã có: %(events)s.")
                % {"events": ", ".join(f"{old} → {new}" for old, new in imported.renamed_events)}
            )

    @staticmethod
    def _nothing_imported(reason) -> str:
        return _("Không nhập gì cả: %(reason)s") % {"reason": reason}
