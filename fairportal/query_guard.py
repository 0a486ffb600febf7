"""Query strings no page can use, refused before any view reads them.

A NUL character (`%00`) in a query value reached the ORM as a filter value
(`/exhibitors/?sector=%00`), and PostgreSQL refuses NUL in a string: a 500 where
SQLite quietly found nothing. No link of the portal carries one, so the request is
refused as a whole: a 400 with the site's bilingual page, or the API's JSON error.
Forms are not concerned: Django's form fields refuse NUL with a message of their own.
"""

from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.utils.translation import gettext as _

from fairportal.languages import API_PREFIX


class RefuseNulInQueryMiddleware:
    """After the language middlewares, so the API's error speaks the client's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            if request.path_info.startswith(API_PREFIX):
                return JsonResponse(
                    {"detail": _("Địa chỉ yêu cầu có ký tự không hợp lệ (NUL).")}, status=400
                )
            raise BadRequest("NUL character in the query string")
        return self.get_response(request)
