"""Recording state changes: every service calls `record()` inside its transaction."""

import datetime
from contextlib import suppress

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, pgettext_lazy

from fairportal.models import AuditEntry, Language

# What the board reads for each action code; a code missing here is shown as it is.

ACTION_LABELS = {
    "admin.added": pgettext_lazy("audit action", "Thêm trong trang quản trị"),
    "admin.changed": pgettext_lazy("audit action", "Sửa trong trang quản trị"),
    "admin.deleted": pgettext_lazy("audit action", "Xoá trong trang quản trị"),
    "application.submitted": pgettext_lazy("audit action", "Hồ sơ gian hàng được nộp"),
    "application.confirmed": pgettext_lazy("audit action", "Hồ sơ gian hàng được xác nhận e-mail"),
    "application.withdrawn": pgettext_lazy("audit action", "Hồ sơ gian hàng bị rút"),
    "application.expired": pgettext_lazy("audit action", "Hồ sơ gian hàng hết hạn xác nhận"),
    "application.approved": pgettext_lazy("audit action", "Hồ sơ gian hàng được duyệt"),
    "application.rejected": pgettext_lazy("audit action", "Hồ sơ gian hàng bị từ chối"),
    "application.waitlisted": pgettext_lazy("audit action", "Hồ sơ gian hàng vào danh sách chờ"),
    "booth.assigned": pgettext_lazy("audit action", "Giao gian hàng"),
    "booth.released": pgettext_lazy("audit action", "Trả lại gian hàng"),
    "booth.moved": pgettext_lazy("audit action", "Chuyển gian hàng"),
    "booth.swapped": pgettext_lazy("audit action", "Đổi chỗ hai gian hàng"),
    "booth.fascia_changed": pgettext_lazy("audit action", "Đổi chữ trên bảng tên gian hàng"),
    "staff.added": pgettext_lazy("audit action", "Thêm người vào danh sách thẻ"),
    "staff.removed": pgettext_lazy("audit action", "Bỏ người khỏi danh sách thẻ"),
    "registration.confirmed": pgettext_lazy("audit action", "Đăng ký sự kiện (có chỗ)"),
    "registration.waitlisted": pgettext_lazy("audit action", "Đăng ký sự kiện (danh sách chờ)"),
    "registration.promoted": pgettext_lazy(
        "audit action", "Đăng ký được chuyển từ danh sách chờ lên"
    ),
    "registration.cancelled": pgettext_lazy("audit action", "Huỷ đăng ký sự kiện"),
    "registration.attended": pgettext_lazy("audit action", "Điểm danh tại sự kiện"),
    "event.registration_closed": pgettext_lazy("audit action", "Đóng đăng ký sự kiện"),
    "event.published": pgettext_lazy("audit action", "Đăng sự kiện lên trang công khai"),
    "event.moved": pgettext_lazy("audit action", "Đổi thời gian, địa điểm sự kiện"),
    "event.cancelled": pgettext_lazy("audit action", "Huỷ sự kiện"),
    "meeting.requested": pgettext_lazy("audit action", "Yêu cầu gặp gỡ được gửi"),
    "meeting.accepted": pgettext_lazy("audit action", "Yêu cầu gặp gỡ được nhận lời"),
    "meeting.other_slot_proposed": pgettext_lazy("audit action", "Đề xuất giờ gặp khác"),
    "meeting.declined": pgettext_lazy("audit action", "Yêu cầu gặp gỡ bị từ chối"),
    "meeting.cancelled": pgettext_lazy("audit action", "Yêu cầu gặp gỡ bị huỷ"),
    "meeting.expired": pgettext_lazy("audit action", "Yêu cầu gặp gỡ hết hạn"),
    "meeting.reminded": pgettext_lazy("audit action", "Nhắc lịch gặp gỡ"),
    "exhibitor.imported": pgettext_lazy("audit action", "Nhập doanh nghiệp từ tệp"),
    "exhibitor.profile_updated": pgettext_lazy("audit action", "Doanh nghiệp sửa hồ sơ"),
    "exhibitor.representative_invited": pgettext_lazy("audit action", "Mời người đại diện"),
    "exhibitor.representative_removed": pgettext_lazy("audit action", "Bỏ người đại diện"),
    "product.created": pgettext_lazy("audit action", "Thêm sản phẩm"),
    "product.updated": pgettext_lazy("audit action", "Sửa sản phẩm"),
    "product.deleted": pgettext_lazy("audit action", "Xoá sản phẩm"),
    "product.moved": pgettext_lazy("audit action", "Đổi thứ tự sản phẩm"),
    "fair.imported": pgettext_lazy("audit action", "Nhập kỳ hội chợ từ tệp"),
    "fair.copied": pgettext_lazy("audit action", "Tạo kỳ hội chợ mới từ một kỳ trước"),
    "personal_data.exported": pgettext_lazy("audit action", "Xuất dữ liệu cá nhân"),
    "personal_data.erased": pgettext_lazy("audit action", "Xoá dữ liệu cá nhân"),
}


def action_label(action: str) -> str:
    """The board's words for an action code, or the code itself when it has none."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def record(*, action: str, obj=None, actor=None, actor_label: str = "", changes=None):
    """Write one audit entry (`action` is dotted: "booth.assigned", "registration.created")."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=actor_label or (user.get_username() if user else ""),
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        changes=changes or {},
    )


# The detail keys services write, in the board's words ("changes" of an entry).
DETAIL_LABELS = {
    "note": pgettext_lazy("audit detail", "ghi chú"),
    "preferred": pgettext_lazy("audit detail", "gian mong muốn"),
    "language": pgettext_lazy("audit detail", "ngôn ngữ"),
    "booths": pgettext_lazy("audit detail", "gian"),
    "prices": pgettext_lazy("audit detail", "giá gian (₫)"),
    "prices_include_vat": pgettext_lazy("audit detail", "giá đã gồm VAT"),
    "exhibitor": pgettext_lazy("audit detail", "doanh nghiệp"),
    "new_exhibitor": pgettext_lazy("audit detail", "doanh nghiệp mới"),
    "applicant_invited": pgettext_lazy("audit detail", "mời người nộp đơn làm đại diện"),
    "application": pgettext_lazy("audit detail", "hồ sơ"),
    "fascia_name": pgettext_lazy("audit detail", "tên trên bảng tên gian"),
    "full_name": pgettext_lazy("audit detail", "họ và tên"),
    "told": pgettext_lazy("audit detail", "số người được báo"),
    "registrations": pgettext_lazy("audit detail", "số đăng ký bị huỷ"),
    "meetings": pgettext_lazy("audit detail", "số yêu cầu gặp bị huỷ"),
    "event_cancelled": pgettext_lazy("audit detail", "do sự kiện bị huỷ"),
    "copied_from": pgettext_lazy("audit detail", "sao chép từ kỳ"),
    "file_slug": pgettext_lazy("audit detail", "đường dẫn trong tệp"),
    "figures": pgettext_lazy("audit detail", "số liệu nổi bật"),
    "side_events": pgettext_lazy("audit detail", "sự kiện bên lề"),
    "invitation_sent": pgettext_lazy("audit detail", "đã gửi e-mail mời"),
    "email": pgettext_lazy("audit detail", "e-mail"),
    "set_password_link": pgettext_lazy("audit detail", "kèm liên kết đặt mật khẩu"),
    "event": pgettext_lazy("audit detail", "sự kiện"),
    "waitlist_position": pgettext_lazy("audit detail", "thứ tự trong danh sách chờ"),
    "status": pgettext_lazy("audit detail", "trạng thái"),
    "slot_start": pgettext_lazy("audit detail", "giờ gặp"),
    "table_number": pgettext_lazy("audit detail", "bàn số"),
    "proposed_slots": pgettext_lazy("audit detail", "khung giờ đề xuất"),
    "registration_open": pgettext_lazy("audit detail", "mở đăng ký"),
    "from": pgettext_lazy("audit detail", "từ gian"),
    "to": pgettext_lazy("audit detail", "sang gian"),
    "direction": pgettext_lazy("audit detail", "chuyển"),
    "position": pgettext_lazy("audit detail", "vị trí"),
    "exhibitors": pgettext_lazy("audit detail", "số doanh nghiệp"),
    "name_vi": pgettext_lazy("audit detail", "tên (tiếng Việt)"),
    "sectors": pgettext_lazy("audit detail", "ngành"),
    "sector": pgettext_lazy("audit detail", "ngành"),
    "logo": pgettext_lazy("audit detail", "logo"),
    "image": pgettext_lazy("audit detail", "ảnh"),
    "meeting_requests": pgettext_lazy("audit detail", "yêu cầu gặp gỡ"),
    "booth_applications": pgettext_lazy("audit detail", "hồ sơ gian hàng"),
    "user_accounts": pgettext_lazy("audit detail", "tài khoản"),
}

# Values that services log as codes: a product moved "up"/"down".
_DIRECTIONS = {
    "up": pgettext_lazy("audit detail", "lên"),
    "down": pgettext_lazy("audit detail", "xuống"),
}


def _status_labels() -> dict:
    """The registrations' and meeting requests' status codes (the ones services log in
    "status": [before, after]) in the board's words."""
    from events.models import EventRegistration, MeetingRequest

    return {
        **dict(EventRegistration.Status.choices),
        **dict(MeetingRequest.Status.choices),
    }


def readable_value(value) -> str:
    """A logged value as the board reads it: có/không, 15.000.000, 27/11/2026 19:02,
    lists joined (numbers by " / "), "—" for nothing."""
    if value in (None, "", [], ()):
        return "—"
    if isinstance(value, bool):
        text = gettext("có") if value else gettext("không")
    elif isinstance(value, int):
        text = number_format(value, force_grouping=True)
    elif isinstance(value, (list, tuple)):
        # Each item as a value of its own: proposed meeting times are lists of moments.
        # Numbers apart by " / ": in English "15,000,000, 0" would read as three.
        numbers = any(isinstance(item, int) and not isinstance(item, bool) for item in value)
        text = (" / " if numbers else ", ").join(readable_value(item) for item in value)
    else:
        text = str(value)
        if "T" in text and text[:4].isdigit():
            with suppress(ValueError):
                moment = datetime.datetime.fromisoformat(text)
                if timezone.is_aware(moment):
                    moment = timezone.localtime(moment)
                text = moment.strftime("%d/%m/%Y %H:%M")
    return text if len(text) <= 300 else text[:300] + "…"


def exhibitor_names(changes_list) -> dict:
    """pk → name of the exhibitors the entries' details name by id, in one query."""
    from exhibitors.models import Exhibitor

    ids = {c.get("exhibitor") for c in changes_list if isinstance(c, dict)}
    ids = [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]
    return dict(Exhibitor.objects.filter(pk__in=ids).values_list("pk", "name_vi")) if ids else {}


# Details the services log as [before, after].
BEFORE_AND_AFTER = frozenset({"registration_open", "is_published", "proposed_slots"})


# The order the board reads an entry's details in: what was decided about whom, then
# what followed, the note last. PostgreSQL's jsonb keeps an object's keys in its own
# order (shortest first), not the order the service wrote them, so the order is
# chosen here. Keys named here are read in this order; the entry's model fields (an
# event moved: starts_at, room…) in the model's order where FIELDS stands; any other
# key (a booth code of a swap) after them, alphabetically.
FIELDS = "*fields*"
DETAIL_ORDER = (
    "copied_from",
    "application",
    "reference",
    "preferred",
    "language",
    "booths",
    "prices",
    "prices_include_vat",
    "from",
    "to",
    "code",
    "exhibitor",
    "new_exhibitor",
    "fascia_name",
    "applicant_invited",
    "invitation_sent",
    "email",
    "set_password_link",
    "full_name",
    "event",
    "title",
    "registration",
    "waitlist_position",
    "meeting",
    "status",
    "slot",
    "slot_start",
    "table_number",
    "proposed_slots",
    "registration_open",
    "is_published",
    "event_cancelled",
    "created",
    "name_vi",
    "direction",
    "position",
    FIELDS,
    "sectors",
    "sector",
    "logo",
    "image",
    "products",
    "file_slug",
    "figures",
    "side_events",
    "exhibitors",
    "registrations",
    "meetings",
    "meeting_requests",
    "booth_applications",
    "user_accounts",
    "told",
    "reason",
    "note",
)
_DETAIL_RANK = {key: rank for rank, key in enumerate(DETAIL_ORDER)}


def model_field_order(model) -> dict:
    """Field name → its place in `model` (translated columns beside their field)."""
    if model is None:
        return {}
    fields = [
        field for field in model._meta.get_fields() if not field.auto_created or field.concrete
    ]
    return {field.name: place for place, field in enumerate(fields)}


def ordered_fields(names, model) -> list:
    """Field names in `model`'s order (as its admin form lists them), others after."""
    fields = model_field_order(model)
    return sorted(names, key=lambda name: (fields.get(name, len(fields)), str(name)))


def ordered_keys(keys, model=None) -> list:
    """`keys` of an entry's details in the board's reading order (see DETAIL_ORDER)."""
    fields = model_field_order(model)
    at_fields = _DETAIL_RANK[FIELDS]

    def rank(key):
        if key in _DETAIL_RANK:
            return (_DETAIL_RANK[key], 0, "")
        if key in fields:
            return (at_fields, fields[key], "")
        return (len(DETAIL_ORDER), 0, str(key))

    return sorted(keys, key=rank)


def describe_details(changes: dict, names: dict | None = None, model=None) -> str:
    """An entry's details as a line the board reads: "gian mong muốn: A01, A02; ngôn ngữ:
    Tiếng Việt", in the order of DETAIL_ORDER whichever order the database returns the
    keys in. Exhibitors are named from `names` (see `exhibitor_names`); `model` is the
    entry's object's, whose fields a detail may name."""
    parts = []
    changes = changes or {}
    fields = model_field_order(model)
    for key in ordered_keys(changes, model):
        value = changes[key]
        label = DETAIL_LABELS.get(key)
        if label is None and key in fields:
            # A field of the object logged as [before, after] (an event moved).
            label = model._meta.get_field(key).verbose_name
            if isinstance(value, (list, tuple)) and len(value) == 2:
                value = " → ".join(readable_value(item) for item in value)
        if key == "exhibitor" and names is not None:
            value = names.get(value, value)
        elif key == "language":
            value = dict(Language.choices).get(value, value)
        elif key == "direction":
            value = _DIRECTIONS.get(value, value)
        elif key == "status" and isinstance(value, (list, tuple)):
            labels = _status_labels()
            value = " → ".join(str(labels.get(item, item)) for item in value)
        elif key in BEFORE_AND_AFTER and isinstance(value, (list, tuple)) and len(value) == 2:
            value = " → ".join(readable_value(item) for item in value)
        parts.append(f"{label if label is not None else key}: {readable_value(value)}")
    return "; ".join(parts)
