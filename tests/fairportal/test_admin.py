"""The board's admin: lists, accent-free search, forms with inlines, uploads, audit."""

import datetime
import html
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from booths.models import Booth
from events.models import FairFigure, MeetingRequest, SideEvent
from exhibitors.models import Exhibitor, ExhibitorSlug, Product, Sector
from fairportal.audit import record
from fairportal.models import AuditEntry, User
from tests.factories import (
    HANOI,
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_meeting_request,
    make_product,
    make_sector,
    make_zone,
)

pytestmark = pytest.mark.django_db

LISTS = [
    "admin:exhibitors_exhibitor_changelist",
    "admin:exhibitors_product_changelist",
    "admin:exhibitors_sector_changelist",
    "admin:exhibitors_industrialzone_changelist",
    "admin:exhibitors_exhibitorslug_changelist",
    "admin:events_fair_changelist",
    "admin:events_fairfigure_changelist",
    "admin:fairportal_user_changelist",
    "admin:fairportal_auditentry_changelist",
    "admin:auth_group_changelist",
]


def _png(size=(64, 32), color=(200, 30, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def _exhibitor_form(exhibitor, **overrides):
    data = {
        "name_vi": exhibitor.name_vi,
        "name_en": exhibitor.name_en or "",
        "legal_name": exhibitor.legal_name,
        "slug": exhibitor.slug,
        "tax_code": exhibitor.tax_code,
        "origin_country": exhibitor.origin_country,
        "language": exhibitor.language,
        "description_vi": exhibitor.description_vi or "",
        "description_en": exhibitor.description_en or "",
        "address_vi": exhibitor.address_vi or "",
        "address_en": exhibitor.address_en or "",
        "is_published": "on",
        "products-TOTAL_FORMS": "0",
        "products-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("url_name", LISTS)
def test_changelist_lists_rows_for_superuser(admin_client, url_name):
    exhibitor = make_exhibitor(name_vi="Canon Việt Nam", zone=make_zone(), sectors=[make_sector()])
    make_product(exhibitor=exhibitor)
    ExhibitorSlug.objects.create(exhibitor=exhibitor, slug="canon-cu")
    FairFigure.objects.create(fair=make_fair(), value="726", label_vi="dự án")
    record(action="booth.assigned", obj=exhibitor, actor_label="he-thong")

    response = admin_client.get(reverse(url_name))

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1 or url_name.endswith("group_changelist")


@pytest.mark.parametrize("query", ["canon", "CANON viet", "may in"])
def test_exhibitor_search_ignores_accents_and_case(admin_client, query):
    canon = make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam")
    make_product(exhibitor=canon, name_vi="Máy in laser", name_en="Laser printer")
    make_exhibitor(name_vi="TOTO Việt Nam", name_en="TOTO Vietnam")

    response = admin_client.get(reverse("admin:exhibitors_exhibitor_changelist"), {"q": query})

    assert [row.pk for row in response.context["cl"].result_list] == [canon.pk]


def test_product_search_finds_sector_without_accents(admin_client):
    electronics = make_sector(name_vi="Điện tử", name_en="Electronics", slug="dien-tu")
    chip = make_product(name_vi="Bo mạch", sector=electronics)
    make_product(name_vi="Bánh quy")

    response = admin_client.get(reverse("admin:exhibitors_product_changelist"), {"q": "dien tu"})

    assert [row.pk for row in response.context["cl"].result_list] == [chip.pk]


def test_sector_search_matches_folded_slug(admin_client):
    electronics = make_sector(name_vi="Điện tử", name_en="Electronics", slug="dien-tu")
    make_sector(name_vi="Thực phẩm", name_en="Food", slug="thuc-pham")

    response = admin_client.get(reverse("admin:exhibitors_sector_changelist"), {"q": "dien tu"})

    assert [row.pk for row in response.context["cl"].result_list] == [electronics.pk]


def test_exhibitor_autocomplete_is_accent_free(admin_client):
    canon = make_exhibitor(name_vi="Canon Việt Nam")
    make_exhibitor(name_vi="Đức Giang")

    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "canon",
            "app_label": "exhibitors",
            "model_name": "product",
            "field_name": "exhibitor",
        },
    )

    assert [item["id"] for item in response.json()["results"]] == [str(canon.pk)]


def test_exhibitor_filters_by_fair_sector_zone_and_country(admin_client):
    fair = make_fair()
    sector = make_sector()
    zone = make_zone()
    japanese = make_exhibitor(origin_country="JP", zone=zone, sectors=[sector])
    make_booth(fair=fair, exhibitor=japanese)
    make_booth(fair=fair, exhibitor=japanese)  # two booths: still one row
    make_exhibitor(origin_country="JP", zone=zone, sectors=[sector])  # no booth in the fair
    make_booth(fair=fair, exhibitor=make_exhibitor(origin_country="VN", sectors=[make_sector()]))
    make_exhibitor(origin_country="VN", zone=make_zone())

    response = admin_client.get(
        reverse("admin:exhibitors_exhibitor_changelist"),
        {
            "fair": fair.pk,
            "sectors__id__exact": sector.pk,
            "zone__id__exact": zone.pk,
            "origin_country__exact": "JP",
        },
    )

    assert [row.pk for row in response.context["cl"].result_list] == [japanese.pk]


def test_missing_english_filter_and_column(admin_client):
    missing = make_exhibitor(name_vi="Chỉ tiếng Việt", name_en="")
    make_exhibitor(name_vi="Đủ", name_en="Complete", address_en="Dong Anh, Hanoi")

    response = admin_client.get(reverse("admin:exhibitors_exhibitor_changelist"), {"en": "missing"})

    assert [row.pk for row in response.context["cl"].result_list] == [missing.pk]
    assert "tr-missing" in response.content.decode()


def test_exhibitor_change_form_shows_translations_side_by_side(admin_client):
    exhibitor = make_exhibitor()

    response = admin_client.get(reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="name_vi"' in html and 'name="name_en"' in html
    assert "css/admin.css" in html
    assert "jquery-ui" not in html.lower()
    assert 'name="created_at"' not in html  # read-only


def test_product_inline_refreshes_exhibitor_search_text(admin_client):
    exhibitor = make_exhibitor(name_vi="Công ty Điện Quang")
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])
    data = _exhibitor_form(
        exhibitor,
        **{
            "products-TOTAL_FORMS": "1",
            "products-0-name_vi": "Bóng đèn LED tiết kiệm",
            "products-0-name_en": "LED bulb",
            "products-0-is_published": "on",
            "products-0-position": "0",
        },
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert "bong den led tiet kiem" in exhibitor.search_text
    assert Product.objects.get(exhibitor=exhibitor).name_vi == "Bóng đèn LED tiết kiệm"


def test_logo_upload_is_reencoded_with_a_thumbnail(admin_client):
    exhibitor = make_exhibitor()
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])

    response = admin_client.post(url, _exhibitor_form(exhibitor, logo=_png()))

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert exhibitor.logo.name.startswith("logos/exhibitor-")
    assert exhibitor.logo_thumb.name.startswith("logos/thumbs/exhibitor-")
    listing = admin_client.get(reverse("admin:exhibitors_exhibitor_changelist"))
    assert exhibitor.logo_thumb.url in listing.content.decode()


def test_logo_that_is_not_an_image_is_a_form_error(admin_client):
    exhibitor = make_exhibitor()
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])
    fake = SimpleUploadedFile("logo.png", b"<svg></svg>", content_type="image/png")

    response = admin_client.post(url, _exhibitor_form(exhibitor, logo=fake))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["logo"]
    exhibitor.refresh_from_db()
    assert exhibitor.logo.name == ""


def test_exhibitor_tax_code_in_full_width_digits_is_stored_in_ascii(admin_client):
    exhibitor = make_exhibitor(tax_code="")
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])

    admin_client.post(url, _exhibitor_form(exhibitor, tax_code=" ０１００１０９１０６ "))

    exhibitor.refresh_from_db()
    assert exhibitor.tax_code == "0100109106"


@pytest.mark.parametrize(
    "typed",
    [
        "0100109106 001",
        # As a word processor leaves " - " typed between spaces: an en dash, and the
        # spaces, which take the text past the 14 characters stored.
        "0100109106 \u2013 001",
        "0100109106 - 001",
    ],
)
def test_exhibitor_branch_tax_code_pasted_with_spaces_is_stored_with_its_dash(admin_client, typed):
    exhibitor = make_exhibitor(tax_code="")
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])

    response = admin_client.post(url, _exhibitor_form(exhibitor, tax_code=typed))

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert exhibitor.tax_code == "0100109106-001"


def test_exhibitor_tax_code_in_full_width_digits_of_another_company_is_a_form_error(
    admin_client,
):
    make_exhibitor(tax_code="0100109106", name_vi="Canon")
    exhibitor = make_exhibitor(tax_code="")
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])

    response = admin_client.post(url, _exhibitor_form(exhibitor, tax_code="０１００１０９１０６"))

    assert response.status_code == 200
    assert "Đã có doanh nghiệp mang mã số thuế này." in response.content.decode()
    exhibitor.refresh_from_db()
    assert exhibitor.tax_code == ""


@pytest.mark.parametrize("tax_code", ["0100109107", "12345", "٠١٠٠١٠٩١٠٦"])
def test_exhibitor_tax_code_is_checked_in_the_admin(admin_client, tax_code):
    exhibitor = make_exhibitor(tax_code="")
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])

    response = admin_client.post(url, _exhibitor_form(exhibitor, tax_code=tax_code))

    assert response.status_code == 200
    assert "Mã số thuế" in str(response.context["adminform"].form.errors["tax_code"])
    exhibitor.refresh_from_db()
    assert exhibitor.tax_code == ""


def test_exhibitor_phone_typed_in_the_admin_is_stored_as_the_public_forms_store_it(
    admin_client,
):
    exhibitor = make_exhibitor(phone="")
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])

    admin_client.post(url, _exhibitor_form(exhibitor, phone="0912 345 678"))

    exhibitor.refresh_from_db()
    assert exhibitor.phone == "+84912345678"


def test_exhibitor_phone_that_is_not_a_number_is_a_form_error_in_the_admin(admin_client):
    exhibitor = make_exhibitor(phone="+84912345678")
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])

    response = admin_client.post(url, _exhibitor_form(exhibitor, phone="abc"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "phone": [
            "Số điện thoại không hợp lệ. Nhập số Việt Nam (09…, 024…) hoặc số quốc tế bắt đầu bằng +."
        ]
    }
    exhibitor.refresh_from_db()
    assert exhibitor.phone == "+84912345678"


def test_exhibitor_phone_stored_before_the_check_is_kept_while_left_as_it_is(admin_client):
    exhibitor = make_exhibitor(phone="(024) 3881 2345 x12")
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])

    admin_client.post(url, _exhibitor_form(exhibitor, phone=exhibitor.phone, description_vi="Mới."))

    exhibitor.refresh_from_db()
    assert (exhibitor.phone, exhibitor.description_vi) == ("(024) 3881 2345 x12", "Mới.")


def test_renamed_slug_is_kept_as_an_old_slug(admin_client):
    exhibitor = make_exhibitor(slug="canon-cu")
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])

    admin_client.post(url, _exhibitor_form(exhibitor, slug="canon-viet-nam"))

    assert ExhibitorSlug.objects.get(slug="canon-cu").exhibitor == exhibitor


def test_change_is_audited_with_old_and_new_values(admin_client, superuser):
    exhibitor = make_exhibitor(name_vi="Tên cũ", origin_country="VN")
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])

    admin_client.post(url, _exhibitor_form(exhibitor, name_vi="Tên mới", origin_country="JP"))

    entry = AuditEntry.objects.get(action="admin.changed")
    assert entry.actor == superuser
    assert entry.object_id == str(exhibitor.pk)
    assert entry.content_type == ContentType.objects.get_for_model(Exhibitor)
    assert entry.changes["fields"] == {
        "name_vi": {"from": "Tên cũ", "to": "Tên mới"},
        "origin_country": {"from": "VN", "to": "JP"},
    }


def test_addition_and_deletion_are_audited(admin_client):
    zone_url = reverse("admin:exhibitors_industrialzone_add")
    admin_client.post(
        zone_url,
        {"name_vi": "KCN Nội Bài", "name_en": "Noi Bai IP", "slug": "kcn-noi-bai", "position": 0},
    )
    zone_id = AuditEntry.objects.get(action="admin.added").object_id
    exhibitors = [make_exhibitor(), make_exhibitor()]

    admin_client.post(
        reverse("admin:exhibitors_exhibitor_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [e.pk for e in exhibitors],
            "post": "yes",
        },
    )

    added = AuditEntry.objects.get(action="admin.added")
    assert added.object_repr == "KCN Nội Bài"
    assert added.changes["fields"]["slug"] == {"from": None, "to": "kcn-noi-bai"}
    assert zone_id == added.object_id
    deleted = AuditEntry.objects.filter(action="admin.deleted").order_by("object_id")
    assert [e.object_id for e in deleted] == sorted(str(e.pk) for e in exhibitors)


def test_audit_list_filters_by_action_and_actor(admin_client, superuser):
    exhibitor = make_exhibitor()
    record(action="booth.assigned", obj=exhibitor, actor=superuser)
    record(action="registration.created", obj=exhibitor, actor_label="khach@example.vn")

    by_action = admin_client.get(
        reverse("admin:fairportal_auditentry_changelist"), {"action": "booth.assigned"}
    )
    by_guest = admin_client.get(
        reverse("admin:fairportal_auditentry_changelist"), {"actor": "none"}
    )

    assert [e.action for e in by_action.context["cl"].result_list] == ["booth.assigned"]
    assert [e.action for e in by_guest.context["cl"].result_list] == ["registration.created"]


def test_audit_list_names_actions_in_the_boards_words(admin_client, superuser):
    exhibitor = make_exhibitor()
    record(action="booth.assigned", obj=exhibitor, actor=superuser)
    record(action="something.new", obj=exhibitor, actor=superuser)
    url = reverse("admin:fairportal_auditentry_changelist")

    vi = admin_client.get(url).content.decode()
    en = admin_client.get("/en" + url).content.decode()

    # Column and filter: the label, with the code kept beside it for searching.
    assert "Giao gian hàng <span" in vi
    assert vi.count("Giao gian hàng") >= 2
    assert "Booth assigned" in en
    # A code without a label is shown as it is rather than hidden.
    assert "something.new" in vi
    # Date first, as on the public pages and in the decision log.
    when = timezone.localtime(AuditEntry.objects.first().created_at)
    assert f"{when:%d/%m/%Y %H:%M}" in vi


def test_audit_entry_details_of_a_meeting_are_in_the_boards_words(admin_client):
    # As the events services write them: a request declined, then one accepted.
    company = make_exhibitor()
    declined = record(
        action="meeting.declined", obj=company, changes={"status": ["pending", "declined"]}
    )
    accepted = record(
        action="meeting.accepted",
        obj=company,
        changes={"slot_start": "2027-09-20T14:00:00+07:00", "table_number": 3},
    )

    def detail(entry):
        url = reverse("admin:fairportal_auditentry_change", args=[entry.pk])
        return admin_client.get(url).content.decode()

    assert "trạng thái: Chờ trả lời → Từ chối" in detail(declined)
    assert "giờ gặp: 20/09/2027 14:00; bàn số: 3" in detail(accepted)
    assert "table_number" not in detail(accepted)


def test_audit_entry_of_another_time_proposed_reads_before_and_after_in_hanoi_time(
    admin_client,
):
    # As `propose_other_slot` writes it: the times the visitor asked, then the one the
    # company proposed (stored in UTC by some callers).
    entry = record(
        action="meeting.other_slot_proposed",
        obj=make_exhibitor(),
        changes={
            "proposed_slots": [
                ["2027-09-20T14:00:00+07:00", "2027-09-20T14:30:00+07:00"],
                ["2027-09-20T08:00:00+00:00"],
            ],
        },
    )
    closed = record(
        action="event.registration_closed",
        obj=make_exhibitor(),
        changes={"registration_open": [True, False]},
    )

    def detail(entry):
        url = reverse("admin:fairportal_auditentry_change", args=[entry.pk])
        return html.unescape(admin_client.get(url).content.decode())

    assert "khung giờ đề xuất: 20/09/2027 14:00, 20/09/2027 14:30 → 20/09/2027 15:00" in detail(
        entry
    )
    assert "2027-09-20T" not in detail(entry)
    assert "mở đăng ký: có → không" in detail(closed)


def test_audit_entry_detail_is_read_only(admin_client, superuser):
    entry = record(
        action="admin.changed",
        obj=make_exhibitor(),
        actor=superuser,
        changes={"fields": {"name_vi": {"from": "A", "to": "B"}}},
    )
    url = reverse("admin:fairportal_auditentry_change", args=[entry.pk])

    view = admin_client.get(url)
    post = admin_client.post(url, {"action": "x"})

    assert view.status_code == 200
    assert "<td>Tên giao dịch [vi]</td><td>A</td><td>B</td>" in view.content.decode()
    assert post.status_code == 403


def test_audit_entry_detail_reads_in_the_boards_words(admin_client, superuser):
    canon = make_exhibitor(name_vi="Canon Việt Nam")
    changed = record(
        action="admin.changed",
        obj=make_event(),
        actor=superuser,
        changes={
            "fields": {
                "starts_at": {
                    "from": "2024-09-20T02:00:00+00:00",
                    "to": "2024-09-20T10:30:00+07:00",
                },
                "registration_open": {"from": True, "to": False},
                "capacity": {"from": 1200, "to": 15000},
            }
        },
    )
    approved = record(
        action="application.approved",
        obj=canon,
        actor=superuser,
        changes={"booths": ["A20", "A47"], "exhibitor": canon.pk, "new_exhibitor": False},
    )

    first = admin_client.get(reverse("admin:fairportal_auditentry_change", args=[changed.pk]))
    second = admin_client.get(reverse("admin:fairportal_auditentry_change", args=[approved.pk]))

    page = first.content.decode()
    assert "<td>Bắt đầu</td><td>20/09/2024 09:00</td><td>20/09/2024 10:30</td>" in page
    assert "<td>Đang nhận đăng ký</td><td>có</td><td>không</td>" in page
    assert "<td>Số chỗ</td><td>1.200</td><td>15.000</td>" in page
    assert "gian: A20, A47; doanh nghiệp: Canon Việt Nam; doanh nghiệp mới: không" in (
        second.content.decode()
    )


def test_audit_entry_detail_reads_in_the_same_order_on_every_database(admin_client, superuser):
    # Written in the order PostgreSQL's jsonb returns the keys (shortest first), not the
    # order of the form or the service: the page reads in the form's and the service's.
    event = make_event()
    changed = record(
        action="admin.changed",
        obj=event,
        actor=superuser,
        changes={
            "fields": {
                "capacity": {"from": 100, "to": 120},
                "starts_at": {
                    "from": "2024-09-20T09:00:00+07:00",
                    "to": "2024-09-20T10:00:00+07:00",
                },
                "title_vi": {"from": "Hội thảo", "to": "Hội thảo chuỗi cung ứng"},
            }
        },
    )
    approved = record(
        action="application.approved",
        obj=make_exhibitor(name_vi="Canon Việt Nam"),
        actor=superuser,
        changes={
            "booths": ["A01"],
            "exhibitor": None,
            "new_exhibitor": True,
            "invitation_sent": True,
            "applicant_invited": True,
        },
    )
    moved = record(
        action="event.moved",
        obj=event,
        actor=superuser,
        changes={
            "told": 3,
            "room_vi": ["Phòng 1", "Phòng 2"],
            "starts_at": ["2024-09-20T09:00:00+07:00", "2024-09-20T10:00:00+07:00"],
        },
    )

    def detail(entry):
        url = reverse("admin:fairportal_auditentry_change", args=[entry.pk])
        return html.unescape(admin_client.get(url).content.decode())

    assert re.findall(r"<tr><td>([^<]*)</td><td>", detail(changed)) == [
        "Tiêu đề [vi]",
        "Bắt đầu",
        "Số chỗ",
    ]
    assert (
        "gian: A01; doanh nghiệp: —; doanh nghiệp mới: có; mời người nộp đơn làm đại diện: "
        "có; đã gửi e-mail mời: có</p>"
    ) in detail(approved)
    assert (
        "bắt đầu: 20/09/2024 09:00 → 20/09/2024 10:00; phòng [vi]: Phòng 1 → Phòng 2; số "
        "người được báo: 3</p>"
    ) in detail(moved)


def test_fair_booth_inline_shows_exhibitor_read_only(admin_client):
    fair = make_fair()
    exhibitor = make_exhibitor(name_vi="Canon Việt Nam")
    booth = make_booth(fair=fair, code="A01", exhibitor=exhibitor)
    url = reverse("admin:events_fair_change", args=[fair.pk])

    response = admin_client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Canon Việt Nam" in html
    assert 'name="booths-0-exhibitor"' not in html
    assert 'name="booths-0-code"' in html
    assert Booth.objects.get(pk=booth.pk).exhibitor == exhibitor


def test_admins_without_the_mixin_are_audited_from_their_log_entries(superuser):
    from axes.models import AccessAttempt
    from django.contrib.admin.models import CHANGE, LogEntry

    # django-axes' own admin does not use AuditedAdminMixin.
    attempt = AccessAttempt.objects.create(
        username="can-bo",
        ip_address="10.0.0.1",
        user_agent="",
        get_data="",
        post_data="",
        failures_since_start=5,
    )
    exhibitor = make_exhibitor()

    LogEntry.objects.log_actions(
        user_id=superuser.pk,
        queryset=[attempt],
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": ["Failed Logins"]}}],
        single_object=True,
    )
    LogEntry.objects.log_actions(
        user_id=superuser.pk, queryset=[exhibitor], action_flag=CHANGE, single_object=True
    )

    entry = AuditEntry.objects.get()
    assert entry.action == "admin.changed"
    assert entry.object_id == str(attempt.pk)
    assert entry.actor == superuser
    assert entry.changes == {"message": "Đã thay đổi Số lần đăng nhập sai."}


def _fair_form(fair, booths, *, delete=True):
    data = {
        "name_vi": fair.name_vi,
        "name_en": fair.name_en,
        "slug": fair.slug,
        "starts_on": "20/09/2024",
        "ends_on": "22/09/2024",
        "opens_at": "08:00",
        "closes_at": "17:00",
        "venue_vi": fair.venue_vi,
        "address_vi": fair.address_vi,
        "organiser_vi": fair.organiser_vi,
        "is_current": "on",
        "applications_open": "on",
        "figures-TOTAL_FORMS": "0",
        "figures-INITIAL_FORMS": "0",
        "booths-TOTAL_FORMS": str(len(booths)),
        "booths-INITIAL_FORMS": str(len(booths)),
    }
    for index, booth in enumerate(booths):
        data.update(
            {
                f"booths-{index}-id": booth.pk,
                f"booths-{index}-fair": fair.pk,
                f"booths-{index}-code": booth.code,
                f"booths-{index}-hall": booth.hall,
                f"booths-{index}-kind": booth.kind,
                f"booths-{index}-width_m": "3.0",
                f"booths-{index}-depth_m": "3.0",
                f"booths-{index}-price_vnd": booth.price_vnd,
                f"booths-{index}-is_blocked": "on" if booth.is_blocked else "",
            }
        )
        if delete:
            data[f"booths-{index}-DELETE"] = "on"
    return data


def test_fair_inline_refuses_to_delete_a_taken_booth(admin_client):
    fair = make_fair()
    taken = make_booth(fair=fair, code="A01", exhibitor=make_exhibitor())
    url = reverse("admin:events_fair_change", args=[fair.pk])

    response = admin_client.post(url, _fair_form(fair, [taken]))

    assert response.status_code == 200
    assert "Không xoá được gian A01" in response.content.decode()
    assert Booth.objects.filter(pk=taken.pk).exists()


def test_fair_inline_deletes_a_free_booth(admin_client):
    fair = make_fair()
    free = make_booth(fair=fair, code="A02")
    url = reverse("admin:events_fair_change", args=[fair.pk])

    response = admin_client.post(url, _fair_form(fair, [free]))

    assert response.status_code == 302
    assert not Booth.objects.filter(pk=free.pk).exists()


def test_fair_inline_sees_two_new_booths_typed_a20_and_a_20_as_one_code(admin_client):
    fair = make_fair()
    url = reverse("admin:events_fair_change", args=[fair.pk])
    data = _fair_form(fair, [])
    data["booths-TOTAL_FORMS"] = "2"
    for index, code in enumerate(["a20", "A 20"]):
        data.update(
            {
                f"booths-{index}-fair": fair.pk,
                f"booths-{index}-code": code,
                f"booths-{index}-hall": "A",
                f"booths-{index}-kind": "standard",
                f"booths-{index}-width_m": "3.0",
                f"booths-{index}-depth_m": "3.0",
                f"booths-{index}-price_vnd": "15000000",
            }
        )

    response = admin_client.post(url, data)
    data["booths-TOTAL_FORMS"] = "1"
    one = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Hai dòng trong bảng gian có cùng mã gian" in response.content.decode()
    assert one.status_code == 302
    assert list(Booth.objects.filter(fair=fair).values_list("code", flat=True)) == ["A20"]


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "Gian đang có doanh nghiệp: hãy giải phóng gian trước khi giữ lại."),
        ("/en", "This booth has an exhibitor: release it before holding it back."),
    ],
)
def test_fair_inline_refuses_to_keep_a_taken_booth(admin_client, prefix, message):
    fair = make_fair()
    holder = make_exhibitor()
    taken = make_booth(fair=fair, code="A02", exhibitor=holder)
    free = make_booth(fair=fair, code="A03")
    url = prefix + reverse("admin:events_fair_change", args=[fair.pk])
    data = _fair_form(fair, [taken, free], delete=False)
    data["booths-0-is_blocked"] = "on"
    data["booths-1-fascia_name"] = "CANON"
    data["name_vi"] = "Tên mới"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][1].formset
    assert formset.errors[0] == {"is_blocked": [message]}
    taken.refresh_from_db()
    free.refresh_from_db()
    fair.refresh_from_db()
    assert (taken.is_blocked, taken.exhibitor) == (False, holder)
    assert free.fascia_name == ""
    assert fair.name_vi != "Tên mới"


def test_fair_inline_keeps_a_free_booth(admin_client):
    fair = make_fair()
    free = make_booth(fair=fair, code="A03")
    url = reverse("admin:events_fair_change", args=[fair.pk])
    data = _fair_form(fair, [free], delete=False)
    data["booths-0-is_blocked"] = "on"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    free.refresh_from_db()
    assert free.is_blocked is True


def test_fair_inline_keeps_a_booth_assigned_while_the_table_was_being_saved(superuser, rf):
    # The table's rows are read, then an approval assigns one of them, then the rows
    # are saved: the row writes what it changed (the price), not the exhibitor it read.
    from django.contrib import admin as django_admin

    from events.models import Fair

    fair = make_fair()
    booth = make_booth(fair=fair, code="A01")
    exhibitor = make_exhibitor()
    request = rf.post("/")
    request.user = superuser
    fair_admin = django_admin.site._registry[Fair]
    inline = next(i for i in fair_admin.get_inline_instances(request, fair) if i.model is Booth)
    data = {
        key.removeprefix("booths-"): value
        for key, value in _fair_form(fair, [booth], delete=False).items()
        if key.startswith("booths-")
    }
    data["0-price_vnd"] = "12000000"
    formset = inline.get_formset(request, fair)(
        {f"booths-{key}": value for key, value in data.items()}, instance=fair, prefix="booths"
    )
    assert formset.is_valid(), formset.errors

    Booth.objects.filter(pk=booth.pk).update(exhibitor=exhibitor)
    formset.save()

    booth.refresh_from_db()
    assert (booth.exhibitor, booth.price_vnd) == (exhibitor, 12_000_000)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("price_vnd", "-1", "Giá gian không được âm."),
        ("width_m", "0", "Chiều rộng và chiều sâu của gian phải lớn hơn 0."),
        ("code", "a 01", "Kỳ hội chợ này đã có gian mang mã này."),
    ],
)
def test_fair_inline_tells_a_booth_the_database_would_refuse(admin_client, field, value, message):
    fair = make_fair()
    make_booth(fair=fair, code="A01")
    url = reverse("admin:events_fair_change", args=[fair.pk])
    data = _fair_form(fair, [], delete=False)
    data["booths-TOTAL_FORMS"] = "1"
    data.update(
        {
            "booths-0-fair": fair.pk,
            "booths-0-code": "A09",
            "booths-0-hall": "A",
            "booths-0-kind": "standard",
            "booths-0-width_m": "3.0",
            "booths-0-depth_m": "3.0",
            "booths-0-price_vnd": "15000000",
            f"booths-0-{field}": value,
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][1].formset
    assert formset.errors == [{"__all__": [message]}]
    assert list(Booth.objects.filter(fair=fair).values_list("code", flat=True)) == ["A01"]


def test_fair_inline_refuses_to_swap_two_codes_in_one_save(admin_client):
    fair = make_fair()
    first, second = make_booth(fair=fair, code="A01"), make_booth(fair=fair, code="A02")
    url = reverse("admin:events_fair_change", args=[fair.pk])
    data = _fair_form(fair, [first, second], delete=False)
    data["booths-0-code"], data["booths-1-code"] = "A02", "A01"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    message = "Kỳ hội chợ này đã có gian mang mã này."
    formset = response.context["inline_admin_formsets"][1].formset
    assert formset.errors == [{"__all__": [message]}, {"__all__": [message]}]
    first.refresh_from_db()
    assert first.code == "A01"


def _programme(fair):
    """The opening on the first day, a seminar on the second, and a business-matching
    session with an accepted meeting on the last (the fair runs 20–22/09/2024)."""
    make_event(
        fair=fair,
        kind=SideEvent.Kind.OPENING,
        title_vi="Lễ khai mạc",
        starts_at=datetime.datetime(2024, 9, 20, 8, 30, tzinfo=HANOI),
    )
    make_event(
        fair=fair,
        title_vi="Hội thảo công nghiệp hỗ trợ",
        starts_at=datetime.datetime(2024, 9, 21, 9, 0, tzinfo=HANOI),
    )
    session = make_event(
        fair=fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        title_vi="Kết nối giao thương",
        starts_at=datetime.datetime(2024, 9, 22, 13, 0, tzinfo=HANOI),
    )
    make_meeting_request(
        session=session,
        status=MeetingRequest.Status.ACCEPTED,
        slot_start=datetime.datetime(2024, 9, 22, 13, 0, tzinfo=HANOI),
        table_number=1,
    )


def _fair_days(fair):
    fair.refresh_from_db()
    return fair.starts_on, fair.ends_on


SAME_DAYS = (datetime.date(2024, 9, 20), datetime.date(2024, 9, 22))


@pytest.mark.parametrize(
    ("field", "day", "message"),
    [
        (
            "starts_on",
            "21/09/2024",
            "Còn 1 sự kiện diễn ra ngoài các ngày mới (Lễ khai mạc 20/09/2024): "
            "hãy dời hoặc xoá các sự kiện đó trước.",
        ),
        (
            "ends_on",
            "20/09/2024",
            "Còn 2 sự kiện diễn ra ngoài các ngày mới (Hội thảo công nghiệp hỗ trợ 21/09/2024, "
            "Kết nối giao thương 22/09/2024): hãy dời hoặc xoá các sự kiện đó trước.",
        ),
    ],
    ids=["opening day", "last day"],
)
def test_fair_form_refuses_days_that_leave_events_out(admin_client, field, day, message):
    fair = make_fair()
    _programme(fair)
    url = reverse("admin:events_fair_change", args=[fair.pk])
    data = {**_fair_form(fair, []), field: day}

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {field: [message]}
    assert _fair_days(fair) == SAME_DAYS


def test_fair_form_names_the_first_three_events_it_would_leave_out(admin_client):
    fair = make_fair()
    for hour in (9, 10, 11, 12):
        make_event(
            fair=fair,
            title_vi=f"Hội thảo {hour} giờ",
            starts_at=datetime.datetime(2024, 9, 20, hour, 0, tzinfo=HANOI),
        )
    url = reverse("admin:events_fair_change", args=[fair.pk])
    data = {**_fair_form(fair, []), "starts_on": "21/09/2024"}

    response = admin_client.post(url, data)

    assert response.context["adminform"].form.errors == {
        "starts_on": [
            "Còn 4 sự kiện diễn ra ngoài các ngày mới (Hội thảo 9 giờ 20/09/2024, "
            "Hội thảo 10 giờ 20/09/2024, Hội thảo 11 giờ 20/09/2024, …): "
            "hãy dời hoặc xoá các sự kiện đó trước."
        ]
    }
    assert _fair_days(fair) == SAME_DAYS


def test_fair_form_counts_an_event_s_days_in_hanoi_time(admin_client):
    fair = make_fair()
    # 21:30–23:30 on 20/09 in Hanoi is left out; 00:30 on 21/09 in Hanoi (20/09 in UTC) is not.
    make_event(
        fair=fair,
        title_vi="Dạ tiệc",
        starts_at=datetime.datetime(2024, 9, 20, 21, 30, tzinfo=HANOI),
    )
    make_event(
        fair=fair,
        title_vi="Gặp gỡ sớm",
        starts_at=datetime.datetime(2024, 9, 21, 0, 30, tzinfo=HANOI),
    )
    url = reverse("admin:events_fair_change", args=[fair.pk])
    data = {**_fair_form(fair, []), "starts_on": "21/09/2024"}

    response = admin_client.post(url, data)

    assert response.context["adminform"].form.errors == {
        "starts_on": [
            "Còn 1 sự kiện diễn ra ngoài các ngày mới (Dạ tiệc 20/09/2024): "
            "hãy dời hoặc xoá các sự kiện đó trước."
        ]
    }
    assert _fair_days(fair) == SAME_DAYS


def test_fair_form_moves_days_that_keep_the_programme_inside(admin_client):
    fair = make_fair()
    _programme(fair)
    url = reverse("admin:events_fair_change", args=[fair.pk])
    data = {**_fair_form(fair, []), "starts_on": "19/09/2024", "ends_on": "23/09/2024"}

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert _fair_days(fair) == (datetime.date(2024, 9, 19), datetime.date(2024, 9, 23))


def test_fair_form_moves_the_days_of_a_fair_without_events(admin_client):
    fair = make_fair()
    url = reverse("admin:events_fair_change", args=[fair.pk])
    data = {**_fair_form(fair, []), "starts_on": "21/09/2024", "ends_on": "21/09/2024"}

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert _fair_days(fair) == (datetime.date(2024, 9, 21), datetime.date(2024, 9, 21))


def test_product_inline_image_gets_a_thumbnail(admin_client):
    exhibitor = make_exhibitor()
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])
    data = _exhibitor_form(
        exhibitor,
        **{
            "products-TOTAL_FORMS": "1",
            "products-0-name_vi": "Máy in",
            "products-0-is_published": "on",
            "products-0-position": "0",
            "products-0-image": _png((300, 200)),
        },
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302
    product = Product.objects.get(exhibitor=exhibitor)
    assert product.image.name.startswith("products/product-")
    assert product.image_thumb.name.startswith("products/thumbs/product-")


def test_audit_list_filters_by_kind_of_object(admin_client, superuser):
    exhibitor = make_exhibitor()
    record(action="exhibitor.imported", obj=exhibitor, actor=superuser)
    record(action="zone.changed", obj=make_zone(), actor=superuser)
    kind = ContentType.objects.get_for_model(Exhibitor)

    response = admin_client.get(
        reverse("admin:fairportal_auditentry_changelist"), {"kind": kind.pk}
    )

    assert [e.action for e in response.context["cl"].result_list] == ["exhibitor.imported"]
    assert "Doanh nghiệp trưng bày</td>" in response.content.decode()


def test_a_fair_of_110_booths_can_be_saved_in_the_admin(admin_client):
    # Its page sends every booth of the inline: more than Django's default 1,000 fields.
    fair = make_fair()
    booths = [make_booth(fair=fair, code=f"A{n:03d}") for n in range(1, 111)]
    url = reverse("admin:events_fair_change", args=[fair.pk])
    data = _fair_form(fair, booths)
    for index in range(len(booths)):
        del data[f"booths-{index}-DELETE"]
        data[f"booths-{index}-fascia_name"] = ""
    data["name_vi"] = "Hội chợ đã sửa"
    assert len(data) > 1000

    response = admin_client.post(url, data)

    assert response.status_code == 302
    fair.refresh_from_db()
    assert fair.name_vi == "Hội chợ đã sửa"
    assert fair.booths.count() == 110


def test_new_user_needs_an_email_and_a_taken_one_is_a_form_error(admin_client, superuser):
    def add(username, email):
        return admin_client.post(
            "/admin/fairportal/user/add/",
            {
                "username": username,
                "email": email,
                "usable_password": "true",
                "password1": "Hội-chợ-2027!",
                "password2": "Hội-chợ-2027!",
            },
        )

    first = add("can_bo_1", "Lan@BQL.HaNoi.gov.vn")
    no_email = add("can_bo_2", "")
    same_email = add("can_bo_3", "lan@bql.hanoi.gov.vn")

    assert first.status_code == 302
    assert User.objects.get(username="can_bo_1").email == "lan@bql.hanoi.gov.vn"
    assert no_email.status_code == 200
    assert no_email.context["adminform"].form.errors["email"] == ["Trường này là bắt buộc."]
    assert same_email.status_code == 200
    assert "Đã có người dùng với e-mail này." in same_email.content.decode()
    assert not User.objects.filter(username__in=["can_bo_2", "can_bo_3"]).exists()


def test_vietnamese_user_pages_have_no_english_left(admin_client, superuser):
    pages = [
        "/admin/fairportal/user/add/",
        f"/admin/fairportal/user/{superuser.pk}/change/",
        f"/admin/fairportal/user/{superuser.pk}/password/",
    ]
    english = [
        "After you’ve created a user",
        "Password-based authentication",
        "Enabled",
        "Whether the user will be able",
        "Raw passwords are not stored",
        "Reset password",
        "Disable password-based authentication",
        "If disabled, the current password",
    ]

    texts = [admin_client.get(page).content.decode() for page in pages]

    assert [
        (page, s) for page, t in zip(pages, texts, strict=True) for s in english if s in t
    ] == []
    assert "Đăng nhập bằng mật khẩu" in texts[0] and "Đặt lại mật khẩu" in texts[1]
    assert "Khi tắt, mật khẩu hiện có của người dùng này sẽ mất." in texts[2]
    assert 'id="id_unusable_warning"' in texts[2]  # Django's script shows it when ticked


def test_history_names_changed_fields_in_the_admins_language(admin_client):
    exhibitor = make_exhibitor(name_vi="Canon", legal_name="Canon VN")
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])
    admin_client.post(url, _exhibitor_form(exhibitor, name_vi="Canon Việt Nam", legal_name="X"))
    history = reverse("admin:exhibitors_exhibitor_history", args=[exhibitor.pk])

    vi = admin_client.get(history).content.decode()
    en = admin_client.get("/en" + history).content.decode()

    assert "Đã thay đổi Tên giao dịch [vi] và Tên pháp lý." in vi
    assert "Changed Trading name [vi] and Legal name." in en
    # The count under the list is Vietnamese too (Django's catalogue leaves it English).
    assert re.search(r"\s1 mục\s", vi) and "entry" not in vi
    assert re.search(r"\s1 entry\s", en)


def test_sector_tree_keeps_two_levels(admin_client):
    support = make_sector(name_vi="Công nghiệp hỗ trợ", slug="cong-nghiep-ho-tro")
    parts = make_sector(name_vi="Linh kiện", slug="linh-kien", parent=support)
    url = "/admin/exhibitors/sector/add/"
    form = {"name_vi": "Linh kiện nhỏ", "name_en": "", "slug": "linh-kien-nho", "position": 0}

    under_child = admin_client.post(url, {**form, "parent": parts.pk})
    under_top = admin_client.post(url, {**form, "parent": support.pk})
    parent_moved = admin_client.post(
        f"/admin/exhibitors/sector/{support.pk}/change/",
        {"name_vi": support.name_vi, "name_en": "", "slug": support.slug, "position": 0,
         "parent": make_sector(slug="dien-tu").pk},
    )  # fmt: skip

    assert under_child.status_code == 200
    assert "Chỉ chọn được ngành cấp trên cùng (ngành không có ngành cha)." in under_child.text
    assert under_top.status_code == 302
    assert Sector.objects.get(slug="linh-kien-nho").parent == support
    assert "Ngành này đang có ngành con nên không thể làm ngành con." in parent_moved.text
    support.refresh_from_db()
    assert support.parent is None
