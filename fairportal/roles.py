"""The board's roles as Django groups.

- Editors, "Ban tổ chức – biên tập (Board editors)", change everything of the fair
  (exhibitors, events, booths apps, by app label, so models added later are covered)
  and read the audit log; they do not manage users, groups or settings.
- Viewers, "Ban tổ chức – chỉ xem (Board viewers)", only look: view permissions of
  the same apps and the audit log.

A group's name is data, shown as it is in both languages of the admin: Vietnamese
first, the English in brackets. The groups first had English names only; they are
renamed (migration fairportal 0004, and `setup_roles`) unless the board already made
groups of the new names.

Applied by the data migration fairportal 0002, after every `migrate` (for the
models it brings) and by `manage.py setup_roles`. A person also needs `is_staff`
to enter the admin; the superuser stays outside these groups.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

EDITORS = "Ban tổ chức – biên tập (Board editors)"
VIEWERS = "Ban tổ chức – chỉ xem (Board viewers)"
# The names the groups were created with, before the Vietnamese came first.
FORMER_NAMES = {"Board editors": EDITORS, "Board viewers": VIEWERS}
BOARD_APPS = ("exhibitors", "events", "booths")
AUDIT_VIEW = ("fairportal", "view_auditentry")


def apply_roles(*, apps=global_apps, app_labels=None, using=DEFAULT_DB_ALIAS) -> dict:
    """Create both groups if needed and add the permissions of `app_labels` (all by default).

    Returns {group name: number of permissions it holds}.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    labels = set(app_labels or (*BOARD_APPS, "fairportal"))
    rename_former_groups(apps=apps, using=using)
    editors, _ = Group.objects.using(using).get_or_create(name=EDITORS)
    viewers, _ = Group.objects.using(using).get_or_create(name=VIEWERS)

    permissions = Permission.objects.using(using).filter(content_type__app_label__in=labels)
    board = Q(content_type__app_label__in=BOARD_APPS)
    audit = Q(content_type__app_label=AUDIT_VIEW[0], codename=AUDIT_VIEW[1])
    editors.permissions.add(*permissions.filter(board | audit))
    viewers.permissions.add(*permissions.filter((board & Q(codename__startswith="view_")) | audit))
    return {group.name: group.permissions.count() for group in (editors, viewers)}


def rename_former_groups(*, apps=global_apps, using=DEFAULT_DB_ALIAS, back=False) -> None:
    """Give the groups made under their former English names the current ones (or,
    `back`, the former ones again), keeping their members and permissions."""
    Group = apps.get_model("auth", "Group")
    groups = Group.objects.using(using)
    for former, current in FORMER_NAMES.items():
        old, new = (current, former) if back else (former, current)
        if not groups.filter(name=new).exists():
            groups.filter(name=old).update(name=new)


def create_all_permissions(*, apps=global_apps, using=DEFAULT_DB_ALIAS) -> None:
    """Permissions are normally made after `migrate`; make them now (idempotent)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        stub = getattr(app_config, "models_module", None) is None
        if stub:
            app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        if stub:
            app_config.models_module = None


def roles_after_migrate(sender, app_config=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: give the groups the permissions of new models of the board's apps.

    Also runs after the test runner's flush, so groups come back in transactional tests.
    """
    if app_config is None or app_config.label not in (*BOARD_APPS, "fairportal"):
        return
    from django.contrib.auth.management import create_permissions

    create_permissions(app_config, verbosity=0, using=using)
    apply_roles(app_labels=[app_config.label], using=using)
