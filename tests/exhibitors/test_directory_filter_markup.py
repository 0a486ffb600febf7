"""The directory's filters and the page around them, built in Python
(fairportal.templatetags.visitor): each box and option as the page shows it, names
escaped, a name with no English marked lang="vi" on the English page, a ticked
sub-sector under its parent; the count, the sort, the search kept and what a search
finding nobody offers."""

import pytest

from tests.factories import make_booth, make_exhibitor, make_fair, make_sector, make_zone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def firm():
    fair = make_fair(is_current=True)
    parent = make_sector(slug="co-khi", name_vi="Cơ khí & <chế tạo>", name_en="Machinery")
    child = make_sector(slug="khuon", name_vi="Khuôn mẫu", name_en="", parent=parent)
    zone = make_zone(slug="kcn-a", name_vi='KCN "Thăng Long"', name_en="")
    firm = make_exhibitor(slug="dn", zone=zone, origin_country="JP", sectors=[child])
    make_booth(fair=fair, exhibitor=firm, code="A01")
    return firm


def test_the_vietnamese_filters(client):
    html = client.get("/exhibitors/", {"sector": "khuon", "zone": "kcn-a"}).content.decode()

    assert (
        '<legend>Ngành</legend>\n      \n      <div class="check"><input type="checkbox"'
        ' id="sector-co-khi" name="sector" value="co-khi">\n      <label for="sector-co-khi">'
        'Cơ khí &amp; &lt;chế tạo&gt; <span class="count">(1)</span></label></div>\n      \n'
        '      <div class="check sub-sector"><input type="checkbox" id="sector-khuon"'
        ' name="sector" value="khuon" checked>\n      <label for="sector-khuon">Khuôn mẫu'
        ' <span class="count">(1)</span></label></div>\n      \n    </fieldset>'
    ) in html
    assert (
        '<option value="">Tất cả</option>\n        <option value="kcn-a" selected>'
        "KCN &quot;Thăng Long&quot; (1)</option>\n      </select>"
    ) in html
    assert (
        '<div class="check"><input type="checkbox" id="country-JP" name="country"'
        ' value="JP">\n      <label for="country-JP">Nhật Bản <span class="count">(1)</span>'
        "</label></div>\n      \n    </fieldset>"
    ) in html


def test_the_english_filters_mark_the_names_shown_in_vietnamese(client):
    html = client.get("/en/exhibitors/", {"country": "jp"}).content.decode()

    assert '<label for="sector-co-khi">Machinery <span class="count">' in html
    assert '<label for="sector-khuon" lang="vi">Khuôn mẫu <span class="count">' in html
    assert '<option value="kcn-a" lang="vi">KCN &quot;Thăng Long&quot; (1)</option>' in html
    assert (
        '<input type="checkbox" id="country-JP" name="country" value="JP" checked>\n'
        '      <label for="country-JP">Japan <span class="count">(1)</span>'
    ) in html


def test_a_search_that_finds_nobody_offers_the_programme_and_a_way_back(client):
    """The page below the menu (visitor.directory_content): the search typed is kept in
    the box, escaped; with nothing found, the visitor is offered the whole directory
    and the same search in the programme, the query encoded in the link."""
    html = client.get("/exhibitors/", {"q": 'máy <b>"x"&y', "zone": "kcn-a"}).content.decode()

    assert 'value="máy &lt;b&gt;&quot;x&quot;&amp;y" maxlength="100"' in html
    assert '<p class="muted" role="status">Tìm thấy 0 doanh nghiệp.</p>' in html
    assert "<p><strong>Không tìm thấy doanh nghiệp nào phù hợp.</strong></p>" in html
    assert '<a class="button" href="/exhibitors/">Xoá bộ lọc, xem tất cả doanh nghiệp</a>' in html
    assert (
        '<a href="/events/?q=m%C3%A1y%20%3Cb%3E%22x%22%26y">'
        "Tìm “máy &lt;b&gt;&quot;x&quot;&amp;y” trong chương trình sự kiện</a>"
    ) in html
    assert "<b>" not in html
    # The filters stay open, showing the zone chosen.
    assert '<details class="more-filters" data-open-wide open>' in html


def test_the_english_directory_counts_and_sorts_in_english(client):
    html = client.get("/en/exhibitors/", {"q": "sample"}).content.decode()

    assert '<p class="muted" role="status">1 exhibitor found.</p>' in html  # singular
    assert '<option value="" selected>Best match</option>' in html
    assert '<option value="name">By name (A–Z)</option>' in html
    assert '<option value="booth">By booth code</option>' in html
    assert '<a class="button button-secondary" href="/en/exhibitors/">Clear filters</a>' in html
    assert '<details class="more-filters" data-open-wide>' in html  # no filter chosen
    assert "empty-state" not in html
    assert '<ul class="card-list">' in html


def test_the_unfiltered_directory_says_how_many_firms_have_a_booth(client):
    html = client.get("/exhibitors/").content.decode()

    assert '<p class="muted" role="status">1 doanh nghiệp có gian hàng tại hội chợ.</p>' in html
    assert "Xoá bộ lọc" not in html  # nothing to clear
    assert '<option value="" selected>Theo tên (A–Z)</option>' in html
    assert "Phù hợp nhất" not in html  # no search: no best match
