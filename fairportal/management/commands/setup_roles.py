"""Re-apply the board's groups and permissions (after new models appear)."""

from django.utils.translation import gettext as _

from fairportal.management.base import FairCommand
from fairportal.roles import apply_roles, create_all_permissions


class Command(FairCommand):
    # Vietnamese as the other commands' help (argparse takes no lazy text).
    help = "Tạo hoặc bổ sung hai nhóm của Ban tổ chức (biên tập và chỉ xem) cùng quyền của chúng."

    def handle(self, *args, **options):
        create_all_permissions()
        for name, count in apply_roles().items():
            self.stdout.write(_("%(group)s: %(count)s quyền") % {"group": name, "count": count})
