"""Pieces every ModelAdmin of the portal can adopt.

- `AccentFreeSearchMixin`: the admin's search box (and autocomplete) through the
  folded `search_text` column, so "canon" and "dien tu" find "Canon" and "Điện tử".
- `TranslationCompletenessMixin`: a column and a filter that flag rows whose
  Vietnamese content has no English yet.
- `AuditedAdminMixin`: every addition, change and deletion made through this admin
  is written to `fairportal.AuditEntry` with the changed fields' old and new values.
  It is a `ComposedTextAdminMixin`: what the board types or pastes is read as NFC.
- `thumbnail()` and `UploadedImagesMixin`: thumbnails in lists and forms, and
  uploads checked by Pillow and re-encoded with their thumbnail.
- `report_bulk_action()`: a bulk action's last word, a warning when it did nothing.

Admins that do not adopt `AuditedAdminMixin` are still audited, with field names
only, by `audit_admin_log_entry` (connected in `BoardAdminConfig.ready`).
"""

import datetime
import decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from exhibitors.images import reencode_image, validate_image_upload
from exhibitors.validators import format_phone, normalize_phone
from fairportal.audit import record
from fairportal.forms import composed_form, composed_formset
from fairportal.models import AuditEntry
from fairportal.text import filter_by_words, search_text, search_words

ACTION_ADDED = "admin.added"
ACTION_CHANGED = "admin.changed"
ACTION_DELETED = "admin.deleted"


def report_bulk_action(model_admin, request, done: int, *, done_message, nothing_message) -> None:
    """Close a bulk action with what it did: `done_message` (already formatted with the
    count) as a success, or `nothing_message` as a warning when every selected row was
    refused. Never a green "0 done": the board would read it as the action working, and
    a message such as "the visitors have been e-mailed" would be false."""
    if done:
        model_admin.message_user(request, done_message, messages.SUCCESS)
    else:
        model_admin.message_user(request, nothing_message, messages.WARNING)


# --- fields shown by permission -------------------------------------------------


def replace_fields(fieldsets, replacements: dict) -> list:
    """`fieldsets` with each field named in `replacements` swapped for its
    replacement (a field of a tuple of fields too): a page shows a plain-text column
    in place of a link its reader would be refused."""

    def swap(field):
        if isinstance(field, (list, tuple)):
            return type(field)(swap(part) for part in field)
        return replacements.get(field, field)

    return [
        (name, {**options, "fields": [swap(field) for field in options["fields"]]})
        for name, options in fieldsets
    ]


def may_see_in_admin(model_admin, request, model) -> bool:
    """Whether `request.user` may open `model`'s pages in this admin site: Django links
    a read-only foreign key to its change page whatever the reader may see."""
    try:
        target = model_admin.admin_site.get_model_admin(model)
    except admin.sites.NotRegistered:
        return False
    return target.has_view_or_change_permission(request)


# --- search -------------------------------------------------------------------


class AccentFreeSearchMixin:
    """Search the folded `search_text` column word by word (every word must match).

    Models without such a column keep Django's search over `search_fields` and
    also match each folded word against their (folded) slug.
    """

    search_text_field = "search_text"

    def get_search_results(self, request, queryset, search_term):
        if not search_words(search_term):
            return queryset, False
        try:
            self.model._meta.get_field(self.search_text_field)
        except FieldDoesNotExist:
            found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
            if _has_field(self.model, "slug"):
                by_slug = queryset
                for word in search_words(search_term):
                    by_slug = by_slug.filter(slug__contains=word)
                found = found | by_slug
            return found, may_have_duplicates
        return filter_by_words(queryset, search_term, self.search_text_field), False


class FoldedColumnsSearchMixin:
    """Accent-free search for models without a `search_text` column.

    `folded_search_fields` names plain columns (and `relation__search_text` paths,
    matched in the database); the plain columns are folded in Python, so this suits
    tables of a few thousand rows (applications, registrations, meeting requests).
    Every word must match one of the columns.
    """

    folded_search_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        words = search_words(search_term)
        if not words:
            return queryset, False
        plain = [name for name in self.folded_search_fields if not name.endswith("search_text")]
        indexed = [name for name in self.folded_search_fields if name.endswith("search_text")]
        # Prepared as the query is (dots joined, other punctuation a space), so that
        # "canon.com.vn" and "nguyen.van.a@canon.com.vn" find an e-mail address.
        # A Vietnamese phone is stored as "+84912345678" and typed "0912 345 678": the
        # domestic form is searched too.
        texts = {
            row[0]: search_text(*(_with_domestic_phone(str(value)) for value in row[1:] if value))
            for row in queryset.values_list("pk", *plain)
        }
        found = queryset
        for word in words:
            condition = Q(pk__in=[pk for pk, text in texts.items() if word in text])
            for name in indexed:  # both languages' columns
                condition |= Q(**{f"{name}__contains": word}) | Q(**{f"{name}_en__contains": word})
            found = found.filter(condition)
        return found, False


def _with_domestic_phone(value: str) -> str:
    if value.startswith("+84") and value[1:].isdigit():
        return f"{value} 0{value[3:]}"
    return value


def _has_field(model, name) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


# --- translations -------------------------------------------------------------


def translated_field_names(model) -> list[str]:
    """The model's fields registered with modeltranslation ("name", "description" …)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return list(translator.get_options_for_model(model).all_fields.keys())
    except NotRegistered:
        return []


def missing_english(obj) -> list[str]:
    """Labels of the fields filled in Vietnamese and empty in English."""
    missing = []
    for name in translated_field_names(type(obj)):
        if getattr(obj, f"{name}_vi", "") and not getattr(obj, f"{name}_en", ""):
            missing.append(str(obj._meta.get_field(name).verbose_name))
    return missing


def missing_english_q(model) -> Q:
    condition = Q(pk__in=[])
    for name in translated_field_names(model):
        vi_filled = ~Q(**{f"{name}_vi": ""}) & Q(**{f"{name}_vi__isnull": False})
        en_empty = Q(**{f"{name}_en": ""}) | Q(**{f"{name}_en__isnull": True})
        condition |= vi_filled & en_empty
    return condition


class MissingEnglishFilter(admin.SimpleListFilter):
    title = _("bản tiếng Anh")
    parameter_name = "en"

    def lookups(self, request, model_admin):
        return [("missing", _("Còn thiếu tiếng Anh")), ("complete", _("Đủ tiếng Anh"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(missing_english_q(queryset.model))
        if self.value() == "complete":
            return queryset.exclude(missing_english_q(queryset.model))
        return queryset


class TranslationCompletenessMixin:
    """Add `english_status` to `list_display` and `MissingEnglishFilter` to `list_filter`."""

    @admin.display(description=_("tiếng Anh"))
    def english_status(self, obj):
        missing = missing_english(obj)
        if missing:
            return format_html(
                '<span class="tr-missing" title="{}">{} {}</span>',
                ", ".join(missing),
                _("Thiếu"),
                len(missing),
            )
        return format_html('<span class="tr-ok">{}</span>', _("Đủ"))


# --- thumbnails and uploads ---------------------------------------------------


@admin.display(description=_("hội chợ"), ordering="fair")
def fair_column(obj) -> str:
    """A list's fair column by the fair's short name ("Hội chợ KCN Hà Nội 2027"): the
    full name is 70 letters, and pushed the columns the board works with off a 1280 px
    screen."""
    return obj.fair.short_name or obj.fair.name


def people_and_meetings(registrations: int, meetings: int, *, agreed: bool = False) -> str:
    """ "3 người đăng ký và 1 yêu cầu gặp" in the admin's language, each count with its
    own plural ("1 person registered and 2 meeting requests"); `agreed`: meetings held
    or agreed ("cuộc gặp") rather than requests."""
    people = ngettext("%(count)s người đăng ký", "%(count)s người đăng ký", registrations) % {
        "count": registrations
    }
    if agreed:
        met = ngettext("%(count)s cuộc gặp", "%(count)s cuộc gặp", meetings)
    else:
        met = ngettext("%(count)s yêu cầu gặp", "%(count)s yêu cầu gặp", meetings)
    return gettext("%(people)s và %(meetings)s") % {
        "people": people,
        "meetings": met % {"count": meetings},
    }


def phone_text(value: str) -> str:
    """A stored phone on a board's page, grouped as the public pages write it for the
    page's reader ("0912 345 678", "+84 912 345 678" in English), on one line; "—"
    for none."""
    if not value:
        return "—"
    # Kept on one line (admin.css): a narrow table column broke "+84 912 345 678" into
    # four lines of digits.
    return format_html(
        '<span class="phone-number">{}</span>',
        format_phone(value, international=get_language() != "vi"),
    )


def thumbnail(file, *, size: int = 48, alt: str = ""):
    """An <img> of a stored thumbnail (sized by attributes, never by a style)."""
    if not file:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" class="admin-thumb" loading="lazy">',
        file.url,
        alt,
        size,
        size,
    )


class UploadedImagesMixin:
    """Check uploads with Pillow and store them re-encoded, with their thumbnail.

    `uploaded_images = {"logo": "logo_thumb"}` names each image field and its
    thumbnail field; the form's clean step rejects anything but PNG, JPEG or WebP.
    """

    uploaded_images: dict[str, str] = {}

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return _with_image_checks(form, self.uploaded_images)


class UploadedImagesInlineMixin:
    uploaded_images: dict[str, str] = {}

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = _with_image_checks(formset.form, self.uploaded_images)
        return formset


def _with_image_checks(form_class, uploaded_images):
    if not uploaded_images:
        return form_class

    def clean(self):
        cleaned = super(checked, self).clean()
        for field in uploaded_images:
            upload = cleaned.get(field)
            if isinstance(upload, UploadedFile):
                try:
                    validate_image_upload(upload)
                except ValidationError as error:
                    self.add_error(field, error)
        return cleaned

    def save(self, commit=True):
        store_uploaded_images(self.instance, self, uploaded_images)
        return super(checked, self).save(commit)

    checked = type(form_class.__name__, (form_class,), {"clean": clean, "save": save})
    return checked


def store_uploaded_images(obj, form, uploaded_images) -> None:
    """Replace fresh uploads by their re-encoded file and fill the thumbnail field."""
    for field, thumb_field in uploaded_images.items():
        if field not in form.changed_data:
            continue
        value = form.cleaned_data.get(field)
        if isinstance(value, UploadedFile):
            full, thumb = reencode_image(value, prefix=obj._meta.model_name)
            getattr(obj, field).save(full.name, full, save=False)
            getattr(obj, thumb_field).save(thumb.name, thumb, save=False)
        elif value is False:  # the "clear" box was ticked
            setattr(obj, field, "")
            setattr(obj, thumb_field, "")


# --- audit --------------------------------------------------------------------


def plain_value(value):
    """A JSON-friendly rendering of a form value, for the audit log."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (FieldFile, File)):
        return value.name or ""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (models.QuerySet, list, tuple, set)):
        return sorted(str(item) for item in value)
    return str(value)


def save_changed_fields(obj, form) -> None:
    """Write only the columns `form` changed (and the time of the change): a column the
    form does not show, such as a booth's exhibitor that only the services move, keeps
    what the database holds now, not what was read when the page was sent."""
    fields = [name for name in form.changed_data if name in form.fields]
    if fields:
        obj.save(update_fields=[*fields, "updated_at"])


def form_changes(form, *, add: bool) -> dict:
    """{field: {"from": old, "to": new}} for the fields the form changed."""
    changes = {}
    for name in form.changed_data:
        if "password" in name:
            changes[name] = {"from": "***", "to": "***"}
            continue
        old = None if add else form.initial.get(name)
        field = form.fields.get(name)
        if old is not None and hasattr(field, "queryset") and not isinstance(old, list):
            try:
                old = field.to_python(old)
            except ValidationError:
                pass
        changes[name] = {"from": plain_value(old), "to": plain_value(form.cleaned_data.get(name))}
    return changes


def _related_changes(message) -> list:
    """The inline rows added, changed or deleted, from the admin's change message."""
    if not isinstance(message, list):
        return []
    related = []
    for item in message:
        for verb, detail in item.items():
            if isinstance(detail, dict) and "object" in detail:
                related.append({"action": verb, **{k: str(v) for k, v in detail.items()}})
    return related


class CheckedPhonesForm(forms.ModelForm):
    """Phones typed in the admin are checked and stored as the public forms store them
    (E.164, "+84912345678"): else a typo reached the public profile as a `tel:` link
    and the mails. A number stored before numbers were checked is kept while it is
    left as it is, as the import keeps it."""

    phone_fields: tuple[str, ...] = ("phone",)
    # The field of the country whose numbers the phones are when typed without "+"
    # (`normalize_phone`'s `country`), as the public form that made the row reads them.
    phone_country_field: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown grouped, as the public pages write it ("0912 345 678"); stored as before.
        # A number of a buyer from abroad keeps its calling code, so that it reads back
        # as the same number whichever country the row names.
        country = getattr(self.instance, self.phone_country_field or "", "") or "VN"
        international = get_language() != "vi" or country != "VN"
        for name in self.phone_fields:
            stored = getattr(self.instance, name, "")
            if name in self.fields and stored:
                self.initial[name] = format_phone(stored, international=international)

    def clean(self):
        cleaned = super().clean()
        country = cleaned.get(self.phone_country_field) or "" if self.phone_country_field else ""
        for name in self.phone_fields:
            if name not in self.changed_data and name in cleaned:
                # Left as shown (grouped): the number stored, not the text on the page.
                cleaned[name] = getattr(self.instance, name)
                continue
            value = (cleaned.get(name) or "").strip()
            if value:
                try:
                    cleaned[name] = normalize_phone(value, country=country)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


class TextAreaField(forms.CharField):
    """A text area's value with the line endings the database keeps (the browser sends
    "\r\n"), so that text saved untouched is not logged as changed."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


TEXT_AREAS = {models.TextField: {"form_class": TextAreaField}}


class ComposedTextAdminMixin:
    """What the board types or pastes in this admin is read as NFC, as on the public
    forms (`fairportal.forms.ComposedTextMixin`): the add and change form, every
    inline's rows and the list's editable columns. A name pasted as "e" + combining
    marks (NFD, as some Mac tools write it) would else be stored so, and compare,
    count and deduplicate as other text than the same name typed elsewhere.
    Passwords are left as typed."""

    def get_form(self, request, obj=None, **kwargs):
        return composed_form(super().get_form(request, obj, **kwargs))

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            yield composed_formset(formset), inline

    def get_changelist_formset(self, request, **kwargs):
        return composed_formset(super().get_changelist_formset(request, **kwargs))


class AuditedAdminMixin(ComposedTextAdminMixin):
    """Write an AuditEntry for each addition, change and deletion made in this admin.

    Every admin of the board that writes adopts it, and so reads its text as NFC
    (`ComposedTextAdminMixin`)."""

    formfield_overrides = TEXT_AREAS

    def save_model(self, request, obj, form, change):
        pending = request.__dict__.setdefault("_audit_fields", {})
        pending[id(obj)] = form_changes(form, add=not change)
        super().save_model(request, obj, form, change)

    def _audit(self, request, obj, action, message):
        changes = {}
        fields = request.__dict__.get("_audit_fields", {}).pop(id(obj), None)
        if fields:
            changes["fields"] = fields
        related = _related_changes(message)
        if related:
            changes["related"] = related
        record(action=action, obj=obj, actor=request.user, changes=changes)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._audit(request, obj, ACTION_ADDED, message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._audit(request, obj, ACTION_CHANGED, message)
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            record(action=ACTION_DELETED, obj=obj, actor=request.user)
        return entries


def audit_admin_log_entry(sender, instance, created, **kwargs):
    """post_save of admin LogEntry: audit admins that do not use AuditedAdminMixin."""
    if not created or instance.content_type_id is None:
        return
    model = instance.content_type.model_class()
    model_admin = admin.site._registry.get(model)
    if isinstance(model_admin, AuditedAdminMixin):
        return
    action = {1: ACTION_ADDED, 2: ACTION_CHANGED, 3: ACTION_DELETED}.get(instance.action_flag)
    user = instance.user
    AuditEntry.objects.create(
        actor=user,
        actor_label=user.get_username(),
        action=action or "admin.other",
        content_type_id=instance.content_type_id,
        object_id=instance.object_id or "",
        object_repr=instance.object_repr[:300],
        changes={"message": capfirst(instance.get_change_message())}
        if instance.change_message
        else {},
    )
