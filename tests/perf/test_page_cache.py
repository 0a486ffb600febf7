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


def test_cached_page_answers_304_to_conditional_get(client):
    make_fair()
    etag = client.get("/")["ETag"]

    again = client.get("/", headers={"if-none-match": etag})

    assert again.status_code == 304


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
