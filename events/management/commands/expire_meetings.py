"""Cron: expire meeting requests still unanswered once their session has begun and
none of their proposed times is still to come."""

from django.core.management.base import BaseCommand

from events import services


class Command(BaseCommand):
    help = "Hết hạn các yêu cầu gặp gỡ chưa được trả lời khi mọi giờ đề xuất đã bắt đầu."

    def handle(self, *args, **options):
        count = services.expire_pending()
        self.stdout.write(f"expired: {count}")
