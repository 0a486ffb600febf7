"""A whole edition of the fair as JSON: the fair, its key figures, booths and side
events, and the exhibitors, zones, sectors and products they reference.

Rows are identified by their slugs (booths by code, products by their exhibitor and
Vietnamese name), never by database ids, so an edition moves between databases.
Registrations, meeting requests and applications (personal data) stay out, and so
does `seats_taken`, which follows the registrations. Logos and images are named by
their stored path; the media files are copied separately.
"""

import dataclasses
import datetime
import decimal
import json
import re
from contextlib import contextmanager

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    SuspiciousFileOperation,
    ValidationError,
)
from django.core.files.utils import validate_file_name
from django.db import IntegrityError, models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from booths.models import Booth, EventPlace, normalize_booth_code
from events.models import Fair, FairFigure, SideEvent
from exhibitors.models import Exhibitor, IndustrialZone, Product, Sector
from fairportal.admin_mixins import translated_field_names
from fairportal.audit import record
from fairportal.cache import public_data_changed
from fairportal.text import first_few

FORMAT = "fairportal.edition/1"
SKIPPED = {
    "id",
    "created_at",
    "updated_at",
    "search_text",
    "search_text_en",
    "name_sort",
    "seats_taken",
}


class EditionError(Exception):
    """The edition cannot be read or imported; the message says why, in the board's
    language, naming the item of the file and the field."""


def _plain_fields(model, *, skip=()):
    """Concrete, non-relational fields to carry (translated ones as name_vi/name_en)."""
    translated = set(translated_field_names(model))
    names = []
    for field in model._meta.concrete_fields:
        if field.name in SKIPPED or field.name in skip or field.name in translated:
            continue
        if field.is_relation or isinstance(field, models.BinaryField):
            continue
        names.append(field.name)
    return names


def _dump(obj, names) -> dict:
    data = {}
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, models.fields.files.FieldFile):
            value = value.name or ""
        elif isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
            value = value.isoformat()
        elif isinstance(value, decimal.Decimal):
            value = str(value)
        data[name] = value
    return data


def _load(model, data, names) -> dict:
    """The item's values as the fields hold them; a value of the wrong type raises
    ValidationError under its key."""
    values = {}
    for name in names:
        if name in data:
            value = data[name]
            field = model._meta.get_field(name)
            if isinstance(field, models.FileField):
                values[name] = _stored_path(name, value)
                continue
            if value is None and not field.null:
                # Django's checks let None through a field that may be blank, and the
                # database would refuse it (an empty text is "", an unticked box false).
                raise ValidationError({name: [field.error_messages["null"]]})
            try:
                value = field.to_python(value)
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from None
            except (TypeError, ValueError):  # a date as a number, a list…
                raise ValidationError(
                    {
                        name: [
                            _("Giá trị %(value)s không đúng kiểu của trường này.")
                            % {"value": json.dumps(value, ensure_ascii=False)[:80]}
                        ]
                    }
                ) from None
            if isinstance(value, datetime.datetime) and timezone.is_naive(value):
                value = timezone.make_aware(value)  # a time typed without its offset: Hanoi
            values[name] = value
    return values


def _stored_path(name: str, value) -> str:
    """A logo or image names a file under the media folder, as the upload stored it: a
    relative path without "..", never a path outside that folder."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError({name: [_("Phải là đường dẫn của tệp đã lưu (chuỗi ký tự).")]})
    try:
        if value:
            validate_file_name(value, allow_relative_path=True)
    except SuspiciousFileOperation:
        raise ValidationError(
            {name: [_("Đường dẫn tệp phải nằm trong thư mục media, không có “..”.")]}
        ) from None
    return value


def export_edition(slug: str) -> dict:
    try:
        fair = Fair.objects.get(slug=slug)
    except Fair.DoesNotExist:
        raise EditionError(_("Không có kỳ hội chợ “%(slug)s”.") % {"slug": slug}) from None
    booths = list(fair.booths.select_related("exhibitor").order_by("code"))
    events = list(fair.side_events.prefetch_related("hosts").order_by("starts_at", "slug"))
    exhibitor_ids = {booth.exhibitor_id for booth in booths if booth.exhibitor_id}
    for event in events:
        exhibitor_ids |= {host.pk for host in event.hosts.all()}
    exhibitors = list(
        Exhibitor.objects.filter(pk__in=exhibitor_ids)
        .select_related("zone")
        .prefetch_related("sectors", "products__sector")
        .order_by("slug")
    )
    sector_ids = set()
    for exhibitor in exhibitors:
        sector_ids |= {sector.pk for sector in exhibitor.sectors.all()}
        sector_ids |= {p.sector_id for p in exhibitor.products.all() if p.sector_id}
    sectors = _with_parents(sector_ids)
    zone_ids = {exhibitor.zone_id for exhibitor in exhibitors if exhibitor.zone_id}

    fair_fields = _plain_fields(Fair)
    figure_fields = _plain_fields(FairFigure)
    zone_fields = _plain_fields(IndustrialZone)
    sector_fields = _plain_fields(Sector)
    exhibitor_fields = _plain_fields(Exhibitor)
    product_fields = _plain_fields(Product)
    booth_fields = _plain_fields(Booth)
    place_fields = _plain_fields(EventPlace)
    event_fields = _plain_fields(SideEvent)
    places = list(fair.event_places.order_by("hall", "plan_y", "plan_x", "pk"))
    # An event names its place by the place's number in "event_places" (1, 2, …), as the
    # import's messages number the items: two places may share a name.
    place_numbers = {place.pk: number for number, place in enumerate(places, start=1)}
    return {
        "format": FORMAT,
        "fair": _dump(fair, fair_fields),
        "figures": [
            _dump(figure, figure_fields)
            for figure in fair.figures.order_by("position", "value", "label_vi")
        ],
        "zones": [
            _dump(zone, zone_fields)
            for zone in IndustrialZone.objects.filter(pk__in=zone_ids).order_by("slug")
        ],
        "sectors": [
            {
                **_dump(sector, sector_fields),
                "parent": sector.parent.slug if sector.parent else None,
            }
            for sector in sectors
        ],
        "exhibitors": [
            {
                **_dump(exhibitor, exhibitor_fields),
                "zone": exhibitor.zone.slug if exhibitor.zone_id else None,
                "sectors": sorted(sector.slug for sector in exhibitor.sectors.all()),
                "products": [
                    {
                        **_dump(product, product_fields),
                        "sector": product.sector.slug if product.sector_id else None,
                    }
                    for product in sorted(
                        exhibitor.products.all(),
                        key=lambda p: (p.position, p.name_vi or "", p.name_en or ""),
                    )
                ],
            }
            for exhibitor in exhibitors
        ],
        "booths": [
            {
                **_dump(booth, booth_fields),
                "exhibitor": booth.exhibitor.slug if booth.exhibitor_id else None,
            }
            for booth in booths
        ],
        "event_places": [_dump(place, place_fields) for place in places],
        "side_events": [
            {
                **_dump(event, event_fields),
                "hosts": sorted(host.slug for host in event.hosts.all()),
                "place": place_numbers.get(event.place_id),
            }
            for event in events
        ],
    }


def _with_parents(sector_ids) -> list:
    """The sectors and their ancestors, parents before children, then by slug."""
    found = {}
    pending = set(sector_ids)
    while pending:
        batch = list(Sector.objects.filter(pk__in=pending).select_related("parent"))
        found.update({sector.pk: sector for sector in batch})
        pending = {s.parent_id for s in batch if s.parent_id and s.parent_id not in found}

    def depth(sector):
        level = 0
        while sector.parent_id:
            sector = found[sector.parent_id]
            level += 1
        return level

    return sorted(found.values(), key=lambda sector: (depth(sector), sector.slug))


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def import_edition(
    data: dict,
    *,
    slug: str | None = None,
    update_existing: bool = False,
    actor_label: str = "import_fair",
) -> "EditionImport":
    """Create the edition; zones, sectors, exhibitors and products are created or
    updated by slug. Refuses an edition whose fair slug already exists
    (`EditionExists`, which says what the database holds and what the board can do).

    Updating the zones, sectors and companies the database already holds from the file
    takes `update_existing`: the file may be last year's, and its profiles would
    overwrite this year's. Without it, an import that would update any is refused
    (`EditionWouldUpdate`, which names them), nothing written. The result names the
    rows updated.

    With `slug`, the edition becomes a fair of that slug instead of the file's: a copy
    of an edition the database may already hold. Its side events whose slug is taken
    (by that edition's own events) take the first free "-2", "-3" … and are listed in
    the result. The file may be older than the database, so the zones, sectors and
    companies it names that already exist are kept as they are (a kept company with
    its products and sectors): only the missing ones are created. The result counts
    the kept ones.

    Every row is checked as the admin's forms check it (`_validate`: field values and
    choices, clean(), unique values, constraints) before it is written; the first item
    that fails stops the import with an EditionError that names it, its field and what
    is wrong, and the transaction leaves nothing written.

    Side effects: one transaction; records `fair.imported`.
    """
    sections = _sections(data)
    file_slug = data["fair"].get("slug")
    if slug is not None:
        data = {**data, "fair": {**data["fair"], "slug": slug}}
    else:
        slug = file_slug
    existing = Fair.objects.filter(slug=slug).first() if isinstance(slug, str) else None
    if existing is not None:
        raise EditionExists(
            existing,
            given=slug != file_slug,
            base=file_slug if isinstance(file_slug, str) and file_slug else slug,
        )
    renamed = []
    # None: update what exists (a new edition); else count what is kept (a copy).
    kept = {"exhibitors": 0, "zones": 0, "sectors": 0} if slug != file_slug else None
    updated = existing_rows(sections) if kept is None else None
    if updated and any(updated.values()) and not update_existing:
        raise EditionWouldUpdate(updated, free=_free_slug(Fair, f"{slug}-2"))
    with transaction.atomic():
        zones = {}
        for label, item in _items(sections, "zones", IndustrialZone, "slug"):
            with _reading(label, IndustrialZone):
                values = _load(IndustrialZone, item, _plain_fields(IndustrialZone, skip={"slug"}))
                zone = _write_by_slug(IndustrialZone, item.get("slug"), values, kept, "zones")
                zones[zone.slug] = zone
        sectors = {}
        for label, item in _items(sections, "sectors", Sector, "slug"):
            with _reading(label, Sector):
                values = _load(Sector, item, _plain_fields(Sector, skip={"slug"}))
                values["parent"] = _reference(sectors, item.get("parent"), "parent", Sector)
                sector = _write_by_slug(Sector, item.get("slug"), values, kept, "sectors")
                sectors[sector.slug] = sector
        exhibitors = {}
        for label, item in _items(sections, "exhibitors", Exhibitor, "slug"):
            exhibitor = _import_exhibitor(label, item, zones, sectors, kept)
            exhibitors[exhibitor.slug] = exhibitor

        with _reading(_item_label(Fair, slug, "fair"), Fair):
            fair_values = _load(Fair, data["fair"], _plain_fields(Fair))
            if fair_values.get("is_current") and Fair.objects.filter(is_current=True).exists():
                fair_values["is_current"] = False
            fair = _save(Fair(**fair_values))
        for label, item in _items(sections, "figures", FairFigure, "value"):
            with _reading(label, FairFigure):
                values = _load(FairFigure, item, _plain_fields(FairFigure))
                _save(FairFigure(fair=fair, **values))
        _refuse_repeated_booth_codes(sections["booths"])
        for label, item in _items(sections, "booths", Booth, "code"):
            with _reading(label, Booth):
                values = _load(Booth, item, _plain_fields(Booth))
                exhibitor = _reference(exhibitors, item.get("exhibitor"), "exhibitor", Exhibitor)
                _save(Booth(fair=fair, exhibitor=exhibitor, **values))
        places = []
        for label, item in _items(sections, "event_places", EventPlace, "name_vi"):
            with _reading(label, EventPlace):
                values = _load(EventPlace, item, _plain_fields(EventPlace))
                places.append(_save(EventPlace(fair=fair, **values)))
        for label, item in _items(sections, "side_events", SideEvent, "slug"):
            with _reading(label, SideEvent):
                values = _load(SideEvent, item, _plain_fields(SideEvent))
                if slug != file_slug and isinstance(values.get("slug"), str):
                    free = _free_slug(SideEvent, values["slug"])
                    if free != values["slug"]:
                        renamed.append((values["slug"], free))
                        values["slug"] = free
                hosts = [
                    _reference(exhibitors, host, "hosts", Exhibitor)
                    for host in _list(item, "hosts")
                ]
                values["place"] = _place(places, item.get("place"))
                event = _save(SideEvent(fair=fair, **values))
                event.hosts.set(hosts)
        for exhibitor in exhibitors.values():
            exhibitor.refresh_search_text()
        record(
            action="fair.imported",
            obj=fair,
            actor_label=actor_label,
            changes={
                "booths": len(sections["booths"]),
                "exhibitors": len(sections["exhibitors"]),
                "side_events": len(sections["side_events"]),
                **({"file_slug": file_slug, "kept": kept} if slug != file_slug else {}),
                **({"updated": updated} if updated and any(updated.values()) else {}),
            },
        )
    return EditionImport(fair=fair, renamed_events=renamed, kept=kept, updated=updated)


@dataclasses.dataclass(frozen=True)
class EditionImport:
    fair: Fair
    renamed_events: list  # (the file's slug, the slug given), for events whose slug was taken
    kept: dict | None = None  # a copy's existing {"exhibitors", "zones", "sectors"} kept
    updated: dict | None = None  # the names of the existing rows updated from the file


def existing_rows(sections: dict[str, list]) -> dict[str, list[str]]:
    """The Vietnamese names of the zones, sectors and companies of the file that the
    database already holds by slug (what an import without --slug updates), by kind."""
    found = {}
    for kind, model in (
        ("exhibitors", Exhibitor),
        ("zones", IndustrialZone),
        ("sectors", Sector),
    ):
        slugs = {
            item["slug"]
            for item in sections[kind]
            if isinstance(item, dict) and isinstance(item.get("slug"), str)
        }
        # In the models' own order (companies in Vietnamese order, zones and sectors
        # as the board placed them).
        found[kind] = list(model.objects.filter(slug__in=slugs).values_list("name_vi", flat=True))
    return found


# Names shown of each kind: a file of last year's 300 companies is not read name by name.
NAMES_SHOWN = 10


def describe_rows(rows: dict[str, list[str]]) -> str:
    """ "2 doanh nghiệp (A, B); 1 khu công nghiệp (C)" for the kinds that have any, the
    first NAMES_SHOWN names of each ("A, B… và 290 mục khác")."""
    counted = {
        "exhibitors": lambda n: ngettext("%(count)s doanh nghiệp", "%(count)s doanh nghiệp", n),
        "zones": lambda n: ngettext("%(count)s khu công nghiệp", "%(count)s khu công nghiệp", n),
        "sectors": lambda n: ngettext("%(count)s ngành", "%(count)s ngành", n),
    }

    def named(names):
        shown = ", ".join(names[:NAMES_SHOWN])
        more = len(names) - NAMES_SHOWN
        if more <= 0:
            return shown
        return ngettext(
            "%(names)s… và %(more)s mục khác", "%(names)s… và %(more)s mục khác", more
        ) % {
            "names": shown,
            "more": more,
        }

    return "; ".join(
        f"{counted[kind](len(names)) % {'count': len(names)}} ({named(names)})"
        for kind, names in rows.items()
        if names
    )


class EditionWouldUpdate(EditionError):
    """The file names companies, zones or sectors the database already holds, and the
    import was not told to update them: the message names them and the two ways on."""

    def __init__(self, rows: dict[str, list[str]], *, free: str):
        self.rows = rows
        super().__init__(
            _(
                "tệp sẽ ghi đè những mục cơ sở dữ liệu đã có cùng đường dẫn: %(rows)s. Nếu "
                "tệp là bản mới hơn và cần cập nhật chúng, chạy lại với --update-existing; "
                "để giữ nguyên chúng và nhập tệp thành một kỳ riêng, chạy lại với --slug "
                "(ví dụ --slug %(free)s)."
            )
            % {"rows": describe_rows(rows), "free": free}
        )


class EditionExists(EditionError):
    """The database already holds a fair of the edition's slug: the message names it
    (name, days, booths, side events) and says how to import the file all the same."""

    def __init__(self, fair: Fair, *, given: bool, base: str):
        self.fair = fair
        free = _free_slug(Fair, base)
        facts = _(
            "cơ sở dữ liệu này đã có kỳ hội chợ “%(slug)s” (%(name)s, %(starts)s – %(ends)s, "
            "%(booths)s gian hàng, %(events)s sự kiện bên lề)."
        ) % {
            "slug": fair.slug,
            "name": fair.name,
            "starts": f"{fair.starts_on:%d/%m/%Y}",
            "ends": f"{fair.ends_on:%d/%m/%Y}",
            "booths": fair.booths.count(),
            "events": fair.side_events.count(),
        }
        if given:
            advice = _("Hãy chọn một đường dẫn chưa dùng, ví dụ --slug %(free)s.") % {"free": free}
        else:
            advice = _(
                "import_fair không ghi đè một kỳ đã có. Để nhập tệp thành một kỳ riêng, chạy "
                "lại với một đường dẫn chưa dùng, ví dụ --slug %(free)s (sự kiện bên lề trùng "
                "đường dẫn được thêm -2, -3…; doanh nghiệp, khu công nghiệp và ngành đã có được "
                "giữ nguyên, không lấy theo tệp). Để thay hẳn kỳ đã có, xoá nó trong trang quản "
                "trị (Kỳ hội chợ) rồi chạy lại: trang xoá nói điều gì còn giữ nó lại."
            ) % {"free": free}
        super().__init__(f"{facts} {advice}")


def _free_slug(model, base: str) -> str:
    """`base`, or else `base` with the first free -2, -3 … (within the field's length)."""
    max_length = model._meta.get_field("slug").max_length
    candidate, number = base, 1
    while model.objects.filter(slug=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
    return candidate


def _sections(data) -> dict[str, list]:
    """The file's lists by section, once it is known to be an edition."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise EditionError(
            _("Không phải tệp kỳ hội chợ do export_fair ghi (cần định dạng %(format)s).")
            % {"format": FORMAT}
        )
    if not isinstance(data.get("fair"), dict):
        raise EditionError(_("Tệp thiếu mục “fair” (kỳ hội chợ) hoặc mục đó không phải {…}."))
    sections = {}
    for section in (
        "figures",
        "zones",
        "sectors",
        "exhibitors",
        "booths",
        "event_places",  # none in files written before the places were drawn
        "side_events",
    ):
        items = data.get(section, [])
        if not isinstance(items, list):
            raise EditionError(
                _("Mục “%(section)s” của tệp phải là một danh sách […].") % {"section": section}
            )
        sections[section] = items
    return sections


def _import_exhibitor(label, item, zones, sectors, kept) -> Exhibitor:
    with _reading(label, Exhibitor):
        values = _load(Exhibitor, item, _plain_fields(Exhibitor, skip={"slug"}))
        values["zone"] = _reference(zones, item.get("zone"), "zone", IndustrialZone)
        its_sectors = [
            _reference(sectors, slug, "sectors", Sector) for slug in _list(item, "sectors")
        ]
        products = _list(item, "products")
        slug = item.get("slug")
        if (
            kept is not None
            and isinstance(slug, str)
            and Exhibitor.objects.filter(slug=slug).exists()
        ):
            # A copy keeps the company as it is, with its sectors and products.
            return _write_by_slug(Exhibitor, slug, values, kept, "exhibitors")
        exhibitor = _write_by_slug(Exhibitor, slug, values)
        exhibitor.sectors.set(its_sectors)
    existing = {p.name_vi: p for p in exhibitor.products.all()}
    for position, product_item in enumerate(products, start=1):
        name = product_item.get("name_vi") if isinstance(product_item, dict) else None
        product_label = _("%(product)s, của %(exhibitor)s") % {
            "product": _item_label(Product, name, "products", position),
            "exhibitor": label,
        }
        with _reading(product_label, Product):
            if not isinstance(product_item, dict):
                raise ValidationError(_("Mục này phải là một đối tượng JSON {…}."))
            product_values = _load(Product, product_item, _plain_fields(Product))
            product_values["sector"] = _reference(
                sectors, product_item.get("sector"), "sector", Sector
            )
            product = existing.get(product_values.get("name_vi")) or Product(exhibitor=exhibitor)
            for field_name, value in product_values.items():
                setattr(product, field_name, value)
            _save(product)
    return exhibitor


def _refuse_repeated_booth_codes(items) -> None:
    """Two codes of the file that the plan prints alike ("a 01" and "A01") would be one
    booth twice: refused before any booth is written, naming them."""
    codes = [
        normalize_booth_code(item["code"])
        for item in items
        if isinstance(item, dict) and isinstance(item.get("code"), str)
    ]
    if repeated := sorted({code for code in codes if codes.count(code) > 1}):
        raise EditionError(
            _("Mã gian lặp lại khi viết như sơ đồ in (chữ in hoa, không dấu cách): %(codes)s.")
            % {"codes": ", ".join(repeated)}
        )


# --- checking each item before it is written ----------------------------------------


def _items(sections, section: str, model, name_key: str):
    """(label, item) for each item of the section; the label names it for the board
    (`_item_label`), and an item that is not a JSON object is refused by it."""
    for position, item in enumerate(sections[section], start=1):
        name = item.get(name_key) if isinstance(item, dict) else None
        label = _item_label(model, name, section, position)
        if not isinstance(item, dict):
            raise EditionError(f"{label}: {_('Mục này phải là một đối tượng JSON {…}.')}")
        yield label, item


def _item_label(model, name, section: str, position: int | None = None) -> str:
    """What the board looks for in the file: 'gian hàng “A01” (mục 3 của “booths”)'."""
    kind = str(model._meta.verbose_name)
    if isinstance(name, (str, int)) and str(name).strip():
        kind = f"{kind} “{str(name)[:80]}”"
    if position is None:
        return _("%(kind)s (mục “%(section)s”)") % {"kind": kind, "section": section}
    return _("%(kind)s (mục %(position)s của “%(section)s”)") % {
        "kind": kind,
        "position": position,
        "section": section,
    }


@contextmanager
def _reading(label: str, model):
    """What is wrong with one item, as an EditionError that names the item, each field
    (its key in the file and its label in the admin) and the problem."""
    try:
        yield
    except ValidationError as error:
        raise EditionError(f"{label}: {_problems(error, model)}") from None


def _problems(error: ValidationError, model) -> str:
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts = []
    for key, messages in error.message_dict.items():
        text = " ".join(messages)
        if key == NON_FIELD_ERRORS:
            parts.append(text)
        else:
            fields = _field_names(model, key.split(", "))
            parts.append(_("%(fields)s: %(problem)s") % {"fields": fields, "problem": text})
    return "; ".join(parts)


def _field_names(model, names) -> str:
    """'trường “price_vnd” (giá (VND))': the key in the file, the label in the admin."""
    shown = []
    for name in names:
        try:
            label = getattr(model._meta.get_field(name), "verbose_name", None)
        except FieldDoesNotExist:
            label = None
        shown.append(f"“{name}” ({label})" if label else f"“{name}”")
    return _("trường %(names)s") % {"names": ", ".join(shown)}


def _list(item: dict, key: str) -> list:
    value = item.get(key) or []
    if not isinstance(value, list):
        raise ValidationError({key: [_("Phải là một danh sách […].")]})
    return value


def _reference(found: dict, slug, key: str, model):
    """The row the item names by slug under `key`, which the file holds (a sector's
    parent earlier in its own section); None for no slug."""
    if slug is None or slug == "":
        return None
    if not isinstance(slug, str) or slug not in found:
        message = _("Tệp không có %(kind)s “%(slug)s”.") % {
            "kind": model._meta.verbose_name,
            "slug": slug,
        }
        if key == "parent":
            message += " " + _("Ngành cha phải đứng trước ngành con trong mục “sectors”.")
        raise ValidationError({key: [message]})
    return found[slug]


def _place(places: list, number):
    """The place an event names by its number in the file's "event_places" (1 for the
    first); None for none (files written before events named their places)."""
    if number is None:
        return None
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= len(places):
        raise ValidationError(
            {
                "place": [
                    _("Tệp không có nơi diễn ra sự kiện số %(number)s trong mục “event_places”.")
                    % {"number": json.dumps(number, ensure_ascii=False)[:80]}
                ]
            }
        )
    return places[number - 1]


def _write_by_slug(model, slug, values, kept=None, kind=""):
    """Update the row of that slug, or create it, once it passes `_validate`. With
    `kept` (a copy under another slug), an existing row is left as it is and counted
    in kept[kind]."""
    instance = model.objects.filter(slug=slug).first() if isinstance(slug, str) else None
    if instance is not None and kept is not None:
        kept[kind] += 1
        return instance
    if instance is None:
        instance = model(slug=slug)
    for name, value in values.items():
        setattr(instance, name, value)
    return _save(instance)


def _save(instance):
    _validate(instance)
    instance.save()
    return instance


def _validate(instance) -> None:
    """Every check the admin's forms make on `instance`, before it is written: field
    values (length, choices, slug, ranges, validators), clean(), unique fields and the
    model's constraints (an end before its start, a negative price…), as full_clean
    runs them, with each constraint's error under its fields. Left out: the columns
    computed on save and the translated fields' base name (`name`: its `name_vi` and
    `name_en` are checked). Raises ValidationError {field or "a, b": messages}."""
    model = type(instance)
    exclude = SKIPPED | set(translated_field_names(model))
    errors = {}
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        instance.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    exclude |= set(errors)
    try:
        instance.validate_unique(exclude=exclude)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    using = router.db_for_write(model, instance=instance)
    for constraint in model._meta.constraints:
        try:
            constraint.validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            fields = tuple(getattr(constraint, "fields", ()) or ())
            if not fields and getattr(constraint, "condition", None) is not None:
                fields = tuple(constraint.condition.referenced_base_fields)
            key = ", ".join(sorted(fields)) if fields else NON_FIELD_ERRORS
            errors.setdefault(key, []).extend(error.messages)
    if errors:
        raise ValidationError(errors)


# --- the next edition, made from one in the database ------------------------------

# What a copied booth keeps: its place and terms on the plan. Not its exhibitor, the
# time it was given nor the name on its fascia: those are last year's sale.
BOOTH_LAYOUT_FIELDS = (
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
    "is_blocked",
)
# What a copied side event keeps: its content and room (its title with the year moved
# on). Not its hosts (last year's companies), its registrations and seats, nor a
# cancellation; and it starts as a draft, for the board to review before it is shown.
EVENT_FIELDS = (
    "kind",
    "summary_vi",
    "summary_en",
    "description_vi",
    "description_en",
    "room_vi",
    "room_en",
    "speakers_vi",
    "speakers_en",
    "capacity",
    "slot_minutes",
    "tables",
)


PLACE_LAYOUT_FIELDS = ("kind", "name_vi", "name_en", "hall", "plan_x", "plan_y", "plan_w", "plan_h")


@dataclasses.dataclass(frozen=True)
class EditionCopy:
    fair: Fair
    booths: int
    figures: int
    side_events: int


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def next_year_text(text: str, year: int) -> str:
    """`text` with the year `year` (as a whole number) made the next one:
    "Hội chợ … 2027" → "Hội chợ … 2028"; text without it is returned as it is."""
    return re.sub(rf"(?<!\d){year}(?!\d)", str(year + 1), text or "")


def _shifted(moment: datetime.datetime, days: int) -> datetime.datetime:
    """`moment` `days` later at the same local time of day (Asia/Ho_Chi_Minh)."""
    local = timezone.localtime(moment)
    return timezone.make_aware(
        local.replace(tzinfo=None) + datetime.timedelta(days=days), local.tzinfo
    )


def _moved_year(text: str, *, old_year: int, new_year: int) -> str:
    """`text` with the year `old_year` (as a whole number) made `new_year`:
    "Hội thảo 2027" → "Hội thảo 2028"; text without it (or none) is returned as it is."""
    if not text:
        return text
    return re.sub(rf"(?<!\d){old_year}(?!\d)", str(new_year), text)


def _event_slug(slug: str, *, old_year: int, new_year: int, taken: set[str]) -> str:
    """The year in the slug moved on ("hoi-thao-2027" → "hoi-thao-2028"), or the new
    year added; then -2, -3 … until no event (nor one copied before it) holds it."""
    max_length = SideEvent._meta.get_field("slug").max_length
    base = re.sub(rf"(?<!\d){old_year}(?!\d)", str(new_year), slug)
    if base == slug:
        base = f"{slug[: max_length - 5]}-{new_year}"
    candidate, number = base, 1
    while candidate in taken or SideEvent.objects.filter(slug=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
    taken.add(candidate)
    return candidate


def copy_edition(
    *,
    source: Fair,
    name_vi: str,
    name_en: str,
    short_name_vi: str = "",
    short_name_en: str = "",
    slug: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    copy_booths: bool,
    copy_figures: bool,
    copy_side_events: bool,
    actor,
) -> EditionCopy:
    """The next edition of `source`, in the same hall: a new fair with its venue,
    hours and contacts, and (as asked) its booths, key figures and side events.

    The new fair is not the current one (the board marks it when ready). Booths keep
    their code, hall, kind, size, price and place on the plan, and the board's keeping
    (fire exits and the organisers' own booths stay where the hall has them); they
    have no exhibitor and no fascia name. The places of side events drawn on the plan
    come with the booths, and the events copied are linked to the copies of their
    places. Side events move by the days between the two
    opening days at the same local time, with no registrations, registration closed,
    no hosts, the year in their titles and slugs moved on, and as drafts (not shown on
    the public pages until the board publishes them); cancelled ones are left out.

    Raises ValidationError (by the form's field names) for a fair the model refuses
    (slug taken, last day before the first…) or events the new days would leave out.
    Side effects: one transaction; records `fair.copied`; public pages invalidated.
    """
    values = {name: getattr(source, name) for name in _plain_fields(Fair)}
    values.update(
        name_vi=name_vi,
        name_en=name_en,
        short_name_vi=short_name_vi,
        short_name_en=short_name_en,
        slug=slug,
        starts_on=starts_on,
        ends_on=ends_on,
        is_current=False,
        is_sample=False,
        applications_open=Fair._meta.get_field("applications_open").default,
    )
    fair = Fair(**values)
    shift = (starts_on - source.starts_on).days if starts_on and source.starts_on else 0
    for name in ("move_in_starts_at", "move_out_ends_at"):
        if getattr(source, name):
            setattr(fair, name, _shifted(getattr(source, name), shift))
    if source.payment_due_on:
        fair.payment_due_on = source.payment_due_on + datetime.timedelta(days=shift)
    fair.full_clean()

    events = []
    if copy_side_events:
        events = list(
            source.side_events.filter(cancelled_at__isnull=True).order_by("starts_at", "id")
        )
        for event in events:
            event.starts_at = _shifted(event.starts_at, shift)
            event.ends_at = _shifted(event.ends_at, shift)
        outside = [event for event in events if event.outside_days(starts_on, ends_on)]
        if outside:
            shown = first_few(
                f"{event.title} {timezone.localtime(event.starts_at):%d/%m/%Y}" for event in outside
            )
            raise ValidationError(
                {
                    "ends_on": ngettext(
                        "Dời theo ngày khai mạc mới, %(count)s sự kiện sẽ nằm ngoài các ngày "
                        "của kỳ mới (%(events)s): hãy chọn ngày bế mạc muộn hơn, hoặc bỏ "
                        "sao chép sự kiện.",
                        "Dời theo ngày khai mạc mới, %(count)s sự kiện sẽ nằm ngoài các ngày "
                        "của kỳ mới (%(events)s): hãy chọn ngày bế mạc muộn hơn, hoặc bỏ "
                        "sao chép sự kiện.",
                        len(outside),
                    )
                    % {"count": len(outside), "events": shown}
                }
            )

    try:
        with transaction.atomic():
            fair.save()
            booths = []
            places = {}  # the source's place id: its copy, for the events held there
            if copy_booths:
                booths = Booth.objects.bulk_create(
                    Booth(fair=fair, **{name: getattr(booth, name) for name in BOOTH_LAYOUT_FIELDS})
                    for booth in source.booths.order_by("code")
                )
                # The stage, the seminar rooms and the matching area stay where the
                # hall has them, as the booths do.
                source_places = list(source.event_places.order_by("pk"))
                copied_places = EventPlace.objects.bulk_create(
                    EventPlace(
                        fair=fair, **{name: getattr(place, name) for name in PLACE_LAYOUT_FIELDS}
                    )
                    for place in source_places
                )
                places = {
                    place.pk: copy for place, copy in zip(source_places, copied_places, strict=True)
                }
                # bulk_create sends no post_save: the floor plan and the API list them.
                public_data_changed()
            figures = []
            if copy_figures:
                for figure in source.figures.order_by("position", "id"):
                    figures.append(
                        FairFigure.objects.create(
                            fair=fair,
                            value=figure.value,
                            label_vi=figure.label_vi,
                            label_en=figure.label_en,
                            position=figure.position,
                        )
                    )
            taken: set[str] = set()
            years = {"old_year": source.starts_on.year, "new_year": starts_on.year}
            for event in events:
                SideEvent.objects.create(
                    fair=fair,
                    **{name: getattr(event, name) for name in EVENT_FIELDS},
                    title_vi=_moved_year(event.title_vi, **years),
                    title_en=_moved_year(event.title_en, **years),
                    slug=_event_slug(
                        event.slug,
                        old_year=source.starts_on.year,
                        new_year=starts_on.year,
                        taken=taken,
                    ),
                    starts_at=event.starts_at,
                    ends_at=event.ends_at,
                    registration_open=False,
                    is_published=False,
                    # At the same place of the new plan; none when the plan is not copied.
                    place=places.get(event.place_id),
                )
            record(
                action="fair.copied",
                obj=fair,
                actor=actor,
                changes={
                    "copied_from": source.name_vi,
                    "booths": len(booths),
                    "figures": len(figures),
                    "side_events": len(events),
                },
            )
    except IntegrityError:
        # A fair or an event given the same slug between the check and the save.
        raise ValidationError(
            _("Đường dẫn vừa được dùng cho một kỳ hội chợ hoặc sự kiện khác; hãy thử lại.")
        ) from None
    return EditionCopy(fair=fair, booths=len(booths), figures=len(figures), side_events=len(events))
