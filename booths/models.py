"""The floor: booths on the plan, applications for them, and exhibitor staff badges."""

import unicodedata
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from events.models import Fair
from exhibitors.models import Exhibitor, IndustrialZone, Sector, origin_country_field
from exhibitors.validators import normalize_tax_code, validate_tax_code
from fairportal.models import TimeStamped, language_field


def booth_on_plan_url(code: str, plan_url: str | None = None) -> str:
    """The floor plan opened at a booth: `/floor-plan/?booth=A12#booth-A12`. The query
    highlights the booth; the fragment scrolls to it, also without JavaScript (every
    booth on the plan carries `id="booth-CODE"`). `plan_url` spares the reverse when a
    page links many booths."""
    if plan_url is None:
        plan_url = reverse("booths:floor_plan")
    code = quote(str(code), safe="")
    return f"{plan_url}?booth={code}#booth-{code}"


def normalize_hall(value) -> str:
    """A hall's name as the plan groups booths: upper case, single spaces ("a" is A)."""
    return " ".join(unicodedata.normalize("NFKC", value or "").split()).upper()


def normalize_booth_code(value) -> str:
    """A booth code as the plan prints it: upper case, no spaces ("a 20" is A20)."""
    return "".join(unicodedata.normalize("NFKC", value or "").split()).upper()


validate_booth_code = RegexValidator(
    r"^[A-Z0-9][A-Z0-9.-]*\Z",
    message=_(
        "Mã gian gồm chữ cái không dấu, chữ số, dấu chấm và dấu gạch nối, "
        "ví dụ A01, B-12 hoặc H1.05."
    ),
)


class BoothCodeFormField(forms.CharField):
    def to_python(self, value):
        return normalize_booth_code(super().to_python(value))


class BoothCodeField(models.CharField):
    """A booth code; every form reads it as the plan prints it, so that two codes
    typed "a20" and "A20" in one form are seen as the same booth."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": BoothCodeFormField, **kwargs})


class BoothKind(models.TextChoices):
    STANDARD = "standard", _("Tiêu chuẩn")
    CORNER = "corner", _("Góc")
    PREMIUM = "premium", _("Cao cấp")
    RAW_SPACE = "raw_space", _("Đất trống")


FASCIA_MAX_LENGTH = 120


def fascia_from_name(name: str) -> str:
    """The board's text for a company that names no other: its trading name in
    capitals, as fascia boards are lettered ("Điện tử Quang Minh" → "ĐIỆN TỬ QUANG
    MINH"), cut to what a board holds."""
    return " ".join(name.split()).upper()[:FASCIA_MAX_LENGTH].strip()


class Booth(TimeStamped):
    fair = models.ForeignKey(
        Fair, verbose_name=_("kỳ hội chợ"), on_delete=models.CASCADE, related_name="booths"
    )
    code = BoothCodeField(_("mã gian"), max_length=10, validators=[validate_booth_code])
    hall = models.CharField(_("nhà/khu"), max_length=10, help_text=_("Ví dụ A, B, C."))
    kind = models.CharField(
        _("loại gian"), max_length=20, choices=BoothKind.choices, default=BoothKind.STANDARD
    )
    width_m = models.DecimalField(_("rộng (m)"), max_digits=5, decimal_places=1, default=3)
    depth_m = models.DecimalField(_("sâu (m)"), max_digits=5, decimal_places=1, default=3)
    price_vnd = models.BigIntegerField(_("giá (VND)"))
    price_includes_vat = models.BooleanField(_("giá đã gồm VAT"), default=True)
    plan_x = models.PositiveIntegerField(_("toạ độ x trên sơ đồ"), default=0)
    plan_y = models.PositiveIntegerField(_("toạ độ y trên sơ đồ"), default=0)
    plan_w = models.PositiveIntegerField(_("rộng trên sơ đồ"), default=30)
    plan_h = models.PositiveIntegerField(_("cao trên sơ đồ"), default=30)
    exhibitor = models.ForeignKey(
        Exhibitor,
        verbose_name=_("doanh nghiệp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="booths",
    )
    assigned_at = models.DateTimeField(_("giao lúc"), null=True, blank=True)
    fascia_name = models.CharField(
        _("tên trên bảng tên gian"),
        max_length=FASCIA_MAX_LENGTH,
        blank=True,
        help_text=_("Tên in trên băng rôn phía trên gian hàng."),
    )
    is_blocked = models.BooleanField(
        _("Ban Quản lý giữ lại"),
        default=False,
        help_text=_("Gian không mở để đăng ký (dành cho ban tổ chức, lối thoát hiểm…)."),
    )

    class Meta:
        verbose_name = _("gian hàng")
        verbose_name_plural = pgettext_lazy("plural", "gian hàng")
        ordering = ["fair", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "code"],
                name="booth_code_unique_per_fair",
                violation_error_message=_("Kỳ hội chợ này đã có gian mang mã này."),
            ),
            models.CheckConstraint(
                condition=Q(price_vnd__gte=0),
                name="booth_price_not_negative",
                violation_error_message=_("Giá gian không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(is_blocked=False) | Q(exhibitor__isnull=True),
                name="booth_blocked_not_assigned",
                violation_error_message=_(
                    "Gian Ban Quản lý giữ lại không giao cho doanh nghiệp: bỏ doanh nghiệp hoặc bỏ ô giữ lại."
                ),
            ),
            models.CheckConstraint(
                condition=Q(width_m__gt=0) & Q(depth_m__gt=0),
                name="booth_size_positive",
                violation_error_message=_("Chiều rộng và chiều sâu của gian phải lớn hơn 0."),
            ),
        ]
        indexes = [models.Index(fields=["fair", "exhibitor"])]

    def clean_fields(self, exclude=None):
        # Before the checks, so that "a20" meets the A20 already on the plan.
        self.code = normalize_booth_code(self.code)
        super().clean_fields(exclude)

    def clean(self):
        """A kept booth has no exhibitor. The check constraint says so too, but the
        board's forms leave the exhibitor out (only the services move it), and Django
        then skips that constraint: the booth's own form and the fair's booth table
        both come here instead."""
        super().clean()
        if self.is_blocked and self.exhibitor_id:
            message = _("Gian đang có doanh nghiệp: hãy giải phóng gian trước khi giữ lại.")
            raise ValidationError({"is_blocked": ValidationError(message, code="booth_taken")})

    def save(self, *args, **kwargs):
        self.code = normalize_booth_code(self.code)
        super().save(*args, **kwargs)

    def __str__(self):
        return self.code

    @property
    def state(self) -> str:
        if self.is_blocked:
            return "kept"
        return "taken" if self.exhibitor_id else "free"

    @property
    def area_m2(self):
        return self.width_m * self.depth_m

    def get_absolute_url(self):
        return booth_on_plan_url(self.code)


class EventPlace(TimeStamped):
    """Where side events happen inside the halls (the stage, a seminar room, the
    business-matching area), drawn on the floor plan beside the booths, in the plan's
    units of the hall it stands in. The events name their place in words (`room`); the
    board draws each place once per fair."""

    class Kind(models.TextChoices):
        STAGE = "stage", _("Sân khấu")
        SEMINAR_ROOM = "seminar_room", _("Phòng hội thảo")
        BUSINESS_MATCHING = "business_matching", _("Khu kết nối doanh nghiệp")

    fair = models.ForeignKey(
        Fair, verbose_name=_("kỳ hội chợ"), on_delete=models.CASCADE, related_name="event_places"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("tên"),
        max_length=120,
        help_text=_("Như sự kiện ghi ở mục phòng, ví dụ “Phòng hội thảo 1”."),
    )
    hall = models.CharField(_("nhà/khu"), max_length=10, help_text=_("Ví dụ A, B, C."))
    plan_x = models.PositiveIntegerField(_("toạ độ x trên sơ đồ"), default=0)
    plan_y = models.PositiveIntegerField(_("toạ độ y trên sơ đồ"), default=0)
    plan_w = models.PositiveIntegerField(
        _("rộng trên sơ đồ"), default=60, help_text=_("10 đơn vị sơ đồ là 1 m.")
    )
    plan_h = models.PositiveIntegerField(_("cao trên sơ đồ"), default=60)

    class Meta:
        verbose_name = _("nơi diễn ra sự kiện")
        verbose_name_plural = pgettext_lazy("plural", "nơi diễn ra sự kiện")
        ordering = ["fair", "hall", "plan_y", "plan_x"]
        constraints = [
            models.CheckConstraint(
                condition=Q(plan_w__gt=0) & Q(plan_h__gt=0),
                name="event_place_size_positive",
                violation_error_message=_("Nơi diễn ra sự kiện phải rộng và cao hơn 0 trên sơ đồ."),
            ),
        ]

    def clean_fields(self, exclude=None):
        # As the booth codes: "a" is the hall A the booths stand in, not another hall
        # drawn empty beside it.
        self.hall = normalize_hall(self.hall)
        super().clean_fields(exclude)

    def save(self, *args, **kwargs):
        self.hall = normalize_hall(self.hall)
        super().save(*args, **kwargs)

    def __str__(self):
        return self.name

    @property
    def anchor(self) -> str:
        """Its id on the floor plan (`place-12`): the events' "see on the floor plan"
        links end with it."""
        return f"place-{self.pk}"

    def get_absolute_url(self, plan_url: str | None = None) -> str:
        """The floor plan opened at this place; `plan_url` spares the reverse when a page
        links many places."""
        return f"{plan_url or reverse('booths:floor_plan')}#{self.anchor}"


class BoothApplication(TimeStamped):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Đã gửi")
        WAITLISTED = "waitlisted", _("Danh sách chờ")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", pgettext_lazy("application status", "Từ chối")
        WITHDRAWN = "withdrawn", _("Đã rút")
        EXPIRED = "expired", _("Hết hạn")

    OPEN = (Status.SUBMITTED, Status.WAITLISTED)

    fair = models.ForeignKey(
        Fair, verbose_name=_("kỳ hội chợ"), on_delete=models.PROTECT, related_name="applications"
    )
    reference = models.CharField(_("mã hồ sơ"), max_length=20, unique=True)
    token_hash = models.CharField(_("mã bí mật (băm)"), max_length=64, unique=True, editable=False)
    email_confirmed_at = models.DateTimeField(_("xác nhận e-mail lúc"), null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn xác nhận lúc"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    legal_name = models.CharField(_("tên pháp lý"), max_length=300)
    trading_name_vi = models.CharField(_("tên giao dịch (tiếng Việt)"), max_length=200)
    trading_name_en = models.CharField(_("tên giao dịch (tiếng Anh)"), max_length=200, blank=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, validators=[validate_tax_code])
    address = models.CharField(_("địa chỉ"), max_length=300)
    zone = models.ForeignKey(
        IndustrialZone,
        verbose_name=_("khu công nghiệp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("Để trống nếu doanh nghiệp ở ngoài các khu công nghiệp."),
    )
    origin_country = origin_country_field()
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("ngành"), blank=True, related_name="applications"
    )
    contact_name = models.CharField(_("người liên hệ"), max_length=200)
    contact_title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("điện thoại"), max_length=20, help_text=_("Lưu dạng E.164."))
    website = models.URLField(_("trang web"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="applications/", blank=True)
    product_summary = models.TextField(_("sản phẩm chính"), blank=True)
    booth_kind = models.CharField(
        _("loại gian"), max_length=20, choices=BoothKind.choices, default=BoothKind.STANDARD
    )
    booth_count = models.PositiveSmallIntegerField(_("số gian"), default=1)
    preferred_booths = models.ManyToManyField(
        Booth, verbose_name=_("gian mong muốn"), blank=True, related_name="preferred_by"
    )
    fascia_name = models.CharField(
        _("tên trên bảng tên gian"),
        max_length=FASCIA_MAX_LENGTH,
        blank=True,
        help_text=_("Chữ in trên băng rôn phía trên gian hàng; được ghi lên các gian khi duyệt."),
    )
    message = models.TextField(_("lời nhắn"), blank=True)
    language = language_field()
    consent_at = models.DateTimeField(_("đồng ý xử lý dữ liệu lúc"))
    exhibitor = models.ForeignKey(
        Exhibitor,
        verbose_name=_("doanh nghiệp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xét duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_applications",
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decision_note = models.TextField(_("ghi chú quyết định"), blank=True)

    class Meta:
        verbose_name = _("hồ sơ đăng ký gian hàng")
        verbose_name_plural = pgettext_lazy("plural", "hồ sơ đăng ký gian hàng")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "tax_code"],
                condition=Q(status__in=["submitted", "waitlisted"])
                & Q(email_confirmed_at__isnull=False),
                name="application_one_open_per_company",
                violation_error_message=_(
                    "Doanh nghiệp có mã số thuế này đã có một hồ sơ đang chờ xét ở kỳ hội chợ này."
                ),
            ),
            models.CheckConstraint(
                condition=Q(booth_count__gte=1) & Q(booth_count__lte=4),
                name="application_booth_count_1_4",
                violation_error_message=_("Số gian từ 1 đến 4."),
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.trading_name_vi}"

    @property
    def trading_name(self) -> str:
        """The trading name in the active language: the English one, when given, for
        pages and e-mails in English."""
        if self.trading_name_en and get_language() == "en":
            return self.trading_name_en
        return self.trading_name_vi

    def profile_values(self, existing=None) -> dict:
        """The public profile's fields that approving this application writes, into
        the `existing` company's profile or a new one. What the application leaves
        empty keeps the existing company's value (its zone, website…), and so does an
        existing company's own English name (not a copy of its Vietnamese one).

        The address and the main products were typed in the language of the form:
        they go to that language's columns (`address_en` from the English form). The
        main products become the introduction only where that language has none. A
        Vietnamese address is what the Vietnamese pages show (they fall back to no
        other language): an English form's address fills it too where the company
        has none, or where its English address changed (the Vietnamese one went with
        the old place); the board is told (`copies_address_to_vietnamese`). From the
        Vietnamese form, an English address that no longer matches the new Vietnamese
        one is emptied (the English pages then show the Vietnamese one)."""
        given = {
            "name_vi": self.trading_name_vi,
            "legal_name": self.legal_name,
            "zone": self.zone,
            "origin_country": self.origin_country,
            "website": self.website,
        }
        values = {name: value for name, value in given.items() if value or existing is None}
        english = existing is not None and existing.name_en not in ("", existing.name_vi)
        if self.trading_name_en or not english:
            # A copy of the old Vietnamese name is not an English name worth keeping.
            # No English name stays empty: English pages show the Vietnamese one, marked
            # as Vietnamese, instead of a copy they would take for English.
            values["name_en"] = self.trading_name_en
        if self.in_english:
            values["address_en"] = self.address
            if self.copies_address_to_vietnamese(existing):
                values["address_vi"] = self.address
        else:
            values["address_vi"] = self.address
            if existing is not None and existing.address_en and existing.address_vi != self.address:
                values["address_en"] = ""
        description = f"description_{'en' if self.in_english else 'vi'}"
        if self.product_summary and (existing is None or not getattr(existing, description)):
            values[description] = self.product_summary
        return values

    @property
    def in_english(self) -> bool:
        """Typed on the English form: its address and main products are English."""
        return self.language == "en"

    def copies_address_to_vietnamese(self, existing=None) -> bool:
        """Whether approving this English application writes its (English) address as
        the company's Vietnamese one too (see `profile_values`)."""
        if not self.in_english or not self.address:
            return False
        if existing is None or not existing.address_vi:
            return True
        return bool(existing.address_en) and existing.address_en != self.address

    @property
    def fascia(self) -> str:
        """The text for the fascia of the booths it gets: as the company gave it, or
        (an application from before the form asked) its Vietnamese trading name in
        capitals."""
        return self.fascia_name or fascia_from_name(self.trading_name_vi)

    def booth_request(self, preferred=None) -> dict:
        """What the company asked for, as the summaries show it: the booths it ticked
        (each with its own kind) and how many more of the chosen kind the board places."""
        picked = list(self.preferred_booths.order_by("code") if preferred is None else preferred)
        return {
            "count": self.booth_count,
            "picked": picked,
            "rest": max(self.booth_count - len(picked), 0),
            "kind": self.get_booth_kind_display(),
        }

    def clean_fields(self, exclude=None):
        # Before the checks, so that one open application per tax code is checked as stored.
        self.tax_code = normalize_tax_code(self.tax_code)
        super().clean_fields(exclude)

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        self.tax_code = normalize_tax_code(self.tax_code)
        super().save(*args, **kwargs)


class ExhibitorStaff(TimeStamped):
    """A person of the exhibitor who needs a badge at one fair."""

    fair = models.ForeignKey(
        Fair, verbose_name=_("kỳ hội chợ"), on_delete=models.CASCADE, related_name="staff"
    )
    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("doanh nghiệp"), on_delete=models.CASCADE, related_name="staff"
    )
    full_name = models.CharField(_("họ và tên"), max_length=200)
    job_title = models.CharField(_("chức danh"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("nhân sự trực gian hàng")
        verbose_name_plural = pgettext_lazy("plural", "nhân sự trực gian hàng")
        ordering = ["fair", "exhibitor", "full_name"]

    def __str__(self):
        return self.full_name
