from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Doanh nghiệp trưng bày")

    def ready(self):
        from exhibitors import signals  # noqa: F401
        from exhibitors.models import Exhibitor
        from fairportal.models import name_links

        name_links(
            Exhibitor.sectors,
            _("ngành của doanh nghiệp"),
            pgettext_lazy("plural", "ngành của doanh nghiệp"),
        )
        name_links(
            Exhibitor.members,
            _("người đại diện của doanh nghiệp"),
            pgettext_lazy("plural", "người đại diện của doanh nghiệp"),
        )
