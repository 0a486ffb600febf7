"""The public floor plan: every booth drawn by state, linked, highlighted, and a table."""

import re

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from booths.models import EventPlace
from tests.factories import make_booth, make_exhibitor, make_fair

pytestmark = pytest.mark.django_db

PLAN = "/floor-plan/"


def booth_markup(html, code):
    match = re.search(rf'<(a|g)[^>]*id="booth-{code}".*?</\1>', html, re.S)
    assert match, code
    return match.group(0)


def test_floor_plan_draws_each_state_with_its_link(client, booths):
    canon = make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam", slug="canon-viet-nam")
    booths["A02"].exhibitor = canon
    booths["A02"].save()

    html = client.get(PLAN).content.decode()

    free = booth_markup(html, "A01")
    taken = booth_markup(html, "A02")
    kept = booth_markup(html, "A03")
    assert 'class="booth booth-free"' in free
    assert 'href="/booths/apply/?booth=A01"' in free
    assert 'class="booth booth-taken"' in taken
    assert "<title>A02 – Canon Việt Nam</title>" in taken
    assert '<text x="' in taken and ">Canon Việt Nam</text>" in taken  # the visible tip
    assert 'fill="url(#pat-taken)"' in taken
    assert "href=" not in kept
    assert 'fill="url(#pat-kept)"' in kept


def reachable_booths(html) -> list[tuple[str, str, str]]:
    """(visible text, tip, accessible name) of each booth a keyboard reaches: a link, or
    a taken booth of an unpublished holder (tabindex). The visible text is the code
    drawn on the booth; the tip is what hovering or focusing it shows."""
    document = html5lib.parse(html, namespaceHTMLElements=False)

    def local(element) -> str:
        return element.tag.rpartition("}")[2]

    def text_of(element, css_class) -> str:
        found = [e for e in element.iter() if e.get("class") == css_class]
        return " ".join("".join(found[0].itertext()).split()) if found else ""

    rows = []
    for element in document.iter():
        if "booth" not in (element.get("class") or "").split():
            continue
        if local(element) == "a" or element.get("tabindex") is not None:
            tips = [e for e in element.iter() if e.get("class") == "booth-tip"]
            tip = " ".join("".join(tips[0].itertext()).split()) if tips else ""
            rows.append((text_of(element, "booth-code"), tip, element.get("aria-label")))
    return rows


@pytest.mark.parametrize(
    ("prefix", "names"),
    [
        (
            "",
            ["A01 – gian trống, đăng ký", "A02 – Canon Việt Nam", "B01 – gian đã có doanh nghiệp"],
        ),
        ("/en", ["A01 – available booth, book", "A02 – Canon Vietnam", "B01 – booth taken"]),
    ],
    ids=["vi", "en"],
)
def test_floor_plan_booth_names_start_with_the_code_shown(client, booths, prefix, names):
    # WCAG 2.5.3 (Label in Name): a voice-control user says the code they see ("click
    # A02"); a name "Gian A02: …" / "Booth A02: …" did not start with it.
    canon = make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam", slug="canon-viet-nam")
    booths["A02"].exhibitor = canon
    booths["A02"].save()
    booths["B01"].exhibitor = make_exhibitor(name_vi="Công ty chưa công bố", is_published=False)
    booths["B01"].save()

    reached = reachable_booths(client.get(f"{prefix}{PLAN}").content.decode())

    assert [name for _code, _tip, name in reached] == names
    for code, tip, name in reached:
        assert name.startswith(f"{code} – ")
        assert tip in name


def test_floor_plan_taken_booth_links_to_profile(client, booths):
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    booths["A02"].exhibitor = canon
    booths["A02"].save()

    html = client.get(PLAN).content.decode()

    assert 'href="/exhibitors/canon-viet-nam/"' in booth_markup(html, "A02")


def test_floor_plan_svg_numbers_not_localised(client, booths):
    """Vietnamese formats write 15,5; SVG attributes need plain numbers."""
    html = client.get(PLAN).content.decode()
    svg = html[
        html.index('class="plan-svg"') : html.index("</svg>", html.index('class="plan-svg"'))
    ]

    assert re.findall(r'(?:x|y|width|height)="[^"]*,[^"]*"', svg) == []
    assert '<text class="booth-code" x="15" y="19" text-anchor="middle">A01</text>' in svg


def test_floor_plan_groups_booths_by_hall_and_counts_them(client, booths):
    html = client.get(PLAN).content.decode()

    assert html.count('class="plan-svg"') == 2
    assert html.index('id="hall-a"') < html.index('id="booth-A01"') < html.index('id="hall-b"')
    assert "<span>Trống — bấm để đăng ký (3)</span>" in html
    assert "<span>Ban tổ chức giữ lại (chấm) (1)</span>" in html


def test_floor_plan_legend_names_each_state_in_words(client, booths):
    html = client.get(PLAN).content.decode()

    for words in [
        "Trống — bấm để đăng ký",
        "Đã có doanh nghiệp (gạch chéo)",
        "Ban tổ chức giữ lại (chấm)",
    ]:
        assert words in html


def test_floor_plan_legend_offers_no_booking_once_applications_are_closed(client, fair, booths):
    fair.applications_open = False
    fair.save()

    vietnamese = client.get(PLAN).content.decode()
    english = client.get("/en" + PLAN).content.decode()

    assert "<span>Trống (3)</span>" in vietnamese
    assert "bấm để đăng ký" not in vietnamese
    assert "<span>Available (3)</span>" in english
    assert "click to book" not in english
    assert 'href="/booths/apply/?booth=' not in vietnamese


@pytest.mark.parametrize("typed", ["A02", "a02", "A 02", "Ａ０２"])
def test_floor_plan_highlights_booth_from_query(client, booths, typed):
    html = client.get(PLAN, {"booth": typed}, follow=True).content.decode()

    assert 'class="booth booth-free is-highlighted"' in booth_markup(html, "A02")
    assert 'class="booth booth-free"' in booth_markup(html, "A01")
    assert '<tr id="row-A02" class="is-highlighted" aria-current="true" role="row">' in html
    assert "Gian A02 đang trống." in html


def test_floor_plan_unknown_booth_says_so(client, booths):
    html = client.get(PLAN + "?booth=Z99", follow=True).content.decode()

    assert "Không có gian Z99 trong kỳ hội chợ này." in html


FIND = "/floor-plan/find/"


@pytest.mark.parametrize(
    ("prefix", "label", "button"),
    [("", "Tìm gian theo mã", "Tìm gian"), ("/en", "Find a booth by its code", "Find booth")],
)
def test_floor_plan_offers_a_box_to_find_a_booth_by_its_code(client, booths, prefix, label, button):
    html = client.get(prefix + PLAN).content.decode()

    form = re.search(r'<form class="inline-search find-booth".*?</form>', html, re.S).group(0)
    assert f'action="{prefix}{FIND}"' in form and 'method="get"' in form
    assert f'<label for="find-booth">{label}</label>' in form
    assert '<input type="search" id="find-booth" name="booth"' in form
    assert f'<button type="submit">{button}</button>' in form
    assert 'name="robots"' not in html


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("typed", ["B01", "b01", " b 01 ", "Ｂ０１"])
def test_finding_a_booth_by_its_code_opens_the_plan_at_it(client, booths, prefix, typed):
    response = client.get(prefix + FIND, {"booth": typed})

    assert response.status_code == 302
    assert response["Location"] == f"{prefix}{PLAN}?booth=B01#booth-B01"
    html = client.get(response["Location"]).content.decode()
    assert 'class="booth booth-free is-highlighted"' in booth_markup(html, "B01")


@pytest.mark.parametrize(
    ("prefix", "says"),
    [
        ("", "Không có gian Z99 trong kỳ hội chợ này."),
        ("/en", "There is no booth Z99 in this fair edition."),
    ],
)
def test_finding_a_booth_that_does_not_exist_says_so_and_keeps_what_was_typed(
    client, booths, prefix, says
):
    response = client.get(prefix + FIND, {"booth": "z99"})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<div class="plan-notice" role="status">\n    \n      <p>{says}</p>' in html
    assert 'id="find-booth" name="booth" value="Z99"' in html
    assert 'id="booth-A01"' in html  # the plan is still there to look at
    assert 'class="is-highlighted"' not in html
    assert '<meta name="robots" content="noindex">' in html


def test_codes_typed_into_the_box_add_no_cached_pages(client, booths):
    client.get(PLAN)  # the plan itself is cached
    assert client.get(PLAN)["X-Cache"] == "hit"

    unknown = [client.get(FIND, {"booth": "Z99"}) for _ in range(2)]
    by_hand = [client.get(PLAN, {"booth": "z99"}) for _ in range(2)]
    lower = [client.get(PLAN, {"booth": "a02"}) for _ in range(2)]

    assert [r.status_code for r in unknown] == [200, 200]
    assert [r.get("X-Cache") for r in unknown] == [None, None]
    assert "no-store" in unknown[0]["Cache-Control"]
    # A code that is not a booth's own, in the plan's own address, is sent to the box's
    # answer: a redirect, which the cache does not keep.
    assert [(r.status_code, r["Location"]) for r in by_hand] == [(302, f"{FIND}?booth=z99")] * 2
    assert [(r.status_code, r["Location"]) for r in lower] == [(302, f"{FIND}?booth=a02")] * 2


# (A NUL never reaches the view: fairportal.query_guard answers 400.)
@pytest.mark.parametrize("typed", ["<A01>", "A" * 300, "Ả01"])
def test_finding_what_no_booth_code_can_be_says_there_is_no_such_booth(client, booths, typed):
    # No booth code holds these characters (a NUL would be a 500 on PostgreSQL).
    response = client.get(FIND, {"booth": typed})

    assert response.status_code == 200
    assert "trong kỳ hội chợ này." in response.content.decode()
    assert "<A01>" not in response.content.decode()


@pytest.mark.parametrize("typed", ["", "   "])
def test_finding_nothing_typed_goes_back_to_the_plan(client, booths, typed):
    response = client.get(FIND, {"booth": typed})

    assert (response.status_code, response["Location"]) == (302, PLAN)


def test_floor_plan_table_lists_every_booth_with_state(client, booths):
    make_exhibitor(name_vi="Ẩn", is_published=False)
    hidden = make_exhibitor(name_vi="Công ty chưa công bố", is_published=False)
    booths["B01"].exhibitor = hidden
    booths["B01"].save()

    html = client.get(PLAN).content.decode()
    table = html[html.index('<table role="table">') :]

    assert [m for m in re.findall(r'<tr id="row-(\w+)"', table)] == ["A01", "A02", "A03", "B01"]
    assert "Công ty chưa công bố" not in html
    assert "Chưa công bố" in table


def test_floor_plan_highlighting_a_booth_of_an_unpublished_company_says_it_is_taken(client, booths):
    booths["B01"].exhibitor = make_exhibitor(name_vi="Công ty chưa công bố", is_published=False)
    booths["B01"].save()

    html = client.get(PLAN + "?booth=B01").content.decode()

    assert "đã có doanh nghiệp</p>" in html
    assert "Công ty chưa công bố" not in html and "đơn vị" not in html


def test_floor_plan_shows_only_current_fair(client, booths):
    make_booth(fair=make_fair(is_current=False), code="X01", hall="X")

    html = client.get(PLAN).content.decode()

    assert 'id="booth-X01"' not in html


def test_floor_plan_names_escaped(client, booths):
    booths["A01"].exhibitor = make_exhibitor(name_vi="<script>alert(1)</script>")
    booths["A01"].save()

    html = client.get(PLAN).content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_floor_plan_english_keeps_booth_links(client, booths):
    response = client.get("/en" + PLAN)

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert 'href="/en/booths/apply/?booth=A01"' in response.content.decode()


def fill_fair(fair, count):
    for n in range(count):
        # Every other holder has no English: the English plan shows its Vietnamese name.
        exhibitor = make_exhibitor(**({"name_en": ""} if n % 4 == 1 else {})) if n % 2 else None
        make_booth(
            fair=fair,
            code=f"D{n:02d}",
            hall="D" if n < count / 2 else "E",
            exhibitor=exhibitor,
            is_blocked=(n % 5 == 4) and exhibitor is None,
        )


def count_queries(client, path=PLAN):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["vi", "en"])
def test_floor_plan_query_count_does_not_grow_with_booths(
    client, fair, django_assert_num_queries, prefix
):
    fill_fair(fair, 3)
    small = count_queries(client, prefix + PLAN)
    make_booth(fair=make_fair(is_current=False), code="X01")
    for n in range(3, 60):
        holder = make_exhibitor(name_en="" if n % 4 == 1 else f"Holder {n}") if n % 2 else None
        make_booth(fair=fair, code=f"F{n:02d}", hall="F", exhibitor=holder)

    with django_assert_num_queries(small):
        client.get(prefix + PLAN)
    assert small <= 4


def test_floor_plan_html_holds_no_visitors_plan(client):
    """A visitor's saved companies are marked by booths.js from /plan/starred.json; the
    page itself, cached for everyone, is the same with or without a plan."""
    fair = make_fair(is_current=True)
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_booth(fair=fair, exhibitor=canon, code="A07")
    client.post("/plan/toggle/", {"kind": "exhibitor", "slug": "canon-viet-nam", "intent": "add"})

    html = client.get("/floor-plan/").content.decode()

    assert client.get("/plan/starred.json").json()["exhibitor"] == ["canon-viet-nam"]
    assert 'data-starred-url="/plan/starred.json"' in html
    assert '<li class="legend-saved" hidden>' in html
    assert "is-saved" not in html
    assert "holds no one" not in html  # the template's comment stays out of the page


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["vi", "en"])
def test_booth_links_open_the_plan_at_an_element_of_that_booth(client, booths, prefix):
    # Without JavaScript the browser scrolls to the fragment's element: each link to a
    # booth on the plan names one, and the plan has it, whatever the booth's state.
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    booths["A02"].exhibitor = canon
    booths["A02"].save()
    links = [booth.get_absolute_url() for booth in booths.values()]
    html = client.get(prefix + PLAN).content.decode()

    assert [link.split("#")[1] for link in links] == [
        "booth-A01",
        "booth-A02",
        "booth-A03",
        "booth-B01",
    ]
    assert [html.count(f'id="{link.split("#")[1]}"') for link in links] == [1, 1, 1, 1]


def make_event_places(fair):
    stage = EventPlace.objects.create(
        fair=fair,
        kind=EventPlace.Kind.STAGE,
        name_vi="Sân khấu chính",
        name_en="Main stage",
        hall="A",
        plan_x=0,
        plan_y=60,
        plan_w=120,
        plan_h=60,
    )
    matching = EventPlace.objects.create(
        fair=fair,
        kind=EventPlace.Kind.BUSINESS_MATCHING,
        name_vi="Khu kết nối doanh nghiệp",
        name_en="Business matching area",
        hall="B",
        plan_x=0,
        plan_y=60,
        plan_w=180,
        plan_h=80,
    )
    return stage, matching


def visible_text(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


@pytest.mark.parametrize(
    ("prefix", "stage_words", "matching_words", "legend", "listed"),
    [
        (
            "",
            "Sân khấu chính",
            "Khu kết nối doanh nghiệp",
            ["Sân khấu (viền liền)", "Khu kết nối doanh nghiệp (viền chấm)"],
            [
                "Sân khấu chính · Sân khấu · Khu A",
                "Khu kết nối doanh nghiệp · Khu kết nối doanh nghiệp · Khu B",
            ],
        ),
        (
            "/en",
            "Main stage",
            "Business matching area",
            ["Stage (solid outline)", "Business matching area (dotted outline)"],
            [
                "Main stage · Stage · Hall A",
                "Business matching area · Business matching area · Hall B",
            ],
        ),
    ],
    ids=["vi", "en"],
)
def test_floor_plan_marks_where_side_events_happen_with_a_legend(
    client, booths, prefix, stage_words, matching_words, legend, listed
):
    stage, matching = make_event_places(booths["A01"].fair)

    html = client.get(prefix + PLAN).content.decode()

    drawn = {pk: markup for markup, pk in re.findall(r'(<g id="place-(\d+)".*?</g>)', html, re.S)}
    assert visible_text(drawn[str(stage.pk)]) == stage_words
    assert visible_text(drawn[str(matching.pk)]) == matching_words
    # Each kind has its own outline (booths.css), which the legend names: not colour alone.
    assert 'class="place-box place-stage"' in drawn[str(stage.pk)]
    legend_items = re.findall(
        r'class="place-box place-[a-z_]+"></rect></svg>\s*<span>(.*?)</span>', html
    )
    assert legend_items == legend
    section = re.search(r'<section class="plan-places".*?</section>', html, re.S).group(0)
    assert [visible_text(li) for li in re.findall(r"<li>(.*?)</li>", section, re.S)] == listed
    assert f'href="#place-{stage.pk}"' in section


def test_floor_plan_names_each_event_place_for_screen_readers(client, booths):
    stage, matching = make_event_places(booths["A01"].fair)

    vi = client.get(PLAN).content.decode()
    en = client.get("/en" + PLAN).content.decode()

    assert (
        f'<g id="place-{stage.pk}" class="event-place" role="img" aria-label="Sân khấu: Sân khấu chính">'
        in vi
    )
    assert (
        f'<g id="place-{stage.pk}" class="event-place" role="img" aria-label="Stage: Main stage">'
        in en
    )


def test_floor_plan_without_event_places_has_no_such_legend_or_list(client, booths):
    html = client.get(PLAN).content.decode()

    assert "place-box" not in html
    assert "Nơi diễn ra sự kiện" not in html


def test_board_adds_an_event_place_in_the_admin_and_the_plan_shows_it(board_client, booths):
    fair = booths["A01"].fair

    response = board_client.post(
        "/admin/booths/eventplace/add/",
        {
            "fair": fair.pk,
            "kind": "seminar_room",
            "name_vi": "Phòng hội thảo 1",
            "name_en": "Seminar room 1",
            "hall": "A",
            "plan_x": "0",
            "plan_y": "60",
            "plan_w": "120",
            "plan_h": "60",
        },
    )
    board_client.logout()
    html = board_client.get(PLAN).content.decode()

    assert response.status_code == 302
    place = EventPlace.objects.get()
    assert (place.fair, place.kind, place.name_vi, place.hall) == (
        fair,
        "seminar_room",
        "Phòng hội thảo 1",
        "A",
    )
    assert 'aria-label="Phòng hội thảo: Phòng hội thảo 1"' in html
    assert "Phòng hội thảo (viền gạch)" in html


def test_a_place_typed_in_hall_a_lower_case_stands_in_hall_a(board_client, booths):
    # Typed "a " in the admin: not a second, empty "Khu a" drawn beside the booths' A.
    fair = booths["A01"].fair
    board_client.post(
        "/admin/booths/eventplace/add/",
        {
            "fair": fair.pk,
            "kind": "stage",
            "name_vi": "Sân khấu chính",
            "name_en": "Main stage",
            "hall": " a ",
            "plan_x": "0",
            "plan_y": "60",
            "plan_w": "120",
            "plan_h": "60",
        },
    )
    board_client.logout()

    halls = [hall.name for hall in board_client.get(PLAN).context["halls"]]

    assert EventPlace.objects.get().hall == "A"
    assert halls.count("A") == 1 and "a" not in halls


def test_floor_plan_writes_the_kind_of_a_place_whose_name_does_not_say_it(client, booths):
    hall = EventPlace.objects.create(
        fair=booths["A01"].fair,
        kind=EventPlace.Kind.SEMINAR_ROOM,
        name_vi="Hội trường Sen",
        name_en="Lotus Hall",
        hall="A",
        plan_y=60,
        plan_w=120,
        plan_h=60,
    )

    vi = client.get(PLAN).content.decode()
    en = client.get("/en" + PLAN).content.decode()

    pattern = rf'<g id="place-{hall.pk}".*?</g>'
    assert visible_text(re.search(pattern, vi, re.S).group(0)) == "Phòng hội thảo Hội trường Sen"
    assert visible_text(re.search(pattern, en, re.S).group(0)) == "Seminar room Lotus Hall"
