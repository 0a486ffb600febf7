from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def _sign_in_keeps_its_own_lifetime(sender, request, user, **kwargs):
    # A visitor's plan keeps the session until after the fair (events.views); signing
    # in keeps the session's data, so it would keep that lifetime too.
    if request is not None and hasattr(request, "session"):
        request.session.set_expiry(None)


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Hội chợ và chương trình")

    def ready(self):
        from events.models import SideEvent
        from fairportal.models import name_links

        user_logged_in.connect(_sign_in_keeps_its_own_lifetime, dispatch_uid="events-plan-expiry")
        name_links(
            SideEvent.hosts,
            _("doanh nghiệp đồng tổ chức sự kiện"),
            pgettext_lazy("plural", "doanh nghiệp đồng tổ chức sự kiện"),
        )
