"""The management board's admin site: its front page is the fair's dashboard.

`BoardAdminConfig` replaces "django.contrib.admin" in INSTALLED_APPS, so
`django.contrib.admin.site` (and every `@admin.register`) is a `BoardAdminSite`.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class BoardAdminSite(admin.AdminSite):
    site_header = _("Hội chợ KCN Hà Nội · Quản trị")
    site_title = _("Quản trị Hội chợ KCN Hà Nội")
    index_title = _("Bảng điều khiển")
    index_template = "admin/board_index.html"
    # The lists are wide (thumbnails, filters): they get the whole width.
    enable_nav_sidebar = False
    # Nothing to show, in every list and page: Django's own empty cells (a meeting's
    # table before it is agreed) then read as the board's columns write it ("—" for a
    # meeting time not agreed yet), not as a hyphen, which reads as a minus.
    empty_value_display = "—"

    def __init__(self, name="admin"):
        super().__init__(name)
        from fairportal.exports import export_csv, export_xlsx

        self.add_action(export_csv, "export_csv")
        self.add_action(export_xlsx, "export_xlsx")

    def index(self, request, extra_context=None):
        from fairportal.dashboard import build_dashboard

        context = {"dashboard": build_dashboard(request.user)}
        context.update(extra_context or {})
        return super().index(request, extra_context=context)


class BoardAdminConfig(AdminConfig):
    default_site = "fairportal.admin_site.BoardAdminSite"

    def ready(self):
        super().ready()
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_migrate, post_save

        from fairportal.admin_mixins import audit_admin_log_entry
        from fairportal.roles import roles_after_migrate

        post_save.connect(audit_admin_log_entry, sender=LogEntry, dispatch_uid="audit_log_entry")
        post_migrate.connect(roles_after_migrate, dispatch_uid="board_roles_after_migrate")
