"""Write the demo edition of the fair, idempotently.

Every row is found by its natural key (slugs; booths by fair and code; products by
exhibitor and Vietnamese name; figures by fair and position) and updated in place,
so a second run leaves the same rows (and puts the demo values back where the board
edited them; a logo already there is kept). Exhibitors are shared by every edition: a run
for another year reuses them and gives them booths in that year's fair.
"""

import datetime
import io
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils.text import slugify

from booths.models import Booth, EventPlace
from events.models import Fair, FairFigure, SideEvent
from exhibitors.images import reencode_image
from exhibitors.models import Exhibitor, IndustrialZone, Product, Sector
from exhibitors.validators import normalize_phone
from fairportal.demo import companies, floor, places
from fairportal.demo import fair as fair_data
from fairportal.demo.activity import write_activity
from fairportal.demo.companies import demo_tax_code
from fairportal.demo.logos import draw_logo
from fairportal.text import fold

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
_LOTS = "ABCDEFGH"


@dataclass
class DemoCounts:
    fair: Fair
    zones: int
    sectors: int
    booths: int
    assigned: int
    free: int
    kept: int
    exhibitors: int
    products: int
    side_events: int
    figures: int
    logos_drawn: int
    activity: dict


def slug_of(text: str) -> str:
    """A folded Vietnamese slug: "KCN Thăng Long" -> "kcn-thang-long"."""
    return slugify(fold(text))


def shift_for(year: int) -> datetime.timedelta:
    """How far the edition of `year` moves from 2024: 20/09/2024 -> 20/09/<year>."""
    return datetime.date(year, 9, 20) - fair_data.BASE_STARTS_ON


def _local(naive: datetime.datetime, shift: datetime.timedelta) -> datetime.datetime:
    return (naive + shift).replace(tzinfo=HANOI)


def build_demo_fair(*, year: int = fair_data.BASE_YEAR) -> DemoCounts:
    """Write the edition of `year` (2024 unless told) and make it the current fair."""
    shift = shift_for(year)
    with transaction.atomic():
        zones = _write_zones()
        sectors = _write_sectors()
        fair = _write_fair(year, shift)
        _write_figures(fair)
        exhibitors = _write_exhibitors(zones, sectors)
        logos_drawn = _draw_missing_logos(exhibitors.values())
        _write_booths(fair, exhibitors, shift)
        _write_event_places(fair)
        _write_events(fair, exhibitors, year, shift)
        # Bulk-safe: the same recomputation as `manage.py rebuild_search`.
        call_command("rebuild_search", stdout=io.StringIO())
        activity = write_activity(fair)
    booths = Booth.objects.filter(fair=fair)
    demo_exhibitors = Exhibitor.objects.filter(slug__in=[row.slug for row in companies.EXHIBITORS])
    return DemoCounts(
        fair=fair,
        zones=IndustrialZone.objects.filter(slug__in=[z[0] for z in places.ZONES]).count(),
        sectors=Sector.objects.filter(slug__in=[s[0] for s in places.SECTORS]).count(),
        booths=booths.count(),
        assigned=booths.filter(exhibitor__isnull=False).count(),
        free=booths.filter(exhibitor__isnull=True, is_blocked=False).count(),
        kept=booths.filter(is_blocked=True).count(),
        exhibitors=demo_exhibitors.count(),
        products=Product.objects.filter(exhibitor__in=demo_exhibitors).count(),
        side_events=fair.side_events.count(),
        figures=fair.figures.count(),
        logos_drawn=logos_drawn,
        activity=activity,
    )


def _write_zones() -> dict[str, IndustrialZone]:
    zones = {}
    for position, row in enumerate(places.ZONES, start=1):
        slug, name_vi, name_en, district, _kind, description_vi, description_en, is_sample = row
        zones[slug], _ = IndustrialZone.objects.update_or_create(
            slug=slug,
            defaults={
                "name_vi": name_vi,
                "name_en": name_en,
                "district": district,
                "description_vi": description_vi,
                "description_en": description_en,
                "position": position,
                "is_sample": is_sample,
            },
        )
    return zones


def _write_sectors() -> dict[str, Sector]:
    sectors = {}
    for position, (slug, name_vi, name_en, parent) in enumerate(places.SECTORS, start=1):
        sectors[slug], _ = Sector.objects.update_or_create(
            slug=slug,
            defaults={
                "name_vi": name_vi,
                "name_en": name_en,
                "parent": sectors[parent] if parent else None,
                "position": position,
            },
        )
    return sectors


def _write_fair(year: int, shift: datetime.timedelta) -> Fair:
    data = fair_data.FAIR
    text = {
        key: value.format(year=year)
        for key, value in data.items()
        if isinstance(value, str) and key not in ("latitude", "longitude")
    }
    slug = text.pop("slug")
    lat, lon = data["latitude"], data["longitude"]
    values = {
        **text,
        "starts_on": fair_data.FAIR_DATES["starts_on"] + shift,
        "ends_on": fair_data.FAIR_DATES["ends_on"] + shift,
        "payment_due_on": fair_data.FAIR_DATES["payment_due_on"] + shift,
        "contract_within_days": fair_data.CONTRACT_WITHIN_DAYS,
        **{key: _local(value, shift) for key, value in fair_data.FAIR_DATETIMES.items()},
        "latitude": Decimal(lat),
        "longitude": Decimal(lon),
        "map_url": f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}",
        # The address the portal's mails reply to and its pages name for the board: the
        # footer and the visit page name the same one, so a company writes to one address.
        "email": settings.BOARD_EMAIL,
        "opens_at": data["opens_at"],
        "closes_at": data["closes_at"],
        "last_day_closes_at": data["last_day_closes_at"],
        "applications_open": data["applications_open"],
        "is_sample": data["is_sample"],
    }
    fair, _ = Fair.objects.update_or_create(slug=slug, defaults=values)
    # One current fair (a partial unique constraint): step the others down first.
    Fair.objects.filter(is_current=True).exclude(pk=fair.pk).update(is_current=False)
    if not fair.is_current:
        fair.is_current = True
        fair.save(update_fields=["is_current", "updated_at"])
    return fair


def _write_figures(fair: Fair) -> None:
    for position, (value, label_vi, label_en) in enumerate(fair_data.FIGURES, start=1):
        FairFigure.objects.update_or_create(
            fair=fair,
            position=position,
            defaults={"value": value, "label_vi": label_vi, "label_en": label_en},
        )
    fair.figures.filter(position__gt=len(fair_data.FIGURES)).delete()


def _address(row: companies.ExhibitorRow, index: int, zone: IndustrialZone | None):
    if row.address_vi:
        return row.address_vi, row.address_en
    _slug, _vi, _en, district, kind, *_ = next(z for z in places.ZONES if z[0] == row.zone)
    lot = f"{_LOTS[index % len(_LOTS)]}{index % 7 + 1}"
    return (
        f"Lô {lot}, {zone.name_vi}, {kind} {district}, Hà Nội",
        f"Lot {lot}, {zone.name_en}, {places.DISTRICTS_EN[district]} District, Hanoi",
    )


def _write_exhibitors(zones, sectors) -> dict[str, Exhibitor]:
    exhibitors = {}
    for index, row in enumerate(companies.EXHIBITORS, start=1):
        zone = zones[row.zone] if row.zone else None
        address_vi, address_en = _address(row, index, zone)
        host = f"{row.slug}.example.vn"
        exhibitor, _ = Exhibitor.objects.update_or_create(
            slug=row.slug,
            defaults={
                "name_vi": row.name_vi,
                "name_en": row.name_en,
                "legal_name": row.legal_name,
                "tax_code": demo_tax_code(index),
                "description_vi": row.description_vi,
                "description_en": row.description_en,
                "address_vi": address_vi,
                "address_en": address_en,
                "website": f"https://{host}",
                "email": f"lienhe@{host}",
                "phone": normalize_phone(f"024 0000 {index:04d}"),
                "zone": zone,
                "origin_country": row.country,
                "is_published": True,
                "is_featured": row.featured,
                "is_sample": True,
            },
        )
        exhibitor.sectors.set([sectors[slug] for slug in row.sectors])
        for position, product in enumerate(row.products, start=1):
            Product.objects.update_or_create(
                exhibitor=exhibitor,
                name_vi=product.name_vi,
                defaults={
                    "name_en": product.name_en,
                    "description_vi": product.description_vi,
                    "description_en": product.description_en,
                    "sector": sectors[product.sector],
                    "position": position,
                    "is_published": True,
                },
            )
        exhibitors[row.slug] = exhibitor
    return exhibitors


def _draw_missing_logos(exhibitors) -> int:
    """Draw a logo for each exhibitor that has none; never replace one (no new files)."""
    drawn = 0
    for exhibitor in exhibitors:
        if exhibitor.logo:
            continue
        png = draw_logo(exhibitor.name_en or exhibitor.name_vi, key=exhibitor.slug)
        full, thumb = reencode_image(io.BytesIO(png), prefix=exhibitor.slug)
        exhibitor.logo.save(full.name, full, save=False)
        exhibitor.logo_thumb.save(thumb.name, thumb, save=False)
        exhibitor.save(update_fields=["logo", "logo_thumb", "updated_at"])
        drawn += 1
    return drawn


def _booth_plan(exhibitors) -> dict[str, Exhibitor]:
    """Which exhibitor holds which booth code, taking booths in code order per pool."""
    spots = floor.booth_spots()
    pools: dict[str, list[str]] = {}
    for spot in spots:
        if spot.code not in floor.KEPT and spot.code not in floor.LEFT_FREE:
            pools.setdefault(floor.pool_of(spot), []).append(spot.code)
    plan = {}
    for row in companies.EXHIBITORS:
        for pool, count in row.booths:
            if len(pools[pool]) < count:
                raise ValueError(f"pool {pool} has too few booths for {row.slug}")
            for _ in range(count):
                plan[pools[pool].pop(0)] = exhibitors[row.slug]
    return plan


def _write_booths(fair: Fair, exhibitors, shift: datetime.timedelta) -> None:
    plan = _booth_plan(exhibitors)
    assigned_at = _local(fair_data.BOOTHS_ASSIGNED_AT, shift)
    spots = floor.booth_spots()
    for spot in spots:
        exhibitor = plan.get(spot.code)
        kept = floor.KEPT.get(spot.code)
        Booth.objects.update_or_create(
            fair=fair,
            code=spot.code,
            defaults={
                "hall": spot.hall,
                "kind": spot.kind,
                **spot.size,
                "price_vnd": floor.PRICES_VND[spot.kind],
                "price_includes_vat": floor.PRICE_INCLUDES_VAT,
                **spot.plan,
                "exhibitor": exhibitor,
                "assigned_at": assigned_at if exhibitor else None,
                "fascia_name": exhibitor.name_vi if exhibitor else (kept[0] if kept else ""),
                "is_blocked": kept is not None,
            },
        )


def _write_event_places(fair: Fair) -> None:
    unit = floor.PLAN_UNITS_PER_METRE
    for kind, name_vi, name_en, hall, x, y, width, depth in floor.EVENT_PLACES:
        EventPlace.objects.update_or_create(
            fair=fair,
            name_vi=name_vi,
            defaults={
                "kind": kind,
                "name_en": name_en,
                "hall": hall,
                "plan_x": x * unit,
                "plan_y": y * unit,
                "plan_w": width * unit,
                "plan_h": depth * unit,
            },
        )


def _write_events(fair: Fair, exhibitors, year: int, shift: datetime.timedelta) -> None:
    places = {place.name_vi: place for place in EventPlace.objects.filter(fair=fair)}
    for event in fair_data.EVENTS:
        day = fair_data.BASE_STARTS_ON + datetime.timedelta(days=event["day"])
        starts = datetime.datetime.combine(day, datetime.time(*event["start"]))
        ends = datetime.datetime.combine(day, datetime.time(*event["end"]))
        translated = {key: event[key] for key in event if key.endswith(("_vi", "_en"))}
        side_event, _ = SideEvent.objects.update_or_create(
            slug=f"{event['slug']}-{year}",
            defaults={
                "fair": fair,
                "kind": event["kind"],
                **translated,
                "starts_at": _local(starts, shift),
                "ends_at": _local(ends, shift),
                "capacity": event["capacity"],
                "registration_open": event["registration_open"],
                "slot_minutes": event.get("slot_minutes", 30),
                "tables": event.get("tables", 20),
                "place": places[event["place"]] if "place" in event else None,
            },
        )
        side_event.hosts.set([exhibitors[slug] for slug in event["hosts"]])
