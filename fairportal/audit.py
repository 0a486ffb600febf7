"""Recording state changes: every service calls `record()` inside its transaction."""

from django.contrib.contenttypes.models import ContentType

from fairportal.models import AuditEntry


def record(*, action: str, obj=None, actor=None, actor_label: str = "", changes=None):
    """Write one audit entry (`action` is dotted: "booth.assigned", "registration.created")."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=actor_label or (user.get_username() if user else ""),
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        changes=changes or {},
    )
