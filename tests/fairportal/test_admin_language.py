import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairportal.audit import record
from tests.factories import (
    make_application,
    make_booth,
    make_event,
    make_exhibitor,
    make_meeting_request,
    make_registration,
    make_sector,
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


def _summary(client, url) -> list[str]:
    """The lines of a delete page's summary: what goes with the object."""
    page = client.get(url).content.decode()
    summary = page.split("<ul>", 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", summary)


def test_delete_pages_name_the_links_between_records_in_each_language(client):
    user = make_user(is_staff=True, is_superuser=True)
    client.force_login(user)
    event = make_event()
    event.hosts.set([make_exhibitor(), make_exhibitor()])
    booth = make_booth(fair=event.fair)
    application = make_application(fair=event.fair, status="rejected")  # undecided: kept
    application.preferred_booths.set([booth])
    application.sectors.set([make_sector()])
    exhibitor = make_exhibitor(sectors=[make_sector()], members=[make_user()])
    pages = {
        "event": f"/admin/events/sideevent/{event.pk}/delete/",
        "booth": f"/admin/booths/booth/{booth.pk}/delete/",
        "application": f"/admin/booths/boothapplication/{application.pk}/delete/",
        "exhibitor": f"/admin/exhibitors/exhibitor/{exhibitor.pk}/delete/",
        "user": f"/admin/fairportal/user/{user.pk}/delete/",
    }
    user.groups.add(Group.objects.create(name="Ban tổ chức"))

    vi = {name: _summary(client, url) for name, url in pages.items()}
    en = {name: _summary(client, "/en" + url) for name, url in pages.items()}

    assert vi["event"] == ["Sự kiện bên lề: 1", "Doanh nghiệp đồng tổ chức sự kiện: 2"]
    assert en["event"] == ["Side events: 1", "Side event co-hosts: 2"]
    assert vi["booth"] == ["Gian hàng: 1", "Gian mong muốn trong hồ sơ: 1"]
    assert en["booth"] == ["Booths: 1", "Booths preferred in applications: 1"]
    assert sorted(vi["application"]) == [
        "Gian mong muốn trong hồ sơ: 1",
        "Hồ sơ đăng ký gian hàng: 1",
        "Ngành trong hồ sơ gian hàng: 1",
    ]
    assert sorted(en["application"]) == [
        "Booth application sectors: 1",
        "Booth applications: 1",
        "Booths preferred in applications: 1",
    ]
    assert "Ngành của doanh nghiệp: 1" in vi["exhibitor"]
    assert "Người đại diện của doanh nghiệp: 1" in vi["exhibitor"]
    assert "Exhibitor sectors: 1" in en["exhibitor"]
    assert "Exhibitor representatives: 1" in en["exhibitor"]
    assert "Thành viên nhóm: 1" in vi["user"]
    assert "Group memberships: 1" in en["user"]


def _permission_options(html: str) -> dict[str, str]:
    """{option value: label} of the permission list on a user's or group's page."""
    select = re.search(r'<select name="(?:user_)?permissions".*?</select>', html, re.S).group(0)
    return dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select))


def _side_event_permissions():
    return {
        p.codename: str(p.pk)
        for p in Permission.objects.filter(
            content_type__app_label="events", codename__endswith="_sideevent"
        )
    }


def test_group_permissions_are_named_in_the_pages_language(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    group = Group.objects.create(name="Ban tổ chức thử")
    perms = _side_event_permissions()

    en = _permission_options(client.get(f"/en/admin/auth/group/{group.pk}/change/").text)
    vi = _permission_options(client.get(f"/admin/auth/group/{group.pk}/change/").text)

    assert en[perms["view_sideevent"]] == "Fair and programme | side event | Can view side event"
    assert en[perms["delete_sideevent"]] == (
        "Fair and programme | side event | Can delete side event"
    )
    assert vi[perms["view_sideevent"]] == (
        "Hội chợ và chương trình | sự kiện bên lề | Có thể xem sự kiện bên lề"
    )
    assert vi[perms["change_sideevent"]] == (
        "Hội chợ và chương trình | sự kiện bên lề | Có thể sửa sự kiện bên lề"
    )
    assert not [label for label in en.values() if "Can view sự kiện" in label]


def test_user_permissions_are_named_in_the_pages_language_in_one_query(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    user = make_user(is_staff=True)
    perms = _side_event_permissions()

    with CaptureQueriesContext(connection) as queries:
        en = _permission_options(client.get(f"/en/admin/fairportal/user/{user.pk}/change/").text)
    vi = _permission_options(client.get(f"/admin/fairportal/user/{user.pk}/change/").text)

    assert en[perms["add_sideevent"]] == "Fair and programme | side event | Can add side event"
    assert vi[perms["add_sideevent"]] == (
        "Hội chợ và chương trình | sự kiện bên lề | Có thể thêm sự kiện bên lề"
    )
    assert len(en) == Permission.objects.count()
    # The permissions are read with their content types: none is read on its own.
    assert [q["sql"] for q in queries if q["sql"].startswith('SELECT "django_content_type"')] == []
    assert Permission.objects.get(pk=perms["view_sideevent"]).name == "Can view sự kiện bên lề"
