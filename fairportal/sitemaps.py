"""sitemap.xml: the public pages and every published profile of the current fair,
in both languages with hreflang alternates, on the portal's own base URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import SideEvent
from events.selectors import current_fair
from exhibitors import selectors as exhibitor_selectors


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_domain(self, site=None):
        return urlsplit(settings.PORTAL_BASE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.PORTAL_BASE_URL).scheme or "https"


class PagesSitemap(PortalSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return [
            "home", "visit", "exhibitors:list", "exhibitors:products", "booths:floor_plan",
            "events:list", "booths:apply",
        ]  # fmt: skip

    def location(self, item):
        return reverse(item)


class ProfilesSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return list(
            exhibitor_selectors.fair_exhibitors(current_fair())
            .only("slug", "updated_at")
            .order_by("name_sort", "pk")
        )

    def lastmod(self, exhibitor):
        return exhibitor.updated_at


class EventsSitemap(PortalSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        fair = current_fair()
        if fair is None:
            return []
        return list(
            SideEvent.objects.filter(fair=fair, is_published=True)
            .only("slug", "updated_at")
            .order_by("starts_at", "pk")
        )

    def lastmod(self, event):
        return event.updated_at


SITEMAPS = {"pages": PagesSitemap, "exhibitors": ProfilesSitemap, "events": EventsSitemap}
