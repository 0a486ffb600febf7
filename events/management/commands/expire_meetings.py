"""Cron: expire meeting requests still unanswered once their session has begun and
none of their proposed times is still to come."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events import services
from fairportal import clock
from fairportal.management.base import FairCommand


class Command(FairCommand):
    help = (
        "Cho hết hạn các yêu cầu gặp gỡ chưa được trả lời khi mọi giờ đề xuất đã bắt đầu "
        "(chạy định kỳ bằng cron)."
    )

    def handle(self, *args, **options):
        now = clock.now()
        count = services.expire_pending(now=now)
        when = timezone.localtime(now).strftime("%d/%m/%Y %H:%M")
        if not count:
            self.stdout.write(
                _("Lúc %(when)s (giờ Hà Nội): không có yêu cầu gặp gỡ nào hết hạn.")
                % {"when": when}
            )
            return
        self.stdout.write(
            ngettext(
                "Lúc %(when)s (giờ Hà Nội): %(count)s yêu cầu gặp gỡ chưa được trả lời đã hết "
                "hạn, vì mọi giờ đề xuất đã bắt đầu.",
                "Lúc %(when)s (giờ Hà Nội): %(count)s yêu cầu gặp gỡ chưa được trả lời đã hết "
                "hạn, vì mọi giờ đề xuất đã bắt đầu.",
                count,
            )
            % {"when": when, "count": count}
        )
