"""Form pieces shared by every public form (and, for text read as NFC, the admin's and
the API's)."""

import unicodedata

from django import forms
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fairportal.languages import fallback_language
from fairportal.text import nfc


def composed_data(data, *, secret=frozenset()):
    """`data` (a form's QueryDict or a JSON body's dict) with its text as NFC
    (`fairportal.text.nfc`), in a copy; the keys in `secret` as typed. A body that is NFC
    already is given back as it is, uncopied: a formset's rows all read the same data."""
    if not any(not _is_nfc(value) for key, value in _items(data) if key not in secret):
        return data
    composed = data.copy()
    for key in list(composed):
        if key in secret:
            continue
        if hasattr(composed, "setlist"):
            composed.setlist(key, [_composed(value) for value in composed.getlist(key)])
        else:
            composed[key] = _composed(composed[key])
    return composed


def _items(data):
    if hasattr(data, "lists"):
        return ((key, value) for key, values in data.lists() for value in values)
    return data.items()


def _is_nfc(value) -> bool:
    if isinstance(value, str):
        return unicodedata.is_normalized("NFC", value)
    if isinstance(value, (list, tuple)):  # a JSON array: the API's slots
        return all(_is_nfc(item) for item in value)
    return True


def _composed(value):
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, (list, tuple)):
        return [_composed(item) for item in value]
    return value


def _row_password_keys(form_class, data, prefix) -> frozenset:
    """The keys of `data` that the password fields of `form_class` read on any row of
    the formset named `prefix`: a password must stay exactly as typed."""
    names = {
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field.widget, forms.PasswordInput)
    }
    return frozenset(
        key
        for key in (data if names else ())
        if key.startswith(f"{prefix}-") and key.rsplit("-", 1)[-1] in names
    )


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
        self.data = composed_data(self.data, secret=secret)


class ComposedTextFormSetMixin(forms.BaseFormSet):
    """`ComposedTextMixin` for every row of a formset at once: the rows read the
    formset's data, made NFC once (not a copy of the whole body per row)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            secret = _row_password_keys(self.form, self.data, self.prefix)
            self.data = composed_data(self.data, secret=secret)


def composed_form(form_class):
    """`form_class` reading its text as NFC (`ComposedTextMixin`)."""
    if issubclass(form_class, ComposedTextMixin):
        return form_class
    return type(form_class.__name__, (ComposedTextMixin, form_class), {})


def composed_formset(formset_class):
    """`formset_class` reading its rows' text as NFC (`ComposedTextFormSetMixin`)."""
    if issubclass(formset_class, ComposedTextFormSetMixin):
        return formset_class
    return type(formset_class.__name__, (ComposedTextFormSetMixin, formset_class), {})


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


def site_error_messages(field) -> dict:
    """The site's own words for the errors Django words itself on `field` (a form
    field): "e-mail" as the site writes it (Django's Vietnamese says "email"), and a
    length error that says what was typed ("Tối đa 200 ký tự (bạn đã nhập 300)."),
    not Django's "…tối đa 200 kí tự (hiện có 300)". The API's fields built from a
    form's fields take the same (`events.api`)."""
    messages = {}
    if isinstance(field, forms.EmailField):
        messages["invalid"] = _("Địa chỉ e-mail không hợp lệ, ví dụ ten@congty.vn")
    if isinstance(field, forms.URLField):
        messages["invalid"] = _("Địa chỉ trang web không hợp lệ, ví dụ https://www.congty.vn")
    if isinstance(field, forms.IntegerField) and not isinstance(
        field, (forms.FloatField, forms.DecimalField)
    ):
        # Django's Vietnamese says "Nhập một số tổng thể." ("an overall number").
        messages["invalid"] = _("Nhập một số nguyên, ví dụ 2.")
    if getattr(field, "max_length", None) is not None:
        messages["max_length"] = _("Tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d).")
    return messages


def _django_default(field, code):
    """Django's own message for `code` on `field`'s class (not one the form chose)."""
    for klass in type(field).__mro__:
        message = getattr(klass, "default_error_messages", {}).get(code)
        if message is not None:
            return message
    return None


class SiteMessagesMixin:
    """`site_error_messages` on every field of a public form. A message a field was
    given on purpose is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for code, message in site_error_messages(field).items():
                current = field.error_messages.get(code)
                # Django's own messages (URL, whole number) are class defaults, not the
                # form's choice.
                if current is None or current is _django_default(field, code):
                    field.error_messages[code] = message


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


class FallbackLanguageOptionsMixin:
    """Options of a model choice naming each row by a translated field (a sector's
    name): on an English page, a row with no English shows its Vietnamese, and the
    option says `lang="vi"` (WCAG 3.1.2). A <option> holds only text, so it carries the
    attribute itself; a checkbox's or radio's label wraps the name in a <span>. The
    rows come from the field's queryset with every column: no extra query."""

    label_field = "name"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)  # None for the empty choice
        code = fallback_language(instance, self.label_field) if instance is not None else ""
        if code and self.input_type == "select":
            option["attrs"]["lang"] = code
        elif code:
            option["label"] = format_html('<span lang="{}">{}</span>', code, label)
        return option


class Select(FallbackLanguageOptionsMixin, forms.Select):
    """Django's drop-down whose options name rows in the language of their text."""


class CheckboxSelectMultiple(FallbackLanguageOptionsMixin, forms.CheckboxSelectMultiple):
    """Django's boxes whose labels name rows in the language of their text."""


class Textarea(forms.Textarea):
    """Django's text box, reading line breaks as the browser counted them.

    Browsers count a line break as one character against the box's `maxlength` but
    send it as CR LF, so a message the box took could be refused for its length on the
    server ("at most 2000 characters (it has 2028)"). Read as one LF, the two agree.
    """

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


def _label_of(field, label) -> str:
    """`label`, saying the field may be left empty when it may: "Trang web (không bắt
    buộc)", and inside the brackets a label has already, "Địa chỉ (tiếng Anh, không bắt
    buộc)", as the apply form writes its English trading name."""
    text = str(label)
    if field.required or str(_("không bắt buộc")) in text:  # "Số Zalo (không bắt buộc)"
        return text
    if text.endswith(")"):
        return gettext("{label}, không bắt buộc)").format(label=text[:-1])
    return gettext("{label} (không bắt buộc)").format(label=text)


_lazy_label_of = lazy(_label_of, str)


class OptionalFieldsMixin(forms.BaseForm):
    """Each optional field says so in its label ("Trang web (không bắt buộc)"), the way the
    visitor forms write "Số Zalo (không bắt buộc)": on a long form whose required and
    optional fields look alike, a visitor learns which ones must be filled only by
    sending it. Screen readers hear the required ones from their `required` attribute.

    The label reads `required` when the page is drawn, so a form's own `__init__` may
    still make a field required or not. A lone checkbox is left as it is: ticking it or
    not is the choice it offers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            # The honeypot is hidden from people: its label asks them to leave it empty.
            if not field.label or name in HoneypotMixin.base_fields:
                continue
            if isinstance(field, forms.BooleanField):
                continue
            field.label = _lazy_label_of(field, field.label)
