"""Forms of the floor: the public application, the exhibitor's booth page, the board's
decisions in the admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from booths.models import FASCIA_MAX_LENGTH, Booth, BoothKind, ExhibitorStaff, fascia_from_name
from booths.selectors import free_booths, holds_booth
from booths.services import NO_BOOTH_FOR_BADGES
from exhibitors.images import IMAGE_LIMITS_HELP, validate_image_upload
from exhibitors.models import Exhibitor, IndustrialZone, Sector
from exhibitors.validators import normalize_phone, normalize_tax_code, validate_tax_code
from fairportal.countries import COUNTRY_CHOICES
from fairportal.forms import (
    CheckboxSelectMultiple,
    ComposedTextMixin,
    HoneypotMixin,
    ModelMultipleChoiceField,
    OptionalFieldsMixin,
    Select,
    SiteMessagesMixin,
    Textarea,
)
from fairportal.templatetags.portal import board_price, booth_size

MAX_PREFERENCES = 3


class ZoneChoiceField(forms.ModelChoiceField):
    """The company's industrial zone, or "outside the zones" chosen as such (cleaned to
    None). Nothing is chosen beforehand: a company in a zone that skipped the field was
    filed as outside, a wrong fact at a fair for the zones' companies."""

    OUTSIDE = "outside"

    def __init__(self, **kwargs):
        super().__init__(
            queryset=IndustrialZone.objects.all(),
            empty_label=_("— Chưa chọn —"),
            error_messages={
                "required": _(
                    "Hãy chọn khu công nghiệp của doanh nghiệp, hoặc “Ngoài các khu công nghiệp”."
                )
            },
            **kwargs,
        )

    class iterator(forms.models.ModelChoiceIterator):  # noqa: N801 (Django's attribute)
        """The zones, then "outside the zones" as a choice of its own."""

        def __iter__(self):
            yield from super().__iter__()
            yield (ZoneChoiceField.OUTSIDE, _("Ngoài các khu công nghiệp"))

        def __len__(self):
            return super().__len__() + 1

    def clean(self, value):
        if value == self.OUTSIDE:
            return None
        return super().clean(value)


class BoothChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, booth):
        return booth.code


class ApplicationForm(OptionalFieldsMixin, SiteMessagesMixin, HoneypotMixin, forms.Form):
    legal_name = forms.CharField(
        label=_("Tên pháp lý của doanh nghiệp"),
        max_length=300,
        help_text=_("Như trên giấy chứng nhận đăng ký doanh nghiệp."),
    )
    trading_name_vi = forms.CharField(label=_("Tên giao dịch (tiếng Việt)"), max_length=200)
    trading_name_en = forms.CharField(
        label=_("Tên giao dịch (tiếng Anh, không bắt buộc)"), max_length=200, required=False
    )
    tax_code = forms.CharField(
        label=_("Mã số thuế"),
        max_length=20,
        help_text=_("10 chữ số, hoặc 10 chữ số, dấu “-” và 3 chữ số cho chi nhánh."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=300)
    zone = ZoneChoiceField(label=_("Khu công nghiệp"), widget=Select)
    # Chosen, not assumed: a Japanese or Thai firm that skipped it would be shown as
    # Vietnamese in the directory once approved.
    origin_country = forms.ChoiceField(
        label=_("Quốc gia của nhà đầu tư"),
        choices=[("", _("— Chưa chọn —")), *COUNTRY_CHOICES],
        error_messages={
            "required": _("Hãy chọn quốc gia của nhà đầu tư (Việt Nam nếu vốn trong nước).")
        },
    )
    sectors = ModelMultipleChoiceField(
        label=_("Ngành"),
        queryset=Sector.objects.all(),
        widget=CheckboxSelectMultiple,
    )
    contact_name = forms.CharField(label=_("Người liên hệ"), max_length=200)
    contact_title = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    email = forms.EmailField(
        max_length=254, label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Điện thoại"),
        max_length=30,
        help_text=_("Di động 09…, máy bàn 024…, hoặc số quốc tế +…"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    website = forms.URLField(label=_("Trang web"), required=False, assume_scheme="https")
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        validators=[validate_image_upload],
        help_text=IMAGE_LIMITS_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    product_summary = forms.CharField(
        label=_("Sản phẩm chính"),
        max_length=2000,
        required=False,
        widget=Textarea(attrs={"rows": 4}),
    )
    booth_kind = forms.ChoiceField(label=_("Loại gian"), choices=BoothKind.choices)
    booth_count = forms.IntegerField(
        label=_("Số gian"),
        min_value=1,
        max_value=4,
        initial=1,
        help_text=_("Từ 1 đến 4 gian."),
    )
    preferred_booths = BoothChoiceField(
        label=_("Gian mong muốn"),
        queryset=Booth.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chọn tối đa 3 gian còn trống trong bảng."),
    )
    fascia_name = forms.CharField(
        label=_("Tên trên bảng tên gian"),
        max_length=FASCIA_MAX_LENGTH,
        required=False,
        help_text=_(
            "Chữ in trên băng rôn phía trên gian hàng. Để trống: tên giao dịch của doanh "
            "nghiệp, viết hoa."
        ),
    )
    message = forms.CharField(
        label=_("Lời nhắn cho Ban tổ chức"),
        max_length=2000,
        required=False,
        widget=Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để Ban Quản lý các KCN và chế xuất Hà Nội xử lý dữ liệu cá nhân trong "
            "hồ sơ này để xét duyệt và liên hệ về hội chợ, theo Nghị định 13/2023/NĐ-CP."
        ),
        error_messages={"required": _("Cần có sự đồng ý của bạn để gửi hồ sơ.")},
    )

    def __init__(self, *args, fair=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fair = fair
        # Every booth of the fair is a valid choice, so that a taken one gets a clear message.
        self.fields["preferred_booths"].queryset = (
            Booth.objects.filter(fair=fair).select_related("exhibitor").order_by("code")
            if fair
            else Booth.objects.none()
        )
        self.offered = list(free_booths(fair)) if fair else []
        self.fields["fascia_name"].widget.attrs["data-fascia-from"] = " ".join(
            self[name].auto_id for name in self.fascia_sources()
        )

    @staticmethod
    def fascia_sources() -> list[str]:
        """The fields whose name becomes the fascia when none is typed, the first one
        filled in: the English trading name on the English form, else the Vietnamese."""
        if get_language() == "en":
            return ["trading_name_en", "trading_name_vi"]
        return ["trading_name_vi"]

    def clean_fascia_name(self):
        """As typed; when left empty, the trading name in capitals (`fascia_sources`).
        The page's script fills the box so while the name is typed, but the default
        holds without it."""
        typed = " ".join(self.cleaned_data.get("fascia_name", "").split())
        if typed:
            return typed
        names = (self.cleaned_data.get(name, "") for name in self.fascia_sources())
        return fascia_from_name(next((name for name in names if name), ""))

    def clean_tax_code(self):
        value = normalize_tax_code(self.cleaned_data["tax_code"])
        validate_tax_code(value)
        return value

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_preferred_booths(self):
        booths = list(self.cleaned_data.get("preferred_booths") or [])
        if len(booths) > MAX_PREFERENCES:
            raise ValidationError(
                _("Chọn tối đa %(max)s gian mong muốn.") % {"max": MAX_PREFERENCES},
                code="too_many_preferences",
            )
        taken = [booth.code for booth in booths if booth.exhibitor_id or booth.is_blocked]
        if taken:
            raise ValidationError(
                _(
                    "Gian %(codes)s vừa có doanh nghiệp khác nhận hoặc không mở đăng ký; hãy chọn gian khác."
                )
                % {"codes": ", ".join(taken)},
                code="booth_taken",
            )
        return booths

    def clean(self):
        data = super().clean()
        booths, count = data.get("preferred_booths"), data.get("booth_count")
        if booths and count and len(booths) > count:
            self.add_error(
                "preferred_booths",
                ValidationError(
                    _(
                        "Bạn đã chọn %(chosen)s gian trong bảng nhưng số gian là %(count)s. "
                        "Hãy tăng số gian hoặc bỏ bớt gian đã chọn."
                    )
                    % {"chosen": len(booths), "count": count},
                    code="more_booths_than_count",
                ),
            )
        return data

    def selected_codes(self) -> set[str]:
        """Codes ticked in the table (what was typed, or the ?booth= pre-selection)."""
        if self.is_bound:
            values = self.data.getlist("preferred_booths") if hasattr(self.data, "getlist") else []
            ids = {str(v) for v in values}
            return {booth.code for booth in self.offered if str(booth.pk) in ids}
        initial = self.initial.get("preferred_booths") or []
        return {booth.code for booth in initial}

    def offered_rows(self) -> list[dict]:
        chosen = self.selected_codes()
        return [
            {"booth": booth, "checked": booth.code in chosen, "id": f"id_booth_{booth.pk}"}
            for booth in self.offered
        ]


def application_total(*, booths, booth_kind: str, booth_count: int, offered) -> dict:
    """The price of the chosen booths; the rest of `booth_count` at the kind's lowest price.
    A chosen booth without a price (0: the board has not set it) leaves the total and the
    estimate unknown (None), as `booths.selectors.booth_bill` adds nothing up then."""
    chosen = list(booths)
    priced = all(b.price_vnd > 0 for b in chosen)
    chosen_total = sum(b.price_vnd for b in chosen) if priced else None
    missing = max(booth_count - len(chosen), 0)
    # The lowest price the board has set: a booth of the kind still unpriced (0) is not
    # one that costs nothing, and would hide the estimate.
    kind_prices = sorted(b.price_vnd for b in offered if b.kind == booth_kind and b.price_vnd)
    unit = kind_prices[0] if kind_prices else 0
    return {
        "chosen": chosen,
        "chosen_total": chosen_total,
        "missing": missing,
        "unit_price": unit,
        "estimate": chosen_total + missing * unit if priced else None,
        "all_include_vat": all(b.price_includes_vat for b in chosen) if chosen else True,
    }


# --- Exhibitor's own page ------------------------------------------------------------


class FasciaForm(OptionalFieldsMixin, ComposedTextMixin, SiteMessagesMixin, forms.Form):
    booth = forms.IntegerField(widget=forms.HiddenInput)
    fascia_name = forms.CharField(
        label=_("Tên trên bảng tên gian"),
        max_length=120,
        required=False,
        help_text=_("Chữ in trên băng rôn phía trên gian hàng."),
    )


class StaffForm(OptionalFieldsMixin, ComposedTextMixin, SiteMessagesMixin, forms.ModelForm):
    """One person who needs a badge. `listed` are the people already on the list: the
    same name with the same title again would print a second badge for one person.
    `has_booth`: whether the company holds a booth at the fair; badges are for
    exhibitors only."""

    class Meta:
        model = ExhibitorStaff
        fields = ["full_name", "job_title"]

    def __init__(self, *args, listed=(), has_booth=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.listed = listed
        self.has_booth = has_booth

    def clean(self):
        data = super().clean()
        if not self.has_booth:
            raise ValidationError(NO_BOOTH_FOR_BADGES, code="no_booth")
        refuse_listed_twice(self.listed, data.get("full_name"), data.get("job_title"))
        return data


def refuse_listed_twice(listed, full_name, job_title) -> None:
    """A ValidationError when the person (name and title, spaces and case aside) is
    among `listed` already: a second badge for one person. The exhibitor's own list
    and the board's admin apply the same rule."""

    def key(name, title):
        return (" ".join(name.split()).casefold(), " ".join((title or "").split()).casefold())

    same = [
        p
        for p in listed
        if full_name and key(p.full_name, p.job_title) == key(full_name, job_title)
    ]
    if same:
        raise ValidationError(
            _(
                "%(name)s đã có trong danh sách. Nếu là hai người trùng tên, hãy ghi chức "
                "danh khác nhau."
            )
            % {"name": same[0].full_name},
            code="duplicate",
        )


# --- The board (admin) ---------------------------------------------------------------


class StaffAdminForm(forms.ModelForm):
    """The board's badge list: the same person once per exhibitor and fair, as on the
    exhibitor's own page."""

    class Meta:
        model = ExhibitorStaff
        fields = ["fair", "exhibitor", "full_name", "job_title"]

    def clean(self):
        data = super().clean()
        fair, exhibitor = data.get("fair"), data.get("exhibitor")
        if fair is not None and exhibitor is not None:
            # Asked of a new entry, or one moved to another company or fair: an entry
            # kept after its company's booth was released can still have a typo fixed.
            placed = self.instance.pk is None or {"fair", "exhibitor"} & set(self.changed_data)
            if placed and not holds_booth(fair=fair, exhibitor=exhibitor):
                self.add_error(
                    "exhibitor",
                    ValidationError(
                        _(
                            "%(company)s không có gian nào tại kỳ hội chợ đã chọn: thẻ trưng "
                            "bày chỉ cấp cho doanh nghiệp có gian. Hãy giao gian trước, hoặc "
                            "chọn đúng kỳ hội chợ."
                        )
                        % {"company": exhibitor.name},
                        code="no_booth",
                    ),
                )
                return data
            listed = ExhibitorStaff.objects.filter(fair=fair, exhibitor=exhibitor).exclude(
                pk=self.instance.pk
            )
            refuse_listed_twice(listed, data.get("full_name"), data.get("job_title"))
        return data


def _taken_meanwhile(fair, queryset, values) -> ValidationError | None:
    """When a board member ticks a booth another one has just given away, the form's
    free booths no longer hold it: name the booth and its holder instead of Django's
    "10 is not one of the available choices"."""
    ids = [int(v) for v in values if str(v).strip().isascii() and str(v).strip().isdigit()]
    gone = (
        Booth.objects.filter(pk__in=[i for i in ids if i < 2**63], fair=fair)
        .exclude(pk__in=queryset.values("pk"))
        .select_related("exhibitor")
        .order_by("code")
    )
    held = [
        _("%(code)s (của %(holder)s)") % {"code": b.code, "holder": b.exhibitor.name}
        if b.exhibitor_id
        else _("%(code)s (Ban Quản lý giữ lại)") % {"code": b.code}
        for b in gone
    ]
    if not held:
        return None
    return ValidationError(
        _("Gian %(booths)s không còn trống; hãy chọn gian khác.") % {"booths": ", ".join(held)},
        code="booth_taken",
    )


def _naming_the_holder(field, values, clean):
    """`clean()`, with an invalid choice told as `_taken_meanwhile` tells it."""
    try:
        return clean()
    except ValidationError as error:
        if error.code == "invalid_choice":
            raise _taken_meanwhile(field.fair, field.queryset, values) or error from None
        raise


class BoothCheckboxes(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple
    fair = None  # set with the queryset: the fair whose booths are offered

    def _check_values(self, value):
        check = super()._check_values
        return _naming_the_holder(self, value, lambda: check(value))

    def label_from_instance(self, booth):
        return (
            f"{booth.code} · {booth.get_kind_display()}"
            f" · {booth_size(booth)}"
            f" · {board_price(booth.price_vnd)}"
        )


class ApproveForm(ComposedTextMixin, forms.Form):
    booths = BoothCheckboxes(label=_("Giao các gian"), queryset=Booth.objects.none())
    note = forms.CharField(
        label=_("Ghi chú quyết định"), required=False, widget=Textarea(attrs={"rows": 2})
    )
    invite_applicant = forms.BooleanField(
        required=False,
        help_text=_(
            "Chỉ đánh dấu khi đã chắc người nộp đơn làm việc cho doanh nghiệp này. Không "
            "đánh dấu: gian vẫn được giao, nhưng hồ sơ công khai giữ nguyên và e-mail này "
            "không có quyền vào hồ sơ doanh nghiệp."
        ),
    )

    def __init__(self, *args, application, profile_update=None, **kwargs):
        """`profile_update` (booths.selectors.profile_update): the existing company with
        the application's tax code, if any. The invitation is a choice only when the
        applicant's e-mail does not represent that company yet; unticked by default."""
        super().__init__(*args, **kwargs)
        self.fields["booths"].queryset = free_booths(application.fair)
        self.fields["booths"].fair = application.fair
        if profile_update is not None and profile_update.invite_is_a_choice:
            self.fields["invite_applicant"].label = _(
                "Mời cả %(email)s làm người đại diện của %(company)s"
            ) % {"email": application.email, "company": profile_update.exhibitor.name}
        else:
            del self.fields["invite_applicant"]


class RejectForm(ComposedTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Lý do từ chối (gửi cho doanh nghiệp)"), widget=Textarea(attrs={"rows": 4})
    )


class WaitlistForm(ComposedTextMixin, forms.Form):
    note = forms.CharField(
        label=_("Ghi chú (gửi cho doanh nghiệp)"),
        required=False,
        widget=Textarea(attrs={"rows": 3}),
    )


class FreeBoothChoice(forms.ModelChoiceField):
    fair = None  # set with the queryset: the fair whose booths are offered

    def to_python(self, value):
        clean = super().to_python
        return _naming_the_holder(self, [value], lambda: clean(value))


class AssignBoothForm(forms.Form):
    booth = FreeBoothChoice(label=_("Gian trống"), queryset=Booth.objects.none())
    exhibitor = forms.ModelChoiceField(
        label=_("Doanh nghiệp"), queryset=Exhibitor.objects.order_by("name_sort")
    )

    def __init__(self, *args, fair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = free_booths(fair)
        self.fields["booth"].fair = fair


class MoveForm(forms.Form):
    to_booths = BoothCheckboxes(label=_("Chuyển sang các gian"), queryset=Booth.objects.none())

    def __init__(self, *args, fair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_booths"].queryset = free_booths(fair)
        self.fields["to_booths"].fair = fair
