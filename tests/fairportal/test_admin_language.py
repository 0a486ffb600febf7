import pytest

from fairportal.audit import record
from tests.factories import (
    make_application,
    make_meeting_request,
    make_registration,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_admin_in_vietnamese_at_admin_and_english_under_en(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))

    vi = client.get("/admin/").content.decode()
    en = client.get("/en/admin/").content.decode()

    assert '<html lang="vi"' in vi and 'href="/en/admin/"' in vi
    assert '<html lang="en"' in en and 'href="/admin/"' in en


def test_admin_index_names_lists_in_the_plural_and_in_each_language(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))

    vi = client.get("/admin/").content.decode()
    en = client.get("/en/admin/").content.decode()

    # English lists are named in the plural, as Django names them ("Booths").
    for name in ("Booths", "Booth applications", "Exhibitors", "Products", "Side events"):
        assert f">{name}</a>" in en, name
    assert ">Booth</a>" not in en
    # The login lockout's section and lists read in Vietnamese on /admin/ …
    assert "Chống dò mật khẩu" in vi and "Lần thử đăng nhập" in vi
    assert "Access attempts" not in vi
    # … and in English under /en/admin/.
    assert "Login protection" in en and "Access attempts" in en
    # The portal's own section keeps its name (its AppConfig is still the one used).
    assert ">Portal</a>" in en and ">Cổng thông tin</a>" in vi


def test_change_list_facet_link_and_status_labels_in_each_language(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))

    vi = client.get("/admin/booths/boothapplication/").content.decode()
    en = client.get("/en/admin/booths/boothapplication/").content.decode()

    assert "Hiện số lượng" in vi and "Show counts" not in vi
    # The filter's status labels: an application is "Rejected", a meeting "Declined".
    assert ">Rejected</a>" in en and ">Decline</a>" not in en
    meetings = client.get("/en/admin/events/meetingrequest/").content.decode()
    assert ">Declined</a>" in meetings


def test_visitors_language_is_named_in_the_admins_language(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    application = make_application(language="vi")
    record(
        action="application.submitted",
        obj=application,
        changes={"preferred": [], "language": "vi"},
    )
    pages = [
        f"/admin/booths/boothapplication/{application.pk}/change/",
        f"/admin/events/eventregistration/{make_registration(language='en').pk}/change/",
        f"/admin/events/meetingrequest/{make_meeting_request(language='en').pk}/change/",
    ]

    vi = [client.get(url).content.decode() for url in pages]
    en = [client.get("/en" + url).content.decode() for url in pages]

    # The field, then the decision log of the application.
    assert '<div class="readonly">Tiếng Việt</div>' in vi[0]
    assert "ngôn ngữ: Tiếng Việt" in vi[0]
    assert '<div class="readonly">Vietnamese</div>' in en[0]
    assert "language: Vietnamese" in en[0]
    for page in vi[1:]:
        assert '<div class="readonly">Tiếng Anh</div>' in page
    for page in en[1:]:
        assert '<div class="readonly">English</div>' in page
