"""The API of the fair and its programme: editions and side events (with seats left).

The public writes of the fair's mobile app (seminar registration, meeting request)
belong here too, as `fairportal.api.PublicCreateView` subclasses that call the
services of `events.services`; see `fairportal/api_urls.py` for where they plug in.
"""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers

from events.models import Fair, FairFigure, SideEvent
from exhibitors.api import ExhibitorRefSerializer
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
    PublicReadOnlyViewSet,
    StableOrderingFilter,
    TranslatedField,
    read_responses,
    search_filter,
)
from fairportal.text import fold, search_words

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
    email = OptionalEmailField()
    map_url = OptionalURLField()
    opens_at = LocalTimeField()
    closes_at = LocalTimeField()
    last_day_closes_at = LocalTimeField(
        allow_null=True, help_text=_("Giờ đóng cửa ngày cuối, nếu khác; hoặc null.")
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


class SideEventSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", lookup_field="slug")
    fair = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    title = TranslatedField()
    summary = TranslatedField()
    description = TranslatedField()
    room = TranslatedField()
    speakers = TranslatedField(help_text=_("Diễn giả, mỗi dòng một người."))
    seats_left = serializers.IntegerField(
        read_only=True, help_text=_("Số chỗ còn lại: sức chứa trừ số chỗ đã đăng ký.")
    )
    hosts = ExhibitorRefSerializer(many=True, read_only=True)
    page_url = PageUrlsField("/events/{obj.slug}/")

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
            "slot_minutes",
            "hosts",
            "page_url",
            "updated_at",
        ]


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
        text_fields = [
            f"{field}_{language}"
            for field in ("title", "summary", "room", "speakers")
            for language in ("vi", "en")
        ]
        matching = [
            row[0]
            for row in queryset.order_by().values_list("pk", *text_fields)
            if all(word in fold(" ".join(part or "" for part in row[1:])) for word in words)
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
    modified_with = ("hosts",)

    def get_queryset(self):
        queryset = (
            SideEvent.objects.select_related("fair")
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
