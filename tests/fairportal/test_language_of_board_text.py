"""What the board writes once for every page (the fair's name, venue and organiser, the
zones and sectors) and the notes it writes to one company are read by an English
visitor in Vietnamese when the board wrote no English: the element holding such a text
says `lang="vi"` (WCAG 3.1.2), so a screen reader reads it with a Vietnamese voice and
a browser does not offer to translate the English page around it as Vietnamese."""

import html5lib
import pytest
from django.utils import timezone

from fairportal.languages import written_language
from tests.factories import (
    make_application,
    make_booth,
    make_exhibitor,
    make_fair,
    make_meeting_request,
    make_sector,
    make_zone,
    new_token,
)

pytestmark = pytest.mark.django_db

VENUE = "Trung tâm thương mại Mê Linh"
ORGANISER = "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội"
HEADER = "header[@class='site-header']"
FOOTER = "footer[@class='site-footer']"
FAIR_NAME = "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024"


def marked(response, root="body") -> list[tuple[str, str, str]]:
    """(tag, language, words) of each element with a `lang` attribute under `root`,
    less the language switch, which names each language in itself."""
    assert response.status_code == 200
    document = html5lib.parse(response.content.decode(), namespaceHTMLElements=False)
    switch = {id(el) for nav in document.iter("nav") for el in nav.iter()}
    return [
        (el.tag, el.get("lang"), " ".join("".join(el.itertext()).split()))
        for el in document.find(f".//{root}").iter()
        if el.get("lang") is not None and id(el) not in switch
    ]


@pytest.fixture
def fair_in_vietnamese_only(db):
    return make_fair(name_en="", venue_en="", organiser_en="", is_current=True)


def test_header_and_footer_mark_the_fair_written_in_vietnamese_only_on_english_pages(
    client, fair_in_vietnamese_only
):
    response = client.get("/en/visit/")

    assert marked(response, root=HEADER) + marked(response, root=FOOTER) == [
        ("span", "vi", VENUE),
        ("strong", "vi", FAIR_NAME),
        ("span", "vi", VENUE),
        ("span", "vi", ORGANISER),
    ]


def test_header_and_footer_mark_nothing_when_the_fair_has_its_english(client):
    make_fair(is_current=True)

    for path in ("/en/visit/", "/visit/"):
        response = client.get(path)
        assert marked(response, root=HEADER) + marked(response, root=FOOTER) == []


def test_floor_plan_and_apply_page_mark_the_venue_and_name_written_in_vietnamese_only(
    client, fair_in_vietnamese_only
):
    make_booth(fair=fair_in_vietnamese_only, code="A01")

    plan = marked(client.get("/en/floor-plan/"), root="main")
    apply = marked(client.get("/en/booths/apply/"), root="main")

    assert ("span", "vi", VENUE) in plan
    assert ("span", "vi", FAIR_NAME) in apply


def test_apply_page_marks_zones_and_sectors_the_board_named_in_vietnamese_only(client):
    make_fair(is_current=True)
    make_zone(name_vi="KCN Quang Minh", name_en="")
    make_zone(name_vi="KCN Thăng Long", name_en="Thang Long Industrial Park")
    make_sector(name_vi="Cơ khí", name_en="")
    make_sector(name_vi="Điện tử", name_en="Electronics")

    parts = marked(client.get("/en/booths/apply/"), root="main")

    assert ("option", "vi", "KCN Quang Minh") in parts
    assert ("span", "vi", "Cơ khí") in parts
    assert [
        words
        for _tag, _lang, words in parts
        if words in ("Electronics", "Thang Long Industrial Park")
    ] == []


def test_floor_plan_marks_the_name_on_a_booth_of_a_company_named_in_vietnamese_only(
    client, fair_in_vietnamese_only
):
    company = make_exhibitor(name_vi="Cơ khí Đông Anh", name_en="", slug="co-khi-dong-anh")
    make_booth(fair=fair_in_vietnamese_only, code="A01", exhibitor=company)

    parts = marked(client.get("/en/floor-plan/"), root="main")

    assert ("{http://www.w3.org/2000/svg}text", "vi", "Cơ khí Đông Anh") in parts


@pytest.fixture
def refused(fair_in_vietnamese_only):
    def make(note, **kwargs):
        token, digest = new_token()
        make_application(
            fair=fair_in_vietnamese_only,
            token_hash=digest,
            status="rejected",
            language="en",
            email_confirmed_at=timezone.now(),
            decided_at=timezone.now(),
            decision_note=note,
            **kwargs,
        )
        return token

    return make


def test_status_page_marks_the_board_note_written_in_vietnamese_on_the_english_page(
    client, refused
):
    token = refused(
        "Hội chợ chỉ dành cho sản phẩm do doanh nghiệp trong các khu công nghiệp sản xuất.",
        legal_name="Công ty TNHH Điện Quang",
        trading_name_vi="Điện Quang",
        trading_name_en="Dien Quang",
    )

    parts = marked(client.get(f"/en/booths/applications/{token}/"), root="main")

    assert parts[:1] == [
        (
            "p",
            "vi",
            "Hội chợ chỉ dành cho sản phẩm do doanh nghiệp trong các khu công nghiệp sản xuất.",
        )
    ]
    assert ("dd", "vi", FAIR_NAME) in parts
    assert ("dd", "vi", "Công ty TNHH Điện Quang") in parts
    assert ("span", "vi", "Điện Quang") in parts


def test_status_page_leaves_a_board_note_written_in_english_unmarked(client, refused):
    token = refused(
        "The fair is for products made in the industrial zones; Mr Nguyễn Văn An will call you."
    )

    parts = marked(client.get(f"/en/booths/applications/{token}/"), root="main")

    assert [tag for tag, _lang, _words in parts if tag == "p"] == []


def test_status_page_in_vietnamese_marks_nothing(client, refused):
    token = refused("Hội chợ chỉ dành cho doanh nghiệp trong các khu công nghiệp.")

    assert marked(client.get(f"/booths/applications/{token}/"), root="main") == []


def test_meeting_page_marks_the_company_answer_written_in_vietnamese_on_the_english_page(
    client, fair_in_vietnamese_only
):
    token, digest = new_token()
    make_meeting_request(
        token_hash=digest,
        status="declined",
        decision_note="Rất tiếc, tuần này chúng tôi đã kín lịch.",
    )

    parts = marked(client.get(f"/en/events/meetings/{token}/"), root="main")

    assert ("dd", "vi", "Rất tiếc, tuần này chúng tôi đã kín lịch.") in parts


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Vui lòng gửi bản vẽ gian hàng trước ngày 01/09.", "vi"),
        ("GIAN HÀNG ĐIỆN QUANG", "vi"),
        ("Please send the booth drawing before 01/09.", ""),
        ("Please call Mr Nguyễn Văn An at the board before Friday next week.", ""),
        ("Café René", ""),
        ("", ""),
        # Short English notes naming a Vietnamese person stay English.
        ("Please call Nguyễn Văn An.", ""),
        ("Approved. Contact Ms Hương.", ""),
        ("Cảm ơn! We are fully booked this week.", ""),
        # Vietnamese names with few marked syllables, or none, are Vietnamese.
        ("Công ty TNHH Thép Hòa Phát", "vi"),
        ("Công ty TNHH Kim Long", "vi"),
        ("Cong ty TNHH Kim Long", "vi"),
        ("Canon Vietnam Co., Ltd.", ""),
        # ã and õ are Portuguese too: a Brazilian city or company is not Vietnamese,
        # but a Vietnamese text with them still is.
        ("São Paulo", ""),
        ("Embraer São José dos Campos", ""),
        ("Construções Gonçalves", ""),
        ("Mã số thuế đã có", "vi"),
        ("Ngã tư Sở", "vi"),
    ],
)
def test_written_language_tells_vietnamese_free_text_from_english(text, language):
    assert written_language(text) == language


def test_status_page_leaves_a_short_english_note_naming_a_person_unmarked(client, refused):
    token = refused("Approved. Contact Nguyễn Văn An.")

    parts = marked(client.get(f"/en/booths/applications/{token}/"), root="main")

    assert [tag for tag, _lang, _words in parts if tag == "p"] == []
