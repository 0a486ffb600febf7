"""The board's tools for the programme: events, registrations, meeting requests and
the matching schedule. Every state change goes through events.services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from events import selectors, services
from events.models import EventRegistration, Fair, MeetingRequest, SideEvent
from fairportal import clock
from fairportal.admin_mixins import (
    AuditedAdminMixin,
    CheckedPhonesForm,
    FoldedColumnsSearchMixin,
    MissingEnglishFilter,
    TranslationCompletenessMixin,
    fair_column,
    form_changes,
    people_and_meetings,
    phone_text,
    replace_fields,
    report_bulk_action,
)
from fairportal.exports import CSV_CONTENT_TYPE, csv_bytes
from fairportal.templatetags.portal import slot_hours
from fairportal.text import row_id

CANCEL_AGREED_ACTION = _("Huỷ các cuộc gặp đã chốt và báo cho hai bên…")


def meeting_time_text(slot, minutes: int) -> str:
    """A meeting's slot as the board reads it in its lists: "09:00–09:30, 20/09/2027"
    (local time), its start and its end; "—" for none."""
    if slot is None:
        return "—"
    return f"{slot_hours(slot, minutes)}, {timezone.localtime(slot):%d/%m/%Y}"


def _csv_response(filename: str, headers, rows) -> HttpResponse:
    """UTF-8 with a BOM (Excel then reads the Vietnamese text), and a cell a visitor
    typed that starts like a formula ("=", "+", …) kept as text, as every export."""
    response = HttpResponse(csv_bytes(headers, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Fair and FairFigure are registered in fairportal/admin.py (with the booths inline).


class RegistrationInline(admin.TabularInline):
    model = EventRegistration
    extra = 0
    can_delete = False
    show_change_link = True
    fields = [
        "name",
        "email",
        "phone_number",
        "organisation",
        "status",
        "created_at",
        "attended_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("điện thoại"))
    def phone_number(self, obj):
        return phone_text(obj.phone)


class SideEventAdminForm(forms.ModelForm):
    class Meta:
        model = SideEvent
        fields = ["capacity"]  # the admin passes the fieldsets' fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        place = self.fields.get("place")
        if place is not None:
            # The places drawn on the plan of the event's fair only (the one chosen in
            # the form; for a new event, the fair it starts with).
            place.queryset = place.queryset.filter(fair_id=self._fair_id()).order_by(
                "hall", "name_vi"
            )
            place.label_from_instance = lambda p: (
                gettext("%(place)s · khu %(hall)s")
                % {
                    "place": p.name,
                    "hall": p.hall,
                }
            )
            # Deleting a place of the plan is the plan's business, not the event's.
            place.widget.can_delete_related = False
            place.error_messages["invalid_choice"] = _(
                "Hãy chọn một nơi trên sơ đồ của chính kỳ hội chợ của sự kiện."
            )

    def _fair_id(self):
        chosen = self.data.get(self.add_prefix("fair")) if self.is_bound else None
        chosen = chosen or self.instance.fair_id or self.initial.get("fair")
        if chosen is None:
            fair = selectors.current_fair()
            return fair.pk if fair else None
        return row_id(chosen)  # "²" or 10**20 is no fair, not a 500

    def clean(self):
        """Take the fair's row, then the event's, before `SideEvent.clean` checks the
        fair's days and the session's agreed meetings and waiting requests: the fair's
        form, `services.accept_meeting`, `request_meeting` and `propose_other_slot` take
        the same rows, so whichever comes second waits and checks what the first wrote. The admin validates and saves in one
        transaction (`changeform_view`), which holds the locks until the save. (No key
        lock: rows that only point at them, a booth application or a meeting request,
        are still added meanwhile.)"""
        cleaned = super().clean()
        fair = cleaned.get("fair")
        if fair is not None:
            # Read again under the lock: the model's check reads the days from it.
            cleaned["fair"] = Fair.objects.select_for_update(no_key=True).get(pk=fair.pk)
        if self.instance.pk:
            SideEvent.objects.select_for_update(no_key=True).get(pk=self.instance.pk)
        return cleaned

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            taken = SideEvent.objects.filter(pk=self.instance.pk).values_list(
                "seats_taken", flat=True
            )[0]
            if capacity < taken:
                raise forms.ValidationError(
                    _("Đã có %(taken)s người giữ chỗ: số chỗ không được nhỏ hơn."),
                    params={"taken": taken},
                )
        return capacity


@admin.register(SideEvent)
class SideEventAdmin(
    AuditedAdminMixin, FoldedColumnsSearchMixin, TranslationCompletenessMixin, TranslationAdmin
):
    form = SideEventAdminForm
    list_display = [
        "title",
        "kind",
        fair_column,
        "starts_at",
        "room",
        "seats",
        "takes_sign_ups",
        "public",
        "cancelled_at",
        "english_status",
    ]
    # The list shows when each event starts; the export gives its end as well, for the
    # printed programme and the rooms' bookings.
    export_fields = [
        "title",
        "kind",
        fair_column,
        "starts_at",
        "ends_at",
        "room",
        "capacity",
        "seats_taken",
        "registration_open",
        "is_published",
        "cancelled_at",
    ]
    list_filter = ["fair", "kind", "is_published", "registration_open", MissingEnglishFilter]
    # No search_text column: the titles, folded in Python (a fair has tens of events), so
    # "hoi thao" finds "Hội thảo: …" as every other list of the board does.
    search_fields = ["title_vi"]
    folded_search_fields = ("title_vi", "title_en", "slug")
    list_select_related = ["fair"]
    prepopulated_fields = {"slug": ["title_vi"]}
    autocomplete_fields = ["hosts"]
    readonly_fields = [
        "seats_taken",
        "matching_schedule_link",
        "cancellation",
        "cancellation_state",
        "created_at",
        "updated_at",
    ]
    inlines = [RegistrationInline]
    actions = ["publish", "close_registration"]
    date_hierarchy = "starts_at"
    ordering = ["starts_at", "id"]
    fieldsets = [
        (None, {"fields": ["fair", "kind", ("title_vi", "title_en"), "slug"]}),
        (
            _("Nội dung"),
            {
                "fields": [
                    ("summary_vi", "summary_en"),
                    ("description_vi", "description_en"),
                    ("speakers_vi", "speakers_en"),
                    "hosts",
                ]
            },
        ),
        (
            _("Thời gian và chỗ"),
            {
                "fields": [
                    ("starts_at", "ends_at"),
                    ("room_vi", "room_en"),
                    "place",
                    ("capacity", "seats_taken"),
                    ("is_published", "registration_open"),
                    "cancellation",
                ]
            },
        ),
        (
            _("Kết nối doanh nghiệp"),
            {"fields": [("slot_minutes", "tables"), "matching_schedule_link"]},
        ),
        (_("Thời gian"), {"fields": [("created_at", "updated_at")], "classes": ["collapse"]}),
    ]

    def get_urls(self):
        return [
            path(
                "<int:pk>/matching/",
                self.admin_site.admin_view(self.matching_schedule_view),
                name="events_sideevent_matching",
            ),
            path(
                "<int:pk>/cancel/",
                self.admin_site.admin_view(self.cancel_event_view),
                name="events_sideevent_cancel",
            ),
        ] + super().get_urls()

    @admin.display(description=_("huỷ sự kiện"))
    def cancellation(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        if obj.cancelled_at is not None:
            return gettext("Đã huỷ lúc %(when)s") % {
                "when": f"{timezone.localtime(obj.cancelled_at):%d/%m/%Y %H:%M}"
            }
        if obj.has_begun:
            return gettext("Sự kiện đã bắt đầu: không huỷ được nữa.")
        return format_html(
            '<a class="deletelink" href="{}">{}</a>',
            reverse("admin:events_sideevent_cancel", args=[obj.pk]),
            gettext("Huỷ sự kiện và báo cho người đăng ký…"),
        )

    @admin.display(description=_("huỷ sự kiện"))
    def cancellation_state(self, obj):
        """What a board member who may only look is told: no link to a cancellation
        page that would refuse them."""
        if obj is None or obj.pk is None:
            return "—"
        if obj.cancelled_at is not None or obj.has_begun:
            return self.cancellation(obj)
        return gettext("Chưa huỷ.")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets
        return replace_fields(fieldsets, {"cancellation": "cancellation_state"})

    def cancel_event_view(self, request, pk):
        """A page that says who will be told, and the button that cancels the event."""
        event = get_object_or_404(SideEvent, pk=pk)
        if not self.has_change_permission(request, event):
            raise PermissionDenied
        change_url = reverse("admin:events_sideevent_change", args=[event.pk])
        if request.method == "POST":
            try:
                done = services.cancel_event(event=event, actor=request.user)
            except services.EventsError as error:
                self.message_user(request, error.message, messages.WARNING)
            else:
                self.message_user(
                    request,
                    gettext(
                        "Đã huỷ “%(title)s”. Số người đăng ký được báo: %(people)s; "
                        "số yêu cầu gặp bị huỷ (hai bên được báo): %(meetings)s."
                    )
                    % {
                        "title": event.title,
                        "people": done.registrations,
                        "meetings": done.meetings,
                    },
                    messages.SUCCESS,
                )
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "event": event,
            "title": gettext("Huỷ sự kiện: %(title)s") % {"title": event.title},
            "change_url": change_url,
            **selectors.who_is_told_of_cancellation(event),
        }
        return TemplateResponse(request, "admin/events/cancel_event.html", context)

    def get_deleted_objects(self, objs, request):
        """An event with people registered or meetings in it is not deleted: they would
        lose their seat or meeting without a word. Django then shows the page that says
        why and deletes nothing; the event's page has the cancellation, which tells
        them."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        live = selectors.live_attendance([event.pk for event in objs])
        protected = list(protected) + [
            gettext(
                "“%(title)s” còn %(attendance)s: "
                "hãy huỷ sự kiện (“Huỷ sự kiện và báo cho người đăng ký…” trên trang của sự "
                "kiện) thay vì xoá, để họ được báo."
            )
            % {
                "title": event.title,
                "attendance": people_and_meetings(*live[event.pk]),
            }
            for event in sorted(objs, key=lambda e: (e.starts_at, e.pk))
            if any(live.get(event.pk, (0, 0)))
        ]
        return deleted, counts, perms_needed, protected

    # Short headers (and seats as "2/120"): the field names, in either language, pushed
    # the last columns off a 1280 px screen.
    @admin.display(description=_("đã đăng ký/số chỗ"), ordering="seats_taken")
    def seats(self, obj):
        return f"{obj.seats_taken}/{obj.capacity}"

    @admin.display(description=_("nhận đăng ký"), boolean=True, ordering="registration_open")
    def takes_sign_ups(self, obj):
        return obj.registration_open

    @admin.display(description=_("công khai"), boolean=True, ordering="is_published")
    def public(self, obj):
        return obj.is_published

    @admin.action(description=_("Đăng các sự kiện đã chọn"), permissions=["change"])
    def publish(self, request, queryset):
        published = services.publish_events(events=queryset, actor=request.user)
        report_bulk_action(
            self,
            request,
            published,
            done_message=ngettext(
                "Đã đăng %(n)s sự kiện: khách thấy chúng trên trang công khai.",
                "Đã đăng %(n)s sự kiện: khách thấy chúng trên trang công khai.",
                published,
            )
            % {"n": published},
            nothing_message=gettext(
                "Không có sự kiện nào được đăng: các sự kiện đã chọn đã công khai từ trước."
            ),
        )

    @admin.display(description=_("lịch kết nối"))
    def matching_schedule_link(self, obj):
        if obj is None or obj.pk is None or obj.kind != SideEvent.Kind.BUSINESS_MATCHING:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:events_sideevent_matching", args=[obj.pk]),
            gettext("Xem lịch gặp theo bàn"),
        )

    @admin.action(description=_("Đóng đăng ký các sự kiện đã chọn"), permissions=["change"])
    def close_registration(self, request, queryset):
        closed = sum(services.close_registration(event=e, actor=request.user) for e in queryset)
        report_bulk_action(
            self,
            request,
            closed,
            done_message=ngettext(
                "Đã đóng đăng ký %(n)s sự kiện.", "Đã đóng đăng ký %(n)s sự kiện.", closed
            )
            % {"n": closed},
            nothing_message=gettext(
                "Không có sự kiện nào được đóng đăng ký: các sự kiện đã chọn đã đóng từ trước."
            ),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        # Never write back the seats counter read when the form was opened: registrations
        # move it with F() updates meanwhile.
        request.__dict__.setdefault("_audit_fields", {})[id(obj)] = form_changes(form, add=False)
        # The row as it stands (the form's clean locked it): what the people registered
        # were told, and the cancellation, which only services.cancel_event writes.
        before = SideEvent.objects.get(pk=obj.pk)
        obj.cancelled_at = before.cancelled_at
        obj.save(
            update_fields=[
                field.name
                for field in obj._meta.concrete_fields
                if not field.primary_key
                and field.name not in ("seats_taken", "created_at", "cancelled_at")
            ]
        )
        # Seats first: a visitor promoted by this save gets one mail, the seat with the
        # new time, not "still waiting" about the move and then "a seat for you".
        promoted = []
        if "capacity" in form.changed_data:
            promoted = services.promote_waitlist(event=obj, actor=request.user, moved_from=before)
        told = services.tell_event_moved(
            event=obj, before=before, actor=request.user, promoted=promoted
        )
        if told:
            self.message_user(
                request,
                ngettext(
                    "Đã gửi thời gian, địa điểm mới cho %(n)s người đăng ký.",
                    "Đã gửi thời gian, địa điểm mới cho %(n)s người đăng ký.",
                    told,
                )
                % {"n": told},
                messages.SUCCESS,
            )
        if promoted:
            self.message_user(
                request,
                gettext("%(n)s người trong danh sách chờ đã có chỗ.") % {"n": len(promoted)},
            )

    def matching_schedule_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        session = get_object_or_404(SideEvent, pk=pk, kind=SideEvent.Kind.BUSINESS_MATCHING)
        schedule = selectors.matching_schedule(session)
        if request.GET.get("format") == "csv":
            headers = [gettext("Doanh nghiệp")] + [
                meeting_time_text(slot, session.slot_minutes) for slot in schedule["slots"]
            ]
            rows = [
                [row["exhibitor"].name]
                + [
                    f"{m.requester_company} ({gettext('bàn')} {m.table_number})" if m else ""
                    for m in row["slots"]
                ]
                for row in schedule["rows"]
            ]
            return _csv_response(f"matching-{session.slug}.csv", headers, rows)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "session": session,
            "title": gettext("Lịch kết nối: %(title)s") % {"title": session.title},
            **schedule,
        }
        return TemplateResponse(request, "admin/events/matching_schedule.html", context)


class VisitorDetailsForm(CheckedPhonesForm):
    """The board corrects a visitor's details. The row's read-only event (or session)
    and status belong to its constraints (one live registration per e-mail, one meeting
    per visitor and time), and Django checks a model's constraints only over the form's
    own fields: they are checked here with every field, the e-mail as it will be stored
    (lowercase); else an e-mail taken by another row reached the database (a 500)."""

    email_field = "email"
    phone_fields = ("phone", "zalo")

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        email = getattr(self.instance, self.email_field) or ""
        setattr(self.instance, self.email_field, email.strip().lower())
        try:
            self.instance.validate_constraints()
        except ValidationError as error:
            self._update_errors(error)


class _StillWaitingFilter(admin.SimpleListFilter):
    """Rows still waiting ("yes") or whose time went by while they waited ("lapsed"),
    by the fair's clock: the dashboard's figure links to "yes" and counts with the same
    selector, so the list shows exactly the rows it counted."""

    parameter_name = "waiting"

    def waiting(self, queryset):
        raise NotImplementedError

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "lapsed"):
            return queryset
        waiting = self.waiting(queryset)
        if self.value() == "yes":
            return queryset.filter(waiting)
        return queryset.filter(status=self.status).exclude(waiting)


class MeetingStillWaitingFilter(_StillWaitingFilter):
    title = _("thời hạn trả lời")
    status = MeetingRequest.Status.PENDING

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Còn chờ (chưa qua giờ đề xuất)")),
            ("lapsed", _("Quá giờ, chưa được trả lời")),
        ]

    def waiting(self, queryset):
        return selectors.awaiting_answer(queryset)


class RegistrationStillWaitingFilter(_StillWaitingFilter):
    title = _("thời hạn danh sách chờ")
    status = EventRegistration.Status.WAITLISTED

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Còn chờ (sự kiện chưa bắt đầu)")),
            ("lapsed", _("Sự kiện đã bắt đầu, vẫn trong danh sách chờ")),
        ]

    def waiting(self, queryset):
        return selectors.awaiting_a_seat()


class RegistrationEventFilter(admin.RelatedFieldListFilter):
    """The events a registration can belong to: a business-matching session takes
    meeting requests, never registrations, so it would only lead to an empty list."""

    def field_choices(self, field, request, model_admin):
        return field.get_choices(
            include_blank=False,
            ordering=self.field_admin_ordering(field, request, model_admin),
            limit_choices_to=~Q(kind=SideEvent.Kind.BUSINESS_MATCHING),
        )


class RegistrationEventKindFilter(admin.ChoicesFieldListFilter):
    """The kinds of event that take registrations (as `RegistrationEventFilter`)."""

    def choices(self, changelist):
        matching = f"{self.lookup_kwarg}={SideEvent.Kind.BUSINESS_MATCHING.value}"
        for choice in super().choices(changelist):
            if matching not in choice["query_string"]:
                yield choice


class MeetingRequestAdminForm(VisitorDetailsForm):
    email_field = "requester_email"
    phone_fields = ("requester_phone", "requester_zalo")
    phone_country_field = "requester_country"


@admin.register(EventRegistration)
class EventRegistrationAdmin(AuditedAdminMixin, FoldedColumnsSearchMixin, admin.ModelAdmin):
    form = VisitorDetailsForm
    list_display = ["name", "email", "event", "organisation", "status", "created_at", "attended_at"]
    list_filter = [
        "status",
        RegistrationStillWaitingFilter,
        "event__fair",
        ("event__kind", RegistrationEventKindFilter),
        ("event", RegistrationEventFilter),
    ]
    search_fields = ["email"]
    folded_search_fields = ("name", "email", "phone", "organisation")
    list_select_related = ["event"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-id"]
    readonly_fields = [
        "event",
        "status",
        "language",
        "consent_at",
        "attended_at",
        "cancelled_at",
        "created_at",
    ]
    exclude = ["token_hash"]
    actions = ["cancel_registrations", "mark_attended"]
    export_fields = [
        "event",
        "name",
        "email",
        "phone",
        "zalo",
        "organisation",
        "job_title",
        "status",
        "created_at",
        "attended_at",
    ]

    def has_add_permission(self, request):
        return False  # registrations go through the public form (seats, waitlist, mail)

    def get_deleted_objects(self, objs, request):
        """A live registration (a seat, a place on the waiting list) is not deleted: the
        event's count of seats taken would keep its seat for good, and nobody on the
        waiting list would get it. Django then shows the page that says why and deletes
        nothing (the registration's page and the list's delete action); the list's
        cancel action gives the seat back. A cancelled registration is deleted as before,
        and so is any of an event that has begun: no seat is given from the waiting list
        then (`services.promote_waitlist`), and cancelling would only mail the visitor
        about an event under way or gone by."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if hasattr(objs, "select_related"):
            objs = objs.select_related("event")  # the list's action: one query, not one each
        now = clock.now()
        live = [r for r in objs if r.status in EventRegistration.LIVE and r.event.starts_at > now]
        protected = list(protected) + [
            gettext(
                "%(registration)s vẫn đăng ký “%(event)s” (%(status)s): hãy huỷ đăng ký "
                "(thao tác “%(action)s”) thay vì xoá, để chỗ được trả lại và người đăng ký "
                "được báo. Đăng ký đã huỷ thì xoá được."
            )
            % {
                "action": gettext("Huỷ các đăng ký đã chọn (nhường chỗ cho danh sách chờ)"),
                "registration": registration,
                "event": registration.event.title,
                "status": registration.get_status_display(),
            }
            for registration in sorted(live, key=lambda r: r.pk)
        ]
        return deleted, counts, perms_needed, protected

    @admin.action(
        description=_("Huỷ các đăng ký đã chọn (nhường chỗ cho danh sách chờ)"),
        permissions=["change"],
    )
    def cancel_registrations(self, request, queryset):
        done = 0
        for registration in queryset.select_related("event"):
            try:
                services.cancel_registration(registration=registration, actor=request.user)
                done += 1
            except services.EventsError as error:
                self.message_user(request, f"{registration}: {error.message}", messages.WARNING)
        report_bulk_action(
            self,
            request,
            done,
            done_message=ngettext("Đã huỷ %(n)s đăng ký.", "Đã huỷ %(n)s đăng ký.", done)
            % {"n": done},
            nothing_message=gettext("Không có đăng ký nào bị huỷ."),
        )

    @admin.action(description=_("Đánh dấu đã có mặt"), permissions=["change"])
    def mark_attended(self, request, queryset):
        registrations = list(queryset)
        count = services.mark_attendance(registrations=registrations, actor=request.user)
        self.message_user(
            request,
            ngettext("Đã đánh dấu %(n)s người có mặt.", "Đã đánh dấu %(n)s người có mặt.", count)
            % {"n": count},
        )
        # The service marks only confirmed seats not marked yet: say why the rest were
        # left, or the desk reads "0 marked" and tries again.
        skipped = len(registrations) - count
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)s đăng ký đã chọn không được đánh dấu: đã đánh dấu có mặt từ trước, "
                    "đang trong danh sách chờ hoặc đã huỷ.",
                    "%(n)s đăng ký đã chọn không được đánh dấu: đã đánh dấu có mặt từ trước, "
                    "đang trong danh sách chờ hoặc đã huỷ.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )


@admin.register(MeetingRequest)
class MeetingRequestAdmin(AuditedAdminMixin, FoldedColumnsSearchMixin, admin.ModelAdmin):
    form = MeetingRequestAdminForm
    list_display = [
        "requester_company",
        "requester_name",
        "exhibitor",
        "session",
        "status",
        "meeting_time",
        "table_number",
    ]
    list_filter = ["status", MeetingStillWaitingFilter, "session__fair", "session", "sector"]
    search_fields = ["requester_email"]
    folded_search_fields = (
        "requester_company",
        "requester_name",
        "requester_email",
        "requester_phone",
        "exhibitor__search_text",
    )
    list_select_related = ["exhibitor", "session"]
    autocomplete_fields = ["sector"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-id"]
    export_fields = [
        "session",
        "exhibitor",
        "requester_name",
        "requester_company",
        "requester_email",
        "requester_phone",
        "meeting_time",
        "table_number",
        "status",
        "created_at",
    ]
    # Who meets whom, in which session, at which slot, and the exhibitor's proposal
    # change only through the services (the company's meetings page, the actions below),
    # which check them and send the mails; the board corrects the requester's details.
    readonly_fields = [
        "session",
        "exhibitor",
        "status",
        "proposed_times",
        "other_slot_proposed_at",
        "meeting_time",
        "table_number",
        "decided_at",
        "reminder_sent_at",
        "language",
        "consent_at",
    ]
    exclude = ["token_hash", "proposed_slots", "slot_start"]
    actions = ["accept_first_free_slot", "decline", "cancel_agreed_meetings"]

    @admin.display(description=_("khung giờ đề xuất"))
    def proposed_times(self, obj):
        return (
            "; ".join(
                meeting_time_text(slot, obj.session.slot_minutes)
                for slot in selectors.proposed_slot_datetimes(obj)
            )
            or "—"
        )

    @admin.display(description=_("giờ gặp đã chốt"), ordering="slot_start")
    def meeting_time(self, obj):
        return meeting_time_text(obj.slot_start, obj.session.slot_minutes)

    def has_add_permission(self, request):
        return False

    def get_deleted_objects(self, objs, request):
        """A request still waiting for an answer, or a meeting agreed and still to
        come, is not deleted: the visitor (or the company, at its table) would wait for
        it without a word. Django then shows the page that says why and deletes nothing
        (the request's page and the list's delete action). A pending request is declined
        with the list's action, which mails the visitor; an agreed meeting has no board
        action, which mails both sides. Declined,
        cancelled, expired and past ones are deleted as before."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if hasattr(objs, "select_related"):
            # The list's action: one query, not one each.
            objs = objs.select_related("exhibitor", "session")
        refusals = []
        for meeting in sorted(selectors.still_to_come(objs), key=lambda m: m.pk):
            if meeting.status == MeetingRequest.Status.PENDING:
                refusals.append(
                    gettext(
                        "%(meeting)s đang chờ trả lời: hãy từ chối yêu cầu (thao tác “%(action)s”) "
                        "thay vì xoá, để khách được báo. Yêu cầu đã từ chối, "
                        "đã huỷ hay đã qua thì xoá được."
                    )
                    % {"meeting": meeting, "action": gettext("Từ chối")}
                )
            else:
                refusals.append(
                    gettext(
                        "%(meeting)s là cuộc gặp đã hẹn lúc %(when)s: hãy huỷ cuộc gặp (thao "
                        "tác “%(action)s”) thay vì xoá, để hai bên được báo qua e-mail và không "
                        "chờ nhau. Cuộc gặp đã huỷ hay đã qua thì xoá được."
                    )
                    % {
                        "meeting": meeting,
                        "action": str(CANCEL_AGREED_ACTION),
                        "when": meeting_time_text(meeting.slot_start, meeting.session.slot_minutes),
                    }
                )
        return deleted, counts, perms_needed, list(protected) + refusals

    @admin.action(
        description=_("Nhận lời ở khung giờ đề xuất đầu tiên còn trống"), permissions=["change"]
    )
    def accept_first_free_slot(self, request, queryset):
        # First come, first served, whatever order the list shows.
        accepted = 0
        for meeting in queryset.order_by("created_at", "id"):
            error = None
            for slot in selectors.proposed_slot_datetimes(meeting):
                try:
                    services.accept_meeting(meeting=meeting, slot_start=slot, actor=request.user)
                    error = None
                    for other in selectors.proposals_at(
                        exhibitor=meeting.exhibitor, slot_start=slot
                    ):
                        self.message_user(
                            request,
                            gettext(
                                "%(meeting)s: giờ này doanh nghiệp đã đề xuất cho %(company)s; "
                                "họ không còn xác nhận được."
                            )
                            % {"meeting": meeting, "company": other.requester_company},
                            messages.WARNING,
                        )
                    break
                except services.EventsError as exc:
                    error = exc
            else:
                error = error or services.EventsError(gettext("Không có khung giờ đề xuất."))
            if error is not None:
                self.message_user(request, f"{meeting}: {error.message}", messages.WARNING)
            else:
                accepted += 1
        self.message_user(
            request,
            ngettext(
                "Đã nhận lời %(n)s yêu cầu.",
                "Đã nhận lời %(n)s yêu cầu.",
                accepted,
            )
            % {"n": accepted},
            messages.SUCCESS if accepted else messages.WARNING,
        )

    @admin.action(description=CANCEL_AGREED_ACTION, permissions=["change"])
    def cancel_agreed_meetings(self, request, queryset):
        """A page that lists which meetings will be cancelled (agreed and still to come)
        and which will not, with an optional reason for the mails; its button cancels
        them, each through `services.cancel_agreed_meeting`, which re-checks it."""
        meetings = list(
            queryset.select_related("exhibitor", "session")
            .prefetch_related("exhibitor__members")
            .order_by("slot_start", "id")
        )
        now = clock.now()
        to_cancel = [
            m for m in meetings if m.status == MeetingRequest.Status.ACCEPTED and m.slot_start > now
        ]
        left = [m for m in meetings if m not in to_cancel]
        if request.POST.get("post") == "yes" or not to_cancel:
            self._cancel_agreed(request, meetings, reason=request.POST.get("reason", ""))
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Huỷ cuộc gặp đã chốt"),
            "to_cancel": [
                (
                    m,
                    meeting_time_text(m.slot_start, m.session.slot_minutes),
                    not selectors.exhibitor_emails(m.exhibitor),
                )
                for m in to_cancel
            ],
            "left": [(m, self._why_not_cancelled(m)) for m in left],
            "selected": [m.pk for m in meetings],
            "action": "cancel_agreed_meetings",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/events/cancel_meetings.html", context)

    @staticmethod
    def _why_not_cancelled(meeting) -> str:
        if meeting.status != MeetingRequest.Status.ACCEPTED:
            return meeting.get_status_display()
        return gettext("đã đến giờ")

    def _cancel_agreed(self, request, meetings, *, reason: str) -> None:
        done = 0
        for meeting in meetings:
            try:
                services.cancel_agreed_meeting(meeting=meeting, actor=request.user, reason=reason)
            except services.EventsError as error:
                self.message_user(request, f"{meeting}: {error.message}", messages.WARNING)
            else:
                done += 1
                if not selectors.exhibitor_emails(meeting.exhibitor):
                    self.message_user(
                        request,
                        gettext(
                            "%(meeting)s: %(company)s không có e-mail nào trên cổng nên chưa "
                            "được báo; hãy gọi điện báo doanh nghiệp."
                        )
                        % {"meeting": meeting, "company": meeting.exhibitor.name},
                        messages.WARNING,
                    )
        report_bulk_action(
            self,
            request,
            done,
            done_message=ngettext(
                "Đã huỷ %(n)s cuộc gặp và gửi e-mail báo huỷ.",
                "Đã huỷ %(n)s cuộc gặp và gửi e-mail báo huỷ.",
                done,
            )
            % {"n": done},
            nothing_message=gettext("Không có cuộc gặp nào bị huỷ."),
        )

    @admin.action(description=_("Từ chối"), permissions=["change"])
    def decline(self, request, queryset):
        declined = 0
        for meeting in queryset:
            try:
                services.decline_meeting(meeting=meeting, actor=request.user)
            except services.EventsError as error:
                self.message_user(request, f"{meeting}: {error.message}", messages.WARNING)
            else:
                declined += 1
        report_bulk_action(
            self,
            request,
            declined,
            done_message=ngettext(
                "Đã từ chối %(n)s yêu cầu; khách được báo qua e-mail.",
                "Đã từ chối %(n)s yêu cầu; khách được báo qua e-mail.",
                declined,
            )
            % {"n": declined},
            nothing_message=gettext("Không có yêu cầu nào bị từ chối."),
        )
