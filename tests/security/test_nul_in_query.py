"""A NUL (%00) in a query value is refused with a 400, never handed to the database:
PostgreSQL refuses NUL in a string, which made `/exhibitors/?sector=%00` a 500. The API
refuses it in its filters, naming the parameter."""

import json

import pytest

from tests.factories import make_booth, make_event, make_exhibitor, make_fair

pytestmark = pytest.mark.django_db

PAGES = [
    "/exhibitors/?sector=%00",
    "/exhibitors/?zone=a%00b",
    "/en/exhibitors/?country=%00",
    "/exhibitors/?q=canon%00",
    "/exhibitors/?page=%00",
    "/products/?sector=%00",
    "/products/?q=%00",
    "/floor-plan/?booth=A%0001",
    "/events/?day=%00",
    "/exhibitors/canon/?product=%00",
    "/?x%00=1",
]
API = [
    "/api/v1/exhibitors/?sector=%00",
    "/api/v1/exhibitors/?q=%00",
    "/api/v1/booths/?state=%00",
    "/api/v1/events/?kind=%00",
]


@pytest.fixture(autouse=True)
def fair_with_content(db):
    fair = make_fair(is_current=True)
    exhibitor = make_exhibitor(name_vi="Canon Việt Nam", slug="canon")
    make_booth(fair, code="A01", exhibitor=exhibitor)
    make_event(fair)


@pytest.mark.parametrize("url", PAGES)
def test_a_nul_in_a_page_query_is_a_400_with_the_sites_page(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("url", API)
def test_a_nul_in_an_api_query_is_the_apis_own_400_naming_the_parameter(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    body = json.loads(response.content)
    assert response.status_code == 400
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [url.split("?")[1].split("=")[0]]


def test_the_same_pages_without_the_nul_answer(client):
    for url in PAGES[:-1]:
        response = client.get(url.replace("%00", ""), follow=True)
        assert response.status_code == 200, url
