"""Cron: expire meeting requests still unanswered when their session starts."""

from django.core.management.base import BaseCommand

from events import services


class Command(BaseCommand):
    help = "Hết hạn các yêu cầu gặp gỡ chưa được trả lời khi phiên kết nối đã bắt đầu."

    def handle(self, *args, **options):
        count = services.expire_pending()
        self.stdout.write(f"expired: {count}")
