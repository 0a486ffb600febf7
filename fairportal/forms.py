"""Form pieces shared by every public form."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fairportal.text import nfc


class ComposedTextMixin(forms.BaseForm):
    """What a visitor types or pastes is read as NFC (`fairportal.text.nfc`) before any
    field sees it, so that lengths, duplicates and the stored rows match what others
    typed. Passwords are left as typed: they must match what the user set."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            return
        secret = {
            self.add_prefix(name)
            for name, field in self.fields.items()
            if isinstance(field.widget, forms.PasswordInput)
        }
        data = self.data.copy()
        for key in data:
            if key in secret:
                continue
            values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
            values = [nfc(value) if isinstance(value, str) else value for value in values]
            if hasattr(data, "setlist"):
                data.setlist(key, values)
            else:
                data[key] = values[0]
        self.data = data


class HoneypotMixin(ComposedTextMixin, forms.Form):
    """A field people never see or fill; bots that fill it get a form error. Every
    public form has it, and so reads its text as NFC (`ComposedTextMixin`)."""

    website_url = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website_url(self):
        value = self.cleaned_data.get("website_url", "")
        if value:
            raise forms.ValidationError(_("Không gửi được biểu mẫu. Vui lòng thử lại."))
        return value


class SiteMessagesMixin:
    """The site's own words for the errors Django words itself, on every field of a
    public form: "e-mail" as the site writes it (Django's Vietnamese says "email"),
    and a length error that says what was typed ("Tối đa 200 ký tự (bạn đã nhập
    300)."), not Django's "…tối đa 200 kí tự (hiện có 300)". A message a field was
    given on purpose is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            messages = field.error_messages
            if isinstance(field, forms.EmailField):
                messages.setdefault(
                    "invalid", _("Địa chỉ e-mail không hợp lệ, ví dụ ten@congty.vn")
                )
            if isinstance(field, forms.URLField) and (
                messages.get("invalid") is forms.URLField.default_error_messages["invalid"]
            ):
                messages["invalid"] = _(
                    "Địa chỉ trang web không hợp lệ, ví dụ https://www.congty.vn"
                )
            if getattr(field, "max_length", None) is not None:
                messages.setdefault(
                    "max_length", _("Tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d).")
                )


# The range of the databases' 64-bit integer keys.
_KEY_MIN, _KEY_MAX = -(2**63), 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing a number beyond the 64-bit keys as an invalid choice
    before the database sees it: Django guards its exact lookups against such numbers,
    but not `IN (…)`, where SQLite raises OverflowError (a 500 for the visitor)."""

    def _check_values(self, value):
        for item in value or ():
            try:
                number = int(str(item).strip())
            except ValueError:
                continue  # not a number: Django's own check says it is no valid choice
            if not _KEY_MIN <= number <= _KEY_MAX:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class Textarea(forms.Textarea):
    """Django's text box, reading line breaks as the browser counted them.

    Browsers count a line break as one character against the box's `maxlength` but
    send it as CR LF, so a message the box took could be refused for its length on the
    server ("at most 2000 characters (it has 2028)"). Read as one LF, the two agree.
    """

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


class OptionalFieldsMixin(forms.BaseForm):
    """Each optional field says so in its label ("Trang web (không bắt buộc)"), the way the
    visitor forms write "Số Zalo (không bắt buộc)": on a long form whose required and
    optional fields look alike, a visitor learns which ones must be filled only by
    sending it. Screen readers hear the required ones from their `required` attribute."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        optional = str(_("không bắt buộc"))
        for name, field in self.fields.items():
            if field.required or not field.label or name == "website_url":
                continue
            if optional not in str(field.label):  # "Số Zalo (không bắt buộc)" says it already
                field.label = format_lazy(_("{label} (không bắt buộc)"), label=field.label)
