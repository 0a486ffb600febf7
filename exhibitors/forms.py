"""Forms of an exhibitor representative's area: sign in, profile, products, representatives."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from exhibitors.images import IMAGE_LIMITS_HELP, validate_image_upload
from exhibitors.models import Exhibitor, Product, Sector
from exhibitors.selectors import product_place
from exhibitors.validators import format_phone, normalize_phone
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

IMAGE_ACCEPT = "image/png,image/jpeg,image/webp"


class LoginForm(SiteMessagesMixin, HoneypotMixin, AuthenticationForm):
    """Sign in with the e-mail address (what invitations use) or a user name."""

    username = forms.CharField(
        label=_("E-mail hoặc tên đăng nhập"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        "invalid_login": _(
            "E-mail (hoặc tên đăng nhập) hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt "
            "chữ hoa và chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khoá. Vui lòng liên hệ Ban tổ chức."),
    }

    def clean_username(self):
        value = self.cleaned_data["username"].strip()
        if "@" in value:
            user = get_user_model().objects.filter(email__iexact=value).first()
            if user is not None:
                return user.get_username()
        return value


class AccountPasswordResetForm(SiteMessagesMixin, HoneypotMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail đăng nhập"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Nhập e-mail bạn dùng để đăng nhập.")},
    )


def _image_field(label):
    return forms.FileField(
        label=label,
        required=False,
        validators=[validate_image_upload],
        help_text=IMAGE_LIMITS_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )


def _remove_field(label):
    return forms.BooleanField(label=label, required=False)


def _new_or_removed(form, upload_name: str, remove_name: str) -> None:
    """A new image and "remove the current one" together say two things: ask which."""
    if form.cleaned_data.get(upload_name) and form.cleaned_data.get(remove_name):
        form.add_error(
            remove_name,
            ValidationError(
                _("Hãy chọn ảnh mới hoặc bỏ ảnh hiện tại, không chọn cả hai."),
                code="new_or_removed",
            ),
        )


def _formfield(model_field, **kwargs):
    # People type "congty.vn": read it as https, as browsers now do.
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class ExhibitorProfileForm(
    OptionalFieldsMixin, ComposedTextMixin, SiteMessagesMixin, forms.ModelForm
):
    """What a representative may change; the board keeps the names, tax code and zone."""

    logo_upload = _image_field(_("Logo mới"))
    remove_logo = _remove_field(_("Bỏ logo hiện tại"))
    sectors = ModelMultipleChoiceField(
        label=_("Ngành"),
        queryset=Sector.objects.all(),
        required=False,
        widget=CheckboxSelectMultiple,
    )

    class Meta:
        model = Exhibitor
        formfield_callback = _formfield
        fields = [
            "description_vi",
            "description_en",
            "website",
            "email",
            "phone",
            "address_vi",
            "address_en",
            "sectors",
        ]
        labels = {
            "description_vi": _("Giới thiệu (tiếng Việt)"),
            "description_en": _("Giới thiệu (tiếng Anh)"),
            "website": _("Trang web"),
            "email": _("E-mail liên hệ"),
            "phone": _("Điện thoại"),
            "address_vi": _("Địa chỉ (tiếng Việt)"),
            "address_en": _("Địa chỉ (tiếng Anh)"),
        }
        help_texts = {
            "website": _("Đầy đủ, ví dụ https://www.congty.vn"),
            "phone": _("Di động 09… (10 số), máy bàn 024… hoặc số quốc tế +81…"),
        }
        widgets = {
            "description_vi": Textarea(attrs={"rows": 6}),
            "description_en": Textarea(attrs={"rows": 6}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    # The public profile shows them: a representative's save may not leave them empty
    # (the board's admin may, for a company still being set up).
    REQUIRED = {
        "description_vi": _(
            "Hãy viết vài dòng giới thiệu doanh nghiệp bằng tiếng Việt: trang hồ sơ công "
            "khai hiển thị phần này."
        ),
        "address_vi": _(
            "Hãy nhập địa chỉ doanh nghiệp bằng tiếng Việt, ví dụ Lô 12, KCN Quang Minh, "
            "Mê Linh, Hà Nội."
        ),
        "sectors": _("Hãy chọn ít nhất một ngành: khách tìm doanh nghiệp theo ngành."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["invalid"] = _(
            "Địa chỉ e-mail không hợp lệ, ví dụ lienhe@congty.vn"
        )
        for name, message in self.REQUIRED.items():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
        # Stored as E.164 ("+842438251234"): shown as the representative would type it.
        if self.instance.phone:
            self.initial["phone"] = format_phone(
                self.instance.phone, international=get_language() != "vi"
            )

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        return normalize_phone(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        _new_or_removed(self, "logo_upload", "remove_logo")
        return cleaned

    def profile_data(self) -> dict:
        """The cleaned values the service writes (the logo goes separately)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ProductForm(OptionalFieldsMixin, ComposedTextMixin, SiteMessagesMixin, forms.ModelForm):
    image_upload = _image_field(_("Ảnh sản phẩm"))
    remove_image = _remove_field(_("Bỏ ảnh hiện tại"))

    class Meta:
        model = Product
        fields = [
            "name_vi",
            "name_en",
            "description_vi",
            "description_en",
            "sector",
            "is_published",
            "position",
        ]
        labels = {
            "name_vi": _("Tên sản phẩm (tiếng Việt)"),
            "name_en": _("Tên sản phẩm (tiếng Anh)"),
            "description_vi": _("Mô tả (tiếng Việt)"),
            "description_en": _("Mô tả (tiếng Anh)"),
            "sector": _("Ngành"),
            "is_published": _("Công khai trên danh mục sản phẩm"),
            "position": _("Thứ tự"),
        }
        help_texts = {
            "position": _(
                "Vị trí trong danh sách: 0 là đầu tiên, 1 là thứ hai… Có thể dùng nút "
                "lên/xuống trong danh sách."
            ),
        }
        widgets = {
            "description_vi": Textarea(attrs={"rows": 5}),
            "description_en": Textarea(attrs={"rows": 5}),
            "sector": Select,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_vi"].error_messages["required"] = _("Nhập tên sản phẩm bằng tiếng Việt.")
        position = self.fields["position"]
        position.required = False
        # The column holds 0…32767 on every database: said here, not left to PostgreSQL.
        position.validators = [MinValueValidator(0), MaxValueValidator(32767)]
        position.widget.attrs.update(min=0, max=32767)
        if self.instance.pk is not None:
            # Its place in the list (stored numbers may tie or have gaps): saved
            # untouched, the product stays where it is.
            self.initial["position"] = product_place(self.instance)
        else:
            # The model's default (0) shown in the box would put every new product
            # first: empty means "last".
            self.initial["position"] = None
            position.help_text = _(
                "Để trống để thêm vào cuối danh sách; 0 là đầu tiên, 1 là thứ hai… Có thể "
                "dùng nút lên/xuống trong danh sách."
            )
        self.fields["sector"].empty_label = _("— Chưa chọn —")

    def clean(self):
        cleaned = super().clean()
        _new_or_removed(self, "image_upload", "remove_image")
        return cleaned

    def product_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class InviteRepresentativeForm(SiteMessagesMixin, HoneypotMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(max_length=254, label=_("E-mail"))

    def __init__(self, *args, exhibitor: Exhibitor, **kwargs):
        self.exhibitor = exhibitor
        super().__init__(*args, **kwargs)
        self.fields["full_name"].error_messages["required"] = _("Nhập họ và tên người được mời.")
        self.fields["email"].error_messages["required"] = _("Nhập e-mail người được mời.")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        member = self.exhibitor.members.filter(email__iexact=email).first()
        # A member who never set a password may be invited again: a fresh link.
        if member is not None and member.has_usable_password():
            raise ValidationError(_("Người này đã là đại diện của doanh nghiệp."))
        return email
