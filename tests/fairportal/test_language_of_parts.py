"""On English pages, content with no English shows its Vietnamese text inside an element
marked `lang="vi"`, so that a screen reader reads it with a Vietnamese voice (WCAG
3.1.2); text that has its English, and every Vietnamese page, carry no such mark."""

import datetime
import re

import html5lib
import pytest
from django.utils import translation

from events.models import FairFigure, SideEvent
from fairportal.languages import fallback_language, lang_attribute
from fairportal.templatetags.portal import in_its_language
from tests.factories import (
    HANOI,
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_meeting_request,
    make_product,
    make_sector,
    make_user,
    make_zone,
    new_token,
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
    """A fair with two exhibitors: one written in Vietnamese only, one in both languages
    (without legal names, which are always Vietnamese: see the legal name's test)."""
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
        legal_name="",
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
        legal_name="",
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
        ("{http://www.w3.org/2000/svg}text", "vi", "Cơ khí Đông Anh"),  # its booth's tip
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
        ("span", "vi", "Hội thảo cơ khí chính xác"),  # in its star button's name
        ("td", "vi", "Cơ khí Đông Anh"),
        ("span", "vi", "Cơ khí Đông Anh"),
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


# The meeting pages, the visit page and the company area -------------------------------


@pytest.fixture
def matching():
    """A current fair in Vietnamese only, its matching session, a company written in
    Vietnamese only and one in both languages, and sectors of each kind."""
    fair = make_fair(
        name_en="",
        venue_en="",
        address_en="",
        organiser_en="",
        directions_vi="Xe buýt 58 từ Long Biên.",
        parking_vi="Bãi đỗ xe phía đông.",
    )
    session = make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        slug="ket-noi",
        title_vi="Kết nối doanh nghiệp",
        title_en="",
        room_vi="Khu B2B",
        room_en="",
        starts_at=datetime.datetime(2024, 9, 20, 14, 0, tzinfo=HANOI),
        ends_at=datetime.datetime(2024, 9, 20, 15, 0, tzinfo=HANOI),
        registration_open=False,
        capacity=0,
        tables=3,
    )
    only_vi_sector = make_sector(name_vi="Cơ khí", name_en="", slug="co-khi", position=1)
    both_sector = make_sector(name_vi="Điện tử", name_en="Electronics", slug="dien-tu", position=2)
    zone = make_zone(name_vi="KCN Quang Minh", name_en="")
    only_vi = make_exhibitor(
        name_vi="Cơ khí Đông Anh", name_en="", slug="co-khi-dong-anh", zone=zone
    )
    only_vi.sectors.set([only_vi_sector, both_sector])
    both = make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam", slug="canon-viet-nam")
    return {
        "fair": fair,
        "session": session,
        "only_vi": only_vi,
        "both": both,
        "only_vi_sector": only_vi_sector,
        "both_sector": both_sector,
    }


def _meeting_link(matching, exhibitor, **kwargs) -> str:
    token, digest = new_token()
    make_meeting_request(matching["session"], exhibitor, token_hash=digest, **kwargs)
    return f"/en/events/meetings/{token}/"


def test_english_meet_page_marks_the_company_session_and_sector_with_no_english(client, matching):
    response = client.get("/en/exhibitors/co-khi-dong-anh/meet/")

    assert marked_parts(response) == [
        ("p", "vi", "Cơ khí Đông Anh"),  # the breadcrumb
        ("span", "vi", "Cơ khí Đông Anh"),  # in the heading "Book a meeting with …"
        ("option", "vi", "Cơ khí"),  # the sector of interest; "Electronics" has its English
        ("span", "vi", "Kết nối doanh nghiệp"),  # the heading of the session's slots
    ]
    assert '<h1>Book a meeting with <span lang="vi">Cơ khí Đông Anh</span></h1>' in response.text


def test_english_meet_page_with_english_marks_nothing(client, matching):
    session = matching["session"]
    session.title_en = "Business matching"
    session.save()
    matching["only_vi_sector"].name_en = "Mechanical engineering"
    matching["only_vi_sector"].save()

    response = client.get("/en/exhibitors/canon-viet-nam/meet/")

    assert marked_parts(response) == []
    assert "<h1>Book a meeting with Canon Vietnam</h1>" in response.text
    assert '<legend class="slot-session">Business matching · 20/09/2024</legend>' in response.text


def test_english_meeting_page_marks_the_company_session_and_room_with_no_english(client, matching):
    link = _meeting_link(
        matching,
        matching["only_vi"],
        status="accepted",
        slot_start=datetime.datetime(2024, 9, 20, 14, 30, tzinfo=HANOI),
        table_number=2,
    )

    response = client.get(link)

    assert marked_parts(response) == [
        ("dd", "vi", "Cơ khí Đông Anh"),
        ("span", "vi", "Kết nối doanh nghiệp"),
        ("span", "vi", "Khu B2B"),
    ]


def test_english_meeting_page_marks_the_company_proposing_a_time(client, matching):
    link = _meeting_link(
        matching,
        matching["only_vi"],
        proposed_slots=[datetime.datetime(2024, 9, 20, 14, 30, tzinfo=HANOI).isoformat()],
        other_slot_proposed_at=datetime.datetime(2024, 9, 1, 9, 0, tzinfo=HANOI),
    )

    response = client.get(link)

    assert marked_parts(response) == [
        ("dd", "vi", "Cơ khí Đông Anh"),
        ("span", "vi", "Kết nối doanh nghiệp"),
        ("span", "vi", "Cơ khí Đông Anh"),  # "… proposes to meet you at another time"
    ]


def test_english_meeting_page_with_english_marks_nothing(client, matching):
    session = matching["session"]
    session.title_en, session.room_en = "Business matching", "B2B area"
    session.save()
    link = _meeting_link(
        matching,
        matching["both"],
        status="accepted",
        slot_start=datetime.datetime(2024, 9, 20, 14, 30, tzinfo=HANOI),
        table_number=2,
    )

    response = client.get(link)

    assert marked_parts(response) == []
    # The company's English name, linked to its English page, nothing marked Vietnamese.
    assert re.search(r'<dd><a href="/en/exhibitors/[^"]+/">Canon Vietnam</a></dd>', response.text)


def test_english_visit_page_marks_the_fair_texts_with_no_english(client, matching):
    response = client.get("/en/visit/")

    assert marked_parts(response) == [
        ("span", "vi", "Trung tâm thương mại Mê Linh"),
        ("span", "vi", "Mê Linh, Hà Nội"),
        ("strong", "vi", "Trung tâm thương mại Mê Linh"),
        ("span", "vi", "Mê Linh, Hà Nội"),
        ("div", "vi", "Xe buýt 58 từ Long Biên."),
        ("div", "vi", "Bãi đỗ xe phía đông."),
        ("span", "vi", "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội"),
    ]


def test_english_visit_page_with_english_marks_nothing(client):
    make_fair(directions_vi="Xe buýt 58.", directions_en="Bus 58.", parking_vi="", parking_en="")

    response = client.get("/en/visit/")

    assert marked_parts(response) == []
    assert "<strong>Mê Linh Trade Center</strong>" in response.text


def _sign_in(client, *exhibitors):
    user = make_user()
    for exhibitor in exhibitors:
        exhibitor.members.add(user)
    client.force_login(user)


def test_english_company_meetings_page_marks_the_company_session_and_sector(client, matching):
    _sign_in(client, matching["only_vi"])
    make_meeting_request(
        matching["session"], matching["only_vi"], sector=matching["only_vi_sector"]
    )
    make_meeting_request(matching["session"], matching["only_vi"], sector=matching["both_sector"])

    response = client.get("/en/account/meetings/")

    assert marked_parts(response) == [
        ("p", "vi", "Cơ khí Đông Anh"),  # the company area's menu
        ("p", "vi", "Cơ khí Đông Anh"),
        ("span", "vi", "Kết nối doanh nghiệp"),
        ("span", "vi", "Cơ khí"),
        ("span", "vi", "Kết nối doanh nghiệp"),  # its sector has its English
    ]
    assert '<span lang="vi">Kết nối doanh nghiệp</span> · Electronics</p>' in response.text


def test_english_company_home_marks_the_names_with_no_english(client, matching):
    _sign_in(client, matching["only_vi"], matching["both"])
    make_booth(fair=matching["fair"], exhibitor=matching["only_vi"], code="A01")
    client.post("/en/account/choose/", {"exhibitor": matching["only_vi"].pk})

    response = client.get("/en/account/")

    assert marked_parts(response) == [
        ("p", "vi", "Cơ khí Đông Anh"),  # the menu
        ("h1", "vi", "Cơ khí Đông Anh"),
        ("option", "vi", "Cơ khí Đông Anh"),  # the company chooser; Canon has its English
        ("p", "vi", "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024"),
    ]


def test_english_company_profile_marks_the_zone_sector_and_vietnamese_name(client, matching):
    _sign_in(client, matching["only_vi"])

    response = client.get("/en/account/profile/")

    assert marked_parts(response) == [
        ("p", "vi", "Cơ khí Đông Anh"),
        ("span", "vi", "Cơ khí Đông Anh"),  # the Vietnamese trading name, always Vietnamese
        ("dd", "vi", "KCN Quang Minh"),
        ("span", "vi", "Cơ khí"),  # a sector's box; "Electronics" has its English
    ]


def test_english_company_products_mark_the_product_and_sector_with_no_english(client, matching):
    _sign_in(client, matching["both"])
    product = make_product(
        matching["both"], name_vi="Khuôn đúc", name_en="", sector=matching["only_vi_sector"]
    )

    listing = client.get("/en/account/products/")
    form = client.get(f"/en/account/products/{product.pk}/")
    deleting = client.get(f"/en/account/products/{product.pk}/delete/")

    assert marked_parts(listing) == [
        ("h2", "vi", "Khuôn đúc"),  # the Vietnamese name, always Vietnamese
        ("span", "vi", "Cơ khí"),
        ("span", "vi", "Khuôn đúc"),  # "Move “…” up"
        ("span", "vi", "Khuôn đúc"),  # "Move “…” down"
        ("span", "vi", "Khuôn đúc"),  # "Edit …"
        ("span", "vi", "Khuôn đúc"),  # "Delete …"
    ]
    assert marked_parts(form) == [
        ("span", "vi", "Khuôn đúc"),  # "Edit product “…”"
        ("option", "vi", "Cơ khí"),
    ]
    assert marked_parts(deleting) == [("span", "vi", "Khuôn đúc")]


def test_english_company_products_with_english_mark_only_the_two_names_listed(client, matching):
    _sign_in(client, matching["both"])
    product = make_product(
        matching["both"], name_vi="Máy in", name_en="Printer", sector=matching["both_sector"]
    )
    matching["only_vi_sector"].delete()

    listing = client.get("/en/account/products/")
    form = client.get(f"/en/account/products/{product.pk}/")

    assert marked_parts(listing) == [("h2", "vi", "Máy in"), ("p", "en", "Printer")]
    assert marked_parts(form) == []
    assert "<h1>Edit product “Printer”</h1>" in form.text


def test_english_company_booths_mark_the_company_and_fair_with_no_english(client, matching):
    _sign_in(client, matching["only_vi"])
    make_booth(fair=matching["fair"], exhibitor=matching["only_vi"], code="A01")

    response = client.get("/en/account/booths/")

    assert marked_parts(response) == [
        ("p", "vi", "Cơ khí Đông Anh"),  # the menu
        ("span", "vi", "Cơ khí Đông Anh"),
        ("span", "vi", "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024"),
    ]


def test_english_company_pages_with_english_mark_nothing(client, matching):
    fair = matching["fair"]
    fair.name_en = "Hanoi Industrial Zones Fair 2024"
    fair.save()
    matching["session"].title_en = "Business matching"
    matching["session"].save()
    _sign_in(client, matching["both"])
    make_booth(fair=fair, exhibitor=matching["both"], code="A02")
    make_meeting_request(matching["session"], matching["both"], sector=matching["both_sector"])

    pages = [
        client.get(path)
        for path in ("/en/account/", "/en/account/booths/", "/en/account/meetings/")
    ]

    assert [marked_parts(page) for page in pages] == [[], [], []]


@pytest.mark.parametrize(
    "path",
    [
        "/exhibitors/co-khi-dong-anh/meet/",
        "meeting",
        "/visit/",
        "/account/",
        "/account/booths/",
        "/account/meetings/",
    ],
)
def test_vietnamese_meeting_visit_and_company_pages_mark_no_content(client, matching, path):
    _sign_in(client, matching["only_vi"])
    make_booth(fair=matching["fair"], exhibitor=matching["only_vi"], code="A01")
    make_meeting_request(
        matching["session"], matching["only_vi"], sector=matching["only_vi_sector"]
    )
    if path == "meeting":
        path = _meeting_link(matching, matching["only_vi"]).removeprefix("/en")

    assert marked_parts(client.get(path)) == []


def test_in_its_language_escapes_the_text_with_or_without_a_mark():
    fallen_back = make_exhibitor(name_vi="Cơ khí <A&B>", name_en="")
    translated = make_exhibitor(name_vi="Cơ khí <A&B>", name_en="A&B <Engineering>")

    with translation.override("en"):
        marked = in_its_language(fallen_back, "name")
        plain = in_its_language(translated, "name")
    with translation.override("vi"):
        in_vietnamese = in_its_language(fallen_back, "name")

    assert marked == '<span lang="vi">Cơ khí &lt;A&amp;B&gt;</span>'
    assert plain == "A&amp;B &lt;Engineering&gt;"
    assert in_vietnamese == "Cơ khí &lt;A&amp;B&gt;"
    assert in_its_language(None, "name") == ""


def test_a_legal_name_registered_in_vietnamese_is_marked_on_english_pages(client, catalogue):
    make_booth(
        fair=catalogue["fair"],
        exhibitor=make_exhibitor(
            name_vi="TOTO Việt Nam",
            name_en="TOTO Vietnam",
            legal_name="Công ty TNHH TOTO Việt Nam",
            slug="toto-viet-nam",
        ),
        code="B01",
    )

    english = marked_parts(client.get("/en/exhibitors/toto-viet-nam/"))
    vietnamese = marked_parts(client.get("/exhibitors/toto-viet-nam/"))

    assert ("p", "vi", "Công ty TNHH TOTO Việt Nam") in english
    assert vietnamese == []
