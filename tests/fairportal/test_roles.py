"""Board roles: viewers change nothing, editors change the fair's data but not users."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from exhibitors.models import Exhibitor
from fairportal.roles import EDITORS, VIEWERS
from tests.factories import (
    make_exhibitor,
    make_fair,
    make_product,
    make_sector,
    make_user,
    make_zone,
)

pytestmark = pytest.mark.django_db


def test_roles_exist_after_migrations_with_permissions_by_app():
    editors = Group.objects.get(name=EDITORS)
    viewers = Group.objects.get(name=VIEWERS)

    editor_perms = set(editors.permissions.values_list("content_type__app_label", "codename"))
    viewer_perms = set(viewers.permissions.values_list("content_type__app_label", "codename"))

    assert ("booths", "change_booth") in editor_perms
    assert ("events", "delete_sideevent") in editor_perms
    assert ("exhibitors", "add_exhibitor") in editor_perms
    assert ("fairportal", "view_auditentry") in editor_perms
    assert not {perm for perm in editor_perms if perm[0] in {"auth", "fairportal"}} - {
        ("fairportal", "view_auditentry")
    }
    assert viewer_perms == {perm for perm in editor_perms if perm[1].startswith("view_")}


def test_groups_made_under_their_english_names_are_renamed_with_members_and_rights(
    django_user_model,
):
    # A database from before the Vietnamese names: the groups held the English ones.
    Group.objects.get(name=EDITORS).delete()
    old = Group.objects.get(name=VIEWERS)
    old.name = "Board viewers"
    old.save()
    member = django_user_model.objects.create_user("xem", "xem@example.vn", "mat-khau-dai-123")
    member.groups.add(old)

    call_command("setup_roles", stdout=open("/dev/null", "w"))

    viewers = Group.objects.get(name="Ban tổ chức – chỉ xem (Board viewers)")
    assert viewers.pk == old.pk
    assert list(viewers.user_set.all()) == [member]
    assert Group.objects.filter(name="Ban tổ chức – biên tập (Board editors)").exists()
    assert not Group.objects.filter(name__in=["Board viewers", "Board editors"]).exists()


def test_setup_roles_restores_removed_permissions():
    editors = Group.objects.get(name=EDITORS)
    editors.permissions.clear()

    call_command("setup_roles", stdout=open("/dev/null", "w"))

    assert editors.permissions.filter(codename="change_exhibitor").exists()


@pytest.mark.parametrize(
    "url_name, make",
    [
        ("admin:exhibitors_exhibitor_change", lambda: make_exhibitor()),
        ("admin:exhibitors_product_change", lambda: make_product()),
        ("admin:exhibitors_sector_change", lambda: make_sector()),
        ("admin:exhibitors_industrialzone_change", lambda: make_zone()),
        ("admin:events_fair_change", lambda: make_fair()),
    ],
)
def test_viewer_post_to_change_page_is_forbidden(client, viewer, url_name, make):
    obj = make()
    client.force_login(viewer)

    view = client.get(reverse(url_name, args=[obj.pk]))
    post = client.post(reverse(url_name, args=[obj.pk]), {"slug": "doi-ten"})

    assert view.status_code == 200
    assert post.status_code == 403


def test_viewer_cannot_add_or_delete(client, viewer):
    exhibitor = make_exhibitor()
    client.force_login(viewer)

    add = client.post(reverse("admin:exhibitors_exhibitor_add"), {"name_vi": "Mới"})
    delete = client.post(
        reverse("admin:exhibitors_exhibitor_delete", args=[exhibitor.pk]), {"post": "yes"}
    )

    assert add.status_code == 403
    assert delete.status_code == 403
    assert Exhibitor.objects.filter(pk=exhibitor.pk).exists()


def test_viewer_cannot_run_the_import(client, viewer):
    client.force_login(viewer)

    response = client.get(reverse("admin:exhibitors_exhibitor_import"))

    assert response.status_code == 403


def test_editor_changes_an_exhibitor(client, editor):
    exhibitor = make_exhibitor(name_vi="Tên cũ")
    client.force_login(editor)
    url = reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])
    data = {
        "name_vi": "Tên mới",
        "name_en": "New name",
        "legal_name": exhibitor.legal_name,
        "slug": exhibitor.slug,
        "tax_code": exhibitor.tax_code,
        "origin_country": "VN",
        "language": "vi",
        "is_published": "on",
        "products-TOTAL_FORMS": "0",
        "products-INITIAL_FORMS": "0",
    }

    response = client.post(url, data)

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert exhibitor.name_vi == "Tên mới"


@pytest.mark.parametrize(
    "url", ["/admin/fairportal/user/", "/admin/fairportal/user/add/", "/admin/auth/group/"]
)
def test_editor_cannot_manage_users_or_groups(client, editor, url):
    client.force_login(editor)

    response = client.get(url)

    assert response.status_code == 403


def test_editor_cannot_change_the_audit_log(client, editor):
    client.force_login(editor)

    listing = client.get("/admin/fairportal/auditentry/")
    add = client.get("/admin/fairportal/auditentry/add/")

    assert listing.status_code == 200
    assert add.status_code == 403


@pytest.mark.django_db(transaction=True)
def test_roles_come_back_after_a_flush(board_groups):
    # board_groups re-applies the roles; a flushed database had none.
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, VIEWERS}


def _user_form(user, **changes):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "date_joined_0": "01/09/2026",
        "date_joined_1": "08:00",
        "last_login_0": "",
        "last_login_1": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        (
            "",
            "lan.nguyen thuộc nhóm “Ban tổ chức – chỉ xem (Board viewers)” nhưng chưa có "
            "“Tình trạng nhân viên”: người này chưa vào được trang quản trị. Hãy đánh dấu ô đó.",
        ),
        (
            "/en",
            "lan.nguyen is in the group “Ban tổ chức – chỉ xem (Board viewers)” but is not "
            "“Staff status”: they cannot enter the admin yet. Tick that box.",
        ),
    ],
)
def test_board_member_put_in_a_group_without_staff_status_is_warned(
    client, superuser, board_groups, prefix, said
):
    _editors, viewers = board_groups
    member = make_user(username="lan.nguyen", is_staff=False)
    client.force_login(superuser)

    response = client.post(
        f"{prefix}/admin/fairportal/user/{member.pk}/change/",
        _user_form(member, groups=[viewers.pk]),
        follow=True,
    )

    assert ("warning", said) in [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert list(member.groups.all()) == [viewers]


def test_board_member_with_staff_status_in_a_group_is_not_warned(client, superuser, board_groups):
    _editors, viewers = board_groups
    member = make_user(username="lan.nguyen", is_staff=True)
    client.force_login(superuser)

    response = client.post(
        f"/admin/fairportal/user/{member.pk}/change/",
        _user_form(member, groups=[viewers.pk], is_staff="on"),
        follow=True,
    )

    assert [m.level_tag for m in response.context["messages"]] == ["success"]


@pytest.mark.parametrize("group", ["biên tập", "chỉ xem"])
def test_audit_entry_names_its_actor_without_a_link_to_a_refused_user_page(client, group):
    from fairportal.audit import record
    from fairportal.models import AuditEntry
    from tests.factories import make_fair, make_user

    actor = make_user(is_staff=True, username="tran.minh")
    record(action="fair.imported", obj=make_fair(), actor=actor)
    entry = AuditEntry.objects.get(action="fair.imported")
    member = make_user(is_staff=True)
    member.groups.add(Group.objects.get(name__contains=group))
    client.force_login(member)
    user_url = f"/admin/fairportal/user/{actor.pk}/change/"

    page = client.get(f"/admin/fairportal/auditentry/{entry.pk}/change/").content.decode()

    assert client.get(user_url).status_code == 403
    assert user_url not in page
    assert "tran.minh" in page
