"""`manage.py load_demo_fair`: the 2024 edition, idempotent, movable to another year."""

import datetime
import io
import itertools
import zoneinfo

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from modeltranslation.translator import translator

from booths.models import Booth, BoothApplication
from events.models import EventRegistration, Fair, FairFigure, MeetingRequest, SideEvent
from exhibitors.models import Exhibitor, IndustrialZone, Product, Sector
from exhibitors.validators import validate_tax_code
from fairportal.text import filter_by_words, sort_key

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def load(*args) -> str:
    out = io.StringIO()
    with override_settings(DEBUG=True):  # the command refuses the production settings
        call_command("load_demo_fair", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The 2024 edition, loaded once for this module and rolled back after it.

    Each test runs in a savepoint inside this transaction, so what a test writes
    (a second run, another year) is undone before the next one.
    """
    media_root = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        with transaction.atomic():
            output = load()
            yield {"output": output, "media_root": media_root}
            transaction.set_rollback(True)


def counts(media_root) -> dict[str, int]:
    return {
        "fairs": Fair.objects.count(),
        "figures": FairFigure.objects.count(),
        "zones": IndustrialZone.objects.count(),
        "sectors": Sector.objects.count(),
        "exhibitors": Exhibitor.objects.count(),
        "exhibitor_sectors": Exhibitor.sectors.through.objects.count(),
        "products": Product.objects.count(),
        "booths": Booth.objects.count(),
        "assigned": Booth.objects.filter(exhibitor__isnull=False).count(),
        "events": SideEvent.objects.count(),
        "event_hosts": SideEvent.hosts.through.objects.count(),
        "logo_files": sum(1 for path in media_root.rglob("*") if path.is_file()),
        "applications": BoothApplication.objects.count(),
        "registrations": EventRegistration.objects.count(),
        "meetings": MeetingRequest.objects.count(),
    }


def test_load_demo_fair_twice_leaves_the_same_rows_and_no_new_files(demo, settings):
    first = counts(demo["media_root"])

    output = load()
    second = counts(demo["media_root"])

    assert second == first
    assert first["booths"] == 110
    assert first["zones"] == 10
    assert first["logo_files"] == 2 * first["exhibitors"]  # logo and thumbnail
    assert not settings.MEDIA_ROOT.exists() or list(settings.MEDIA_ROOT.rglob("*.png")) == []
    assert demo["output"].splitlines()[1:4] == output.splitlines()[1:4]
    assert output.splitlines()[1:] == [
        "Khu công nghiệp: 10",
        "Ngành: 12",
        "Gian hàng: 110 (đã giao 88, còn trống 18, Ban tổ chức giữ 4)",
        "Doanh nghiệp: 42 (mẫu; vẽ 0 logo)",
        "Sản phẩm: 126",
        "Sự kiện bên lề: 10",
        "Số liệu nổi bật: 9",
        "Hoạt động ghi lúc này: 0 hồ sơ đăng ký gian hàng, 0 lượt đăng ký sự kiện, 0 yêu "
        "cầu gặp gỡ B2B (lần chạy lại không ghi thêm)",
    ]
    assert "Doanh nghiệp: 42 (mẫu; vẽ 42 logo)" in demo["output"]
    assert (
        "Hoạt động ghi lúc này: 2 hồ sơ đăng ký gian hàng, 18 lượt đăng ký sự kiện, 2 yêu "
        "cầu gặp gỡ B2B" in demo["output"]
    )
    assert demo["output"].splitlines()[0] == (
        "Kỳ hội chợ: Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024 "
        "(hoi-cho-kcn-ha-noi-2024), 20/09/2024–22/09/2024, kỳ hiện tại"
    )


def test_load_demo_fair_speaks_english_when_the_operator_does():
    with translation.override("en"):
        output = load()

    assert output.splitlines()[1:4] == [
        "Zones: 10",
        "Sectors: 12",
        "Booths: 110 (assigned 88, free 18, kept by the board 4)",
    ]
    assert output.splitlines()[-1] == (
        "Activity written now: 0 booth applications, 0 sign-ups, 0 meeting requests "
        "(none on a second run)"
    )


def test_demo_exhibitors_are_all_sample_with_logo_booth_and_three_products():
    fair = Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2024")

    exhibitors = list(Exhibitor.objects.prefetch_related("products", "booths"))

    assert len(exhibitors) >= 40
    assert [e.slug for e in exhibitors if not e.is_sample] == []
    assert [e.slug for e in exhibitors if e.products.filter(is_published=True).count() < 3] == []
    assert [e.slug for e in exhibitors if not (e.logo and e.logo_thumb)] == []
    assert [e.slug for e in exhibitors if not e.booths.filter(fair=fair).exists()] == []
    assert [e.slug for e in exhibitors if not e.website.endswith(".example.vn")] == []
    assert Exhibitor.objects.filter(is_featured=True).count() == 6
    assert Product.objects.filter(sector__isnull=True).count() == 0


def test_demo_has_canon_toto_and_cp_with_their_countries():

    found = {
        e.slug: (e.name_vi, e.origin_country)
        for e in Exhibitor.objects.filter(
            slug__in=["canon-viet-nam", "toto-viet-nam", "cp-viet-nam"]
        )
    }

    assert found == {
        "canon-viet-nam": ("Canon Việt Nam", "JP"),
        "toto-viet-nam": ("TOTO Việt Nam", "JP"),
        "cp-viet-nam": ("C.P. Việt Nam", "TH"),
    }
    assert Exhibitor.objects.get(slug="canon-viet-nam").zone.slug == "kcn-thang-long"
    assert set(
        Product.objects.filter(exhibitor__slug="canon-viet-nam").values_list("name_en", flat=True)
    ) >= {"Laser printer"}


def test_demo_origin_mix_is_mostly_japanese():

    origins = list(Exhibitor.objects.values_list("origin_country", flat=True))
    share_japan = origins.count("JP") / len(origins)

    assert set(origins) == {"JP", "SG", "HK", "KR", "TH", "VN"}
    assert 0.55 <= share_japan <= 0.65


@pytest.mark.parametrize(
    "model", [IndustrialZone, Sector, Exhibitor, Product, Fair, FairFigure, SideEvent]
)
def test_demo_fills_every_translated_field_in_both_languages(model):
    fields = translator.get_options_for_model(model).fields

    empty = [
        (str(obj), f"{name}_{language}")
        for obj in model.objects.all()
        for name in fields
        for language in ("vi", "en")
        if not (getattr(obj, f"{name}_{language}") or "").strip()
    ]

    assert model.objects.exists()
    assert empty == []


def test_demo_fair_holds_the_published_facts():

    fair = Fair.objects.get(is_current=True)

    assert fair.slug == "hoi-cho-kcn-ha-noi-2024"
    assert fair.name_vi == "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024"
    assert fair.name_en == "Hanoi Industrial Zones Industrial Products Fair 2024"
    # The short names are the site's own ("Hội chợ KCN Hà Nội" / "Hanoi Industrial Zones
    # Fair" in the header), not an abbreviation English readers have not met.
    assert (fair.short_name_vi, fair.short_name_en) == (
        "Hội chợ KCN Hà Nội 2024",
        "Hanoi Industrial Zones Fair 2024",
    )
    assert (fair.starts_on, fair.ends_on) == (
        datetime.date(2024, 9, 20),
        datetime.date(2024, 9, 22),
    )
    assert (fair.opens_at, fair.closes_at, fair.last_day_closes_at) == (
        datetime.time(8, 0),
        datetime.time(17, 0),
        datetime.time(16, 0),
    )
    assert (fair.venue_vi, fair.venue_en) == (
        "Trung tâm thương mại Mê Linh",
        "Mê Linh Trade Center",
    )
    assert "Mê Linh" in fair.address_vi
    assert fair.organiser_vi == "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội"
    assert fair.organiser_en == "Hanoi Industrial and Export Processing Zones Authority"
    assert fair.map_url.startswith("https://www.openstreetmap.org/")
    assert fair.move_in_starts_at.astimezone(HANOI).date() == datetime.date(2024, 9, 18)
    assert fair.move_out_ends_at.astimezone(HANOI) == datetime.datetime(
        2024, 9, 22, 22, 0, tzinfo=HANOI
    )
    assert (fair.is_sample, fair.applications_open) == (True, True)
    assert list(fair.figures.values_list("value", flat=True)) == [
        "10", "726", "> 9,1", "27", "~60%", "6,5%", "> 300", "8%", "~167.000",
    ]  # fmt: skip


def test_demo_zones_and_sectors_are_hanois_with_folded_slugs():

    zones = dict(IndustrialZone.objects.values_list("slug", "district"))
    supporting = Sector.objects.get(slug="cong-nghiep-ho-tro")

    assert len(zones) == 10
    assert zones["kcn-thang-long"] == "Đông Anh"
    assert zones["kcn-quang-minh"] == "Mê Linh"
    assert zones["kcn-ha-noi-dai-tu"] == "Long Biên"
    assert list(IndustrialZone.objects.filter(is_sample=True).values_list("slug", flat=True)) == [
        "kcn-soc-son"
    ]
    assert set(Sector.objects.filter(parent=None).values_list("slug", flat=True)) == {
        "cong-nghe-cao", "dien", "dien-tu", "co-khi-che-tao", "thuc-pham", "duoc-pham", "y-te",
        "cong-nghiep-che-bien-che-tao", "cong-nghiep-ho-tro",
    }  # fmt: skip
    assert set(supporting.children.values_list("slug", flat=True)) == {
        "linh-kien-dien-tu",
        "linh-kien-co-khi",
        "linh-kien-cong-nghe-cao",
    }


def test_demo_programme_has_opening_seminars_matching_and_a_tour_within_the_fair():
    fair = Fair.objects.get(is_current=True)

    events = list(fair.side_events.all())
    opening = SideEvent.objects.get(slug="khai-mac-2024")
    matching = [e for e in events if e.kind == "business_matching"]

    assert len(events) >= 8
    assert opening.kind == "opening"
    assert opening.starts_at.astimezone(HANOI) == datetime.datetime(
        2024, 9, 20, 8, 30, tzinfo=HANOI
    )
    assert len(matching) >= 2
    assert {(e.slot_minutes, e.tables) for e in matching} == {(30, 20)}
    assert [e for e in events if e.kind == "tour"] != []
    assert {e.kind for e in events} == {
        "opening",
        "seminar",
        "workshop",
        "business_matching",
        "tour",
    }
    assert all(e.registration_open for e in events if e.kind == "seminar")
    assert all(e.capacity > 0 for e in events)
    for event in events:
        starts, ends = event.starts_at.astimezone(HANOI), event.ends_at.astimezone(HANOI)
        assert starts.date() == ends.date() and starts.date() in fair.days, event.slug
        assert fair.opens_at <= starts.time() < ends.time() <= fair.closing_time(starts.date())
    assert (
        SideEvent.objects.get(slug="chuoi-cung-ung-fdi-nhat-ban-2024")
        .hosts.filter(slug="canon-viet-nam")
        .exists()
    )


def test_demo_year_moves_every_date_by_the_same_days_and_becomes_current():
    output = load("--year", "2027")
    old = Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2024")
    new = Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2027")
    shift = datetime.date(2027, 9, 20) - datetime.date(2024, 9, 20)

    old_events = {e.slug.removesuffix("-2024"): e for e in old.side_events.all()}
    new_events = {e.slug.removesuffix("-2027"): e for e in new.side_events.all()}

    assert "hoi-cho-kcn-ha-noi-2027" in output
    assert list(Fair.objects.filter(is_current=True)) == [new]
    assert new.name_vi.endswith(" 2027") and new.name_en.endswith(" 2027")
    assert (new.starts_on, new.ends_on) == (datetime.date(2027, 9, 20), datetime.date(2027, 9, 22))
    assert new.starts_on - old.starts_on == shift
    assert new.ends_on - old.ends_on == shift
    assert new.move_in_starts_at - old.move_in_starts_at == shift
    assert new.move_out_ends_at - old.move_out_ends_at == shift
    assert sorted(new_events) == sorted(old_events)
    assert len(new_events) >= 8
    for base, event in new_events.items():
        assert event.starts_at - old_events[base].starts_at == shift, base
        assert event.ends_at - old_events[base].ends_at == shift, base
    assert new.figures.count() == old.figures.count() == 9


def test_demo_year_reuses_exhibitors_and_gives_them_booths_in_the_new_fair():
    before = Exhibitor.objects.count()

    load("--year", "2027")
    load("--year", "2027")

    assert Exhibitor.objects.count() == before
    assert Booth.objects.filter(fair__slug="hoi-cho-kcn-ha-noi-2027").count() == 110
    assert Booth.objects.filter(fair__slug="hoi-cho-kcn-ha-noi-2024").count() == 110
    canon = Exhibitor.objects.get(slug="canon-viet-nam")
    assert sorted(canon.booths.values_list("fair__slug", "code")) == [
        ("hoi-cho-kcn-ha-noi-2024", "B01"),
        ("hoi-cho-kcn-ha-noi-2024", "B02"),
        ("hoi-cho-kcn-ha-noi-2027", "B01"),
        ("hoi-cho-kcn-ha-noi-2027", "B02"),
    ]


def test_demo_search_dien_tu_finds_the_electronics_exhibitors():
    electronics = set(
        Exhibitor.objects.filter(sectors__slug__in=["dien-tu", "linh-kien-dien-tu"]).values_list(
            "slug", flat=True
        )
    )

    found = set(filter_by_words(Exhibitor.objects.all(), "dien tu").values_list("slug", flat=True))

    assert len(electronics) == 7
    assert electronics <= found
    assert "canon-viet-nam" in found
    assert "cp-viet-nam" not in found
    assert set(
        filter_by_words(Exhibitor.objects.all(), "may in canon").values_list("slug", flat=True)
    ) == {"canon-viet-nam"}
    assert set(
        filter_by_words(Product.objects.all(), "may in laser").values_list("name_en", flat=True)
    ) == {"Laser printer"}
    assert "Toilet" in set(
        filter_by_words(Product.objects.all(), "bon cau").values_list("name_en", flat=True)
    )


def test_demo_search_text_and_sort_keys_match_the_rebuild():

    for exhibitor in Exhibitor.objects.all():
        assert (exhibitor.search_text, exhibitor.search_text_en) == exhibitor.build_search_texts()
        assert bytes(exhibitor.name_sort) == sort_key(exhibitor.name_vi), exhibitor.slug
    for product in Product.objects.select_related("exhibitor", "sector"):
        assert (product.search_text, product.search_text_en) == product.build_search_texts()
        assert bytes(product.name_sort) == sort_key(product.name_vi), product.name_vi


def test_demo_tax_codes_pass_the_check_digit_and_are_unique():

    codes = list(Exhibitor.objects.values_list("tax_code", flat=True))

    for code in codes:
        validate_tax_code(code)
    assert len(set(codes)) == len(codes) >= 40


def test_demo_booths_stand_in_halls_without_overlapping():
    booths = list(Booth.objects.filter(fair__slug="hoi-cho-kcn-ha-noi-2024"))

    by_hall = {
        hall: list(group)
        for hall, group in itertools.groupby(sorted(booths, key=lambda b: b.hall), lambda b: b.hall)
    }

    assert {hall: len(group) for hall, group in by_hall.items()} == {"A": 50, "B": 40, "C": 20}
    assert [b.code for b in by_hall["A"]] == [f"A{n:02d}" for n in range(1, 51)]
    for group in by_hall.values():
        for one, other in itertools.combinations(group, 2):
            apart = (
                one.plan_x + one.plan_w <= other.plan_x
                or other.plan_x + other.plan_w <= one.plan_x
                or one.plan_y + one.plan_h <= other.plan_y
                or other.plan_y + other.plan_h <= one.plan_y
            )
            assert apart, (one.code, other.code)
    for booth in booths:
        assert (booth.plan_w, booth.plan_h) == (booth.width_m * 10, booth.depth_m * 10), booth.code
    sizes = {(b.kind, b.width_m, b.depth_m, b.price_vnd) for b in booths}
    assert sizes == {
        ("standard", 3, 3, 12_000_000),
        ("corner", 3, 3, 14_000_000),
        ("premium", 6, 3, 26_000_000),
        ("raw_space", 6, 6, 30_000_000),
    }
    kept = [b.code for b in booths if b.is_blocked]
    assert kept == ["A01", "A41", "B31", "C01"]
    assert all(b.exhibitor_id is None and b.fascia_name for b in booths if b.is_blocked)


def test_demo_refuses_a_year_out_of_range():
    with pytest.raises(CommandError):
        load("--year", "1999")

    assert list(Fair.objects.values_list("slug", flat=True)) == ["hoi-cho-kcn-ha-noi-2024"]


def test_demo_names_hanois_zones_industrial_zones_in_english_everywhere():
    english = [
        *IndustrialZone.objects.values_list("name_en", "description_en"),
        *SideEvent.objects.values_list("title_en", "summary_en", "description_en"),
        *Exhibitor.objects.values_list("description_en", "address_en"),
    ]

    text = " ".join(part for row in english for part in row).lower()

    assert "industrial park" not in text
    assert IndustrialZone.objects.get(slug="kcn-thang-long").name_en == "Thang Long Industrial Zone"
    tour = SideEvent.objects.get(slug="tham-quan-kcn-quang-minh-2024")
    assert tour.title_en == "Tour of Quang Minh Industrial Zone"


def test_demo_footer_gives_companies_the_address_the_boards_mails_reply_to(client, settings):
    page = client.get("/").content.decode()

    assert f'E-mail: <a href="mailto:{settings.BOARD_EMAIL}">' in page
    assert Fair.objects.get(is_current=True).email == settings.BOARD_EMAIL
