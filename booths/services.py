"""Writes with rules on the floor: applications, decisions, booth assignments, staff.

Booths are scarce: every assignment is ONE conditional UPDATE per booth, booths taken
in code order, inside the deciding transaction. Zero rows updated means somebody else
holds the booth; the domain error names it and the transaction rolls back. The
database decides, not a Python check (see tests/booths/test_concurrency.py).
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from booths.models import (
    Booth,
    BoothApplication,
    ExhibitorStaff,
    booth_on_plan_url,
    fascia_from_name,
)
from booths.selectors import (
    applicant_access,
    booth_bill,
    company_on_portal,
    holds_booth,
    next_steps,
)
from booths.signals import refresh_exhibitors_search
from events.selectors import current_fair, exhibitor_recipients
from exhibitors.access import signs_in
from exhibitors.images import reencode_image
from exhibitors.models import Exhibitor
from exhibitors.services import add_representative, tell_representative
from fairportal import clock
from fairportal.audit import record
from fairportal.cache import public_data_changed
from fairportal.mail import send_on_commit
from fairportal.text import fold
from fairportal.tokens import new_token

CONFIRMATION_HOURS = 48
# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a reference is read out over the phone.
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


class BoothError(Exception):
    """A rule of the floor said no; `message` is translated and shown to the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class BoothTaken(BoothError):
    def __init__(self, booth: Booth, holder: Exhibitor | None = None):
        self.booth = booth
        self.holder = holder
        if holder is not None:
            message = gettext("Gian %(code)s đã được giao cho %(holder)s.") % {
                "code": booth.code,
                "holder": holder.name,
            }
        elif booth.is_blocked:
            message = gettext("Gian %(code)s do Ban Quản lý giữ lại.") % {"code": booth.code}
        else:
            message = gettext("Gian %(code)s không còn trống.") % {"code": booth.code}
        super().__init__(message)


class DuplicateApplication(BoothError):
    pass


def new_reference(fair) -> str:
    suffix = "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(4))
    return f"HC{fair.starts_on.year}-{suffix}"


def application_url(token: str, language: str) -> str:
    with translation.override(language):
        path = reverse("booths:application", kwargs={"token": token})
    return settings.PORTAL_BASE_URL + path


def _admin_url(obj) -> str:
    # The board's mail is in Vietnamese: its links open the Vietnamese admin, not the
    # /en/ one of an applicant who confirmed on an English page.
    opts = obj._meta
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return settings.PORTAL_BASE_URL + path


# --- Applying ---------------------------------------------------------------------

# What the company types on the application form and the application keeps as typed
# (besides its zone, sectors, preferred booths and logo).
APPLICATION_FIELDS = (
    "legal_name",
    "trading_name_vi",
    "trading_name_en",
    "tax_code",
    "address",
    "origin_country",
    "contact_name",
    "contact_title",
    "email",
    "phone",
    "website",
    "product_summary",
    "booth_kind",
    "booth_count",
    "fascia_name",
    "message",
)


def submit_application(*, fair, data: dict, logo=None, language: str = "vi"):
    """Store a new (unconfirmed) application; return (application, token).

    Side effects: the logo re-encoded under a generated name, `application.submitted`
    recorded, an e-mail with the secret status link sent to the applicant on commit.
    """
    preferred = list(data.get("preferred_booths") or [])
    sectors = list(data.get("sectors") or [])
    fields = {key: data[key] for key in (*APPLICATION_FIELDS, "zone") if key in data}
    now = timezone.now()
    with transaction.atomic():
        free = set(
            Booth.objects.filter(
                pk__in=[b.pk for b in preferred],
                fair=fair,
                exhibitor__isnull=True,
                is_blocked=False,
            ).values_list("pk", flat=True)
        )
        for booth in sorted(preferred, key=lambda b: b.code):
            if booth.pk not in free:
                raise BoothTaken(booth, booth.exhibitor if booth.exhibitor_id else None)
        token, digest = new_token()
        application = BoothApplication(
            fair=fair,
            token_hash=digest,
            consent_at=now,
            expires_at=now + datetime.timedelta(hours=CONFIRMATION_HOURS),
            language=language,
            **fields,
        )
        if logo:
            full, _thumb = reencode_image(logo, prefix="application")
            application.logo.save(full.name, full, save=False)
        for _attempt in range(10):
            application.reference = new_reference(fair)
            try:
                with transaction.atomic():
                    application.save()
                break
            except IntegrityError:
                if not BoothApplication.objects.filter(reference=application.reference).exists():
                    raise
        else:  # pragma: no cover - 25**4 references per year
            raise BoothError(_("Không tạo được mã hồ sơ. Vui lòng thử lại."))
        application.sectors.set(sectors)
        application.preferred_booths.set(preferred)
        record(
            action="application.submitted",
            obj=application,
            actor_label=application.email,
            changes={"preferred": [b.code for b in preferred], "language": language},
        )
        send_on_commit(
            to=[application.email],
            subject=_("Xác nhận hồ sơ đăng ký gian hàng %(reference)s"),
            subject_params={"reference": application.reference},
            body_template="booths/email/application_received.txt",
            context={
                "application": application,
                "url": application_url(token, language),
                "hours": CONFIRMATION_HOURS,
            },
            language=language,
        )
    return application, token


def is_expired(application, *, now=None) -> bool:
    now = now or timezone.now()
    return (
        application.status == BoothApplication.Status.SUBMITTED
        and application.email_confirmed_at is None
        and application.expires_at is not None
        and application.expires_at <= now
    )


def confirm_application(*, application):
    """The applicant opened the secret link: the e-mail address is confirmed.

    Only then does the application reach the board (e-mail to BOARD_EMAIL on commit;
    it names the company already on the portal with that tax code, if any, and whether
    the applicant's e-mail represents it, as the approve page does).
    Raises DuplicateApplication when the company already has an open, confirmed one
    for this fair (the database rule `application_one_open_per_company`).
    """
    if application.email_confirmed_at is not None:
        return application
    now = timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                updated = BoothApplication.objects.filter(
                    pk=application.pk,
                    status=BoothApplication.Status.SUBMITTED,
                    email_confirmed_at__isnull=True,
                    expires_at__gt=now,
                ).update(email_confirmed_at=now, updated_at=now)
        except IntegrityError:
            raise DuplicateApplication(
                _(
                    "Doanh nghiệp có mã số thuế %(tax_code)s đã có một hồ sơ đăng ký đang được "
                    "xét cho kỳ hội chợ này. Mỗi doanh nghiệp chỉ có một hồ sơ đang mở; hãy "
                    "dùng liên kết trong e-mail của hồ sơ đó hoặc liên hệ Ban tổ chức."
                )
                % {"tax_code": application.tax_code}
            ) from None
        application.refresh_from_db()
        if not updated:
            return application
        record(action="application.confirmed", obj=application, actor_label=application.email)
        company = company_on_portal(application)
        send_on_commit(
            to=[settings.BOARD_EMAIL],
            subject=_(
                "Hồ sơ đăng ký gian hàng mới: %(reference)s %(name)s (doanh nghiệp đã có trên cổng)"
            )
            if company
            else _("Hồ sơ đăng ký gian hàng mới: %(reference)s %(name)s"),
            subject_params={
                "reference": application.reference,
                "name": application.trading_name_vi,
            },
            body_template="booths/email/board_new_application.txt",
            context={
                "application": application,
                "admin_url": _admin_url(application),
                "company": company,
                "company_admin_url": _admin_url(company.exhibitor) if company else "",
            },
            language=settings.LANGUAGE_CODE,
        )
    return application


def withdraw_application(*, application):
    """The applicant withdraws an open application (submitted or waitlisted)."""
    with transaction.atomic():
        updated = BoothApplication.objects.filter(
            pk=application.pk, status__in=BoothApplication.OPEN
        ).update(status=BoothApplication.Status.WITHDRAWN, updated_at=timezone.now())
        if not updated:
            raise BoothError(_("Hồ sơ này không còn mở nên không rút được."))
        application.refresh_from_db()
        record(action="application.withdrawn", obj=application, actor_label=application.email)
    return application


def expire_applications(*, now=None) -> int:
    """Unconfirmed applications older than 48 hours become expired; returns how many."""
    now = now or timezone.now()
    expired = 0
    with transaction.atomic():
        stale = BoothApplication.objects.filter(
            status=BoothApplication.Status.SUBMITTED,
            email_confirmed_at__isnull=True,
            expires_at__lte=now,
        )
        for application in stale.order_by("pk"):
            updated = BoothApplication.objects.filter(
                pk=application.pk,
                status=BoothApplication.Status.SUBMITTED,
                email_confirmed_at__isnull=True,
            ).update(status=BoothApplication.Status.EXPIRED, updated_at=now)
            if updated:
                expired += 1
                record(
                    action="application.expired", obj=application, actor_label="expire_applications"
                )
    return expired


# --- Booths -----------------------------------------------------------------------


def _holder_of(booth: Booth) -> Booth:
    return Booth.objects.select_related("exhibitor").get(pk=booth.pk)


def _take_booths(*, booths, exhibitor: Exhibitor, fair, now, fascia_name: str = "") -> list[Booth]:
    """One conditional UPDATE per booth, in code order; BoothTaken on the first refusal.
    A free booth has no fascia name: it gets `fascia_name` (or stays without one)."""
    taken = []
    for booth in sorted(booths, key=lambda b: b.code):
        updated = Booth.objects.filter(
            pk=booth.pk, fair=fair, exhibitor__isnull=True, is_blocked=False
        ).update(exhibitor=exhibitor, assigned_at=now, fascia_name=fascia_name, updated_at=now)
        if updated != 1:
            current = _holder_of(booth)
            raise BoothTaken(current, current.exhibitor)
        taken.append(booth)
    public_data_changed()  # update() sends no signal: the plan and directory must refresh
    return taken


def _fascia_of(*, exhibitor: Exhibitor, fair, carried: str = "") -> str:
    """The fascia for a booth the board gives `exhibitor` outside an approval: the one
    it brings from a booth it leaves (`carried`), else the one on its other booths at
    `fair`, else its Vietnamese trading name in capitals, as an approval letters it."""
    if carried:
        return carried
    held = (
        Booth.objects.filter(fair=fair, exhibitor=exhibitor)
        .exclude(fascia_name="")
        .order_by("code")
        .values_list("fascia_name", flat=True)
        .first()
    )
    return held or fascia_from_name(exhibitor.name_vi or exhibitor.name)


def _release(*, booth: Booth, exhibitor: Exhibitor, now) -> None:
    updated = Booth.objects.filter(pk=booth.pk, exhibitor=exhibitor).update(
        exhibitor=None, assigned_at=None, fascia_name="", updated_at=now
    )
    if updated != 1:
        raise BoothError(
            _("Gian %(code)s không còn thuộc %(name)s.")
            % {"code": booth.code, "name": exhibitor.name}
        )
    public_data_changed()


def _unique_slug(name: str) -> str:
    base = slugify(fold(name))[:100] or "doanh-nghiep"
    slug, n = base, 2
    while Exhibitor.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _represents(exhibitor: Exhibitor, email: str) -> bool:
    return exhibitor.members.filter(email__iexact=email).exists()


def _signs_in_for(exhibitor: Exhibitor, email: str) -> bool:
    """The e-mail represents the company and signs in already: it needs no invitation."""
    member = exhibitor.members.filter(email__iexact=email).first()
    return member is not None and signs_in(member)


def _account_signs_in(email: str) -> bool:
    """The e-mail signs in already, as the representative of another company."""
    return any(signs_in(user) for user in get_user_model().objects.filter(email__iexact=email))


def _exhibitor_for(
    application: BoothApplication, *, invite_applicant: bool
) -> tuple[Exhibitor, bool]:
    """The exhibitor with the application's tax code (the fair is annual), or a new one.

    Anybody can apply with a company's tax code: an existing company's profile takes
    the application's names, address, zone, website, logo, description and sectors
    only when the applicant represents it already or the board invites them.
    Otherwise the profile stays as its representatives (or the board) left it.
    """
    tax_code = application.tax_code
    exhibitor = Exhibitor.objects.filter(tax_code=tax_code).first()
    created = exhibitor is None
    if not created and not invite_applicant and not _represents(exhibitor, application.email):
        return exhibitor, False
    if created:
        exhibitor = Exhibitor(
            tax_code=tax_code,
            slug=_unique_slug(application.trading_name_vi),
            is_published=True,
        )
    for name, value in application.profile_values(None if created else exhibitor).items():
        setattr(exhibitor, name, value)
    if created:
        # A new company's own address is written to in the language it applied in; an
        # existing one keeps its own: one applicant's pages say nothing of whoever reads
        # the company's mailbox.
        exhibitor.language = application.language
    # The contact person's own e-mail and phone were given to the board, not for
    # publication (the consent covers the application): the public profile's contacts
    # stay as they were, for the representative to fill in /account/profile/.
    if application.logo:
        with application.logo.open("rb") as source:
            full, thumb = reencode_image(source, prefix="logo")
        exhibitor.logo.save(full.name, full, save=False)
        exhibitor.logo_thumb.save(thumb.name, thumb, save=False)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                exhibitor.save()
            break
        except IntegrityError:
            existing = Exhibitor.objects.filter(tax_code=tax_code).first()
            if existing is not None:
                # Another approval created the company with this tax code at the same
                # moment: the applicant did not create it, so it is theirs only if invited.
                if not invite_applicant:
                    return existing, False
                exhibitor, created = existing, False
                break
            if not Exhibitor.objects.filter(slug=exhibitor.slug).exists():
                # No clash that another slug would solve: let the error be seen and logged.
                raise
            # Another company took the same slug meanwhile.
            exhibitor.slug = f"{exhibitor.slug[:110]}-{secrets.token_hex(2)}"
    else:  # pragma: no cover
        raise BoothError(_("Không tạo được doanh nghiệp. Vui lòng thử lại."))
    exhibitor.sectors.add(*application.sectors.all())
    return exhibitor, created


def approve_application(
    *, application, booths, reviewer, note: str = "", invite_applicant: bool = False
):
    """Approve an open, confirmed application and give it `booths`.

    Side effects, in one transaction: the Exhibitor created (or the one with that tax
    code reused, its profile updated from the application only for an applicant who
    represents it or is invited) with the logo re-encoded, each booth assigned by a conditional UPDATE
    (BoothTaken rolls everything back), the exhibitor's search text refreshed, audit
    entries `application.approved` (saying whether the applicant was invited) and
    `booth.assigned`, and on commit the decision e-mailed and the applicant invited as
    a representative (set-password e-mail) when they become one: for a new company, or
    when the board invites them. A representative who already signs in gets no
    invitation; the decision e-mail links the company area opened on this company
    (through the sign-in page when signed out).

    Anybody can apply with a company's tax code: the applicant's e-mail becomes a
    representative of an existing company (its profile, products and visitors' meeting
    requests) only when the board says so with `invite_applicant`, or when it already
    is one. Otherwise the booths are assigned and the profile stays as it is, for the
    company's representatives to keep.
    """
    booths = list(booths)
    if not booths:
        raise BoothError(_("Chọn ít nhất một gian trống để duyệt hồ sơ."))
    now = timezone.now()
    with transaction.atomic():
        updated = BoothApplication.objects.filter(
            pk=application.pk, status__in=BoothApplication.OPEN, email_confirmed_at__isnull=False
        ).update(
            status=BoothApplication.Status.APPROVED,
            reviewer=reviewer,
            decided_at=now,
            decision_note=note,
            updated_at=now,
        )
        if not updated:
            raise BoothError(
                _("Hồ sơ %(reference)s không còn chờ xét (đã có quyết định hoặc chưa xác nhận).")
                % {"reference": application.reference}
            )
        application.refresh_from_db()
        exhibitor, created = _exhibitor_for(application, invite_applicant=invite_applicant)
        _take_booths(
            booths=booths,
            exhibitor=exhibitor,
            fair=application.fair,
            now=now,
            fascia_name=application.fascia,
        )
        BoothApplication.objects.filter(pk=application.pk).update(exhibitor=exhibitor)
        application.exhibitor = exhibitor
        refresh_exhibitors_search({exhibitor.pk})
        given = sorted(booths, key=lambda b: b.code)
        codes = [b.code for b in given]
        invited = created or invite_applicant or _represents(exhibitor, application.email)
        # Read before the invitation: someone with a password of their own (this
        # company's representative, or another's) signs in already, and a set-password
        # link would only confuse them; the approval mail tells them to sign in.
        member_signs_in = not created and _signs_in_for(exhibitor, application.email)
        signs_in_already = member_signs_in or _account_signs_in(application.email)
        record(
            action="application.approved",
            obj=application,
            actor=reviewer,
            changes={
                "booths": codes,
                # What each booth cost when given, in the order of `booths`: the status
                # page shows the prices the approval mail told, not later ones.
                "prices": [b.price_vnd for b in given],
                "prices_include_vat": [b.price_includes_vat for b in given],
                "exhibitor": exhibitor.pk,
                "new_exhibitor": created,
                "applicant_invited": invited,
                "invitation_sent": invited and not signs_in_already,
            },
        )
        for booth in booths:
            record(
                action="booth.assigned",
                obj=booth,
                actor=reviewer,
                changes={"exhibitor": exhibitor.pk, "application": application.reference},
            )
        representative = None
        if invited and not member_signs_in:
            representative = add_representative(
                exhibitor=exhibitor,
                email=application.email,
                full_name=application.contact_name,
                invited_by=reviewer,
                language=application.language,
            )
        # The decision first, then the invitation it announces ("you will receive a
        # separate e-mail to set a password"): on-commit mails leave in this order.
        send_on_commit(
            to=[application.email],
            subject=_("Hồ sơ %(reference)s đã được duyệt"),
            subject_params={"reference": application.reference},
            body_template="booths/email/application_approved.txt",
            context={
                "application": application,
                "bill": booth_bill(sorted(booths, key=lambda b: b.code)),
                "steps": next_steps(fair=application.fair, approved_on=timezone.localdate(now)),
                "fair": application.fair,
                "exhibitor": exhibitor,
                # As the status page reads it: from the members, after the invitation.
                "access": applicant_access(application),
                "invitation_sent": invited and not signs_in_already,
                "board_email": settings.BOARD_EMAIL,
            },
            language=application.language,
            reply_to=[settings.BOARD_EMAIL],
        )
        if representative is not None and not signs_in_already:
            tell_representative(
                exhibitor=exhibitor, user=representative, language=application.language
            )
    return application


def _decide(*, application, reviewer, status, from_statuses, note, action, template, subject):
    now = timezone.now()
    with transaction.atomic():
        updated = BoothApplication.objects.filter(
            pk=application.pk, status__in=from_statuses, email_confirmed_at__isnull=False
        ).update(
            status=status, reviewer=reviewer, decided_at=now, decision_note=note, updated_at=now
        )
        if not updated:
            raise BoothError(
                _("Hồ sơ %(reference)s không ở trạng thái cho phép quyết định này.")
                % {"reference": application.reference}
            )
        application.refresh_from_db()
        record(action=action, obj=application, actor=reviewer, changes={"note": note})
        send_on_commit(
            to=[application.email],
            subject=subject,
            subject_params={"reference": application.reference},
            body_template=template,
            context={"application": application},
            language=application.language,
        )
    return application


def reject_application(*, application, reviewer, reason: str):
    """Reject an open application with a reason; the reason is e-mailed to the applicant."""
    if not (reason or "").strip():
        raise BoothError(_("Hãy ghi lý do từ chối."))
    return _decide(
        application=application,
        reviewer=reviewer,
        status=BoothApplication.Status.REJECTED,
        from_statuses=BoothApplication.OPEN,
        note=reason.strip(),
        action="application.rejected",
        template="booths/email/application_rejected.txt",
        subject=_("Hồ sơ %(reference)s không được duyệt"),
    )


def waitlist_application(*, application, reviewer, note: str = ""):
    """Put a submitted application on the waiting list (it stays open)."""
    return _decide(
        application=application,
        reviewer=reviewer,
        status=BoothApplication.Status.WAITLISTED,
        from_statuses=[BoothApplication.Status.SUBMITTED],
        note=note,
        action="application.waitlisted",
        template="booths/email/application_waitlisted.txt",
        subject=_("Hồ sơ %(reference)s được đưa vào danh sách chờ"),
    )


def _codes_held(exhibitor_id: int, fair) -> list[str]:
    return sorted(
        Booth.objects.filter(fair=fair, exhibitor_id=exhibitor_id).values_list("code", flat=True)
    )


def _tell_of_booth_change(*, exhibitor_id: int, fair, before: list[str]) -> None:
    """The board changed a company's booths: on commit, the company's addresses hear
    which booths it held and which it holds now, where they are, and that the new
    booths carry the fascia name the company uses. Nothing for a fair that is over, nor when no booth
    changed. Each address in its language (`exhibitor_recipients`); a reply reaches
    the board."""
    after = _codes_held(exhibitor_id, fair)
    if after == before or fair.ends_on < clock.today():
        return
    exhibitor = Exhibitor.objects.prefetch_related("members").get(pk=exhibitor_id)
    # The public plan and the company area show the current fair: for another one (the
    # next edition laid out early) they would show other booths under the same codes.
    shown = current_fair()
    links = bool(after) and shown is not None and shown.pk == fair.pk
    new = [code for code in after if code not in before]
    bill = booth_bill(Booth.objects.filter(fair=fair, exhibitor_id=exhibitor_id).order_by("code"))
    for language, to in exhibitor_recipients(exhibitor):
        with translation.override(language):
            plan_url = reverse("booths:floor_plan")
            booths_url = reverse("booths:account_booths")
            # Names in the mail's language (the Vietnamese one where none is given).
            company, fair_name = str(exhibitor.name), str(fair.name)
        send_on_commit(
            to=to,
            subject=_("Gian hàng của %(company)s tại %(fair)s đã thay đổi"),
            subject_params={"company": company, "fair": fair_name},
            body_template="booths/email/booths_changed.txt",
            context={
                "company": company,
                "fair": fair_name,
                "before": before,
                "after": after,
                "bill": bill,
                "plan_link": booth_on_plan_url((new or after)[0], plan_url) if links else "",
                "booths_url": booths_url if links else "",
            },
            language=language,
            reply_to=[settings.BOARD_EMAIL],
        )


def assign_booth(*, booth, exhibitor, actor):
    """Give a free booth to an exhibitor (the board's floor plan); the company is told."""
    now = timezone.now()
    with transaction.atomic():
        before = _codes_held(exhibitor.pk, booth.fair)
        _take_booths(
            booths=[booth],
            exhibitor=exhibitor,
            fair=booth.fair,
            now=now,
            fascia_name=_fascia_of(exhibitor=exhibitor, fair=booth.fair),
        )
        refresh_exhibitors_search({exhibitor.pk})
        record(action="booth.assigned", obj=booth, actor=actor, changes={"exhibitor": exhibitor.pk})
        _tell_of_booth_change(exhibitor_id=exhibitor.pk, fair=booth.fair, before=before)


def release_booth(*, booth, actor):
    """The booth becomes free again (its fascia name goes with its holder); the company
    that held it is told."""
    if not release_booths(booths=[booth], actor=actor):
        raise BoothError(_("Gian %(code)s đang trống.") % {"code": booth.code})


def release_booths(*, booths, actor) -> list[Booth]:
    """Free the held booths among `booths` in one transaction, in code order; returns
    those freed (a booth already free is passed over). Side effects: `booth.released`
    audit entries, the holders' search text refreshed, and on commit one mail per
    company that held some, with all its booths before and after, not one per booth
    with the states in between (the board's "free the selected booths")."""
    now = timezone.now()
    freed = []
    with transaction.atomic():
        before = {}  # (exhibitor id, fair id) -> (fair, codes held before)
        for booth in sorted(booths, key=lambda b: (b.code, b.pk)):
            current = _holder_of(booth)
            if current.exhibitor is None:
                continue
            key = (current.exhibitor_id, current.fair_id)
            if key not in before:
                before[key] = (current.fair, _codes_held(current.exhibitor_id, current.fair))
            _release(booth=current, exhibitor=current.exhibitor, now=now)
            record(
                action="booth.released",
                obj=booth,
                actor=actor,
                changes={"exhibitor": current.exhibitor_id},
            )
            freed.append(booth)
        if before:
            refresh_exhibitors_search({exhibitor_id for exhibitor_id, _fair in before})
        for (exhibitor_id, _fair_id), (fair, codes) in before.items():
            _tell_of_booth_change(exhibitor_id=exhibitor_id, fair=fair, before=codes)
    return freed


def move_exhibitor(*, exhibitor, from_booths, to_booths, actor):
    """Move an exhibitor from some of its booths to other free booths, all or nothing;
    the company is told."""
    from_booths, to_booths = list(from_booths), list(to_booths)
    if not from_booths or not to_booths:
        raise BoothError(_("Chọn gian hiện tại và gian mới."))
    fair = from_booths[0].fair
    now = timezone.now()
    with transaction.atomic():
        before = _codes_held(exhibitor.pk, fair)
        left = Booth.objects.filter(pk__in=[b.pk for b in from_booths], exhibitor=exhibitor)
        carried = (
            left.exclude(fascia_name="").order_by("code").values_list("fascia_name", flat=True)
        )
        fascia = _fascia_of(exhibitor=exhibitor, fair=fair, carried=carried.first() or "")
        for booth in sorted(from_booths, key=lambda b: b.code):
            _release(booth=booth, exhibitor=exhibitor, now=now)
        _take_booths(booths=to_booths, exhibitor=exhibitor, fair=fair, now=now, fascia_name=fascia)
        refresh_exhibitors_search({exhibitor.pk})
        record(
            action="booth.moved",
            obj=exhibitor,
            actor=actor,
            changes={
                "from": sorted(b.code for b in from_booths),
                "to": sorted(b.code for b in to_booths),
            },
        )
        _tell_of_booth_change(exhibitor_id=exhibitor.pk, fair=fair, before=before)


def swap_booths(*, booth_a, booth_b, actor):
    """Two exhibitors exchange their booths; each UPDATE checks who holds the booth.
    Both companies are told."""
    first, second = sorted([booth_a, booth_b], key=lambda b: b.code)
    now = timezone.now()
    with transaction.atomic():
        first, second = _holder_of(first), _holder_of(second)
        if first.fair_id != second.fair_id:
            raise BoothError(_("Hai gian phải cùng một kỳ hội chợ."))
        if not first.exhibitor_id or not second.exhibitor_id:
            raise BoothError(_("Chỉ đổi được hai gian đều đã có doanh nghiệp."))
        if first.exhibitor_id == second.exhibitor_id:
            raise BoothError(_("Hai gian thuộc cùng một doanh nghiệp."))
        holders = (first.exhibitor_id, second.exhibitor_id)
        before = {holder: _codes_held(holder, first.fair) for holder in holders}
        # Each company takes the other's booth with the fascia of the booth it leaves.
        for booth, holder, newcomer, fascia in (
            (first, first.exhibitor_id, second.exhibitor, second.fascia_name),
            (second, second.exhibitor_id, first.exhibitor, first.fascia_name),
        ):
            updated = Booth.objects.filter(pk=booth.pk, exhibitor_id=holder).update(
                exhibitor=newcomer,
                assigned_at=now,
                fascia_name=_fascia_of(exhibitor=newcomer, fair=first.fair, carried=fascia),
                updated_at=now,
            )
            if updated != 1:
                raise BoothTaken(_holder_of(booth), None)
        public_data_changed()
        refresh_exhibitors_search({first.exhibitor_id, second.exhibitor_id})
        record(
            action="booth.swapped",
            obj=first,
            actor=actor,
            changes={
                first.code: [first.exhibitor_id, second.exhibitor_id],
                second.code: [second.exhibitor_id, first.exhibitor_id],
            },
        )
        for holder in holders:
            _tell_of_booth_change(exhibitor_id=holder, fair=first.fair, before=before[holder])


# --- Exhibitor self-service -------------------------------------------------------


def set_fascia_name(*, booth, exhibitor, fascia_name: str, actor):
    with transaction.atomic():
        updated = Booth.objects.filter(pk=booth.pk, exhibitor=exhibitor).update(
            fascia_name=fascia_name.strip(), updated_at=timezone.now()
        )
        if not updated:
            raise BoothError(_("Gian này không thuộc doanh nghiệp của bạn."))
        public_data_changed()
        record(
            action="booth.fascia_changed",
            obj=booth,
            actor=actor,
            changes={"fascia_name": fascia_name.strip()},
        )


NO_BOOTH_FOR_BADGES = _(
    "Doanh nghiệp chưa có gian trong kỳ hội chợ này nên chưa đăng ký thẻ trưng bày được. "
    "Khi được giao gian, bạn có thể thêm người tại đây."
)


class NoBoothAtFair(BoothError):
    pass


def add_staff(*, fair, exhibitor, full_name: str, job_title: str, actor) -> ExhibitorStaff:
    """Put a person on the company's badge list for `fair`; refused (NoBoothAtFair) when
    the company holds no booth there: badges are for exhibitors."""
    with transaction.atomic():
        if not holds_booth(fair=fair, exhibitor=exhibitor):
            raise NoBoothAtFair(NO_BOOTH_FOR_BADGES)
        staff = ExhibitorStaff.objects.create(
            fair=fair, exhibitor=exhibitor, full_name=full_name.strip(), job_title=job_title.strip()
        )
        record(action="staff.added", obj=staff, actor=actor, changes={"exhibitor": exhibitor.pk})
    return staff


def remove_staff(*, staff, actor):
    with transaction.atomic():
        record(
            action="staff.removed",
            obj=staff,
            actor=actor,
            changes={"exhibitor": staff.exhibitor_id, "full_name": staff.full_name},
        )
        staff.delete()
