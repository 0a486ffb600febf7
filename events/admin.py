"""The board's tools for the programme: events, registrations, meeting requests and
the matching schedule. Every state change goes through events.services."""

import csv

from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from events import selectors, services
from events.models import EventRegistration, MeetingRequest, SideEvent


def _csv_response(filename: str) -> tuple[HttpResponse, "csv._writer"]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # BOM: Excel then reads the Vietnamese text as UTF-8
    return response, csv.writer(response)


# Fair and FairFigure are registered in fairportal/admin.py (with the booths inline).


class RegistrationInline(admin.TabularInline):
    model = EventRegistration
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["name", "email", "phone", "organisation", "status", "created_at", "attended_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SideEvent)
class SideEventAdmin(TranslationAdmin):
    list_display = [
        "title",
        "kind",
        "fair",
        "starts_at",
        "room",
        "capacity",
        "seats_taken",
        "registration_open",
    ]
    list_filter = ["fair", "kind", "registration_open"]
    search_fields = ["title_vi", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_vi"]}
    filter_horizontal = ["hosts"]
    readonly_fields = ["seats_taken", "matching_schedule_link"]
    inlines = [RegistrationInline]
    actions = ["close_registration"]
    date_hierarchy = "starts_at"

    def get_urls(self):
        return [
            path(
                "<int:pk>/matching/",
                self.admin_site.admin_view(self.matching_schedule_view),
                name="events_sideevent_matching",
            ),
        ] + super().get_urls()

    @admin.display(description=_("lịch kết nối"))
    def matching_schedule_link(self, obj):
        if obj is None or obj.pk is None or obj.kind != SideEvent.Kind.BUSINESS_MATCHING:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:events_sideevent_matching", args=[obj.pk]),
            gettext("Xem lịch gặp theo bàn"),
        )

    @admin.action(description=_("Đóng đăng ký các sự kiện đã chọn"))
    def close_registration(self, request, queryset):
        closed = sum(services.close_registration(event=e, actor=request.user) for e in queryset)
        self.message_user(request, gettext("Đã đóng đăng ký %(n)s sự kiện.") % {"n": closed})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promoted = services.promote_waitlist(event=obj, actor=request.user)
            if promoted:
                self.message_user(
                    request,
                    gettext("%(n)s người trong danh sách chờ đã có chỗ.") % {"n": len(promoted)},
                )

    def matching_schedule_view(self, request, pk):
        session = get_object_or_404(SideEvent, pk=pk, kind=SideEvent.Kind.BUSINESS_MATCHING)
        schedule = selectors.matching_schedule(session)
        if request.GET.get("format") == "csv":
            response, writer = _csv_response(f"matching-{session.slug}.csv")
            writer.writerow(
                [gettext("Doanh nghiệp")] + [f"{slot:%d/%m/%Y %H:%M}" for slot in schedule["slots"]]
            )
            for row in schedule["rows"]:
                writer.writerow(
                    [row["exhibitor"].name]
                    + [
                        f"{m.requester_company} ({gettext('bàn')} {m.table_number})" if m else ""
                        for m in row["slots"]
                    ]
                )
            return response
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "session": session,
            "title": gettext("Lịch kết nối: %(title)s") % {"title": session.title},
            **schedule,
        }
        return TemplateResponse(request, "admin/events/matching_schedule.html", context)


@admin.register(EventRegistration)
class EventRegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "status", "created_at", "attended_at"]
    list_filter = ["status", "event__fair", "event"]
    search_fields = ["name", "email", "organisation", "phone"]
    list_select_related = ["event"]
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
    actions = ["cancel_registrations", "mark_attended", "export_csv"]

    def has_add_permission(self, request):
        return False  # registrations go through the public form (seats, waitlist, mail)

    @admin.action(description=_("Huỷ các đăng ký đã chọn (nhường chỗ cho danh sách chờ)"))
    def cancel_registrations(self, request, queryset):
        done = 0
        for registration in queryset.select_related("event"):
            try:
                services.cancel_registration(registration=registration, actor=request.user)
                done += 1
            except services.EventsError as error:
                self.message_user(request, f"{registration}: {error.message}", messages.WARNING)
        self.message_user(request, gettext("Đã huỷ %(n)s đăng ký.") % {"n": done})

    @admin.action(description=_("Đánh dấu đã có mặt"))
    def mark_attended(self, request, queryset):
        count = services.mark_attendance(registrations=list(queryset), actor=request.user)
        self.message_user(request, gettext("Đã đánh dấu %(n)s người có mặt.") % {"n": count})

    @admin.action(description=_("Xuất CSV"))
    def export_csv(self, request, queryset):
        response, writer = _csv_response(f"registrations-{timezone.localdate():%Y%m%d}.csv")
        writer.writerow(
            [
                gettext("Sự kiện"),
                gettext("Họ và tên"),
                "E-mail",
                gettext("Điện thoại"),
                "Zalo",
                gettext("Đơn vị"),
                gettext("Chức danh"),
                gettext("Trạng thái"),
                gettext("Đăng ký lúc"),
                gettext("Có mặt lúc"),
            ]
        )
        for r in queryset.select_related("event").order_by("event__starts_at", "created_at", "id"):
            writer.writerow(
                [
                    r.event.title,
                    r.name,
                    r.email,
                    r.phone,
                    r.zalo,
                    r.organisation,
                    r.job_title,
                    r.get_status_display(),
                    f"{timezone.localtime(r.created_at):%d/%m/%Y %H:%M}",
                    f"{timezone.localtime(r.attended_at):%d/%m/%Y %H:%M}" if r.attended_at else "",
                ]
            )
        return response


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = [
        "requester_company",
        "requester_name",
        "exhibitor",
        "session",
        "status",
        "slot_start",
        "table_number",
    ]
    list_filter = ["status", "session", "sector"]
    search_fields = ["requester_company", "requester_name", "requester_email", "exhibitor__name"]
    list_select_related = ["exhibitor", "session"]
    readonly_fields = [
        "status",
        "slot_start",
        "table_number",
        "decided_at",
        "reminder_sent_at",
        "language",
        "consent_at",
    ]
    exclude = ["token_hash"]
    actions = ["accept_first_free_slot", "decline"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Nhận lời ở khung giờ đề xuất đầu tiên còn trống"))
    def accept_first_free_slot(self, request, queryset):
        for meeting in queryset:
            error = None
            for slot in services.proposed_slot_datetimes(meeting):
                try:
                    services.accept_meeting(meeting=meeting, slot_start=slot, actor=request.user)
                    error = None
                    break
                except services.EventsError as exc:
                    error = exc
            else:
                error = error or services.EventsError(gettext("Không có khung giờ đề xuất."))
            if error is not None:
                self.message_user(request, f"{meeting}: {error.message}", messages.WARNING)
        self.message_user(request, gettext("Đã xử lý các yêu cầu đã chọn."))

    @admin.action(description=_("Từ chối"))
    def decline(self, request, queryset):
        for meeting in queryset:
            try:
                services.decline_meeting(meeting=meeting, actor=request.user)
            except services.EventsError as error:
                self.message_user(request, f"{meeting}: {error.message}", messages.WARNING)
        self.message_user(request, gettext("Đã xử lý các yêu cầu đã chọn."))
