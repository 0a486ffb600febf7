"""Pages of the floor: the public plan, applying for a booth, the applicant's status page
and the exhibitor's own booth page. Views only translate HTTP; rules live in services."""

import contextlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from booths import selectors, services
from booths.forms import (
    ApplicationForm,
    FasciaForm,
    StaffForm,
    ZoneChoiceField,
    application_total,
)
from booths.models import (
    Booth,
    BoothApplication,
    BoothKind,
    EventPlace,
    ExhibitorStaff,
    normalize_booth_code,
    validate_booth_code,
)
from booths.plan_markup import PlanMarkup
from events.selectors import current_fair
from exhibitors.access import (
    FormOfAnotherCompany,
    NoLongerThere,
    current_exhibitor,
    had_row,
    posted_exhibitor,
    refuse_form,
)
from fairportal.ratelimit import allow, too_many_requests
from fairportal.text import row_id
from fairportal.tokens import UnknownLink, hash_token

SESSION_LAST_APPLICATION = "booths_last_application"


CODE_LENGTH = Booth._meta.get_field("code").max_length


def _find_booth_url(typed: str) -> str:
    return f"{reverse('booths:find_booth')}?{urlencode({'booth': typed})}"


def _booth_code(fair, typed: str | None) -> str | None:
    """The code of `fair`'s booth that `typed` names ("a 12" is A12), or None. What no
    booth code can be (a stray sign, 300 letters) is looked up nowhere."""
    wanted = normalize_booth_code(typed)
    if not (fair and wanted and len(wanted) <= CODE_LENGTH):
        return None
    if not validate_booth_code.regex.match(wanted):
        return None
    return Booth.objects.filter(fair=fair, code=wanted).values_list("code", flat=True).first()


# How each kind of place is outlined on the plan (booths.css), said in the legend: the
# colours alone would tell them apart only to some.
PLACE_OUTLINES = {
    EventPlace.Kind.STAGE: gettext_lazy("viền liền"),
    EventPlace.Kind.SEMINAR_ROOM: gettext_lazy("viền gạch"),
    EventPlace.Kind.BUSINESS_MATCHING: gettext_lazy("viền chấm"),
}


class FloorPlanView(TemplateView):
    """The plan, cached for every visitor; `?booth=A12` (the links of profiles, mails and
    the booth box) highlights a booth. Only a booth's own code gets a cached page of its
    own: anything else ("a12", "Z99", a typo) goes to the booth box's answer, which is
    never cached, so typed codes cannot fill the cache with copies of the plan."""

    template_name = "booths/floor_plan.html"

    def get(self, request, *args, **kwargs):
        typed = request.GET.get("booth")
        # Sent on before the plan is built: a redirect needs none of it.
        if typed is not None and typed != _booth_code(current_fair(), typed):
            return redirect(_find_booth_url(typed))
        return self.render_to_response(self.get_context_data(**kwargs))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fair = current_fair()
        halls = selectors.floor_plan(fair) if fair else []
        wanted = normalize_booth_code(self.request.GET.get("booth"))[:10]
        highlighted = None
        apply_url = reverse("booths:apply") if fair and fair.takes_applications else ""
        markup = PlanMarkup(apply_url)
        for hall in halls:
            for booth in hall.booths:
                booth.is_highlighted = booth.code.upper() == wanted
                if booth.is_highlighted:
                    highlighted = booth
                booth.svg_markup = markup.svg(booth)
                booth.row_markup = markup.row(booth)
        totals = {"free": 0, "taken": 0, "kept": 0}
        for hall in halls:
            for state, count in hall.counts.items():
                totals[state] += count
        places = [place for hall in halls for place in hall.places]
        kinds_here = {place.kind for place in places}
        context.update(
            fair=fair,
            halls=halls,
            places=places,
            # The legend's kinds of places, in their order, those on this plan only.
            place_kinds=[
                (kind, label, PLACE_OUTLINES[kind])
                for kind, label in EventPlace.Kind.choices
                if kind in kinds_here
            ],
            highlighted=highlighted,
            wanted=wanted,
            totals=totals,
            apply_url=apply_url,
        )
        return context


@method_decorator(never_cache, name="dispatch")
class FindBoothView(FloorPlanView):
    """The floor plan's "find a booth" box: a booth of the fair opens the plan at it
    (its own highlighted page, `?booth=A12#booth-A12`); a code that is no booth of the
    fair shows the plan saying so, built for this request and never cached."""

    def get(self, request, *args, **kwargs):
        if not normalize_booth_code(request.GET.get("booth")):
            return redirect("booths:floor_plan")
        code = _booth_code(current_fair(), request.GET.get("booth"))
        if code:
            plan = reverse("booths:floor_plan")
            return redirect(f"{plan}?{urlencode({'booth': code})}#booth-{code}")
        return self.render_to_response(self.get_context_data(booth_search=True, **kwargs))


@method_decorator(never_cache, name="dispatch")
class ApplyView(View):
    template_name = "booths/apply.html"

    def get(self, request):
        fair = current_fair()
        earlier = _earlier_application(request, fair) if request.GET.get("again") else None
        initial = _sent_again(earlier, fair) if earlier else {}
        wanted = normalize_booth_code(request.GET.get("booth"))[:10]
        if fair and wanted:
            initial["preferred_booths"] = [
                b for b in selectors.free_booths(fair) if b.code.upper() == wanted
            ]
            if initial["preferred_booths"]:
                initial["booth_kind"] = initial["preferred_booths"][0].kind
        form = ApplicationForm(fair=fair, initial=initial)
        return self.render(request, form, fair, earlier_logo=bool(earlier and earlier.logo))

    def post(self, request):
        fair = current_fair()
        if fair is None or not fair.takes_applications:
            return self.render(request, ApplicationForm(fair=fair), fair, status=400)
        # Every post counts for the address (each logo is decoded); the e-mail counts
        # once the form is right, so a company correcting its mistakes is not held back.
        if not allow(request, "form", kind="application"):
            return too_many_requests(request)
        form = ApplicationForm(request.POST, request.FILES, fair=fair)
        # The logo of the application sent again (only this browser's own, still
        # unconfirmed), while its box stays ticked and no other file is chosen.
        earlier = _earlier_application(request, fair) if request.POST.get("again") else None
        keep = request.POST.get("keep_earlier_logo") == "1"
        earlier_logo = earlier.logo if earlier and earlier.logo and keep else None
        if form.is_valid():
            email = form.cleaned_data["email"]
            if not allow(request, "form", email, kind="application", count_ip=False):
                return too_many_requests(request)
            logo = form.cleaned_data.get("logo")
            try:
                with contextlib.ExitStack() as files:
                    if logo is None and earlier_logo:
                        # A file gone from the storage sends the application without it.
                        with contextlib.suppress(OSError):
                            logo = files.enter_context(earlier_logo.open("rb"))
                    application, _token = services.submit_application(
                        fair=fair,
                        data=form.cleaned_data,
                        logo=logo,
                        language=translation.get_language() or "vi",
                    )
            except services.BoothError as error:
                form.add_error("preferred_booths", error.message)
            else:
                request.session[SESSION_LAST_APPLICATION] = application.pk
                return redirect("booths:apply_done")
        shown = bool(earlier and earlier.logo)
        return self.render(request, form, fair, status=400, earlier_logo=shown, keep_logo=keep)

    def render(self, request, form, fair, status=200, earlier_logo=False, keep_logo=True):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "fair": fair,
                "kinds": BoothKind.choices,
                "earlier_logo": earlier_logo,
                "keep_earlier_logo": keep_logo,
            },
            status=status,
        )


def _earlier_application(request, fair):
    """This browser's last application to `fair`, while it is still unconfirmed: the
    one the company sends again with its e-mail corrected (the confirmation link went
    to a mistyped address)."""
    pk = request.session.get(SESSION_LAST_APPLICATION)
    if not pk or fair is None:
        return None
    return BoothApplication.objects.filter(
        pk=pk,
        fair=fair,
        status=BoothApplication.Status.SUBMITTED,
        email_confirmed_at__isnull=True,
    ).first()


def _sent_again(application, fair) -> dict:
    """The form filled with the earlier application. The consent is given again; its
    logo goes with the new one unless another file is chosen (`keep_earlier_logo`)."""
    initial = {name: getattr(application, name) for name in services.APPLICATION_FIELDS}
    free = {booth.pk for booth in selectors.free_booths(fair)}
    initial.update(
        zone=application.zone_id or ZoneChoiceField.OUTSIDE,
        sectors=list(application.sectors.values_list("pk", flat=True)),
        preferred_booths=[b for b in application.preferred_booths.all() if b.pk in free],
    )
    return initial


@method_decorator(never_cache, name="dispatch")
class ApplyDoneView(View):
    """The confirmation page: the reference and the price of the chosen booths."""

    def get(self, request):
        pk = request.session.get(SESSION_LAST_APPLICATION)
        application = (
            BoothApplication.objects.select_related("fair").filter(pk=pk).first() if pk else None
        )
        if application is None:
            return redirect("booths:apply")
        chosen = list(application.preferred_booths.order_by("code"))
        total = application_total(
            booths=chosen,
            booth_kind=application.booth_kind,
            booth_count=application.booth_count,
            offered=Booth.objects.filter(fair=application.fair, is_blocked=False),
        )
        return render(
            request,
            "booths/apply_done.html",
            {
                "application": application,
                "booth_request": application.booth_request(chosen),
                "total": total,
                "hours": services.CONFIRMATION_HOURS,
            },
        )


@method_decorator(never_cache, name="dispatch")
class ApplicationStatusView(View):
    """The secret link: first open confirms the e-mail; withdraw while open."""

    template_name = "booths/application_status.html"

    def get_application(self, token):
        application = (
            BoothApplication.objects.select_related("fair", "zone", "exhibitor")
            .prefetch_related("sectors")
            .filter(token_hash=hash_token(token))
            .first()
        )
        if application is None:
            raise UnknownLink("application")
        return application

    def get(self, request, token):
        application = self.get_application(token)
        duplicate = None
        if services.is_expired(application):
            services.expire_applications()
            application.refresh_from_db()
        elif application.email_confirmed_at is None and application.status == "submitted":
            try:
                application = services.confirm_application(application=application)
            except services.DuplicateApplication as error:
                duplicate = error.message
        return self.render(request, application, duplicate=duplicate)

    def post(self, request, token):
        application = self.get_application(token)
        if request.POST.get("action") == "withdraw" and request.POST.get("confirm") != "yes":
            messages.error(
                request, _("Hồ sơ chưa được rút: hãy bấm “Có, rút hồ sơ này” để xác nhận.")
            )
        elif request.POST.get("action") == "withdraw":
            try:
                services.withdraw_application(application=application)
            except services.BoothError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Hồ sơ đã được rút."))
        return HttpResponseRedirect(request.path)

    def render(self, request, application, duplicate=None):
        approved = application.status == BoothApplication.Status.APPROVED
        # What this application was given, as its approval mail said; the company's
        # other booths in the fair are on its booths page.
        booths = selectors.booths_given(application) if approved else []
        return render(
            request,
            self.template_name,
            {
                "application": application,
                "duplicate": duplicate,
                "booth_request": application.booth_request(),
                "booths": booths,
                "bill": selectors.booth_bill(booths),
                "steps": selectors.next_steps(
                    fair=application.fair, approved_on=timezone.localdate(application.decided_at)
                )
                if approved and booths and application.decided_at
                else None,
                "can_withdraw": application.status in BoothApplication.OPEN
                and application.email_confirmed_at is not None,
                "access": selectors.applicant_access(application) if approved else None,
                "board_email": _board_email_link(),
                "hotline_link": _hotline_link(application.fair),
            },
        )


def _board_email_link():
    """Whom to ask, as the approval mail says (it replies to the same address)."""
    return format_html('<a href="mailto:{0}">{0}</a>', settings.BOARD_EMAIL)


def _hotline_link(fair):
    """The fair's hotline, one tap to call on a phone (as in the footer)."""
    if fair is None or not fair.hotline:
        return ""
    number = fair.hotline.replace(" ", "").replace(".", "")
    return format_html('<a href="tel:{}">{}</a>', number, fair.hotline)


@method_decorator(never_cache, name="dispatch")
class AccountBoothsView(LoginRequiredMixin, View):
    """The exhibitor's booths in the current fair, fascia names and badge staff."""

    template_name = "booths/account_booths.html"

    def get(self, request):
        return self.render(request)

    def post(self, request):
        try:
            exhibitor = posted_exhibitor(request)
        except FormOfAnotherCompany as refusal:
            return self.refuse(request, refusal)
        fair = current_fair()
        if fair is None:
            raise Http404("No current fair")
        action = request.POST.get("action")
        if action == "fascia":
            form = FasciaForm(request.POST)
            if form.is_valid():
                booth = get_object_or_404(
                    Booth, pk=form.cleaned_data["booth"], exhibitor=exhibitor, fair=fair
                )
                services.set_fascia_name(
                    booth=booth,
                    exhibitor=exhibitor,
                    fascia_name=form.cleaned_data["fascia_name"],
                    actor=request.user,
                )
                messages.success(
                    request, _("Đã lưu tên trên bảng tên gian %(code)s.") % {"code": booth.code}
                )
                return redirect("booths:account_booths")
            return self.render(request, fascia_form=form, status=400)
        if action == "add_staff":
            listed = ExhibitorStaff.objects.filter(fair=fair, exhibitor=exhibitor)
            form = StaffForm(
                request.POST,
                prefix="staff",
                listed=list(listed),
                has_booth=selectors.holds_booth(fair=fair, exhibitor=exhibitor),
            )
            if form.is_valid():
                try:
                    services.add_staff(
                        fair=fair,
                        exhibitor=exhibitor,
                        full_name=form.cleaned_data["full_name"],
                        job_title=form.cleaned_data["job_title"],
                        actor=request.user,
                    )
                except services.NoBoothAtFair as refusal:  # the booth released meanwhile
                    form.add_error(None, refusal.message)
                else:
                    messages.success(request, _("Đã thêm người cần thẻ."))
                    return redirect("booths:account_booths")
            return self.render(request, staff_form=form, status=400)
        if action == "remove_staff":
            # The form of a booth page shown before removals were confirmed: it asks,
            # as the page's links do now; a misclick removes nobody.
            staff = _own_staff(exhibitor, fair, request.POST.get("staff", ""))
            return redirect("booths:staff_remove", pk=staff.pk)
        return redirect("booths:account_booths")

    def refuse(self, request, refusal):
        action = request.POST.get("action")
        return refuse_form(
            request,
            refusal,
            lambda company: self.render(
                request,
                exhibitor=company,
                fascia_form=FasciaForm(request.POST) if action == "fascia" else None,
                staff_form=(
                    StaffForm(request.POST, prefix="staff") if action == "add_staff" else None
                ),
                status=409,
            ),
        )

    def render(self, request, exhibitor=None, fascia_form=None, staff_form=None, status=200):
        exhibitor = exhibitor or current_exhibitor(request)
        fair = current_fair()
        booths = (
            list(Booth.objects.filter(fair=fair, exhibitor=exhibitor).order_by("code"))
            if fair
            else []
        )
        for booth in booths:
            bound = fascia_form is not None and str(fascia_form.data.get("booth")) == str(booth.pk)
            booth.form = (
                fascia_form
                if bound
                else FasciaForm(
                    initial={"booth": booth.pk, "fascia_name": booth.fascia_name},
                    auto_id=f"id_fascia_{booth.pk}_%s",
                )
            )
        staff = (
            ExhibitorStaff.objects.filter(fair=fair, exhibitor=exhibitor).order_by("full_name")
            if fair
            else []
        )
        return render(
            request,
            self.template_name,
            {
                "exhibitor": exhibitor,
                "fair": fair,
                "booths": booths,
                "bill": selectors.booth_bill(booths),
                "steps": selectors.next_steps(fair=fair, approved_on=selectors.approved_on(booths))
                if fair
                else None,
                "board_email": _board_email_link(),
                "hotline_link": _hotline_link(fair),
                "staff": staff,
                "staff_form": staff_form or StaffForm(prefix="staff"),
            },
            status=status,
        )


def _own_staff(exhibitor, fair, pk) -> ExhibitorStaff:
    """A person on `exhibitor`'s badge list for `fair` (the current one); 404 for
    anyone else, and for a number that is not one (or too long for the database);
    `NoLongerThere` for one the audit shows on this company's list once."""
    number = row_id(pk) or 0
    staff = ExhibitorStaff.objects.filter(pk=number, exhibitor=exhibitor, fair=fair).first()
    if staff is None:
        if had_row(exhibitor, ExhibitorStaff, number):
            raise NoLongerThere("This company's badge-list entry no more")
        raise Http404("No such person on your company's badge list")
    return staff


@method_decorator(never_cache, name="dispatch")
class StaffRemoveView(LoginRequiredMixin, View):
    """Removing one person from the badge list: the page asks, and only its form's POST
    removes (as removing a product does)."""

    template_name = "booths/staff_confirm_remove.html"

    def get(self, request, pk):
        return self.render(request, current_exhibitor(request), pk)

    def post(self, request, pk):
        try:
            exhibitor = posted_exhibitor(request)
        except FormOfAnotherCompany as refusal:
            return refuse_form(
                request, refusal, lambda company: self.render(request, company, pk, status=409)
            )
        try:
            staff = _own_staff(exhibitor, current_fair(), pk)
        except NoLongerThere:
            messages.warning(
                request, _("Người này không còn trong danh sách (có thể vừa được xoá).")
            )
            return redirect("booths:account_booths")
        services.remove_staff(staff=staff, actor=request.user)
        messages.success(request, _("Đã xoá %(name)s khỏi danh sách.") % {"name": staff.full_name})
        return redirect("booths:account_booths")

    def render(self, request, exhibitor, pk, status=200):
        staff = _own_staff(exhibitor, current_fair(), pk)
        return render(
            request,
            self.template_name,
            {"exhibitor": exhibitor, "person": staff},
            status=status,
        )
