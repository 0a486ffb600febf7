"""Shared pieces of the public REST API (/api/v1/).

- `TranslatedField`: a translated column as `{"vi": …, "en": …}`, described as such
  in the OpenAPI schema, so a client never needs one call per language.
- `PageNumberPagination`: page-number pages whose size is bounded; a page size out of
  bounds is a 400 that says so, a page past the end a 404 that says how many there are.
- `exception_handler`: every error is a JSON body `{"status", "code", "detail"}` (plus
  `"errors"` per field for a 400), never an HTML page.
- `AnonymousThrottle`: anonymous clients are throttled per client IP (429 + Retry-After).
- `PublicReadOnlyViewSet`: the base of every read-only endpoint: JSON only, writes
  refused with 405, ETag/Last-Modified with 304 answers, cache headers for anonymous
  reads, the fair scope (`?fair=<slug>`, else the current fair).
- `PublicCreateView`: the base of the public writes of the fair's mobile app (seminar
  registration, meeting request), which call the services of their app.
"""

import datetime
import hashlib
import re

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.paginator import EmptyPage
from django.core.paginator import Paginator as DjangoPaginator
from django.core.validators import RegexValidator
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.http import http_date, quote_etag
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema_field,
)
from rest_framework import exceptions, pagination, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication as BaseSessionAuthentication
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import exception_handler as drf_exception_handler

from events.models import Fair
from events.selectors import current_fair
from fairportal import ratelimit
from fairportal.countries import ISO_CODES
from fairportal.languages import API_PREFIX, request_language

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
_SLUG_RE = re.compile(SLUG_PATTERN)


# --- Translated fields ---------------------------------------------------------------


# Only describes the shape in the schema (a component, no docstring: it would show in
# the docs); `TranslatedField` does the work.
class TranslatedTextSerializer(serializers.Serializer):
    vi = serializers.CharField(help_text=_("Tiếng Việt (luôn có)."))
    en = serializers.CharField(
        help_text=_("Tiếng Anh; chuỗi rỗng khi chưa dịch (hãy dùng bản tiếng Việt).")
    )


@extend_schema_field(TranslatedTextSerializer)
class TranslatedField(serializers.Field):
    """A modeltranslation field in every language: `{"vi": "Điện tử", "en": "Electronics"}`.

    Reads the `<name>_vi` / `<name>_en` columns, not `<name>` (which follows the active
    language), so the answer is the same whatever the request's language.
    """

    def __init__(self, field: str | None = None, **kwargs):
        self.base_name = field
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        if self.base_name is None:
            self.base_name = field_name

    def to_representation(self, instance):
        return {
            language: getattr(instance, f"{self.base_name}_{language}") or ""
            for language in LANGUAGES
        }


# Only describes the shape in the schema; `PageUrlsField` does the work.
class PageUrlsSerializer(serializers.Serializer):
    vi = serializers.URLField(help_text=_("Trang cho khách, tiếng Việt."))
    en = serializers.URLField(help_text=_("Trang cho khách, tiếng Anh."))


@extend_schema_field(PageUrlsSerializer)
class PageUrlsField(serializers.Field):
    """The object's page for visitors in each language; `path` is formatted with `obj`."""

    def __init__(self, path: str, **kwargs):
        self.path = path
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, instance):
        return page_urls(self.context["request"], self.path.format(obj=instance))


class BlankAsNullMixin:
    """An optional text column reads null, not "", when empty: "" is no URL or e-mail."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return super().to_representation(value) if value else None


class OptionalURLField(BlankAsNullMixin, serializers.URLField):
    pass


class OptionalEmailField(BlankAsNullMixin, serializers.EmailField):
    pass


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^[0-2][0-9]:[0-5][0-9]$",
        "example": "08:00",
        "description": "Giờ Hà Nội (Asia/Ho_Chi_Minh), HH:MM.",
    }
)
class LocalTimeField(serializers.TimeField):
    """A time of day at the venue, "08:00": not an RFC 3339 time, which needs an offset."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(format="%H:%M", **kwargs)


# --- Errors --------------------------------------------------------------------------


# The body of every error answer, as the schema describes it.
class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text=_("Mã trạng thái HTTP, như ở dòng trạng thái."))
    code = serializers.CharField(
        help_text=_("Mã lỗi ổn định cho máy đọc: invalid, not_found, throttled…")
    )
    detail = serializers.CharField(help_text=_("Lỗi là gì, viết cho người đọc."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("Chỉ với lỗi 400: danh sách lỗi theo từng tham số hoặc trường."),
    )


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [f"{key}: {text}" for key, value in detail.items() for text in _flatten(value)]
    if isinstance(detail, list):
        return [text for item in detail for text in _flatten(item)]
    return [str(detail)]


def _field_errors(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(key): _flatten(value) for key, value in detail.items()}
    return {api_settings.NON_FIELD_ERRORS_KEY: _flatten(detail)}


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        super().__init__(
            ngettext(
                "Nội dung gửi lên quá lớn: tối đa %(limit)s byte.",
                "Nội dung gửi lên quá lớn: tối đa %(limit)s byte.",
                limit,
            )
            % {"limit": number_format(limit, force_grouping=True)}
        )


def exception_handler(exc, context):
    """DRF's handler, with one JSON shape for every error: status, code, detail (, errors)."""
    if isinstance(exc, RequestDataTooBig):
        # Past DATA_UPLOAD_MAX_MEMORY_SIZE: Django's answer would be its HTML 400 page.
        exc = PayloadTooLarge()
    elif isinstance(exc, Http404):
        # Django's message names the model ("No Exhibitor matches…"): say it plainly.
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    if (
        isinstance(exc, exceptions.ValidationError)
        and request is not None
        and request.method in ("POST", "PUT", "PATCH")
        and not isinstance(request.data, dict)
    ):
        # null, a list or a bare value: DRF's words name Python types ("got list").
        text = str(_('Nội dung gửi lên phải là một đối tượng JSON: {"tên trường": giá trị, …}.'))
        body = {
            "status": response.status_code,
            "code": "invalid",
            "detail": text,
            "errors": {api_settings.NON_FIELD_ERRORS_KEY: [text]},
        }
    elif isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        names = ", ".join(errors)
        body = {
            "status": response.status_code,
            "code": "invalid",
            "detail": str(_("Dữ liệu không hợp lệ: %(names)s.") % {"names": names}),
            "errors": errors,
        }
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        code = codes if isinstance(codes, str) else "error"
        detail = response.data.get("detail") if isinstance(response.data, dict) else None
        if isinstance(exc, exceptions.ParseError) and str(detail).startswith("JSON parse error"):
            # DRF's parser passes on Python's English message: keep only where it breaks.
            where = re.search(r"line (\d+) column (\d+)", str(detail))
            if where:
                detail = _(
                    "Nội dung gửi lên không phải JSON hợp lệ (lỗi ở dòng %(line)s, cột %(column)s)."
                ) % {"line": where[1], "column": where[2]}
            else:
                detail = _("Nội dung gửi lên không phải JSON hợp lệ.")
        body = {
            "status": response.status_code,
            "code": code,
            "detail": str(detail or response.status_text),
        }
    response.data = body
    return response


def error_response(description, example_detail, *, status_code, code, errors=None):
    """An error answer for the schema, with one example."""
    value = {"status": status_code, "code": code, "detail": str(example_detail)}
    if errors:
        value["errors"] = errors
    return OpenApiResponse(
        response=ErrorSerializer,
        description=description,
        examples=[OpenApiExample(f"{status_code} {code}", value=value, status_codes=[status_code])],
    )


def read_error_responses(*, bad_request_example=None):
    """The error answers every read endpoint may give: never 401 or 403, since reads
    need no login and a session's missing CSRF token only stops a write."""
    errors = bad_request_example or {"sector": ["Không có ngành “nope”."]}
    return {
        400: error_response(
            _("Tham số không hợp lệ (bộ lọc, trang, cỡ trang, thứ tự); xem `errors`."),
            _("Dữ liệu không hợp lệ: %(names)s.") % {"names": ", ".join(errors)},
            status_code=400,
            code="invalid",
            errors=errors,
        ),
        404: error_response(
            _("Không có đối tượng này, đường dẫn sai dạng, hoặc trang vượt quá trang cuối."),
            _("Trang 9 không tồn tại: chỉ có 3 trang."),
            status_code=404,
            code="not_found",
        ),
        429: error_response(
            _("Quá nhiều yêu cầu từ địa chỉ này; thử lại sau số giây ở `Retry-After`."),
            "Yêu cầu bị giới hạn. Thử lại sau 42 giây.",
            status_code=429,
            code="throttled",
        ),
    }


class PreconditionFailedAsJsonMiddleware:
    """A read under /api/ whose If-Match or If-Unmodified-Since fails gets Django's 412,
    an empty text/html answer, from the view or from the page cache (which answers
    before any other middleware): here it becomes a JSON error in the client's language,
    like every other API error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 412 or not request.path_info.startswith(API_PREFIX):
            return response
        language = request_language(request)
        with translation.override(language):
            detail = str(_("Dữ liệu đã khác phiên bản mà If-Match / If-Unmodified-Since nêu."))
        answer = JsonResponse(
            {"status": 412, "code": "precondition_failed", "detail": detail},
            status=412,
            json_dumps_params={"ensure_ascii": False},
        )
        answer["Content-Language"] = language
        patch_vary_headers(answer, ("Accept-Language",))
        return answer


class SessionAuthentication(BaseSessionAuthentication):
    """DRF's session authentication, whose CSRF refusal is in the client's language:
    DRF writes "CSRF Failed: CSRF cookie not set." in English whatever was asked."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(
                _("Yêu cầu ghi từ một phiên đăng nhập cần mã CSRF hợp lệ (thiếu hoặc sai).")
            ) from None


class SessionAuthenticationScheme(SessionScheme):
    """The schema's cookieAuth, as drf-spectacular gives DRF's own class."""

    target_class = SessionAuthentication


# --- Request bodies ------------------------------------------------------------------


class JSONBodyParser(JSONParser):
    """DRF's JSON parser, with a body nested thousands deep (`[[[[…`) refused as a 400:
    Python's decoder gives up with a RecursionError, which DRF let through as a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(_("Nội dung gửi lên lồng nhau quá sâu.")) from None


# --- Pagination ----------------------------------------------------------------------


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (1 to 100, default 20); out-of-range values are errors."""

    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    django_paginator_class = DjangoPaginator

    def _positive_int(self, request, name, default, maximum=None):
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return default
        # ASCII digits only: int() also reads "+5", " 5", "5_0", "５" and "٣", which the
        # next and previous links then carried along; past 4300 digits it gives up.
        try:
            value = int(raw) if raw.isascii() and raw.isdigit() else None
        except ValueError:
            value = None
        if value is None or value < 1 or (maximum is not None and value > maximum):
            if maximum is None:
                message = _("“%(value)s” không phải là số nguyên dương.") % {"value": raw[:40]}
            else:
                message = _("Phải là số nguyên từ 1 đến %(maximum)d (nhận được “%(value)s”).") % {
                    "maximum": maximum,
                    "value": raw[:40],
                }
            raise exceptions.ValidationError({name: [message]})
        return value

    def get_page_size(self, request):
        return self._positive_int(
            request, self.page_size_query_param, self.page_size, self.max_page_size
        )

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        number = self._positive_int(request, self.page_query_param, 1)
        paginator = self.django_paginator_class(queryset, size)
        try:
            self.page = paginator.page(number)
        except EmptyPage:
            raise exceptions.NotFound(
                ngettext(
                    "Trang %(number)d không tồn tại: chỉ có %(pages)d trang.",
                    "Trang %(number)d không tồn tại: chỉ có %(pages)d trang.",
                    paginator.num_pages,
                )
                % {"number": number, "pages": paginator.num_pages}
            ) from None
        return list(self.page)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "page": self.page.number,
                "pages": self.page.paginator.num_pages,
                "page_size": self.page.paginator.per_page,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        nullable_link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["count", "page", "pages", "page_size", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "example": 42},
                "page": {"type": "integer", "example": 1},
                "pages": {"type": "integer", "example": 3},
                "page_size": {"type": "integer", "example": 20},
                "next": {**nullable_link, "example": "https://hoicho.example.vn/api/v1/…?page=2"},
                "previous": {**nullable_link, "example": None},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": str(_("Số trang, từ 1. Trang vượt quá trang cuối: 404.")),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(
                    _("Số kết quả mỗi trang, từ 1 đến %(maximum)d (mặc định %(default)d).")
                    % {"maximum": self.max_page_size, "default": self.page_size}
                ),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


# --- Throttling ----------------------------------------------------------------------


class AnonymousThrottle(AnonRateThrottle):
    """Anonymous clients, per client IP (the proxy-aware one of `fairportal.ratelimit`).

    The rate is read at each request (not once at import), so `REST_FRAMEWORK`
    overrides apply; a fair hall puts many phones behind one address, so it is generous.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return ratelimit.client_ip(request)


# --- Filters -------------------------------------------------------------------------


class SlugChoiceField(forms.ModelChoiceField):
    """A model chosen by slug; a malformed slug is refused before any query."""

    def to_python(self, value):
        if value not in self.empty_values and not _SLUG_RE.match(str(value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": str(value)[:60]},
            )
        return super().to_python(value)


def _describe(filter_, schema: dict, help_text) -> None:
    """The filter's schema in OpenAPI, with its help text (a schema override loses it)."""
    extend_schema_field({**schema, "description": help_text} if help_text else schema)(filter_)


class _BySlug:
    """A filter of models named by slug; `not_found` words the 400 for an unknown one."""

    schema: dict = {}

    def __init__(self, *args, not_found=None, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        if not_found:
            kwargs["error_messages"] = {"invalid_choice": not_found}
        super().__init__(*args, **kwargs)
        _describe(self, self.schema, kwargs.get("help_text"))


class SlugFilter(_BySlug, filters.ModelChoiceFilter):
    """`?sector=dien-tu`: an unknown slug is a 400 that names it."""

    field_class = SlugChoiceField
    schema = {"type": "string", "pattern": SLUG_PATTERN}


class SlugsChoiceField(forms.ModelMultipleChoiceField):
    """Models chosen by slug, at most `MAX_SLUGS` of them."""

    MAX_SLUGS = 20

    def clean(self, value):
        value = [item for item in value or [] if item]  # "?sector=" filters nothing
        if len(value) > self.MAX_SLUGS:
            raise forms.ValidationError(
                _("Chọn tối đa %(max)s giá trị.") % {"max": self.MAX_SLUGS}, code="too_many"
            )
        return list(super().clean(value))  # none given: [], which filters nothing


class SlugsFilter(_BySlug, filters.ModelMultipleChoiceFilter):
    """`?sector=dien-tu&sector=y-te`: any of them; an unknown slug is a 400 that names it."""

    field_class = SlugsChoiceField
    schema = {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}}


def _assigned_country(value: str) -> None:
    # "QQ" would list nothing, as if no firm came from a country that does not exist.
    # What is no two letters ("JPN") the pattern refuses: one message, not two.
    if re.fullmatch(r"[A-Za-z]{2}", value or "") and value.upper() not in ISO_CODES:
        raise ValidationError(
            _("ISO 3166 không có quốc gia mang mã “%(code)s” (Nhật Bản là JP, Anh là GB)."),
            code="unknown_country",
            params={"code": value.upper()},
        )


class CountryFilter(filters.CharFilter):
    """`?country=JP`: a two-letter code ISO 3166 assigns, in either case."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "validators",
            [
                RegexValidator(
                    r"^[A-Za-z]{2}$",
                    _("Nhập mã quốc gia hai chữ cái theo ISO 3166 (ví dụ VN, JP)."),
                ),
                _assigned_country,
            ],
        )
        super().__init__(*args, **kwargs)
        _describe(
            self,
            {"type": "string", "pattern": "^[A-Za-z]{2}$", "example": "JP"},
            kwargs.get("help_text"),
        )

    def filter(self, qs, value):
        return super().filter(qs, value.upper() if value else value)


class InstantField(IsoDateTimeField):
    """An ISO 8601 instant, in UTC: PostgreSQL refuses offsets past ±15:59 that ISO 8601
    allows (+20:05), and year 1 at +14:00 has no UTC at all; either was a 500."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError(
                _("Thời điểm nằm ngoài khoảng cho phép."), code="invalid"
            ) from None


class InstantFilter(filters.IsoDateTimeFilter):
    field_class = InstantField


class StableOrderingFilter(filters.OrderingFilter):
    """Ordering that ends with the primary key, so pages never repeat or skip a row."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "pk")
        return qs

    def build_choices(self, fields, labels):
        # django-filter formats "%s (descending)" when the class is defined, which
        # freezes the label in the language active at import (Vietnamese) and in
        # English: kept lazy, the schema shows "Booth code (descending)" under ?lang=en.
        choices = super().build_choices(fields, labels)
        return [
            (param, format_lazy("{} ({})", choices[i - 1][1], _("giảm dần")))
            if param.startswith("-") and f"-{param[1:]}" not in labels
            else (param, label)
            for i, (param, label) in enumerate(choices)
        ]


def page_urls(request, path: str) -> dict[str, str]:
    """The visitor's page in each language (Vietnamese at the root, English under /en/).

    `path` is from the URL contract, which is printed on booth signs and never changes.
    """
    return {
        language: request.build_absolute_uri(path if language == "vi" else f"/{language}{path}")
        for language in LANGUAGES
    }


def search_filter(help_text=None):
    """`?q=`: every word must match, accents and case ignored."""
    return filters.CharFilter(
        method="filter_q",
        max_length=200,
        help_text=help_text
        or _("Tìm theo từ, không phân biệt dấu và hoa thường; mọi từ đều phải khớp."),
    )


# --- Read-only endpoints -------------------------------------------------------------

FAIR_PARAMETER = OpenApiParameter(
    "fair",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description=_(
        "Đường dẫn (slug) của kỳ hội chợ; mặc định là kỳ hiện tại. Kỳ không tồn tại: 400."
    ),
    pattern=SLUG_PATTERN,
    examples=[OpenApiExample("2024", value="hoi-cho-kcn-ha-noi-2024")],
)

SLUG_PATH_PARAMETER = OpenApiParameter(
    "slug",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description=_("Đường dẫn (slug): chữ không dấu, số, gạch ngang; sai dạng: 404."),
    pattern=SLUG_PATTERN,
)

CONDITIONAL_PARAMETERS = [
    OpenApiParameter(
        "If-None-Match",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description=_("ETag của lần đọc trước: 304 khi dữ liệu chưa đổi."),
    ),
    OpenApiParameter(
        "If-Modified-Since",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description=_(
            "Last-Modified của lần đọc trước (ngày giờ HTTP): 304 khi chưa đổi. "
            "If-None-Match được ưu tiên khi gửi cả hai."
        ),
    ),
    OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description=_("Dấu phiên bản của nội dung trả về."),
    ),
    OpenApiParameter(
        "Last-Modified",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description=_("Lần sửa mới nhất của các dòng trả về."),
    ),
    OpenApiParameter(
        "Retry-After",
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        response=[429],
        description=_("Số giây phải chờ trước khi gửi lại."),
    ),
]


def read_responses(serializer):
    return {
        200: serializer,
        304: OpenApiResponse(description=_("Chưa đổi từ lần đọc trước (If-None-Match).")),
        **read_error_responses(),
        412: error_response(
            _("If-Match hoặc If-Unmodified-Since được gửi và dữ liệu không còn như vậy."),
            _("Dữ liệu đã khác phiên bản mà If-Match / If-Unmodified-Since nêu."),
            status_code=412,
            code="precondition_failed",
        ),
    }


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Base of every public read endpoint.

    Only GET (and HEAD, OPTIONS): the router maps no write, so POST, PUT, PATCH and
    DELETE are answered 405 with a JSON body. Answers carry an ETag (a digest of the
    body, so it changes with anything shown, even counters written with `F()`) and a
    Last-Modified (the newest `updated_at` of the rows shown and their nested rows);
    a matching If-None-Match or If-Modified-Since gets a 304.
    """

    authentication_classes = [SessionAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONBodyParser]
    pagination_class = PageNumberPagination
    filter_backends = [filters.DjangoFilterBackend]
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    # Attributes of a row whose `updated_at` count for Last-Modified: foreign keys,
    # prefetched managers, or lists made by `Prefetch(to_attr=…)`.
    modified_with: tuple[str, ...] = ()
    rows_shown: list = ()

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        if self.lookup_field == "slug" and not _SLUG_RE.match(value):
            raise exceptions.NotFound(
                _(
                    "“%(value)s” không phải là đường dẫn (slug) hợp lệ: chỉ chữ không dấu, "
                    "số, gạch ngang và gạch dưới."
                )
                % {"value": value[:60]}
            )
        return super().get_object()

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        self.rows_shown = self.paginate_queryset(queryset)
        serializer = self.get_serializer(self.rows_shown, many=True)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.rows_shown = [instance]
        return Response(self.get_serializer(instance).data)

    def last_modified(self):
        times = []
        for row in self.rows_shown:
            times.append(row.updated_at)
            for name in self.modified_with:
                related = getattr(row, name, None)
                if related is None:
                    continue
                if hasattr(related, "all"):  # a (prefetched) manager
                    related = list(related.all())
                if isinstance(related, list):
                    times += [item.updated_at for item in related]
                else:
                    times.append(related.updated_at)
        return max(times, default=None)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
        modified = self.last_modified()
        timestamp = int(modified.timestamp()) if modified else None
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(
                response, public=True, max_age=getattr(settings, "API_CACHE_SECONDS", 60)
            )
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=timestamp, response=response
        )


class FairScopedMixin:
    """`?fair=<slug>` picks the edition (400 when unknown); without it, the current one."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # An unknown fair is a 400 on every action, used or not; a method with no action
        # (POST, DELETE…) is still a 405, and OPTIONS describes the endpoint.
        if self.action not in (None, "metadata"):
            self.fair  # noqa: B018

    @cached_property
    def fair(self) -> Fair | None:
        if getattr(self, "swagger_fake_view", False):  # the schema is being generated
            return None
        slug = self.request.query_params.get("fair", "")
        if not slug:
            return current_fair()
        fair = Fair.objects.filter(slug=slug).first() if _SLUG_RE.match(slug) else None
        if fair is None:
            raise exceptions.ValidationError(
                {"fair": [_("Không có kỳ hội chợ “%(slug)s”.") % {"slug": slug[:60]}]}
            )
        return fair


# --- Public writes -------------------------------------------------------------------


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Không thực hiện được yêu cầu.")
    default_code = "conflict"


class PublicCreateView(GenericAPIView):
    """Base of a public write of the mobile app: validate, rate-limit, call the service.

    A subclass names its input `serializer_class`, its output `result_serializer_class`,
    the domain errors of its service in `domain_errors` (answered 409 with the error's
    message), and implements `perform_write(data)` by calling the service. A JSON body
    of the wrong shape is a 400 that names each wrong field; nothing is written.
    Clients are anonymous (no session, hence no CSRF token to send); the per-IP and
    per-e-mail limits of `fairportal.ratelimit` apply on top of the throttle.
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONBodyParser]
    result_serializer_class = None
    domain_errors: tuple[type[Exception], ...] = ()
    rate_limit_kind = ""  # the page's kind of form, whose counts the API shares
    rate_limit_identity_field = "email"

    def perform_write(self, data):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        identity = str(serializer.validated_data.get(self.rate_limit_identity_field, ""))
        if not ratelimit.allow(request, "api-write", identity, kind=self.rate_limit_kind):
            raise exceptions.Throttled(wait=request.rate_limit_wait)
        try:
            result = self.perform_write(serializer.validated_data)
        except self.domain_errors as error:
            raise Conflict(str(error)) from error
        output = self.result_serializer_class(result, context=self.get_serializer_context())
        return Response(output.data, status=status.HTTP_201_CREATED)


def write_error_responses():
    """The error answers of a public write, for its `extend_schema(responses=…)`."""
    responses = read_error_responses(bad_request_example={"email": ["Nhập địa chỉ e-mail."]})
    responses[404].description = _("Không có sự kiện hoặc doanh nghiệp này.")
    responses[409] = error_response(
        _("Quy tắc nghiệp vụ không cho phép (hết chỗ, đã đăng ký, khung giờ đã kín…)."),
        "Sự kiện đã hết chỗ.",
        status_code=409,
        code="conflict",
    )
    return responses
