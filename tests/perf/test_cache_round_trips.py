"""How often a page goes to the shared cache (in production each call is a round trip
to Redis, paid by every visitor waiting for the page): counted like queries are.

On the fair day, a page is rebuilt after each registration (the programme) or each
edit (every page), while visitors wait for it (docs/performance.md, twentieth round)."""

import contextvars
import datetime
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings

from events.models import EventRegistration, Fair, SideEvent
from events.selectors import current_fair
from fairportal.cache import public_data_changed
from tests.events.conftest import at
from tests.factories import make_booth, make_event, make_exhibitor, make_fair

pytestmark = pytest.mark.django_db

CALLS = ("get", "get_many", "set", "set_many", "add", "delete", "delete_many", "incr", "delete_if")


@contextmanager
def cache_calls():
    """The calls made to the default cache meanwhile, by name. The local-memory cache
    of the tests answers get_many with its own get: one call, as Redis counts it."""
    backend = cache._connections[cache._alias]
    calls, depth = [], [0]

    def counting(name, method):
        def counted(*args, **kwargs):
            if not depth[0]:
                calls.append(name)
            depth[0] += 1
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1

        return counted

    for name in CALLS:
        setattr(backend, name, counting(name, getattr(backend, name)))
    try:
        yield calls
    finally:
        for name in CALLS:
            delattr(backend, name)


@pytest.fixture
def catalogue():
    fair = make_fair(is_current=True)
    exhibitor = make_exhibitor(slug="cong-ty-a", name_vi="Công ty A")
    make_booth(fair=fair, exhibitor=exhibitor, code="A001")
    seminar = make_event(fair, kind=SideEvent.Kind.SEMINAR, slug="hoi-thao", capacity=5)
    make_event(fair, kind=SideEvent.Kind.OPENING, slug="khai-mac", starts_at=at(8), capacity=0)
    return seminar


def _take_a_seat(event):
    from events.services import register_attendee

    data = {"name": "Lan", "email": "lan@example.vn", "phone": "0912345678", "consent": True}
    register_attendee(event=event, data=data, language="vi")


def test_a_cached_page_is_served_in_one_trip(client, catalogue):
    client.get("/exhibitors/")

    with cache_calls() as calls:
        hit = client.get("/exhibitors/")

    assert hit["X-Cache"] == "hit"
    assert calls == ["get_many"]  # the data version and the page, together


def test_the_programme_rebuilt_after_a_registration_takes_seven_trips(client, catalogue):
    assert "còn 5 chỗ" in client.get("/events/").text

    _take_a_seat(catalogue)
    with cache_calls() as calls:
        rebuilt = client.get("/events/")

    assert rebuilt["X-Cache"] == "miss" and "còn 4 chỗ" in rebuilt.text
    assert calls == [
        "get_many",  # the versions: the page's copy in this process is out of date
        "get",  # the page kept in the shared cache: out of date as well
        "add",  # this request builds the page: the lock
        "get",  # built by another request meanwhile? no
        "get",  # the programme kept without its seats
        "set",  # the page, for every visitor after this one
        "delete_if",  # the lock, if still this request's: those waiting take the page
    ]


def test_a_page_rebuilt_after_an_edit_reads_the_version_once(client, catalogue):
    client.get("/exhibitors/")

    public_data_changed()  # the board saved something
    with cache_calls() as calls:
        rebuilt = client.get("/exhibitors/")

    assert rebuilt["X-Cache"] == "miss" and "Công ty A" in rebuilt.text
    assert calls.count("get_many") == 1  # the view, the header and the footer share it
    assert len(calls) == 8  # the seven above, less the programme's, plus the new fair's


def test_a_page_without_the_page_cache_reads_the_version_once(catalogue):
    with override_settings(PUBLIC_CACHE_SECONDS=0):
        client = Client()
        client.get("/exhibitors/")  # this process reads the current fair

        with cache_calls() as calls:
            page = client.get("/exhibitors/")

    assert "X-Cache" not in page and "Công ty A" in page.text
    assert calls == ["get_many"]


def _switch_fairs_in_another_request(new_fair_name="Hội chợ 2025"):
    """The board makes another fair current, from another request (its own context)."""

    def switch():
        Fair.objects.filter(is_current=True).update(is_current=False)
        fair_2025 = {"starts_on": datetime.date(2025, 9, 20), "ends_on": datetime.date(2025, 9, 22)}
        make_fair(is_current=True, name_vi=new_fair_name, **fair_2025)

    contextvars.Context().run(switch)


def _as_a_request(method, view):
    from fairportal.cache import PublicPageCacheHitMiddleware

    request = getattr(RequestFactory(), method)("/")
    return PublicPageCacheHitMiddleware(lambda request: view() or HttpResponse("ok"))(request)


def test_a_change_made_during_a_request_is_seen_by_the_rest_of_it(catalogue):
    # The version a request read first is kept for the rest of it, except after a change
    # the request made itself: the current fair it reads then is the changed one.
    seen = []

    def view():
        seen.append(current_fair().name_vi)
        fair = current_fair()
        fair.name_vi = "Hội chợ đổi tên"
        fair.save()  # its signal moves the version
        seen.append(current_fair().name_vi)

    _as_a_request("get", view)

    assert seen[1] == "Hội chợ đổi tên" != seen[0]


def test_a_request_that_writes_sees_the_fair_the_board_switched_to_meanwhile(catalogue):
    seen = []

    def view():
        seen.append(current_fair().name_vi)
        _switch_fairs_in_another_request()
        seen.append(current_fair().name_vi)

    _as_a_request("post", view)

    assert seen[1] == "Hội chợ 2025" != seen[0]


def test_a_registration_checks_the_fair_as_it_is_now_not_as_the_request_began(catalogue):
    from events.services import EventsError

    def view():
        assert current_fair().pk == catalogue.fair_id  # the page's version, pinned
        _switch_fairs_in_another_request()
        with pytest.raises(EventsError) as refused:
            _take_a_seat(catalogue)
        assert refused.value.code == "other_fair"

    _as_a_request("get", view)

    assert not EventRegistration.objects.filter(event=catalogue).exists()


def test_the_version_a_request_read_is_not_kept_after_it(client, catalogue):
    client.get("/exhibitors/")  # reads (and keeps, while it runs) the version

    _switch_fairs_in_another_request()

    assert current_fair().name_vi == "Hội chợ 2025"


def test_each_caller_gets_its_own_copy_of_the_current_fair(catalogue):
    first = current_fair()
    first.name_vi = "Đổi trong bộ nhớ, không lưu"

    assert current_fair().name_vi != "Đổi trong bộ nhớ, không lưu"
