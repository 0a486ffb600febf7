"""The API of who exhibits: sectors, industrial zones, exhibitors and their products.

An exhibitor takes part in a fair when it holds a booth there: lists show the
published exhibitors (and their published products) with a booth in the fair of the
request (`?fair=<slug>`, else the current one). Details answer for any published
exhibitor or product, with the booths of that fair. Booths are reached through the
reverse relation `exhibitor.booths`: this app imports nothing from the others.
"""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import serializers

from exhibitors.models import Exhibitor, IndustrialZone, Product, Sector
from exhibitors.selectors import in_sectors, search_exhibitors, search_products
from fairportal.api import (
    CONDITIONAL_PARAMETERS,
    FAIR_PARAMETER,
    SLUG_PATH_PARAMETER,
    CountryFilter,
    FairScopedMixin,
    OptionalEmailField,
    OptionalURLField,
    PageUrlsField,
    PublicReadOnlyViewSet,
    SlugFilter,
    SlugsFilter,
    StableOrderingFilter,
    TranslatedField,
    read_responses,
    search_filter,
)

# --- Serializers ---------------------------------------------------------------------


class SectorRefSerializer(serializers.ModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Sector
        fields = ["slug", "name"]


class ZoneRefSerializer(serializers.ModelSerializer):
    name = TranslatedField()

    class Meta:
        model = IndustrialZone
        fields = ["slug", "name"]


# An exhibitor named inside another object (a product, a booth, an event).
class ExhibitorRefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:exhibitor-detail", lookup_field="slug"
    )
    name = TranslatedField()

    class Meta:
        model = Exhibitor
        fields = ["url", "slug", "name"]


class SectorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:sector-detail", lookup_field="slug")
    name = TranslatedField()
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Sector
        fields = ["url", "slug", "name", "parent", "position", "updated_at"]
        read_only_fields = fields  # an answer only: all in every answer


class ZoneSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:zone-detail", lookup_field="slug")
    name = TranslatedField()
    description = TranslatedField()

    class Meta:
        model = IndustrialZone
        fields = [
            "url",
            "slug",
            "name",
            "district",
            "description",
            "position",
            "is_sample",
            "updated_at",
        ]
        read_only_fields = fields  # an answer only: all in every answer


# A booth of the exhibitor in the fair of the request.
class BoothRefSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã gian, ví dụ A07."))
    hall = serializers.CharField()
    kind = serializers.CharField(help_text="standard, corner, premium, raw_space")


class ProductRefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:product-detail")
    name = TranslatedField()
    sector = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    image_thumb = serializers.ImageField(read_only=True, allow_null=True)

    class Meta:
        model = Product
        fields = ["url", "id", "name", "sector", "image_thumb"]


# An exhibitor in a list: who, where from, which sectors, which booths.
class ExhibitorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:exhibitor-detail", lookup_field="slug"
    )
    name = TranslatedField()
    zone = ZoneRefSerializer(read_only=True, allow_null=True)
    sectors = SectorRefSerializer(many=True, read_only=True)
    booths = serializers.SerializerMethodField(
        help_text=_("Các gian của doanh nghiệp trong kỳ hội chợ được hỏi.")
    )
    product_count = serializers.IntegerField(read_only=True, help_text=_("Số sản phẩm công khai."))
    logo = serializers.ImageField(
        read_only=True, allow_null=True, help_text=_("Địa chỉ tuyệt đối, hoặc null.")
    )
    logo_thumb = serializers.ImageField(read_only=True, allow_null=True)
    website = OptionalURLField()
    origin_country = serializers.CharField(
        read_only=True, help_text=_("Mã ISO 3166 hai chữ cái của nhà đầu tư.")
    )
    page_url = PageUrlsField("/exhibitors/{obj.slug}/")

    class Meta:
        model = Exhibitor
        fields = [
            "url",
            "slug",
            "name",
            "legal_name",
            "origin_country",
            "zone",
            "sectors",
            "booths",
            "product_count",
            "logo",
            "logo_thumb",
            "website",
            "is_featured",
            "is_sample",
            "page_url",
            "updated_at",
        ]
        read_only_fields = fields  # an answer only: all in every answer

    @extend_schema_field(BoothRefSerializer(many=True))
    def get_booths(self, exhibitor):
        fair = self.context.get("fair")
        # All the exhibitor's booths are prefetched (few, over a few fairs): keep this fair's.
        booths = [booth for booth in exhibitor.booths.all() if fair and booth.fair_id == fair.pk]
        return BoothRefSerializer(booths, many=True).data


# An exhibitor's profile: the list fields plus contacts, description and products.
class ExhibitorDetailSerializer(ExhibitorSerializer):
    description = TranslatedField()
    address = TranslatedField()
    email = OptionalEmailField()
    products = ProductRefSerializer(
        source="public_products",
        many=True,
        read_only=True,
        help_text=_("Các sản phẩm công khai, theo thứ tự của doanh nghiệp."),
    )

    class Meta(ExhibitorSerializer.Meta):
        fields = [
            *ExhibitorSerializer.Meta.fields,
            "description",
            "address",
            "email",
            "phone",
            "products",
        ]
        read_only_fields = fields


class ProductSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:product-detail")
    name = TranslatedField()
    description = TranslatedField()
    sector = SectorRefSerializer(read_only=True, allow_null=True)
    exhibitor = ExhibitorRefSerializer(read_only=True)
    image = serializers.ImageField(
        read_only=True, allow_null=True, help_text=_("Địa chỉ tuyệt đối, hoặc null.")
    )
    image_thumb = serializers.ImageField(read_only=True, allow_null=True)

    class Meta:
        model = Product
        fields = [
            "url",
            "id",
            "name",
            "description",
            "sector",
            "exhibitor",
            "image",
            "image_thumb",
            "updated_at",
        ]


# --- Queries -------------------------------------------------------------------------


def published_exhibitors():
    # The count of products is a subquery per row, not a join grouped over every
    # listed company: PostgreSQL then reads the companies in name order, stops at the
    # page's end and counts for those 20 alone (17 ms → 1 ms at 5,000 exhibitors).
    published_products_of = Product.objects.filter(
        exhibitor=OuterRef("pk"), is_published=True
    ).order_by()
    return (
        Exhibitor.objects.filter(is_published=True)
        .select_related("zone")
        .prefetch_related("sectors", "booths")
        .annotate(
            product_count=Coalesce(
                Subquery(
                    published_products_of.values("exhibitor").annotate(n=Count("pk")).values("n"),
                    output_field=IntegerField(),
                ),
                0,
            )
        )
        .order_by("name_sort", "pk")
    )


def exhibitors_in(fair):
    """The published exhibitors with at least one booth in `fair`."""
    if fair is None:
        return Exhibitor.objects.none()
    return published_exhibitors().filter(
        pk__in=Exhibitor.objects.filter(booths__fair=fair).values("pk")
    )


def published_products():
    return (
        Product.objects.filter(is_published=True, exhibitor__is_published=True)
        .select_related("exhibitor", "sector")
        .order_by("name_sort", "pk")
    )


# --- Filters -------------------------------------------------------------------------


class ExhibitorFilter(filters.FilterSet):
    q = search_filter(
        _(
            "Tìm không dấu, mọi từ phải khớp: tên (hai thứ tiếng), tên pháp lý, giới thiệu, "
            "mã gian, sản phẩm, ngành, khu công nghiệp. “may in canon” tìm ra máy in của Canon."
        )
    )
    sector = SlugsFilter(
        queryset=Sector.objects.all(),
        method="filter_sector",
        not_found=_("Không có ngành “%(value)s”."),
        help_text=_(
            "Đường dẫn của ngành; gồm cả các ngành con. Lặp lại để lấy nhiều ngành "
            "(?sector=a&sector=b: thuộc một trong các ngành)."
        ),
    )
    zone = SlugFilter(
        queryset=IndustrialZone.objects.all(),
        field_name="zone",
        not_found=_("Không có khu công nghiệp “%(value)s”."),
        help_text=_("Đường dẫn của khu công nghiệp."),
    )
    country = CountryFilter(
        field_name="origin_country",
        help_text=_("Quốc gia của nhà đầu tư, mã ISO 3166 hai chữ cái (VN, JP, KR…)."),
    )
    ordering = StableOrderingFilter(
        fields=(("name_sort", "name"),),
        field_labels={"name_sort": _("Tên")},
        help_text=_("Thứ tự: name (theo bảng chữ cái tiếng Việt, mặc định) hoặc -name."),
    )

    class Meta:
        model = Exhibitor
        fields = []

    def filter_q(self, queryset, name, value):
        return search_exhibitors(queryset, value)

    def filter_sector(self, queryset, name, value):
        through = Exhibitor.sectors.through.objects.filter(in_sectors(s.slug for s in value))
        return queryset.filter(pk__in=through.values("exhibitor_id"))


class ProductFilter(filters.FilterSet):
    q = search_filter(
        _("Tìm không dấu, mọi từ phải khớp: tên và mô tả sản phẩm, doanh nghiệp, ngành.")
    )
    sector = SlugsFilter(
        queryset=Sector.objects.all(),
        method="filter_sector",
        not_found=_("Không có ngành “%(value)s”."),
        help_text=_(
            "Đường dẫn của ngành; gồm cả các ngành con. Lặp lại để lấy nhiều ngành "
            "(?sector=a&sector=b: thuộc một trong các ngành)."
        ),
    )
    exhibitor = SlugFilter(
        queryset=Exhibitor.objects.filter(is_published=True),
        field_name="exhibitor",
        not_found=_("Không có doanh nghiệp “%(value)s”."),
        help_text=_("Đường dẫn của doanh nghiệp."),
    )
    zone = SlugFilter(
        queryset=IndustrialZone.objects.all(),
        field_name="exhibitor__zone",
        not_found=_("Không có khu công nghiệp “%(value)s”."),
        help_text=_("Khu công nghiệp của doanh nghiệp."),
    )
    country = CountryFilter(
        field_name="exhibitor__origin_country",
        help_text=_("Quốc gia của nhà đầu tư, mã ISO 3166 hai chữ cái."),
    )
    ordering = StableOrderingFilter(
        fields=(("name_sort", "name"), ("exhibitor__name_sort", "exhibitor")),
        field_labels={
            "name_sort": _("Tên"),
            "exhibitor__name_sort": pgettext_lazy("cột", "Doanh nghiệp"),
        },
        help_text=_("Thứ tự: name (mặc định), exhibitor (theo tên doanh nghiệp), hoặc đảo với -."),
    )

    class Meta:
        model = Product
        fields = []

    def filter_q(self, queryset, name, value):
        return search_products(queryset, value)

    def filter_sector(self, queryset, name, value):
        return queryset.filter(in_sectors(s.slug for s in value))


class SectorFilter(filters.FilterSet):
    parent = SlugFilter(
        queryset=Sector.objects.all(),
        field_name="parent",
        not_found=_("Không có ngành “%(value)s”."),
        help_text=_("Chỉ các ngành con của ngành này."),
    )

    class Meta:
        model = Sector
        fields = []


# --- Endpoints -----------------------------------------------------------------------


@extend_schema(tags=["sectors"], parameters=CONDITIONAL_PARAMETERS)
class SectorViewSet(PublicReadOnlyViewSet):
    """Sectors (ngành), with their parent sector."""

    queryset = Sector.objects.select_related("parent").order_by("position", "slug", "pk")
    serializer_class = SectorSerializer
    filterset_class = SectorFilter

    @extend_schema(
        summary=_("Các ngành"),
        description=_("Mọi ngành, theo thứ tự do Ban Quản lý đặt."),
        responses=read_responses(SectorSerializer(many=True)),
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Một ngành"),
        description=_("Một ngành theo đường dẫn."),
        parameters=[SLUG_PATH_PARAMETER],
        responses=read_responses(SectorSerializer),
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


@extend_schema(tags=["zones"], parameters=CONDITIONAL_PARAMETERS)
class ZoneViewSet(PublicReadOnlyViewSet):
    """Hanoi's industrial zones (khu công nghiệp)."""

    queryset = IndustrialZone.objects.order_by("position", "slug", "pk")
    serializer_class = ZoneSerializer

    @extend_schema(
        summary=_("Các khu công nghiệp"),
        description=_("Các khu công nghiệp của Hà Nội, theo thứ tự do Ban Quản lý đặt."),
        responses=read_responses(ZoneSerializer(many=True)),
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Một khu công nghiệp"),
        description=_("Một khu công nghiệp theo đường dẫn."),
        parameters=[SLUG_PATH_PARAMETER],
        responses=read_responses(ZoneSerializer),
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


EXHIBITOR_EXAMPLE = {
    "url": "https://hoicho.example.vn/api/v1/exhibitors/canon-viet-nam/",
    "slug": "canon-viet-nam",
    "name": {"vi": "Canon Việt Nam", "en": "Canon Vietnam"},
    "legal_name": "Công ty TNHH Canon Việt Nam",
    "origin_country": "JP",
    "zone": {"slug": "kcn-thang-long", "name": {"vi": "KCN Thăng Long", "en": "Thang Long IP"}},
    "sectors": [{"slug": "dien-tu", "name": {"vi": "Điện tử", "en": "Electronics"}}],
    "booths": [{"code": "A07", "hall": "A", "kind": "corner"}],
    "product_count": 3,
    "logo": "https://hoicho.example.vn/media/logos/canon.png",
    "logo_thumb": "https://hoicho.example.vn/media/logos/thumbs/canon.webp",
    "website": "https://canon.com.vn",
    "is_featured": True,
    "is_sample": False,
    "page_url": {
        "vi": "https://hoicho.example.vn/exhibitors/canon-viet-nam/",
        "en": "https://hoicho.example.vn/en/exhibitors/canon-viet-nam/",
    },
    "updated_at": "2024-09-01T10:00:00+07:00",
}


@extend_schema(tags=["exhibitors"], parameters=[FAIR_PARAMETER, *CONDITIONAL_PARAMETERS])
class ExhibitorViewSet(FairScopedMixin, PublicReadOnlyViewSet):
    """Exhibitors of a fair: the published companies holding a booth in it."""

    serializer_class = ExhibitorSerializer
    filterset_class = ExhibitorFilter
    modified_with = ("zone", "sectors", "booths", "public_products")

    def get_queryset(self):
        if self.action == "retrieve":
            products = Product.objects.filter(is_published=True).select_related("sector")
            return published_exhibitors().prefetch_related(
                Prefetch(
                    "products",
                    queryset=products.order_by("position", "pk"),
                    to_attr="public_products",
                )
            )
        return exhibitors_in(self.fair)

    def get_serializer_class(self):
        return ExhibitorDetailSerializer if self.action == "retrieve" else ExhibitorSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "fair": self.fair}

    @extend_schema(
        summary=_("Doanh nghiệp trưng bày của một kỳ hội chợ"),
        description=_(
            "Các doanh nghiệp công khai có ít nhất một gian trong kỳ hội chợ (kỳ hiện tại, "
            "hoặc `fair`), theo bảng chữ cái tiếng Việt (Đ sau D, trước E)."
        ),
        responses=read_responses(ExhibitorSerializer(many=True)),
        examples=[
            OpenApiExample(
                "Canon",
                value=EXHIBITOR_EXAMPLE,
                response_only=True,
                status_codes=["200"],
            )
        ],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Hồ sơ một doanh nghiệp"),
        description=_(
            "Mọi doanh nghiệp công khai, kể cả khi không có gian trong kỳ được hỏi "
            "(khi đó `booths` rỗng)."
        ),
        parameters=[SLUG_PATH_PARAMETER],
        responses=read_responses(ExhibitorDetailSerializer),
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


@extend_schema(tags=["products"], parameters=[FAIR_PARAMETER, *CONDITIONAL_PARAMETERS])
class ProductViewSet(FairScopedMixin, PublicReadOnlyViewSet):
    """Products of the exhibitors of a fair."""

    serializer_class = ProductSerializer
    filterset_class = ProductFilter
    lookup_field = "pk"
    lookup_value_regex = "[0-9]{1,18}"
    modified_with = ("exhibitor", "sector")

    def get_queryset(self):
        if self.action == "retrieve":
            return published_products()
        if self.fair is None:
            return Product.objects.none()
        return published_products().filter(
            exhibitor__in=Exhibitor.objects.filter(booths__fair=self.fair).values("pk")
        )

    @extend_schema(
        summary=_("Sản phẩm của một kỳ hội chợ"),
        description=_(
            "Sản phẩm công khai của các doanh nghiệp có gian trong kỳ hội chợ (kỳ hiện tại, "
            "hoặc `fair`)."
        ),
        responses=read_responses(ProductSerializer(many=True)),
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Một sản phẩm"),
        description=_("Một sản phẩm công khai của một doanh nghiệp công khai, theo mã số."),
        responses=read_responses(ProductSerializer),
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
