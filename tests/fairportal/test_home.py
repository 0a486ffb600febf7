import datetime

import pytest
from django.utils import timezone

from booths.models import EventPlace
from events.models import FairFigure
from fairportal import home
from tests.factories import make_booth, make_event, make_exhibitor, make_fair, make_sector

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def test_home_before_fair_counts_down_and_lists_programme_ahead(client, fair_on, today):
    fair = fair_on(10)
    make_event(fair=fair, title_vi="Hội thảo công nghiệp hỗ trợ", starts_at=at(fair.starts_on, 9))

    response = client.get("/")

    assert response.context["phase"] == "before"
    assert "Còn 10 ngày" in response.text
    assert "Hội thảo công nghiệp hỗ trợ" in response.text
    assert "Cảm ơn quý khách!" not in response.text


def test_home_during_fair_shows_todays_events_and_hours(client, fair_on, today):
    fair = fair_on(-1, closes_at=datetime.time(17, 30))
    make_event(fair=fair, title_vi="Kết nối doanh nghiệp hôm nay", starts_at=at(today, 14))
    make_event(
        fair=fair, title_vi="Khai mạc hôm qua", starts_at=at(today - datetime.timedelta(days=1), 9)
    )

    response = client.get("/")

    assert response.context["phase"] == "during"
    assert "Ngày thứ hai của hội chợ" in response.text
    assert "Hôm nay mở cửa 08:00–17:30" in response.text
    assert "Kết nối doanh nghiệp hôm nay" in response.text and "14:00" in response.text
    assert "Khai mạc hôm qua" not in response.text


@pytest.mark.parametrize(
    ("began", "vi", "en"),
    [
        (0, "Ngày đầu tiên của hội chợ", "First day of the fair"),
        (-1, "Ngày thứ hai của hội chợ", "Second day of the fair"),
        (-2, "Ngày thứ ba của hội chợ", "Third day of the fair"),
    ],
)
def test_home_during_fair_counts_its_days_in_words_not_like_a_weekday(
    client, fair_on, began, vi, en
):
    fair_on(began)

    vi_page, en_page = client.get("/").text, client.get("/en/").text

    assert f'<p class="phase-big">{vi}</p>' in vi_page
    assert f'<p class="phase-big">{en}</p>' in en_page


def test_a_fair_day_beyond_the_tenth_is_counted_in_figures():
    assert home.fair_day_name(10) == "Ngày thứ mười của hội chợ"
    assert home.fair_day_name(11) == "Ngày thứ 11 của hội chợ"


def test_home_after_fair_thanks_and_keeps_the_archive(client, fair_on, today):
    fair = fair_on(-30)
    make_event(fair=fair, title_vi="Hội thảo đã diễn ra", starts_at=at(fair.starts_on, 9))
    make_booth(fair=fair, exhibitor=make_exhibitor())

    response = client.get("/")

    assert response.context["phase"] == "after"
    assert "Cảm ơn quý khách!" in response.text
    assert "1 doanh nghiệp trưng bày" in response.text
    assert "Hội thảo đã diễn ra" in response.text


def test_home_shows_board_figures_in_the_page_language(client, fair_on):
    fair = fair_on(10)
    FairFigure.objects.create(
        fair=fair,
        value="726",
        label_vi="dự án đang hoạt động",
        label_en="projects in operation",
        position=1,
    )
    FairFigure.objects.create(
        fair=fair, value="10", label_vi="khu công nghiệp", label_en="industrial zones", position=0
    )

    vi = client.get("/")
    en = client.get("/en/")

    assert [f.value for f in vi.context["figures"]] == ["10", "726"]
    assert "dự án đang hoạt động" in vi.text
    assert "projects in operation" in en.text


def test_home_figures_are_written_in_the_readers_notation(client, fair_on):
    fair = fair_on(10)
    for position, value in enumerate(["> 9,1", "~167.000", "6,5%", "1.234,5"]):
        FairFigure.objects.create(fair=fair, value=value, label_vi="x", position=position)

    vi = client.get("/").text
    en = client.get("/en/").text

    for value in ["&gt; 9,1", "~167.000", "6,5%", "1.234,5"]:
        assert f"<strong>{value}</strong>" in vi
    for value in ["&gt; 9.1", "~167,000", "6.5%", "1,234.5"]:
        assert f"<strong>{value}</strong>" in en


def test_home_sectors_link_to_filtered_directory_and_featured_exhibitors(client, fair_on):
    fair = fair_on(10)
    electronics = make_sector(name_vi="Điện tử", slug="dien-tu")
    make_sector(name_vi="Ngành trống", slug="nganh-trong")
    make_booth(
        fair=fair,
        exhibitor=make_exhibitor(name_vi="Canon Việt Nam", is_featured=True, sectors=[electronics]),
    )

    response = client.get("/")

    assert 'href="/exhibitors/?sector=dien-tu"' in response.text
    assert "nganh-trong" not in response.text
    assert [e.name for e in response.context["featured"]] == ["Canon Việt Nam"]


def test_home_sector_counts_take_in_their_sub_sectors(client, fair_on):
    fair = fair_on(10)
    support = make_sector(name_vi="Công nghiệp hỗ trợ", slug="cong-nghiep-ho-tro")
    parts = make_sector(name_vi="Linh kiện điện tử", slug="linh-kien-dien-tu", parent=support)
    for name, sectors in [("Bảng Mạch", [parts]), ("Cả Hai", [support, parts])]:
        make_booth(fair=fair, exhibitor=make_exhibitor(name_vi=name, sectors=sectors))

    response = client.get("/")

    # Only top-level sectors, each with what the directory finds behind its link.
    assert [(s.slug, s.count) for s in response.context["sectors"]] == [("cong-nghiep-ho-tro", 2)]
    assert "2 doanh nghiệp" in response.text


def test_home_without_fair_still_answers(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert "Chưa có kỳ hội chợ nào được công bố." in response.text
    title = "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội"
    assert f"<title>{title}</title>" in response.text


def test_home_head_has_title_description_canonical_alternates_and_open_graph(client, fair_on):
    fair_on(10)

    response = client.get("/en/")

    text = response.text
    assert "<title>Hanoi Industrial Zones Industrial Products Fair 2024</title>" in text
    assert '<meta name="description"' in text
    assert '<link rel="canonical" href="https://hoicho.example.vn/en/">' in text
    assert '<link rel="alternate" hreflang="vi" href="https://hoicho.example.vn/">' in text
    assert '<link rel="alternate" hreflang="en" href="https://hoicho.example.vn/en/">' in text
    assert '<meta property="og:url" content="https://hoicho.example.vn/en/">' in text
    assert '<meta property="og:locale" content="en_US">' in text
    assert text.count("<h1") == 1
    assert "style=" not in text and "<script>" not in text


def test_home_description_names_the_fair_in_full(client, fair_on):
    fair = fair_on(10)

    text = client.get("/").text

    start, end = fair.starts_on.strftime("%d/%m/%Y"), fair.ends_on.strftime("%d/%m/%Y")
    assert (
        '<meta name="description" content="Hội chợ sản phẩm công nghiệp trong các khu công '
        f"nghiệp Hà Nội, {start}–{end} tại {fair.venue}: doanh nghiệp, sản phẩm, hội thảo "
        'và kết nối doanh nghiệp.">'
    ) in text


def test_home_language_switch_is_plain_links(client, fair_on):
    fair_on(10)

    vi = client.get("/")
    en = client.get("/en/")

    assert '<a href="/en/" hreflang="en" lang="en"' in vi.text
    assert '<a href="/" hreflang="vi" lang="vi"' in en.text


def test_language_links_are_read_by_their_names_not_two_letters(client, fair_on):
    fair_on(10)

    vi = client.get("/").text

    # A screen reader hears "EN · English" (the visible "EN" stays in the name).
    assert (
        '<a href="/en/" hreflang="en" lang="en">EN<span class="visually-hidden"> · English'
        "</span></a>"
    ) in vi
    assert (
        '<span aria-current="true" lang="vi">VI<span class="visually-hidden"> · Tiếng Việt'
        "</span></span>"
    ) in vi


def test_home_follows_the_fairs_clock_not_the_machines_date(client, fair_clock):
    fair = make_fair(is_current=True)  # 20–22/09/2024, long before the machine's date
    make_event(fair=fair, title_vi="Phiên kết nối ngày hai", starts_at=at(fair.starts_on, 9))
    second_day = fair.starts_on + datetime.timedelta(days=1)
    make_event(fair=fair, title_vi="Tọa đàm ngày hai", starts_at=at(second_day, 14))

    fair_clock.set(at(second_day, 10))
    during = client.get("/")
    fair_clock.set(at(fair.starts_on - datetime.timedelta(days=3), 10))
    before = client.get("/")

    assert "Ngày thứ hai của hội chợ" in during.text and "Tọa đàm ngày hai" in during.text
    assert "Cảm ơn quý khách!" not in during.text
    assert "Còn 3 ngày" in before.text


def test_home_during_fair_marks_todays_events_on_now_and_over(client, fair_on, today, fair_clock):
    fair = fair_on(0)
    make_event(fair=fair, title_vi="Khai mạc", starts_at=at(today, 8))  # 08:00–10:00
    make_event(fair=fair, title_vi="Hội thảo sáng", starts_at=at(today, 10))  # 10:00–12:00
    make_event(fair=fair, title_vi="Kết nối chiều", starts_at=at(today, 14))
    fair_clock.set(at(today, 10) + datetime.timedelta(minutes=30))

    html = client.get("/").text
    english = client.get("/en/").text

    def line(title):
        item = html[html.index(title) :]
        return item[: item.index("</li>")]

    assert '<span class="event-state event-over">Đã kết thúc</span>' in line("Khai mạc")
    assert '<span class="event-state event-now">Đang diễn ra</span>' in line("Hội thảo sáng")
    assert "event-state" not in line("Kết nối chiều")
    assert ">Over</span>" in english and ">On now</span>" in english


@pytest.mark.parametrize(
    ("start_offset", "prefix", "words"),
    [(10, "", "Xem trên sơ đồ"), (0, "/en", "See on the floor plan")],
    ids=["before-vi", "during-en"],
)
def test_home_links_each_event_to_its_place_on_the_floor_plan(
    client, fair_on, today, start_offset, prefix, words
):
    fair = fair_on(start_offset)
    room = EventPlace.objects.create(
        fair=fair, kind=EventPlace.Kind.SEMINAR_ROOM, name_vi="Phòng hội thảo 2", hall="A"
    )
    make_event(fair=fair, place=room, room_vi="", room_en="", starts_at=at(fair.starts_on, 23))
    make_event(fair=fair, starts_at=at(fair.starts_on, 22))  # no place: no link

    html = client.get(f"{prefix}/").content.decode()

    name = "Phòng hội thảo 2" if not prefix else '<span lang="vi">Phòng hội thảo 2</span>'
    assert html.count('class="place-link"') == 1
    assert (
        f" · {name} · "
        f'<a class="place-link" href="{prefix}/floor-plan/#place-{room.pk}">{words}'
        f'<span class="visually-hidden">: {name}</span></a>'
    ) in html
