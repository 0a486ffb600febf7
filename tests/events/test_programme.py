import datetime

import pytest

from events.models import SideEvent
from tests.events.conftest import at
from tests.factories import make_event, make_exhibitor, make_fair

pytestmark = pytest.mark.django_db


def test_programme_groups_events_by_day_with_time_room_kind_and_seats(client, fair, seminar):
    make_event(
        fair,
        kind=SideEvent.Kind.OPENING,
        title_vi="Lễ khai mạc",
        slug="le-khai-mac",
        starts_at=at(8, 30),
        capacity=0,
    )
    make_event(fair, title_vi="Tọa đàm ngày 2", slug="toa-dam-ngay-2", starts_at=at(10, day=21))

    response = client.get("/events/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "20/09/2024" in html and "21/09/2024" in html
    assert (
        html.index("Lễ khai mạc")
        < html.index("Hội thảo chuỗi cung ứng")
        < html.index("Tọa đàm ngày 2")
    )
    assert "08:30" in html and "09:00" in html
    assert "Phòng hội thảo 1" in html
    assert "còn 2 chỗ" in html
    assert 'href="/events/hoi-thao-chuoi-cung-ung/"' in html


def test_programme_filters_by_several_kinds(client, fair, seminar, session):
    make_event(fair, kind=SideEvent.Kind.TOUR, title_vi="Tham quan KCN", slug="tham-quan")

    response = client.get("/events/", {"kind": ["business_matching", "tour"]})

    html = response.content.decode()
    assert "Kết nối doanh nghiệp ngày 1" in html
    assert "Tham quan KCN" in html
    assert "Hội thảo chuỗi cung ứng" not in html


def test_a_tour_is_called_a_tour_in_english_not_the_menus_visit(client, fair):
    make_event(fair, kind=SideEvent.Kind.TOUR, title_vi="Tham quan KCN", slug="tham-quan")

    programme = client.get("/en/events/").content.decode()
    tour = client.get("/en/events/tham-quan/").content.decode()
    vi = client.get("/events/").content.decode()

    assert '<input type="checkbox" name="kind" value="tour"> Tour</label>' in programme
    assert '<p class="event-meta"><span class="badge">Tour</span>' in programme
    assert '<p><span class="badge">Tour</span></p>' in tour
    assert '<input type="checkbox" name="kind" value="tour"> Tham quan</label>' in vi
    assert '<a href="/en/visit/">Visit</a>' in programme  # the menu keeps its word


def test_programme_ignores_unknown_kind_and_other_fairs(client, fair, seminar):
    old = make_fair(
        is_current=False,
        slug="hoi-cho-2023",
        starts_on=datetime.date(2023, 9, 20),
        ends_on=datetime.date(2023, 9, 22),
    )
    make_event(
        old,
        title_vi="Hội thảo năm trước",
        slug="hoi-thao-2023",
        starts_at=datetime.datetime(2023, 9, 20, 9, tzinfo=at(9).tzinfo),
    )

    response = client.get("/events/", {"kind": "xyz"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hội thảo chuỗi cung ứng" in html
    assert "Hội thảo năm trước" not in html


def test_programme_in_english_shows_english_titles(client, seminar):
    response = client.get("/en/events/")

    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Electronics components supply chain seminar" in html


def test_event_page_shows_time_room_speakers_hosts_and_seats(client, seminar):
    host = make_exhibitor(name_vi="TOTO Việt Nam", slug="toto-viet-nam")
    hidden = make_exhibitor(name_vi="Ẩn danh", slug="an-danh", is_published=False)
    seminar.hosts.set([host, hidden])

    response = client.get("/events/hoi-thao-chuoi-cung-ung/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "20/09/2024, 09:00" in html and "11:00" in html
    assert "TS. Nguyễn Văn An" in html and "Bà Trần Thị Bình" in html
    assert "TOTO Việt Nam" in html
    assert "Ẩn danh" not in html
    assert "2 / 2" in html
    assert 'name="email"' in html
    assert 'href="/events/hoi-thao-chuoi-cung-ung/event.ics"' in html


def test_a_tours_meeting_point_is_labelled_as_its_place_not_a_room(client, fair):
    make_event(
        fair,
        kind=SideEvent.Kind.TOUR,
        slug="tham-quan-kcn-quang-minh",
        room_vi="Điểm hẹn: cổng chính",
        room_en="Meeting point: main entrance",
    )

    vi = client.get("/events/tham-quan-kcn-quang-minh/").content.decode()
    en = client.get("/en/events/tham-quan-kcn-quang-minh/").content.decode()

    assert "<dt>Địa điểm</dt><dd>Điểm hẹn: cổng chính</dd>" in vi
    assert "<dt>Venue</dt><dd>Meeting point: main entrance</dd>" in en
    assert "<dt>Phòng</dt>" not in vi and "<dt>Room</dt>" not in en


def test_event_page_links_hosts_to_their_profiles(client, seminar):
    host = make_exhibitor(name_vi="TOTO Việt Nam", slug="toto-viet-nam")
    seminar.hosts.set([host])

    html = client.get("/events/hoi-thao-chuoi-cung-ung/").content.decode()

    assert 'href="/exhibitors/toto-viet-nam/"' in html
    assert "TOTO Việt Nam" in html


def test_event_of_past_fair_is_reachable_but_closed(client, fair):
    old = make_fair(
        is_current=False,
        slug="hoi-cho-2023",
        starts_on=datetime.date(2023, 9, 20),
        ends_on=datetime.date(2023, 9, 22),
    )
    make_event(old, title_vi="Hội thảo năm trước", slug="hoi-thao-2023", registration_open=True)

    response = client.get("/events/hoi-thao-2023/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hội thảo năm trước" in html
    assert 'name="email"' not in html
    assert "không nhận đăng ký" in html


def test_events_not_taking_registrations_show_no_seats_left(client, fair, seminar, fair_clock):
    # Walk-in only (the board keeps online registration closed), and a seminar that has
    # begun: "300 places left" beside "not open for registration" misleads a visitor.
    make_event(
        fair,
        kind=SideEvent.Kind.OPENING,
        title_vi="Lễ khai mạc",
        slug="le-khai-mac",
        starts_at=at(8, 30, day=21),
        capacity=300,
        registration_open=False,
    )
    make_event(fair, title_vi="Tọa đàm ngày 2", slug="toa-dam-ngay-2", starts_at=at(14, day=21))
    fair_clock.set(at(10, day=20))  # the seminar (09:00 on 20/09) has begun

    programme = client.get("/events/").content.decode()
    opening = client.get("/events/le-khai-mac/").content.decode()
    begun = client.get("/events/hoi-thao-chuoi-cung-ung/").content.decode()

    assert "còn 300 chỗ" not in programme and "còn 2 chỗ" not in programme
    assert "còn 50 chỗ" in programme  # the afternoon's panel still takes sign-ups
    assert "Chỗ còn lại" not in opening and "300 / 300" not in opening
    assert "Chỗ còn lại" not in begun and "2 / 2" not in begun


def test_event_page_unknown_slug_is_404(client, fair):
    assert client.get("/events/khong-co/").status_code == 404


def _programme_data(fair, size):
    # Every other event and host has no English: English pages show their Vietnamese.
    for n in range(size):
        no_english = {"title_en": "", "summary_en": "", "room_en": ""} if n % 2 else {}
        event = make_event(
            fair,
            slug=f"su-kien-{size}-{n}",
            starts_at=at(8 + n % 9, day=20 + n % 3),
            summary_vi="Tóm tắt.",
            **no_english,
        )
        event.hosts.set([make_exhibitor(name_en="" if n % 2 else f"Host {n}")])


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["vi", "en"])
@pytest.mark.parametrize("size", [3, 30])
def test_programme_runs_fixed_queries(client, fair, size, django_assert_num_queries, prefix):
    _programme_data(fair, size)
    client.get(f"{prefix}/events/")  # warm the session-less path

    # the events (the current fair is in the cache since the first request)
    with django_assert_num_queries(1):
        response = client.get(f"{prefix}/events/", {"kind": ["seminar", "workshop"]})
    assert response.content.decode().count('class="event-item') == size


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["vi", "en"])
@pytest.mark.parametrize("hosts", [1, 12])
def test_event_page_runs_fixed_queries(client, fair, hosts, django_assert_num_queries, prefix):
    event = make_event(
        fair,
        slug="hoi-thao-so-truy-van",
        title_en="",
        description_vi="Nội dung.",
        speakers_vi="Ông A",
    )
    event.hosts.set([make_exhibitor(name_en="" if n % 2 else f"Host {n}") for n in range(hosts)])

    # event + fair, hosts, the current fair once (then from the cache)
    with django_assert_num_queries(3):
        response = client.get(f"{prefix}/events/hoi-thao-so-truy-van/")
    assert response.status_code == 200


def test_seats_left_are_grouped_in_thousands_in_each_language(client, fair, seminar):
    SideEvent.objects.filter(pk=seminar.pk).update(capacity=10_000, seats_taken=500)

    vi = client.get("/events/").content.decode()
    en = client.get("/en/events/").content.decode()
    detail = client.get(f"/events/{seminar.slug}/").content.decode()

    assert "còn 9.500 chỗ" in vi
    assert "9,500 places left" in en
    assert "9.500 / 10.000" in detail


def _take_a_seat(event, email="lan@example.vn"):
    from events.services import register_attendee

    data = {"name": "Lan", "email": email, "phone": "0912345678", "consent": True}
    register_attendee(event=event, data=data, language="vi")


def _built_without_the_page_cache(path):
    from django.test import Client, override_settings

    with override_settings(PUBLIC_CACHE_SECONDS=0):
        return Client().get(path).content.decode()


@pytest.mark.parametrize(
    ("path", "before", "after"),
    [
        ("/events/", "còn 2 chỗ", "còn 1 chỗ"),
        ("/en/events/", "2 places left", "1 place left"),
        ("/events/?kind=seminar&kind=opening", "còn 2 chỗ", "còn 1 chỗ"),
    ],
)
def test_after_a_seat_is_taken_the_programme_is_rebuilt_from_the_seats_alone(
    client, fair, seminar, path, before, after, django_assert_num_queries
):
    make_event(fair, kind=SideEvent.Kind.OPENING, slug="khai-mac", starts_at=at(8), capacity=0)
    _programme_data(fair, 6)
    assert before in client.get(path).text

    _take_a_seat(seminar)
    with django_assert_num_queries(1) as queries:  # the seats left
        rebuilt = client.get(path)
    sql = queries.captured_queries[0]["sql"]  # (read before the next request clears it)

    assert rebuilt["X-Cache"] == "miss" and after in rebuilt.text
    assert rebuilt.content.decode() == _built_without_the_page_cache(path)
    # The titles, rooms and times come from the first build, kept beside the page, and
    # so does the rest of the page: no template is gone through again.
    assert "title" not in sql
    assert rebuilt.templates == []


def test_a_programme_address_with_other_words_is_not_kept_a_second_time(client, fair, seminar):
    # Whatever a shared link adds (?x=1) makes one more cached page; the copy without
    # seats, as large as the page unzipped, is kept for the programme and its kinds only.
    assert "còn 2 chỗ" in client.get("/events/?x=1").text

    _take_a_seat(seminar)
    rebuilt = client.get("/events/?x=1")

    assert rebuilt["X-Cache"] == "miss" and "còn 1 chỗ" in rebuilt.text
    assert rebuilt.templates != []  # built the plain way: nothing was kept without seats


def test_a_title_holding_the_seats_mark_still_gives_the_right_seats(client, fair, seminar):
    # The kept programme marks where seats go with a control character; a title pasted
    # with one in it must not mix up which seats are whose.
    make_event(fair, title_vi="Tọa đàm \x1e 7 \x1e", slug="toa-dam-dau", capacity=7)
    first = client.get("/events/")
    assert first.status_code == 200 and "còn 7 chỗ" in first.text

    _take_a_seat(seminar)
    rebuilt = client.get("/events/")

    assert (
        rebuilt.status_code == 200 and "còn 1 chỗ" in rebuilt.text and "còn 7 chỗ" in rebuilt.text
    )
    assert rebuilt.content.decode() == _built_without_the_page_cache("/events/")


def test_the_last_seat_taken_shows_the_waiting_list_on_the_rebuilt_programme(client, fair, seminar):
    assert "còn 2 chỗ" in client.get("/events/").text

    _take_a_seat(seminar, "a@example.vn")
    _take_a_seat(seminar, "b@example.vn")

    assert "hết chỗ, nhận danh sách chờ" in client.get("/events/").text


def test_an_event_moved_in_without_a_signal_shows_once_the_seats_change(client, fair, seminar):
    # An event that came after this page's data version was read: the kept markup
    # lacks it, and the page is built from every event instead.
    other = make_event(make_fair(is_current=False), title_vi="Tọa đàm chuyển sang", slug="chuyen")
    client.get("/events/")
    SideEvent.objects.filter(pk=other.pk).update(fair=fair)  # update(): no signal

    _take_a_seat(seminar)
    page = client.get("/events/")

    assert "Tọa đàm chuyển sang" in page.text and "còn 1 chỗ" in page.text


def test_during_the_fair_the_programme_marks_what_is_on_and_what_is_over(
    client, fair, seminar, fair_clock
):
    make_event(fair, title_vi="Lễ khai mạc", slug="le-khai-mac", starts_at=at(7), capacity=0)
    make_event(fair, title_vi="Tọa đàm chiều", slug="toa-dam-chieu", starts_at=at(14))
    fair_clock.set(at(10, day=20))  # the opening (07:00–09:00) is over, the seminar is on

    html = client.get("/events/").content.decode()
    english = client.get("/en/events/").content.decode()

    def meta(title):
        item = html[html.index(title) :]
        return item[item.index('class="event-meta"') : item.index("</p>")]

    assert meta("Lễ khai mạc").endswith('<span class="event-state event-over">Đã kết thúc</span>')
    assert meta("Hội thảo chuỗi cung ứng").endswith(
        '<span class="event-state event-now">Đang diễn ra</span>'
    )
    assert "event-state" not in meta("Tọa đàm chiều") and "còn 50 chỗ" in meta("Tọa đàm chiều")
    assert ">Over</span>" in english and ">On now</span>" in english


def test_before_the_fair_the_programme_marks_nothing(client, fair, seminar):
    assert "event-state" not in client.get("/events/").content.decode()


@pytest.mark.parametrize(
    ("prefix", "link"),
    [
        (
            "",
            '<a class="button button-secondary" href="/exhibitors/">Xem doanh nghiệp tham gia</a>',
        ),
        ("/en", '<a class="button button-secondary" href="/en/exhibitors/">See the exhibitors</a>'),
    ],
    ids=["vi", "en"],
)
def test_matching_session_page_leads_to_the_exhibitors_to_ask_for_a_meeting(
    client, session, prefix, link
):
    # The page says "choose an exhibitor and send a request from its page": the visitor
    # gets there in one tap, not by finding the directory in the menu.
    html = client.get(f"{prefix}/events/{session.slug}/").text

    assert link in html


def test_matching_session_page_over_has_no_link_to_ask_for_a_meeting(client, session, fair_clock):
    fair_clock.set(at(17, day=20))  # the session (14:00–16:00 on 20/09) is over

    html = client.get(f"/events/{session.slug}/").text

    assert "Xem doanh nghiệp tham gia" not in html


@pytest.mark.parametrize(
    ("prefix", "heading", "not_said"),
    [
        ("", "Tham gia phiên kết nối", "Đăng ký tham dự"),
        ("/en", "Join the matching session", "Register to attend"),
    ],
    ids=["vi", "en"],
)
def test_matching_session_page_does_not_invite_to_register(
    client, session, seminar, prefix, heading, not_said
):
    # It takes meeting requests from the exhibitors' pages; nobody registers for it.
    matching = client.get(f"{prefix}/events/{session.slug}/").text
    seminar_page = client.get(f"{prefix}/events/{seminar.slug}/").text

    assert f'<h2 id="register-title">{heading}</h2>' in matching
    assert not_said not in matching
    assert f'<h2 id="register-title">{not_said}</h2>' in seminar_page


def test_programme_finds_seminars_typed_without_diacritics(client, fair, seminar, session):
    make_event(
        fair,
        kind=SideEvent.Kind.SEMINAR,
        title_vi="Sản xuất dược phẩm đạt chuẩn GMP",
        title_en="Pharmaceutical manufacturing to GMP standards",
        slug="gmp-duoc-pham",
        starts_at=at(9, day=22),
    )

    seminars = client.get("/events/", {"q": "hoi thao"}).content.decode()
    pharma = client.get("/events/", {"q": "duoc pham"}).content.decode()

    # "Hội thảo" is the seminars' kind even where the title does not say it.
    assert "Hội thảo chuỗi cung ứng" in seminars
    assert "Sản xuất dược phẩm đạt chuẩn GMP" in seminars
    assert "Kết nối doanh nghiệp ngày 1" not in seminars
    assert 'name="q" value="hoi thao"' in seminars
    assert "Sản xuất dược phẩm đạt chuẩn GMP" in pharma
    assert "Hội thảo chuỗi cung ứng" not in pharma


def test_programme_search_in_english_and_with_no_match(client, fair, seminar, session):
    english = client.get("/en/events/", {"q": "seminars"}).content.decode()
    nothing = client.get("/events/", {"q": "co khi"}).content.decode()

    assert "Electronics components supply chain seminar" in english
    assert "Business matching day 1" not in english
    assert "Không có sự kiện nào khớp với “co khi”." in nothing
    assert "Hội thảo chuỗi cung ứng" not in nothing


def test_programme_searched_names_the_words_in_its_title_and_says_how_many_match(
    client, fair, seminar, session
):
    vi = client.get("/events/", {"q": "hội thảo"}).content.decode()
    en = client.get("/en/events/", {"q": "<b>seminar</b>"}).content.decode()
    plain = client.get("/events/").content.decode()

    assert "<title>“hội thảo” · Chương trình sự kiện · Hội chợ KCN Hà Nội</title>" in vi
    assert '<p class="muted" role="status">1 sự kiện khớp với “hội thảo”.</p>' in vi
    assert (
        "<title>“&lt;b&gt;seminar&lt;/b&gt;” · Event programme · Hanoi Industrial Zones Fair</title>"
    ) in en
    assert "<title>Chương trình sự kiện · Hội chợ KCN Hà Nội</title>" in plain
    assert "khớp với" not in plain


def test_directory_with_no_exhibitor_found_points_to_the_programme(client, fair):
    response = client.get("/exhibitors/", {"q": "hoi thao"})

    html = response.content.decode()
    assert '<a href="/events/?q=hoi%20thao">Tìm “hoi thao” trong chương trình sự kiện</a>' in html
