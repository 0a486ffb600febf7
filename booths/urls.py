from django.urls import path

from booths import views

app_name = "booths"

urlpatterns = [
    path("floor-plan/", views.FloorPlanView.as_view(), name="floor_plan"),
    path("floor-plan/find/", views.FindBoothView.as_view(), name="find_booth"),
    path("booths/apply/", views.ApplyView.as_view(), name="apply"),
    path("booths/apply/done/", views.ApplyDoneView.as_view(), name="apply_done"),
    path(
        "booths/applications/<str:token>/",
        views.ApplicationStatusView.as_view(),
        name="application",
    ),
    path("account/booths/", views.AccountBoothsView.as_view(), name="account_booths"),
    path(
        "account/booths/staff/<int:pk>/remove/",
        views.StaffRemoveView.as_view(),
        name="staff_remove",
    ),
]
