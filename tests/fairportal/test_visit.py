import datetime
from decimal import Decimal

import pytest

from tests.factories import make_fair

pytestmark = pytest.mark.django_db


def test_visit_shows_hours_of_each_day_address_map_and_hotline(client):
    make_fair(
        last_day_closes_at=datetime.time(12, 0),
        hotline="0243 888 1234",
        directions_vi="Xe buýt số 58 từ Long Biên.",
        parking_vi="Bãi đỗ xe miễn phí phía sau nhà A.",
        latitude=Decimal("21.180000"),
        longitude=Decimal("105.720000"),
    )

    response = client.get("/visit/")

    text = response.text
    assert response.status_code == 200
    assert [
        (r["day"].day, r["opens_at"].hour, r["closes_at"].hour) for r in response.context["hours"]
    ] == [
        (20, 8, 17),
        (21, 8, 17),
        (22, 8, 12),
    ]
    assert "20/09/2024" in text and "22/09/2024" in text and "12:00" in text
    assert "Trung tâm thương mại Mê Linh" in text
    assert "Xe buýt số 58 từ Long Biên." in text and "Bãi đỗ xe miễn phí" in text
    assert (
        'href="https://www.openstreetmap.org/?mlat=21.180000&amp;mlon=105.720000#map=16/21.180000/105.720000"'
        in text
    )
    assert 'href="tel:02438881234"' in text
    assert "<iframe" not in text
    assert text.count("<h1") == 1


def test_visit_in_english(client):
    make_fair(directions_en="Bus 58 from Long Bien.")

    response = client.get("/en/visit/")

    assert '<html lang="en">' in response.text
    assert "Bus 58 from Long Bien." in response.text and "Mê Linh Trade Center" in response.text


@pytest.mark.parametrize(
    ("prefix", "heading"), [("", "Đường đến hội chợ"), ("/en", "Getting to the fair")]
)
def test_visit_directions_heading_names_no_venue_the_board_may_change(client, prefix, heading):
    make_fair(
        venue_vi="Trung tâm Hội chợ Triển lãm Việt Nam",
        venue_en="Vietnam Exhibition Fair Centre",
        address_vi="148 Giảng Võ, Hà Nội",
        address_en="148 Giang Vo, Hanoi",
        directions_vi="Xe buýt số 09.",
        directions_en="Bus 09.",
    )

    text = client.get(f"{prefix}/visit/").text

    assert f'<h2 id="directions-title">{heading}</h2>' in text
    assert "Mê Linh" not in text


def test_visit_without_fair(client):
    assert client.get("/visit/").status_code == 200
