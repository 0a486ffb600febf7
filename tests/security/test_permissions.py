"""Who may open what: every kind of URL for six kinds of people.

anonymous, a visitor (an account without a company), the representative of company A,
a board viewer, a board editor and the superuser. Each cell is the status they get:
200, 302 (to a login page), 403 or 404.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from booths.models import BoothApplication
from fairportal.roles import EDITORS, VIEWERS, apply_roles
from tests.factories import make_application, make_user

ROLES = ("anonymous", "visitor", "rep_a", "viewer", "editor", "superuser")


@pytest.fixture
def people(public_fair):
    apply_roles()
    company_a = public_fair["exhibitor"]
    rep_a = make_user(username="dai-dien-a")
    company_a.members.add(rep_a)
    viewer = make_user(username="xem", is_staff=True)
    viewer.groups.add(Group.objects.get(name=VIEWERS))
    editor = make_user(username="bien-tap", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    return {
        "anonymous": None,
        "visitor": make_user(username="khach"),
        "rep_a": rep_a,
        "viewer": viewer,
        "editor": editor,
        "superuser": make_user(username="bql", is_staff=True, is_superuser=True),
    }


def urls(objects, application) -> dict[str, str]:
    exhibitor, event, matching = objects["exhibitor"], objects["event"], objects["matching"]
    product = objects["product"]
    return {
        # public pages
        "home": reverse("home"),
        "directory": reverse("exhibitors:list"),
        "profile": reverse("exhibitors:detail", args=[exhibitor.slug]),
        "event": reverse("events:detail", args=[event.slug]),
        "apply": reverse("booths:apply"),
        "login": reverse("account:login"),
        "api list": "/api/v1/exhibitors/",
        "api detail": f"/api/v1/exhibitors/{exhibitor.slug}/",
        # the representative's area
        "account": reverse("account:home"),
        "account profile": reverse("account:profile"),
        "account products": reverse("account:products"),
        "account product edit": reverse("account:product_edit", args=[product.pk]),
        "account representatives": reverse("account:invite"),
        "account booths": reverse("booths:account_booths"),
        "account meetings": reverse("events:account_meetings"),
        # the admin and its custom views
        "admin index (dashboard)": "/admin/",
        "admin exhibitors": "/admin/exhibitors/exhibitor/",
        "admin exhibitor change": f"/admin/exhibitors/exhibitor/{exhibitor.pk}/change/",
        "admin import": "/admin/exhibitors/exhibitor/import/",
        "admin approve": f"/admin/booths/boothapplication/{application.pk}/approve/",
        "admin floor plan": "/admin/booths/booth/floor-plan/",
        "admin matching grid": f"/admin/events/sideevent/{matching.pk}/matching/",
        "admin users": "/admin/fairportal/user/",
    }


PUBLIC = dict.fromkeys(ROLES, 200)
ACCOUNT = {
    "anonymous": 302,
    "visitor": 200,
    "rep_a": 200,
    "viewer": 200,
    "editor": 200,
    "superuser": 200,
}
# pages of one's company: nobody's company for an account that represents none
COMPANY = {**dict.fromkeys(ROLES, 404), "anonymous": 302, "rep_a": 200}
ADMIN_VIEW = {
    "anonymous": 302,
    "visitor": 302,
    "rep_a": 302,
    "viewer": 200,
    "editor": 200,
    "superuser": 200,
}
ADMIN_WRITE = {**ADMIN_VIEW, "viewer": 403}
SUPERUSER_ONLY = {**ADMIN_VIEW, "viewer": 403, "editor": 403}

EXPECTED = {
    "home": PUBLIC,
    "directory": PUBLIC,
    "profile": PUBLIC,
    "event": PUBLIC,
    "apply": PUBLIC,
    # signed in, the login page sends you on to your area
    "login": {**dict.fromkeys(ROLES, 302), "anonymous": 200},
    "api list": PUBLIC,
    "api detail": PUBLIC,
    "account": ACCOUNT,
    "account profile": COMPANY,
    "account products": COMPANY,
    "account product edit": COMPANY,
    "account representatives": COMPANY,
    "account booths": COMPANY,
    "account meetings": COMPANY,
    "admin index (dashboard)": ADMIN_VIEW,
    "admin exhibitors": ADMIN_VIEW,
    "admin exhibitor change": ADMIN_VIEW,
    "admin import": ADMIN_WRITE,
    "admin approve": ADMIN_WRITE,
    "admin floor plan": ADMIN_WRITE,  # an assigning tool: change permission
    "admin matching grid": ADMIN_VIEW,
    "admin users": SUPERUSER_ONLY,
}


def test_who_gets_what(client, public_fair, people):
    application = make_application(fair=public_fair["fair"], email_confirmed_at=timezone.now())
    table = urls(public_fair, application)
    assert set(table) == set(EXPECTED)
    got = {}
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        for name, url in table.items():
            response = client.get(url)
            got[(name, role)] = response.status_code
            if response.status_code == 302 and name != "login":
                login = "/admin/login/" if name.startswith("admin") else reverse("account:login")
                assert response["Location"].startswith(login), (name, role, response["Location"])
    expected = {(name, role): EXPECTED[name][role] for name in table for role in ROLES}
    assert {k: (v, expected[k]) for k, v in got.items() if v != expected[k]} == {}


def test_api_write_needs_no_account_but_cannot_touch_private_data(client, public_fair, people):
    """The API is read-only for everyone: a write is refused whoever asks."""
    exhibitor = public_fair["exhibitor"]
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        response = client.patch(
            f"/api/v1/exhibitors/{exhibitor.slug}/",
            {"name_vi": "Bị đổi"},
            content_type="application/json",
        )
        assert response.status_code in (403, 405), role
    exhibitor.refresh_from_db()
    assert exhibitor.name_vi != "Bị đổi"
    assert BoothApplication.objects.count() == 0
