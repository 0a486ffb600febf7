"""For `make run` only: a local superuser with a random password, printed once."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the local development superuser 'admin' with a random password (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@localhost.localdomain")

    def handle(self, *args, username, email, **options):
        if not settings.DEBUG:
            raise CommandError("create_local_superuser is for development (DJANGO_DEBUG=1) only.")
        username = username.strip()
        if not username:
            raise CommandError("--username must not be empty.")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Superuser '{username}' already exists; its password was printed when it was "
                f"created. Set a new one with: .venv/bin/python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Local superuser created: {username} / {password}  (shown once; "
                f"admin at {settings.PORTAL_BASE_URL}/admin/)"
            )
        )
