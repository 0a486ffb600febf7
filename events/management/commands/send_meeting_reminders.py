"""Cron (daily): remind both sides of tomorrow's accepted meetings, once each."""

from django.core.management.base import BaseCommand

from events import services


class Command(BaseCommand):
    help = "Gửi e-mail nhắc lịch cho các cuộc gặp đã chốt vào ngày mai."

    def handle(self, *args, **options):
        count = services.send_meeting_reminders()
        self.stdout.write(f"reminded: {count}")
