"""The shared cache as production runs it: Redis, through fairportal.redis_cache.

The rest of the suite uses Django's in-memory cache; these tests talk to the Redis
that REDIS_TEST_URL names (.ci/run starts one on 127.0.0.1 and sets it), each under
its own key prefix, and are deselected without it.
"""

import os
import secrets

import pytest

from tests.factories import make_event, make_fair

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

REDIS_URL = os.environ.get("REDIS_TEST_URL", "")


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "fairportal.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": (prefix := f"test-{secrets.token_hex(8)}"),
        }
    }
    from django.core.cache import cache

    yield cache
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(f"{prefix}:*"):  # this test's keys only
        client.delete(key)


def test_cached_pages_are_kept_in_redis_and_a_change_shows_at_once(client, redis_cache):
    fair = make_fair()
    event = make_event(fair=fair, title_vi="Hội thảo cũ", capacity=5)
    first = client.get("/events/")

    again = client.get("/events/")
    event.title_vi = "Hội thảo mới"
    event.save()
    after = client.get("/events/")

    assert (first["X-Cache"], again["X-Cache"], after["X-Cache"]) == ("miss", "hit", "miss")
    assert "Hội thảo mới" in after.text and "còn 5 chỗ" in after.text


def test_one_redis_client_serves_every_call(redis_cache):
    backend = redis_cache._cache
    redis_cache.set("a", {"x": 1})
    redis_cache.add("n", 1)
    redis_cache.incr("n")

    assert redis_cache.get_many(["a", "n"]) == {"a": {"x": 1}, "n": 2}
    assert backend.get_client() is backend.get_client(write=True)
