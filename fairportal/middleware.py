"""Middleware of the portal."""

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader


class DatabaseUnavailableMiddleware:
    """When the database goes away mid-request: a readable 503, never a 500.

    The transaction of the request (each write runs in one) is rolled back by the
    database; the broken connection is closed so the next request reconnects, and
    the site recovers by itself when the database returns.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        if not _connection_lost(exception):
            return None
        for connection in connections.all(initialized_only=True):
            connection.close_if_unusable_or_obsolete()
            if connection.connection is not None and not connection.is_usable():
                connection.close()
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response


def _connection_lost(exception: DatabaseError) -> bool:
    if isinstance(exception, InterfaceError):
        return True
    text = str(exception).lower()
    markers = (
        "terminating connection",
        "server closed the connection",
        "connection refused",
        "could not connect",
        "connection already closed",
        "no connection to the server",
        "database is locked",
        "the database system is",
        "ssl connection has been closed",
    )
    return any(marker in text for marker in markers)
