"""A person's data on request (Decree 13/2023/NĐ-CP): everything held under one e-mail
address, exported as JSON or erased.

Erasure keeps the counters right by going through the events services: a live
registration is cancelled first (a confirmed seat is freed and the waitlist promoted),
an accepted meeting is cancelled (its slot is free again); then those rows are deleted.
Booth applications are kept for the fair's records, with the contact replaced; a user
account is deactivated and its e-mail and names replaced. The audit log records that
a request was handled and how many rows it touched, never the address itself.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from booths.models import BoothApplication
from events import services as event_services
from events.models import EventRegistration, MeetingRequest
from fairportal.audit import record
from fairportal.models import AuditEntry

ERASED = "[đã xoá]"

REGISTRATION_FIELDS = (
    "id",
    "name",
    "email",
    "phone",
    "zalo",
    "organisation",
    "job_title",
    "language",
    "status",
    "consent_at",
    "attended_at",
    "cancelled_at",
    "created_at",
)
MEETING_FIELDS = (
    "id",
    "requester_name",
    "requester_company",
    "requester_country",
    "requester_email",
    "requester_phone",
    "requester_zalo",
    "message",
    "proposed_slots",
    "slot_start",
    "table_number",
    "status",
    "language",
    "consent_at",
    "created_at",
)
APPLICATION_FIELDS = (
    "id",
    "reference",
    "legal_name",
    "trading_name_vi",
    "tax_code",
    "contact_name",
    "contact_title",
    "email",
    "phone",
    "status",
    "language",
    "consent_at",
    "created_at",
)
USER_FIELDS = ("id", "username", "email", "first_name", "last_name", "is_active", "date_joined")


def normalise(email: str) -> str:
    return (email or "").strip().lower()


def _registrations(email):
    return EventRegistration.objects.filter(email__iexact=email).select_related("event")


def _meetings(email):
    return MeetingRequest.objects.filter(requester_email__iexact=email).select_related(
        "session", "exhibitor"
    )


def _applications(email):
    return BoothApplication.objects.filter(email__iexact=email).select_related("fair")


def _users(email):
    return get_user_model().objects.filter(email__iexact=email)


def _plain(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return value


def _row(obj, fields, **extra) -> dict:
    return {**{name: _plain(getattr(obj, name)) for name in fields}, **extra}


def collect(email: str) -> dict:
    """Everything held about `email`, as JSON-ready data."""
    email = normalise(email)
    return {
        "email": email,
        "registrations": [
            _row(r, REGISTRATION_FIELDS, event=r.event.title_vi)
            for r in _registrations(email).order_by("created_at", "id")
        ],
        "meeting_requests": [
            _row(m, MEETING_FIELDS, session=m.session.title_vi, exhibitor=m.exhibitor.name_vi)
            for m in _meetings(email).order_by("created_at", "id")
        ],
        "booth_applications": [
            _row(a, APPLICATION_FIELDS, fair=a.fair.name_vi)
            for a in _applications(email).order_by("created_at", "id")
        ],
        "user_accounts": [_row(u, USER_FIELDS) for u in _users(email).order_by("id")],
    }


def counts(data: dict) -> dict:
    return {key: len(value) for key, value in data.items() if isinstance(value, list)}


def held(email: str) -> dict:
    """How much the portal holds of `email`, by kind, as `erase` will treat it: its rows,
    and the audit entries naming it (scrubbed even when no row is left)."""
    found = counts(collect(email))
    found["audit_entries"] = audit_mentions(email).count()
    return found


def erased_message(done: dict) -> str:
    """What `erase` did, in the board's words (the admin page and the command)."""
    return gettext(
        "Đã xoá dữ liệu: %(registrations)s đăng ký, %(meetings)s yêu cầu gặp gỡ, "
        "%(applications)s hồ sơ gian hàng ẩn danh, %(users)s tài khoản khoá, "
        "%(audit)s mục nhật ký xoá địa chỉ."
    ) % {
        "registrations": done["registrations"],
        "meetings": done["meeting_requests"],
        "applications": done["booth_applications"],
        "users": done["user_accounts"],
        "audit": done["audit_entries"],
    }


def export(*, email: str, actor) -> dict:
    """The data of `email`; the export itself is audited (counts only)."""
    data = collect(email)
    record(action="personal_data.exported", actor=actor, changes=counts(data))
    return data


def erase(*, email: str, actor) -> dict:
    """Erase what is held about `email`; returns how many rows of each kind were touched.

    Side effects: registrations cancelled through the events services (seats freed,
    waitlist promoted and mailed) then deleted; accepted meetings cancelled (their
    exhibitors mailed) then all the person's meeting requests deleted; applications'
    contact replaced; accounts deactivated with e-mail and names replaced; audit
    entries naming the address scrubbed; one audit entry "personal_data.erased".
    """
    email = normalise(email)
    if not email:
        return {}
    with transaction.atomic():
        # As the board was told before it confirmed (`held`): the log's own entries of
        # this erasure's cancellations are scrubbed too, not counted.
        audit_entries = audit_mentions(email).count()
        # In the events' order: each cancellation takes its event's row, and two
        # erasures taking the same events in two orders would deadlock.
        registrations = list(_registrations(email).order_by("event_id", "pk"))
        for registration in registrations:
            if registration.status in EventRegistration.LIVE:
                try:
                    event_services.cancel_registration(
                        registration=registration, actor=actor, tell_visitor=False
                    )
                except event_services.EventsError as error:
                    if error.code != "already_cancelled":  # by the board, meanwhile
                        raise
        meetings = list(_meetings(email).order_by("pk"))
        for meeting in meetings:
            if meeting.status == MeetingRequest.Status.ACCEPTED:
                # The exhibitor is told the table is free; the person, who asked to
                # be forgotten, is not mailed a "you cancelled".
                event_services.cancel_meeting(meeting=meeting, actor=actor, by_requester=False)
        touched_objects = [*registrations, *meetings]
        EventRegistration.objects.filter(pk__in=[r.pk for r in registrations]).delete()
        MeetingRequest.objects.filter(pk__in=[m.pk for m in meetings]).delete()
        applications = list(_applications(email).select_for_update().order_by("pk"))
        for application in applications:
            application.contact_name = ERASED
            application.contact_title = ""
            application.email = f"erased-application-{application.pk}@invalid.example"
            application.phone = ""
            application.save(
                update_fields=["contact_name", "contact_title", "email", "phone", "updated_at"]
            )
        users = list(_users(email).order_by("pk"))
        for user in users:
            user.is_active = False
            user.email = f"erased-user-{user.pk}@invalid.example"
            if "@" in user.username:
                user.username = f"erased-user-{user.pk}"
            user.first_name = ""
            user.last_name = ""
            user.set_unusable_password()
            user.save()
        _scrub_audit(email, touched_objects)
        result = {
            "registrations": len(registrations),
            "meeting_requests": len(meetings),
            "booth_applications": len(applications),
            "user_accounts": len(users),
            "audit_entries": audit_entries,
        }
        record(action="personal_data.erased", actor=actor, changes=result)
    return result


def audit_mentions(email: str):
    """The audit entries naming the address (as the one who acted, or in what they
    acted on, as a registration's "Name <e-mail>"): erase scrubs them."""
    email = normalise(email)
    return AuditEntry.objects.filter(Q(actor_label__iexact=email) | Q(object_repr__icontains=email))


def _scrub_audit(email: str, deleted_objects) -> None:
    """The audit log keeps what happened, not who: drop the address and deleted rows' names."""
    AuditEntry.objects.filter(actor_label__iexact=email).update(actor_label=ERASED)
    by_object = Q(pk__in=[])
    for obj in deleted_objects:
        by_object |= Q(
            content_type__app_label=obj._meta.app_label,
            content_type__model=obj._meta.model_name,
            object_id=str(obj.pk),
        )
    AuditEntry.objects.filter(by_object | Q(object_repr__icontains=email)).update(
        object_repr=ERASED
    )
