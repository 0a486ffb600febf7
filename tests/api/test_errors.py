"""Bad requests get a 4xx with a JSON body that says what is wrong, never a 500."""

import pytest
from django.test import Client

from tests.factories import make_booth, make_event, make_exhibitor, make_product, make_user


@pytest.fixture
def data(fair):
    canon = make_exhibitor(slug="canon")
    make_booth(fair, code="A01", exhibitor=canon)
    return {"product": make_product(canon)}


def assert_error(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert (body["status"], body["code"]) == (status, code)
    assert body["detail"]
    return body


DETAILS = [
    "/api/v1/fairs/hoi-cho-2024/",
    "/api/v1/sectors/dien-tu/",
    "/api/v1/zones/kcn-thang-long/",
    "/api/v1/exhibitors/canon/",
    "/api/v1/products/1/",
    "/api/v1/booths/A01/",
    "/api/v1/events/hoi-thao/",
]
LISTS = [
    "/api/v1/",
    "/api/v1/fairs/",
    "/api/v1/sectors/",
    "/api/v1/zones/",
    "/api/v1/exhibitors/",
    "/api/v1/products/",
    "/api/v1/booths/",
    "/api/v1/events/",
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_write_on_a_list_is_refused_with_405(client, data, path, method):
    response = getattr(client, method)(path, data='{"name": "x"}', content_type="application/json")

    body = assert_error(response, 405, "method_not_allowed")
    assert method.upper() in body["detail"]
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("path", DETAILS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_write_on_a_detail_is_refused_with_405(client, data, path, method):
    response = getattr(client, method)(path, data="not json", content_type="application/json")

    assert_error(response, 405, "method_not_allowed")


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/api/v1/booths/?fair=nope", "post"),
        ("/api/v1/exhibitors/canon/?fair=nope", "delete"),
        ("/api/v1/events/?fair=nope", "trace"),
        ("/api/v1/products/1/?fair=nope", "put"),
    ],
)
def test_write_with_an_unknown_fair_is_still_refused_with_405(client, data, path, method):
    response = getattr(client, method)(path)

    assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_options_with_an_unknown_fair_describes_the_endpoint(client, data):
    response = client.options("/api/v1/booths/?fair=nope")

    assert response.status_code == 200
    assert response.json()["renders"] == ["application/json"]


def test_csrf_refusal_is_in_the_clients_language(data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())

    vi = client.post("/api/v1/exhibitors/", data="{}", content_type="application/json")
    en = client.post(
        "/api/v1/exhibitors/",
        data="{}",
        content_type="application/json",
        headers={"accept-language": "en"},
    )

    assert assert_error(vi, 403, "permission_denied")["detail"] == (
        "Yêu cầu ghi từ một phiên đăng nhập cần mã CSRF hợp lệ (thiếu hoặc sai)."
    )
    assert assert_error(en, 403, "permission_denied")["detail"] == (
        "A write from a signed-in session needs a valid CSRF token (missing or wrong)."
    )


@pytest.mark.parametrize("accept", ["text/html", "application/xml", "image/png;q=1"])
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/", 200),
        ("/api/v1/exhibitors/", 200),
        ("/api/v1/exhibitors/canon/", 200),
        ("/api/v1/exhibitors/?page=0", 400),
        ("/api/v1/exhibitors/nope/", 404),
        ("/api/v1/nope/", 404),
    ],
)
def test_accept_header_without_json_still_gets_the_json_answer(client, data, path, status, accept):
    plain = client.get(path)
    response = client.get(path, headers={"accept": accept})

    assert (plain.status_code, response.status_code) == (status, status)
    assert response["Content-Type"] == "application/json"
    assert response.json() == plain.json()


def test_write_with_an_accept_header_without_json_is_answered_in_json(client, data):
    response = client.post(
        "/api/v1/exhibitors/canon/meeting-requests/",
        data="{}",
        content_type="application/json",
        headers={"accept": "text/html"},
    )

    assert_error(response, 400, "invalid")


def test_write_from_a_signed_in_session_without_csrf_token_is_refused_with_403(data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())

    response = client.post("/api/v1/exhibitors/", data="{}", content_type="application/json")

    assert_error(response, 403, "permission_denied")


BAD_FILTERS = [
    ("/api/v1/exhibitors/", {"sector": "nope"}, "sector", "Không có ngành “nope”."),
    ("/api/v1/exhibitors/", {"sector": "có dấu"}, "sector", "Không có ngành “có dấu”."),
    ("/api/v1/exhibitors/", {"zone": "nope"}, "zone", "Không có khu công nghiệp “nope”."),
    (
        "/api/v1/exhibitors/",
        {"country": "123"},
        "country",
        "Nhập mã quốc gia hai chữ cái theo ISO 3166 (ví dụ VN, JP).",
    ),
    (
        "/api/v1/exhibitors/",
        {"country": "VNM"},
        "country",
        "Nhập mã quốc gia hai chữ cái theo ISO 3166 (ví dụ VN, JP).",
    ),
    ("/api/v1/exhibitors/", {"fair": "nope"}, "fair", "Không có kỳ hội chợ “nope”."),
    ("/api/v1/exhibitors/", {"fair": "bad slug!"}, "fair", "Không có kỳ hội chợ “bad slug!”."),
    ("/api/v1/exhibitors/canon/", {"fair": "nope"}, "fair", "Không có kỳ hội chợ “nope”."),
    ("/api/v1/exhibitors/", {"page": "0"}, "page", "“0” không phải là số nguyên dương."),
    ("/api/v1/exhibitors/", {"page": "abc"}, "page", "“abc” không phải là số nguyên dương."),
    (
        "/api/v1/exhibitors/",
        {"page_size": "101"},
        "page_size",
        "Phải là số nguyên từ 1 đến 100 (nhận được “101”).",
    ),
    (
        "/api/v1/exhibitors/",
        {"page_size": "0"},
        "page_size",
        "Phải là số nguyên từ 1 đến 100 (nhận được “0”).",
    ),
    # Only ASCII digits: Python's int() also read "５" (full width), "٣" (Arabic), "5_0".
    ("/api/v1/exhibitors/", {"page": "\uff11"}, "page", "“\uff11” không phải là số nguyên dương."),
    ("/api/v1/exhibitors/", {"page": "\u0661"}, "page", "“\u0661” không phải là số nguyên dương."),
    ("/api/v1/exhibitors/", {"page": "+1"}, "page", "“+1” không phải là số nguyên dương."),
    ("/api/v1/exhibitors/", {"page": " 1"}, "page", "“ 1” không phải là số nguyên dương."),
    (
        "/api/v1/exhibitors/",
        {"page": "9" * 5000},
        "page",
        f"“{'9' * 40}” không phải là số nguyên dương.",
    ),
    (
        "/api/v1/exhibitors/",
        {"page_size": "5_0"},
        "page_size",
        "Phải là số nguyên từ 1 đến 100 (nhận được “5_0”).",
    ),
    ("/api/v1/products/", {"exhibitor": "nope"}, "exhibitor", "Không có doanh nghiệp “nope”."),
    ("/api/v1/sectors/", {"parent": "nope"}, "parent", "Không có ngành “nope”."),
    ("/api/v1/booths/", {"fair": "nope"}, "fair", "Không có kỳ hội chợ “nope”."),
]


@pytest.mark.parametrize(("path", "params", "name", "message"), BAD_FILTERS)
def test_unknown_filter_value_is_a_400_naming_the_parameter(
    client, data, path, params, name, message
):
    body = assert_error(client.get(path, params), 400, "invalid")

    assert body["errors"] == {name: [message]}
    assert body["detail"] == f"Dữ liệu không hợp lệ: {name}."


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/api/v1/events/", {"kind": "bogus"}, "kind"),
        ("/api/v1/events/", {"starts_after": "next tuesday"}, "starts_after"),
        ("/api/v1/events/", {"starts_before": "2024-13-45"}, "starts_before"),
        ("/api/v1/events/", {"day": "20/09/2024x"}, "day"),
        # Instants the database cannot store once in UTC (a 500 on SQLite before).
        ("/api/v1/events/", {"starts_after": "0001-01-01T00:00:00+14:00"}, "starts_after"),
        ("/api/v1/events/", {"starts_after": "0001-01-01"}, "starts_after"),
        ("/api/v1/events/", {"starts_before": "9999-12-31T23:59:59-14:00"}, "starts_before"),
        ("/api/v1/events/", {"ordering": "title"}, "ordering"),
        ("/api/v1/booths/", {"state": "sold"}, "state"),
        ("/api/v1/booths/", {"kind": "bogus"}, "kind"),
        ("/api/v1/exhibitors/", {"ordering": "price"}, "ordering"),
        ("/api/v1/exhibitors/", {"q": "x" * 201}, "q"),
        ("/api/v1/exhibitors/", {"q": "máy\x00in"}, "q"),
        ("/api/v1/products/", {"sector": "\x00"}, "sector"),
    ],
)
def test_malformed_filter_value_is_a_400_naming_the_parameter(client, data, path, params, name):
    body = assert_error(client.get(path, params), 400, "invalid")

    assert list(body["errors"]) == [name]
    assert body["errors"][name][0]


def test_instant_with_an_offset_postgresql_refuses_is_read_in_utc(client, fair):
    make_event(fair, slug="hoi-thao")  # 20/09/2024 09:00 in Hanoi, 02:00 UTC

    early = client.get("/api/v1/events/", {"starts_after": "2024-09-20T22:05:00+20:05"})
    late = client.get("/api/v1/events/", {"starts_after": "2024-09-20T22:06:00+20:05"})

    assert [row["slug"] for row in early.json()["results"]] == ["hoi-thao"]
    assert late.json()["results"] == []


def test_page_past_the_end_is_a_404_that_says_how_many_pages_there_are(client, data):
    body = assert_error(client.get("/api/v1/exhibitors/", {"page": 3}), 404, "not_found")

    assert body["detail"] == "Trang 3 không tồn tại: chỉ có 1 trang."
    english = client.get("/api/v1/exhibitors/", {"page": 3}, headers={"accept-language": "en"})
    assert english.json()["detail"] == "Page 3 does not exist: there is only 1 page."


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/exhibitors/bad%20slug/",
        "/api/v1/exhibitors/%C4%90/",
        "/api/v1/exhibitors/a%00b/",
        "/api/v1/events/x.y/",
        "/api/v1/fairs/%27%3B--/",
    ],
)
def test_malformed_slug_is_a_404_that_says_so(client, data, path):
    body = assert_error(client.get(path), 404, "not_found")

    assert "không phải là đường dẫn (slug) hợp lệ" in body["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/exhibitors/nope/",
        "/api/v1/products/999999/",
        "/api/v1/products/abc/",
        "/api/v1/products/99999999999999999999999/",
        "/api/v1/booths/Z999/",
        "/api/v1/booths/A%2099/",  # "A 99" is A99, which the plan has not
        "/api/v1/booths/%C4%9001/",  # Đ01
        "/api/v1/booths/" + "X" * 31 + "/",
        "/api/v2/exhibitors/",
        "/api/",
    ],
)
def test_unknown_object_or_path_is_a_json_404(client, data, path):
    assert_error(client.get(path), 404, "not_found")


@pytest.mark.parametrize("method", ["head", "options", "trace"])
@pytest.mark.parametrize("path", ["/api/v2/exhibitors/", "/api/v1/nope/", "/api/"])
def test_unknown_path_is_a_404_whatever_the_method(client, data, path, method):
    response = getattr(client, method)(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_path_without_trailing_slash_is_a_404_with_the_right_path(client, data):
    body = assert_error(client.get("/api/v1/exhibitors"), 404, "not_found")

    assert body["detail"] == (
        "Không có địa chỉ API /api/v1/exhibitors. Thiếu dấu “/” ở cuối: /api/v1/exhibitors/"
    )


def test_messages_follow_the_clients_language_on_the_real_api(client, data):
    # The API has no /en/ prefix: Accept-Language chooses, Vietnamese by default.
    vi = client.get("/api/v1/exhibitors/khong-co/")
    en = client.get("/api/v1/exhibitors/khong-co/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    bad_json = client.post(
        "/api/v1/exhibitors/khong-co/meeting-requests/",
        "{bad",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert vi.json()["detail"] == "Không tìm thấy."
    assert en.json()["detail"] == "Not found."
    assert en["Content-Language"] == "en" and "Accept-Language" in en["Vary"]
    assert bad_json.status_code in (400, 404)
    assert all(ord(char) < 128 for char in bad_json.json()["detail"])  # English, not Vietnamese
