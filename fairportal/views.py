"""The portal's own pages: home, visit, health checks and error pages."""

import sys

from django.db import InterfaceError, OperationalError, connection, connections
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from events.selectors import current_fair
from fairportal import home
from fairportal.tokens import UnknownLink


class HomeView(TemplateView):
    template_name = "fairportal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fair = current_fair()
        context["fair"] = fair
        context.update(home.home_context(fair))
        return context


class VisitView(TemplateView):
    template_name = "fairportal/visit.html"

    @cached_property
    def fair(self):
        return current_fair()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fair"] = self.fair
        if self.fair is not None:
            context["hours"] = home.opening_hours(self.fair)
            context["map_url"] = self.fair.map_url or _osm_url(self.fair)
        return context


def _osm_url(fair) -> str:
    if fair.latitude is None or fair.longitude is None:
        return ""
    return (
        f"https://www.openstreetmap.org/?mlat={fair.latitude}&mlon={fair.longitude}"
        f"#map=16/{fair.latitude}/{fair.longitude}"
    )


@never_cache
def healthz(request):
    """Liveness: the process answers; the database is not touched."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness: 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means "not ready"
        return JsonResponse({"status": "unavailable", "error": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok"})


def page_not_found(request, exception=None):
    """The friendly 404. A secret link that matches nothing gets its own words; any
    other exception's message stays unseen (it may name a model or a query)."""
    context = {}
    if isinstance(exception, UnknownLink):
        context["unknown_link"] = exception.kind
    return render(request, "404.html", context, status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def _opens_with_get(path: str) -> bool:
    """The page at `path` can be opened (logout, for one, only takes a POST)."""
    if path.startswith("//"):
        return False
    try:
        match = resolve(path)
    except Resolver404:
        return False
    if match.url_name == "logout":  # the admin's, a wrapped method that takes only POST
        return False
    view_class = getattr(match.func, "view_class", None)
    return view_class is None or (
        "get" in view_class.http_method_names and hasattr(view_class, "get")
    )


def csrf_failure(request, reason=""):
    """A form sent without its security token: in practice a page left open for long
    or cookies blocked (in-app browsers). Says so, and leads back to the form when its
    page can be opened again (the home page otherwise)."""
    form_url = request.get_full_path() if _opens_with_get(request.path) else ""
    return render(request, "403_csrf.html", {"form_url": form_url}, status=403)


def server_error(request):
    """500, or a readable 503 when the database went away mid-request.

    Rendered without the request context: context processors may need the database
    that just failed. Each write runs in one transaction, so nothing half written
    stays; Django closes the broken connection at the end of the request and the
    next request reconnects.
    """
    if isinstance(sys.exception(), (OperationalError, InterfaceError)):
        for alias in connections:
            if not connections[alias].in_atomic_block:
                connections[alias].close_if_unusable_or_obsolete()
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
