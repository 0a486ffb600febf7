"""Conditional GET (ETag, Last-Modified, 304), cache headers and the anonymous throttle."""

import pytest
from django.utils.http import http_date

from events.services import register_attendee
from tests.factories import make_event, make_user

REGISTRATION = {
    "name": "Nguyễn Thị Hoa",
    "email": "hoa@example.vn",
    "phone": "0912 345 678",
    "organisation": "Công ty TNHH Linh kiện Hà Nội",
    "job_title": "Trưởng phòng mua hàng",
    "consent": "on",
}


@pytest.fixture
def canon(exhibit):
    return exhibit(slug="canon", name_vi="Canon Việt Nam")


@pytest.mark.parametrize("path", ["/api/v1/exhibitors/", "/api/v1/exhibitors/canon/"])
def test_read_carries_validators_and_public_cache_headers(client, canon, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 42
    # The newest change of what the answer shows: the exhibitor, or its booth made just
    # after it (a second later when the clock ticks between the two).
    newest = max([canon.updated_at, *canon.booths.values_list("updated_at", flat=True)])
    assert response["Last-Modified"] == http_date(int(newest.timestamp()))
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


@pytest.mark.parametrize(
    "precondition",
    [{"if-match": '"another-version"'}, {"if-unmodified-since": "Mon, 01 Jan 1990 00:00:00 GMT"}],
)
@pytest.mark.parametrize("path", ["/api/v1/exhibitors/", "/api/v1/exhibitors/canon/"])
def test_read_whose_precondition_fails_is_a_412_in_json(client, canon, path, precondition):
    first = client.get(path, headers=precondition)  # built by the view
    assert client.get(path)["X-Cache"] == "miss"  # stored in the page cache
    again = client.get(path, headers=precondition)  # answered from the page cache
    english = client.get(path, headers={**precondition, "accept-language": "en"})

    for response in (first, again):
        assert response.status_code == 412
        assert response["Content-Type"] == "application/json"
        assert response.json() == {
            "status": 412,
            "code": "precondition_failed",
            "detail": "Dữ liệu đã khác phiên bản mà If-Match / If-Unmodified-Since nêu.",
        }
    assert english.json()["detail"] == (
        "The data is no longer the version that If-Match / If-Unmodified-Since names."
    )
    assert english["Content-Language"] == "en"


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


def test_a_seat_taken_by_the_service_changes_the_cached_answer_and_etag(client, fair):
    # The service counts seats with an F() update (no signal): the cached answer is
    # dropped all the same, and the new body gives a new ETag.
    event = make_event(fair, capacity=10)
    first = client.get("/api/v1/events/")
    assert client.get("/api/v1/events/")["X-Cache"] == "hit"
    register_attendee(event=event, data=REGISTRATION, language="vi")

    response = client.get("/api/v1/events/", headers={"if-none-match": first["ETag"]})

    assert response.status_code == 200
    assert response.json()["results"][0]["seats_left"] == 9


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
    # Three answers the server has to build (three searches, none cached yet).
    answers = [client.get("/api/v1/exhibitors/", {"q": q}).status_code for q in "abc"]

    response = client.get("/api/v1/exhibitors/canon/")

    assert answers == [200, 200, 200]
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert response.json()["status"] == 429
    assert 1 <= int(response["Retry-After"]) <= 60


def test_throttle_counts_each_client_address_apart(client, canon, tiny_rate):
    for q in "abc":
        client.get("/api/v1/exhibitors/", {"q": q}, REMOTE_ADDR="10.0.0.1")

    other = client.get("/api/v1/exhibitors/", {"q": "d"}, REMOTE_ADDR="10.0.0.2")
    same = client.get("/api/v1/exhibitors/", {"q": "e"}, REMOTE_ADDR="10.0.0.1")

    assert (other.status_code, same.status_code) == (200, 429)


def test_answers_from_the_page_cache_are_not_throttled(client, canon, tiny_rate):
    # A cached answer costs what a static file costs: the throttle guards the work of
    # building answers, so a hall of phones reading the same list is not refused.
    answers = [client.get("/api/v1/exhibitors/") for _ in range(6)]

    assert [a.status_code for a in answers] == [200] * 6
    assert [a["X-Cache"] for a in answers] == ["miss"] + ["hit"] * 5
    assert client.get("/api/v1/exhibitors/", {"q": "x"}).status_code == 200
    assert client.get("/api/v1/exhibitors/", {"q": "y"}).status_code == 200
    assert client.get("/api/v1/exhibitors/", {"q": "z"}).status_code == 429


def test_schema_is_throttled_too(client, db, tiny_rate):
    answers = [client.get("/api/schema/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
