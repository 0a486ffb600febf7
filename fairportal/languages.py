"""Which language a request is answered in.

Pages carry it in their path: Vietnamese at the root, English under /en/. The API has
no language prefix (its bodies hold both languages), so its messages follow the
client's Accept-Language, Vietnamese when the client states none we speak.
"""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


def request_language(request) -> str:
    if request.path_info.startswith(API_PREFIX):
        return translation.get_language_from_request(request, check_path=False)
    i18n_used, prefixed_default = is_language_prefix_patterns_used(settings.ROOT_URLCONF)
    language = translation.get_language_from_request(request, check_path=i18n_used)
    if (
        not translation.get_language_from_path(request.path_info)
        and i18n_used
        and not prefixed_default
    ):
        language = settings.LANGUAGE_CODE
    return language


class ApiLanguageMiddleware:
    """After LocaleMiddleware, which gives every unprefixed path the default language:
    the API speaks the client's language instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response
