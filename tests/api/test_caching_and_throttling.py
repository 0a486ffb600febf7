"""Conditional GET (ETag, Last-Modified, 304), cache headers and the anonymous throttle."""

import pytest
from django.utils.http import http_date

from events.models import SideEvent
from tests.factories import make_event, make_user


@pytest.fixture
def canon(exhibit):
    return exhibit(slug="canon", name_vi="Canon Việt Nam")


@pytest.mark.parametrize("path", ["/api/v1/exhibitors/", "/api/v1/exhibitors/canon/"])
def test_read_carries_validators_and_public_cache_headers(client, canon, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 42
    assert response["Last-Modified"] == http_date(int(canon.updated_at.timestamp()))
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("path", ["/api/v1/exhibitors/", "/api/v1/exhibitors/canon/"])
def test_read_with_the_same_etag_is_a_304_without_body(client, canon, path):
    etag = client.get(path)["ETag"]

    response = client.get(path, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize("path", ["/api/v1/exhibitors/", "/api/v1/exhibitors/canon/"])
def test_read_since_last_modified_is_a_304(client, canon, path):
    last_modified = client.get(path)["Last-Modified"]

    response = client.get(path, headers={"if-modified-since": last_modified})

    assert response.status_code == 304


def test_head_gives_the_headers_of_get_without_body(client, canon):
    get = client.get("/api/v1/exhibitors/")

    head = client.head("/api/v1/exhibitors/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_read_after_a_change_is_a_200_with_a_new_etag(client, canon):
    first = client.get("/api/v1/exhibitors/")
    canon.name_en = "Canon Vietnam"
    canon.save()

    response = client.get("/api/v1/exhibitors/", headers={"if-none-match": first["ETag"]})

    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert response.json()["results"][0]["name"]["en"] == "Canon Vietnam"


def test_seats_taken_with_an_update_change_the_etag(client, fair):
    # Services count seats with F() updates, which leave updated_at alone: the ETag,
    # a digest of the body, still changes.
    event = make_event(fair, capacity=10)
    first = client.get("/api/v1/events/")
    SideEvent.objects.filter(pk=event.pk).update(seats_taken=4)

    response = client.get("/api/v1/events/", headers={"if-none-match": first["ETag"]})

    assert response.status_code == 200
    assert response.json()["results"][0]["seats_left"] == 6


def test_another_filter_gives_another_etag(client, canon, exhibit):
    exhibit(name_vi="TOTO Việt Nam")

    everything = client.get("/api/v1/exhibitors/")["ETag"]
    searched = client.get("/api/v1/exhibitors/", {"q": "canon"})["ETag"]

    assert everything != searched


def test_read_by_a_signed_in_user_is_not_cached_publicly(client, canon):
    client.force_login(make_user())

    response = client.get("/api/v1/exhibitors/")

    assert response["Cache-Control"] == "private, no-cache"


def test_error_is_not_given_validators(client, canon):
    response = client.get("/api/v1/exhibitors/", {"sector": "nope"})

    assert response.status_code == 400
    assert not response.has_header("ETag")


@pytest.fixture
def tiny_rate(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/min"},
    }


def test_anonymous_client_over_the_rate_gets_429_with_retry_after(client, canon, tiny_rate):
    answers = [client.get("/api/v1/exhibitors/").status_code for _ in range(3)]

    response = client.get("/api/v1/exhibitors/canon/")

    assert answers == [200, 200, 200]
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert response.json()["status"] == 429
    assert 1 <= int(response["Retry-After"]) <= 60


def test_throttle_counts_each_client_address_apart(client, canon, tiny_rate):
    for _ in range(3):
        client.get("/api/v1/exhibitors/", REMOTE_ADDR="10.0.0.1")

    other = client.get("/api/v1/exhibitors/", REMOTE_ADDR="10.0.0.2")
    same = client.get("/api/v1/exhibitors/", REMOTE_ADDR="10.0.0.1")

    assert (other.status_code, same.status_code) == (200, 429)


def test_schema_is_throttled_too(client, db, tiny_rate):
    answers = [client.get("/api/schema/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
