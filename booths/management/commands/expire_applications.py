"""For cron: unconfirmed booth applications expire 48 hours after they were sent."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from booths.services import expire_applications
from fairportal.management.base import FairCommand


class Command(FairCommand):
    # Vietnamese as the other commands' help (argparse takes no lazy text).
    help = (
        "Chuyển sang “hết hạn” các hồ sơ đăng ký gian hàng có e-mail không được xác nhận "
        "trong 48 giờ sau khi gửi (chạy định kỳ bằng cron)."
    )

    def handle(self, *args, **options):
        count = expire_applications()
        if not count:
            self.stdout.write(
                _("Không có hồ sơ đăng ký gian hàng nào quá 48 giờ chưa xác nhận e-mail.")
            )
            return
        self.stdout.write(
            ngettext(
                "%(count)s hồ sơ đăng ký gian hàng đã hết hạn: e-mail không được xác nhận "
                "trong 48 giờ.",
                "%(count)s hồ sơ đăng ký gian hàng đã hết hạn: e-mail không được xác nhận "
                "trong 48 giờ.",
                count,
            )
            % {"count": count}
        )
