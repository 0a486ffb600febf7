"""Re-apply the board's groups and permissions (after new models appear)."""

from django.core.management.base import BaseCommand

from fairportal.roles import apply_roles, create_all_permissions


class Command(BaseCommand):
    help = "Create or complete the board's two groups (editors and viewers)."

    def handle(self, *args, **options):
        create_all_permissions()
        for name, count in apply_roles().items():
            self.stdout.write(f"{name}: {count} permissions")
