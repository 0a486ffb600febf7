"""The portal's own pages: home, health checks and error pages."""

import sys

from django.db import InterfaceError, OperationalError, connection, connections
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from events.selectors import current_fair


class HomeView(TemplateView):
    template_name = "fairportal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fair"] = current_fair()
        return context


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
    return render(request, "404.html", status=404)


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
