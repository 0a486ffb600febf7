"""Root URLs: Vietnamese at the root, English under /en/ (the board's admin too:
/admin/ in Vietnamese, /en/admin/ in English); the API and health checks are not
prefixed (see the URL contract in the README)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from fairportal import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("api/", include("fairportal.api_urls")),
    path("", include("fairportal.seo_urls")),
]

urlpatterns += i18n_patterns(
    path("", include("fairportal.site_urls")),
    path("", include("exhibitors.urls")),
    path("", include("exhibitors.account_urls")),
    path("", include("events.urls")),
    path("", include("booths.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "fairportal.views.permission_denied"
handler404 = "fairportal.views.page_not_found"
handler500 = "fairportal.views.server_error"
