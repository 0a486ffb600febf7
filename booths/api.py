"""The API of the floor: the booths of a fair, free, taken or kept by the board."""

from django.db.models import Q
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers

from booths.models import Booth, BoothKind, normalize_booth_code
from exhibitors.api import ExhibitorRefSerializer
from fairportal.api import (
    CONDITIONAL_PARAMETERS,
    FAIR_PARAMETER,
    FairScopedMixin,
    PublicReadOnlyViewSet,
    StableOrderingFilter,
    read_responses,
    search_filter,
)
from fairportal.text import filter_by_words

STATES = [
    ("free", _("Còn trống")),
    ("taken", _("Đã có doanh nghiệp")),
    ("kept", _("Ban Quản lý giữ lại")),
]
STATE_QUERIES = {
    "free": Q(exhibitor__isnull=True, is_blocked=False),
    "taken": Q(exhibitor__isnull=False),
    "kept": Q(is_blocked=True),
}


class PlanSerializer(serializers.Serializer):
    x = serializers.IntegerField(source="plan_x")
    y = serializers.IntegerField(source="plan_y")
    w = serializers.IntegerField(source="plan_w")
    h = serializers.IntegerField(source="plan_h")


class BoothSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    fair = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    state = serializers.ChoiceField(
        choices=STATES,
        read_only=True,
        help_text=_("free: còn trống; taken: đã có doanh nghiệp; kept: Ban Quản lý giữ lại."),
    )
    area_m2 = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)
    plan = PlanSerializer(source="*", read_only=True, help_text=_("Vị trí trên sơ đồ mặt bằng."))
    exhibitor = serializers.SerializerMethodField(
        help_text=_("Doanh nghiệp ở gian này, khi gian đã có chủ và hồ sơ đang công khai.")
    )

    class Meta:
        model = Booth
        fields = [
            "url",
            "code",
            "fair",
            "hall",
            "kind",
            "width_m",
            "depth_m",
            "area_m2",
            "price_vnd",
            "price_includes_vat",
            "state",
            "exhibitor",
            "fascia_name",
            "plan",
            "updated_at",
        ]
        read_only_fields = fields  # an answer only: all in every answer

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, booth):
        try:
            path = reverse("api:booth-detail", kwargs={"code": booth.code})
        except NoReverseMatch:  # a code from before the rule that has no address (A/1)
            return None
        return self.context["request"].build_absolute_uri(f"{path}?fair={booth.fair.slug}")

    @extend_schema_field(ExhibitorRefSerializer(allow_null=True))
    def get_exhibitor(self, booth):
        if booth.exhibitor is None or not booth.exhibitor.is_published:
            return None
        return ExhibitorRefSerializer(booth.exhibitor, context=self.context).data


class BoothFilter(filters.FilterSet):
    q = search_filter(
        _("Tìm không dấu theo doanh nghiệp ở gian (tên, sản phẩm, ngành…); mọi từ phải khớp.")
    )
    kind = filters.ChoiceFilter(choices=BoothKind.choices, help_text=_("Loại gian."))
    state = filters.ChoiceFilter(choices=STATES, method="filter_state", help_text=_("Trạng thái."))
    hall = filters.CharFilter(
        max_length=10, help_text=_("Nhà/khu, ví dụ A."), field_name="hall", lookup_expr="iexact"
    )
    ordering = StableOrderingFilter(
        fields=(("code", "code"), ("price_vnd", "price")),
        field_labels={"code": _("Mã gian"), "price_vnd": _("Giá")},
        help_text=_("Thứ tự: code (mã gian, mặc định), price, hoặc đảo với -."),
    )

    class Meta:
        model = Booth
        fields = []

    def filter_q(self, queryset, name, value):
        return filter_by_words(
            queryset.filter(exhibitor__is_published=True), value, "exhibitor__search_text"
        )

    def filter_state(self, queryset, name, value):
        return queryset.filter(STATE_QUERIES[value])


@extend_schema(tags=["booths"], parameters=[FAIR_PARAMETER, *CONDITIONAL_PARAMETERS])
class BoothViewSet(FairScopedMixin, PublicReadOnlyViewSet):
    """The booths of a fair, with their state and, when taken, their exhibitor."""

    serializer_class = BoothSerializer
    filterset_class = BoothFilter
    lookup_field = "code"
    lookup_value_regex = "[^/]{1,30}"
    modified_with = ("exhibitor",)

    def get_object(self):
        # "a20" is A20, as on the floor plan's ?booth= and in the admin; a code stored
        # before that rule (left by migration 0005 for the board) is found as it is.
        typed = self.kwargs[self.lookup_field]
        queryset = self.filter_queryset(self.get_queryset())
        booth = queryset.filter(code__in={normalize_booth_code(typed), typed}).first()
        if booth is None:
            raise Http404
        self.check_object_permissions(self.request, booth)
        return booth

    def get_queryset(self):
        if self.fair is None:
            return Booth.objects.none()
        return (
            Booth.objects.filter(fair=self.fair)
            .select_related("fair", "exhibitor")
            .order_by("code", "pk")
        )

    @extend_schema(
        summary=_("Các gian của một kỳ hội chợ"),
        description=_(
            "Mọi gian của kỳ hội chợ (kỳ hiện tại, hoặc `fair`) theo mã gian, với trạng thái và "
            "doanh nghiệp khi gian đã có chủ."
        ),
        responses=read_responses(BoothSerializer(many=True)),
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Một gian"),
        description=_("Gian theo mã, trong kỳ hội chợ hiện tại hoặc `fair`."),
        responses=read_responses(BoothSerializer),
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
