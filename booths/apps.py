from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BoothsConfig(AppConfig):
    name = "booths"
    verbose_name = _("Gian hàng")

    def ready(self):
        from booths import signals  # noqa: F401
        from booths.models import BoothApplication
        from fairportal.models import name_links

        name_links(
            BoothApplication.sectors,
            _("ngành trong hồ sơ gian hàng"),
            pgettext_lazy("plural", "ngành trong hồ sơ gian hàng"),
        )
        name_links(
            BoothApplication.preferred_booths,
            _("gian mong muốn trong hồ sơ"),
            pgettext_lazy("plural", "gian mong muốn trong hồ sơ"),
        )
