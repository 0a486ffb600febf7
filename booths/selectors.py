"""Reads of the floor shared by the floor plan, the application form and the admin."""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from booths.models import Booth, BoothApplication, EventPlace
from events.models import EventRegistration, MeetingRequest
from exhibitors.access import signs_in
from exhibitors.models import Exhibitor
from fairportal import clock
from fairportal.models import AuditEntry

# Plan units: 10 per metre; a margin around each hall leaves room for the name labels.
PLAN_MARGIN = 10
PLAN_LABEL_ROOM = 34


def fair_booths(fair):
    """Every booth of `fair` with its holder, in code order (one query)."""
    if fair is None:
        return Booth.objects.none()
    return Booth.objects.filter(fair=fair).select_related("exhibitor").order_by("hall", "code")


def event_places(fair):
    """Where the side events of `fair` happen, hall by hall (one query)."""
    if fair is None:
        return EventPlace.objects.none()
    return EventPlace.objects.filter(fair=fair).order_by("hall", "plan_y", "plan_x", "pk")


def holds_booth(*, fair, exhibitor) -> bool:
    """Whether `exhibitor` exhibits at `fair` (holds a booth there): what its badge list
    for that fair needs."""
    return Booth.objects.filter(fair=fair, exhibitor=exhibitor).exists()


def badge_list(queryset):
    """Badge-list entries (ExhibitorStaff) with `holds_booth`: whether the company still
    holds a booth at the entry's fair. An entry is kept when its company's booth is
    released (the board may fix it, or the company get a booth again), but it is no
    badge to print. The companies' booths come prefetched, in code order."""
    return queryset.annotate(
        holds_booth=Exists(
            Booth.objects.filter(fair=OuterRef("fair_id"), exhibitor=OuterRef("exhibitor_id"))
        )
    ).prefetch_related(Prefetch("exhibitor__booths", queryset=Booth.objects.order_by("code")))


def booth_codes(staff) -> str:
    """The codes of the booths the entry's company holds at the entry's fair ("A01, A02");
    on an entry from `badge_list`, without a query."""
    return ", ".join(b.code for b in staff.exhibitor.booths.all() if b.fair_id == staff.fair_id)


def free_booths(fair):
    if fair is None:
        return Booth.objects.none()
    return Booth.objects.filter(fair=fair, exhibitor__isnull=True, is_blocked=False).order_by(
        "code"
    )


@dataclass
class Hall:
    name: str
    booths: list = field(default_factory=list)
    places: list = field(default_factory=list)  # where side events happen (EventPlace)
    width: int = 0
    height: int = 0

    @property
    def view_box(self) -> str:
        return f"{-PLAN_MARGIN} {-PLAN_LABEL_ROOM} {self.width} {self.height}"

    @property
    def pixel_width(self) -> int:
        # Two CSS pixels per plan unit: a 3 m booth is 60 px, its code stays legible.
        return self.width * 2

    @property
    def pixel_height(self) -> int:
        return self.height * 2

    @property
    def counts(self) -> dict:
        counts = {"free": 0, "taken": 0, "kept": 0}
        for booth in self.booths:
            counts[booth.state] += 1
        return counts


def _place_tip(booth, hall) -> None:
    """Size and place the name tip of a booth so that it stays inside the hall's drawing."""
    if booth.exhibitor_id and booth.exhibitor.is_published:
        booth.tip_text = booth.exhibitor.name
    elif booth.exhibitor_id:
        booth.tip_text = booth.code
    else:
        booth.tip_text = ""
    # About 4.6 plan units per character at the tip's 8-unit font.
    booth.tip_w = int(len(booth.tip_text) * 4.6 + 12)
    left = booth.plan_x + booth.plan_w // 2 - booth.tip_w // 2
    right_edge = hall.width - 2 * PLAN_MARGIN
    booth.tip_x = int(max(-PLAN_MARGIN, min(left, right_edge + PLAN_MARGIN - booth.tip_w)))
    booth.tip_text_x = booth.tip_x + booth.tip_w // 2
    booth.tip_text_y = booth.tip_y + 13


# What the plan shows of a booth's holder: its name, profile link and whether it is
# published. The other columns (descriptions, search text, logos…) made most of the
# cost of building 1,100 holders.
_PLAN_HOLDER_FIELDS = ("id", "slug", "is_published", "name_vi", "name_en")


def floor_plan(fair) -> list[Hall]:
    """The booths of `fair` and the places of its side events, grouped by hall, each
    hall sized to hold its drawing."""
    halls: dict[str, Hall] = {}
    booth_fields = [f.attname for f in Booth._meta.concrete_fields]
    booths = fair_booths(fair).only(
        *booth_fields, *(f"exhibitor__{name}" for name in _PLAN_HOLDER_FIELDS)
    )
    for booth in booths:
        hall = halls.setdefault(booth.hall, Hall(name=booth.hall))
        hall.booths.append(booth)
        hall.width = max(hall.width, booth.plan_x + booth.plan_w)
        hall.height = max(hall.height, booth.plan_y + booth.plan_h)
        # Where the name tip goes: above the booth, or below when it is on the top row.
        booth.tip_y = booth.plan_y - 26
        booth.label_x = booth.plan_x + booth.plan_w // 2
        booth.label_y = booth.plan_y + booth.plan_h // 2 + 4
    for place in event_places(fair):
        hall = halls.setdefault(place.hall, Hall(name=place.hall))
        hall.places.append(place)
        hall.width = max(hall.width, place.plan_x + place.plan_w)
        hall.height = max(hall.height, place.plan_y + place.plan_h)
        place.label_x = place.plan_x + place.plan_w // 2
        place.label_y = place.plan_y + place.plan_h // 2 + 4
        # "Phòng hội thảo 1" says what it is; "Hội trường Sen" is labelled a seminar room.
        place.says_kind = str(place.get_kind_display()).lower() in str(place.name).lower()
    for hall in halls.values():
        hall.width += 2 * PLAN_MARGIN
        hall.height += PLAN_MARGIN + PLAN_LABEL_ROOM
        for booth in hall.booths:
            _place_tip(booth, hall)
    return sorted(halls.values(), key=lambda hall: hall.name)


def applications_for_board():
    return BoothApplication.objects.select_related("fair", "zone").prefetch_related(
        "preferred_booths"
    )


def open_confirmed_applications(fair):
    return BoothApplication.objects.filter(
        Q(fair=fair), Q(status__in=BoothApplication.OPEN), Q(email_confirmed_at__isnull=False)
    )


@dataclass(frozen=True)
class ApplicantAccess:
    """Who manages the profile of an approved application's company, as the applicant
    is told in the approval mail and on the status page."""

    invited: bool  # the applicant's e-mail represents the company
    has_representatives: bool  # otherwise: its representatives manage it, or the board
    signs_in: bool = False  # ...and that representative signs in already (no new password)


def applicant_access(application) -> ApplicantAccess | None:
    """Read from the company's members, so the mail and the status page say what the
    data says (None before an approval gave the application a company)."""
    if application.exhibitor_id is None:
        return None
    members = application.exhibitor.members
    applicant = members.filter(email__iexact=application.email).first()
    return ApplicantAccess(
        invited=applicant is not None,
        has_representatives=applicant is not None or members.exists(),
        signs_in=applicant is not None and signs_in(applicant),
    )


@dataclass(frozen=True)
class CompanyOnPortal:
    """The company already on the portal with an application's tax code, as the board
    reads it in the new-application mail and on the application's pages."""

    exhibitor: Exhibitor
    applicant_is_representative: bool


def company_on_portal(application) -> CompanyOnPortal | None:
    """None when approving the application would create a new company."""
    exhibitor = Exhibitor.objects.filter(tax_code=application.tax_code).first()
    if exhibitor is None:
        return None
    return CompanyOnPortal(
        exhibitor=exhibitor,
        applicant_is_representative=exhibitor.members.filter(
            email__iexact=application.email
        ).exists(),
    )


@dataclass
class ProfileUpdate:
    """What approving an application would change in a company's existing profile."""

    exhibitor: Exhibitor
    changes: list = field(default_factory=list)  # (label, now, from the application)
    new_logo: bool = False
    booths_held: list = field(default_factory=list)  # its booth codes in this fair
    representatives: list = field(default_factory=list)  # its users, by e-mail
    applicant_is_representative: bool = False
    applicant_signs_in: bool = False  # a representative who signs in already

    @property
    def invite_is_a_choice(self) -> bool:
        """Whether approving would give the applicant's e-mail a company it does not
        represent yet: the board must say so explicitly (see approve_application)."""
        return not self.applicant_is_representative


def profile_update(application) -> ProfileUpdate | None:
    """The existing company with the application's tax code and what the approval
    would change in its profile (None when the approval creates a new company)."""
    exhibitor = (
        Exhibitor.objects.filter(tax_code=application.tax_code)
        .select_related("zone")
        .prefetch_related("sectors")
        .first()
    )
    if exhibitor is None:
        return None
    update = ProfileUpdate(
        exhibitor=exhibitor,
        new_logo=bool(application.logo),
        booths_held=list(
            Booth.objects.filter(fair_id=application.fair_id, exhibitor=exhibitor)
            .order_by("code")
            .values_list("code", flat=True)
        ),
    )
    update.representatives = list(exhibitor.members.order_by("email"))
    applicant = next(
        (u for u in update.representatives if u.email.lower() == application.email.lower()),
        None,
    )
    update.applicant_is_representative = applicant is not None
    update.applicant_signs_in = applicant is not None and signs_in(applicant)
    for name, value in application.profile_values(exhibitor).items():
        current = getattr(exhibitor, name)
        if (current or "") != (value or ""):
            label = Exhibitor._meta.get_field(name).verbose_name
            update.changes.append((label, current, value))
    sectors = list(exhibitor.sectors.all())
    if added := [s for s in application.sectors.all() if s not in sectors]:
        names = [s.name for s in sectors]
        update.changes.append(
            (_("ngành (thêm vào)"), ", ".join(names), ", ".join([*names, *(s.name for s in added)]))
        )
    return update


@dataclass
class EnglishApplication:
    """What approving an application typed on the English form writes where, for the
    board's decision page: its address and main products go to the profile's English
    texts; the Vietnamese pages need their own."""

    address_to_vietnamese: bool  # the English address also becomes the Vietnamese one
    no_vietnamese_description: bool  # the Vietnamese pages will show no introduction


def english_application(application, exhibitor=None) -> EnglishApplication | None:
    """None for an application typed in Vietnamese; `exhibitor` is the existing
    company with its tax code (None for a new one)."""
    if not application.in_english:
        return None
    return EnglishApplication(
        address_to_vietnamese=application.copies_address_to_vietnamese(exhibitor),
        no_vietnamese_description=bool(application.product_summary)
        and (exhibitor is None or not exhibitor.description_vi),
    )


def undecided_applications():
    """Applications still waiting for the board's decision, whose applicant waits for
    an answer: submitted or on the waiting list, with the e-mail confirmed or still
    within its 48 hours (unconfirmed ones past them count as expired even before the
    hourly job marks them)."""
    return BoothApplication.objects.filter(status__in=BoothApplication.OPEN).filter(
        Q(email_confirmed_at__isnull=False)
        | Q(expires_at__isnull=True)
        | Q(expires_at__gt=timezone.now())
    )


@dataclass
class LiveInFair:
    """What deleting a fair would drop without telling anybody."""

    registrations_ahead: int = 0  # confirmed or waiting, in events not begun yet
    meetings_ahead: int = 0  # pending or accepted, in sessions not begun yet
    registrations_past: int = 0  # the same in events under way or over
    meetings_past: int = 0
    booths: list = field(default_factory=list)  # codes held by a real (not sample) company
    applications: list = field(default_factory=list)  # references of undecided applications

    def __bool__(self) -> bool:
        return any(
            (
                self.registrations_ahead,
                self.meetings_ahead,
                self.registrations_past,
                self.meetings_past,
                self.booths,
                self.applications,
            )
        )


def live_in_fairs(fair_ids) -> dict[int, LiveInFair]:
    """{fair id: LiveInFair} in four queries. Booths held by sample companies (the demo
    fair's) do not count: nobody stands behind them. Unconfirmed applications past
    their 48 hours count as expired even before the hourly job marks them."""
    fair_ids = list(fair_ids)
    live = {pk: LiveInFair() for pk in fair_ids}
    now = clock.now()
    for fair_id, ahead, past in (
        EventRegistration.objects.filter(
            event__fair_id__in=fair_ids, status__in=EventRegistration.LIVE
        )
        .values_list("event__fair_id")
        .annotate(
            ahead=Count("id", filter=Q(event__starts_at__gt=now)),
            past=Count("id", filter=Q(event__starts_at__lte=now)),
        )
        .order_by()
    ):
        live[fair_id].registrations_ahead, live[fair_id].registrations_past = ahead, past
    for fair_id, ahead, past in (
        MeetingRequest.objects.filter(
            session__fair_id__in=fair_ids,
            status__in=[MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED],
        )
        .values_list("session__fair_id")
        .annotate(
            ahead=Count("id", filter=Q(session__starts_at__gt=now)),
            past=Count("id", filter=Q(session__starts_at__lte=now)),
        )
        .order_by()
    ):
        live[fair_id].meetings_ahead, live[fair_id].meetings_past = ahead, past
    for fair_id, code in (
        Booth.objects.filter(
            fair_id__in=fair_ids, exhibitor__isnull=False, exhibitor__is_sample=False
        )
        .order_by("code")
        .values_list("fair_id", "code")
    ):
        live[fair_id].booths.append(code)
    for fair_id, reference in (
        undecided_applications()
        .filter(fair_id__in=fair_ids)
        .order_by("reference")
        .values_list("fair_id", "reference")
    ):
        live[fair_id].applications.append(reference)
    return live


@dataclass(frozen=True)
class BoothBill:
    """What an approved company's booths cost: each booth with its price, and what they
    add up to only when every booth has one (a price of 0 is one the board has not set
    yet). A price with VAT and one without do not add up to anything anyone pays: the
    booths that include VAT and those that exclude it are summed apart."""

    booths: list
    priced: bool
    with_vat: int  # the booths whose price includes VAT, 0 when none does
    without_vat: int  # the booths whose price excludes VAT, 0 when none does


def booth_bill(booths) -> BoothBill:
    booths = list(booths)
    return BoothBill(
        booths=booths,
        priced=bool(booths) and all(booth.price_vnd > 0 for booth in booths),
        with_vat=sum(b.price_vnd for b in booths if b.price_includes_vat),
        without_vat=sum(b.price_vnd for b in booths if not b.price_includes_vat),
    )


@dataclass(frozen=True)
class NextSteps:
    """What an approved company does next, from what the board set on the fair: any
    date left empty there is left out here (the pages then say the board will tell)."""

    contract_by: object  # datetime.date | None
    payment_due_on: object  # datetime.date | None
    move_in_starts_at: object  # datetime.datetime | None
    starts_on: object
    opens_at: object
    hotline: str


def next_steps(*, fair, approved_on=None) -> NextSteps:
    """`approved_on` (a local date): when the company's booths were given, from which
    the contract's date is counted, but no later than the day before the build-up (the
    opening day when the fair has none): a late approval is not promised a contract
    after the fair, nor by a day already here. A payment deadline earlier than the
    contract (a late approval) is not shown: the contract then says when to pay."""
    contract_by = None
    if approved_on is not None and fair.contract_within_days is not None:
        contract_by = approved_on + datetime.timedelta(days=fair.contract_within_days)
        first_day = (
            timezone.localdate(fair.move_in_starts_at) if fair.move_in_starts_at else fair.starts_on
        )
        contract_by = min(contract_by, first_day - datetime.timedelta(days=1))
        if contract_by <= approved_on:  # given the day before the build-up, or later
            contract_by = None
    payment_due_on = fair.payment_due_on
    earliest = contract_by or approved_on
    if payment_due_on is not None and earliest is not None and payment_due_on < earliest:
        payment_due_on = None
    return NextSteps(
        contract_by=contract_by,
        payment_due_on=payment_due_on,
        move_in_starts_at=fair.move_in_starts_at,
        starts_on=fair.starts_on,
        opens_at=fair.opens_at,
        hotline=fair.hotline,
    )


def approved_on(booths):
    """The local day the first of `booths` was given to the company, or None."""
    days = [timezone.localdate(b.assigned_at) for b in booths if b.assigned_at]
    return min(days) if days else None


def booths_given(application) -> list:
    """The booths `application`'s approval gave that its company still holds, by code:
    what the approval mail listed, less any the board has taken back or moved since.
    The approval's audit entry names them: it is written in the same transaction as
    the assignment and never changed. A booth's `assigned_at` is not enough (a swap
    resets it), and the company's other booths in the fair were not this
    application's.

    Each booth carries the price its approval recorded (`price_vnd`,
    `price_includes_vat` set on the instance, never saved), as the mail told it: a
    price the board changes later is the booth's, not this approval's. An approval
    logged before prices were recorded, or of a booth not priced then, shows the
    booth's price as it is now."""
    if application.exhibitor_id is None:
        return []
    entry = (
        AuditEntry.objects.filter(
            action="application.approved",
            content_type=ContentType.objects.get_for_model(BoothApplication),
            object_id=str(application.pk),
        )
        .order_by("-pk")
        .first()
    )
    changes = entry.changes if entry is not None else {}
    codes = changes.get("booths", [])
    booths = list(
        Booth.objects.filter(
            fair_id=application.fair_id, exhibitor_id=application.exhibitor_id, code__in=codes
        ).order_by("code")
    )
    prices = changes.get("prices")
    include_vat = changes.get("prices_include_vat")
    if (
        isinstance(prices, list)
        and isinstance(include_vat, list)
        and len(prices) == len(include_vat) == len(codes)
    ):
        as_approved = dict(zip(codes, zip(prices, include_vat, strict=True), strict=True))
        for booth in booths:
            price, includes_vat = as_approved[booth.code]
            # A booth approved before the board priced it: the price set since is the
            # one to pay, where the approval could only say it would be quoted.
            if price:
                booth.price_vnd, booth.price_includes_vat = price, includes_vat
    return booths
