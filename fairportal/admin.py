"""The board's admin of people, the audit log and the fair editions."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AdminUserCreationForm,
    SetUnusablePasswordMixin,
)
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from booths.models import Booth
from booths.selectors import live_in_fairs
from events.models import Fair, FairFigure
from fairportal import editions
from fairportal.admin_mixins import (
    AccentFreeSearchMixin,
    AuditedAdminMixin,
    MissingEnglishFilter,
    TranslationCompletenessMixin,
    fair_column,
    may_see_in_admin,
    people_and_meetings,
    save_changed_fields,
)
from fairportal.audit import (
    action_label,
    describe_details,
    exhibitor_names,
    ordered_fields,
    readable_value,
)
from fairportal.forms import ComposedTextMixin
from fairportal.models import AuditEntry, User
from fairportal.text import first_few

AUDIT_FIELDS = ("created_at", "updated_at")
AUDIT_FIELDSET = (_("Thời gian"), {"fields": (AUDIT_FIELDS,), "classes": ("collapse",)})


class UserAddForm(AdminUserCreationForm):
    """Django's form for a new user, with the e-mail every user of the portal has
    (sign-in, password reset and the board's notices go there; it is unique)."""

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "email")


class PasswordChangeForm(AdminPasswordChangeForm):
    """Django's form, with its warning translated: Django joins the help text and the
    warning once, at import, so neither follows the admin's language."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = format_html(
                '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}'
                "</li></ul>",
                SetUnusablePasswordMixin.usable_password_help_text,
                _("Khi tắt, mật khẩu hiện có của người dùng này sẽ mất."),
            )


# Django stores a permission's name once, built from the model's verbose name in the
# source language ("Can view sự kiện bên lề"); the choices are named again here from
# the action and the verbose name in the page's language.
PERMISSION_ACTIONS = {
    "add": _("Có thể thêm %(name)s"),
    "change": _("Có thể sửa %(name)s"),
    "delete": _("Có thể xoá %(name)s"),
    "view": _("Có thể xem %(name)s"),
}


def permission_label(permission: Permission) -> str:
    """ "Hội chợ và chương trình | sự kiện bên lề | Có thể xem sự kiện bên lề" in the
    active language (Django's "app | model | name" shape). A permission of a model that
    no longer exists, or one declared by a model's Meta, keeps its stored name. Reads
    `permission.content_type`: select it with the permissions."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:
        return str(permission)
    opts = model._meta
    action, _sep, model_name = permission.codename.partition("_")
    if model_name == content_type.model and action in PERMISSION_ACTIONS:
        name = PERMISSION_ACTIONS[action] % {"name": opts.verbose_name}
    else:
        name = permission.name
    return f"{opts.app_config.verbose_name} | {opts.verbose_name} | {name}"


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class PermissionLabelsMixin:
    """The permissions of a user or a group are listed in the page's language."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name in ("permissions", "user_permissions"):
            kwargs["form_class"] = PermissionChoiceField
            kwargs["queryset"] = Permission.objects.select_related("content_type")
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)


@admin.register(User)
class UserAdmin(PermissionLabelsMixin, AuditedAdminMixin, DjangoUserAdmin):
    add_form = UserAddForm
    change_password_form = PasswordChangeForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = (
        "username",
        "email",
        "full_name",
        "group_list",
        "is_staff",
        "is_superuser",
        "is_active",
        "last_login",
    )
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("username", "email", "first_name", "last_name")
    ordering = ("username",)
    date_hierarchy = "date_joined"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("họ tên"))
    def full_name(self, obj):
        return obj.get_full_name()

    @admin.display(description=_("nhóm"))
    def group_list(self, obj):
        return ", ".join(group.name for group in obj.groups.all()) or "—"

    def save_related(self, request, form, formsets, change):
        """Groups give rights in the admin only to staff: a board member put in the
        viewers' group without "Staff status" could not sign in, and nothing said why."""
        super().save_related(request, form, formsets, change)
        user = form.instance
        if user.is_staff or not user.is_active:
            return
        groups = [group.name for group in user.groups.order_by("name")]
        if groups:
            self.message_user(
                request,
                ngettext(
                    "%(user)s thuộc nhóm %(groups)s nhưng chưa có “%(staff)s”: người này chưa "
                    "vào được trang quản trị. Hãy đánh dấu ô đó.",
                    "%(user)s thuộc các nhóm %(groups)s nhưng chưa có “%(staff)s”: người này "
                    "chưa vào được trang quản trị. Hãy đánh dấu ô đó.",
                    len(groups),
                )
                % {
                    "user": user.get_username(),
                    "groups": ", ".join(f"“{name}”" for name in groups),
                    "staff": capfirst(User._meta.get_field("is_staff").verbose_name),
                },
                messages.WARNING,
            )


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(PermissionLabelsMixin, AuditedAdminMixin, DjangoGroupAdmin):
    pass


class ActorFilter(admin.SimpleListFilter):
    """Only the people who appear in the log (not every exhibitor representative)."""

    title = _("người thực hiện")
    parameter_name = "actor"

    def lookups(self, request, model_admin):
        actors = (
            User.objects.filter(audit_entries__isnull=False)
            .distinct()
            .order_by("username")
            .values_list("pk", "username")
        )
        return [(str(pk), username) for pk, username in actors] + [("none", _("Khách / hệ thống"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(actor__isnull=True)
        if self.value():
            return queryset.filter(actor_id=self.value())
        return queryset


class ActionFilter(admin.SimpleListFilter):
    title = _("hành động")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
        return sorted(((action, action_label(action)) for action in actions), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(action=self.value())
        return queryset


class ContentTypeFilter(admin.SimpleListFilter):
    """The kinds of object present in the log, by their readable name."""

    title = _("loại đối tượng")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = ContentType.objects.filter(
            pk__in=AuditEntry.objects.values("content_type_id")
        ).order_by("app_label", "model")
        return [(str(kind.pk), capfirst(kind.name)) for kind in kinds]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(content_type_id=self.value())
        return queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The log is read-only for everyone: it is written by the services and the admin."""

    list_display = ("created_at", "actor_column", "action_column", "object_kind", "object_link")
    list_filter = (ActionFilter, ContentTypeFilter, ActorFilter)
    list_select_related = ("actor", "content_type")
    search_fields = ("object_repr", "actor_label", "action", "object_id")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    list_per_page = 100
    fields = (
        "created_at",
        "actor",
        "actor_label",
        "action_column",
        "content_type",
        "object_id",
        "object_repr",
        "changes_table",
    )
    readonly_fields = (*fields, "actor_name")

    def get_fields(self, request, obj=None):
        if may_see_in_admin(self, request, get_user_model()):
            return self.fields
        # Board members do not manage users: the actor's name, not a link to a page
        # that answers 403.
        return tuple("actor_name" if field == "actor" else field for field in self.fields)

    @admin.display(description=AuditEntry._meta.get_field("actor").verbose_name)
    def actor_name(self, obj):
        return obj.actor.get_username() if obj.actor_id else None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        from django.urls import path

        from fairportal.personal_data_admin import personal_data_view

        view = self.admin_site.admin_view(lambda request: personal_data_view(self, request))
        return [
            path("personal-data/", view, name="fairportal_personal_data"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        from django.urls import reverse

        from fairportal.personal_data_admin import REQUIRED_PERMISSIONS

        extra_context = dict(extra_context or {})
        if request.user.has_perms(REQUIRED_PERMISSIONS):
            extra_context["personal_data_url"] = reverse("admin:fairportal_personal_data")
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("người thực hiện"), ordering="actor_label")
    def actor_column(self, obj):
        return obj.actor_label or (obj.actor.get_username() if obj.actor_id else "—")

    @admin.display(description=_("hành động"), ordering="action")
    def action_column(self, obj):
        label = action_label(obj.action)
        if label == obj.action:
            return label
        return format_html('{} <span class="quiet">({})</span>', label, obj.action)

    @admin.display(description=_("loại đối tượng"), ordering="content_type")
    def object_kind(self, obj):
        return capfirst(obj.content_type.name) if obj.content_type_id else "—"

    @admin.display(description=_("đối tượng"))
    def object_link(self, obj):
        if obj.content_type_id and obj.object_id:
            url = _admin_change_url(obj.content_type, obj.object_id)
            if url:
                return format_html('<a href="{}">{}</a>', url, obj.object_repr)
        return obj.object_repr or "—"

    @admin.display(description=_("thay đổi"))
    def changes_table(self, obj):
        changes = obj.changes or {}
        fields = changes.get("fields") if isinstance(changes.get("fields"), dict) else None
        model = obj.content_type.model_class() if obj.content_type_id else None
        rows = []
        if fields:
            # In the model's field order: PostgreSQL's jsonb returns the keys shortest first.
            rows = [
                (
                    _field_label(model, name),
                    readable_value(fields[name].get("from")),
                    readable_value(fields[name].get("to")),
                )
                for name in ordered_fields(fields, model)
                if isinstance(fields[name], dict)
            ]
        others = {key: value for key, value in changes.items() if key != "fields" or not fields}
        parts = []
        if rows:
            parts.append(
                format_html(
                    '<table class="audit-changes"><thead><tr><th scope="col">{}</th>'
                    '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody>'
                    "</table>",
                    _("trường"),
                    _("trước"),
                    _("sau"),
                    format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
                )
            )
        if others:
            names = exhibitor_names([others])
            parts.append(format_html("<p>{}</p>", describe_details(others, names, model)))
        return format_html_join("", "{}", ((part,) for part in parts)) if parts else "—"


def _field_label(model, name: str) -> str:
    """A changed field by the name the admin's form gives it ("Tên [vi]", not name_vi)."""
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except (AttributeError, FieldDoesNotExist):
        return name


def _admin_change_url(content_type, object_id):
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(
            f"admin:{content_type.app_label}_{content_type.model}_change", args=[object_id]
        )
    except NoReverseMatch:
        return ""


# --- fair editions ---------------------------------------------------------------


class FairFigureInline(TranslationTabularInline):
    model = FairFigure
    fields = ("value", "label_vi", "label_en", "position")
    extra = 0


class BoothInlineFormSet(BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        if "code" in unique_check:
            return _(
                "Hai dòng trong bảng gian có cùng mã gian (chữ hoa và chữ thường, "
                "khoảng trắng không làm mã khác đi). Hãy đổi một trong hai."
            )
        return super().get_unique_error_message(unique_check)

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.exhibitor_id:
                raise ValidationError(
                    _("Không xoá được gian %(code)s: gian đang giao cho một doanh nghiệp."),
                    params={"code": form.instance.code},
                )
        for form in self.forms:
            if form.has_changed() and form.is_valid() and form not in self.deleted_forms:
                self._check_constraints(form)

    def save_existing(self, form, obj, commit=True):
        # As on the booth's own page: a booth assigned since the page was read (an
        # approval) keeps its exhibitor.
        if commit:
            save_changed_fields(obj, form)
        return obj

    @staticmethod
    def _check_constraints(form):
        """Django checks an inline row's constraints without the row's own foreign key,
        so one code per fair is checked only between the rows of the table: a code held
        by a booth added meanwhile, or by a row this save renames or deletes, would reach
        the database's constraint (a 500). Checked here with the fair, on the row."""
        exclude = {field.name for field in Booth._meta.fields if field.name not in form.fields}
        try:
            form.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            form.add_error(None, error)


class BoothInline(admin.TabularInline):
    """Booths within a fair. The exhibitor changes only through the booth services
    (approval, assignment on the floor plan), so it is read-only here."""

    model = Booth
    formset = BoothInlineFormSet
    fields = (
        "code",
        "hall",
        "kind",
        "width_m",
        "depth_m",
        "price_vnd",
        "is_blocked",
        "exhibitor",
        "fascia_name",
    )
    readonly_fields = ("exhibitor",)
    ordering = ("code",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("exhibitor")


def _events_left_out(events) -> ValidationError:
    """The events a change of the fair's days would leave out, the first few named."""
    shown = first_few(f"{e.title} {timezone.localtime(e.starts_at):%d/%m/%Y}" for e in events)
    return ValidationError(
        ngettext(
            "Còn %(count)s sự kiện diễn ra ngoài các ngày mới (%(events)s): "
            "hãy dời hoặc xoá các sự kiện đó trước.",
            "Còn %(count)s sự kiện diễn ra ngoài các ngày mới (%(events)s): "
            "hãy dời hoặc xoá các sự kiện đó trước.",
            len(events),
        ),
        params={"count": len(events), "events": shown},
        code="events_outside_days",
    )


def _live_in_fair_refusals(fair, live) -> list[str]:
    """Why `fair` is not deleted, each with what to do instead (none: it may go)."""
    refusals = []
    if live.registrations_ahead or live.meetings_ahead:
        refusals.append(
            gettext(
                "“%(fair)s” còn %(attendance)s ở các sự kiện chưa diễn ra: hãy huỷ từng sự kiện (“Huỷ sự kiện và báo cho người "
                "đăng ký…” trên trang của sự kiện) thay vì xoá kỳ hội chợ, để họ được báo."
            )
            % {
                "fair": fair.name,
                "attendance": people_and_meetings(live.registrations_ahead, live.meetings_ahead),
            }
        )
    if live.registrations_past or live.meetings_past:
        refusals.append(
            gettext(
                "“%(fair)s” có %(attendance)s ở các sự kiện đã diễn ra: đó là hồ sơ của kỳ hội chợ, hãy giữ kỳ này lại thay vì xoá."
            )
            % {
                "fair": fair.name,
                "attendance": people_and_meetings(
                    live.registrations_past, live.meetings_past, agreed=True
                ),
            }
        )
    if live.booths:
        refusals.append(
            ngettext(
                "“%(fair)s” còn %(count)s gian đang giao cho doanh nghiệp (%(booths)s): hãy "
                "giải phóng các gian trước (danh sách gian hàng, thao tác “Giải phóng các gian "
                "đã chọn”) rồi mới xoá kỳ hội chợ.",
                "“%(fair)s” còn %(count)s gian đang giao cho doanh nghiệp (%(booths)s): hãy "
                "giải phóng các gian trước (danh sách gian hàng, thao tác “Giải phóng các gian "
                "đã chọn”) rồi mới xoá kỳ hội chợ.",
                len(live.booths),
            )
            % {"fair": fair.name, "count": len(live.booths), "booths": first_few(live.booths)}
        )
    if live.applications:
        refusals.append(
            ngettext(
                "“%(fair)s” còn %(count)s hồ sơ đăng ký gian hàng chưa có quyết định "
                "(%(references)s): hãy duyệt hoặc từ chối để người nộp đơn được báo; hồ sơ "
                "chưa xác nhận e-mail tự hết hạn sau 48 giờ.",
                "“%(fair)s” còn %(count)s hồ sơ đăng ký gian hàng chưa có quyết định "
                "(%(references)s): hãy duyệt hoặc từ chối để người nộp đơn được báo; hồ sơ "
                "chưa xác nhận e-mail tự hết hạn sau 48 giờ.",
                len(live.applications),
            )
            % {
                "fair": fair.name,
                "count": len(live.applications),
                "references": first_few(live.applications),
            }
        )
    return refusals


class FairAdminForm(forms.ModelForm):
    """The fair's days hold its programme (opening, seminars, business-matching
    sessions and their meetings): new days that would leave one of its events out are
    refused, as the event's own form refuses an event outside the fair's days."""

    class Meta:
        model = Fair
        fields = ["starts_on", "ends_on"]  # the admin passes the fieldsets' fields

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("starts_on"), cleaned.get("ends_on")
        moved = {"starts_on", "ends_on"} & set(self.changed_data)
        if not (self.instance.pk and moved and first and last and first <= last):
            return cleaned
        # The event's form takes this row before it checks the days, and the admin saves
        # in this transaction: an event saved meanwhile is read here, or waits for the
        # new days and is refused by them.
        Fair.objects.select_for_update(no_key=True).get(pk=self.instance.pk)
        events = list(self.instance.side_events.order_by("starts_at", "id"))
        # Told at the date that leaves each event out: the opening day or the last day.
        early = [event for event in events if event.outside_days(first, datetime.date.max)]
        late = [event for event in events if event not in early and event.outside_days(first, last)]
        for field, left_out in (("starts_on", early), ("ends_on", late)):
            if left_out:
                self.add_error(field, _events_left_out(left_out))
        return cleaned


class NextEditionForm(ComposedTextMixin, forms.Form):
    """The board's "next edition from this one": its names, slug and days, and what
    to copy from `source` (`fairportal.editions.copy_edition` does it)."""

    name_vi = forms.CharField(label=_("Tên kỳ mới (tiếng Việt)"), max_length=300)
    name_en = forms.CharField(label=_("Tên kỳ mới (tiếng Anh)"), max_length=300, required=False)
    short_name_vi = forms.CharField(
        label=_("Tên ngắn (tiếng Việt)"), max_length=120, required=False
    )
    short_name_en = forms.CharField(label=_("Tên ngắn (tiếng Anh)"), max_length=120, required=False)
    slug = forms.SlugField(
        label=_("Đường dẫn"),
        max_length=120,
        help_text=_("Chữ thường không dấu, số và dấu gạch nối; dùng trong các liên kết."),
    )
    starts_on = forms.DateField(label=_("Ngày khai mạc"), widget=AdminDateWidget)
    ends_on = forms.DateField(label=_("Ngày bế mạc"), widget=AdminDateWidget)
    copy_booths = forms.BooleanField(label=_("Gian hàng"), required=False)
    copy_figures = forms.BooleanField(label=_("Số liệu nổi bật"), required=False)
    copy_side_events = forms.BooleanField(label=_("Sự kiện bên lề"), required=False)

    def __init__(self, *args, source, user, **kwargs):
        self.source, self.user = source, user
        super().__init__(*args, **kwargs)
        booths = source.booths.count()
        kept = source.booths.filter(is_blocked=True).count()
        self.fields["copy_booths"].help_text = ngettext(
            "%(count)s gian: mã, nhà/khu, loại, kích thước, giá và vị trí trên sơ đồ; "
            "chưa giao cho doanh nghiệp nào, không có tên trên bảng tên gian. "
            "%(kept)s gian Ban Quản lý giữ lại (lối thoát hiểm, khu ban tổ chức) vẫn được giữ lại.",
            "%(count)s gian: mã, nhà/khu, loại, kích thước, giá và vị trí trên sơ đồ; "
            "chưa giao cho doanh nghiệp nào, không có tên trên bảng tên gian. "
            "%(kept)s gian Ban Quản lý giữ lại (lối thoát hiểm, khu ban tổ chức) vẫn được giữ lại.",
            booths,
        ) % {"count": booths, "kept": kept}
        if source.event_places.exists():
            self.fields["copy_booths"].help_text += " " + gettext(
                "Nơi diễn ra sự kiện vẽ trên sơ đồ (sân khấu, phòng hội thảo, khu kết nối "
                "doanh nghiệp) được chép cùng các gian."
            )
        figures = source.figures.count()
        self.fields["copy_figures"].help_text = ngettext(
            "%(count)s số liệu trên trang chủ, để cập nhật sau.",
            "%(count)s số liệu trên trang chủ, để cập nhật sau.",
            figures,
        ) % {"count": figures}
        events = source.side_events.filter(cancelled_at__isnull=True).count()
        self.fields["copy_side_events"].help_text = ngettext(
            "%(count)s sự kiện (không kể sự kiện đã huỷ), dời theo ngày khai mạc mới và giữ "
            "giờ trong ngày; không có người đăng ký, chưa mở đăng ký, không có doanh nghiệp "
            "đồng tổ chức; ở dạng nháp, chưa hiện trên trang công khai cho đến khi Ban tổ "
            "chức xem lại và đăng.",
            "%(count)s sự kiện (không kể sự kiện đã huỷ), dời theo ngày khai mạc mới và giữ "
            "giờ trong ngày; không có người đăng ký, chưa mở đăng ký, không có doanh nghiệp "
            "đồng tổ chức; ở dạng nháp, chưa hiện trên trang công khai cho đến khi Ban tổ "
            "chức xem lại và đăng.",
            events,
        ) % {"count": events}

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Fair.objects.filter(slug=slug).exists():
            raise forms.ValidationError(
                _("Đã có kỳ hội chợ mang đường dẫn “%(slug)s”; hãy chọn đường dẫn khác."),
                params={"slug": slug},
                code="slug_taken",
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("starts_on"), cleaned.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", _("Ngày bế mạc không được trước ngày khai mạc."))
        needs = (
            ("copy_figures", "events.add_fairfigure"),
            ("copy_side_events", "events.add_sideevent"),
        )
        for field, permission in needs:
            if cleaned.get(field) and not self.user.has_perm(permission):
                self.add_error(field, _("Bạn không có quyền thêm mục này."))
        return cleaned


@admin.register(Fair)
class FairAdmin(
    AuditedAdminMixin, AccentFreeSearchMixin, TranslationCompletenessMixin, TranslationAdmin
):
    form = FairAdminForm
    list_display = (
        "name",
        "starts_on",
        "ends_on",
        "venue",
        "booth_summary",
        "applications_open",
        "is_current",
        "english_status",
    )
    list_filter = ("is_current", "applications_open", "is_sample", MissingEnglishFilter)
    actions = ("next_edition",)
    search_fields = ("name_vi", "name_en", "short_name_vi", "slug")
    date_hierarchy = "starts_on"
    ordering = ("-starts_on",)
    prepopulated_fields = {"slug": ("name_vi",)}
    readonly_fields = AUDIT_FIELDS
    inlines = (FairFigureInline, BoothInline)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("name_vi", "name_en"),
                    ("short_name_vi", "short_name_en"),
                    "slug",
                    ("is_current", "applications_open", "is_sample"),
                )
            },
        ),
        (
            _("Thời gian"),
            {
                "fields": (
                    ("starts_on", "ends_on"),
                    ("opens_at", "closes_at", "last_day_closes_at"),
                    ("move_in_starts_at", "move_out_ends_at"),
                    ("contract_within_days", "payment_due_on"),
                )
            },
        ),
        (
            _("Địa điểm"),
            {
                "fields": (
                    ("venue_vi", "venue_en"),
                    ("address_vi", "address_en"),
                    ("directions_vi", "directions_en"),
                    ("parking_vi", "parking_en"),
                    "map_url",
                    ("latitude", "longitude"),
                )
            },
        ),
        (
            _("Tổ chức"),
            {
                "fields": (
                    ("organiser_vi", "organiser_en"),
                    ("hotline", "email"),
                    ("summary_vi", "summary_en"),
                )
            },
        ),
        AUDIT_FIELDSET,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                booth_total=Count("booths", distinct=True),
                booth_taken=Count(
                    "booths", filter=Q(booths__exhibitor__isnull=False), distinct=True
                ),
            )
        )

    @admin.display(description=_("gian đã giao / tổng"), ordering="booth_total")
    def booth_summary(self, obj):
        return f"{obj.booth_taken} / {obj.booth_total}"

    def has_copy_permission(self, request) -> bool:
        """The next edition adds a fair and its booths: a board viewer may not."""
        return request.user.has_perms(["events.add_fair", "booths.add_booth"])

    def get_urls(self):
        return [
            path(
                "<int:pk>/next-edition/",
                self.admin_site.admin_view(self.next_edition_view),
                name="events_fair_next_edition",
            ),
            *super().get_urls(),
        ]

    @admin.action(description=_("Tạo kỳ mới từ kỳ này…"), permissions=["copy"])
    def next_edition(self, request, queryset):
        fairs = list(queryset[:2])
        if len(fairs) != 1:
            self.message_user(
                request,
                gettext("Chọn đúng một kỳ hội chợ để tạo kỳ mới từ kỳ đó."),
                messages.WARNING,
            )
            return None
        return redirect(reverse("admin:events_fair_next_edition", args=[fairs[0].pk]))

    @staticmethod
    def _next_edition_initial(source) -> dict:
        """Next year's names, slug and days: the board checks and corrects them."""
        year = source.starts_on.year
        starts_on = editions.add_years(source.starts_on, 1)
        slug = editions.next_year_text(source.slug, year)
        if slug == source.slug:
            slug = f"{source.slug}-{year + 1}"
        return {
            "name_vi": editions.next_year_text(source.name_vi, year),
            "name_en": editions.next_year_text(source.name_en, year),
            "short_name_vi": editions.next_year_text(source.short_name_vi, year),
            "short_name_en": editions.next_year_text(source.short_name_en, year),
            "slug": slug,
            "starts_on": starts_on,
            "ends_on": starts_on + (source.ends_on - source.starts_on),
            "copy_booths": True,
            "copy_figures": True,
            "copy_side_events": False,
        }

    def next_edition_view(self, request, pk):
        if not self.has_copy_permission(request):
            raise PermissionDenied
        source = get_object_or_404(Fair, pk=pk)
        form = NextEditionForm(
            request.POST if request.method == "POST" else None,
            source=source,
            user=request.user,
            initial=self._next_edition_initial(source),
        )
        if request.method == "POST" and form.is_valid():
            try:
                copy = editions.copy_edition(source=source, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                self.message_user(request, _next_edition_done(source, copy), messages.SUCCESS)
                return redirect(reverse("admin:events_fair_change", args=[copy.fair.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Tạo kỳ mới từ “%(fair)s”") % {"fair": source.name},
            "source": source,
            "current": Fair.objects.filter(is_current=True).first(),
            "form": form,
            "adminform": admin.helpers.AdminForm(
                form,
                [
                    (
                        _("Kỳ mới"),
                        {
                            "fields": [
                                ("name_vi", "name_en"),
                                ("short_name_vi", "short_name_en"),
                                "slug",
                                ("starts_on", "ends_on"),
                            ]
                        },
                    ),
                    (
                        _("Sao chép từ kỳ này"),
                        {"fields": ["copy_booths", "copy_figures", "copy_side_events"]},
                    ),
                ],
                prepopulated_fields={},
                model_admin=self,
            ),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/events/next_edition.html", context)

    def get_deleted_objects(self, objs, request):
        """A fair whose people, booths or applications are still live is not deleted:
        its events, registrations, meeting requests and booths would go with it and
        nobody would be told. Django then shows the page that says why and what to do
        instead, and deletes nothing (the fair's page and the list's delete action). A
        fair with nothing live (a draft, the sample fair) is deleted as before."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        fairs = sorted(objs, key=lambda fair: (fair.starts_on, fair.pk))
        live = live_in_fairs([fair.pk for fair in fairs])
        refusals = []
        for fair in fairs:
            refusals.extend(_live_in_fair_refusals(fair, live[fair.pk]))
        return deleted, counts, perms_needed, list(protected) + refusals


def _add_errors(form, error: ValidationError) -> None:
    """The service's refusal on the form's fields it names, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _next_edition_done(source, copy) -> str:
    parts = [
        ngettext("%(n)s gian hàng", "%(n)s gian hàng", copy.booths) % {"n": copy.booths},
        ngettext("%(n)s số liệu nổi bật", "%(n)s số liệu nổi bật", copy.figures)
        % {"n": copy.figures},
        ngettext("%(n)s sự kiện bên lề", "%(n)s sự kiện bên lề", copy.side_events)
        % {"n": copy.side_events},
    ]
    done = gettext(
        "Đã tạo “%(fair)s” từ “%(source)s”, sao chép %(copied)s. Kỳ mới chưa phải kỳ hiện "
        "tại: khi sẵn sàng, hãy bỏ đánh dấu “kỳ hiện tại” ở kỳ đang chạy rồi đánh dấu ở kỳ này."
    ) % {"fair": copy.fair.name, "source": source.name, "copied": ", ".join(parts)}
    if copy.side_events:
        done += " " + ngettext(
            "%(n)s sự kiện bên lề được sao chép ở dạng nháp, chưa hiện trên trang công khai: "
            "hãy xem lại tiêu đề, giờ và nội dung rồi đăng chúng (danh sách sự kiện bên lề, "
            "thao tác “Đăng các sự kiện đã chọn”).",
            "%(n)s sự kiện bên lề được sao chép ở dạng nháp, chưa hiện trên trang công khai: "
            "hãy xem lại tiêu đề, giờ và nội dung rồi đăng chúng (danh sách sự kiện bên lề, "
            "thao tác “Đăng các sự kiện đã chọn”).",
            copy.side_events,
        ) % {"n": copy.side_events}
    return done


@admin.register(FairFigure)
class FairFigureAdmin(AuditedAdminMixin, TranslationCompletenessMixin, TranslationAdmin):
    list_display = ("value", "label", fair_column, "position", "english_status")
    list_editable = ("position",)
    list_filter = ("fair", MissingEnglishFilter)
    list_select_related = ("fair",)
    search_fields = ("value", "label_vi", "label_en")
    autocomplete_fields = ("fair",)
    ordering = ("fair", "position", "id")
    readonly_fields = AUDIT_FIELDS
    fieldsets = (
        (None, {"fields": ("fair", ("value", "position"), ("label_vi", "label_en"))}),
        AUDIT_FIELDSET,
    )
