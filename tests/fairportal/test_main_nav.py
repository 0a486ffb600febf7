"""The main menu on every page: each section linked in the page's language, the page
the visitor is on marked `aria-current="page"` (the home page by its view, the others
by their path), nothing marked elsewhere."""

import re

import pytest

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="main-nav"[^>]*>\s*<ul class="wrap">(.*?)</ul>', re.S)


def menu(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return NAV.search(response.content.decode()).group(1)


def test_the_vietnamese_menu_marks_the_directory(client):
    items = menu(client, "/exhibitors/")

    assert items == (
        '\n        \n<li><a href="/">Trang chủ</a></li>\n'
        '<li><a href="/exhibitors/" aria-current="page">Doanh nghiệp</a></li>\n'
        '<li><a href="/products/">Sản phẩm</a></li>\n'
        '<li><a href="/floor-plan/">Sơ đồ gian hàng</a></li>\n'
        '<li><a href="/events/">Chương trình</a></li>\n'
        '<li><a href="/visit/">Tham quan</a></li>\n'
        '<li><a href="/plan/">Lịch của tôi</a></li>\n'
        '<li><a href="/booths/apply/">Đăng ký gian hàng</a></li>\n\n      '
    )


def test_the_english_menu_marks_the_home_page(client):
    items = menu(client, "/en/")

    assert '<li><a href="/en/" aria-current="page">Home</a></li>' in items
    assert '<li><a href="/en/exhibitors/">Exhibitors</a></li>' in items
    assert items.count("aria-current") == 1


def test_a_search_keeps_its_section_marked_and_a_page_off_the_menu_marks_nothing(client):
    assert 'href="/exhibitors/" aria-current="page"' in menu(client, "/exhibitors/?q=may")
    assert "aria-current" not in menu(client, "/account/login/")
