"""The board's side of the floor: applications and their decisions, booths and their
assignments. Every decision goes through booths.services (one transaction, conditional
updates, audit entries, mail on commit); the exhibitor of a booth is never edited here."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from booths import selectors, services
from booths.forms import (
    ApproveForm,
    AssignBoothForm,
    MoveForm,
    RejectForm,
    StaffAdminForm,
    WaitlistForm,
)
from booths.models import Booth, BoothApplication, EventPlace, ExhibitorStaff
from events.selectors import current_fair
from exhibitors.admin import AUDIT_FIELDSET, BoardModelAdmin
from fairportal.admin_mixins import (
    AuditedAdminMixin,
    FoldedColumnsSearchMixin,
    fair_column,
    form_changes,
    may_see_in_admin,
    phone_text,
    replace_fields,
    report_bulk_action,
    save_changed_fields,
)
from fairportal.audit import action_label, describe_details, exhibitor_names
from fairportal.countries import country_name
from fairportal.models import AuditEntry
from fairportal.templatetags.portal import board_price, booth_size, vnd
from fairportal.text import row_id, search_words


def audit_table(obj):
    """The audit entries of `obj`, newest first, as a small HTML table for read-only fields."""
    entries = list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        ).select_related("actor")
    )
    names = exhibitor_names(entry.changes for entry in entries)
    headings = [
        gettext("Lúc"),
        gettext("Người thực hiện"),
        gettext("Hành động"),
        gettext("Chi tiết"),
    ]
    # Each cell also carries its column's name, shown only on a phone, where the rows
    # stack as cards (admin.css): four columns do not fit 390 px.
    cell = '<td><span class="audit-label">{}: </span>{}</td>'
    rows = format_html_join(
        "",
        "<tr>" + cell * 4 + "</tr>",
        (
            (
                headings[0],
                timezone.localtime(entry.created_at).strftime("%d/%m/%Y %H:%M"),
                headings[1],
                entry.actor_label or (entry.actor.get_username() if entry.actor else "—"),
                headings[2],
                action_label(entry.action),
                headings[3],
                describe_details(entry.changes, names, type(obj)) or "—",
            )
            for entry in entries
        ),
    )
    if not rows:
        return gettext("Chưa có thay đổi nào được ghi.")
    return format_html(
        '<table class="audit-table"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>'
        "</tr></thead><tbody>{}</tbody></table>",
        *headings,
        rows,
    )


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("xác nhận e-mail")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Đã xác nhận")), ("no", _("Chưa xác nhận"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(email_confirmed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(email_confirmed_at__isnull=True)
        return queryset


@admin.register(BoothApplication)
class BoothApplicationAdmin(AuditedAdminMixin, FoldedColumnsSearchMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "trading_name_vi",
        "tax_code",
        "status",
        "is_confirmed",
        "booth_count",
        "preferred",
        "zone",
        "created_at",
    ]
    list_filter = ["fair", "status", ConfirmedFilter, "booth_kind", "sectors", "zone"]
    # Accent-free: "dien tu" finds "Điện tử"; every word must match one column.
    search_fields = ["reference"]
    folded_search_fields = (
        "reference",
        "trading_name_vi",
        "trading_name_en",
        "legal_name",
        "tax_code",
        "contact_name",
        "email",
        "phone",
    )
    list_select_related = ["zone", "fair"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-id"]
    actions = ["waitlist_selected", "approve_one", "reject_one"]
    export_fields = [
        "reference",
        "fair",
        "trading_name_vi",
        "legal_name",
        "tax_code",
        "contact_name",
        "email",
        "phone",
        "status",
        "booth_kind",
        "booth_count",
        "preferred",
        "booths_assigned",
        "created_at",
    ]
    readonly_fields = [
        "reference",
        "fair",
        "status",
        "email_confirmed_at",
        "expires_at",
        "legal_name",
        "trading_name_vi",
        "trading_name_en",
        "tax_code",
        "company_on_portal",
        "address",
        "zone",
        "origin_country_name",
        "sector_names",
        "contact_name",
        "contact_title",
        "email",
        "phone_number",
        "website",
        "logo",
        "product_summary",
        "booth_kind",
        "booth_count",
        "preferred",
        "fascia_name",
        "message",
        "language",
        "consent_at",
        "exhibitor",
        "reviewer",
        "reviewer_name",
        "decided_at",
        "decision_note",
        "decision_log",
        "created_at",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "fair", "status", "email_confirmed_at", "expires_at"]}),
        (
            pgettext_lazy("công ty", "Doanh nghiệp"),
            {
                "fields": [
                    "legal_name",
                    "trading_name_vi",
                    "trading_name_en",
                    "tax_code",
                    "company_on_portal",
                    "address",
                    "zone",
                    "origin_country_name",
                    "sector_names",
                    "website",
                    "logo",
                    "product_summary",
                ]
            },
        ),
        (
            _("Liên hệ"),
            {
                "fields": [
                    "contact_name",
                    "contact_title",
                    "email",
                    "phone_number",
                    "language",
                    "consent_at",
                ]
            },
        ),
        (
            _("Gian hàng"),
            {"fields": ["booth_count", "preferred", "booth_kind", "fascia_name", "message"]},
        ),
        (
            _("Quyết định"),
            {"fields": ["exhibitor", "reviewer", "decided_at", "decision_note", "decision_log"]},
        ),
    ]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("preferred_booths", queryset=Booth.objects.order_by("code")),
                Prefetch("exhibitor__booths", queryset=Booth.objects.order_by("code")),
            )
        )

    @admin.display(description=_("gian được giao"))
    def booths_assigned(self, obj):
        if obj.exhibitor is None:
            return "—"
        codes = [booth.code for booth in obj.exhibitor.booths.all() if booth.fair_id == obj.fair_id]
        return ", ".join(codes) or "—"

    @admin.display(description=_("đã xác nhận"), boolean=True)
    def is_confirmed(self, obj):
        return obj.email_confirmed_at is not None

    @admin.display(description=_("gian đề nghị"))
    def preferred(self, obj):
        """The booths ticked, each with its kind, then how many more of the chosen kind
        (the chosen kind matters only for those)."""
        request = obj.booth_request(sorted(obj.preferred_booths.all(), key=lambda b: b.code))
        parts = [f"{booth.code} ({booth.get_kind_display()})" for booth in request["picked"]]
        if request["rest"]:
            parts.append(
                ngettext(
                    "thêm %(n)s gian loại %(kind)s",
                    "thêm %(n)s gian loại %(kind)s",
                    request["rest"],
                )
                % {"n": request["rest"], "kind": request["kind"]}
            )
        return ", ".join(parts) or "—"

    @admin.display(description=_("doanh nghiệp đã có trên cổng"))
    def company_on_portal(self, obj):
        """The company the tax code already belongs to, worded as the approve page and
        the board's new-application mail word it (until a decision names the company)."""
        company = selectors.company_on_portal(obj) if obj.exhibitor_id is None else None
        if company is None:
            return "—"
        exhibitor = company.exhibitor
        said = (
            gettext("E-mail người nộp đơn, %(email)s, đã là người đại diện của %(company)s.")
            if company.applicant_is_representative
            else gettext(
                "E-mail người nộp đơn, %(email)s, chưa là người đại diện của %(company)s. "
                "Người đại diện được sửa hồ sơ và sản phẩm của doanh nghiệp, và xem các yêu "
                "cầu gặp gỡ của khách tham quan kèm thông tin liên hệ của họ."
            )
        )
        return format_html(
            '{} <a href="{}">{}</a><br>{}',
            gettext("Mã số thuế %(tax_code)s đã thuộc về một doanh nghiệp trên cổng:")
            % {"tax_code": obj.tax_code},
            reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk]),
            exhibitor.name,
            said % {"email": obj.email, "company": exhibitor.name},
        )

    @admin.display(description=_("Quốc gia của nhà đầu tư"))
    def origin_country_name(self, obj):
        # The country's name in the page's language, not its ISO code ("VN").
        return country_name(obj.origin_country)

    @admin.display(description=_("điện thoại"))
    def phone_number(self, obj):
        return phone_text(obj.phone)

    @admin.display(description=_("ngành"))
    def sector_names(self, obj):
        return ", ".join(sector.name for sector in obj.sectors.all()) or "—"

    @admin.display(description=_("nhật ký quyết định"))
    def decision_log(self, obj):
        return audit_table(obj)

    def get_deleted_objects(self, objs, request):
        """An application still waiting for the board's decision is not deleted: the
        applicant would wait for an answer that never comes, and their status link would
        lead nowhere. Django then shows the page that says why and deletes nothing (the
        application's page and the list's delete action); rejecting it mails the
        applicant the reason. Decided applications (approved, rejected, withdrawn,
        expired) are deleted as before."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        waiting = selectors.undecided_applications().filter(pk__in=[a.pk for a in objs])
        refusals = []
        for application in waiting.order_by("reference"):
            if application.email_confirmed_at is None:
                refusals.append(
                    gettext(
                        "Hồ sơ %(reference)s (%(company)s) chưa được xác nhận qua e-mail: nếu "
                        "không được xác nhận, hồ sơ tự hết hạn sau 48 giờ và khi đó xoá được; "
                        "nếu được xác nhận, hãy từ chối thay vì xoá, để người nộp đơn được báo."
                    )
                    % {"reference": application.reference, "company": application.trading_name_vi}
                )
            else:
                refusals.append(
                    gettext(
                        "Hồ sơ %(reference)s (%(company)s) chưa có quyết định (%(status)s): hãy "
                        "từ chối hồ sơ (nút “%(button)s” trên trang hồ sơ, hoặc thao tác "
                        "“%(action)s”) thay vì xoá, để người nộp đơn được báo lý do. Hồ sơ đã "
                        "có quyết định thì xoá được."
                    )
                    % {
                        "reference": application.reference,
                        "company": application.trading_name_vi,
                        "status": application.get_status_display(),
                        "button": pgettext("booth application action", "Từ chối"),
                        "action": gettext("Từ chối, kèm lý do (một hồ sơ)"),
                    }
                )
        return deleted, counts, perms_needed, list(protected) + refusals

    def get_fieldsets(self, request, obj=None):
        """The confirmation deadline only while the e-mail is unconfirmed: once it is
        confirmed the deadline no longer applies, and showing it misleads."""
        fieldsets = super().get_fieldsets(request, obj)
        if not may_see_in_admin(self, request, get_user_model()):
            # Board members do not manage users: the reviewer's name, not a link to a
            # page that answers 403.
            fieldsets = replace_fields(fieldsets, {"reviewer": "reviewer_name"})
        if obj is None or obj.email_confirmed_at is None:
            return fieldsets
        (name, options), *rest = fieldsets
        fields = [field for field in options["fields"] if field != "expires_at"]
        return [(name, {**options, "fields": fields}), *rest]

    @admin.display(description=BoothApplication._meta.get_field("reviewer").verbose_name)
    def reviewer_name(self, obj):
        return str(obj.reviewer) if obj.reviewer else None

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/approve/", wrap(self.approve_view), name="booths_application_approve"),
            path("<int:pk>/reject/", wrap(self.reject_view), name="booths_application_reject"),
            path(
                "<int:pk>/waitlist/", wrap(self.waitlist_view), name="booths_application_waitlist"
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        application = self.get_object(request, object_id)
        if application is not None:
            # A board viewer may read the application, not decide it: no buttons to
            # pages that answer 403.
            extra_context["decision_open"] = (
                application.status in BoothApplication.OPEN
                and application.email_confirmed_at is not None
                and self.has_change_permission(request, application)
            )
            extra_context["can_waitlist"] = (
                extra_context["decision_open"]
                and application.status == BoothApplication.Status.SUBMITTED
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def _decision_page(self, request, pk):
        if not self.has_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(BoothApplication.objects.select_related("fair", "zone"), pk=pk)

    def _decided_already(self, request, application, *, open_statuses=BoothApplication.OPEN):
        """Back to the application, with why, when the decision can no longer be taken
        (another tab or another board member decided first, or the e-mail is not
        confirmed); None when it still can."""
        if application.email_confirmed_at is None:
            message = gettext(
                "Hồ sơ %(reference)s chưa được xác nhận qua e-mail: chưa thể quyết định."
            ) % {"reference": application.reference}
        elif application.status not in open_statuses:
            detail = [
                localize(timezone.localtime(application.decided_at or application.updated_at))
            ]
            if application.reviewer:
                detail.insert(0, str(application.reviewer))
            elif application.status == BoothApplication.Status.WITHDRAWN:
                detail.insert(0, gettext("doanh nghiệp rút"))
            message = gettext(
                "Hồ sơ %(reference)s đã ở trạng thái “%(status)s” (%(detail)s): "
                "không còn quyết định này được."
            ) % {
                "reference": application.reference,
                "status": application.get_status_display(),
                "detail": ", ".join(detail),
            }
        else:
            return None
        self.message_user(request, message, messages.WARNING)
        return self._back(application)

    def _render(self, request, application, form, template, title, **extra):
        preferred = list(application.preferred_booths.order_by("code"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "application": application,
            "original": application,
            "form": form,
            "title": title,
            "preferred": preferred,
            "booth_request": application.booth_request(preferred),
            **extra,
        }
        return TemplateResponse(request, template, context)

    def _back(self, application):
        return redirect(reverse("admin:booths_boothapplication_change", args=[application.pk]))

    def approve_view(self, request, pk):
        application = self._decision_page(request, pk)
        if closed := self._decided_already(request, application):
            return closed
        profile_update = selectors.profile_update(application)
        if request.method == "POST":
            form = ApproveForm(request.POST, application=application, profile_update=profile_update)
            if form.is_valid():
                invite = form.cleaned_data.get("invite_applicant", False)
                try:
                    services.approve_application(
                        application=application,
                        booths=form.cleaned_data["booths"],
                        reviewer=request.user,
                        note=form.cleaned_data["note"],
                        invite_applicant=invite,
                    )
                except services.BoothError as error:
                    # Nothing was saved: show the application as it is, not as the
                    # rolled-back attempt left it in memory.
                    application.refresh_from_db()
                    form.add_error("booths", error.message)
                else:
                    done = [
                        gettext("Đã duyệt hồ sơ %(reference)s và giao gian.")
                        % {"reference": application.reference}
                    ]
                    if "invite_applicant" in form.fields:
                        said = (
                            gettext("Đã mời %(email)s làm người đại diện của %(company)s.")
                            if invite
                            else gettext(
                                "%(email)s chưa được mời làm người đại diện của %(company)s."
                            )
                        )
                        done.append(
                            said
                            % {"email": application.email, "company": profile_update.exhibitor.name}
                        )
                        if not invite:
                            done.append(
                                gettext("Hồ sơ công khai của %(company)s được giữ nguyên.")
                                % {"company": profile_update.exhibitor.name}
                            )
                    self.message_user(request, " ".join(done), messages.SUCCESS)
                    return self._back(application)
        else:
            free_ids = set(selectors.free_booths(application.fair).values_list("pk", flat=True))
            form = ApproveForm(
                application=application,
                profile_update=profile_update,
                initial={
                    "booths": [
                        booth.pk
                        for booth in application.preferred_booths.all()
                        if booth.pk in free_ids
                    ]
                },
            )
        return self._render(
            request,
            application,
            form,
            "admin/booths/approve.html",
            gettext("Duyệt hồ sơ %(reference)s") % {"reference": application.reference},
            profile_update=profile_update,
            english=selectors.english_application(
                application, profile_update.exhibitor if profile_update else None
            ),
        )

    def reject_view(self, request, pk):
        return self._decision_view(
            request,
            pk,
            form_class=RejectForm,
            decide=lambda application, data: services.reject_application(
                application=application, reviewer=request.user, reason=data["reason"]
            ),
            done=gettext("Đã từ chối hồ sơ."),
            title=gettext("Từ chối hồ sơ %(reference)s"),
            open_statuses=BoothApplication.OPEN,
        )

    def waitlist_view(self, request, pk):
        return self._decision_view(
            request,
            pk,
            form_class=WaitlistForm,
            decide=lambda application, data: services.waitlist_application(
                application=application, reviewer=request.user, note=data["note"]
            ),
            done=gettext("Đã đưa vào danh sách chờ."),
            title=gettext("Đưa hồ sơ %(reference)s vào danh sách chờ"),
            open_statuses=[BoothApplication.Status.SUBMITTED],
        )

    def _decision_view(self, request, pk, *, form_class, decide, done, title, open_statuses):
        """A decision page (reject, waitlist): a form whose POST calls the service."""
        application = self._decision_page(request, pk)
        if closed := self._decided_already(request, application, open_statuses=open_statuses):
            return closed
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                decide(application, form.cleaned_data)
            except services.BoothError as error:
                application.refresh_from_db()
                form.add_error(None, error.message)
            else:
                self.message_user(request, done, messages.SUCCESS)
                return self._back(application)
        return self._render(
            request,
            application,
            form,
            "admin/booths/decision.html",
            title % {"reference": application.reference},
        )

    @admin.action(description=_("Đưa các hồ sơ đã chọn vào danh sách chờ"), permissions=["change"])
    def waitlist_selected(self, request, queryset):
        done = 0
        for application in queryset.order_by("pk"):
            try:
                services.waitlist_application(application=application, reviewer=request.user)
                done += 1
            except services.BoothError as error:
                self.message_user(request, error.message, messages.WARNING)
        report_bulk_action(
            self,
            request,
            done,
            done_message=ngettext(
                "%(n)s hồ sơ vào danh sách chờ.", "%(n)s hồ sơ vào danh sách chờ.", done
            )
            % {"n": done},
            nothing_message=gettext("Không có hồ sơ nào được đưa vào danh sách chờ."),
        )

    @admin.action(description=_("Duyệt và chọn gian (một hồ sơ)"), permissions=["change"])
    def approve_one(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, gettext("Chọn đúng một hồ sơ để duyệt."), messages.WARNING)
            return None
        return redirect(reverse("admin:booths_application_approve", args=[queryset.get().pk]))

    @admin.action(description=_("Từ chối, kèm lý do (một hồ sơ)"), permissions=["change"])
    def reject_one(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, gettext("Chọn đúng một hồ sơ để từ chối."), messages.WARNING)
            return None
        return redirect(reverse("admin:booths_application_reject", args=[queryset.get().pk]))


class StateFilter(admin.SimpleListFilter):
    title = _("tình trạng")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("free", _("Trống")), ("taken", _("Đã giao")), ("kept", _("Ban tổ chức giữ"))]

    def queryset(self, request, queryset):
        if self.value() == "free":
            return queryset.filter(exhibitor__isnull=True, is_blocked=False)
        if self.value() == "taken":
            return queryset.filter(exhibitor__isnull=False)
        if self.value() == "kept":
            return queryset.filter(is_blocked=True)
        return queryset


class BoothAdminForm(forms.ModelForm):
    """A taken booth is not kept: Booth.clean() refuses it, here as in the fair's booth
    table."""

    class Meta:
        model = Booth
        fields = [
            "fair",
            "code",
            "hall",
            "kind",
            "width_m",
            "depth_m",
            "price_vnd",
            "price_includes_vat",
            "plan_x",
            "plan_y",
            "plan_w",
            "plan_h",
            "fascia_name",
            "is_blocked",
        ]


@admin.register(Booth)
class BoothAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = BoothAdminForm
    list_display = [
        "code",
        fair_column,
        "hall",
        "kind_and_size",
        "price",
        "state_label",
        "exhibitor",
        "fascia_name",
    ]
    list_filter = [
        "fair",
        StateFilter,
        "kind",
        "hall",
        ("exhibitor", admin.RelatedOnlyFieldListFilter),
        ("exhibitor__sectors", admin.RelatedOnlyFieldListFilter),
        ("exhibitor__zone", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["code"]
    list_select_related = ["fair", "exhibitor"]
    export_fields = [
        "fair",
        "code",
        "hall",
        "kind",
        "size",
        "price_vnd",
        "price_includes_vat",
        "state_label",
        "exhibitor",
        "fascia_name",
        "assigned_at",
    ]
    readonly_fields = ["holder", "holder_name", "assigned_at", "booth_log"]
    actions = ["release_selected", "swap_two", "move_selected"]
    ordering = ["fair", "code"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self.has_change_permission(request, obj):
            return [field for field in fields if field != "holder_name"]
        # A board viewer is refused the floor plan: the holder without the link to
        # give the booth there.
        return [field for field in fields if field != "holder"]

    @staticmethod
    def _company_link(obj):
        """The holding company's admin page, or None for a booth nobody holds."""
        if not obj.exhibitor_id:
            return None
        url = reverse("admin:exhibitors_exhibitor_change", args=[obj.exhibitor_id])
        return format_html('<a href="{}">{}</a>', url, obj.exhibitor)

    @admin.display(description=_("doanh nghiệp"))
    def holder_name(self, obj):
        return self._company_link(obj) or "—"

    @admin.display(description=_("doanh nghiệp"))
    def holder(self, obj):
        """The company holding the booth; for a free booth of the current fair, the way
        to give it to one (the floor plan's form, with this booth chosen): the company
        cannot be set here, and the page said only "-"."""
        if obj.exhibitor_id:
            return self._company_link(obj)
        if obj.pk and obj.state == "free":
            fair = current_fair()
            if fair is not None and fair.pk == obj.fair_id:
                url = reverse("admin:booths_booth_floor_plan")
                return format_html(
                    '— <a href="{}?booth={}">{}</a>',
                    url,
                    obj.pk,
                    _("Giao gian này cho một doanh nghiệp (sơ đồ gian hàng)"),
                )
        return "—"

    @admin.display(description=_("kích thước"))
    def size(self, obj):
        return booth_size(obj)

    # The list reads the price as every page does ("12.000.000 ₫", not "12000000"); the
    # exports keep the plain number of `price_vnd`, which a spreadsheet can add up.
    def get_list_display(self, request):
        # Filtered to one fair (as the dashboard's links are), the fair column says the
        # same thing on every row: its room goes to the company and the fascia name.
        columns = super().get_list_display(request)
        if request.GET.get("fair__id__exact"):
            columns = [column for column in columns if column is not fair_column]
        return columns

    @admin.display(description=_("giá (VND)"), ordering="price_vnd")
    def price(self, obj):
        # VAT under the price, not a column of its own: ten columns pushed the company
        # and the fascia name off a 1280 px screen.
        vat = _("đã gồm VAT") if obj.price_includes_vat else _("chưa gồm VAT")
        if not obj.price_vnd:
            return board_price(obj.price_vnd)  # VAT means nothing on no price
        return format_html('{}<br><span class="quiet">{}</span>', vnd(obj.price_vnd), vat)

    @admin.display(description=_("loại gian"), ordering="kind")
    def kind_and_size(self, obj):
        return format_html(
            '{}<br><span class="quiet">{}</span>', obj.get_kind_display(), self.size(obj)
        )

    @admin.display(description=_("tình trạng"))
    def state_label(self, obj):
        return {"free": _("Trống"), "taken": _("Đã giao"), "kept": _("Ban tổ chức giữ")}[obj.state]

    @admin.display(description=_("nhật ký"))
    def booth_log(self, obj):
        return audit_table(obj) if obj.pk else "—"

    def get_search_results(self, request, queryset, search_term):
        """By booth code or by the exhibitor's folded search text ("canon", "dien tu")."""
        for word in search_words(search_term):
            queryset = queryset.filter(
                Q(code__icontains=word)
                | Q(exhibitor__search_text__contains=word)
                | Q(exhibitor__search_text_en__contains=word)
            )
        return queryset, False

    def get_deleted_objects(self, objs, request):
        """A taken booth is not deleted, here as in the fair's booth table: its exhibitor
        would lose it without a word. Django then shows the page that says why and
        deletes nothing (the booth's own page and the list's delete action)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        taken = [booth for booth in objs if booth.exhibitor_id]
        holders = {
            booth.pk: booth.exhibitor
            for booth in Booth.objects.filter(pk__in=[b.pk for b in taken]).select_related(
                "exhibitor"
            )
        }
        protected = list(protected) + [
            gettext("Gian %(code)s đang giao cho %(holder)s: hãy giải phóng gian trước khi xoá.")
            % {"code": booth.code, "holder": holders[booth.pk].name}
            for booth in sorted(taken, key=lambda b: b.code)
            if holders.get(booth.pk) is not None
        ]
        return deleted, counts, perms_needed, protected

    def save_model(self, request, obj, form, change):
        # The audit mixin's bookkeeping, then a save of the changed fields only.
        request.__dict__.setdefault("_audit_fields", {})[id(obj)] = form_changes(
            form, add=not change
        )
        if change:
            save_changed_fields(obj, form)
        else:
            obj.save()

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("floor-plan/", wrap(self.floor_plan_view), name="booths_booth_floor_plan"),
            path("move/", wrap(self.move_view), name="booths_booth_move"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if self.has_change_permission(request):  # viewers are refused the floor plan
            extra_context["floor_plan_url"] = reverse("admin:booths_booth_floor_plan")
        return super().changelist_view(request, extra_context)

    def floor_plan_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        fair = current_fair()
        if fair is None:
            self.message_user(request, gettext("Chưa có kỳ hội chợ hiện tại."), messages.WARNING)
            return redirect(reverse("admin:booths_booth_changelist"))
        initial = {}
        if request.GET.get("booth"):
            initial["booth"] = request.GET["booth"]
        form = AssignBoothForm(request.POST or None, fair=fair, initial=initial)
        if request.method == "POST" and form.is_valid():
            booth = form.cleaned_data["booth"]
            exhibitor = form.cleaned_data["exhibitor"]
            try:
                services.assign_booth(booth=booth, exhibitor=exhibitor, actor=request.user)
            except services.BoothError as error:
                form.add_error("booth", error.message)
            else:
                self.message_user(
                    request,
                    gettext("Đã giao gian %(code)s cho %(name)s.")
                    % {"code": booth.code, "name": exhibitor.name},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:booths_booth_floor_plan"))
        halls = selectors.floor_plan(fair)
        kinds_here = {place.kind for hall in halls for place in hall.places}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Sơ đồ gian hàng: %(fair)s") % {"fair": fair.name},
            "fair": fair,
            "halls": halls,
            # The stage, seminar rooms and matching area, drawn where the plan leaves
            # room for them and named in the legend: places, not booths to give away.
            "place_kinds": [
                (kind, label) for kind, label in EventPlace.Kind.choices if kind in kinds_here
            ],
            "form": form,
        }
        return TemplateResponse(request, "admin/booths/floor_plan.html", context)

    @admin.action(description=_("Giải phóng các gian đã chọn"), permissions=["change"])
    def release_selected(self, request, queryset):
        # One transaction, so that a company whose booths are freed together hears once.
        booths = list(queryset.order_by("code", "pk"))
        try:
            freed = {b.pk for b in services.release_booths(booths=booths, actor=request.user)}
        except services.BoothError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        for booth in booths:
            if booth.pk in freed:
                self.message_user(
                    request, gettext("Đã giải phóng gian %(code)s.") % {"code": booth.code}
                )
            else:
                # A kept booth is not "available": the approve page does not offer it.
                said = (
                    gettext(
                        "Gian %(code)s do Ban Quản lý giữ lại, không có doanh nghiệp nào để "
                        "giải phóng."
                    )
                    if booth.is_blocked
                    else gettext("Gian %(code)s đang trống.")
                )
                self.message_user(request, said % {"code": booth.code}, messages.WARNING)

    @admin.action(
        description=_("Hoán đổi doanh nghiệp của hai gian đã chọn"), permissions=["change"]
    )
    def swap_two(self, request, queryset):
        booths = list(queryset.order_by("code"))
        if len(booths) != 2:
            self.message_user(request, gettext("Chọn đúng hai gian để hoán đổi."), messages.WARNING)
            return
        try:
            services.swap_booths(booth_a=booths[0], booth_b=booths[1], actor=request.user)
        except services.BoothError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            self.message_user(
                request,
                gettext("Đã hoán đổi gian %(a)s và %(b)s.")
                % {"a": booths[0].code, "b": booths[1].code},
                messages.SUCCESS,
            )

    @admin.action(description=_("Chuyển doanh nghiệp sang gian khác"), permissions=["change"])
    def move_selected(self, request, queryset):
        booths = list(queryset.order_by("code"))
        holders = {booth.exhibitor_id for booth in booths}
        if not booths or None in holders or len(holders) != 1:
            self.message_user(
                request,
                gettext("Chọn các gian của cùng một doanh nghiệp để chuyển."),
                messages.WARNING,
            )
            return None
        ids = ",".join(str(booth.pk) for booth in booths)
        return redirect(reverse("admin:booths_booth_move") + f"?ids={ids}")

    def move_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        ids = [row_id(v) for v in (request.GET.get("ids") or "").split(",")]
        booths = list(
            Booth.objects.filter(pk__in=ids, exhibitor__isnull=False)
            .select_related("exhibitor", "fair")
            .order_by("code")
        )
        holders = {booth.exhibitor_id for booth in booths}
        if not booths or len(holders) != 1:
            self.message_user(request, gettext("Không có gian nào để chuyển."), messages.WARNING)
            return redirect(reverse("admin:booths_booth_changelist"))
        exhibitor = booths[0].exhibitor
        form = MoveForm(request.POST or None, fair=booths[0].fair)
        if request.method == "POST" and form.is_valid():
            try:
                services.move_exhibitor(
                    exhibitor=exhibitor,
                    from_booths=booths,
                    to_booths=form.cleaned_data["to_booths"],
                    actor=request.user,
                )
            except services.BoothError as error:
                form.add_error("to_booths", error.message)
            else:
                self.message_user(
                    request,
                    gettext("Đã chuyển %(name)s sang gian mới.") % {"name": exhibitor.name},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:booths_booth_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Chuyển %(name)s sang gian khác") % {"name": exhibitor.name},
            "booths": booths,
            "exhibitor": exhibitor,
            "form": form,
        }
        return TemplateResponse(request, "admin/booths/move.html", context)


class HoldsBoothFilter(admin.SimpleListFilter):
    title = _("gian của doanh nghiệp")
    parameter_name = "booth"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Còn gian (in thẻ)")),
            ("no", _("Không còn gian (không in thẻ)")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(holds_booth=True)
        if self.value() == "no":
            return queryset.filter(holds_booth=False)
        return queryset


@admin.register(ExhibitorStaff)
class ExhibitorStaffAdmin(AuditedAdminMixin, FoldedColumnsSearchMixin, admin.ModelAdmin):
    """The badge list the board prints from. An entry whose company no longer holds a
    booth at its fair stays (to be fixed or to count again when a booth is given), but
    is marked in the list and left out of the exported (printed) list."""

    form = StaffAdminForm
    list_display = ["full_name", "job_title", "exhibitor", "booth_column", fair_column]
    list_filter = ["fair", HoldsBoothFilter]
    search_fields = ["full_name"]
    folded_search_fields = ("full_name", "job_title", "exhibitor__search_text")
    list_select_related = ["exhibitor", "fair"]
    autocomplete_fields = ["exhibitor"]
    ordering = ["fair", "exhibitor__name_sort", "full_name"]

    def get_queryset(self, request):
        return selectors.badge_list(super().get_queryset(request))

    @admin.display(description=_("gian"))
    def booth_column(self, obj):
        codes = selectors.booth_codes(obj)
        if codes:
            return codes
        return format_html(
            '<strong class="badge-void">{}</strong>', gettext("Không còn gian: không in thẻ")
        )

    def get_export_table(self, request, queryset):
        """The printable list: only people of companies holding a booth at the fair,
        with their booths; the board is told how many were left out."""
        entries = list(queryset)
        printable = [staff for staff in entries if staff.holds_booth]
        left_out = len(entries) - len(printable)
        if left_out:
            self.message_user(
                request,
                ngettext(
                    "%(count)s người không có trong tệp xuất: doanh nghiệp của họ không còn "
                    "gian tại kỳ hội chợ đó, nên không in thẻ.",
                    "%(count)s người không có trong tệp xuất: doanh nghiệp của họ không còn "
                    "gian tại kỳ hội chợ đó, nên không in thẻ.",
                    left_out,
                )
                % {"count": left_out},
                messages.WARNING,
            )
        headers = [
            gettext("Họ và tên"),
            gettext("Chức danh"),
            pgettext("cột", "Doanh nghiệp"),
            gettext("Gian"),
            gettext("Kỳ hội chợ"),
        ]
        rows = [
            [
                staff.full_name,
                staff.job_title,
                staff.exhibitor.name,
                selectors.booth_codes(staff),
                fair_column(staff),
            ]
            for staff in printable
        ]
        return headers, rows


@admin.register(EventPlace)
class EventPlaceAdmin(BoardModelAdmin):
    list_display = ("name", "kind", fair_column, "hall", "plan_x", "plan_y", "english_status")
    list_filter = ("fair", "kind", "hall")
    list_select_related = ("fair",)
    search_fields = ("name_vi", "name_en")
    fieldsets = (
        (None, {"fields": ("fair", "kind", ("name_vi", "name_en"))}),
        (
            _("Trên sơ đồ gian hàng"),
            {"fields": ("hall", ("plan_x", "plan_y"), ("plan_w", "plan_h"))},
        ),
        AUDIT_FIELDSET,
    )
