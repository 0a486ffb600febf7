"""/account/: an exhibitor representative's own area (login required)."""

from django.urls import path

from exhibitors import account_views

app_name = "account"

urlpatterns = [
    path("account/welcome/<uidb64>/<token>/", account_views.WelcomeView.as_view(), name="welcome"),
]
