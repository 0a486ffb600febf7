"""The layout every page shares (base.html, its header and footer drawn by
fairportal/templatetags/portal.py): what a visitor reads and follows at the top and the
foot of a page, in each language, with and without a current fair."""

import re

import pytest

from tests.factories import make_fair

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def _between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_vietnamese_page_header_and_footer(client):
    make_fair(hotline="024 3955.1234", email="btc@hoichokcn.vn")

    html = client.get("/visit/").content.decode()

    header = _between(html, '<a class="skip-link"', "</header>")
    assert '<a class="skip-link" href="#main">Bỏ qua, đến nội dung chính</a>' in header
    # The brand leads home, with the fair's days and venue.
    assert '<a class="brand" href="/">' in header
    assert "<small>20/09–22/09/2024 · Trung tâm thương mại Mê Linh</small>" in header
    # The same page in English, offered (hidden until the browser asks for it) and linked.
    offer = _between(header, '<div class="lang-offer"', '<header class="site-header">')
    assert '<a href="/en/visit/" hreflang="en">View in English' in offer
    assert "This page is also in English." in offer and "No, thanks" in offer
    switch = _between(header, '<nav class="lang-switch" aria-label="Ngôn ngữ">', "</nav>")
    assert '<span aria-current="true" lang="vi">VI<span class="visually-hidden"> · ' in switch
    assert '<a href="/en/visit/" hreflang="en" lang="en">EN' in switch
    # The menu marks the page the visitor is on.
    assert '<a href="/visit/" aria-current="page">Tham quan</a>' in header

    footer = _between(html, '<footer class="site-footer">', "</footer>")
    assert "<strong>Hội chợ sản phẩm công nghiệp" in footer
    assert "<p>20/09/2024 – 22/09/2024 · Trung tâm thương mại Mê Linh</p>" in footer
    assert "Đơn vị tổ chức: Ban Quản lý các khu công nghiệp và chế xuất Hà Nội" in footer
    # A phone dials the digits alone; the e-mail and the way to the fair are links.
    assert '<a href="tel:02439551234">024 3955.1234</a>' in footer
    assert '<a href="mailto:btc@hoichokcn.vn">btc@hoichokcn.vn</a>' in footer
    assert '<a href="/visit/">Giờ mở cửa và đường đến</a>' in footer


def test_english_page_header_and_footer(client):
    make_fair(venue_en="", hotline="", email="")

    html = client.get("/en/exhibitors/", {"q": "máy in"}).content.decode()

    assert "lang-offer" not in html  # already in English
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    assert '<a class="brand" href="/en/">' in html
    # A venue with no English name is shown in Vietnamese, marked as such.
    assert '<small>20/09–22/09/2024 · <span lang="vi">Trung tâm thương mại Mê Linh</span>' in html
    switch = _between(html, '<nav class="lang-switch" aria-label="Language">', "</nav>")
    # The other language keeps the page and its query.
    assert re.search(
        r'<a href="/exhibitors/\?q=m%C3%A1y(\+|%20)in" hreflang="vi" lang="vi">VI', switch
    )
    assert '<span aria-current="true" lang="en">EN' in switch
    footer = _between(html, '<footer class="site-footer">', "</footer>")
    assert "<strong>Hanoi Industrial Zones Industrial Products Fair 2024</strong>" in footer
    assert "Organiser: Hanoi Industrial and Export Processing Zones Authority" in footer
    assert "tel:" not in footer and "mailto:" not in footer  # none given
    assert '<a href="/en/visit/">Opening hours and directions</a>' in footer


def test_names_are_escaped_in_the_layout(client):
    make_fair(name_vi="Hội chợ <b>KCN</b> & đối tác", venue_vi='Nhà "A" <i>')

    html = client.get("/").content.decode()

    assert "Hội chợ &lt;b&gt;KCN&lt;/b&gt; &amp; đối tác</strong>" in html
    assert "Nhà &quot;A&quot; &lt;i&gt;</small>" in html
    assert "<b>KCN</b>" not in html and "<i>" not in html


def test_layout_before_any_fair(client):
    response = client.get("/visit/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<small></small>" in html
    footer = _between(html, '<footer class="site-footer">', "</footer>")
    assert "<p>" not in footer  # no fair to tell of


def test_alternate_links_name_each_language_and_the_default(client):
    make_fair()

    html = client.get("/en/exhibitors/").content.decode()

    links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    assert [code for code, _url in links] == ["vi", "en", "x-default"]
    assert links[0][1].endswith("/exhibitors/") and links[1][1].endswith("/en/exhibitors/")
    assert links[2][1] == links[0][1]
