"""/account/: an exhibitor representative's own area (login required)."""

from django.urls import path

from exhibitors import account_views as views

app_name = "account"

urlpatterns = [
    path("account/", views.AccountHomeView.as_view(), name="home"),
    path("account/choose/", views.ChooseExhibitorView.as_view(), name="choose"),
    path("account/login/", views.LoginView.as_view(), name="login"),
    path("account/logout/", views.LogoutView.as_view(), name="logout"),
    path("account/password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "account/password-reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/welcome/<uidb64>/<token>/", views.WelcomeView.as_view(), name="welcome"),
    path("account/profile/", views.ProfileView.as_view(), name="profile"),
    path("account/products/", views.ProductListView.as_view(), name="products"),
    path("account/products/new/", views.ProductFormView.as_view(), name="product_add"),
    path("account/products/<int:pk>/", views.ProductFormView.as_view(), name="product_edit"),
    path(
        "account/products/<int:pk>/delete/",
        views.ProductDeleteView.as_view(),
        name="product_delete",
    ),
    path("account/products/<int:pk>/move/", views.ProductMoveView.as_view(), name="product_move"),
    path("account/representatives/", views.RepresentativesView.as_view(), name="invite"),
    path(
        "account/representatives/<int:pk>/remove/",
        views.RemoveRepresentativeView.as_view(),
        name="remove_representative",
    ),
]
