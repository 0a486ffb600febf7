import re

import pytest
from icalendar import Calendar

from booths.models import EventPlace
from events import services
from tests.events.conftest import at, registration_data
from tests.factories import make_booth, make_event, make_exhibitor, make_fair

pytestmark = pytest.mark.django_db


def test_star_toggle_without_javascript_adds_and_removes_and_says_so_on_the_plan(client, seminar):
    response = client.post("/plan/toggle/", {"kind": "event", "slug": seminar.slug})

    assert response.status_code == 302
    assert response["Location"] == "/plan/"
    assert client.session["plan"] == {"exhibitor": [], "event": [seminar.slug]}
    plan = client.get("/plan/").content.decode()
    assert f"Đã lưu “{seminar.title_vi}” vào lịch của bạn." in plan

    client.post("/en/plan/toggle/", {"kind": "event", "slug": seminar.slug})

    assert client.session["plan"]["event"] == []
    assert f"Removed “{seminar.title_en}” from your plan." in client.get("/en/plan/").text


def test_a_star_does_what_its_button_says_even_from_a_page_shown_again(client, seminar):
    save = {"kind": "event", "slug": seminar.slug, "intent": "add"}

    client.post("/plan/toggle/", save)
    client.post("/plan/toggle/", save)  # "Back" to the page whose button still says "save"

    assert client.session["plan"]["event"] == [seminar.slug]
    assert f"Đã lưu “{seminar.title_vi}” vào lịch của bạn." in client.get("/plan/").text
    client.post("/plan/toggle/", {**save, "intent": "remove"})
    client.post("/plan/toggle/", {**save, "intent": "remove"})
    assert client.session["plan"]["event"] == []
    # The plan page's own stars remove.
    client.post("/plan/toggle/", save)
    assert 'name="intent" value="remove"' in client.get("/plan/").text


def test_an_event_taken_off_the_public_pages_can_still_be_removed_from_a_plan(client, seminar):
    from events.models import SideEvent

    save = {"kind": "event", "slug": seminar.slug, "intent": "add"}
    client.post("/plan/toggle/", save)
    SideEvent.objects.filter(pk=seminar.pk).update(is_published=False)

    refused = client.post("/plan/toggle/", save)  # no saving it again
    removed = client.post("/plan/toggle/", {**save, "intent": "remove"})

    assert refused.status_code == 404
    assert removed.status_code == 302
    assert client.session["plan"]["event"] == []
    assert f"Đã bỏ “{seminar.title_vi}” khỏi lịch của bạn." in client.get("/plan/").text
    # Nothing there to remove: still a 404.
    assert client.post("/plan/toggle/", {**save, "intent": "remove"}).status_code == 404


def test_a_plan_is_kept_until_a_month_after_the_fair(client, seminar, fair, django_user_model):
    import datetime

    from django.utils import timezone

    fair.starts_on = timezone.localdate() + datetime.timedelta(days=200)
    fair.ends_on = fair.starts_on + datetime.timedelta(days=2)
    fair.save()

    client.post("/plan/toggle/", {"kind": "event", "slug": seminar.slug})

    kept_until = client.session.get_expiry_date()
    assert timezone.localdate(kept_until) == fair.ends_on + datetime.timedelta(days=30)
    # Signing in does not inherit the plan's lifetime: the sign-in keeps its own.
    django_user_model.objects.create_user("bqlkcn", "bql@example.vn", "mat-khau-dai-123")
    assert client.login(username="bqlkcn", password="mat-khau-dai-123")
    assert client.session.get_expiry_age() <= 14 * 24 * 3600
    assert client.session["plan"]["event"] == [seminar.slug]


def test_star_toggle_answers_json_for_fetch(client, exhibitor, fair):
    response = client.post(
        "/plan/toggle/",
        {"kind": "exhibitor", "slug": exhibitor.slug},
        headers={"Accept": "application/json"},
    )

    assert response.json() == {"kind": "exhibitor", "slug": "canon-viet-nam", "starred": True}
    assert client.get("/plan/starred.json").json() == {
        "exhibitor": ["canon-viet-nam"],
        "event": [],
    }


def test_star_toggle_refuses_bad_kind_unknown_slug_and_foreign_redirect(client, seminar):
    assert client.post("/plan/toggle/", {"kind": "booth", "slug": "a01"}).status_code == 400
    assert client.post("/plan/toggle/", {"kind": "event", "slug": "khong-co"}).status_code == 404
    response = client.post(
        "/plan/toggle/", {"kind": "event", "slug": seminar.slug, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/plan/"  # wherever `next` would lead
    assert client.get("/plan/toggle/").status_code == 405


def test_star_toggle_from_a_cached_page_needs_no_csrf_token(seminar):
    # Star forms sit on cached pages, so they carry no token; the toggle only changes
    # the visitor's own session plan.
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post("/plan/toggle/", {"kind": "event", "slug": seminar.slug})

    assert response.status_code == 302
    assert seminar.title_vi in client.get("/plan/").content.decode()


def test_plan_lists_exhibitors_with_current_booth_codes_and_events(client, fair, seminar):
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_booth(fair, code="A07", exhibitor=canon)
    make_booth(fair, code="A08", exhibitor=canon)
    make_booth(make_fair(is_current=False, slug="hoi-cho-2023"), code="C99", exhibitor=canon)
    session = client.session
    session["plan"] = {"exhibitor": ["canon-viet-nam"], "event": [seminar.slug]}
    session.save()

    html = client.get("/plan/").content.decode()

    assert "Canon Việt Nam" in html
    assert ">A07</a> <a " in html
    assert ">A08</a>" in html
    assert "C99" not in html
    assert "Hội thảo chuỗi cung ứng linh kiện điện tử" in html
    assert (
        '<p class="event-time">20/09/2024<br><time datetime="2024-09-20T09:00:00+07:00">09:00'
        in html
    )
    assert "Trùng giờ" not in html


def test_plan_in_english_shows_event_dates_with_the_year(client, fair, seminar):
    session = client.session
    session["plan"] = {"exhibitor": [], "event": [seminar.slug]}
    session.save()

    html = client.get("/en/plan/").content.decode()

    assert "Electronics components supply chain seminar" in html
    assert '<p class="event-time">20/09/2024<br><time datetime="2024-09-20T09:00:00+07:00">' in html


def test_plan_warns_about_overlapping_events(client, fair, seminar):
    make_event(fair, title_vi="Tọa đàm song song", slug="toa-dam", starts_at=at(10))
    make_event(fair, title_vi="Buổi chiều", slug="buoi-chieu", starts_at=at(14))
    session = client.session
    session["plan"] = {"exhibitor": [], "event": [seminar.slug, "toa-dam", "buoi-chieu"]}
    session.save()

    html = client.get("/plan/").content.decode()

    assert "Trùng giờ" in html
    assert "“Hội thảo chuỗi cung ứng linh kiện điện tử” trùng giờ với “Tọa đàm song song”" in html
    assert html.count("trùng giờ với") == 1


def test_plan_does_not_warn_of_a_clash_with_a_cancelled_event(client, fair, seminar):
    parallel = make_event(fair, title_vi="Tọa đàm song song", slug="toa-dam", starts_at=at(10))
    services.cancel_event(event=parallel, actor=None)
    session = client.session
    session["plan"] = {"exhibitor": [], "event": [seminar.slug, "toa-dam"]}
    session.save()

    html = client.get("/plan/").content.decode()

    assert "Trùng giờ" not in html
    assert html.count('<span class="badge badge-cancelled">Đã huỷ</span>') == 1


def test_plan_ics_holds_the_starred_events(client, fair, seminar):
    make_event(fair, slug="khong-luu")
    client.post("/plan/toggle/", {"kind": "event", "slug": seminar.slug})

    calendar = Calendar.from_ical(client.get("/plan/plan.ics").content)

    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [
        f"event-{seminar.pk}@hoicho.example.vn"
    ]


def test_plan_empty_says_so(client, fair):
    html = client.get("/plan/").content.decode()

    assert "Chưa lưu sự kiện nào." in html
    assert "Chưa lưu doanh nghiệp nào." in html


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["vi", "en"])
@pytest.mark.parametrize("size", [2, 20])
def test_plan_runs_fixed_queries(client, fair, size, django_assert_num_queries, prefix):
    # Every other exhibitor and event has no English: English pages show its Vietnamese.
    slugs = []
    for n in range(size):
        exhibitor = make_exhibitor(slug=f"dn-{size}-{n}", name_en="" if n % 2 else f"Firm {n}")
        make_booth(fair, code=f"B{n:02d}", exhibitor=exhibitor)
        slugs.append(exhibitor.slug)
    events = [
        make_event(
            fair,
            slug=f"sk-{size}-{n}",
            place=EventPlace.objects.create(
                fair=fair, kind=EventPlace.Kind.SEMINAR_ROOM, name_vi=f"Phòng {n}", hall="A"
            ),
            **({"title_en": ""} if n % 2 else {}),
        ).slug
        for n in range(size)
    ]
    session = client.session
    session["plan"] = {"exhibitor": slugs, "event": events}
    session.save()

    # fair (once per data version), exhibitors, their booths, events (the session comes
    # from the cache: cached_db)
    with django_assert_num_queries(4):
        response = client.get(f"{prefix}/plan/")
    assert response.content.decode().count('class="booth-codes"') == size


def test_star_button_partial_on_event_page_shows_state(client, seminar):
    client.post("/plan/toggle/", {"kind": "event", "slug": seminar.slug})

    html = client.get(f"/events/{seminar.slug}/").content.decode()

    assert 'aria-pressed="true"' in html
    assert 'action="/plan/toggle/"' in html


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["vi", "en"])
def test_plan_links_each_booth_to_its_place_on_the_floor_plan(client, fair, prefix):
    # A visitor walking the halls with their plan taps a booth to see where it is, as on
    # the exhibitor's profile.
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_booth(fair, code="A07", exhibitor=canon)
    make_booth(fair, code="A08", exhibitor=canon)
    session = client.session
    session["plan"] = {"exhibitor": ["canon-viet-nam"], "event": []}
    session.save()

    html = client.get(f"{prefix}/plan/").content.decode()

    label = "Booth A07 on the floor plan" if prefix else "Gian A07 trên sơ đồ"
    assert (
        f'<a class="booth-code" href="{prefix}/floor-plan/?booth=A07#booth-A07" aria-label="{label}">A07</a>'
        in html
    )
    assert f'href="{prefix}/floor-plan/?booth=A08#booth-A08"' in html


def test_plan_tells_a_seat_from_a_place_on_the_waiting_list(client, fair, seminar):

    full = make_event(
        fair, title_vi="Hội thảo GMP dược phẩm", slug="hoi-thao-gmp", capacity=1, seats_taken=1
    )
    client.post("/events/hoi-thao-chuoi-cung-ung/", registration_data())
    client.post(f"/events/{full.slug}/", registration_data())

    html = client.get("/plan/").content.decode()

    items = re.findall(r'<li class="event-item">(.*?)</li>', html, re.S)
    read = [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]
    assert [line.split(" ★")[0] for line in read] == [
        "20/09/2024 09:00 –11:00 Hội thảo chuỗi cung ứng linh kiện điện tử Hội thảo ·"
        " Phòng hội thảo 1 Bạn đã đăng ký: có chỗ",
        "20/09/2024 09:00 –11:00 Hội thảo GMP dược phẩm Hội thảo · Phòng hội thảo 1"
        " Bạn đang trong danh sách chờ, chưa có chỗ",
    ]


def test_a_sign_up_link_stays_in_the_visitors_browser_not_on_the_server(client, seminar):
    # A registration keeps only its link's hash; sessions are in the database, Redis and
    # every backup: none may hold the link that opens or cancels a seat.
    from django.contrib.sessions.models import Session

    signed_up = client.post("/events/hoi-thao-chuoi-cung-ung/", registration_data())

    token = signed_up["Location"].rstrip("/").rsplit("/", 1)[-1]
    cookie = signed_up.cookies["plan_registrations"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert Session.objects.exists()  # My plan holds the seminar
    for stored in Session.objects.all():
        assert token not in str(stored.get_decoded())
    assert "Bạn đã đăng ký: có chỗ" in client.get("/plan/").text
    # A cookie changed by hand is not read (it is signed).
    client.cookies["plan_registrations"] = token
    assert "Bạn đã đăng ký" not in client.get("/plan/").text
