"""A page missing from the cache is built once, however many visitors ask for it at the
same moment; the others wait for that page rather than build it side by side."""

import threading
import time

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client

from fairportal import cache as page_cache
from tests.events.test_concurrency import _run_together
from tests.factories import make_booth, make_exhibitor, make_fair


def _in_thread(path):
    """GET `path` from another thread (another worker); returns (thread, outcome)."""
    outcome = {}

    def worker():
        try:
            outcome["response"] = Client().get(path)
        finally:
            connection.close()

    thread = threading.Thread(target=worker)
    thread.start()
    return thread, outcome


def _asked_while_another_builds(path, key, version, body):
    """The answer to a visitor asking for `path` while another instance, holding its
    build lock, builds it: stored with `body` a moment later, and the lock released."""
    thread, outcome = _in_thread(path)
    time.sleep(0.2)
    page_cache._save(key, version, HttpResponse(body), 600)
    page_cache.cache.delete(page_cache._build_lock(key, version))
    thread.join(timeout=10)
    return outcome["response"]


@pytest.mark.django_db
def test_a_visitor_waits_for_the_page_another_instance_is_building():
    key, version, _changed, stored = page_cache._lookup("vi", "/visit/", attendance=False)
    assert stored is None
    lock = page_cache._build_lock(key, version)
    assert page_cache.cache.add(lock, 1)  # another instance is building /visit/

    response = _asked_while_another_builds("/visit/", key, version, "<p>Trang do máy khác dựng</p>")

    assert response.status_code == 200 and response["X-Cache"] == "hit"
    assert response.content.decode() == "<p>Trang do máy khác dựng</p>"


@pytest.mark.django_db
def test_the_build_lock_is_released_after_a_page_and_after_a_not_found(client):
    make_fair(is_current=True)
    for path, status in (("/exhibitors/", 200), ("/exhibitors/khong-co-cong-ty-nay/", 404)):
        response = client.get(path)
        key, version, _changed, _stored = page_cache._lookup("vi", path, attendance=False)

        assert response.status_code == status
        assert page_cache.cache.get(page_cache._build_lock(key, version)) is None
    # And the not-found page is built again by the next visitor: nobody waits for it.
    assert client.get("/exhibitors/khong-co-cong-ty-nay/").status_code == 404


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_visitors_at_once_after_each_change_build_the_directory_once(monkeypatch):
    fair = make_fair(is_current=True)
    for n in range(30):
        make_booth(fair=fair, exhibitor=make_exhibitor(), code=f"A{n:03d}")
    saves = []
    real_save = page_cache._save

    def slow_save(*args):  # a build of 200 ms: every visitor arrives while it runs
        saves.append(args[0])
        time.sleep(0.2)
        real_save(*args)

    monkeypatch.setattr(page_cache, "_save", slow_save)

    for round_ in range(10):
        page_cache.public_data_changed()  # the board saved something: every page is out
        responses = _run_together([lambda: Client().get("/exhibitors/")] * 8)

        assert [r.status_code for r in responses] == [200] * 8
        assert sorted(r["X-Cache"] for r in responses) == ["hit"] * 7 + ["miss"]
        assert len({r.content for r in responses}) == 1  # the same page for all
        assert len(saves) == round_ + 1  # one build per change, not one per visitor


@pytest.mark.django_db
def test_a_build_lock_taken_over_after_expiry_is_not_released_by_its_first_holder(rf):
    key, version, _changed, _stored = page_cache._lookup("vi", "/visit/", attendance=False)
    slow = rf.get("/visit/")
    assert page_cache._claim_or_wait(slow, key, version) is None  # it builds, slowly
    lock = page_cache._build_lock(key, version)
    page_cache.cache.set(lock, "another-request")  # its lock expired; another claimed it

    page_cache._release(slow)

    assert page_cache.cache.get(lock) == "another-request"


@pytest.mark.django_db
def test_a_browser_revalidating_after_a_change_gets_its_304_and_the_page_is_stored(client):
    make_fair(is_current=True)
    first = client.get("/exhibitors/")
    page_cache.public_data_changed()  # a change that leaves this page as it was

    revalidated = client.get("/exhibitors/", headers={"if-none-match": first["ETag"]})
    after = client.get("/exhibitors/")

    assert revalidated.status_code == 304
    assert after["X-Cache"] == "hit" and after.content == first.content


def _programme_being_rebuilt_after_a_registration(client, built_at=None):
    """The programme cached with 5 seats left, one taken, and another request (another
    instance) holding the lock to rebuild it since `built_at` (now)."""
    from events.services import register_attendee
    from tests.factories import make_event

    fair = make_fair(is_current=True)
    seminar = make_event(fair, slug="hoi-thao", capacity=5)
    assert "còn 5 chỗ" in client.get("/events/").text
    data = {"name": "Lan", "email": "lan@example.vn", "phone": "0912345678", "consent": True}
    register_attendee(event=seminar, data=data, language="vi")
    key, version, _changed, stored = page_cache._lookup("vi", "/events/", attendance=True)
    assert stored is None  # the cached copy is one registration behind
    started = time.time() if built_at is None else built_at
    lock = page_cache._build_lock(key, version)
    assert page_cache.cache.add(lock, f"another-request@{started:.3f}")
    return key, version, lock


@pytest.mark.django_db
def test_while_the_programme_is_rebuilt_after_a_registration_visitors_get_it_at_once(client):
    # Five registrations a second on the fair's mornings: the visitors arriving during a
    # rebuild take the page of a moment before instead of waiting for it.
    key, version, lock = _programme_being_rebuilt_after_a_registration(client)

    during = client.get("/events/")

    assert during["X-Cache"] == "stale" and "còn 5 chỗ" in during.text
    assert page_cache.cache.get(lock).startswith("another-request@")  # still building
    page_cache._save(key, version, HttpResponse("<p>còn 4 chỗ</p>"), 600)  # it is built
    page_cache.cache.delete(lock)
    after = client.get("/events/")
    assert after["X-Cache"] == "hit" and "còn 4 chỗ" in after.text


@pytest.mark.django_db
def test_a_rebuild_begun_long_ago_is_not_trusted_to_finish(client):
    # The request that took the lock may have died: past the wait, the visitor's own
    # request builds the page, with the seat taken.
    too_long = time.time() - page_cache.BUILD_WAIT_SECONDS - 1
    _programme_being_rebuilt_after_a_registration(client, built_at=too_long)

    page = client.get("/events/")

    assert page["X-Cache"] == "miss" and "còn 4 chỗ" in page.text


@pytest.mark.django_db
def test_after_a_catalogue_change_visitors_wait_for_the_new_page(client):
    # An event edited by the board (or a booth taken) is never shown as it was: the
    # visitors arriving during the rebuild wait for it, as before.
    from tests.factories import make_event

    fair = make_fair(is_current=True)
    make_event(fair, slug="hoi-thao", capacity=5)
    assert client.get("/events/")["X-Cache"] == "miss"
    page_cache.public_data_changed()  # the board saved something
    key, version, _changed, _stored = page_cache._lookup("vi", "/events/", attendance=True)
    lock = page_cache._build_lock(key, version)
    assert page_cache.cache.add(lock, f"another-request@{time.time():.3f}")

    response = _asked_while_another_builds("/events/", key, version, "<p>Chương trình đã sửa</p>")

    assert response["X-Cache"] == "hit" and "Chương trình đã sửa" in response.content.decode()
