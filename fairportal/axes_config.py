"""django-axes (the login lockout) under a name the board can read in the admin.

In a module of its own: next to FairportalConfig, two AppConfig classes in
fairportal/apps.py would leave Django to pick neither as the default.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Chống dò mật khẩu")
