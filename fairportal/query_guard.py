"""Query strings: what no page can use is refused, what only tracks a click is dropped.

`RefuseNulInQueryMiddleware`: a NUL character (`%00`) in a query value reached the ORM as a filter value
(`/exhibitors/?sector=%00`), and PostgreSQL refuses NUL in a string: a 500 where
SQLite quietly found nothing. No link of the portal carries one, so the page's
request is refused as a whole: a 400 with the site's bilingual page. The API is left to
its filters, which refuse NUL themselves with a 400 naming the parameter.
Forms are not concerned: Django's form fields refuse NUL with a message of their own.

`DropTrackingParametersMiddleware`: links shared on Facebook, Zalo or in a newsletter
come with click ids (`?fbclid=…`, a new one on every click, `?zarsrc=…`,
`?utm_source=…`). No page reads them, but each made the page's address a new one: a
new entry in the page cache, built uncached for that one visitor, and the id copied
into the page's language and pagination links that the cached copy then showed to
everyone. They are taken out of the request before the page cache looks at it.
"""

from django.core.exceptions import BadRequest
from django.http import QueryDict

from fairportal.languages import API_PREFIX


class RefuseNulInQueryMiddleware:
    """The pages' requests only: the API's filters answer NUL with their own 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX) and any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            raise BadRequest("NUL character in the query string")
        return self.get_response(request)


# Click and campaign ids of the ad, social and mail platforms a fair's links travel
# through (Facebook, Google, Microsoft, Zalo, Instagram, TikTok, X, Yandex, Mailchimp,
# Google Analytics' cross-domain ids), and every utm_* parameter.
TRACKING_PREFIXES = ("utm_",)
TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",
        "zarsrc",
        "igshid",
        "ttclid",
        "twclid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
    }
)


def is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_NAMES or name.startswith(TRACKING_PREFIXES)


class DropTrackingParametersMiddleware:
    """Before the page cache: the request goes on as if its address had no click ids."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if query and any(is_tracking(name) for name in request.GET):
            kept = QueryDict(mutable=True)
            for name, values in request.GET.lists():
                if not is_tracking(name):
                    kept.setlist(name, values)
            request.META["QUERY_STRING"] = kept.urlencode()
            request.GET = QueryDict(request.META["QUERY_STRING"])
        return self.get_response(request)
