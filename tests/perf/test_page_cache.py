"""Anonymous public pages come from the cache, and every change invalidates them."""

import pytest

from events.models import Fair
from fairportal.cache import public_data_changed
from tests.factories import make_fair, make_user

pytestmark = pytest.mark.django_db


def test_home_cached_for_anonymous_then_served_from_cache(client):
    make_fair(name_vi="Hội chợ thử")

    first = client.get("/")
    second = client.get("/")

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert "Last-Modified" in second and "ETag" in second


def test_a_message_waiting_to_be_shown_is_not_lost_behind_a_cached_page(client):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    make_fair(name_vi="Hội chợ thử")
    assert client.get("/")["X-Cache"] == "miss"  # the page is in the cache
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Đã huỷ đăng ký.")])

    shown = client.get("/")
    after = client.get("/")

    assert "Đã huỷ đăng ký." in shown.text
    assert shown.get("X-Cache") != "hit"
    assert "Đã huỷ đăng ký." not in after.text  # shown once, and never stored
    assert after["X-Cache"] == "hit"


def test_cached_page_answers_304_to_conditional_get(client):
    make_fair()
    etag = client.get("/")["ETag"]

    again = client.get("/", headers={"if-none-match": etag})

    assert again.status_code == 304


def test_browsers_ask_again_before_reusing_a_cached_page(client):
    # Not "max-age=60": a visitor who just took a seat would see the old count for a
    # minute. no-cache: the browser keeps the page and revalidates it (a 304 above).
    make_fair()
    first = client.get("/events/")
    hit = client.get("/events/")

    assert first["Cache-Control"] == hit["Cache-Control"] == "public, no-cache"


def test_cache_keyed_by_language_and_query(client):
    make_fair(name_vi="Hội chợ VI", name_en="Fair EN")

    vi = client.get("/")
    en = client.get("/en/")
    with_query = client.get("/?utm=1")

    assert "Hội chợ VI" in vi.text and "Fair EN" in en.text
    assert (en["X-Cache"], with_query["X-Cache"]) == ("miss", "miss")


def test_model_save_invalidates_cached_pages(client):
    fair = make_fair(name_vi="Tên cũ")
    assert "Tên cũ" in client.get("/").text

    fair.name_vi = "Tên mới"
    fair.save()
    response = client.get("/")

    assert response["X-Cache"] == "miss"
    assert "Tên mới" in response.text


def test_update_without_signals_invalidates_through_service_hook(client):
    fair = make_fair(name_vi="Trước")
    client.get("/")

    Fair.objects.filter(pk=fair.pk).update(name_vi="Sau")
    stale = client.get("/")
    public_data_changed()
    fresh = client.get("/")

    # update() sends no signal: the page stays stale until the writer says so.
    assert "Trước" in stale.text
    assert fresh["X-Cache"] == "miss" and "Sau" in fresh.text


def test_logged_in_users_never_served_from_cache(client):
    make_fair()
    client.get("/")
    client.force_login(make_user())

    response = client.get("/")

    assert "X-Cache" not in response


def _listed_exhibitor():
    from tests.factories import make_booth, make_exhibitor

    fair = Fair.objects.get(is_current=True)
    exhibitor = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_booth(fair=fair, code="A07", exhibitor=exhibitor)
    return exhibitor


def test_profile_with_star_and_meeting_link_is_cached(client):
    make_fair()
    _listed_exhibitor()

    first = client.get("/exhibitors/canon-viet-nam/")
    second = client.get("/exhibitors/canon-viet-nam/")

    assert 'class="star-form"' in first.text and "csrfmiddlewaretoken" not in first.text
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")


def test_star_toggle_works_from_cached_page_without_csrf_token(client):
    from django.test import Client

    make_fair()
    _listed_exhibitor()
    strict = Client(enforce_csrf_checks=True)

    response = strict.post("/plan/toggle/", {"kind": "exhibitor", "slug": "canon-viet-nam"})

    assert response.status_code == 302
    assert "Canon Việt Nam" in strict.get("/plan/").text


def test_pages_with_forms_are_not_cached(client):
    from tests.factories import make_event

    fair = Fair.objects.get(pk=make_fair().pk)
    make_event(fair=fair, slug="hoi-thao-a", registration_open=True)

    first = client.get("/events/hoi-thao-a/")
    second = client.get("/events/hoi-thao-a/")

    assert "csrfmiddlewaretoken" in first.text
    assert "X-Cache" not in first and "X-Cache" not in second


def test_booth_assignment_by_service_invalidates_floor_plan_and_directory(client):
    from booths.models import Booth
    from booths.services import assign_booth
    from tests.factories import make_booth, make_exhibitor

    fair = make_fair()
    exhibitor = make_exhibitor(name_vi="TOTO Việt Nam", slug="toto-viet-nam")
    booth = make_booth(fair=fair, code="B05")
    before = client.get("/floor-plan/")
    assert client.get("/floor-plan/")["X-Cache"] == "hit"
    assert "TOTO Việt Nam" not in client.get("/exhibitors/").text

    assign_booth(booth=booth, exhibitor=exhibitor, actor=make_user(is_staff=True))
    after = client.get("/floor-plan/")
    directory = client.get("/exhibitors/")

    assert before["X-Cache"] == "miss" and after["X-Cache"] == "miss"
    assert "TOTO Việt Nam" in after.text and "TOTO Việt Nam" in directory.text
    assert Booth.objects.get(pk=booth.pk).exhibitor == exhibitor


def test_seat_taken_by_registration_invalidates_programme(client):
    from events.services import register_attendee
    from tests.factories import make_event

    fair = make_fair()
    event = make_event(fair=fair, slug="hoi-thao-b", capacity=5)
    client.get("/events/")
    assert client.get("/events/")["X-Cache"] == "hit"

    register_attendee(
        event=event,
        data={"name": "Lan", "email": "lan@example.vn", "phone": "0912345678", "consent": True},
        language="vi",
    )
    fresh = client.get("/events/")

    assert fresh["X-Cache"] == "miss"


def test_early_hit_keeps_security_headers_and_language(client):
    make_fair(name_vi="Hội chợ VI", name_en="Fair EN")
    first = client.get("/en/")

    hit = client.get("/en/")

    assert (first["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert "Fair EN" in hit.text
    assert hit["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["ETag"] == first["ETag"]


def test_exhibitor_edit_invalidates_directory(client):
    from tests.factories import make_booth, make_exhibitor

    fair = make_fair()
    exhibitor = make_exhibitor(name_vi="Công ty Cũ")
    make_booth(fair=fair, exhibitor=exhibitor, code="A001")
    assert "Công ty Cũ" in client.get("/exhibitors/").text

    exhibitor.name_vi = "Công ty Mới"
    exhibitor.save()
    response = client.get("/exhibitors/")

    assert response["X-Cache"] == "miss"
    assert "Công ty Mới" in response.text


def test_product_edit_invalidates_profile(client):
    from tests.factories import make_booth, make_exhibitor, make_product

    fair = make_fair()
    exhibitor = make_exhibitor(slug="cong-ty-a")
    make_booth(fair=fair, exhibitor=exhibitor, code="A001")
    product = make_product(exhibitor=exhibitor, name_vi="Máy cũ")
    assert "Máy cũ" in client.get("/exhibitors/cong-ty-a/").text

    product.name_vi = "Máy mới"
    product.save()
    response = client.get("/exhibitors/cong-ty-a/")

    assert response["X-Cache"] == "miss"
    assert "Máy mới" in response.text


def test_profile_pages_of_products_are_cached_apart_and_invalidated_together(client):
    from tests.factories import make_booth, make_exhibitor, make_product

    fair = make_fair()
    exhibitor = make_exhibitor(slug="cong-ty-a")
    make_booth(fair=fair, exhibitor=exhibitor, code="A001")
    products = [
        make_product(exhibitor=exhibitor, name_vi=f"Máy {n:02d}", position=n) for n in range(30)
    ]
    first = client.get("/exhibitors/cong-ty-a/")
    second = client.get("/exhibitors/cong-ty-a/?page=2")
    second_again = client.get("/exhibitors/cong-ty-a/?page=2")

    products[29].name_vi = "Máy mới"
    products[29].save()
    after_edit = client.get("/exhibitors/cong-ty-a/?page=2")

    assert (first["X-Cache"], second["X-Cache"], second_again["X-Cache"]) == (
        "miss",
        "miss",
        "hit",
    )
    assert "Máy 29" in second.text and "Máy 29" not in first.text
    assert after_edit["X-Cache"] == "miss"
    assert "Máy mới" in after_edit.text


def test_event_edit_invalidates_programme(client):
    from tests.factories import make_event

    fair = make_fair()
    event = make_event(fair=fair, title_vi="Hội thảo cũ")
    assert "Hội thảo cũ" in client.get("/events/").text

    event.title_vi = "Hội thảo mới"
    event.save()
    response = client.get("/events/")

    assert response["X-Cache"] == "miss"
    assert "Hội thảo mới" in response.text


def test_meeting_acceptance_by_service_invalidates_cached_pages(client, mailoutbox):
    from events.models import SideEvent
    from events.services import accept_meeting
    from tests.events.conftest import at
    from tests.factories import make_event, make_exhibitor, make_meeting_request

    fair = make_fair(is_current=True)
    session = make_event(
        fair, kind=SideEvent.Kind.BUSINESS_MATCHING, starts_at=at(14), ends_at=at(16), tables=2
    )
    meeting = make_meeting_request(session, make_exhibitor())
    client.get("/events/")
    assert client.get("/events/")["X-Cache"] == "hit"

    accept_meeting(meeting=meeting, slot_start=at(14), actor=None)

    assert client.get("/events/")["X-Cache"] == "miss"


def test_cached_page_is_sent_gzipped_to_clients_that_accept_it(client):
    import gzip

    make_fair(name_vi="Hội chợ nén")
    plain = client.get("/")

    zipped = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
    again_plain = client.get("/")

    assert zipped["X-Cache"] == "hit" and zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 2
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in again_plain["Vary"]
    assert again_plain["X-Cache"] == "hit" and not again_plain.has_header("Content-Encoding")
    assert again_plain.content == plain.content
    # The compressed body is another representation: its validator is weak, and a
    # conditional GET with it still gets a 304.
    assert zipped["ETag"] == "W/" + again_plain["ETag"]
    revalidated = client.get(
        "/", headers={"accept-encoding": "gzip", "if-none-match": zipped["ETag"]}
    )
    assert revalidated.status_code == 304


def test_api_read_is_cached_and_gzipped_and_a_change_drops_it(client):
    import gzip

    from tests.factories import make_booth, make_exhibitor

    fair = make_fair(is_current=True)
    canon = make_exhibitor(slug="canon", name_vi="Canon Việt Nam", is_published=True)
    make_booth(fair, code="A01", exhibitor=canon)
    first = client.get("/api/v1/exhibitors/")
    zipped = client.get("/api/v1/exhibitors/", headers={"accept-encoding": "gzip"})

    canon.name_vi = "Canon Việt Nam (Thăng Long)"
    canon.save()
    after = client.get("/api/v1/exhibitors/", headers={"accept-encoding": "gzip"})

    assert (first["X-Cache"], zipped["X-Cache"], after["X-Cache"]) == ("miss", "hit", "miss")
    assert gzip.decompress(zipped.content) == first.content
    assert zipped["Cache-Control"] == first["Cache-Control"]  # the API's own max-age
    assert after.json()["results"][0]["name"]["vi"] == "Canon Việt Nam (Thăng Long)"


def test_a_local_copy_is_not_served_once_the_shared_version_moves(client):
    # Another instance changes the data: here, a bump of the shared version without
    # this process's signals. The copy this process kept must not be served.
    from django.core.cache import cache

    from fairportal.cache import VERSION_KEY

    fair = make_fair(name_vi="Tên trước")
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"

    Fair.objects.filter(pk=fair.pk).update(name_vi="Tên sau")
    cache.incr(VERSION_KEY)
    response = client.get("/")

    assert response["X-Cache"] == "miss" and "Tên sau" in response.text


def test_a_local_copy_is_not_served_after_the_cache_lost_its_keys(client):
    # Redis restarted empty: the version starts again, at a value never used before.
    from django.core.cache import cache

    fair = make_fair(name_vi="Tên trước")
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"

    Fair.objects.filter(pk=fair.pk).update(name_vi="Tên sau")
    cache.clear()
    response = client.get("/")

    assert response["X-Cache"] == "miss" and "Tên sau" in response.text


# What visitors write all day (seats, meeting requests) refreshes the pages that show
# seats, and keeps the catalogue's pages (directory, profiles, floor plan) cached.
CATALOGUE_PAGES = [
    "/",
    "/exhibitors/",
    "/exhibitors/cong-ty-a/",
    "/floor-plan/",
    "/api/v1/exhibitors/",
]


def _catalogue_with_a_seminar(client):
    from tests.factories import make_booth, make_event, make_exhibitor

    fair = make_fair(is_current=True)
    exhibitor = make_exhibitor(slug="cong-ty-a", name_vi="Công ty A")
    make_booth(fair=fair, exhibitor=exhibitor, code="A001")
    event = make_event(fair=fair, slug="hoi-thao-b", capacity=5)
    for path in [*CATALOGUE_PAGES, "/events/", "/api/v1/events/"]:
        client.get(path)
    assert client.get("/events/")["X-Cache"] == "hit"
    return exhibitor, event


def _register(event, email="lan@example.vn"):
    from events.services import register_attendee

    data = {"name": "Lan", "email": email, "phone": "0912345678", "consent": True}
    return register_attendee(event=event, data=data, language="vi").registration


def test_a_registration_refreshes_the_seats_and_keeps_the_catalogue_cached(client):
    _exhibitor, event = _catalogue_with_a_seminar(client)

    _register(event)
    programme = client.get("/events/")
    api = client.get("/api/v1/events/")

    assert programme["X-Cache"] == "miss" and "còn 4 chỗ" in programme.text
    assert api["X-Cache"] == "miss" and api.json()["results"][0]["seats_left"] == 4
    assert [client.get(path)["X-Cache"] for path in CATALOGUE_PAGES] == ["hit"] * 5


def test_a_cancelled_registration_gives_the_seat_back_on_the_cached_programme(client):
    from events.services import cancel_registration

    _exhibitor, event = _catalogue_with_a_seminar(client)
    registration = _register(event)
    assert "còn 4 chỗ" in client.get("/events/").text
    assert client.get("/events/")["X-Cache"] == "hit"

    cancel_registration(registration=registration)
    programme = client.get("/events/")

    assert programme["X-Cache"] == "miss" and "còn 5 chỗ" in programme.text


def test_a_waitlisted_visitor_promoted_by_the_board_shows_on_the_programme(client):
    from events.models import SideEvent
    from events.services import promote_waitlist

    _exhibitor, event = _catalogue_with_a_seminar(client)
    for n in range(6):
        _register(event, email=f"khach{n}@example.vn")
    assert "hết chỗ" in client.get("/events/").text
    # Two more seats, written without a signal (as a script would), then the promotion.
    SideEvent.objects.filter(pk=event.pk).update(capacity=7)
    assert "hết chỗ" in client.get("/events/").text  # nothing told the cache yet

    promote_waitlist(event=event)
    programme = client.get("/events/")

    assert programme["X-Cache"] == "miss" and "còn 1 chỗ" in programme.text
    assert SideEvent.objects.get(pk=event.pk).seats_taken == 6


def test_a_meeting_request_keeps_the_catalogue_cached(client, mailoutbox):
    from events.models import SideEvent
    from tests.events.conftest import at
    from tests.factories import make_event, make_meeting_request

    exhibitor, event = _catalogue_with_a_seminar(client)
    session = make_event(
        event.fair, kind=SideEvent.Kind.BUSINESS_MATCHING, starts_at=at(14), ends_at=at(16)
    )
    for path in [*CATALOGUE_PAGES, "/events/"]:
        client.get(path)

    make_meeting_request(session, exhibitor)

    assert [client.get(path)["X-Cache"] for path in CATALOGUE_PAGES] == ["hit"] * 5
    assert client.get("/events/")["X-Cache"] == "miss"


def test_a_catalogue_change_still_drops_every_page(client):
    exhibitor, _event = _catalogue_with_a_seminar(client)

    exhibitor.name_vi = "Công ty A mới"
    exhibitor.save()

    assert [client.get(path)["X-Cache"] for path in [*CATALOGUE_PAGES, "/events/"]] == ["miss"] * 6
    assert "Công ty A mới" in client.get("/exhibitors/").text


def test_pages_said_to_show_no_attendance_are_cached_pages(settings):
    # A typo in the list would silently make a page depend on attendance (harmless),
    # or name a page that is not cached at all: both are mistakes worth a red test.
    assert set(settings.PUBLIC_CACHE_WITHOUT_ATTENDANCE) <= set(settings.PUBLIC_CACHED_VIEWS)
    showing_seats = {"events:list", "api:event-list", "api:event-detail"}
    assert not showing_seats & set(settings.PUBLIC_CACHE_WITHOUT_ATTENDANCE)


def test_a_cached_page_follows_the_clock_once_the_fair_is_over(client, fair_clock):
    # Nothing in the data changes when the fair's last day ends, yet the floor plan must
    # stop inviting applications: the page is built again within a quarter of an hour.
    import datetime
    from zoneinfo import ZoneInfo

    from tests.factories import make_booth

    hanoi = ZoneInfo("Asia/Ho_Chi_Minh")
    make_booth(fair=make_fair(), code="A01")
    fair_clock.set(datetime.datetime(2024, 9, 22, 20, 0, tzinfo=hanoi))
    last_evening = client.get("/floor-plan/")
    assert client.get("/floor-plan/")["X-Cache"] == "hit"

    fair_clock.set(datetime.datetime(2024, 9, 23, 0, 10, tzinfo=hanoi))
    next_day = client.get("/floor-plan/")

    assert 'href="/booths/apply/?booth=A01"' in last_evening.text
    assert next_day["X-Cache"] == "miss"
    assert "/booths/apply/?booth=" not in next_day.text


def test_links_shared_with_click_ids_share_one_cached_page(client):
    # Facebook adds a new fbclid to every click; Zalo adds zarsrc and utm_* tags.
    make_fair(name_vi="Hội chợ thử")

    first = client.get("/exhibitors/?fbclid=IwAR0first")
    other_click = client.get("/exhibitors/?fbclid=IwAR0second")
    plain = client.get("/exhibitors/")
    from_zalo = client.get("/exhibitors/?zarsrc=30&utm_source=zalo&utm_medium=zalo")

    assert first["X-Cache"] == "miss"
    assert [r["X-Cache"] for r in (other_click, plain, from_zalo)] == ["hit", "hit", "hit"]


def test_a_click_id_never_reaches_the_links_of_a_page_others_are_served(client):
    make_fair(name_vi="Hội chợ thử")

    page = client.get("/exhibitors/?q=canon&fbclid=IwAR0visitor&UTM_Campaign=hoicho").text
    cached = client.get("/exhibitors/?q=canon")

    assert "IwAR0visitor" not in page and "utm_campaign" not in page.lower()
    assert 'href="/en/exhibitors/?q=canon"' in page
    assert cached["X-Cache"] == "hit"


def test_parameters_pages_read_are_kept_beside_click_ids(client):
    make_fair(name_vi="Hội chợ thử")

    response = client.get("/exhibitors/?q=canon&gclid=x&sort=name")

    assert response.wsgi_request.GET.dict() == {"q": "canon", "sort": "name"}
