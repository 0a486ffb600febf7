"""GET /api/v1/events/, /fairs/, /sectors/, /zones/: the programme and the reference data."""

import datetime

from django.utils import timezone

from booths.models import EventPlace
from events import services
from events.models import SideEvent
from tests.factories import HANOI, make_event, make_exhibitor, make_fair, make_sector, make_zone


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


def at(day, hour):
    return datetime.datetime(2024, 9, day, hour, 0, tzinfo=HANOI)


def test_event_list_gives_the_programme_of_the_fair_with_seats_left(client, fair):
    canon = make_exhibitor(slug="canon-viet-nam")
    seminar = make_event(
        fair,
        slug="hoi-thao-cnht",
        title_vi="Hội thảo công nghiệp hỗ trợ",
        title_en="Supporting industry seminar",
        room_vi="Phòng 1",
        room_en="Room 1",
        capacity=50,
        starts_at=at(20, 9),
    )
    seminar.hosts.set([canon])
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=47)
    make_event(make_fair(slug="hoi-cho-2023", is_current=False), slug="ky-truoc")

    rows = client.get("/api/v1/events/").json()["results"]

    assert len(rows) == 1
    row = rows[0]
    assert row["url"] == "http://testserver/api/v1/events/hoi-thao-cnht/"
    assert row["fair"] == "hoi-cho-2024"
    assert row["kind"] == "seminar"
    assert row["title"] == {
        "vi": "Hội thảo công nghiệp hỗ trợ",
        "en": "Supporting industry seminar",
    }
    assert row["room"] == {"vi": "Phòng 1", "en": "Room 1"}
    assert row["starts_at"] == "2024-09-20T09:00:00+07:00"
    assert row["ends_at"] == "2024-09-20T11:00:00+07:00"
    assert (row["capacity"], row["seats_left"], row["registration_open"]) == (50, 3, True)
    assert [host["slug"] for host in row["hosts"]] == ["canon-viet-nam"]
    assert row["page_url"]["en"] == "http://testserver/en/events/hoi-thao-cnht/"
    assert row["place"] is None


def test_event_gives_its_place_on_the_floor_plan_with_the_plan_links(client, fair):
    hall = EventPlace.objects.create(
        fair=fair,
        kind=EventPlace.Kind.SEMINAR_ROOM,
        name_vi="Phòng hội thảo 2",
        name_en="Seminar room 2",
        hall="B",
    )
    make_event(fair, slug="hoi-thao", place=hall)

    row = client.get("/api/v1/events/").json()["results"][0]
    detail = client.get("/api/v1/events/hoi-thao/").json()

    assert row["place"] == {
        "name": {"vi": "Phòng hội thảo 2", "en": "Seminar room 2"},
        "kind": "seminar_room",
        "hall": "B",
        "plan_url": {
            "vi": f"http://testserver/floor-plan/#place-{hall.pk}",
            "en": f"http://testserver/en/floor-plan/#place-{hall.pk}",
        },
    }
    assert detail["place"] == row["place"]


def test_an_event_of_an_earlier_fair_or_cancelled_gives_its_place_without_a_plan_link(client, fair):
    # The floor plan draws the current fair's places only, and the pages link neither.
    earlier = make_fair(is_current=False, slug="hoi-cho-2023")
    old_room = EventPlace.objects.create(
        fair=earlier, kind=EventPlace.Kind.SEMINAR_ROOM, name_vi="Phòng 3", hall="A"
    )
    room = EventPlace.objects.create(
        fair=fair, kind=EventPlace.Kind.SEMINAR_ROOM, name_vi="Phòng 2", hall="B"
    )
    make_event(earlier, slug="hoi-thao-2023", place=old_room)
    make_event(fair, slug="da-huy", place=room, cancelled_at=timezone.now())
    make_event(fair, slug="dang-dien-ra", place=room)

    earlier_row = client.get("/api/v1/events/?fair=hoi-cho-2023").json()["results"][0]
    rows = {row["slug"]: row for row in client.get("/api/v1/events/").json()["results"]}

    assert earlier_row["place"]["name"]["vi"] == "Phòng 3"
    assert earlier_row["place"]["plan_url"] is None
    assert rows["da-huy"]["place"]["plan_url"] is None
    assert rows["dang-dien-ra"]["place"]["plan_url"]["vi"].endswith(f"#place-{room.pk}")


def test_open_flags_follow_the_clock_as_the_pages_do(client, fair, fair_clock):
    make_event(fair, slug="sang", starts_at=at(20, 9))
    make_event(fair, slug="chieu", starts_at=at(20, 14))
    fair_clock.set(at(20, 10))

    during = {
        row["slug"]: row["registration_open"]
        for row in client.get("/api/v1/events/").json()["results"]
    }
    fair_clock.set(at(23, 9))
    after = client.get(f"/api/v1/fairs/{fair.slug}/").json()

    assert during == {"sang": False, "chieu": True}  # the morning seminar has begun
    assert after["applications_open"] is False  # the fair is over


def test_event_filters_by_kind_day_and_time_range(client, fair):
    make_event(fair, slug="khai-mac", kind="opening", starts_at=at(20, 8))
    make_event(fair, slug="hoi-thao", kind="seminar", starts_at=at(20, 14))
    make_event(fair, slug="ket-noi", kind="business_matching", starts_at=at(21, 9))

    def get(**params):
        return slugs(client.get("/api/v1/events/", params))

    assert get(kind="business_matching") == ["ket-noi"]
    assert get(day="2024-09-20") == ["khai-mac", "hoi-thao"]
    assert get(starts_after="2024-09-20T14:00:00+07:00") == ["hoi-thao", "ket-noi"]
    assert get(starts_before="2024-09-20T14:00:00+07:00") == ["khai-mac"]
    assert get(starts_after="2024-09-20T12:00:00", starts_before="2024-09-21") == ["hoi-thao"]
    assert get(ordering="-time") == ["ket-noi", "hoi-thao", "khai-mac"]


def test_event_search_ignores_accents_and_needs_every_word(client, fair):
    make_event(fair, slug="cnht", title_vi="Hội thảo công nghiệp hỗ trợ", title_en="Seminar")
    make_event(fair, slug="ket-noi", title_vi="Kết nối doanh nghiệp Nhật Bản", title_en="Matching")

    def search(q):
        return slugs(client.get("/api/v1/events/", {"q": q}))

    assert search("cong nghiep ho tro") == ["cnht"]
    assert search("CÔNG NGHIỆP") == ["cnht"]
    assert search("ket noi nhat") == ["ket-noi"]
    assert search("matching") == ["ket-noi"]
    assert search("ket noi han quoc") == []
    # Words match where a word starts, as in the directory: "oi" is in "nối", "hội".
    assert search("ket no") == ["ket-noi"]
    assert search("oi") == []


def test_event_detail_by_slug(client, fair):
    make_event(fair, slug="hoi-thao", kind="workshop", speakers_vi="TS. Nguyễn An\nThS. Lê Bình")

    body = client.get("/api/v1/events/hoi-thao/").json()

    assert (body["slug"], body["kind"]) == ("hoi-thao", "workshop")
    assert body["speakers"] == {"vi": "TS. Nguyễn An\nThS. Lê Bình", "en": ""}


def test_a_cancelled_event_has_no_seats_left(client, fair):
    seminar = make_event(fair, slug="hoi-thao", capacity=50)
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=12)
    services.cancel_event(event=seminar, actor=None)

    body = client.get("/api/v1/events/hoi-thao/").json()

    assert (body["cancelled"], body["capacity"], body["seats_left"]) == (True, 50, 0)
    assert body["registration_open"] is False


def test_fair_list_gives_every_edition_latest_first_with_figures(client, fair):
    make_fair(
        slug="hoi-cho-2023",
        is_current=False,
        starts_on=datetime.date(2023, 9, 20),
        ends_on=datetime.date(2023, 9, 22),
    )
    fair.figures.create(value="726", label_vi="dự án đang hoạt động", label_en="projects")

    rows = client.get("/api/v1/fairs/").json()["results"]

    assert [(row["slug"], row["is_current"]) for row in rows] == [
        ("hoi-cho-2024", True),
        ("hoi-cho-2023", False),
    ]
    assert rows[0]["venue"] == {"vi": "Trung tâm thương mại Mê Linh", "en": "Mê Linh Trade Center"}
    assert rows[0]["starts_on"] == "2024-09-20"
    assert rows[0]["figures"] == [
        {"value": "726", "label": {"vi": "dự án đang hoạt động", "en": "projects"}}
    ]


def test_fair_detail_by_slug(client, fair):
    body = client.get("/api/v1/fairs/hoi-cho-2024/").json()

    assert body["name"]["en"] == "Hanoi Industrial Zones Industrial Products Fair 2024"


def test_sector_list_with_parents_and_the_parent_filter(client, db):
    electronics = make_sector(slug="dien-tu", name_vi="Điện tử", name_en="Electronics", position=1)
    make_sector(slug="linh-kien", parent=electronics, position=2)
    make_sector(slug="thuc-pham", position=3)

    everything = client.get("/api/v1/sectors/").json()["results"]
    children = client.get("/api/v1/sectors/", {"parent": "dien-tu"})

    assert [(row["slug"], row["parent"]) for row in everything] == [
        ("dien-tu", None),
        ("linh-kien", "dien-tu"),
        ("thuc-pham", None),
    ]
    assert everything[0]["name"] == {"vi": "Điện tử", "en": "Electronics"}
    assert slugs(children) == ["linh-kien"]


def test_zone_list_and_detail(client, db):
    make_zone(slug="kcn-thang-long", name_vi="KCN Thăng Long", name_en="Thang Long IP", position=1)
    make_zone(slug="kcn-noi-bai", position=2, district="Sóc Sơn")

    rows = client.get("/api/v1/zones/").json()["results"]
    detail = client.get("/api/v1/zones/kcn-noi-bai/").json()

    assert [row["slug"] for row in rows] == ["kcn-thang-long", "kcn-noi-bai"]
    assert rows[0]["name"] == {"vi": "KCN Thăng Long", "en": "Thang Long IP"}
    assert detail["district"] == "Sóc Sơn"
