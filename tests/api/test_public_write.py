"""`PublicCreateView`: how the mobile app's writes answer, whatever they write."""

import json

import pytest

from tests.api import write_urls

pytestmark = pytest.mark.urls("tests.api.write_urls")

URL = "/api/test/sign-up/"


@pytest.fixture(autouse=True)
def _empty():
    write_urls.signed_up.clear()


def post(client, body, **kwargs):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", **kwargs)


def test_valid_body_is_written_and_answered_201(client):
    response = post(client, {"name": "Nguyễn An", "email": "an@example.vn"})

    assert response.status_code == 201
    assert response.json() == {"name": "Nguyễn An", "email": "an@example.vn", "seats": 1}
    assert write_urls.signed_up == [{"name": "Nguyễn An", "email": "an@example.vn", "seats": 1}]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"email": "an@example.vn"}, ["name"]),
        ({"name": "An", "email": "not an e-mail", "seats": 9}, ["email", "seats"]),
        ({"name": ["An"], "email": "an@example.vn", "seats": "two"}, ["name", "seats"]),
    ],
)
def test_body_of_the_wrong_shape_is_a_400_naming_each_field(client, body, fields):
    response = post(client, body)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert sorted(body["errors"]) == fields
    assert all(messages and all(messages) for messages in body["errors"].values())
    assert body["detail"] == f"Dữ liệu không hợp lệ: {', '.join(body['errors'])}."
    assert write_urls.signed_up == []


@pytest.mark.parametrize("body", ["null", '["An", "an@example.vn"]', "42", '"An"'])
def test_a_body_that_is_not_an_object_says_so_in_the_clients_language(client, body):
    vi = post(client, body)
    en = post(client, body, HTTP_ACCEPT_LANGUAGE="en")

    assert vi.status_code == en.status_code == 400
    assert vi.json()["detail"] == (
        'Nội dung gửi lên phải là một đối tượng JSON: {"tên trường": giá trị, …}.'
    )
    assert en.json()["detail"] == 'The request body must be a JSON object: {"field": value, …}.'
    assert vi.json()["errors"] == {"non_field_errors": [vi.json()["detail"]]}
    assert write_urls.signed_up == []


def test_malformed_json_is_a_400_that_says_so(client):
    response = post(client, '{"name": "An",')

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    # Where the client's JSON breaks, in the client's language (not Python's English).
    assert response.json()["detail"] == (
        "Nội dung gửi lên không phải JSON hợp lệ (lỗi ở dòng 1, cột 15)."
    )
    english = post(client, '{"name": "An",', HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"] == "The request body is not valid JSON (line 1, column 15)."


def test_framework_messages_are_in_the_clients_language(client):
    body = {"name": ["An"], "email": "an@example.vn", "seats": "two"}

    vi = post(client, body).json()["errors"]
    en = post(client, body, HTTP_ACCEPT_LANGUAGE="en").json()["errors"]
    listed = post(client, ["An"]).json()["errors"]
    plain = client.post(URL, "x", content_type="text/plain").json()

    assert vi == {"name": ["Cần một chuỗi ký tự."], "seats": ["Cần một số nguyên."]}
    assert en == {"name": ["Not a valid string."], "seats": ["A valid integer is required."]}
    assert listed == {
        "non_field_errors": [
            'Nội dung gửi lên phải là một đối tượng JSON: {"tên trường": giá trị, …}.'
        ]
    }
    assert plain["detail"] == "Không nhận nội dung kiểu “text/plain”; hãy gửi JSON."


def test_form_encoded_body_is_refused_with_415(client):
    response = client.post(URL, {"name": "An", "email": "an@example.vn"})

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_domain_error_of_the_service_is_a_409_with_its_message(client):
    response = post(client, {"name": "Full", "email": "an@example.vn"})

    assert response.status_code == 409
    assert response.json() == {"status": 409, "code": "conflict", "detail": "Sự kiện đã hết chỗ."}


def test_same_email_over_the_write_limit_gets_429(client, settings):
    settings.RATE_LIMITS = {"api-write": (300, 2, 3600)}
    body = {"name": "An", "email": "an@example.vn"}

    answers = [post(client, body).status_code for _ in range(3)]

    assert answers == [201, 201, 429]
    assert write_urls.signed_up == [{**body, "seats": 1}, {**body, "seats": 1}]


def test_get_on_a_write_endpoint_is_refused_with_405(client):
    response = client.get(URL)

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


@pytest.mark.parametrize("body", ["[" * 100_000 + "]" * 100_000, '{"a":' * 3000 + "1" + "}" * 3000])
def test_json_nested_too_deep_is_a_400_that_says_so(client, body):
    vi = post(client, body)
    en = post(client, body, HTTP_ACCEPT_LANGUAGE="en")

    assert vi.status_code == en.status_code == 400
    assert vi.json() == {
        "status": 400,
        "code": "parse_error",
        "detail": "Nội dung gửi lên lồng nhau quá sâu.",
    }
    assert en.json()["detail"] == "The request body is nested too deeply."
    assert write_urls.signed_up == []


def test_body_over_the_upload_limit_is_a_413_in_json(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {"name": "An", "email": "an@example.vn", "note": "x" * 1000}

    vi = post(client, body)
    en = post(client, body, HTTP_ACCEPT_LANGUAGE="en")

    assert vi.status_code == en.status_code == 413
    assert vi["Content-Type"] == "application/json"
    assert vi.json() == {
        "status": 413,
        "code": "too_large",
        "detail": "Nội dung gửi lên quá lớn: tối đa 1.000 byte.",
    }
    assert en.json()["detail"] == "The request body is too large: at most 1,000 bytes."
    assert write_urls.signed_up == []
