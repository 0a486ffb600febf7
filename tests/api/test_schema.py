"""The OpenAPI schema, its docs page, and a property-based run of schemathesis on it."""

import datetime
import re

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from events.models import EventRegistration, MeetingRequest
from fairportal.wsgi import application
from tests.factories import (
    HANOI,
    make_booth,
    make_event,
    make_exhibitor,
    make_product,
    make_sector,
    make_zone,
)


def test_schema_validates_without_a_warning(tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert target.read_text().startswith("openapi: 3.0.3")


def test_schema_describes_every_endpoint_its_errors_and_translated_fields(client, db):
    schema = client.get("/api/schema/", headers={"accept": "application/json"}).json()

    paths = schema["paths"]
    assert sorted(paths) == [
        "/api/v1/booths/",
        "/api/v1/booths/{code}/",
        "/api/v1/events/",
        "/api/v1/events/{slug}/",
        "/api/v1/events/{slug}/registrations/",
        "/api/v1/exhibitors/",
        "/api/v1/exhibitors/{slug}/",
        "/api/v1/exhibitors/{slug}/meeting-requests/",
        "/api/v1/fairs/",
        "/api/v1/fairs/{slug}/",
        "/api/v1/products/",
        "/api/v1/products/{id}/",
        "/api/v1/sectors/",
        "/api/v1/sectors/{slug}/",
        "/api/v1/zones/",
        "/api/v1/zones/{slug}/",
    ]
    writes = {
        path: operations
        for path, operations in paths.items()
        if path.endswith("s/") and "{" in path
    }
    assert sorted(writes) == [
        "/api/v1/events/{slug}/registrations/",
        "/api/v1/exhibitors/{slug}/meeting-requests/",
    ]
    for path, operations in writes.items():
        assert list(operations) == ["post"], path
        post = operations["post"]
        responses = post["responses"]
        assert sorted(responses) == ["201", "400", "404", "409", "413", "415", "429"], path
        assert post["requestBody"]["content"]["application/json"]["examples"], path
        for status in ["201", "400", "404", "409", "429"]:
            assert responses[status]["content"]["application/json"]["examples"], (path, status)
        assert "Retry-After" in responses["429"]["headers"]
    slots = schema["components"]["schemas"]["MeetingRequestInput"]["properties"]["slots"]
    assert slots["items"]["format"] == "date-time"
    for path, operations in paths.items():
        if path in writes:
            continue
        assert list(operations) == ["get"], path
        responses = operations["get"]["responses"]
        # No 401 or 403: reads need no login, and a CSRF refusal only meets a write.
        assert sorted(responses) == ["200", "304", "400", "404", "412", "429"], path
        for status in ["400", "404", "412", "429"]:
            assert responses[status]["content"]["application/json"]["examples"], (path, status)
        assert "Retry-After" in responses["429"]["headers"]
    assert schema["components"]["schemas"]["TranslatedText"]["required"] == ["en", "vi"]
    exhibitor = schema["components"]["schemas"]["Exhibitor"]["properties"]
    assert exhibitor["name"] == {
        "allOf": [{"$ref": "#/components/schemas/TranslatedText"}],
        "readOnly": True,
    }
    filters = {p["name"] for p in paths["/api/v1/exhibitors/"]["get"]["parameters"]}
    assert {"q", "sector", "zone", "country", "fair", "ordering", "page", "page_size"} <= filters
    events = {p["name"] for p in paths["/api/v1/events/"]["get"]["parameters"]}
    assert {"q", "kind", "day", "starts_after", "starts_before", "fair", "ordering"} <= events
    booths = {p["name"] for p in paths["/api/v1/booths/"]["get"]["parameters"]}
    assert {"q", "kind", "state", "hall", "fair", "ordering"} <= booths


def test_schema_requires_every_field_that_every_answer_carries(client, db):
    components = client.get("/api/schema/", {"format": "json"}).json()["components"]["schemas"]

    for name in ["Booth", "Exhibitor", "ExhibitorDetail", "Fair", "Sector", "SideEvent", "Zone"]:
        component = components[name]
        assert sorted(component["required"]) == sorted(component["properties"]), name


def test_docs_page_loads_everything_from_our_own_static_files(client, db):
    response = client.get("/api/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls == [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "/static/css/api-docs.css",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
        "/api/docs/?script=",
    ]
    assert "<style" not in html
    assert re.search(r"<script>", html) is None


def test_docs_init_script_points_at_our_schema(client, db):
    response = client.get("/api/docs/", {"script": ""})

    assert response.status_code == 200
    assert '"/api/schema/"' in response.content.decode()


@pytest.fixture
def wsgi_in_test_transaction():
    """Requests sent to the WSGI app straight (not through Django's test client) close
    "old" connections when they start and finish, the test's connection included (its
    open transaction looks unusable): keep it open, as the test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def little_of_everything(fair, settings):
    """A fair with a row of each kind, and a throttle the run cannot reach."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/min"},
    }
    sector = make_sector(slug="dien-tu")
    zone = make_zone(slug="kcn-thang-long")
    canon = make_exhibitor(slug="canon", zone=zone, sectors=[sector], origin_country="JP")
    make_booth(fair, code="A01", exhibitor=canon)
    make_booth(fair, code="A02", is_blocked=True)
    make_product(canon, sector=sector)
    make_event(fair, slug="hoi-thao").hosts.set([canon])
    make_event(
        fair,
        slug="ket-noi",
        kind="business_matching",
        starts_at=datetime.datetime(2024, 9, 21, 9, 0, tzinfo=HANOI),
        ends_at=datetime.datetime(2024, 9, 21, 11, 0, tzinfo=HANOI),
        slot_minutes=30,
        registration_open=False,
    )


CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


# The writes get the slug of a real event / exhibitor (a random one is only ever a 404),
# so their bodies reach the forms and the services.
WRITE_TARGETS = {
    "/api/v1/events/{slug}/registrations/": "hoi-thao",
    "/api/v1/exhibitors/{slug}/meeting-requests/": "canon",
}

# Random phones are almost never valid: one run posts valid bodies, again and again,
# so the answers of the services (201, then 409 or 429) are checked against the schema.
VALID_BODIES = {
    "/api/v1/events/{slug}/registrations/": {
        "name": "Nguyễn Thị Lan",
        "email": "lan@example.vn",
        "phone": "0912 345 678",
        "organisation": "Cơ khí Thăng Long",
        "job_title": "Kỹ sư",
        "consent": True,
    },
    "/api/v1/exhibitors/{slug}/meeting-requests/": {
        "name": "Tanaka Hiroshi",
        "company": "Tanaka Trading",
        "country": "JP",
        "email": "tanaka@example.jp",
        "phone": "+81 3 1234 5678",
        "message": "Linh kiện nhựa.",
        "slots": ["2024-09-21T09:00:00+07:00"],
        "consent": True,
        "language": "en",
    },
}

RUNS = {
    "valid": (GenerationMode.POSITIVE, {}),
    # A random `fair` is almost always unknown (a 400): pin it, so the filters' answers
    # over real rows get exercised too.
    "valid-in-the-fair": (GenerationMode.POSITIVE, {"fair": "hoi-cho-2024"}),
    "invalid": (GenerationMode.NEGATIVE, {}),
    "valid-bodies": (GenerationMode.POSITIVE, {}),
}


@pytest.mark.parametrize("run", list(RUNS))
def test_api_answers_generated_requests_without_error_and_as_described(
    little_of_everything, wsgi_in_test_transaction, run
):
    """Schemathesis, through its Python API, on the schema the WSGI app serves.

    Each operation gets its own bounded run of generated requests: no answer may be
    a 5xx, and every answer's status and body must match the schema.
    """
    mode, query = RUNS[run]
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_in_test_transaction)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 16
    if query:
        operations = [
            operation
            for operation in operations
            if all(name in [parameter.name for parameter in operation.query] for name in query)
        ]
        assert len(operations) == 8
    if run == "valid-bodies":
        operations = [operation for operation in operations if operation.path in VALID_BODIES]
        assert len(operations) == 2

    for operation in operations:
        slug = WRITE_TARGETS.get(operation.path)
        strategy = operation.as_strategy(
            generation_mode=mode,
            query=query or None,
            path_parameters={"slug": slug} if slug else None,
            **({"body": VALID_BODIES[operation.path]} if run == "valid-bodies" else {}),
        )

        @given(case=strategy)
        @settings(
            max_examples=20,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_described(case):
            # The WSGI transport does not undo Content-Encoding as an HTTP client
            # does, so it asks for plain bodies (gzip is tested in tests/perf).
            case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})

        answers_as_described()

    # Whatever got through was valid: the forms' rules held for every stored row.
    for registration in EventRegistration.objects.all():
        assert re.fullmatch(r"\+[1-9]\d{7,14}", registration.phone), registration.phone
        assert registration.consent_at is not None
    for meeting in MeetingRequest.objects.all():
        assert re.fullmatch(r"\+[1-9]\d{7,14}", meeting.requester_phone)
        assert meeting.consent_at is not None
        assert 1 <= len(meeting.proposed_slots) <= 3
    if run == "valid-bodies":
        assert EventRegistration.objects.count() == 1
        assert MeetingRequest.objects.count() > 0
