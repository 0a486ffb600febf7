"""On English pages, content with no English shows its Vietnamese text inside an element
marked `lang="vi"`, so that a screen reader reads it with a Vietnamese voice (WCAG
3.1.2); text that has its English, and every Vietnamese page, carry no such mark."""

import datetime

import html5lib
import pytest
from django.utils import translation

from events.models import FairFigure
from fairportal.languages import fallback_language, lang_attribute
from tests.factories import (
    HANOI,
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_product,
    make_sector,
    make_zone,
)

pytestmark = pytest.mark.django_db


def marked_parts(response) -> list[tuple[str, str, str]]:
    """(tag, language, words) of each element of the page's <main> with a `lang`
    attribute; an image's words are its alt text."""
    assert response.status_code == 200
    document = html5lib.parse(response.content.decode(), namespaceHTMLElements=False)
    main = document.find(".//main")
    return [
        (el.tag, el.get("lang"), " ".join("".join(el.itertext()).split()) or el.get("alt"))
        for el in main.iter()
        if el.get("lang") is not None
    ]


@pytest.fixture
def catalogue():
    """A fair with two exhibitors: one written in Vietnamese only, one in both languages."""
    fair = make_fair()
    sector = make_sector(name_vi="Cơ khí", name_en="Mechanical engineering", slug="co-khi")
    zone = make_zone(name_vi="KCN Quang Minh", name_en="Quang Minh Industrial Park")
    only_vi = make_exhibitor(
        name_vi="Cơ khí Đông Anh",
        name_en="",
        description_vi="Gia công cơ khí chính xác.",
        description_en="",
        address_vi="Đông Anh, Hà Nội",
        address_en="",
        slug="co-khi-dong-anh",
        sectors=[sector],
        zone=zone,
    )
    both = make_exhibitor(
        name_vi="Canon Việt Nam",
        name_en="Canon Vietnam",
        description_vi="Sản xuất máy in.",
        description_en="Makes printers.",
        address_vi="KCN Thăng Long, Hà Nội",
        address_en="Thang Long Industrial Park, Hanoi",
        slug="canon-viet-nam",
        sectors=[sector],
        zone=zone,
    )
    make_booth(fair=fair, exhibitor=only_vi, code="A01")
    make_booth(fair=fair, exhibitor=both, code="A02")
    make_product(
        exhibitor=only_vi,
        name_vi="Khuôn đúc nhôm",
        name_en="",
        description_vi="Khuôn cho vỏ động cơ.",
        description_en="",
        sector=sector,
    )
    make_product(
        exhibitor=both,
        name_vi="Máy in laser",
        name_en="Laser printer",
        description_vi="In nhanh.",
        description_en="Prints fast.",
        sector=sector,
    )
    only_vi_event = make_event(
        fair,
        slug="hoi-thao-co-khi",
        title_vi="Hội thảo cơ khí chính xác",
        title_en="",
        summary_vi="Xu hướng gia công.",
        summary_en="",
        description_vi="Nội dung chi tiết.",
        description_en="",
        room_vi="Phòng 2",
        room_en="",
        speakers_vi="Ông Nguyễn Văn An",
        speakers_en="",
        starts_at=datetime.datetime(2024, 9, 20, 9, 0, tzinfo=HANOI),
    )
    only_vi_event.hosts.set([only_vi, both])
    both_event = make_event(
        fair,
        slug="hoi-thao-may-in",
        title_vi="Hội thảo máy in",
        title_en="Printer seminar",
        summary_vi="Máy in mới.",
        summary_en="New printers.",
        description_vi="Giới thiệu dòng máy.",
        description_en="The new range.",
        room_vi="Phòng 1",
        room_en="Room 1",
        speakers_vi="Bà Trần Thị Bình",
        speakers_en="Ms Tran Thi Binh",
        starts_at=datetime.datetime(2024, 9, 20, 14, 0, tzinfo=HANOI),
    )
    both_event.hosts.set([both])
    return {"fair": fair, "sector": sector, "zone": zone}


def test_english_directory_marks_the_name_with_no_english_as_vietnamese(client, catalogue):
    response = client.get("/en/exhibitors/")

    assert marked_parts(response) == [("a", "vi", "Cơ khí Đông Anh")]
    assert 'href="/en/exhibitors/canon-viet-nam/">Canon Vietnam</a>' in response.text


def test_english_directory_marks_a_sector_and_zone_with_no_english(client, catalogue):
    catalogue["sector"].name_en = ""
    catalogue["sector"].save()
    catalogue["zone"].name_en = ""
    catalogue["zone"].save()

    response = client.get("/en/exhibitors/")

    assert marked_parts(response) == [
        ("label", "vi", "Cơ khí (2)"),  # the sector filter
        ("option", "vi", "KCN Quang Minh (2)"),  # the zone filter
        ("span", "vi", "KCN Quang Minh"),
        ("li", "vi", "Cơ khí"),
        ("a", "vi", "Cơ khí Đông Anh"),
        ("span", "vi", "KCN Quang Minh"),
        ("li", "vi", "Cơ khí"),
    ]


def test_english_profile_marks_each_text_with_no_english(client, catalogue):
    response = client.get("/en/exhibitors/co-khi-dong-anh/")

    assert marked_parts(response) == [
        ("h1", "vi", "Cơ khí Đông Anh"),
        ("div", "vi", "Gia công cơ khí chính xác."),
        ("h3", "vi", "Khuôn đúc nhôm"),
        ("p", "vi", "Khuôn cho vỏ động cơ."),
        ("dd", "vi", "Đông Anh, Hà Nội"),
    ]


def test_english_profile_with_english_marks_nothing(client, catalogue):
    response = client.get("/en/exhibitors/canon-viet-nam/")

    assert marked_parts(response) == []
    assert "<h1>Canon Vietnam</h1>" in response.text


def test_english_catalogue_marks_the_product_and_maker_with_no_english(client, catalogue):
    response = client.get("/en/products/")

    assert marked_parts(response) == [
        ("h3", "vi", "Khuôn đúc nhôm"),
        ("a", "vi", "Cơ khí Đông Anh"),
        ("p", "vi", "Khuôn cho vỏ động cơ."),
    ]
    assert "<h3>Laser printer</h3>" in response.text


def test_english_event_page_marks_each_text_with_no_english(client, catalogue):
    response = client.get("/en/events/hoi-thao-co-khi/")

    assert marked_parts(response) == [
        ("h1", "vi", "Hội thảo cơ khí chính xác"),
        ("p", "vi", "Xu hướng gia công."),
        ("dd", "vi", "Phòng 2"),
        ("ul", "vi", "Ông Nguyễn Văn An"),
        ("li", "vi", "Cơ khí Đông Anh"),  # a host; the other one has its English name
        ("div", "vi", "Nội dung chi tiết."),
    ]


def test_english_event_page_with_english_marks_nothing(client, catalogue):
    response = client.get("/en/events/hoi-thao-may-in/")

    assert marked_parts(response) == []
    assert "<h1>Printer seminar</h1>" in response.text


def test_english_programme_marks_the_event_with_no_english(client, catalogue):
    response = client.get("/en/events/")

    assert marked_parts(response) == [
        ("a", "vi", "Hội thảo cơ khí chính xác"),
        ("span", "vi", "Phòng 2"),
        ("p", "vi", "Xu hướng gia công."),
    ]
    assert "Printer seminar</a>" in response.text


def test_english_home_marks_the_figure_event_and_exhibitor_with_no_english(client, catalogue):
    fair = catalogue["fair"]
    FairFigure.objects.create(fair=fair, value="9", label_vi="khu công nghiệp", label_en="")
    FairFigure.objects.create(fair=fair, value="3", label_vi="ngày", label_en="days")

    response = client.get("/en/")

    assert marked_parts(response) == [
        ("span", "vi", "khu công nghiệp"),
        ("h3", "vi", "Hội thảo cơ khí chính xác"),
        ("span", "vi", "Phòng 2"),
        ("a", "vi", "Cơ khí Đông Anh"),
    ]


def test_english_floor_plan_marks_the_holder_with_no_english(client, catalogue):
    response = client.get("/en/floor-plan/", {"booth": "A01"})

    assert marked_parts(response) == [
        ("a", "vi", "Cơ khí Đông Anh"),  # the notice of the booth asked for
        ("td", "vi", "Cơ khí Đông Anh"),  # the booth list
    ]
    assert ">Canon Vietnam</a></td>" in response.text


def test_english_plan_marks_the_event_and_exhibitor_with_no_english(client, catalogue):
    session = client.session
    session["plan"] = {
        "exhibitor": ["co-khi-dong-anh", "canon-viet-nam"],
        "event": ["hoi-thao-co-khi", "hoi-thao-may-in"],
    }
    session.save()

    response = client.get("/en/plan/")

    assert marked_parts(response) == [
        ("a", "vi", "Hội thảo cơ khí chính xác"),
        ("span", "vi", "Phòng 2"),
        ("td", "vi", "Cơ khí Đông Anh"),
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/floor-plan/?booth=A01",
        "/plan/",
        "/exhibitors/",
        "/exhibitors/co-khi-dong-anh/",
        "/products/",
        "/events/",
        "/events/hoi-thao-co-khi/",
    ],
)
def test_vietnamese_pages_mark_no_content(client, catalogue, path):
    session = client.session
    session["plan"] = {"exhibitor": ["co-khi-dong-anh"], "event": ["hoi-thao-co-khi"]}
    session.save()
    catalogue["sector"].name_en = ""
    catalogue["sector"].save()
    FairFigure.objects.create(fair=catalogue["fair"], value="9", label_vi="khu công nghiệp")

    assert marked_parts(client.get(path)) == []


def test_fallback_language_names_the_language_of_the_text_shown():
    exhibitor = make_exhibitor(
        name_vi="Cơ khí Đông Anh",
        name_en="",
        description_vi="",
        description_en="",
        address_vi="Đông Anh, Hà Nội",
        address_en="Dong Anh, Hanoi",
    )

    with translation.override("en"):
        shown = (exhibitor.name, exhibitor.description)
        languages = (
            fallback_language(exhibitor, "name"),
            fallback_language(exhibitor, "description"),  # empty in both: nothing to mark
            fallback_language(exhibitor, "address"),  # has its English
        )
    with translation.override("vi"):
        in_vietnamese = fallback_language(exhibitor, "name")

    assert shown == ("Cơ khí Đông Anh", "")
    assert languages == ("vi", "", "")
    assert in_vietnamese == ""
    assert lang_attribute(exhibitor, "name", "en") == ' lang="vi"'
    assert lang_attribute(exhibitor, "address", "en") == ""


def test_fallback_language_refuses_a_field_that_is_not_translated():
    exhibitor = make_exhibitor()

    with pytest.raises(TypeError, match="Exhibitor.slug is not a translated field"):
        fallback_language(exhibitor, "slug", "en")
