"""GET /api/v1/booths/ and /api/v1/booths/<code>/: the floor, free, taken or kept."""

from booths.models import Booth
from tests.factories import make_booth, make_exhibitor, make_fair


def codes(response):
    return [row["code"] for row in response.json()["results"]]


def test_booth_list_gives_each_booth_of_the_fair_with_its_state(client, fair):
    canon = make_exhibitor(slug="canon-viet-nam", name_vi="Canon Việt Nam", name_en="Canon VN")
    make_booth(fair, code="A02", exhibitor=canon)
    make_booth(fair, code="A01")
    make_booth(fair, code="A03", is_blocked=True)
    make_booth(make_fair(slug="hoi-cho-2023", is_current=False), code="Z99")

    rows = client.get("/api/v1/booths/").json()["results"]

    assert [(row["code"], row["state"]) for row in rows] == [
        ("A01", "free"),
        ("A02", "taken"),
        ("A03", "kept"),
    ]
    assert rows[0]["exhibitor"] is None
    assert rows[1]["exhibitor"] == {
        "url": "http://testserver/api/v1/exhibitors/canon-viet-nam/",
        "slug": "canon-viet-nam",
        "name": {"vi": "Canon Việt Nam", "en": "Canon VN"},
    }


def test_booth_item_has_size_price_plan_and_links(client, fair):
    make_booth(
        fair,
        code="B05",
        hall="B",
        kind="premium",
        width_m=6,
        depth_m=3,
        price_vnd=36_000_000,
        plan_x=120,
        plan_y=40,
        plan_w=60,
        plan_h=30,
        fascia_name="CANON",
    )

    body = client.get("/api/v1/booths/B05/").json()
    typed = client.get("/api/v1/booths/b05/")

    assert body == {
        "url": "http://testserver/api/v1/booths/B05/?fair=hoi-cho-2024",
        "code": "B05",
        "fair": "hoi-cho-2024",
        "hall": "B",
        "kind": "premium",
        "width_m": "6.0",
        "depth_m": "3.0",
        "area_m2": "18.00",
        "price_vnd": 36_000_000,
        "price_includes_vat": True,
        "state": "free",
        "exhibitor": None,
        "fascia_name": "CANON",
        "plan": {"x": 120, "y": 40, "w": 60, "h": 30},
        "updated_at": body["updated_at"],
    }
    assert typed.status_code == 200 and typed.json() == body  # "b05" is B05, as on the plan


def test_booth_taken_by_an_unpublished_exhibitor_hides_the_exhibitor(client, fair):
    make_booth(fair, code="A01", exhibitor=make_exhibitor(is_published=False))

    row = client.get("/api/v1/booths/").json()["results"][0]

    assert (row["state"], row["exhibitor"]) == ("taken", None)


def test_booth_filters_by_state_kind_and_hall(client, fair):
    make_booth(fair, code="A01", kind="corner")
    make_booth(fair, code="A02", exhibitor=make_exhibitor(), kind="corner")
    make_booth(fair, code="B01", hall="B", is_blocked=True)

    assert codes(client.get("/api/v1/booths/", {"state": "free"})) == ["A01"]
    assert codes(client.get("/api/v1/booths/", {"state": "taken"})) == ["A02"]
    assert codes(client.get("/api/v1/booths/", {"state": "kept"})) == ["B01"]
    assert codes(client.get("/api/v1/booths/", {"kind": "corner"})) == ["A01", "A02"]
    assert codes(client.get("/api/v1/booths/", {"hall": "b"})) == ["B01"]


def test_booth_search_finds_the_exhibitors_booths(client, fair):
    make_booth(fair, code="A01", exhibitor=make_exhibitor(name_vi="Điện tử Hà Nội"))
    make_booth(fair, code="A02", exhibitor=make_exhibitor(name_vi="Canon"))
    make_booth(fair, code="A03")

    assert codes(client.get("/api/v1/booths/", {"q": "dien tu"})) == ["A01"]
    assert codes(client.get("/api/v1/booths/", {"q": "Điện Tử"})) == ["A01"]


def test_booth_ordering_by_code_and_price(client, fair):
    make_booth(fair, code="A01", price_vnd=30_000_000)
    make_booth(fair, code="A02", price_vnd=15_000_000)
    make_booth(fair, code="A03", price_vnd=20_000_000)

    assert codes(client.get("/api/v1/booths/", {"ordering": "-code"})) == ["A03", "A02", "A01"]
    assert codes(client.get("/api/v1/booths/", {"ordering": "price"})) == ["A02", "A03", "A01"]


def test_booth_detail_looks_in_the_fair_given(client, fair):
    make_booth(make_fair(slug="hoi-cho-2023", is_current=False), code="C01")

    in_current = client.get("/api/v1/booths/C01/")
    in_2023 = client.get("/api/v1/booths/C01/", {"fair": "hoi-cho-2023"})

    assert in_current.status_code == 404
    assert in_2023.status_code == 200
    assert in_2023.json()["fair"] == "hoi-cho-2023"


def test_codes_with_dots_and_codes_left_from_before_the_rule_answer(client, fair):
    make_booth(fair=fair, code="H1.05")
    left = make_booth(fair=fair, code="C07")
    Booth.objects.filter(pk=left.pk).update(code="c 07")  # as migration 0005 may leave it

    rows = client.get("/api/v1/booths/").json()["results"]
    dotted = client.get("/api/v1/booths/h1.05/")
    old = client.get("/api/v1/booths/c 07/")

    assert {row["code"] for row in rows} >= {"H1.05", "c 07"}
    assert dotted.status_code == 200 and dotted.json()["code"] == "H1.05"
    assert old.status_code == 200 and old.json()["code"] == "c 07"
