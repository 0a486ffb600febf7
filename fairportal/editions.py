"""A whole edition of the fair as JSON: the fair, its key figures, booths and side
events, and the exhibitors, zones, sectors and products they reference.

Rows are identified by their slugs (booths by code, products by their exhibitor and
Vietnamese name), never by database ids, so an edition moves between databases.
Registrations, meeting requests and applications (personal data) stay out, and so
does `seats_taken`, which follows the registrations. Logos and images are named by
their stored path; the media files are copied separately.
"""

import datetime
import decimal
import json

from django.core.exceptions import ValidationError
from django.db import models, transaction

from booths.models import Booth, normalize_booth_code, validate_booth_code
from events.models import Fair, FairFigure, SideEvent
from exhibitors.models import Exhibitor, IndustrialZone, Product, Sector
from fairportal.admin_mixins import translated_field_names
from fairportal.audit import record

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


def _valid_booth_code(code: str) -> bool:
    try:
        validate_booth_code(code)
    except ValidationError:
        return False
    return len(code) <= Booth._meta.get_field("code").max_length


class EditionError(Exception):
    pass


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
    values = {}
    for name in names:
        if name in data:
            value = data[name]
            field = model._meta.get_field(name)
            if isinstance(field, models.FileField):
                values[name] = value
                continue
            try:
                values[name] = field.to_python(value)
            except ValidationError as error:
                raise EditionError(
                    f"{model._meta.model_name} {name}: {' '.join(error.messages)}"
                ) from None
    return values


def export_edition(slug: str) -> dict:
    try:
        fair = Fair.objects.get(slug=slug)
    except Fair.DoesNotExist:
        raise EditionError(f"No fair with slug {slug!r}.") from None
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
    event_fields = _plain_fields(SideEvent)
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
        "side_events": [
            {
                **_dump(event, event_fields),
                "hosts": sorted(host.slug for host in event.hosts.all()),
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


def import_edition(data: dict, *, actor_label: str = "import_fair") -> Fair:
    """Create the edition; zones, sectors, exhibitors and products are created or
    updated by slug. Refuses an edition whose fair slug already exists.

    Side effects: one transaction; records `fair.imported`.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise EditionError(f"Not an edition file (expected format {FORMAT}).")
    slug = data["fair"]["slug"]
    if Fair.objects.filter(slug=slug).exists():
        raise EditionError(f"The fair {slug!r} already exists; nothing was imported.")
    with transaction.atomic():
        zones = {}
        for item in data["zones"]:
            values = _load(IndustrialZone, item, _plain_fields(IndustrialZone, skip={"slug"}))
            zones[item["slug"]], _created = IndustrialZone.objects.update_or_create(
                slug=item["slug"], defaults=values
            )
        sectors = {}
        for item in data["sectors"]:
            values = _load(Sector, item, _plain_fields(Sector, skip={"slug"}))
            values["parent"] = sectors.get(item["parent"]) if item["parent"] else None
            sectors[item["slug"]], _created = Sector.objects.update_or_create(
                slug=item["slug"], defaults=values
            )
        exhibitors = {}
        for item in data["exhibitors"]:
            exhibitors[item["slug"]] = _import_exhibitor(item, zones, sectors)

        fair_values = _load(Fair, data["fair"], _plain_fields(Fair))
        if fair_values.get("is_current") and Fair.objects.filter(is_current=True).exists():
            fair_values["is_current"] = False
        fair = Fair.objects.create(**fair_values)
        for item in data["figures"]:
            FairFigure.objects.create(
                fair=fair, **_load(FairFigure, item, _plain_fields(FairFigure))
            )
        codes = [normalize_booth_code(item["code"]) for item in data["booths"]]
        if repeated := sorted({code for code in codes if codes.count(code) > 1}):
            raise EditionError(
                f"Booth codes repeated once written as the plan prints them: {repeated}; "
                "nothing was imported."
            )
        if wrong := [code for code in codes if not _valid_booth_code(code)]:
            raise EditionError(
                f"Booth codes the plan cannot print: {wrong} (letters, digits, dots and "
                "hyphens, at most 10); nothing was imported."
            )
        for item, code in zip(data["booths"], codes, strict=True):
            item = {**item, "code": code}
            Booth.objects.create(
                fair=fair,
                exhibitor=exhibitors[item["exhibitor"]] if item["exhibitor"] else None,
                **_load(Booth, item, _plain_fields(Booth)),
            )
        for item in data["side_events"]:
            event = SideEvent.objects.create(
                fair=fair, **_load(SideEvent, item, _plain_fields(SideEvent))
            )
            event.hosts.set([exhibitors[host] for host in item["hosts"]])
        for exhibitor in exhibitors.values():
            exhibitor.refresh_search_text()
        record(
            action="fair.imported",
            obj=fair,
            actor_label=actor_label,
            changes={
                "booths": len(data["booths"]),
                "exhibitors": len(data["exhibitors"]),
                "side_events": len(data["side_events"]),
            },
        )
    return fair


def _import_exhibitor(item, zones, sectors) -> Exhibitor:
    values = _load(Exhibitor, item, _plain_fields(Exhibitor, skip={"slug"}))
    values["zone"] = zones[item["zone"]] if item["zone"] else None
    exhibitor, _created = Exhibitor.objects.update_or_create(slug=item["slug"], defaults=values)
    exhibitor.sectors.set([sectors[slug] for slug in item["sectors"]])
    existing = {p.name_vi: p for p in exhibitor.products.all()}
    for product_item in item["products"]:
        product_values = _load(Product, product_item, _plain_fields(Product))
        product_values["sector"] = (
            sectors[product_item["sector"]] if product_item["sector"] else None
        )
        product = existing.get(product_values.get("name_vi")) or Product(exhibitor=exhibitor)
        for name, value in product_values.items():
            setattr(product, name, value)
        product.save()
    return exhibitor
