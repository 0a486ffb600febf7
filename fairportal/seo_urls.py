"""sitemap.xml and robots.txt (not language-prefixed)."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.urls import path

from fairportal.sitemaps import SITEMAPS

ROBOTS_DISALLOW = [
    "/admin/",
    "/account/",
    "/api/",
    "/booths/applications/",
    "/events/registrations/",
    "/events/meetings/",
    "/plan/",
]


def robots_txt(request):
    lines = ["User-agent: *"]
    for prefix in ROBOTS_DISALLOW:
        lines += [f"Disallow: {prefix}", f"Disallow: /en{prefix}"]
    lines += ["", f"Sitemap: {settings.PORTAL_BASE_URL}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap,  # served from the public page cache (fairportal/cache.py)
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]
