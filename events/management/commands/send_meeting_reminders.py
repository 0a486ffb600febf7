"""Cron (daily): remind both sides of tomorrow's accepted meetings, once each."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events import services
from fairportal.management.base import FairCommand


class Command(FairCommand):
    help = (
        "Gửi e-mail nhắc lịch tới cả hai bên của các cuộc gặp đã chốt vào ngày mai, mỗi "
        "cuộc gặp một lần (chạy định kỳ bằng cron)."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        count = services.send_meeting_reminders(now=now)
        tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
        day = f"{tomorrow:%d/%m/%Y}"
        if not count:
            self.stdout.write(
                _("Không có cuộc gặp đã chốt nào ngày mai (%(day)s) còn chờ nhắc lịch.")
                % {"day": day}
            )
            return
        self.stdout.write(
            ngettext(
                "Đã gửi e-mail nhắc lịch cho %(count)s cuộc gặp ngày mai (%(day)s), tới cả "
                "doanh nghiệp và khách.",
                "Đã gửi e-mail nhắc lịch cho %(count)s cuộc gặp ngày mai (%(day)s), tới cả "
                "doanh nghiệp và khách.",
                count,
            )
            % {"count": count, "day": day}
        )
