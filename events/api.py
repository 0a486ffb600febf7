"""The API of the fair and its programme: editions and side events (with seats left).

The public writes of the fair's mobile app (seminar registration, meeting request)
belong here too, as `fairportal.api.PublicCreateView` subclasses that call the
services of `events.services`; see `fairportal/api_urls.py` for where they plug in.
"""

import datetime

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings

from events import selectors, services
from events.forms import MeetingRequestForm, RegistrationForm
from events.models import EventRegistration, Fair, FairFigure, MeetingRequest, SideEvent
from exhibitors.api import ExhibitorRefSerializer
from exhibitors.models import Exhibitor
from fairportal.api import (
    CONDITIONAL_PARAMETERS,
    FAIR_PARAMETER,
    SLUG_PATH_PARAMETER,
    FairScopedMixin,
    InstantFilter,
    LocalTimeField,
    OptionalEmailField,
    OptionalURLField,
    PageUrlsField,
    PublicCreateView,
    PublicReadOnlyViewSet,
    StableOrderingFilter,
    TranslatedField,
    error_response,
    read_responses,
    search_filter,
    write_error_responses,
)
from fairportal.forms import HoneypotMixin, composed_data, site_error_messages
from fairportal.text import matches_words, search_words

# --- Serializers ---------------------------------------------------------------------


class FairFigureSerializer(serializers.ModelSerializer):
    label = TranslatedField()

    class Meta:
        model = FairFigure
        fields = ["value", "label"]


class FairSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:fair-detail", lookup_field="slug")
    name = TranslatedField()
    short_name = TranslatedField()
    venue = TranslatedField()
    address = TranslatedField()
    organiser = TranslatedField()
    summary = TranslatedField()
    directions = TranslatedField()
    parking = TranslatedField()
    figures = FairFigureSerializer(many=True, read_only=True)
    applications_open = serializers.BooleanField(
        source="takes_applications",
        read_only=True,
        help_text=_("Đang nhận đăng ký gian hàng: Ban tổ chức mở, và hội chợ chưa kết thúc."),
    )
    email = OptionalEmailField()
    map_url = OptionalURLField()
    opens_at = LocalTimeField()
    closes_at = LocalTimeField()
    last_day_closes_at = LocalTimeField(
        allow_null=True, help_text=_("Giờ đóng cửa ngày bế mạc, nếu khác; hoặc null.")
    )

    class Meta:
        model = Fair
        fields = [
            "url",
            "slug",
            "name",
            "short_name",
            "starts_on",
            "ends_on",
            "opens_at",
            "closes_at",
            "last_day_closes_at",
            "venue",
            "address",
            "organiser",
            "hotline",
            "email",
            "summary",
            "directions",
            "parking",
            "map_url",
            "latitude",
            "longitude",
            "is_current",
            "applications_open",
            "is_sample",
            "figures",
            "updated_at",
        ]
        read_only_fields = fields  # an answer only: all in every answer


# The place is a `booths.EventPlace`, read through the event's key: events imports
# nothing of booths, so this serializer names its fields by hand, and takes the kinds
# from the model the key leads to.
class EventPlaceSerializer(serializers.Serializer):
    name = TranslatedField()
    kind = serializers.ChoiceField(
        choices=SideEvent._meta.get_field("place").related_model.Kind.choices,
        read_only=True,
        help_text=_("Loại nơi: sân khấu, phòng hội thảo, khu kết nối doanh nghiệp."),
    )
    hall = serializers.CharField(read_only=True, help_text=_("Nhà/khu trên sơ đồ, ví dụ A."))
    plan_url = PageUrlsField(
        "/floor-plan/#place-{obj.pk}",
        allow_null=True,
        help_text=_(
            "Sơ đồ mặt bằng mở tại nơi này, mỗi thứ tiếng một đường dẫn; null với sự kiện "
            "của kỳ trước hoặc đã huỷ (sơ đồ chỉ vẽ kỳ hiện tại)."
        ),
    )


class SideEventSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", lookup_field="slug")
    fair = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    title = TranslatedField()
    summary = TranslatedField()
    description = TranslatedField()
    room = TranslatedField()
    speakers = TranslatedField(help_text=_("Diễn giả, mỗi dòng một người."))
    seats_left = serializers.IntegerField(
        read_only=True,
        help_text=_("Số chỗ còn lại: sức chứa trừ số chỗ đã đăng ký; 0 khi sự kiện đã bị huỷ."),
    )
    hosts = ExhibitorRefSerializer(many=True, read_only=True)
    page_url = PageUrlsField("/events/{obj.slug}/")
    registration_open = serializers.BooleanField(
        source="takes_registrations",
        read_only=True,
        help_text=_("Đang nhận đăng ký: Ban tổ chức mở, và sự kiện chưa bắt đầu."),
    )
    cancelled = serializers.BooleanField(
        source="is_cancelled", read_only=True, help_text=_("Ban tổ chức đã huỷ sự kiện.")
    )
    place = EventPlaceSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("Nơi diễn ra sự kiện trên sơ đồ mặt bằng; null khi Ban tổ chức chưa chọn."),
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # As the pages: the plan draws the current fair's places only, and a cancelled
        # event sends nobody there (the fair is read with the event, no query).
        if data["place"] is not None and (not instance.fair.is_current or instance.is_cancelled):
            data["place"]["plan_url"] = None
        return data

    class Meta:
        model = SideEvent
        fields = [
            "url",
            "slug",
            "fair",
            "kind",
            "title",
            "summary",
            "description",
            "starts_at",
            "ends_at",
            "room",
            "speakers",
            "capacity",
            "seats_left",
            "registration_open",
            "cancelled",
            "place",
            "slot_minutes",
            "hosts",
            "page_url",
            "updated_at",
        ]
        read_only_fields = fields  # an answer only: all in every answer


# --- Filters -------------------------------------------------------------------------


class SideEventFilter(filters.FilterSet):
    q = search_filter(
        _("Tìm không dấu, mọi từ phải khớp: tiêu đề, tóm tắt, phòng, diễn giả (hai thứ tiếng).")
    )
    kind = filters.ChoiceFilter(
        choices=SideEvent.Kind.choices,
        help_text=_("Loại sự kiện."),
    )
    day = filters.DateFilter(
        field_name="starts_at",
        lookup_expr="date",
        help_text=_("Ngày diễn ra (giờ Hà Nội), dạng 2024-09-20."),
    )
    starts_after = InstantFilter(
        field_name="starts_at",
        lookup_expr="gte",
        help_text=_("Bắt đầu từ lúc này trở đi (ISO 8601; không ghi múi giờ thì là giờ Hà Nội)."),
    )
    starts_before = InstantFilter(
        field_name="starts_at",
        lookup_expr="lt",
        help_text=_("Bắt đầu trước lúc này (ISO 8601)."),
    )
    ordering = StableOrderingFilter(
        fields=(("starts_at", "time"),),
        field_labels={"starts_at": _("Giờ bắt đầu")},
        help_text=_("Thứ tự: time (giờ bắt đầu, mặc định) hoặc -time."),
    )

    class Meta:
        model = SideEvent
        fields = []

    def filter_q(self, queryset, name, value):
        """Events have no search column: the programme of a fair is short, so fold here.

        One query for the texts of the rows left, then a filter on their keys.
        """
        words = search_words(value)
        if not words:
            return queryset
        fields = ("title", "summary", "room", "speakers")
        # Every word in the Vietnamese texts, or every word in the English ones.
        columns = [f"{field}_{language}" for language in ("vi", "en") for field in fields]
        matching = [
            row[0]
            for row in queryset.order_by().values_list("pk", *columns)
            if matches_words(words, *row[1:5]) or matches_words(words, *row[5:])
        ]
        return queryset.filter(pk__in=matching)


# --- Endpoints -----------------------------------------------------------------------


@extend_schema(tags=["fairs"], parameters=CONDITIONAL_PARAMETERS)
class FairViewSet(PublicReadOnlyViewSet):
    """The editions of the fair, the latest first."""

    queryset = Fair.objects.prefetch_related("figures").order_by("-starts_on", "pk")
    serializer_class = FairSerializer
    modified_with = ("figures",)

    @extend_schema(
        summary=_("Các kỳ hội chợ"),
        description=_("Mọi kỳ, mới nhất trước; `is_current` đánh dấu kỳ hiện tại."),
        responses=read_responses(FairSerializer(many=True)),
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Một kỳ hội chợ"),
        description=_("Một kỳ theo đường dẫn, với các số liệu nổi bật."),
        parameters=[SLUG_PATH_PARAMETER],
        responses=read_responses(FairSerializer),
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


@extend_schema(tags=["events"], parameters=[FAIR_PARAMETER, *CONDITIONAL_PARAMETERS])
class SideEventViewSet(FairScopedMixin, PublicReadOnlyViewSet):
    """The programme: opening, seminars, workshops, business matching, tours."""

    serializer_class = SideEventSerializer
    filterset_class = SideEventFilter
    modified_with = ("hosts", "place")

    def get_queryset(self):
        queryset = (
            SideEvent.objects.filter(is_published=True)
            .select_related("fair", "place")
            .prefetch_related("hosts")
            .order_by("starts_at", "pk")
        )
        if self.action == "retrieve":
            return queryset
        if self.fair is None:
            return SideEvent.objects.none()
        return queryset.filter(fair=self.fair)

    @extend_schema(
        summary=_("Chương trình của một kỳ hội chợ"),
        description=_(
            "Các sự kiện bên lề của kỳ hội chợ (kỳ hiện tại, hoặc `fair`), theo giờ bắt đầu, "
            "với số chỗ còn lại."
        ),
        responses=read_responses(SideEventSerializer(many=True)),
        examples=[
            OpenApiExample(
                "seminar",
                value={
                    "url": "https://hoicho.example.vn/api/v1/events/hoi-thao-cnht/",
                    "slug": "hoi-thao-cnht",
                    "fair": "hoi-cho-kcn-ha-noi-2024",
                    "kind": "seminar",
                    "title": {
                        "vi": "Hội thảo công nghiệp hỗ trợ",
                        "en": "Supporting industry seminar",
                    },
                    "summary": {"vi": "", "en": ""},
                    "description": {"vi": "", "en": ""},
                    "starts_at": "2024-09-20T09:00:00+07:00",
                    "ends_at": "2024-09-20T11:00:00+07:00",
                    "room": {"vi": "Phòng hội thảo 1", "en": "Seminar room 1"},
                    "speakers": {"vi": "", "en": ""},
                    "capacity": 120,
                    "seats_left": 37,
                    "registration_open": True,
                    "cancelled": False,
                    "place": {
                        "name": {"vi": "Phòng hội thảo 1", "en": "Seminar room 1"},
                        "kind": "seminar_room",
                        "hall": "A",
                        "plan_url": {
                            "vi": "https://hoicho.example.vn/floor-plan/#place-3",
                            "en": "https://hoicho.example.vn/en/floor-plan/#place-3",
                        },
                    },
                    "slot_minutes": 30,
                    "hosts": [],
                    "page_url": {
                        "vi": "https://hoicho.example.vn/events/hoi-thao-cnht/",
                        "en": "https://hoicho.example.vn/en/events/hoi-thao-cnht/",
                    },
                    "updated_at": "2024-09-01T10:00:00+07:00",
                },
                response_only=True,
                status_codes=["200"],
            )
        ],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Một sự kiện"),
        description=_("Mọi sự kiện theo đường dẫn, thuộc kỳ nào cũng được."),
        parameters=[SLUG_PATH_PARAMETER],
        responses=read_responses(SideEventSerializer),
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


# --- Public writes of the fair's mobile app ------------------------------------------
#
# The body's JSON shape (types, which fields exist, which are required) is read off the
# web form by `form_fields`; the rules (phone to E.164, consent, slots on the session
# grid and free, one to three slots, one session) are the form's own: the serializer
# runs the form on the body, then the view calls the same service as the page.


class JsonBooleanField(serializers.BooleanField):
    """A JSON true or false, nothing else: consent given as "true" or 1 is not taken
    for a yes."""

    default_error_messages = {"invalid": _("Hãy gửi true hoặc false (JSON).")}

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        self.fail("invalid", input=data)


class JsonStringField(serializers.CharField):
    """A JSON string, nothing else: a name sent as 123 or true is a mistake of the
    client, not a name."""

    default_error_messages = {"invalid": _("Hãy gửi một chuỗi (JSON string).")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def _serializer_field(form_field):
    """A serializer field of the same JSON type as `form_field`, for the body's shape."""
    common = {
        "required": form_field.required,
        "help_text": form_field.help_text or form_field.label,
        # A body of the right type but a wrong e-mail or too long a text is told in the
        # words the page's form uses.
        "error_messages": site_error_messages(form_field),
    }
    if isinstance(form_field, forms.BooleanField):
        return JsonBooleanField(**common)
    if isinstance(form_field, forms.MultipleChoiceField):
        return SlotListField(**common)
    if isinstance(form_field, forms.ModelChoiceField):
        return JsonStringField(allow_null=True, allow_blank=True, **common)
    if isinstance(form_field, forms.ChoiceField):
        return serializers.ChoiceField(choices=form_field.choices, **common)
    if isinstance(form_field, forms.EmailField):
        return serializers.EmailField(max_length=form_field.max_length, **common)
    return JsonStringField(
        allow_blank=not form_field.required, max_length=form_field.max_length, **common
    )


def form_fields(form_class) -> dict:
    """The serializer fields of `form_class`'s fields, the honeypot left out."""
    return {
        name: _serializer_field(field)
        for name, field in form_class.base_fields.items()
        if name not in HoneypotMixin.base_fields
    }


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "string",
            "format": "date-time",
            "example": "2024-09-21T09:00:00+07:00",
        },
        "example": ["2024-09-21T09:00:00+07:00", "2024-09-21T09:30:00+07:00"],
    }
)
class SlotListField(serializers.ListField):
    """Slot starts as ISO 8601 datetimes, any offset (without one: Hanoi time).

    Each is written the way the form's choices are (Hanoi time, ISO 8601), so the same
    instant given in UTC is the same slot; what cannot be read is left as it was and
    the form calls it an unknown slot.
    """

    child = serializers.CharField()

    def to_internal_value(self, data):
        return [self._canonical(value) for value in super().to_internal_value(data)]

    @staticmethod
    def _canonical(value: str) -> str:
        try:
            slot = datetime.datetime.fromisoformat(value)
            if timezone.is_naive(slot):
                slot = timezone.make_aware(slot)
            return timezone.localtime(slot).isoformat()
        except (ValueError, OverflowError):
            return value


# Checks the body's shape, then runs the page's form on it: its errors are 400s. (No
# docstring: it would show in the schema as each input's description.)
class FormBackedSerializer(serializers.Serializer):
    form_class = None
    language = serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES],
        required=False,
        help_text=_(
            "Ngôn ngữ của e-mail và đường dẫn trả về (vi hoặc en); mặc định theo "
            "Accept-Language, rồi tiếng Việt."
        ),
    )

    def get_form(self, data):
        return self.form_class(data=data)

    @staticmethod
    def _form_data(attrs) -> dict:
        data = {}
        for name, value in attrs.items():
            if isinstance(value, bool):
                if value:
                    data[name] = "on"
            elif value is not None:
                data[name] = value
        return data

    def to_internal_value(self, data):
        # The body's text is read as NFC before the shape check, as the page's form
        # reads it: else a name sent as "e" + combining marks (NFD) would count those
        # marks against the form's length (a 200-letter name refused as 300 long).
        data = composed_data(data) if isinstance(data, dict) else data
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as shape:
            if not isinstance(shape.detail, dict) or not isinstance(data, dict):
                raise
            raise serializers.ValidationError(
                self._with_form_errors(data, dict(shape.detail))
            ) from None

    def _with_form_errors(self, data, errors: dict) -> dict:
        """The shape's errors, and the form's on the fields whose shape was right: a
        client hears of every mistake at once, not of the phone only once the name is
        fixed. (The form's errors across fields wait for a body of the right shape.)"""
        attrs = {}
        for name, field in self.fields.items():
            if name in errors or name not in data:
                continue
            try:
                attrs[name] = field.run_validation(data[name])
            except serializers.ValidationError:
                return errors  # not expected: the shape check passed it
        form = self.get_form(self._form_data(attrs))
        form.is_valid()
        for name, messages in form.errors.items():
            if name in attrs and name not in errors:
                errors[name] = messages
        return errors

    def validate(self, attrs):
        form = self.get_form(self._form_data(attrs))
        if not form.is_valid():
            raise serializers.ValidationError(
                {
                    (api_settings.NON_FIELD_ERRORS_KEY if name == "__all__" else name): messages
                    for name, messages in form.errors.items()
                }
            )
        self.form = form
        return {**form.cleaned_data, "language": attrs.get("language") or _request_language()}


def _request_language() -> str:
    language = (get_language() or "vi")[:2]
    return language if language in dict(settings.LANGUAGES) else "vi"


def _absolute(language: str, name: str, **kwargs) -> str:
    """An address of the portal as the mails give it (PORTAL_BASE_URL, in `language`)."""
    with translation.override(language):
        return settings.PORTAL_BASE_URL + reverse(name, kwargs=kwargs)


class RegistrationInputSerializer(FormBackedSerializer):
    form_class = RegistrationForm

    def get_fields(self):
        return {**form_fields(RegistrationForm), **super().get_fields()}


class MeetingRequestInputSerializer(FormBackedSerializer):
    form_class = MeetingRequestForm

    def get_fields(self):
        fields = form_fields(MeetingRequestForm)
        fields["sector"].help_text = _("Ngành quan tâm: đường dẫn (slug) của một ngành, hoặc null.")
        fields["slots"].help_text = _(
            "Một đến ba giờ bắt đầu của khung giờ còn trống trong cùng một phiên kết nối "
            "doanh nghiệp, dạng ISO 8601 (không có múi giờ: giờ Hà Nội)."
        )
        return {**fields, **super().get_fields()}

    def validate(self, attrs):
        data = super().validate(attrs)
        data["session"] = self.form.session()
        return data

    def get_form(self, data):
        form = MeetingRequestForm(data=data, offered=self.context["offered"])
        form.fields["sector"].to_field_name = "slug"  # the API names sectors by slug
        return form


class RegistrationResultSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[EventRegistration.Status.CONFIRMED, EventRegistration.Status.WAITLISTED],
        source="registration.status",
        help_text=_("confirmed: có chỗ; waitlisted: trong danh sách chờ."),
    )
    waitlist_position = serializers.IntegerField(
        allow_null=True, help_text=_("Thứ tự trong danh sách chờ, hoặc null khi đã có chỗ.")
    )
    event = serializers.SlugField(source="registration.event.slug")
    link = serializers.SerializerMethodField(
        help_text=_("Trang xem và huỷ đăng ký (đường dẫn bí mật, như trong e-mail xác nhận).")
    )

    def get_link(self, result) -> str:
        return _absolute(result.registration.language, "events:registration", token=result.token)


class MeetingResultSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=MeetingRequest.Status.choices, source="meeting.status")
    exhibitor = serializers.SlugField(source="meeting.exhibitor.slug")
    session = serializers.SlugField(source="meeting.session.slug")
    proposed_slots = serializers.ListField(
        child=serializers.DateTimeField(), source="meeting.proposed_slots"
    )
    link = serializers.SerializerMethodField(
        help_text=_("Trang theo dõi và huỷ yêu cầu (đường dẫn bí mật, như trong e-mail).")
    )

    def get_link(self, result) -> str:
        return _absolute(result["meeting"].language, "events:meeting", token=result["token"])


WRITE_ERRORS = write_error_responses()  # anonymous: no login, no session, no CSRF
WRITE_ERRORS[413] = error_response(
    _("Thân yêu cầu lớn hơn giới hạn của máy chủ (DATA_UPLOAD_MAX_MEMORY_SIZE)."),
    "Nội dung gửi lên quá lớn: tối đa 8.388.608 byte.",
    status_code=413,
    code="too_large",
)
WRITE_ERRORS[415] = error_response(
    _("Thân yêu cầu không phải JSON (Content-Type: application/json)."),
    'Unsupported media type "application/x-www-form-urlencoded" in request.',
    status_code=415,
    code="unsupported_media_type",
)

RETRY_AFTER_HEADER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[429],
    description=_("Số giây phải chờ trước khi gửi lại."),
)

_WRITE_429_NOTE = _(
    " Giới hạn: theo địa chỉ của máy khách và theo e-mail (như biểu mẫu trên trang); "
    "vượt quá: 429 với `Retry-After`."
)


@extend_schema(tags=["events"])
class RegistrationCreateView(PublicCreateView):
    """POST /api/v1/events/<slug>/registrations/: a seat at a seminar, else the waitlist."""

    serializer_class = RegistrationInputSerializer
    result_serializer_class = RegistrationResultSerializer
    rate_limit_kind = "registration"
    domain_errors = (services.EventsError,)

    @extend_schema(
        operation_id="events_registrations_create",
        summary=_("Đăng ký dự một sự kiện"),
        description=_(
            "Như biểu mẫu trên trang sự kiện: còn chỗ thì `confirmed`, hết chỗ thì "
            "`waitlisted` với thứ tự chờ. E-mail xác nhận (kèm lịch .ics) được gửi như từ "
            "trang; `link` là trang xem và huỷ đăng ký. 409 khi e-mail đã đăng ký, sự kiện "
            "không nhận đăng ký hoặc thuộc kỳ đã qua."
        )
        + _WRITE_429_NOTE,
        parameters=[SLUG_PATH_PARAMETER, RETRY_AFTER_HEADER],
        request=RegistrationInputSerializer,
        responses={201: RegistrationResultSerializer, **WRITE_ERRORS},
        examples=[
            OpenApiExample(
                "registration",
                value={
                    "name": "Nguyễn Thị Lan",
                    "email": "lan.nguyen@example.vn",
                    "phone": "0912 345 678",
                    "organisation": "Công ty TNHH Cơ khí Thăng Long",
                    "job_title": "Trưởng phòng mua hàng",
                    "zalo": "",
                    "consent": True,
                    "language": "vi",
                },
                request_only=True,
            ),
            OpenApiExample(
                "confirmed",
                value={
                    "status": "confirmed",
                    "waitlist_position": None,
                    "event": "hoi-thao-cnht",
                    "link": "https://hoicho.example.vn/events/registrations/Zk3…/",
                },
                response_only=True,
                status_codes=["201"],
            ),
            OpenApiExample(
                "waitlisted",
                value={
                    "status": "waitlisted",
                    "waitlist_position": 3,
                    "event": "hoi-thao-cnht",
                    "link": "https://hoicho.example.vn/events/registrations/q8R…/",
                },
                response_only=True,
                status_codes=["201"],
            ),
            OpenApiExample(
                "already registered",
                value={
                    "status": 409,
                    "code": "conflict",
                    "detail": "E-mail này đã đăng ký sự kiện này (đã có chỗ hoặc đang "
                    "trong danh sách chờ). Liên kết cá nhân để xem hoặc huỷ đăng ký nằm trong "
                    "e-mail chúng tôi gửi khi bạn đăng ký; không tìm thấy e-mail đó thì hãy "
                    "yêu cầu gửi lại liên kết trên trang của sự kiện.",
                },
                response_only=True,
                status_codes=["409"],
            ),
            OpenApiExample(
                "invalid phone",
                value={
                    "status": 400,
                    "code": "invalid",
                    "detail": "Dữ liệu không hợp lệ: phone, consent.",
                    "errors": {
                        "phone": [
                            "Số điện thoại Việt Nam không hợp lệ: di động gồm 0 và 9 chữ số, "
                            "máy bàn như 024 và 8 chữ số."
                        ],
                        "consent": ["Cần có sự đồng ý của bạn để đăng ký."],
                    },
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def post(self, request, *args, **kwargs):
        self.event = selectors.event_for_page(self.kwargs["slug"])
        if self.event is None:
            raise exceptions.NotFound(_("Không có sự kiện này."))
        return super().post(request, *args, **kwargs)

    def perform_write(self, data):
        return services.register_attendee(event=self.event, data=data, language=data["language"])


@extend_schema(tags=["exhibitors"])
class MeetingRequestCreateView(PublicCreateView):
    """POST /api/v1/exhibitors/<slug>/meeting-requests/: ask an exhibitor for a meeting."""

    serializer_class = MeetingRequestInputSerializer
    result_serializer_class = MeetingResultSerializer
    rate_limit_kind = "meeting"
    domain_errors = (services.EventsError,)

    @extend_schema(
        operation_id="exhibitors_meeting_requests_create",
        summary=_("Xin gặp một doanh nghiệp ở phiên kết nối"),
        description=_(
            "Như biểu mẫu “Đặt lịch gặp” trên trang doanh nghiệp: một đến ba khung giờ còn "
            "trống của cùng một phiên kết nối doanh nghiệp (giờ bắt đầu, ISO 8601). Khung "
            "giờ ngoài lưới của phiên hoặc đã có lịch gặp: 400; khung giờ vừa bị giữ trong "
            "lúc gửi, phiên không thuộc kỳ hiện tại: 409. Doanh nghiệp nhận e-mail, người "
            "gửi nhận e-mail xác nhận; `link` là trang theo dõi và huỷ yêu cầu."
        )
        + _WRITE_429_NOTE,
        parameters=[SLUG_PATH_PARAMETER, RETRY_AFTER_HEADER],
        request=MeetingRequestInputSerializer,
        responses={201: MeetingResultSerializer, **WRITE_ERRORS},
        examples=[
            OpenApiExample(
                "meeting request",
                value={
                    "name": "Tanaka Hiroshi",
                    "company": "Tanaka Trading Co., Ltd.",
                    "country": "JP",
                    "email": "tanaka@example.jp",
                    "phone": "+81 3 1234 5678",
                    "zalo": "",
                    "sector": "dien-tu",
                    "message": "Tìm nhà cung cấp linh kiện nhựa kỹ thuật, 20.000 chiếc/tháng.",
                    "slots": ["2024-09-21T09:00:00+07:00", "2024-09-21T09:30:00+07:00"],
                    "consent": True,
                    "language": "en",
                },
                request_only=True,
            ),
            OpenApiExample(
                "pending",
                value={
                    "status": "pending",
                    "exhibitor": "canon-viet-nam",
                    "session": "ket-noi-doanh-nghiep-21-9",
                    "proposed_slots": ["2024-09-21T09:00:00+07:00", "2024-09-21T09:30:00+07:00"],
                    "link": "https://hoicho.example.vn/en/events/meetings/Hx9…/",
                },
                response_only=True,
                status_codes=["201"],
            ),
            OpenApiExample(
                "slot not offered",
                value={
                    "status": 400,
                    "code": "invalid",
                    "detail": "Dữ liệu không hợp lệ: slots.",
                    "errors": {
                        "slots": [
                            "Giờ 21/09/2024 09:10 không phải là một khung giờ của phiên kết "
                            "nối; hãy chọn lại trong danh sách."
                        ]
                    },
                },
                response_only=True,
                status_codes=["400"],
            ),
            OpenApiExample(
                "slot just taken",
                value={
                    "status": 409,
                    "code": "conflict",
                    "detail": "Một khung giờ bạn chọn vừa có lịch gặp khác. Vui lòng chọn "
                    "khung giờ khác.",
                },
                response_only=True,
                status_codes=["409"],
            ),
        ],
    )
    def post(self, request, *args, **kwargs):
        self.exhibitor = Exhibitor.objects.filter(
            slug=self.kwargs["slug"], is_published=True
        ).first()
        if self.exhibitor is None:
            raise exceptions.NotFound(_("Không có doanh nghiệp này."))
        self.offered = selectors.offered_slots(
            fair=selectors.current_fair(), exhibitor=self.exhibitor
        )
        return super().post(request, *args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "offered": getattr(self, "offered", [])}

    def perform_write(self, data):
        meeting, token = services.request_meeting(
            exhibitor=self.exhibitor,
            session=data["session"],
            data=data,
            slots=data["slots"],
            language=data["language"],
        )
        return {"meeting": meeting, "token": token}
