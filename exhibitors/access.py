"""What an exhibitor representative may reach: only the companies they are a member of."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from exhibitors.models import Exhibitor, Product
from fairportal.models import AuditEntry, Language
from fairportal.text import row_id

SESSION_KEY = "account_exhibitor_id"
# The hidden field by which each /account/ form says which company it was opened for
# (templates/account/partials/company_field.html).
FORM_COMPANY_FIELD = "company"


def signs_in(user) -> bool:
    """Whether `user` can sign in to the company area now: an active account with a
    password of its own (an invited user who never set one cannot)."""
    return user.is_active and user.has_usable_password()


def member_exhibitors(user):
    """The exhibitors `user` represents (none for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return Exhibitor.objects.none()
    return Exhibitor.objects.filter(members=user)


def access_exhibitor(user, *, pk=None, slug=None) -> Exhibitor:
    """The exhibitor `user` represents with that pk or slug; 404 for anything else."""
    lookup = {"pk": pk} if pk is not None else {"slug": slug}
    exhibitor = member_exhibitors(user).filter(**lookup).first()
    if exhibitor is None:
        raise Http404("No such exhibitor among yours")
    return exhibitor


def current_exhibitor(request) -> Exhibitor:
    """The company the representative is working on in /account/ pages.

    The one a link names (`?company=<pk>`, when it is theirs; a message on the page
    says so when it switches from another), else the one chosen in this session, else
    their only (or first) company, which is then stored as the choice: a company added
    later (the board approving a second one for the same e-mail) must not take its
    place because its name sorts first. 404 when they represent none.
    """
    remember_language(request.user)
    companies = member_exhibitors(request.user)
    # A link from an e-mail about one company (a meeting request) names it: a person
    # who represents several lands on that company's page, not on the one last chosen.
    asked = row_id(request.GET.get(FORM_COMPANY_FIELD)) if request.method == "GET" else None
    if asked is not None:
        exhibitor = companies.filter(pk=asked).first()
        if exhibitor is not None:
            if request.session.get(SESSION_KEY) != exhibitor.pk:
                choose_exhibitor(request, exhibitor)
                # Forms, badges and meetings now act for this company: say so, or a
                # link followed from a mail would switch it unnoticed.
                if companies.exclude(pk=exhibitor.pk).exists():
                    messages.info(
                        request,
                        _("Bạn đang làm việc cho %(company)s.") % {"company": exhibitor.name},
                    )
            return exhibitor
    chosen = request.session.get(SESSION_KEY)
    exhibitor = companies.filter(pk=chosen).first() if chosen else None
    if exhibitor is None:
        exhibitor = companies.order_by("name_sort").first()
        if exhibitor is None:
            raise Http404("This account represents no exhibitor")
        choose_exhibitor(request, exhibitor)
    return exhibitor


def remember_language(user) -> None:
    """Note the page's language as the one `user` last used the portal in: the company's
    mails reach them in it (`events.selectors.exhibitor_recipients`). Called at sign-in
    and on each page of the company area; written only when it changed."""
    language = translation.get_language()
    if (
        getattr(user, "is_authenticated", False)
        and language in Language.values
        and user.language != language
    ):
        get_user_model().objects.filter(pk=user.pk).update(language=language)
        user.language = language


def choose_exhibitor(request, exhibitor: Exhibitor) -> None:
    request.session[SESSION_KEY] = exhibitor.pk


class FormOfAnotherCompany(Exception):
    """A posted /account/ form was not opened for the current company: nothing may be saved.

    `opened_for` is the company it was opened for when the user represents it (the page
    can be shown again for it, with what was typed), else None; `message` is for the user.
    """

    def __init__(self, message, *, opened_for: Exhibitor | None = None):
        super().__init__(message)
        self.message = message
        self.opened_for = opened_for


def posted_exhibitor(request) -> Exhibitor:
    """The current company, once sure that the posted /account/ form was opened for it.

    The current company lives in the session: another tab can switch it between showing
    a form and posting it. Each form therefore carries the company it was opened for,
    looked up among the user's own companies only. A form without it (a page shown
    before forms carried it) stands for the current company only while the user
    represents no other. Raises FormOfAnotherCompany in every other case.
    """
    current = current_exhibitor(request)
    companies = member_exhibitors(request.user)
    posted = request.POST.get(FORM_COMPANY_FIELD)
    if posted is None and not companies.exclude(pk=current.pk).exists():
        return current
    pk = row_id(posted)
    opened_for = companies.filter(pk=pk).first() if pk is not None else None
    if opened_for is None:
        raise FormOfAnotherCompany(
            _(
                "Chưa lưu gì: không rõ biểu mẫu này là của doanh nghiệp nào trong các doanh "
                "nghiệp bạn đại diện. Hãy chọn doanh nghiệp rồi mở lại biểu mẫu."
            )
        )
    if opened_for.pk != current.pk:
        raise FormOfAnotherCompany(
            _(
                "Chưa lưu gì: biểu mẫu này là của %(form_company)s, nhưng bạn vừa chuyển "
                "sang %(current_company)s ở một thẻ khác. Hãy chuyển lại về "
                "%(form_company)s hoặc mở lại biểu mẫu."
            )
            % {"form_company": opened_for, "current_company": current},
            opened_for=opened_for,
        )
    return current


def refuse_form(request, refusal: FormOfAnotherCompany, show_again):
    """Nothing saved: the message, and the page again for the company the form was
    opened for (`show_again(company)`, which keeps what was typed and answers 409); the
    company chooser when that company is not one of the user's."""
    messages.error(request, refusal.message)
    if refusal.opened_for is None:
        return redirect("account:home")
    return show_again(refusal.opened_for)


class NoLongerThere(Http404):
    """The row a form was posted for was this company's and is no longer (most often
    the removal's button pressed twice, or a colleague removed it first). Uncaught it is
    a 404; a removal's POST catches it and says so on the list instead."""


def had_row(exhibitor: Exhibitor, model, pk) -> bool:
    """The audit shows that `exhibitor` once had the `model` row numbered `pk` (its
    services record the company with each product and badge-list entry). Only such a
    row earns the friendly "no longer there": any other number, whether another
    company's row or none at all, answers the same 404, so that a representative
    cannot tell which numbers exist at other companies."""
    number = row_id(pk)
    if number is None:
        return False
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=str(number),
        changes__exhibitor=exhibitor.pk,
    ).exists()


def access_product(request, pk, *, exhibitor: Exhibitor | None = None) -> Product:
    """A product of `exhibitor` (by default the company the representative is working
    on); 404 for any other (`NoLongerThere` for one the audit shows this company had)."""
    exhibitor = exhibitor or current_exhibitor(request)
    product = (
        Product.objects.filter(pk=pk, exhibitor=exhibitor, exhibitor__members=request.user)
        .select_related("exhibitor", "sector")
        .first()
    )
    if product is None:
        if had_row(exhibitor, Product, pk):
            raise NoLongerThere("This company's product no more")
        raise Http404("No such product among your company's")
    return product


def access_representative(request, pk, *, exhibitor: Exhibitor | None = None):
    """A fellow representative of `exhibitor` (by default the current company); 404 for
    anyone else (`NoLongerThere` for one the audit shows this company removed)."""
    exhibitor = exhibitor or current_exhibitor(request)
    user = exhibitor.members.filter(pk=pk).first()
    if user is None:
        if _removed_from(exhibitor, row_id(pk) or 0):
            raise NoLongerThere("This company's representative no more")
        raise Http404("No such representative of your company")
    return user


def _removed_from(exhibitor: Exhibitor, user_pk: int) -> bool:
    """The user numbered `user_pk` was once a representative of `exhibitor` and was
    taken off it (the audit says so): a removal's confirmation pressed twice, or a
    colleague's removal first. Anyone else, whether an account of another company, of
    no company or none at all, is a 404 alike: the answer must not tell which accounts
    exist."""
    user = get_user_model().objects.filter(pk=user_pk).only("email").first()
    if user is None:
        return False
    return AuditEntry.objects.filter(
        action="exhibitor.representative_removed",
        content_type=ContentType.objects.get_for_model(Exhibitor),
        object_id=str(exhibitor.pk),
        changes__email=user.email,
    ).exists()
