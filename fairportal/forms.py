"""Form pieces shared by every public form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    """A field people never see or fill; bots that fill it get a form error."""

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
