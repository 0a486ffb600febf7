import io

import pytest
from PIL import Image

from tests.factories import make_booth, make_exhibitor, make_fair

pytestmark = pytest.mark.django_db


def test_sitemap_lists_pages_and_published_profiles_in_both_languages(client):
    fair = make_fair()
    make_booth(fair=fair, exhibitor=make_exhibitor(slug="canon-viet-nam"))
    make_booth(fair=fair, exhibitor=make_exhibitor(slug="an-danh", is_published=False))
    make_exhibitor(slug="khong-gian")

    response = client.get("/sitemap.xml")

    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    for path in ["/", "/visit/", "/exhibitors/", "/products/", "/exhibitors/canon-viet-nam/"]:
        assert f"<loc>https://hoicho.example.vn{path}</loc>" in text
        assert f"<loc>https://hoicho.example.vn/en{path}</loc>" in text
    assert (
        '<xhtml:link rel="alternate" hreflang="en" href="https://hoicho.example.vn/en/exhibitors/canon-viet-nam/"/>'
        in text
    )
    assert 'hreflang="x-default"' in text
    assert "an-danh" not in text and "khong-gian" not in text


def test_robots_txt_points_to_sitemap_and_keeps_private_areas_out(client):
    response = client.get("/robots.txt")

    text = response.content.decode()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text and "Disallow: /account/" in text
    assert "Disallow: /exhibitors/" not in text
    assert "Sitemap: https://hoicho.example.vn/sitemap.xml" in text


@pytest.mark.django_db
def test_sitemap_lists_programme_floor_plan_and_current_events(client):
    from tests.factories import make_event, make_fair

    fair = make_fair()
    make_event(fair=fair, slug="hoi-thao-chuoi-cung-ung")
    make_event(fair=make_fair(is_current=False), slug="hoi-thao-nam-cu")

    xml = client.get("/sitemap.xml").content.decode()

    assert "https://hoicho.example.vn/events/hoi-thao-chuoi-cung-ung/" in xml
    assert "https://hoicho.example.vn/en/events/hoi-thao-chuoi-cung-ung/" in xml
    assert "https://hoicho.example.vn/floor-plan/" in xml
    assert "https://hoicho.example.vn/events/</loc>" in xml
    assert "hoi-thao-nam-cu" not in xml


def test_canonical_url_of_a_page_without_pages_has_no_page_number(client):
    make_fair()

    response = client.get("/visit/", {"page": "3"})

    assert '<link rel="canonical" href="https://hoicho.example.vn/visit/">' in response.text
    assert '<meta property="og:url" content="https://hoicho.example.vn/visit/">' in response.text


@pytest.mark.parametrize("kind", ["registration", "meeting"])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_page_behind_a_personal_link_is_kept_out_of_caches_and_search(client, kind, prefix):
    # It shows the visitor's name, e-mail and phone: a shared cache, the browser's
    # history or a search engine must not keep it, nor a link card carry the token.
    from tests.factories import make_meeting_request, make_registration, new_token

    token, token_hash = new_token()
    if kind == "registration":
        make_registration(token_hash=token_hash, name="Nguyễn Thị Lan")
    else:
        make_meeting_request(token_hash=token_hash, requester_name="Tanaka Hiro")
    path = f"{prefix}/events/{kind}s/{token}/"

    response = client.get(path)

    page = response.content.decode()
    assert response.status_code == 200
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert 'property="og:url"' not in page and 'rel="canonical"' not in page
    assert f"Disallow: {prefix}/events/{kind}s/" in client.get("/robots.txt").content.decode()


def test_favicon_ico_is_the_portals_icon_not_a_404_page(client):
    # Browsers, feed readers and bots ask for /favicon.ico whatever the pages link.
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= icon.ico.sizes()
    assert "max-age" in response["Cache-Control"]
