import html
import re
import unicodedata

import pytest

from exhibitors.models import Exhibitor
from tests.factories import (
    make_booth,
    make_exhibitor,
    make_fair,
    make_sector,
    make_zone,
)
from tests.pages import sector_boxes

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [exhibitor.name for exhibitor in response.context["exhibitors"]]


def test_directory_lists_only_published_exhibitors_with_a_booth_in_current_fair(
    client, fair, canon
):
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Ẩn Danh", is_published=False))
    make_exhibitor(name_vi="Không Có Gian")
    old_fair = make_fair(is_current=False, slug="hoi-cho-2023")
    make_booth(fair=old_fair, exhibitor=make_exhibitor(name_vi="Năm Ngoái"))

    response = client.get("/exhibitors/")

    assert response.status_code == 200
    assert names(response) == ["Canon Việt Nam"]
    assert 'href="/exhibitors/canon-viet-nam/"' in response.text


@pytest.mark.parametrize(
    "query",
    [
        "may in canon",
        "MÁY IN",
        "canon may in",
        "ha noi",
        "Hà Nội",
        "dien tu",
        "A07",
        "a07",
        "cong ty tnhh canon",
    ],
)
def test_directory_search_ignores_case_and_diacritics_in_vietnamese(client, fair, canon, query):
    make_booth(
        fair=fair,
        exhibitor=make_exhibitor(
            name_vi="TOTO Việt Nam", description_vi="Thiết bị vệ sinh", address_vi="Bắc Ninh"
        ),
    )

    response = client.get("/exhibitors/", {"q": query})

    assert names(response) == ["Canon Việt Nam"]


@pytest.mark.parametrize("query", ["laser printer", "ELECTRONICS", "Canon Vietnam", "Máy in"])
def test_directory_search_in_english_finds_english_and_vietnamese_text(client, fair, canon, query):
    response = client.get("/en/exhibitors/", {"q": query})

    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert names(response) == ["Canon Vietnam"]
    assert 'href="/en/exhibitors/canon-viet-nam/"' in response.text


def test_directory_search_folds_d_and_every_word_must_match(client, fair):
    pharma = make_exhibitor(name_vi="Dược phẩm Đông Á")
    make_booth(fair=fair, exhibitor=pharma)
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Dược liệu Sao Mai"))

    assert names(client.get("/exhibitors/", {"q": "DUOC PHAM"})) == ["Dược phẩm Đông Á"]
    assert names(client.get("/exhibitors/", {"q": "pham dong duoc"})) == ["Dược phẩm Đông Á"]
    assert names(client.get("/exhibitors/", {"q": "duoc"})) == [
        "Dược liệu Sao Mai",
        "Dược phẩm Đông Á",
    ]
    assert names(client.get("/exhibitors/", {"q": "duoc xyz"})) == []


@pytest.mark.parametrize("url", ["/exhibitors/", "/products/", "/en/exhibitors/"])
def test_a_query_with_no_letter_or_digit_says_so_above_the_full_list(client, fair, url):
    pharma = make_exhibitor(name_vi="Dược phẩm Đông Á")
    make_booth(fair=fair, exhibitor=pharma)

    response = client.get(url, {"q": "%😀"})
    text = html.unescape(response.content.decode())

    assert response.status_code == 200
    assert response.context["filters"]["q"] == "" and not response.context["is_filtered"]
    assert "“%😀”" in text
    assert ("không có chữ hay số nào để tìm nên không được dùng để lọc" in text) != url.startswith(
        "/en/"
    )
    assert 'value="%😀"' in text  # the box keeps what was typed
    assert "không có chữ hay số" not in client.get(url, {"q": "duoc"}).content.decode()


def test_directory_search_words_match_the_start_of_words_only(client, fair):
    # "in" (to print) is inside "kinh", "Minh" and "tin", and an English word: a
    # printer search must not bring every firm with "máy" and those syllables (each
    # factory-made firm is also "A manufacturer in an industrial zone" in English).
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Máy in Sao Việt"))
    make_booth(
        fair=fair,
        exhibitor=make_exhibitor(name_vi="Cơ khí Minh Tín", description_vi="Kinh doanh máy cắt."),
    )
    make_booth(
        fair=fair,
        exhibitor=make_exhibitor(name_vi="C.P. Việt Nam", description_vi="Xúc xích LBP-2900."),
    )

    assert names(client.get("/exhibitors/", {"q": "may in"})) == ["Máy in Sao Việt"]
    # A word's start is enough ("kin" finds "Kinh"); the middle of a word is not.
    assert names(client.get("/exhibitors/", {"q": "kin doanh"})) == ["Cơ khí Minh Tín"]
    assert names(client.get("/exhibitors/", {"q": "inh"})) == []
    # Dots join letters ("C.P." is "cp"); other punctuation separates words.
    for query in ["c.p.", "CP", "C.P viet nam", "lbp 2900", "2900", "LBP-2900"]:
        assert names(client.get("/exhibitors/", {"q": query})) == ["C.P. Việt Nam"], query


def test_directory_search_puts_the_best_match_first_and_can_sort_by_name(client, fair):
    # Both words, but not as written: a machinery firm that also prints signs.
    make_booth(
        fair=fair,
        exhibitor=make_exhibitor(
            name_vi="Cơ khí An Bình", description_vi="Máy cắt, máy hàn; nhận in bảng hiệu."
        ),
    )
    make_booth(
        fair=fair,
        exhibitor=make_exhibitor(
            name_vi="Vật tư Ba Đình", description_vi="Phân phối máy in và mực in văn phòng."
        ),
    )
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Máy in Sao Việt"))

    best = client.get("/exhibitors/", {"q": "máy in", "match": "words"})
    by_name = client.get("/exhibitors/", {"q": "may in", "sort": "name", "match": "words"})
    no_query = client.get("/exhibitors/", {"sort": "relevance"})

    assert names(best) == ["Máy in Sao Việt", "Vật tư Ba Đình", "Cơ khí An Bình"]
    assert '<option value="" selected>Phù hợp nhất</option>' in best.text
    assert names(by_name) == ["Cơ khí An Bình", "Máy in Sao Việt", "Vật tư Ba Đình"]
    # Without a query there is nothing to match: name order, and no such choice.
    assert names(no_query) == names(by_name)
    assert "Phù hợp nhất" not in no_query.text


def test_a_new_search_from_the_form_is_by_best_match_whatever_the_order_before(client, fair):
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="An Phát", description_vi="máy in"))
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Máy in Bắc Việt"))
    page = client.get("/exhibitors/").text
    # The form sends the sort menu's value: name order is the empty, default one.
    assert '<option value="" selected>Theo tên (A–Z)</option>' in page

    searched = client.get("/exhibitors/", {"q": "may in", "sort": ""})

    assert names(searched) == ["Máy in Bắc Việt", "An Phát"]


def test_english_directory_in_order_of_the_english_names(client, fair):
    for name_vi, name_en in [
        ("Anh Đào", "Zenith Cherry Foods"),
        ("Zô Na", "Apex Zona Textiles"),
        ("Minh Long", ""),  # no English name: shown, and ordered, by its own
    ]:
        make_booth(fair=fair, exhibitor=make_exhibitor(name_vi=name_vi, name_en=name_en))

    english = client.get("/en/exhibitors/").text
    vietnamese = client.get("/exhibitors/").text

    def shown_in_order(html, *shown):
        return sorted(shown, key=html.index) == list(shown)

    assert shown_in_order(english, "Apex Zona Textiles", "Minh Long", "Zenith Cherry Foods")
    assert shown_in_order(vietnamese, "Anh Đào", "Minh Long", "Zô Na")


def test_directory_orders_by_vietnamese_trading_name_not_legal_name(client, fair):
    for name, legal in [
        ("Zeta Tech", "Công ty TNHH Zeta"),
        ("Đức Minh", "Công ty Cổ phần Đức Minh"),
        ("Dương Hải", "Công ty TNHH A"),
        ("Ánh Dương", ""),
    ]:
        make_booth(fair=fair, exhibitor=make_exhibitor(name_vi=name, legal_name=legal))

    response = client.get("/exhibitors/")

    assert names(response) == ["Ánh Dương", "Dương Hải", "Đức Minh", "Zeta Tech"]


def test_directory_sort_by_booth_code(client, fair):
    make_booth(fair=fair, code="B02", exhibitor=make_exhibitor(name_vi="An Phát"))
    make_booth(fair=fair, code="A10", exhibitor=make_exhibitor(name_vi="Bình Minh"))
    make_booth(fair=fair, code="A03", exhibitor=make_exhibitor(name_vi="Cẩm Phả"))

    response = client.get("/exhibitors/", {"sort": "booth"})

    assert names(response) == ["Cẩm Phả", "Bình Minh", "An Phát"]


def facet(response, name) -> dict:
    return {o["value"]: o["count"] for o in response.context["facets"][name]}


def test_directory_facet_counts_apply_other_facets_and_search_but_not_their_own(client, fair):
    electronics = make_sector(name_vi="Điện tử", slug="dien-tu")
    food = make_sector(name_vi="Thực phẩm", slug="thuc-pham")
    pharma = make_sector(name_vi="Dược phẩm", slug="duoc-pham")
    thang_long = make_zone(slug="kcn-thang-long")
    noi_bai = make_zone(slug="kcn-noi-bai")
    rows = [
        ("Canon", [electronics], thang_long, "JP"),
        ("Sumitomo", [electronics], noi_bai, "JP"),
        ("CP", [food], noi_bai, "TH"),
        ("Traphaco", [pharma, food], thang_long, "VN"),
    ]
    for name, sectors, zone, country in rows:
        make_booth(
            fair=fair,
            exhibitor=make_exhibitor(
                name_vi=name, sectors=sectors, zone=zone, origin_country=country
            ),
        )

    response = client.get(
        "/exhibitors/", {"sector": ["dien-tu", "thuc-pham"], "zone": "kcn-noi-bai"}
    )

    assert names(response) == ["CP", "Sumitomo"]
    # Sectors: counted within Nội Bài, whatever sectors are ticked.
    assert facet(response, "sectors") == {"dien-tu": 1, "thuc-pham": 1}
    # Zones: counted within the ticked sectors (OR), whatever zone is chosen.
    assert facet(response, "zones") == {"kcn-thang-long": 2, "kcn-noi-bai": 2}
    assert facet(response, "countries") == {"JP": 1, "TH": 1}
    assert [o["value"] for o in response.context["facets"]["sectors"] if o["selected"]] == [
        "dien-tu",
        "thuc-pham",
    ]


def test_directory_sector_filter_combines_with_or_without_duplicates(client, fair):
    electronics = make_sector(slug="dien-tu")
    food = make_sector(slug="thuc-pham")
    make_booth(
        fair=fair, exhibitor=make_exhibitor(name_vi="Hai Ngành", sectors=[electronics, food])
    )
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Một Ngành", sectors=[food]))
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Không Ngành"))

    response = client.get("/exhibitors/?sector=dien-tu&sector=thuc-pham")

    assert names(response) == ["Hai Ngành", "Một Ngành"]


def test_a_sector_takes_in_its_sub_sectors_and_shows_them_under_it(client, fair):
    support = make_sector(name_vi="Công nghiệp hỗ trợ", slug="cong-nghiep-ho-tro", position=1)
    food = make_sector(name_vi="Thực phẩm", slug="thuc-pham", position=2)
    parts = make_sector(
        name_vi="Linh kiện điện tử", slug="linh-kien-dien-tu", parent=support, position=3
    )
    rows = [
        ("Nhựa Hà Nội", [support]),
        ("Bảng Mạch", [parts]),
        ("Cả Hai", [support, parts]),  # counted once under its parent
        ("Ăn Ngon", [food]),
    ]
    for name, sectors in rows:
        make_booth(fair=fair, exhibitor=make_exhibitor(name_vi=name, sectors=sectors))

    parent = client.get("/exhibitors/", {"sector": "cong-nghiep-ho-tro"})
    child = client.get("/exhibitors/", {"sector": "linh-kien-dien-tu"})

    assert names(parent) == ["Bảng Mạch", "Cả Hai", "Nhựa Hà Nội"]
    assert names(child) == ["Bảng Mạch", "Cả Hai"]
    # In the boxes' order, each sub-sector right under its parent, indented.
    assert [(o["value"], o["count"], o["depth"]) for o in parent.context["facets"]["sectors"]] == [
        ("cong-nghiep-ho-tro", 3, 0),
        ("linh-kien-dien-tu", 2, 1),
        ("thuc-pham", 1, 0),
    ]
    assert '<div class="check sub-sector"><input type="checkbox" id="sector-linh-kien-dien-tu"' in (
        parent.text
    )
    assert '<div class="check"><input type="checkbox" id="sector-thuc-pham"' in parent.text


def test_a_ticked_sub_sector_without_results_is_not_indented_under_a_hidden_parent(client, fair):
    support = make_sector(slug="cong-nghiep-ho-tro")
    make_sector(slug="linh-kien-dien-tu", parent=support)
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Ăn Ngon"))

    response = client.get("/exhibitors/", {"sector": "linh-kien-dien-tu"})

    assert names(response) == []
    assert [
        (o["value"], o["count"], o["depth"]) for o in response.context["facets"]["sectors"]
    ] == [("linh-kien-dien-tu", 0, 0)]


def test_a_sector_or_zone_the_fair_does_not_have_is_named_and_left_out(client, fair):
    # A mistyped or stale sector in a link: the list is the one without it, its zone
    # and country options too, and the page says which sector it did not know.
    sectors = [make_sector()]
    make_booth(
        fair=fair,
        exhibitor=make_exhibitor(name_vi="Ăn Ngon", sectors=sectors, origin_country="JP"),
    )

    sector = client.get("/exhibitors/", {"sector": "khong-co"})
    listed = names(sector)  # read before the English page changes the active language
    zone = client.get("/en/exhibitors/", {"zone": "kcn-zzz"})
    products = client.get("/products/", {"sector": "khong-co"})
    en = client.get("/en/exhibitors/", {"sector": "khong-co"})

    assert listed == ["Ăn Ngon"]
    assert "Không có ngành “khong-co”: bộ lọc này đã được bỏ qua." in sector.text
    assert "There is no sector “khong-co”: this filter was left out." in en.text
    assert [o["value"] for o in sector.context["facets"]["countries"]] == ["JP"]
    assert [o["count"] for o in sector.context["facets"]["sectors"]] == [1]
    assert "There is no industrial zone “kcn-zzz”" in zone.text
    assert "Không có ngành “khong-co”: bộ lọc này đã được bỏ qua." in products.text
    assert "Không có ngành" not in client.get("/exhibitors/").text
    # With a sector that exists too: its results, and the note on the other.
    both = client.get("/exhibitors/", {"sector": ["khong-co", sectors[0].slug]})
    assert names(both) == ["Ăn Ngon"]
    assert "Không có ngành “khong-co”: bộ lọc này đã được bỏ qua." in both.text
    assert f'value="{sectors[0].slug}" checked>' in both.text


def test_directory_zone_the_fair_does_not_have_is_named_and_left_out(client, fair):
    # A mistyped or stale zone in a link: the directory still lists the exhibitors and
    # offers its sector boxes, and says which zone it did not know.
    food = make_sector(name_vi="Thực phẩm", name_en="Food", slug="thuc-pham")
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Ăn Ngon", sectors=[food]))

    vi = client.get("/exhibitors/", {"zone": "nonexistent"})
    listed = names(vi)  # read before the English page changes the active language
    en = client.get("/en/exhibitors/", {"zone": "nonexistent"})

    assert listed == ["Ăn Ngon"]
    assert sector_boxes(vi) == [("thuc-pham", "Thực phẩm", "1")]
    assert sector_boxes(en) == [("thuc-pham", "Food", "1")]
    assert "Không có khu công nghiệp “nonexistent”: bộ lọc này đã được bỏ qua." in vi.text
    assert "There is no industrial zone “nonexistent”: this filter was left out." in en.text


def test_directory_facet_counts_apply_the_search(client, fair):
    electronics = make_sector(slug="dien-tu")
    for name in ["Canon", "Canon Tokki", "Brother"]:
        make_booth(fair=fair, exhibitor=make_exhibitor(name_vi=name, sectors=[electronics]))

    response = client.get("/exhibitors/", {"q": "canon"})

    assert facet(response, "sectors") == {"dien-tu": 2}


def test_directory_paginates_24_per_page_and_page_links_keep_filters(client, fair):
    electronics = make_sector(slug="dien-tu")
    for n in range(30):
        make_booth(
            fair=fair,
            code=f"A{n:02d}",
            exhibitor=make_exhibitor(name_vi=f"Điện tử {n:02d}", sectors=[electronics]),
        )

    first = client.get("/exhibitors/", {"q": "dien tu", "sector": "dien-tu"})
    second = client.get("/exhibitors/", {"q": "dien tu", "sector": "dien-tu", "page": "2"})

    assert len(first.context["exhibitors"]) == 24
    assert len(second.context["exhibitors"]) == 6
    assert 'href="?q=dien+tu&amp;sector=dien-tu&amp;page=2"' in first.text
    assert 'href="?q=dien+tu&amp;sector=dien-tu&amp;page=1"' in second.text


@pytest.fixture
def thirty(fair):
    """30 exhibitors: two pages, 24 and 6."""
    for n in range(30):
        make_booth(
            fair=fair, code=f"A{n:02d}", exhibitor=make_exhibitor(name_vi=f"Điện tử {n:02d}")
        )


CANONICAL = '<link rel="canonical" href="https://hoicho.example.vn/exhibitors/{}">'


@pytest.mark.parametrize("page", ["3", "99", "1000000000000", "last"])
def test_directory_page_past_the_end_shows_the_last_page(client, thirty, page):
    response = client.get("/exhibitors/", {"q": "dien tu", "page": page})

    assert response.status_code == 200
    assert names(response) == [f"Điện tử {n:02d}" for n in range(24, 30)]
    assert "<title>“dien tu” · Doanh nghiệp tham gia (trang 2) ·" in response.text
    assert CANONICAL.format("?page=2") in response.text
    assert '<li><span aria-current="page">2</span></li>' in response.text
    assert 'href="?q=dien+tu&amp;page=1" rel="prev"' in response.text
    assert 'rel="next"' not in response.text
    # The other language and the alternates name the page shown, as the canonical does.
    assert 'hreflang="en" href="https://hoicho.example.vn/en/exhibitors/?q=dien+tu&amp;page=2"' in (
        response.text
    )
    assert 'href="/en/exhibitors/?q=dien+tu&amp;page=2" hreflang="en"' in response.text


@pytest.mark.parametrize("page", ["0", "-1", "abc", "2.0", "", "²"])
def test_directory_page_that_is_not_a_positive_number_shows_the_first_page(client, thirty, page):
    response = client.get("/exhibitors/", {"page": page})

    assert response.status_code == 200
    assert names(response) == [f"Điện tử {n:02d}" for n in range(24)]
    assert "<title>Doanh nghiệp tham gia ·" in response.text
    assert CANONICAL.format("") in response.text
    assert '<li><span aria-current="page">1</span></li>' in response.text
    assert 'href="?page=2" rel="next"' in response.text
    assert 'hreflang="en" href="https://hoicho.example.vn/en/exhibitors/"' in response.text


def test_directory_of_nothing_shows_its_empty_first_page_for_any_page(client, fair):
    response = client.get("/exhibitors/", {"page": "5"})

    assert response.status_code == 200
    assert names(response) == []
    assert CANONICAL.format("") in response.text


def test_directory_empty_state_offers_to_clear_filters(client, fair, canon):
    response = client.get("/exhibitors/", {"q": "khong co gi"})

    assert names(response) == []
    assert "Không tìm thấy doanh nghiệp nào phù hợp." in response.text
    assert re.search(r'<a class="button" href="/exhibitors/">', response.text)


@pytest.mark.parametrize(
    "params,status",
    [
        ({"sector": "khong-ton-tai"}, 200),
        ({"zone": "khong-ton-tai"}, 200),
        ({"country": "<script>"}, 200),
        ({"sort": "drop table"}, 200),
        ({"page": "abc"}, 200),
        ({"page": "999"}, 200),
        ({"page": "last"}, 200),
        ({"q": "x" * 5000}, 200),
        ({"q": "%00' OR 1=1"}, 200),
    ],
)
def test_directory_bad_parameters_never_fail(client, fair, canon, params, status):
    response = client.get("/exhibitors/", params)

    assert response.status_code == status


def test_directory_page_past_the_end_in_english_shows_the_last_page(client, fair, canon):
    response = client.get("/en/exhibitors/", {"page": "999"})

    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert names(response) == ["Canon Vietnam"]
    assert '<link rel="canonical" href="https://hoicho.example.vn/en/exhibitors/">' in response.text


def test_directory_form_is_a_plain_get_form_with_labels(client, fair, canon):
    response = client.get("/exhibitors/")

    assert '<form class="filters" method="get" action="/exhibitors/"' in response.text
    for field in ["q", "zone", "sort"]:
        assert f'<label for="{field}">' in response.text
    assert '<label for="country-JP">Nhật Bản <span class="count">(1)</span></label>' in (
        response.text
    )
    assert response.text.count("<h1") == 1


def test_directory_without_any_fair_is_empty_not_an_error(client, db):
    response = client.get("/exhibitors/")

    assert response.status_code == 200
    assert names(response) == []


def test_directory_language_switch_keeps_query(client, fair, canon):
    response = client.get("/exhibitors/", {"q": "canon", "sector": "dien-tu"})

    assert 'href="/en/exhibitors/?q=canon&amp;sector=dien-tu" hreflang="en"' in response.text
    assert (
        '<link rel="alternate" hreflang="en" href="https://hoicho.example.vn/en/exhibitors/?q=canon&amp;sector=dien-tu">'
        in response.text
    )
    assert '<link rel="canonical" href="https://hoicho.example.vn/exhibitors/">' in response.text


def test_directory_query_pasted_with_decomposed_accents_finds_and_reads_composed(
    client, fair, canon
):
    response = client.get("/exhibitors/", {"q": unicodedata.normalize("NFD", "Hà Nội")})

    assert names(response) == ["Canon Việt Nam"]
    assert response.context["filters"]["q"] == unicodedata.normalize("NFC", "Hà Nội")


def test_directory_echoes_a_long_query_shortened_and_searches_what_the_box_takes(
    client, fair, canon
):
    typed = "Canon" + "-" * 95 + "Toyota" + "x" * 194  # 300 characters; the box takes 100

    response = client.get("/exhibitors/", {"q": typed})

    shown = "Canon" + "-" * 54 + "…"  # 60 characters
    assert f"<title>“{shown}” · Doanh nghiệp tham gia · Hội chợ KCN Hà Nội</title>" in (
        response.text
    )
    assert f'name="q" value="{"Canon" + "-" * 95}" maxlength="100"' in response.text
    assert names(response) == ["Canon Việt Nam"]  # "Toyota…" lay beyond the 100th character


def test_directory_note_on_a_long_query_without_letters_is_shortened(client, fair, canon):
    response = client.get("/exhibitors/", {"q": "%" * 300})

    assert f'<p class="help query-note" role="status">“{"%" * 59}…” không có chữ' in (response.text)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("batteries", ["Daon Battery Vietnam"]),
        ("lithium batteries", ["Daon Battery Vietnam"]),
        ("boxes", ["Harbourline Packaging"]),
        ("glasses", ["Kirameki Optics"]),
        ("switches", ["Takanome Electric"]),
        ("electric motors", ["Takanome Electric"]),
        ("glass", ["Kirameki Optics"]),
        ("optics", ["Kirameki Optics"]),
        ("bus", []),
        ("parts", ["Kiriyama Auto Parts"]),
    ],
)
def test_directory_search_in_english_finds_the_singular_of_a_plural_typed(
    client, fair, query, found
):
    # A visitor types "batteries" for a firm whose English texts say "battery".
    for name, code, description in [
        ("Daon Battery Vietnam", "C11", "Lithium battery pack for electric vehicle."),
        ("Harbourline Packaging", "B25", "Corrugated box and paper tray."),
        ("Kirameki Optics", "A11", "Camera lens and optical glass."),
        ("Takanome Electric", "A13", "Small electric motor and wall switch."),
        ("Kiriyama Auto Parts", "C07", "Spare part for motorbike engine."),
        ("Hoa Linh Foods", "B35", "Snacks made with partner farms."),
    ]:
        exhibitor = make_exhibitor(name_vi=name, name_en=name, description_en=description)
        make_booth(fair=fair, exhibitor=exhibitor, code=code)

    response = client.get("/en/exhibitors/", {"q": query})

    assert sorted(names(response)) == found


@pytest.fixture
def printers_and_others(fair):
    for name, description in [
        ("Máy in Sao Việt", ""),
        ("Vật tư Ba Đình", "Phân phối máy in và mực in văn phòng."),
        # Both words, apart: a machinery firm that also prints signs.
        ("Cơ khí An Bình", "Máy cắt, máy hàn; nhận in bảng hiệu."),
        # "điện" and "Tư" (of the Hà Nội – Đài Tư zone), nothing electronic.
        ("Điện lạnh Long Biên", "Điều hoà, tủ lạnh. KCN Hà Nội – Đài Tư."),
        ("Linh kiện Quang Minh", "Linh kiện điện tử cho ô tô."),
    ]:
        make_booth(
            fair=fair,
            exhibitor=make_exhibitor(
                name_vi=name, name_en=name, description_vi=description, address_vi=""
            ),
        )


@pytest.mark.parametrize(
    ("query", "expected", "others_apart"),
    [
        ("máy in", ["Máy in Sao Việt", "Vật tư Ba Đình"], True),
        ("may in", ["Máy in Sao Việt", "Vật tư Ba Đình"], True),
        ("dien tu", ["Linh kiện Quang Minh"], True),
        ("linh kiện điện tử", ["Linh kiện Quang Minh"], False),
    ],
)
def test_words_typed_together_find_the_firms_that_have_them_together(
    client, printers_and_others, query, expected, others_apart
):
    # Vietnamese words are syllables typed apart: "máy in" is a printer, not "máy cắt …
    # in bảng hiệu"; "điện tử" is electronics, not "Điện lạnh … Đài Tư".
    response = client.get("/exhibitors/", {"q": query})

    assert sorted(names(response)) == sorted(expected)
    # Said only when firms holding the words apart were left out.
    said = f"Đang hiện các doanh nghiệp có cụm từ “{query}”." in response.text
    offered = "Xem cả các doanh nghiệp có đủ các từ này nhưng không liền nhau" in response.text
    assert said == offered == others_apart


def test_every_firm_with_the_words_apart_is_one_link_away_and_back(client, printers_and_others):
    phrase = client.get("/en/exhibitors/", {"q": "dien tu"})
    every = client.get("/en/exhibitors/", {"q": "dien tu", "match": "words"})

    assert 'href="?q=dien+tu&amp;match=words">Also show exhibitors that have these words apart' in (
        phrase.text
    )
    assert sorted(names(every)) == ["Linh kiện Quang Minh", "Điện lạnh Long Biên"]
    assert "Showing every exhibitor that has all the words you typed, anywhere." in every.text
    assert 'href="?q=dien+tu">Show only the exhibitors with the phrase “dien tu”</a>' in every.text
    # The form keeps the choice when a filter is changed.
    assert '<input type="hidden" name="match" value="words">' in every.text


def test_words_never_found_together_still_find_the_firms_that_have_them_all(
    client, printers_and_others
):
    response = client.get("/exhibitors/", {"q": "in bảng máy"})

    assert names(response) == ["Cơ khí An Bình"]
    assert "cụm từ" not in response.text


def test_one_word_searches_as_before(client, printers_and_others):
    response = client.get("/exhibitors/", {"q": "mực"})

    assert names(response) == ["Vật tư Ba Đình"]
    assert "cụm từ" not in response.text


def test_a_zone_where_no_firm_has_the_words_together_lists_those_with_them_apart(
    client, fair, printers_and_others
):
    # Across the fair "điện tử" is a phrase of one firm; in this zone only a firm with
    # "Điện lạnh … Đài Tư" has both words: it is listed, not "0 found".
    zone = make_zone(name_vi="KCN Hà Nội – Đài Tư", slug="kcn-dai-tu")
    Exhibitor.objects.filter(name_vi="Điện lạnh Long Biên").update(zone=zone)

    response = client.get("/exhibitors/", {"q": "dien tu", "zone": "kcn-dai-tu"})

    assert names(response) == ["Điện lạnh Long Biên"]
    assert "cụm từ" not in response.text


def test_an_english_plural_typed_as_a_phrase_also_finds_its_singular(client, fair):
    for name, english in [
        ("Phụ tùng Sao Mai", "Spare parts for pumps."),
        ("Cơ khí Đông Anh", "Spare part supply for presses."),
        ("Vật tư Hồng Hà", "Parts, and spare tools."),
    ]:
        make_booth(
            fair=fair,
            exhibitor=make_exhibitor(
                name_vi=name, name_en=name, description_vi="", description_en=english
            ),
        )

    response = client.get("/en/exhibitors/", {"q": "spare parts"})

    assert sorted(names(response)) == ["Cơ khí Đông Anh", "Phụ tùng Sao Mai"]


@pytest.mark.parametrize(("prefix", "label"), [("", "Hàn Quốc"), ("/en", "South Korea")])
def test_directory_country_filter_takes_several_countries(client, fair, prefix, label):
    # A buyer looking for Japanese and Korean suppliers ticks both.
    for name, country in [("Canon", "JP"), ("Hanbit", "KR"), ("Traphaco", "VN"), ("CP", "TH")]:
        make_booth(
            fair=fair,
            exhibitor=make_exhibitor(name_vi=name, name_en=name, origin_country=country),
        )

    japan = client.get(f"{prefix}/exhibitors/", {"country": "JP"})
    both = client.get(f"{prefix}/exhibitors/", {"country": ["JP", "kr", "JP", "<b>"]})

    # The page cache keeps each choice apart: the second page is not the first one's copy.
    assert names(japan) == ["Canon"]
    assert names(both) == ["Canon", "Hanbit"]
    assert both.context["page_obj"].paginator.count == 2
    # Ticked ones in any order here: the boxes follow the names of the page's language.
    assert sorted(o["value"] for o in both.context["facets"]["countries"] if o["selected"]) == [
        "JP",
        "KR",
    ]
    assert (
        f'<input type="checkbox" id="country-KR" name="country" value="KR" checked>\n'
        f'      <label for="country-KR">{label} <span class="count">(1)</span></label>'
    ) in both.text


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        # Vietnamese order: Ấn among the A's, Đ after D, f in its Latin place after e.
        ("", ["Ấn Độ", "DK", "Đài Loan (Trung Quốc)", "Đức", "FI", "Hàn Quốc", "Úc", "Việt Nam"]),
        (
            "/en",
            [
                "Australia",
                "DK",
                "FI",
                "Germany",
                "India",
                "South Korea",
                "Taiwan (China)",
                "Vietnam",
            ],
        ),
    ],
)
def test_directory_country_boxes_are_in_the_order_of_their_names(client, fair, prefix, expected):
    # A visitor reads the names, not the codes: "Úc" (AU) is not first, "Đức" (DE) comes after
    # every D, and an English visitor finds Germany under G.
    for country in ["VN", "KR", "DE", "TW", "IN", "AU", "FI", "DK"]:
        make_booth(
            fair=fair,
            exhibitor=make_exhibitor(name_vi=f"Hãng {country}", origin_country=country),
        )

    response = client.get(f"{prefix}/exhibitors/")

    labels = re.findall(r'<label for="country-[A-Z]{2}">([^<]*) <span', response.text)
    assert [html.unescape(label) for label in labels] == expected


# "ß" and "ﬁ" are "SS" and "FI" in capitals: no letter outside ASCII is read as a code.
@pytest.mark.parametrize("typed", ["QQ", "JPN", "jpn", "J", "ß", "ﬁ"])
def test_a_country_code_iso_does_not_assign_is_named_and_left_out(client, fair, typed):
    # A mistyped link (?country=QQ, or Japan's three-letter JPN): no box is ticked for it,
    # the firms are listed as without it and the page says which code it left out,
    # rather than ticking "QQ" with 0 results or reading JPN as Japan (JP) by a guess.
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Canon", origin_country="JP"))
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Traphaco", origin_country="VN"))

    vi = client.get("/exhibitors/", {"country": typed})
    listed = names(vi)  # read before the English page changes the active language
    en = client.get("/en/exhibitors/", {"country": typed})

    assert vi.status_code == 200
    assert listed == ["Canon", "Traphaco"]
    assert [o["value"] for o in vi.context["facets"]["countries"] if o["selected"]] == []
    assert " checked" not in vi.text.split("Quốc gia xuất xứ")[-1].split("</fieldset>")[0]
    assert f"Không có mã quốc gia “{typed}”: bộ lọc này đã được bỏ qua." in vi.text
    assert f"There is no country code “{typed}”: this filter was left out." in en.text


def test_an_unknown_country_code_beside_a_known_one_keeps_the_known_one(client, fair):
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Canon", origin_country="JP"))
    make_booth(fair=fair, exhibitor=make_exhibitor(name_vi="Traphaco", origin_country="VN"))

    response = client.get("/exhibitors/", {"country": ["QQ", "jp"]})

    assert names(response) == ["Canon"]
    assert [o["value"] for o in response.context["facets"]["countries"] if o["selected"]] == ["JP"]
    assert "Không có mã quốc gia “QQ”: bộ lọc này đã được bỏ qua." in response.text
    assert "“JP”" not in response.text


@pytest.mark.parametrize(("prefix", "name"), [("", "Lào"), ("/en", "Laos")])
def test_an_origin_from_the_application_forms_list_is_named_not_coded(client, fair, prefix, name):
    # The booth application offers Laos, Cambodia, Canada…: an exhibitor approved from
    # Laos shows the country's name on its profile and in the directory, not "LA".
    make_booth(
        fair=fair,
        exhibitor=make_exhibitor(name_vi="Viêng Chăn", slug="vieng-chan", origin_country="LA"),
    )

    directory = client.get(f"{prefix}/exhibitors/")
    profile = client.get(f"{prefix}/exhibitors/vieng-chan/")

    assert f'<label for="country-LA">{name} <span class="count">(1)</span>' in directory.text
    assert f"</span> {name}</dd>" in profile.text
