from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FairportalConfig(AppConfig):
    name = "fairportal"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from fairportal.cache import connect_signals
        from fairportal.models import User, name_links

        connect_signals()
        name_links(User.groups, _("thành viên nhóm"), pgettext_lazy("plural", "thành viên nhóm"))
        name_links(
            User.user_permissions,
            _("quyền riêng của người dùng"),
            pgettext_lazy("plural", "quyền riêng của người dùng"),
        )
