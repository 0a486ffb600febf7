"""The directory's filters, built in Python (fairportal.templatetags.visitor): each box
and option as the page shows it, names escaped, a name with no English marked
lang="vi" on the English page, a ticked sub-sector under its parent."""

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
