"""Public forms of the programme: seminar registration and meeting requests."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from events import selectors
from exhibitors.models import Sector
from exhibitors.validators import normalize_phone
from fairportal.countries import COUNTRY_CHOICES
from fairportal.forms import (
    ComposedTextMixin,
    HoneypotMixin,
    OptionalFieldsMixin,
    Select,
    SiteMessagesMixin,
    Textarea,
)
from fairportal.languages import fallback_language
from fairportal.templatetags.portal import slot_hours


class PhoneField(forms.CharField):
    """A phone number, Vietnamese or international, cleaned to E.164."""

    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})

    def clean(self, value):
        value = super().clean(value)
        return normalize_phone(value) if value else value


class RegistrationForm(OptionalFieldsMixin, SiteMessagesMixin, HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Họ và tên"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        max_length=254, label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = PhoneField(
        label=_("Điện thoại"),
        max_length=30,
        help_text=_("Số Việt Nam (09…, 024…) hoặc số quốc tế bắt đầu bằng +."),
    )
    organisation = forms.CharField(
        label=_("Đơn vị"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    job_title = forms.CharField(
        label=_("Chức danh"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    zalo = PhoneField(label=_("Số Zalo (không bắt buộc)"), max_length=30, required=False)
    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để Ban tổ chức dùng các thông tin trên để quản lý đăng ký và liên hệ "
            "về sự kiện này."
        ),
        error_messages={"required": _("Cần có sự đồng ý của bạn để đăng ký.")},
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class RegistrationLinkForm(SiteMessagesMixin, HoneypotMixin, forms.Form):
    """Ask for one's personal registration link again (the first mail is lost)."""

    email = forms.EmailField(
        max_length=254,
        label=_("E-mail bạn đã dùng để đăng ký"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class MeetingLinkForm(RegistrationLinkForm):
    """Ask for the personal links of one's meeting requests to a company again."""

    email = forms.EmailField(
        max_length=254,
        label=_("E-mail bạn đã dùng để gửi yêu cầu gặp"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def _as_slot(value) -> datetime.datetime | None:
    """A posted slot as a local time, or None when it is no time at all."""
    try:
        slot = datetime.datetime.fromisoformat(value)
        if timezone.is_naive(slot):
            slot = timezone.make_aware(slot)
        return timezone.localtime(slot)
    except (TypeError, ValueError, OverflowError):  # OverflowError: 0001-01-01T00:00+14:00
        return None


def _times_text(slots) -> str:
    return ", ".join(f"{slot:%d/%m/%Y %H:%M}" for slot in sorted(set(slots)))


class SlotChoiceField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple
    default_error_messages = {
        # Django's message repeats the posted value: an ISO time, or whatever was sent.
        "invalid_choice": _("Khung giờ không hợp lệ. Hãy chọn một giờ trong danh sách."),
    }

    # Every slot of the sessions on offer, taken or gone by as well: set by the form.
    session_times: frozenset = frozenset()

    def validate(self, value):
        """A time no longer offered (booked by someone else while the page was open,
        or gone by) is named as the visitor reads it, 20/09/2027 15:00. A time that
        is none of the sessions' slots (a form changed by hand, or one from before the
        session's times changed) is no one's booking: it is said so."""
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        gone, outside = [], []
        for item in value:
            if self.valid_value(item):
                continue
            slot = _as_slot(item)
            if slot is None:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            (gone if slot in self.session_times else outside).append(slot)
        errors = []
        if outside:
            errors.append(
                ValidationError(
                    ngettext(
                        "Giờ %(times)s không phải là một khung giờ của phiên kết nối; hãy "
                        "chọn lại trong danh sách.",
                        "Các giờ %(times)s không phải là khung giờ của phiên kết nối; hãy "
                        "chọn lại trong danh sách.",
                        len(outside),
                    )
                    % {"times": _times_text(outside)},
                    code="slot_outside_session",
                )
            )
        if gone:
            errors.append(
                ValidationError(
                    ngettext(
                        "Giờ %(times)s vừa có người đặt hoặc không còn nhận; hãy chọn giờ khác.",
                        "Các giờ %(times)s vừa có người đặt hoặc không còn nhận; hãy chọn giờ "
                        "khác.",
                        len(gone),
                    )
                    % {"times": _times_text(gone)},
                    code="slot_gone",
                )
            )
        if errors:
            raise ValidationError(errors)

    def clean(self, value):
        values = super().clean(value)
        return [_as_slot(item) for item in values]


def _session_heading(session) -> str:
    """The heading of a session's slots, "Kết nối doanh nghiệp · 20/09/2027"; on an
    English page a title with no English is in a `<span lang="vi">`."""
    day = formats.date_format(timezone.localtime(session.starts_at), "d/m/Y")
    code = fallback_language(session, "title")
    if code:
        return format_html('<span lang="{}">{}</span> · {}', code, session.title, day)
    return format_html("{} · {}", session.title, day)


class MeetingRequestForm(OptionalFieldsMixin, SiteMessagesMixin, HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Họ và tên"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    company = forms.CharField(
        label=_("Công ty"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    # Vietnam is chosen beforehand on Vietnamese pages only (see __init__).
    country = forms.ChoiceField(
        label=_("Quốc gia"),
        choices=COUNTRY_CHOICES,
        widget=forms.Select(attrs={"autocomplete": "country"}),
        error_messages={"required": _("Hãy chọn quốc gia của bạn.")},
    )
    email = forms.EmailField(
        max_length=254, label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    # Read with the country chosen above, in clean_phone and clean_zalo.
    phone = forms.CharField(
        label=_("Điện thoại"),
        max_length=30,
        help_text=_("Số Việt Nam hoặc số quốc tế, ví dụ +81 3 1234 5678, +82 2 123 4567."),
        widget=PhoneField.widget,
    )
    zalo = forms.CharField(
        label=_("Số Zalo (không bắt buộc)"),
        max_length=30,
        required=False,
        widget=PhoneField.widget,
    )
    sector = forms.ModelChoiceField(
        label=_("Ngành quan tâm"),
        queryset=Sector.objects.none(),
        required=False,
        empty_label=_("— Chưa chọn —"),
        widget=Select,
    )
    message = forms.CharField(
        label=_("Nội dung muốn trao đổi"),
        max_length=2000,
        widget=Textarea(attrs={"rows": 4}),
        help_text=_("Sản phẩm, nhu cầu mua hoặc hợp tác, số lượng dự kiến… Tối đa 2000 ký tự."),
    )
    slots = SlotChoiceField(
        label=_("Khung giờ mong muốn (chọn từ một đến ba)"),
        # Said before the visitor chooses, not only in the error after a wrong choice.
        help_text=_("Các khung giờ phải thuộc cùng một phiên kết nối."),
        error_messages={"required": _("Chọn từ một đến ba khung giờ.")},
    )
    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để Ban tổ chức chuyển các thông tin trên cho doanh nghiệp này để sắp xếp "
            "cuộc gặp."
        ),
        error_messages={"required": _("Cần có sự đồng ý của bạn để gửi yêu cầu gặp.")},
    )

    def __init__(self, *args, offered=(), **kwargs):
        """`offered`: [(session, [slot…]), …] as selectors.offered_slots gives them."""
        super().__init__(*args, **kwargs)
        if get_language() == "vi":
            self.fields["country"].initial = "VN"
        else:
            # Many who ask in English come from abroad: Vietnam chosen for them would
            # go to the company unnoticed. They choose; nothing is chosen beforehand.
            self.fields["country"].choices = [("", _("— Chưa chọn —")), *COUNTRY_CHOICES]
        self.fields["sector"].queryset = Sector.objects.order_by("position", "slug")
        self.fields["slots"].choices = [
            (
                _session_heading(session),
                [(slot.isoformat(), slot_hours(slot, session.slot_minutes)) for slot in slots],
            )
            for session, slots in offered
            if slots
        ]
        self.slot_sessions = {
            slot.isoformat(): session for session, slots in offered for slot in slots
        }
        self.fields["slots"].session_times = frozenset(
            slot for session, _free in offered for slot in selectors.session_slots(session)
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def _clean_phone(self, name):
        # A buyer from Korea types the number on their card, "010-1234-5678": without
        # "+", a number is one of the chosen country (Vietnam's when none is chosen).
        value = self.cleaned_data.get(name, "")
        country = self.cleaned_data.get("country", "")
        return normalize_phone(value, country=country) if value else value

    def clean_phone(self):
        return self._clean_phone("phone")

    def clean_zalo(self):
        return self._clean_phone("zalo")

    def clean(self):
        cleaned = super().clean()
        slots = cleaned.get("slots") or []
        if len(slots) > 3:
            self.add_error("slots", _("Chọn nhiều nhất ba khung giờ."))
        sessions = {self.slot_sessions[slot.isoformat()].pk for slot in slots}
        if len(sessions) > 1:
            self.add_error("slots", _("Các khung giờ phải thuộc cùng một phiên kết nối."))
        return cleaned

    def session(self):
        slots = self.cleaned_data["slots"]
        return self.slot_sessions[slots[0].isoformat()]


class DecisionForm(ComposedTextMixin, SiteMessagesMixin, forms.Form):
    """An exhibitor's answer to a meeting request in /account/meetings/."""

    ACTIONS = [
        ("accept", _("Nhận lời")),
        ("propose", _("Đề xuất giờ khác")),
        ("decline", _("Từ chối")),
    ]

    meeting = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=ACTIONS)
    slot = forms.CharField(required=False)
    other_slot = forms.CharField(required=False)
    note = forms.CharField(required=False, max_length=1000)
    # "yes" from the button behind the card's "Từ chối…" disclosure: declining is the
    # one answer that cannot be taken back, so one tap never does it.
    confirm = forms.CharField(required=False)

    @staticmethod
    def _parse(value: str):
        try:
            slot = datetime.datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError(_("Khung giờ không hợp lệ.")) from None
        if timezone.is_naive(slot):
            slot = timezone.make_aware(slot)
        return slot

    def clean(self):
        # The radios hold the times on the table (the visitor's, or the one already
        # proposed to them): "accept" takes one of those. The "other time" select is
        # what "propose" sends: a time the visitor did not ask for, which they confirm.
        # Neither button falls back on the other's field, or "propose" would send the
        # visitor a time they chose themselves, and "accept" book one they never chose.
        cleaned = super().clean()
        action = cleaned.get("action")
        field = "other_slot" if action == "propose" else "slot"
        value = cleaned.get(field) or ""
        cleaned["slot"] = None
        if action == "decline" and cleaned.get("confirm") != "yes":
            self.add_error(None, _("Chưa từ chối: hãy bấm “Có, từ chối yêu cầu này” để xác nhận."))
        if action not in ("accept", "propose"):
            return cleaned
        if action == "accept" and cleaned.get("other_slot"):
            self.add_error(
                "other_slot",
                _(
                    "Giờ chọn ở “Hoặc giờ khác” chưa được khách xác nhận nên không nhận lời "
                    "ngay được: bấm “Đề xuất giờ khác” để gửi cho khách, hoặc để ô đó ở “—” "
                    "và nhận lời một giờ ở trên."
                ),
            )
            return cleaned
        if not value:
            if action == "propose":
                self.add_error(field, _("Chọn một giờ khác để đề xuất."))
            else:
                self.add_error(field, _("Chọn một khung giờ."))
            return cleaned
        try:
            cleaned["slot"] = self._parse(value)
        except ValidationError as error:
            self.add_error(field, error)
        return cleaned
