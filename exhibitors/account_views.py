"""Views of an exhibitor representative's own area."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy


class WelcomeView(auth_views.PasswordResetConfirmView):
    """An invited representative sets a first password from the invitation link."""

    template_name = "account/welcome.html"
    post_reset_login = True
    success_url = reverse_lazy("home")
