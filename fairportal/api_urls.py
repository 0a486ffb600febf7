"""The REST API under /api/: v1 (the data), schema (OpenAPI 3) and docs (Swagger UI).

Every path under /api/ answers JSON, an unknown one included (a 404 body that says
so), never the HTML error page.
"""

from django.urls import include, path, re_path, resolve
from django.urls.exceptions import Resolver404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    renderer_classes,
    schema,
)
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import DefaultRouter

from booths.api import BoothViewSet
from events.api import (
    FairViewSet,
    MeetingRequestCreateView,
    RegistrationCreateView,
    SideEventViewSet,
)
from exhibitors.api import ExhibitorViewSet, ProductViewSet, SectorViewSet, ZoneViewSet
from fairportal.api import AnonymousThrottle

app_name = "api"


class RootView(DefaultRouter.APIRootView):
    """GET /api/v1/: the list of endpoints."""

    renderer_classes = [JSONRenderer]
    throttle_classes = [AnonymousThrottle]


class Router(DefaultRouter):
    include_format_suffixes = False  # JSON only: no `.json` twins of every path
    APIRootView = RootView


router = Router()
router.register("fairs", FairViewSet, basename="fair")
router.register("sectors", SectorViewSet, basename="sector")
router.register("zones", ZoneViewSet, basename="zone")
router.register("exhibitors", ExhibitorViewSet, basename="exhibitor")
router.register("products", ProductViewSet, basename="product")
router.register("booths", BoothViewSet, basename="booth")
router.register("events", SideEventViewSet, basename="event")


class SchemaView(SpectacularAPIView):
    throttle_classes = [AnonymousThrottle]
    content_negotiation_class = DefaultContentNegotiation  # YAML, or JSON when asked


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar's static files (no CDN), with no inline
    script (the split view serves its init script from a URL) and no inline style (our
    template), so the strict Content-Security-Policy holds on this page too."""

    template_name = "fairportal/api_docs.html"
    url_name = "api:schema"
    throttle_classes = [AnonymousThrottle]
    content_negotiation_class = DefaultContentNegotiation


# Every method, HEAD, OPTIONS and TRACE included: a path that is not there is a 404
# (not a 405, nor OPTIONS describing this view).
@api_view(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"])
@authentication_classes([])
@renderer_classes([JSONRenderer])
@schema(None)  # not part of the API's description
def not_found(request, rest=""):
    """Any other path under /api/: a JSON 404 (with a hint for a missing trailing slash)."""
    try:
        with_slash = resolve(f"{request.path}/").url_name != "not-found"
    except Resolver404:
        with_slash = False
    if with_slash:
        hint = _("Thiếu dấu “/” ở cuối: %(path)s/") % {"path": request.path}
    else:
        hint = _("Xem danh sách ở /api/v1/ và tài liệu ở /api/docs/.")
    raise exceptions.NotFound(
        _("Không có địa chỉ API %(path)s. %(hint)s") % {"path": request.path, "hint": hint}
    )


urlpatterns = [
    # Public writes of the fair's mobile app, before the router's read-only paths.
    path(
        "v1/events/<slug:slug>/registrations/",
        RegistrationCreateView.as_view(),
        name="event-registration",
    ),
    path(
        "v1/exhibitors/<slug:slug>/meeting-requests/",
        MeetingRequestCreateView.as_view(),
        name="exhibitor-meeting-request",
    ),
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
    re_path(r"^(?P<rest>.*)$", not_found, name="not-found"),
]
