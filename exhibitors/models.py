"""Who exhibits: industrial zones, sectors, exhibitors and their products.

This app imports nothing from `events` or `booths`: it reaches booths through the
reverse relation `exhibitor.booths` and meeting requests through
`exhibitor.meeting_requests`, named by string.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from exhibitors.validators import normalize_tax_code, validate_country_code, validate_tax_code
from fairportal.models import TimeStamped, language_field
from fairportal.text import search_text, sort_key


def origin_country_field() -> models.CharField:
    """The investor's country (ISO 3166 alpha-2), Vietnam unless said: a company's and
    its booth application's."""
    return models.CharField(
        _("quốc gia xuất xứ"),
        max_length=2,
        default="VN",
        validators=[validate_country_code],
        help_text=_("Mã ISO 3166 hai chữ cái của nhà đầu tư."),
    )


class IndustrialZone(TimeStamped):
    name = models.CharField(_("tên"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    district = models.CharField(_("quận/huyện"), max_length=120, blank=True)
    description = models.TextField(_("giới thiệu"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"),
        default=False,
        help_text=_("Dữ liệu minh hoạ, không phải thông tin công bố."),
    )

    class Meta:
        verbose_name = _("khu công nghiệp")
        verbose_name_plural = pgettext_lazy("plural", "khu công nghiệp")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name or self.name_vi


class Sector(TimeStamped):
    name = models.CharField(_("tên"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ngành cha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("ngành")
        verbose_name_plural = pgettext_lazy("plural", "ngành")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name or self.name_vi

    def clean(self):
        # Two levels: a sector takes in its sub-sectors wherever a visitor filters by
        # it, and a deeper tree would have sub-sectors that their grandparent misses.
        if self.parent_id is None:
            return
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Một ngành không thể là ngành cha của chính nó.")})
        if self.parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("Chỉ chọn được ngành cấp trên cùng (ngành không có ngành cha).")}
            )
        if self.pk and self.children.exists():
            raise ValidationError(
                {"parent": _("Ngành này đang có ngành con nên không thể làm ngành con.")}
            )


class Exhibitor(TimeStamped):
    """A company that exhibits; it takes part in a fair when it holds a booth there."""

    name = models.CharField(
        _("tên giao dịch"),
        max_length=200,
        help_text=_("Tên hiển thị và sắp xếp, ví dụ “Canon Việt Nam”."),
    )
    legal_name = models.CharField(
        _("tên pháp lý"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ “Công ty TNHH Canon Việt Nam”."),
    )
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    tax_code = models.CharField(
        _("mã số thuế"), max_length=14, blank=True, validators=[validate_tax_code]
    )
    description = models.TextField(_("giới thiệu"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    logo_thumb = models.ImageField(_("logo thu nhỏ"), upload_to="logos/thumbs/", blank=True)
    website = models.URLField(_("trang web"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = language_field(
        _("ngôn ngữ e-mail"),
        help_text=_(
            "Ngôn ngữ của e-mail gửi địa chỉ e-mail của doanh nghiệp: ngôn ngữ doanh "
            "nghiệp dùng khi đăng ký gian hàng."
        ),
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    zone = models.ForeignKey(
        IndustrialZone,
        verbose_name=_("khu công nghiệp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exhibitors",
    )
    origin_country = origin_country_field()
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("ngành"), blank=True, related_name="exhibitors"
    )
    is_published = models.BooleanField(_("công khai"), default=True)
    is_featured = models.BooleanField(_("nổi bật"), default=False)
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"), default=False, help_text=_("Doanh nghiệp minh hoạ: trang hồ sơ ghi rõ.")
    )
    search_text = models.TextField(_("văn bản tìm kiếm"), blank=True, editable=False)
    search_text_en = models.TextField(_("văn bản tìm kiếm (tiếng Anh)"), blank=True, editable=False)
    name_sort = models.BinaryField(_("khoá sắp xếp"), default=b"", editable=False)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đại diện"),
        blank=True,
        related_name="exhibitors",
    )

    class Meta:
        verbose_name = _("doanh nghiệp trưng bày")
        verbose_name_plural = pgettext_lazy("plural", "doanh nghiệp trưng bày")
        ordering = ["name_sort"]
        indexes = [
            # The directory's page: published companies read in name order and stopped
            # at the page's end, instead of all of them read and sorted for 24.
            models.Index(
                fields=["name_sort", "id"],
                condition=Q(is_published=True),
                name="exhibitor_directory_order",
            ),
            # The directory's counts (per sector, zone, country) need only these columns
            # of the published companies: PostgreSQL reads them from this index, not
            # from the wide rows (descriptions, search text). Not made on SQLite.
            models.Index(
                fields=["id"],
                include=["zone", "origin_country"],
                condition=Q(is_published=True),
                name="exhibitor_published_facets",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"],
                condition=~Q(tax_code=""),
                name="exhibitor_tax_code_unique",
                violation_error_message=_("Đã có doanh nghiệp mang mã số thuế này."),
            ),
            models.CheckConstraint(
                condition=Q(origin_country__regex=r"^[A-Z][A-Z]$"),
                name="exhibitor_origin_country_iso",
                violation_error_message=_("Mã quốc gia gồm hai chữ cái in hoa (VN, JP…)."),
            ),
        ]

    def __str__(self):
        return self.name or self.name_vi

    def get_absolute_url(self):
        return reverse("exhibitors:detail", kwargs={"slug": self.slug})

    def build_search_texts(self) -> tuple[str, str]:
        """The Vietnamese and the English search text (`search_text`, `search_text_en`).

        Each holds the names, the legal name, the tax code and the booth codes, and
        the texts of its own language: descriptions, address, products, sectors and
        zone. A query must match within one language, so the English "in" (in an
        industrial zone) does not make a Vietnamese "máy in" (printer) match.

        Not the country of origin: its folded words ("duc", "y", "hoa ky") are trade
        words; the search reads a country's whole name in the query instead
        (`exhibitors.selectors.search_exhibitors`).
        """
        common = [self.name_vi, self.name_en, self.legal_name, self.tax_code]
        texts = {"vi": [], "en": []}
        for language, parts in texts.items():
            parts += [
                getattr(self, f"description_{language}"),
                getattr(self, f"address_{language}"),
            ]
        if self.pk:
            common += list(self.booths.values_list("code", flat=True))
            related = [*self.products.filter(is_published=True), *self.sectors.all()]
            if self.zone_id:
                related.append(self.zone)
            for language, parts in texts.items():
                parts += [getattr(item, f"name_{language}") for item in related]
        return search_text(*common, *texts["vi"]), search_text(*common, *texts["en"])

    def clean_fields(self, exclude=None):
        # Before the checks, so that the unique tax code is checked as it will be stored.
        self.tax_code = normalize_tax_code(self.tax_code)
        super().clean_fields(exclude)

    def save(self, *args, **kwargs):
        self.tax_code = normalize_tax_code(self.tax_code)
        self.name_sort = sort_key(self.name_vi or self.name)
        self.search_text, self.search_text_en = self.build_search_texts()
        super().save(*args, **kwargs)

    save.alters_data = True

    def refresh_search_text(self):
        """Recompute the search texts from related rows (booths, products, sectors)."""
        self.search_text, self.search_text_en = self.build_search_texts()
        type(self).objects.filter(pk=self.pk).update(
            search_text=self.search_text, search_text_en=self.search_text_en
        )

    refresh_search_text.alters_data = True


class ExhibitorSlug(TimeStamped):
    """An old slug of a renamed exhibitor: printed QR codes keep working (301)."""

    exhibitor = models.ForeignKey(
        Exhibitor,
        verbose_name=_("doanh nghiệp"),
        on_delete=models.CASCADE,
        related_name="old_slugs",
    )
    slug = models.SlugField(_("đường dẫn cũ"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("đường dẫn cũ")
        verbose_name_plural = pgettext_lazy("plural", "đường dẫn cũ")

    def __str__(self):
        return self.slug


class Product(TimeStamped):
    exhibitor = models.ForeignKey(
        Exhibitor,
        verbose_name=_("doanh nghiệp"),
        on_delete=models.CASCADE,
        related_name="products",
    )
    name = models.CharField(_("tên sản phẩm"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    image = models.ImageField(_("ảnh"), upload_to="products/", blank=True)
    image_thumb = models.ImageField(_("ảnh thu nhỏ"), upload_to="products/thumbs/", blank=True)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("ngành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
    )
    is_published = models.BooleanField(_("công khai"), default=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    search_text = models.TextField(_("văn bản tìm kiếm"), blank=True, editable=False)
    search_text_en = models.TextField(_("văn bản tìm kiếm (tiếng Anh)"), blank=True, editable=False)
    name_sort = models.BinaryField(_("khoá sắp xếp"), default=b"", editable=False)

    class Meta:
        verbose_name = _("sản phẩm")
        verbose_name_plural = pgettext_lazy("plural", "sản phẩm")
        ordering = ["exhibitor_id", "position", "id"]
        indexes = [
            # The catalogue's first page: published products read in name order and
            # stopped at the page's end, not all sorted for 24 (13 → 0.3 ms of SQL at
            # 20,000 products).
            models.Index(
                fields=["name_sort", "id"],
                condition=Q(is_published=True),
                name="product_catalogue_order",
            ),
        ]

    def __str__(self):
        return self.name or self.name_vi

    def get_absolute_url(self):
        # The profile lists its products a page at a time: `product` opens the page that
        # shows this one (the fragment alone never reaches the server).
        profile = reverse("exhibitors:detail", kwargs={"slug": self.exhibitor.slug})
        return f"{profile}?product={self.pk}#p{self.pk}"

    def build_search_texts(self) -> tuple[str, str]:
        """The Vietnamese and the English search text, as the exhibitor's: the product's
        name, description and sector in one language, and the exhibitor's names."""
        common = [self.exhibitor.name_vi, self.exhibitor.name_en] if self.exhibitor_id else []
        texts = []
        for language in ("vi", "en"):
            parts = [getattr(self, f"name_{language}"), getattr(self, f"description_{language}")]
            if self.sector_id:
                parts.append(getattr(self.sector, f"name_{language}"))
            texts.append(search_text(*parts, *common))
        return texts[0], texts[1]

    def save(self, *args, **kwargs):
        self.name_sort = sort_key(self.name_vi or self.name)
        self.search_text, self.search_text_en = self.build_search_texts()
        super().save(*args, **kwargs)
        self.exhibitor.refresh_search_text()

    save.alters_data = True
