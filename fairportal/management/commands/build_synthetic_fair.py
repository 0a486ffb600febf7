"""A synthetic edition for benchmarks: N exhibitors with products, booths and events.

Not demo data: names are generated from Vietnamese syllables so search and sorting
do real work. Written with bulk_create (fast), then search text is rebuilt.
"""

import datetime
import random

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from booths.models import Booth
from events.models import Fair, SideEvent
from exhibitors.models import Exhibitor, IndustrialZone, Product, Sector
from exhibitors.validators import tax_code_check_digit
from fairportal.management.base import FairCommand

SYLLABLES = (
    "an bình minh phát đạt thành công hưng long thịnh việt nhật hàn thái sài đông nam bắc "
    "quang hòa phú lộc tân trường sơn hải điện tử cơ khí dược phẩm thực phẩm y tế kim"
).split()
COUNTRIES = ["JP"] * 6 + ["SG", "HK", "KR", "TH", "VN", "VN"]
PRODUCT_WORDS = [
    ("Máy in", "Printer"), ("Linh kiện điện tử", "Electronic parts"), ("Bồn cầu", "Toilet"),
    ("Thức ăn chăn nuôi", "Animal feed"), ("Thuốc viên", "Tablets"), ("Khuôn đúc", "Moulds"),
    ("Cảm biến", "Sensor"), ("Dây cáp điện", "Power cable"), ("Bao bì", "Packaging"),
    ("Thiết bị y tế", "Medical device"),
]  # fmt: skip

# A fair still to come, so that the fair-day load's registrations are taken (seminars
# that have begun refuse them): the September after this one.
YEAR = datetime.date.today().year + 1


class Command(FairCommand):
    # Vietnamese as the other commands' help (argparse takes no lazy text).
    help = "Dựng (hoặc giữ) một kỳ hội chợ tổng hợp để đo hiệu năng: --exhibitors N."

    def add_arguments(self, parser):
        parser.add_argument(
            "--exhibitors", type=int, default=500, help="Số doanh nghiệp (mặc định 500)."
        )
        parser.add_argument(
            "--products-per",
            type=int,
            default=4,
            help="Số sản phẩm của mỗi doanh nghiệp (mặc định 4).",
        )
        parser.add_argument("--booths", type=int, default=1100, help="Số gian (mặc định 1100).")
        parser.add_argument(
            "--events", type=int, default=200, help="Số sự kiện bên lề (mặc định 200)."
        )
        parser.add_argument(
            "--seed", type=int, default=2024, help="Hạt giống ngẫu nhiên (mặc định 2024)."
        )

    def handle(self, *args, exhibitors, products_per, booths, events, seed, **options):
        slug = f"synthetic-{exhibitors}"
        if Fair.objects.filter(slug=slug).exists() and Exhibitor.objects.count() >= exhibitors:
            self._move_to_come(Fair.objects.get(slug=slug))
            self.stdout.write(_("Kỳ hội chợ tổng hợp %(slug)s đã có; giữ nguyên.") % {"slug": slug})
            self._analyze()
            return
        rng = random.Random(seed)
        with transaction.atomic():
            self._build(rng, slug, exhibitors, products_per, booths, events)
        call_command("rebuild_search", stdout=self.stdout)
        self._analyze()
        self.stdout.write(
            _(
                "Kỳ hội chợ tổng hợp %(slug)s: %(exhibitors)s doanh nghiệp, %(products)s sản "
                "phẩm, %(booths)s gian, %(events)s sự kiện."
            )
            % {
                "slug": slug,
                "exhibitors": Exhibitor.objects.count(),
                "products": Product.objects.count(),
                "booths": Booth.objects.count(),
                "events": SideEvent.objects.count(),
            }
        )

    def _move_to_come(self, fair):
        """A kept edition whose days have come moves to YEAR, events and all."""
        if fair.starts_on > timezone.localdate():
            return
        shift = datetime.date(YEAR, 9, 20) - fair.starts_on
        Fair.objects.filter(pk=fair.pk).update(
            starts_on=F("starts_on") + shift, ends_on=F("ends_on") + shift
        )
        SideEvent.objects.filter(fair=fair).update(
            starts_at=F("starts_at") + shift, ends_at=F("ends_at") + shift
        )
        self.stdout.write(
            _("Kỳ hội chợ tổng hợp %(slug)s đã dời sang năm %(year)s.")
            % {"slug": fair.slug, "year": YEAR}
        )

    def _analyze(self):
        """Fresh planner statistics: right after a bulk load PostgreSQL still believes
        the tables are empty and picks nested loops that cost 50× on 5,000 rows
        (autovacuum would get there, minutes later, in the middle of the benchmark)."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _build(self, rng, slug, n_exhibitors, products_per, n_booths, n_events):
        Fair.objects.filter(is_current=True).update(is_current=False)
        fair = Fair.objects.create(
            slug=slug, name_vi=f"Hội chợ thử tải {n_exhibitors}", name_en=f"Load-test fair {n_exhibitors}",
            starts_on=datetime.date(YEAR, 9, 20), ends_on=datetime.date(YEAR, 9, 22),
            venue_vi="Trung tâm thương mại Mê Linh", venue_en="Mê Linh Trade Center",
            address_vi="Mê Linh, Hà Nội", organiser_vi="Ban Quản lý các KCN và chế xuất Hà Nội",
            is_current=True, is_sample=True,
        )  # fmt: skip
        zones = [
            IndustrialZone.objects.get_or_create(
                slug=f"kcn-thu-{i}",
                defaults={"name_vi": f"KCN thử {i}", "name_en": f"Test zone {i}"},
            )[0]
            for i in range(10)
        ]
        sectors = [
            Sector.objects.get_or_create(
                slug=f"nganh-thu-{i}", defaults={"name_vi": f"Ngành {w[0]}", "name_en": w[1]}
            )[0]
            for i, w in enumerate(PRODUCT_WORDS)
        ]
        rows = []
        for i in range(n_exhibitors):
            words = " ".join(rng.choice(SYLLABLES).capitalize() for _ in range(2))
            head = f"{(300_000_000 + i):09d}"
            check = tax_code_check_digit(head)
            rows.append(
                Exhibitor(
                    name_vi=f"{words} {i}",
                    name_en=f"{words} {i}",
                    legal_name=f"Công ty TNHH {words} {i}",
                    slug=f"{slug}-dn-{i}",
                    tax_code=f"{head}{check}" if check is not None else "",
                    description_vi=f"Doanh nghiệp {words} sản xuất trong khu công nghiệp.",
                    description_en=f"{words} manufactures in an industrial zone.",
                    address_vi="Hà Nội",
                    zone=rng.choice(zones),
                    origin_country=rng.choice(COUNTRIES),
                    is_published=True,
                    is_sample=True,
                )  # fmt: skip
            )
        exhibitors = Exhibitor.objects.bulk_create(rows, batch_size=1000)
        links = [
            Exhibitor.sectors.through(exhibitor_id=e.pk, sector_id=rng.choice(sectors).pk)
            for e in exhibitors
        ]
        Exhibitor.sectors.through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
        products = []
        for e in exhibitors:
            for p in range(products_per):
                vi, en = rng.choice(PRODUCT_WORDS)
                products.append(
                    Product(
                        exhibitor=e,
                        name_vi=f"{vi} {p + 1}",
                        name_en=f"{en} {p + 1}",
                        description_vi=f"{vi} chất lượng cao.",
                        description_en=f"High-quality {en.lower()}.",
                        sector=rng.choice(sectors),
                        position=p,
                    )  # fmt: skip
                )
        Product.objects.bulk_create(products, batch_size=2000)
        halls = "ABCDEFGHIJK"
        booth_rows = []
        for i in range(n_booths):
            hall = halls[i // 100]
            number = i % 100 + 1
            booth_rows.append(
                Booth(
                    fair=fair,
                    code=f"{hall}{number:03d}",
                    hall=hall,
                    price_vnd=12_000_000,
                    plan_x=((number - 1) % 20) * 32,
                    plan_y=((number - 1) // 20) * 50,
                    plan_w=30,
                    plan_h=30,
                    exhibitor=exhibitors[i % len(exhibitors)] if i < len(exhibitors) else None,
                )  # fmt: skip
            )
        Booth.objects.bulk_create(booth_rows, batch_size=2000)
        start = timezone.make_aware(datetime.datetime(YEAR, 9, 20, 8, 0))
        event_rows = []
        for i in range(n_events):
            starts = start + datetime.timedelta(days=i % 3, minutes=30 * (i // 3 % 16))
            kind = SideEvent.Kind.BUSINESS_MATCHING if i % 10 == 0 else SideEvent.Kind.SEMINAR
            event_rows.append(
                SideEvent(
                    fair=fair,
                    kind=kind,
                    slug=f"{slug}-su-kien-{i}",
                    title_vi=f"Hội thảo {rng.choice(PRODUCT_WORDS)[0]} {i}",
                    title_en=f"Seminar {i}",
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=1),
                    room_vi=f"Phòng {i % 5 + 1}",
                    capacity=100,
                    registration_open=True,
                )  # fmt: skip
            )
        SideEvent.objects.bulk_create(event_rows, batch_size=500)
