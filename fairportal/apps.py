from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairportalConfig(AppConfig):
    name = "fairportal"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from fairportal.cache import connect_signals

        connect_signals()
