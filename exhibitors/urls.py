"""Public exhibitor pages; the profile URL is printed on booth signs (QR code)."""

from django.urls import path

from exhibitors import views

app_name = "exhibitors"

urlpatterns = [
    path("exhibitors/", views.DirectoryView.as_view(), name="list"),
    path("exhibitors/<slug:slug>/", views.ProfileView.as_view(), name="detail"),
    path("exhibitors/<slug:slug>/qr.png", views.qr_png, name="qr"),
    path("products/", views.CatalogueView.as_view(), name="products"),
]
