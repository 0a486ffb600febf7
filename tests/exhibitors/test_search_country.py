"""A country's name in a search: found as the whole name, not as trade words.

The folded names of the investors' countries are everyday words at an industrial
fair ("duc" is "đúc", casting; "hoa ky" holds the "hoa" of "hóa chất"; "y" is "y tế";
"ban" is "bán lẻ"): a query with such a word must not bring in every firm from the
country, and a query naming the country must still find them.
"""

from collections import Counter

import pytest

from exhibitors.models import Exhibitor
from tests.factories import make_booth, make_exhibitor, make_product, make_sector

pytestmark = pytest.mark.django_db

# name, country of origin, Vietnamese description. No address, no legal name and no
# English description: nothing but these words is in their search texts.
FIRMS = [
    ("Doosan Vina", "KR", "Máy nén khí và phụ tùng."),
    ("Hàn Việt", "VN", "Máy hàn điện."),
    ("Emerson Automation", "US", "Chất lượng cao, thuật toán điều khiển."),
    ("Hóa chất Việt Trì", "VN", "Hóa chất công nghiệp."),
    ("Kỹ thuật Bách Khoa", "VN", "Dịch vụ kỹ thuật."),
    ("Tata International", "IN", "Thiết bị luyện thép."),
    ("Đo lường Hà Nội", "VN", "Thiết bị đo áp suất."),
    ("Bosch Rexroth", "DE", "Truyền động và điều khiển."),
    ("Đúc Thành Công", "VN", "Đúc gang, đúc thép."),
    ("Cơ khí Minh Đức", "VN", "Gia công cơ khí chính xác."),
    ("ABB Power", "CH", "Thiết bị điện lực."),
    ("Thủy lực Sài Gòn", "VN", "Xi lanh thủy lực."),
    ("Schneider Electric", "FR", "Giải thưởng xanh, quản lý năng lượng."),
    ("Giải pháp Số", "VN", "Phần mềm quản lý."),
    ("Ferroli Techno", "IT", "Nồi hơi công nghiệp."),
    ("Thiết bị Y tế Việt", "VN", "Giường bệnh, máy thở."),
    ("Yamaha Motor", "JP", "Xe máy, phụ tùng lẻ."),
    ("Bán lẻ Minh Anh", "VN", "Siêu thị điện máy."),
    ("Haier Electric", "CN", "Điều hòa, tấm pin mặt trời."),
    ("Foxconn", "TW", "Tấm mạch in."),
    ("Trung tâm Thử nghiệm", "VN", "Kiểm định chất lượng."),
    ("Điện tử Kyocera", "JP", "Linh kiện điện tử cho ô tô."),
    ("Canon Office", "JP", "Máy in, thiết bị điện tử văn phòng."),
    ("Điện tử Hà Nội", "VN", "Linh kiện điện tử."),
]
ELECTRONICS = {"Điện tử Kyocera", "Canon Office", "Điện tử Hà Nội"}


@pytest.fixture
def firms(fair):
    electronics = make_sector(name_vi="Linh kiện", name_en="Components", slug="linh-kien")
    for name, country, description in FIRMS:
        exhibitor = make_exhibitor(
            name_vi=name,
            name_en=name,
            legal_name="",
            description_vi=description,
            description_en="",
            address_vi="",
            origin_country=country,
            sectors=[electronics] if name in ELECTRONICS else [],
        )
        make_booth(fair=fair, exhibitor=exhibitor)
    return {name: country for name, country, _ in FIRMS}


def search(client, q, **params):
    response = client.get("/exhibitors/", {"q": q, **params})
    assert response.status_code == 200
    return response


def found(client, q) -> list[str]:
    return sorted(e.name for e in search(client, q).context["exhibitors"])


@pytest.mark.parametrize(
    ("query", "expected", "foreign"),
    [
        ("máy hàn", ["Hàn Việt"], "Doosan Vina"),
        ("hóa chất", ["Hóa chất Việt Trì"], "Emerson Automation"),
        ("kỹ thuật", ["Kỹ thuật Bách Khoa"], "Emerson Automation"),
        ("thiết bị đo", ["Đo lường Hà Nội"], "Tata International"),
        ("đúc", ["Cơ khí Minh Đức", "Đúc Thành Công"], "Bosch Rexroth"),
        ("thủy lực", ["Thủy lực Sài Gòn"], "ABB Power"),
        ("giải pháp", ["Giải pháp Số"], "Schneider Electric"),
        ("y tế", ["Thiết bị Y tế Việt"], "Ferroli Techno"),
        ("bán lẻ", ["Bán lẻ Minh Anh"], "Yamaha Motor"),
        ("trung tâm", ["Trung tâm Thử nghiệm"], "Haier Electric"),
        ("trung tam", ["Trung tâm Thử nghiệm"], "Foxconn"),
        ("may han", ["Hàn Việt"], "Doosan Vina"),
        ("hoa chat", ["Hóa chất Việt Trì"], "Emerson Automation"),
    ],
)
def test_a_trade_word_does_not_bring_in_the_firms_of_a_country(
    client, firms, query, expected, foreign
):
    results = found(client, query)

    assert results == expected
    assert foreign not in results


@pytest.mark.parametrize(
    ("queries", "expected"),
    [
        (
            ["nhat ban", "Nhật Bản", "NHẬT BẢN", "japan"],
            ["Canon Office", "Yamaha Motor", "Điện tử Kyocera"],
        ),
        (["han quoc", "Hàn Quốc", "korea", "South Korea"], ["Doosan Vina"]),
        (["hoa ky", "Hoa Kỳ", "united states", "USA"], ["Emerson Automation"]),
        (["an do", "Ấn Độ", "india"], ["Tata International"]),
        (["thuy si", "Thụy Sĩ", "switzerland"], ["ABB Power"]),
        (["trung quoc", "Trung Quốc", "china"], ["Haier Electric"]),
        (["dai loan", "Đài Loan", "taiwan"], ["Foxconn"]),
        (["germany"], ["Bosch Rexroth"]),
        (["france"], ["Schneider Electric"]),
        (["italy"], ["Ferroli Techno"]),
    ],
)
def test_a_country_name_finds_the_firms_from_it(client, firms, queries, expected):
    for query in queries:
        assert found(client, query) == expected, query


def test_a_country_of_one_syllable_is_named_as_the_whole_query(client, firms):
    # "duc" and "đức" name Germany, and still find the firms whose own text has the word.
    germany_or_duc = ["Bosch Rexroth", "Cơ khí Minh Đức", "Đúc Thành Công"]
    assert found(client, "duc") == germany_or_duc
    assert found(client, "Đức") == germany_or_duc
    assert found(client, "pháp") == ["Giải pháp Số", "Schneider Electric"]
    # "Ý" with its accent is Italy (and "y" in the texts); without it, only words.
    assert found(client, "ý") == ["Ferroli Techno", "Thiết bị Y tế Việt", "Yamaha Motor"]
    assert found(client, "y") == ["Thiết bị Y tế Việt", "Yamaha Motor"]


@pytest.mark.parametrize(
    ("query", "foreign"),
    [
        ("han", "Doosan Vina"),
        ("quoc", "Haier Electric"),
        ("ky", "Emerson Automation"),
        ("do", "Tata International"),
        ("nhật", "Yamaha Motor"),
        ("ban", "Canon Office"),
        ("thuy", "ABB Power"),
        ("minh đức", "Bosch Rexroth"),
    ],
)
def test_one_word_of_a_country_name_does_not_name_it(client, firms, query, foreign):
    assert foreign not in found(client, query)


def test_minh_duc_is_found_by_its_own_name(client, firms):
    assert "Cơ khí Minh Đức" in found(client, "duc")
    assert "Cơ khí Minh Đức" in found(client, "đức")
    assert found(client, "minh đức") == ["Cơ khí Minh Đức"]


@pytest.mark.parametrize("query", ["điện tử nhật bản", "dien tu nhat ban", "nhật bản điện tử"])
def test_a_country_and_other_words_finds_the_country_s_firms_matching_them(client, firms, query):
    assert found(client, query) == ["Canon Office", "Điện tử Kyocera"]


def test_a_country_and_other_words_in_english(client, firms):
    assert found(client, "dien tu japan") == ["Canon Office", "Điện tử Kyocera"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("japanese", ["Canon Office", "Yamaha Motor", "Điện tử Kyocera"]),
        ("dien tu japanese", ["Canon Office", "Điện tử Kyocera"]),
        ("korean", ["Doosan Vina"]),
        ("South Korean", ["Doosan Vina"]),
        ("chinese", ["Haier Electric"]),
        ("taiwanese", ["Foxconn"]),
        ("german", ["Bosch Rexroth"]),
        ("american", ["Emerson Automation"]),
    ],
)
def test_a_country_adjective_in_english_finds_the_country_s_firms(client, firms, query, expected):
    # A buyer types "Japanese electronics makers", not "Japan electronics".
    assert found(client, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("korean japanese dien tu", ["Canon Office", "Điện tử Kyocera"]),
        ("điện tử nhật bản hàn quốc", ["Canon Office", "Điện tử Kyocera"]),
        ("dien tu han quoc va nhat ban", ["Canon Office", "Điện tử Kyocera"]),
        (
            "japan and korea",
            ["Canon Office", "Doosan Vina", "Yamaha Motor", "Điện tử Kyocera"],
        ),
        ("china taiwan", ["Foxconn", "Haier Electric"]),
    ],
)
def test_a_query_naming_two_countries_finds_the_firms_of_either(client, firms, query, expected):
    assert found(client, query) == expected


def test_relevance_puts_first_the_firm_whose_text_starts_with_the_other_words(client, firms):
    response = search(client, "điện tử nhật bản", sort="relevance")

    assert [e.name for e in response.context["exhibitors"]] == ["Điện tử Kyocera", "Canon Office"]


@pytest.mark.parametrize(
    "query", ["máy hàn", "nhat ban", "duc", "điện tử nhật bản", "y tế", "korea", "linh kien"]
)
def test_facet_counts_are_the_counts_of_the_results(client, firms, query):
    response = search(client, query)
    results = response.context["exhibitors"]
    facets = response.context["facets"]

    assert facets["count"] == len(results)
    assert {o["value"]: o["count"] for o in facets["countries"]} == dict(
        Counter(firms[e.name] for e in results)
    )
    electronics = sum(e.name in ELECTRONICS for e in results)
    assert {o["value"]: o["count"] for o in facets["sectors"]} == (
        {"linh-kien": electronics} if electronics else {}
    )


def test_a_country_query_with_the_country_filter(client, firms):
    response = search(client, "điện tử nhật bản", country="VN")

    assert list(response.context["exhibitors"]) == []
    assert response.context["facets"]["count"] == 0


def test_the_api_searches_as_the_directory(client, firms):
    def api(q):
        response = client.get("/api/v1/exhibitors/", {"q": q})
        assert response.status_code == 200
        return sorted(row["name"]["vi"] for row in response.json()["results"])

    assert api("máy hàn") == ["Hàn Việt"]
    assert api("korea") == ["Doosan Vina"]
    assert api("điện tử nhật bản") == ["Canon Office", "Điện tử Kyocera"]
    assert api("đúc") == ["Cơ khí Minh Đức", "Đúc Thành Công"]


@pytest.fixture
def products(firms):
    def made_by(firm, name_vi, name_en):
        exhibitor = Exhibitor.objects.get(name_vi=firm)
        make_product(
            exhibitor, name_vi=name_vi, name_en=name_en, description_vi="", description_en=""
        )

    made_by("Canon Office", "Máy in laser", "Laser printer")
    made_by("Doosan Vina", "Máy nén khí trục vít", "Screw air compressor")
    made_by("Hàn Việt", "Máy hàn que", "Stick welder")
    made_by("Haier Electric", "Máy nén khí điều hòa", "Air-conditioner compressor")


def products_found(client, q, prefix=""):
    response = client.get(prefix + "/products/", {"q": q})
    assert response.status_code == 200
    return sorted(p.name_en for p in response.context["products"])


@pytest.mark.parametrize(
    ("prefix", "query", "expected"),
    [
        ("/en", "korean compressor", ["Screw air compressor"]),
        ("", "máy nén khí hàn quốc", ["Screw air compressor"]),
        ("/en", "japan", ["Laser printer"]),
        ("/en", "chinese compressor", ["Air-conditioner compressor"]),
    ],
)
def test_a_product_search_naming_a_country_finds_the_products_of_its_firms(
    client, products, prefix, query, expected
):
    assert products_found(client, query, prefix) == expected


def test_the_product_api_searches_as_the_catalogue(client, products):
    response = client.get("/api/v1/products/", {"q": "korean compressor"})

    assert [row["name"]["en"] for row in response.json()["results"]] == ["Screw air compressor"]
