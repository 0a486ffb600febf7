"""For cron: unconfirmed booth applications expire 48 hours after they were sent."""

from django.core.management.base import BaseCommand

from booths.services import expire_applications


class Command(BaseCommand):
    help = "Mark booth applications whose e-mail was not confirmed within 48 hours as expired."

    def handle(self, *args, **options):
        count = expire_applications()
        self.stdout.write(f"Expired {count} unconfirmed application(s).")
