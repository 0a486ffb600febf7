"""The board's admin of zones, sectors, exhibitors and their products, and the
exhibitors' import from a spreadsheet."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from events.selectors import meetings_to_come_by_exhibitor
from exhibitors.importing import (
    COLUMNS,
    ImportFileError,
    ImportRejected,
    apply_import,
    export_rows,
    plan_import,
    read_records,
    template_rows,
)
from exhibitors.models import Exhibitor, ExhibitorSlug, IndustrialZone, Product, Sector
from fairportal.admin_mixins import (
    AccentFreeSearchMixin,
    AuditedAdminMixin,
    CheckedPhonesForm,
    MissingEnglishFilter,
    TranslationCompletenessMixin,
    UploadedImagesInlineMixin,
    UploadedImagesMixin,
    thumbnail,
)
from fairportal.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_bytes, xlsx_bytes
from fairportal.text import row_id

IMPORT_SALT = "exhibitors.import"
IMPORT_MAX_AGE = 3600
AUDIT_FIELDS = ("created_at", "updated_at")
AUDIT_FIELDSET = (_("Thời gian"), {"fields": (AUDIT_FIELDS,), "classes": ("collapse",)})


def _current_booths():
    """The current fair's booths (an exhibitor keeps its booths of past editions)."""
    booth = Exhibitor._meta.get_field("booths").related_model
    return booth.objects.filter(fair__is_current=True)


def fair_filter(path_to_booths: str):
    """A "fair" filter: the rows taking part in a fair (holding a booth there).

    Django's related filter hides itself, and ignores its parameter, while only one
    fair exists; this one always applies `?fair=<id>` (the dashboard links to it).
    """

    class FairFilter(admin.SimpleListFilter):
        title = _("kỳ hội chợ")
        parameter_name = "fair"

        def lookups(self, request, model_admin):
            booth = Exhibitor._meta.get_field("booths").related_model
            fair_model = booth._meta.get_field("fair").related_model
            return [(str(pk), name) for pk, name in fair_model.objects.values_list("pk", "name")]

        def queryset(self, request, queryset):
            value = row_id(self.value())
            if value is None:
                return queryset
            taking_part = queryset.model.objects.filter(**{f"{path_to_booths}__fair": value})
            return queryset.filter(pk__in=taking_part.values("pk"))

    return FairFilter


class BoardModelAdmin(
    AuditedAdminMixin, AccentFreeSearchMixin, TranslationCompletenessMixin, TranslationAdmin
):
    """Audited, accent-free search, translated fields side by side (plain TranslationAdmin)."""

    readonly_fields = AUDIT_FIELDS


@admin.register(IndustrialZone)
class IndustrialZoneAdmin(BoardModelAdmin):
    list_display = ("name", "slug", "district", "exhibitor_count", "position", "english_status")
    list_filter = ("district", "is_sample", MissingEnglishFilter)
    search_fields = ("name_vi", "name_en", "slug", "district")
    ordering = ("position", "slug")
    prepopulated_fields = {"slug": ("name_vi",)}
    fieldsets = (
        (None, {"fields": (("name_vi", "name_en"), ("slug", "district"), "position")}),
        (_("Giới thiệu"), {"fields": (("description_vi", "description_en"),)}),
        (_("Trạng thái"), {"fields": ("is_sample",)}),
        AUDIT_FIELDSET,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(exhibitor_total=Count("exhibitors"))

    @admin.display(description=_("doanh nghiệp"), ordering="exhibitor_total")
    def exhibitor_count(self, obj):
        return obj.exhibitor_total


@admin.register(Sector)
class SectorAdmin(BoardModelAdmin):
    list_display = ("name", "slug", "parent", "exhibitor_count", "position", "english_status")
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter), MissingEnglishFilter)
    list_select_related = ("parent",)
    search_fields = ("name_vi", "name_en", "slug")
    autocomplete_fields = ("parent",)
    ordering = ("position", "slug")
    prepopulated_fields = {"slug": ("name_vi",)}
    fieldsets = (
        (None, {"fields": (("name_vi", "name_en"), ("slug", "parent"), "position")}),
        AUDIT_FIELDSET,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(exhibitor_total=Count("exhibitors"))

    @admin.display(description=_("doanh nghiệp"), ordering="exhibitor_total")
    def exhibitor_count(self, obj):
        return obj.exhibitor_total


class ProductInline(UploadedImagesInlineMixin, TranslationTabularInline):
    model = Product
    uploaded_images = {"image": "image_thumb"}
    fields = ("image_preview", "name_vi", "name_en", "sector", "image", "is_published", "position")
    readonly_fields = ("image_preview",)
    autocomplete_fields = ("sector",)
    extra = 0
    show_change_link = True

    @admin.display(description=_("ảnh"))
    def image_preview(self, obj):
        return thumbnail(obj.image_thumb, alt=obj.name_vi or "")


def _fits_in_a_request(payload: str) -> bool:
    """The confirmation posts the checked rows back as a form field: beyond the
    request's limit (with room for the rest of the form) it would be a 400 page."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return limit is None or len(payload) + 1024 <= limit


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp XLSX hoặc CSV"),
        help_text=_("Theo mẫu: dòng đầu là tên cột, mỗi dòng một sản phẩm."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


@admin.register(Exhibitor)
class ExhibitorAdmin(UploadedImagesMixin, BoardModelAdmin):
    form = CheckedPhonesForm
    uploaded_images = {"logo": "logo_thumb"}
    list_display = (
        "name_with_logo",
        "tax_code",
        "country",
        "sector_list",
        "booth_codes",
        "product_count",
        "is_published",
        "english_status",
    )
    list_filter = (
        fair_filter("booths"),
        "sectors",
        "zone",
        "origin_country",
        "is_published",
        "is_featured",
        "is_sample",
        MissingEnglishFilter,
    )
    list_select_related = ("zone",)
    list_per_page = 50
    search_fields = ("search_text",)
    search_help_text = _("Gõ có dấu hoặc không dấu: tên, mã số thuế, mã gian, sản phẩm, ngành.")
    autocomplete_fields = ("zone", "sectors")
    prepopulated_fields = {"slug": ("name_vi",)}
    date_hierarchy = "created_at"
    ordering = ("name_sort",)
    readonly_fields = ("logo_preview", "member_list", *AUDIT_FIELDS)
    inlines = (ProductInline,)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("name_vi", "name_en"),
                    "legal_name",
                    ("slug", "tax_code"),
                    ("logo", "logo_preview"),
                )
            },
        ),
        (
            _("Liên hệ"),
            {
                "fields": (
                    ("website", "email"),
                    ("phone", "language"),
                    ("address_vi", "address_en"),
                )
            },
        ),
        (_("Phân loại"), {"fields": (("zone", "origin_country"), "sectors")}),
        (_("Giới thiệu"), {"fields": (("description_vi", "description_en"),)}),
        (_("Trạng thái"), {"fields": (("is_published", "is_featured", "is_sample"),)}),
        (
            _("Người đại diện"),
            {
                "fields": ("member_list",),
                "description": _(
                    "Người đại diện được mời qua e-mail; họ tự đặt mật khẩu và chỉ sửa được "
                    "hồ sơ doanh nghiệp của mình."
                ),
            },
        ),
        AUDIT_FIELDSET,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(product_total=Count("products", distinct=True))
            .prefetch_related("sectors", Prefetch("booths", queryset=_current_booths()))
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tax_code":
            # The apply form's room: the model reads "0100109106 – 001", pasted from a
            # document, as 0100109106-001 before it counts the 14 characters it stores.
            kwargs["max_length"] = 20
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_deleted_objects(self, objs, request):
        """An exhibitor with meeting requests still waiting for an answer, or meetings
        agreed and still to come, is not deleted: its meeting requests would go with it
        and the visitors would wait for an answer, or at a table, without a word (an
        exhibitor holding a booth is kept by the booth already). Django then shows the
        page that says how many and what to do first, and deletes nothing (the
        exhibitor's page and the list's delete action). Its past, declined and cancelled
        requests go with it as before."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        live = meetings_to_come_by_exhibitor(exhibitor.pk for exhibitor in objs)
        refusals = []
        for exhibitor in sorted(objs, key=lambda e: (bytes(e.name_sort), e.pk)):
            if exhibitor.pk not in live:
                continue
            pending, agreed = live[exhibitor.pk]
            refusals.append(
                gettext(
                    "“%(exhibitor)s” còn %(pending)s và %(agreed)s chưa diễn ra: hãy từ chối "
                    "các yêu cầu đang chờ (danh sách yêu cầu gặp gỡ, thao tác “%(action)s”) và "
                    "nhờ khách huỷ các cuộc gặp đã hẹn bằng liên kết riêng của họ, rồi mới xoá "
                    "doanh nghiệp, để hai bên được báo."
                )
                % {
                    "exhibitor": exhibitor.name,
                    "pending": ngettext(
                        "%(count)s yêu cầu gặp chờ trả lời",
                        "%(count)s yêu cầu gặp chờ trả lời",
                        pending,
                    )
                    % {"count": pending},
                    "agreed": ngettext(
                        "%(count)s cuộc gặp đã hẹn", "%(count)s cuộc gặp đã hẹn", agreed
                    )
                    % {"count": agreed},
                    "action": gettext("Từ chối"),
                }
            )
        return deleted, counts, perms_needed, list(protected) + refusals

    @admin.display(description=_("quốc gia"), ordering="origin_country")
    def country(self, obj):
        return obj.origin_country

    @admin.display(description=_("doanh nghiệp"), ordering="name_sort")
    def name_with_logo(self, obj):
        return format_html(
            '<span class="name-with-thumb">{} <span>{}</span></span>',
            thumbnail(obj.logo_thumb, size=40, alt=""),
            obj.name,
        )

    @admin.display(description=_("logo hiện tại"))
    def logo_preview(self, obj):
        return thumbnail(obj.logo_thumb, size=120, alt=obj.name_vi or "")

    @admin.display(description=_("ngành"))
    def sector_list(self, obj):
        return ", ".join(sector.name for sector in obj.sectors.all()) or "—"

    @admin.display(description=_("gian (kỳ hiện tại)"))
    def booth_codes(self, obj):
        return ", ".join(sorted(booth.code for booth in obj.booths.all())) or "—"

    @admin.display(description=_("sản phẩm"), ordering="product_total")
    def product_count(self, obj):
        return obj.product_total

    @admin.display(description=_("người đại diện"))
    def member_list(self, obj):
        members = list(obj.members.all()) if obj.pk else []
        if not members:
            return "—"
        return format_html_join(
            ", ", "{} &lt;{}&gt;", ((m.get_full_name() or m.username, m.email) for m in members)
        )

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        if old_slug and old_slug != obj.slug:
            ExhibitorSlug.objects.get_or_create(slug=old_slug, defaults={"exhibitor": obj})

    def save_related(self, request, form, formsets, change):
        # Inlines (products) and sectors are saved after the exhibitor itself.
        super().save_related(request, form, formsets, change)
        form.instance.refresh_search_text()

    def get_export_table(self, request, queryset):
        return export_rows(queryset)

    # --- import ---------------------------------------------------------------

    def get_urls(self):
        info = (self.opts.app_label, self.opts.model_name)
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="{}_{}_import".format(*info),
            ),
            path(
                "import/template.<str:extension>",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def _check_import_permission(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied

    def import_view(self, request):
        self._check_import_permission(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Nhập doanh nghiệp và sản phẩm từ tệp"),
            "columns": COLUMNS,
            "form": ImportForm(),
        }
        if request.method == "POST" and "payload" in request.POST:
            try:
                records = signing.loads(
                    request.POST["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE
                )
            except signing.BadSignature:
                messages.error(request, _("Bản xem trước đã hết hạn. Hãy tải tệp lên lại."))
                return redirect(reverse("admin:exhibitors_exhibitor_import"))
            try:
                plan = apply_import(records, actor=request.user)
            except ImportRejected as rejected:
                context["plan"] = rejected.plan
                return TemplateResponse(request, "admin/exhibitors/exhibitor/import.html", context)
            messages.success(
                request,
                _(
                    "Đã nhập: %(created)s doanh nghiệp mới, %(updated)s cập nhật, %(same)s không đổi."
                )
                % {
                    "created": plan.count("create"),
                    "updated": plan.count("update"),
                    "same": plan.count("unchanged"),
                },
            )
            return redirect(reverse("admin:exhibitors_exhibitor_changelist"))
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            context["form"] = form
            if form.is_valid():
                try:
                    records = read_records(form.cleaned_data["file"])
                except ImportFileError as error:
                    form.add_error("file", str(error))
                else:
                    plan = plan_import(records)
                    context["plan"] = plan
                    if not plan.has_errors:
                        payload = signing.dumps(records, salt=IMPORT_SALT, compress=True)
                        if _fits_in_a_request(payload):
                            context["payload"] = payload
                        else:
                            form.add_error(
                                "file",
                                _(
                                    "Tệp quá lớn để xác nhận trong một lần. Hãy chia thành "
                                    "nhiều tệp nhỏ hơn (mỗi doanh nghiệp nằm trọn trong một "
                                    "tệp) rồi nhập lần lượt."
                                ),
                            )
        return TemplateResponse(request, "admin/exhibitors/exhibitor/import.html", context)

    def import_template_view(self, request, extension):
        self._check_import_permission(request)
        headers, rows = template_rows()
        if extension == "csv":
            response = HttpResponse(csv_bytes(headers, rows), content_type=CSV_CONTENT_TYPE)
        elif extension == "xlsx":
            notes = [(key, str(help_text)) for key, help_text in COLUMNS]
            content = xlsx_bytes(headers, rows, title=str(_("Doanh nghiệp")), notes=notes)
            response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        else:
            raise Http404
        response["Content-Disposition"] = (
            f'attachment; filename="mau-nhap-doanh-nghiep.{extension}"'
        )
        return response


@admin.register(Product)
class ProductAdmin(UploadedImagesMixin, BoardModelAdmin):
    uploaded_images = {"image": "image_thumb"}
    list_display = (
        "name_with_image",
        "exhibitor",
        "sector",
        "is_published",
        "position",
        "english_status",
    )
    list_filter = (
        fair_filter("exhibitor__booths"),
        "sector",
        "is_published",
        MissingEnglishFilter,
    )
    list_select_related = ("exhibitor", "sector")
    list_per_page = 50
    search_fields = ("search_text",)
    search_help_text = _("Gõ có dấu hoặc không dấu: tên sản phẩm, doanh nghiệp, ngành.")
    autocomplete_fields = ("exhibitor", "sector")
    date_hierarchy = "created_at"
    ordering = ("name_sort",)
    readonly_fields = ("image_preview", *AUDIT_FIELDS)
    export_fields = (
        "exhibitor",
        "name_vi",
        "name_en",
        "sector",
        "description_vi",
        "description_en",
        "is_published",
        "position",
    )
    fieldsets = (
        (None, {"fields": ("exhibitor", ("name_vi", "name_en"), ("sector", "position"))}),
        (_("Mô tả"), {"fields": (("description_vi", "description_en"),)}),
        (_("Ảnh"), {"fields": (("image", "image_preview"),)}),
        (_("Trạng thái"), {"fields": ("is_published",)}),
        AUDIT_FIELDSET,
    )

    @admin.display(description=_("tên sản phẩm"), ordering="name_sort")
    def name_with_image(self, obj):
        return format_html(
            '<span class="name-with-thumb">{} <span>{}</span></span>',
            thumbnail(obj.image_thumb, size=40, alt=""),
            obj.name,
        )

    @admin.display(description=_("ảnh hiện tại"))
    def image_preview(self, obj):
        return thumbnail(obj.image_thumb, size=120, alt=obj.name_vi or "")


@admin.register(ExhibitorSlug)
class ExhibitorSlugAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("slug", "exhibitor", "created_at")
    list_select_related = ("exhibitor",)
    search_fields = ("slug", "exhibitor__search_text", "exhibitor__search_text_en")
    autocomplete_fields = ("exhibitor",)
    date_hierarchy = "created_at"
    ordering = ("slug",)
    readonly_fields = AUDIT_FIELDS
