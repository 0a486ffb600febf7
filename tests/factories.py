"""Factories for tests: plain functions with sensible defaults, keyword overrides."""

import datetime
import hashlib
import itertools
import secrets

from django.contrib.auth import get_user_model
from django.utils import timezone

from booths.models import Booth, BoothApplication
from events.models import EventRegistration, Fair, MeetingRequest, SideEvent
from exhibitors.models import Exhibitor, IndustrialZone, Product, Sector

_sequence = itertools.count(1)

HANOI = timezone.get_fixed_timezone(7 * 60)

# Tax codes whose check digit is right (see FAIR-FACTS.md).
_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def valid_tax_code(seed: int) -> str:
    """A 10-digit tax code that passes the check digit, different for each seed."""
    for offset in itertools.count():
        head = f"{(10_000_000 + seed * 7919 + offset) % 1_000_000_000:09d}"
        head = "0" + head[1:] if head[0] not in "01" else head
        check = 10 - sum(w * int(d) for w, d in zip(_TAX_WEIGHTS, head, strict=True)) % 11
        if check < 10:
            return head + str(check)
    raise AssertionError("unreachable")


def _n() -> int:
    return next(_sequence)


def make_user(**kwargs):
    n = _n()
    password = kwargs.pop("password", "Hoi-cho-2024-mat-khau")
    defaults = {"username": f"user{n}", "email": f"user{n}@example.vn"}
    defaults.update(kwargs)
    user = get_user_model().objects.create_user(password=password, **defaults)
    return user


def make_fair(**kwargs) -> Fair:
    n = _n()
    defaults = {
        "name_vi": "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024",
        "name_en": "Hanoi Industrial Zones Industrial Products Fair 2024",
        "slug": f"hoi-cho-{n}",
        "starts_on": datetime.date(2024, 9, 20),
        "ends_on": datetime.date(2024, 9, 22),
        "venue_vi": "Trung tâm thương mại Mê Linh",
        "venue_en": "Mê Linh Trade Center",
        "address_vi": "Mê Linh, Hà Nội",
        "address_en": "Mê Linh, Hanoi",
        "organiser_vi": "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội",
        "organiser_en": "Hanoi Industrial and Export Processing Zones Authority",
        "is_current": True,
    }
    defaults.update(kwargs)
    return Fair.objects.create(**defaults)


def make_zone(**kwargs) -> IndustrialZone:
    n = _n()
    defaults = {
        "name_vi": f"KCN Thăng Long {n}",
        "name_en": f"Thang Long Industrial Park {n}",
        "slug": f"kcn-thang-long-{n}",
        "district": "Đông Anh",
    }
    defaults.update(kwargs)
    return IndustrialZone.objects.create(**defaults)


def make_sector(**kwargs) -> Sector:
    n = _n()
    defaults = {"name_vi": f"Điện tử {n}", "name_en": f"Electronics {n}", "slug": f"dien-tu-{n}"}
    defaults.update(kwargs)
    return Sector.objects.create(**defaults)


def make_exhibitor(*, sectors=(), members=(), **kwargs) -> Exhibitor:
    n = _n()
    defaults = {
        "name_vi": f"Công ty Mẫu {n}",
        "name_en": f"Sample Company {n}",
        "legal_name": f"Công ty TNHH Mẫu {n}",
        "slug": f"cong-ty-mau-{n}",
        "tax_code": valid_tax_code(n),
        "description_vi": "Doanh nghiệp sản xuất trong khu công nghiệp.",
        "description_en": "A manufacturer in an industrial zone.",
        "address_vi": "Đông Anh, Hà Nội",
        "origin_country": "VN",
        "is_published": True,
    }
    defaults.update(kwargs)
    exhibitor = Exhibitor.objects.create(**defaults)
    if sectors:
        exhibitor.sectors.set(sectors)
    if members:
        exhibitor.members.set(members)
    return exhibitor


def make_product(exhibitor=None, **kwargs) -> Product:
    n = _n()
    defaults = {
        "exhibitor": exhibitor or make_exhibitor(),
        "name_vi": f"Sản phẩm {n}",
        "name_en": f"Product {n}",
        "description_vi": "Sản phẩm sản xuất tại Hà Nội.",
        "description_en": "Made in Hanoi.",
    }
    defaults.update(kwargs)
    return Product.objects.create(**defaults)


def make_booth(fair=None, **kwargs) -> Booth:
    n = _n()
    defaults = {
        "fair": fair or make_fair(is_current=False),
        "code": f"Z{n:03d}",
        "hall": "A",
        "price_vnd": 15_000_000,
        "plan_x": (n % 10) * 40,
        "plan_y": (n // 10) * 40,
    }
    defaults.update(kwargs)
    return Booth.objects.create(**defaults)


def make_event(fair=None, **kwargs) -> SideEvent:
    n = _n()
    starts_at = kwargs.pop("starts_at", datetime.datetime(2024, 9, 20, 9, 0, tzinfo=HANOI))
    defaults = {
        "fair": fair or make_fair(is_current=False),
        "kind": SideEvent.Kind.SEMINAR,
        "title_vi": f"Hội thảo công nghiệp hỗ trợ {n}",
        "title_en": f"Supporting industry seminar {n}",
        "slug": f"hoi-thao-{n}",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=2),
        "room_vi": "Phòng hội thảo 1",
        "room_en": "Seminar room 1",
        "capacity": 50,
        "registration_open": True,
    }
    defaults.update(kwargs)
    return SideEvent.objects.create(**defaults)


def new_token() -> tuple[str, str]:
    """A (token, sha256 hex digest) pair, as links carry and the database stores."""
    token = secrets.token_urlsafe(32)
    return token, hashlib.sha256(token.encode()).hexdigest()


def make_registration(event=None, **kwargs) -> EventRegistration:
    n = _n()
    defaults = {
        "event": event or make_event(),
        "name": f"Nguyễn Văn {n}",
        "email": f"khach{n}@example.vn",
        "phone": "+84912345678",
        "token_hash": new_token()[1],
        "consent_at": timezone.now(),
    }
    defaults.update(kwargs)
    return EventRegistration.objects.create(**defaults)


def make_meeting_request(session=None, exhibitor=None, **kwargs) -> MeetingRequest:
    n = _n()
    defaults = {
        "session": session or make_event(kind=SideEvent.Kind.BUSINESS_MATCHING),
        "exhibitor": exhibitor or make_exhibitor(),
        "requester_name": f"Tanaka {n}",
        "requester_company": f"Tanaka Trading {n}",
        "requester_country": "JP",
        "requester_email": f"buyer{n}@example.jp",
        "requester_phone": "+81312345678",
        "message": "Tìm nhà cung cấp linh kiện.",
        "token_hash": new_token()[1],
        "consent_at": timezone.now(),
    }
    defaults.update(kwargs)
    return MeetingRequest.objects.create(**defaults)


def make_application(fair=None, **kwargs) -> BoothApplication:
    n = _n()
    defaults = {
        "fair": fair or make_fair(is_current=False),
        "reference": f"HC2024-T{n:03d}",
        "token_hash": new_token()[1],
        "legal_name": f"Công ty TNHH Ứng Viên {n}",
        "trading_name_vi": f"Ứng Viên {n}",
        "tax_code": valid_tax_code(10_000 + n),
        "address": "Mê Linh, Hà Nội",
        "contact_name": "Trần Thị Lan",
        "email": f"lienhe{n}@example.vn",
        "phone": "+84912345678",
        "consent_at": timezone.now(),
    }
    defaults.update(kwargs)
    return BoothApplication.objects.create(**defaults)
