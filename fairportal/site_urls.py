from django.urls import path

from fairportal import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("visit/", views.VisitView.as_view(), name="visit"),
]
