"""The demo's activity, so that the board has something to review after `make run`:
booth applications at each stage, seminar sign-ups and B2B meeting requests.

Everything goes through the services, as a visitor's or the board's click would, with
the fair's clock pinned to a morning three weeks before the opening: the rules see a
fair still taking applications and sign-ups. Their mails are dropped. For a fair that
is already over (the 2024 edition, today) only what a finished fair keeps is written:
decided applications, sign-ups and agreed or declined meetings; applications waiting
for a decision and unanswered requests are written only for a fair still to come.

The people are made up and their addresses are under example.vn, .jp and .kr
(reserved names: no mail could ever reach anyone). A fair that already has any of
these applications is left as it is, so a second run writes nothing twice.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from booths import services as booth_services
from booths.models import Booth, BoothApplication
from events import selectors as event_selectors
from events import services as event_services
from events.models import Fair, SideEvent
from exhibitors.models import Exhibitor, IndustrialZone, Sector
from exhibitors.validators import normalize_phone
from fairportal import clock, mail
from fairportal.demo.companies import demo_tax_code
from fairportal.roles import EDITORS

DOMAIN = "vidu.example.vn"

# The board member who took the demo's decisions, so that the decision log names
# someone, as a real one would. No usable password: nobody signs in as them.
BOARD_MEMBER = {
    "username": "bql.mau",
    "email": f"bql@{DOMAIN}",
    "first_name": "Lan",
    "last_name": "Trần Thị",
}


@dataclass(frozen=True)
class Applicant:
    key: str
    address: str
    legal_name: str
    trading_name_vi: str
    trading_name_en: str
    contact_name: str
    contact_title: str
    phone: str
    zone: str  # an industrial zone's slug, "" outside the zones
    sectors: tuple[str, ...]
    product_summary: str
    booth_kind: str
    booth_count: int
    stage: str  # "waiting", "unconfirmed", "waitlisted", "rejected", "withdrawn"
    note: str = ""
    language: str = "vi"


APPLICANTS = (
    Applicant(
        key="baobi-socson",
        address="Lô 12, KCN Nội Bài, huyện Sóc Sơn, Hà Nội",
        legal_name="Công ty TNHH Bao bì Sóc Sơn",
        trading_name_vi="Bao bì Sóc Sơn",
        trading_name_en="Soc Son Packaging",
        contact_name="Trần Minh Đức",
        contact_title="Trưởng phòng kinh doanh",
        phone="0912 480 316",
        zone="kcn-noi-bai",
        sectors=("cong-nghiep-che-bien-che-tao",),
        product_summary="Thùng carton 5 lớp, khay giấy định hình cho linh kiện điện tử.",
        booth_kind="standard",
        booth_count=2,
        stage="waiting",
    ),
    Applicant(
        key="dien-quangminh",
        address="Lô B4, KCN Quang Minh, huyện Mê Linh, Hà Nội",
        legal_name="Công ty Cổ phần Thiết bị điện Quang Minh",
        trading_name_vi="Thiết bị điện Quang Minh",
        trading_name_en="Quang Minh Electrical Equipment",
        contact_name="Lê Thị Thu Hà",
        contact_title="Phó giám đốc",
        phone="024 3881 2075",
        zone="kcn-quang-minh",
        sectors=("dien",),
        product_summary="Tủ điện hạ thế, máng cáp và phụ kiện lắp đặt cho nhà xưởng.",
        booth_kind="corner",
        booth_count=1,
        stage="waiting",
        language="en",
    ),
    Applicant(
        key="in-donganh",
        address="Số 18 đường Cao Lỗ, huyện Đông Anh, Hà Nội",
        legal_name="Công ty TNHH In và Quảng cáo Đông Anh",
        trading_name_vi="In Đông Anh",
        trading_name_en="",
        contact_name="Phạm Văn Khải",
        contact_title="Giám đốc",
        phone="0986 207 441",
        zone="",
        sectors=(),
        product_summary="In nhãn mác, tem chống giả và catalogue sản phẩm.",
        booth_kind="standard",
        booth_count=1,
        stage="unconfirmed",
    ),
    Applicant(
        key="noithat-thachthat",
        address="Cụm công nghiệp Bình Phú, huyện Thạch Thất, Hà Nội",
        legal_name="Công ty TNHH Nội thất gỗ Thạch Thất",
        trading_name_vi="Nội thất gỗ Thạch Thất",
        trading_name_en="Thach That Wood Furniture",
        contact_name="Nguyễn Thị Lan Anh",
        contact_title="Chuyên viên xuất khẩu",
        phone="0904 655 192",
        zone="",
        sectors=("cong-nghiep-che-bien-che-tao",),
        product_summary="Bàn ghế văn phòng và nội thất gỗ xuất khẩu sang Nhật Bản.",
        booth_kind="premium",
        booth_count=1,
        stage="waitlisted",
        note="Gian cao cấp đã kín; Ban tổ chức sẽ báo ngay khi có gian trống.",
    ),
    Applicant(
        key="thuongmai-phuminh",
        address="Số 45 phố Trần Duy Hưng, quận Cầu Giấy, Hà Nội",
        legal_name="Công ty TNHH Thương mại Phú Minh",
        trading_name_vi="Thương mại Phú Minh",
        trading_name_en="",
        contact_name="Vũ Quang Huy",
        contact_title="Giám đốc",
        phone="0915 337 804",
        zone="",
        sectors=(),
        product_summary="Phân phối đồ gia dụng nhập khẩu.",
        booth_kind="standard",
        booth_count=1,
        stage="rejected",
        note=(
            "Hội chợ dành cho sản phẩm do doanh nghiệp sản xuất trong các khu công nghiệp; "
            "doanh nghiệp phân phối hàng nhập khẩu chưa thuộc đối tượng tham gia kỳ này."
        ),
    ),
    Applicant(
        key="cokhi-binhminh",
        address="Lô 27, KCN Thăng Long, huyện Đông Anh, Hà Nội",
        legal_name="Công ty TNHH Cơ khí chính xác Bình Minh",
        trading_name_vi="Cơ khí chính xác Bình Minh",
        trading_name_en="Binh Minh Precision Engineering",
        contact_name="Đỗ Thanh Tùng",
        contact_title="Trưởng phòng kỹ thuật",
        phone="0936 118 520",
        zone="kcn-thang-long",
        sectors=("co-khi-che-tao",),
        product_summary="Gia công CNC, khuôn mẫu cho linh kiện ô tô, xe máy.",
        booth_kind="standard",
        booth_count=1,
        stage="withdrawn",
    ),
)

# Stages a finished fair can still show: a decision taken, or the applicant's own.
DECIDED = {"rejected", "withdrawn"}

VISITORS = (
    ("Nguyễn Thị Hoa", "Công ty TNHH Linh kiện Hà Nội", "Trưởng phòng mua hàng", "0912 345 678"),
    ("Trần Văn Bình", "Trường Đại học Bách khoa Hà Nội", "Giảng viên", "0983 210 457"),
    ("Lê Minh Châu", "Công ty CP Nhựa Đông Anh", "Kỹ sư chất lượng", "0904 771 236"),
    ("Hoàng Thu Trang", "Sở Công Thương Hà Nội", "Chuyên viên", "0243 825 6610"),
    ("Phạm Quốc Việt", "Công ty TNHH Điện tử Nội Bài", "Giám đốc nhà máy", "0966 402 118"),
    ("Đặng Thị Mai", "Hiệp hội Doanh nghiệp nhỏ và vừa Hà Nội", "Thư ký", "0935 660 274"),
)

# Who asks for a meeting: (name, company, country, e-mail, phone, language)
BUYERS = (
    (
        "Tanaka Hiroshi",
        "Tanaka Trading Co., Ltd.",
        "JP",
        "tanaka@vidu.example.jp",
        "+81 3 1234 5678",
        "en",
    ),
    (
        "Kim Min-jun",
        "Hanbit Components",
        "KR",
        "minjun.kim@vidu.example.kr",
        "+82 2 3456 7890",
        "en",
    ),
    ("Ngô Thanh Sơn", "Công ty CP Cơ điện Sơn Hà", "VN", f"son.ngo@{DOMAIN}", "0977 508 312", "vi"),
)


def write_activity(fair: Fair) -> dict[str, int]:
    """Write the demo's applications, sign-ups and meeting requests for `fair`; counts."""
    counts = {"applications": 0, "registrations": 0, "meetings": 0}
    if BoothApplication.objects.filter(fair=fair, email__endswith=f"@{DOMAIN}").exists():
        return counts
    still_to_come = fair.ends_on >= timezone.localdate()
    morning = timezone.make_aware(
        datetime.datetime.combine(fair.starts_on - datetime.timedelta(days=21), datetime.time(9))
    )
    # No mail is queued: the addresses are made up.
    with mail.suppressed(), clock.pinned(morning):
        counts["applications"] = _write_applications(fair, still_to_come)
        counts["registrations"] = _write_registrations(fair)
        counts["meetings"] = _write_meetings(fair, still_to_come)
    return counts


def _write_applications(fair: Fair, still_to_come: bool) -> int:
    zones = {zone.slug: zone for zone in IndustrialZone.objects.all()}
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    free = list(
        Booth.objects.filter(fair=fair, exhibitor__isnull=True, is_blocked=False).order_by("code")
    )
    board = _board_member()
    written = 0
    for index, applicant in enumerate(APPLICANTS):
        if applicant.stage not in DECIDED and not still_to_come:
            continue
        wanted = [b for b in free if b.kind == applicant.booth_kind][: applicant.booth_count]
        if applicant.stage == "waitlisted":
            wanted = []  # what it asked for is taken: that is why it waits
        data = {
            "legal_name": applicant.legal_name,
            "trading_name_vi": applicant.trading_name_vi,
            "trading_name_en": applicant.trading_name_en,
            "tax_code": demo_tax_code(900 + index),  # clear of the exhibitors'
            "address": applicant.address,
            "zone": zones.get(applicant.zone),
            "contact_name": applicant.contact_name,
            "contact_title": applicant.contact_title,
            "email": f"{applicant.key}@{DOMAIN}",
            "phone": normalize_phone(applicant.phone),  # as the apply form stores it
            "website": "",
            "product_summary": applicant.product_summary,
            "booth_kind": applicant.booth_kind,
            "booth_count": applicant.booth_count,
            "message": "",
            "sectors": [sectors[slug] for slug in applicant.sectors if slug in sectors],
            "preferred_booths": wanted,
        }
        application, _token = booth_services.submit_application(
            fair=fair, data=data, language=applicant.language
        )
        free = [b for b in free if b not in wanted]
        written += 1
        if applicant.stage == "unconfirmed":
            continue
        booth_services.confirm_application(application=application)
        if applicant.stage == "waitlisted":
            booth_services.waitlist_application(
                application=application, reviewer=board, note=applicant.note
            )
        elif applicant.stage == "rejected":
            booth_services.reject_application(
                application=application, reviewer=board, reason=applicant.note
            )
        elif applicant.stage == "withdrawn":
            booth_services.withdraw_application(application=application)
    return written


def _board_member():
    """The demo's board member (an editor of the board), made once and shared by every
    edition's demo."""
    user, created = get_user_model().objects.get_or_create(
        username=BOARD_MEMBER["username"],
        defaults={**BOARD_MEMBER, "is_staff": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        editors = Group.objects.filter(name=EDITORS).first()
        if editors is not None:
            user.groups.add(editors)
    return user


def _write_registrations(fair: Fair) -> int:
    events = SideEvent.objects.filter(
        fair=fair, registration_open=True, cancelled_at__isnull=True
    ).order_by("starts_at", "pk")
    written = 0
    for position, event in enumerate(events):
        # A few sign-ups each, not the same few everywhere.
        for offset in range(2 + position % 3):
            name, organisation, job_title, phone = VISITORS[(position + offset) % len(VISITORS)]
            local = f"khach{(position + offset) % len(VISITORS) + 1}"
            event_services.register_attendee(
                event=event,
                data={
                    "name": name,
                    "email": f"{local}@{DOMAIN}",
                    "phone": phone,
                    "organisation": organisation,
                    "job_title": job_title,
                    "zalo": "",
                },
                language="vi",
            )
            written += 1
    return written


def _write_meetings(fair: Fair, still_to_come: bool) -> int:
    sessions = list(
        SideEvent.objects.filter(
            fair=fair, kind=SideEvent.Kind.BUSINESS_MATCHING, cancelled_at__isnull=True
        ).order_by("starts_at", "pk")
    )
    if not sessions:
        return 0
    session = sessions[0]
    slots = event_selectors.session_slots(session)
    hosts = list(
        Exhibitor.objects.filter(is_published=True, booths__fair=fair)
        .distinct()
        .order_by("name_sort")[:3]
    )
    if len(slots) < 4 or len(hosts) < 3:
        return 0
    plan = [  # (buyer, host, slots asked for, what becomes of it)
        (BUYERS[0], hosts[0], slots[0:2], "accepted"),
        (BUYERS[1], hosts[1], slots[1:3], "declined"),
        (BUYERS[2], hosts[2], slots[2:4], "pending"),
    ]
    written = 0
    for (name, company, country, email, phone, language), host, asked, outcome in plan:
        if outcome == "pending" and not still_to_come:
            continue
        meeting, _token = event_services.request_meeting(
            exhibitor=host,
            session=session,
            data={
                "name": name,
                "company": company,
                "country": country,
                "email": email,
                "phone": phone,
                "zalo": "",
                "sector": None,
                "message": "Tìm hiểu năng lực sản xuất và khả năng cung ứng dài hạn.",
            },
            slots=asked,
            language=language,
        )
        written += 1
        if outcome == "accepted":
            event_services.accept_meeting(meeting=meeting, slot_start=asked[0], actor=None)
        elif outcome == "declined":
            event_services.decline_meeting(
                meeting=meeting, actor=None, note="Lịch của doanh nghiệp trong phiên này đã kín."
            )
    return written
