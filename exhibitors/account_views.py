"""Views of an exhibitor representative's area: thin, every lookup through `exhibitors.access`."""

import datetime
from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from exhibitors import services
from exhibitors.access import (
    FormOfAnotherCompany,
    NoLongerThere,
    access_exhibitor,
    access_product,
    access_representative,
    choose_exhibitor,
    current_exhibitor,
    member_exhibitors,
    posted_exhibitor,
    refuse_form,
    signs_in,
)
from exhibitors.forms import (
    AccountPasswordResetForm,
    ExhibitorProfileForm,
    InviteRepresentativeForm,
    LoginForm,
    ProductForm,
)
from fairportal.login_protection import lift_lockout
from fairportal.mail import sender
from fairportal.ratelimit import allow, refund, too_many_requests
from fairportal.templatetags.portal import in_its_language

# Sign in, sign out, passwords


class LoginView(auth_views.LoginView):
    """Sign in; each failed attempt counts against the client's IP and the name typed.
    A representative signing in and out through the day is not held back: a successful
    attempt gives its count back. Every attempt is counted before the password is
    checked, so a burst sent at once cannot slip past the limit; once the failures are
    used up, even the right password waits for the window to end."""

    template_name = "account/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not allow(request, "login", request.POST.get("username", "")):
            return too_many_requests(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        refund(self.request, "login", self.request.POST.get("username", ""))
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): a link cannot sign anyone out.

    It ends on the sign-in page, saying so: the public pages look the same signed in
    or out, and a booth's shared laptop needs to show that nobody is signed in."""

    next_page = reverse_lazy("account:login")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("Bạn đã đăng xuất."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    form_class = AccountPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("account:password_reset_done")

    @property
    def extra_email_context(self):
        return {"portal_base_url": settings.PORTAL_BASE_URL}

    @property
    def from_email(self):
        # The mail is written in the page's language: so is the sender's name.
        return sender(get_language())

    def post(self, request, *args, **kwargs):
        if not allow(request, "form", request.POST.get("email", ""), kind="password-reset"):
            return too_many_requests(request)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("account:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The lockout page sends a locked-out representative here: a new password set
        # with the e-mailed link signs in at once, without waiting out the lock.
        lift_lockout(form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class WelcomeView(auth_views.PasswordResetConfirmView):
    """An invited representative sets a first password from the invitation link."""

    template_name = "account/welcome.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("account:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Đã lưu mật khẩu. Chào mừng bạn!"))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A spent link most often means the password was set with it: such a person
        # signs in (or resets a forgotten password); one who never set it needs a new
        # invitation, and the reset form ignores accounts without a password.
        user = getattr(self, "user", None)
        context["has_password"] = user is not None and signs_in(user)
        context["expired"] = user is not None and _made_for(user, self.kwargs.get("token", ""))
        context["board_email"] = settings.BOARD_EMAIL
        return context


class _AgelessTokenGenerator(PasswordResetTokenGenerator):
    """Django's own check, with its clock stopped at the generator's epoch (1/1/2001), so
    a token's age never spends it: only whether it was made for the user as they stand.
    Used to tell an expired link from a damaged one, never to let anyone in."""

    def _now(self):
        return datetime.datetime(2001, 1, 1)


def _made_for(user, token: str) -> bool:
    """True when `token` is one the portal made for `user` as it stands, so that only its
    age can have spent it; False for a link cut short where a mail wrapped it, or the
    …/set-password/ address opened in another browser (it carries no token)."""
    return _AgelessTokenGenerator().check_token(user, token)


# The representative's area


class AccountView(View):
    """Signed-in representatives only; `self.exhibitor` is the company they work on.

    A form posted for another company than the current one saves nothing: see `refuse`.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            if request.method == "POST" and hasattr(self, "post"):
                self.exhibitor = posted_exhibitor(request)
            else:
                self.exhibitor = current_exhibitor(request)
        except FormOfAnotherCompany as refusal:
            return self.refuse(refusal, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def refuse(self, refusal, *args, **kwargs):
        def show_again(company):
            self.exhibitor = company
            return self.refused(self.request, *args, **kwargs)

        return refuse_form(self.request, refusal, show_again)

    def refused(self, request, *args, **kwargs):
        """The page a refused form was on; by default the view's own GET page."""
        response = self.get(request, *args, **kwargs)
        response.status_code = 409
        return response

    def render(self, template, context=None, status=200):
        return render(
            self.request,
            template,
            {"exhibitor": self.exhibitor, **(context or {})},
            status=status,
        )


class AccountHomeView(View):
    def get(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        companies = list(member_exhibitors(request.user).order_by("name_sort"))
        if not companies:
            return render(request, "account/no_company.html")
        _name_companies_apart(companies)
        exhibitor = current_exhibitor(request)
        # The current edition's booths: past editions' booths stay with the company.
        booths = list(
            exhibitor.booths.filter(fair__is_current=True).select_related("fair").order_by("code")
        )
        return render(
            request,
            "account/home.html",
            {
                "exhibitor": exhibitor,
                "companies": companies if len(companies) > 1 else [],
                "booths": booths,
                "product_count": exhibitor.products.count(),
                # Requests the company has not answered yet (reached by the reverse
                # relation: this app does not import events). One where it proposed
                # another time waits for the visitor, not for the company.
                "meetings_waiting": exhibitor.meeting_requests.filter(
                    status="pending", other_slot_proposed_at__isnull=True
                ).count(),
                "published_product_count": exhibitor.products.filter(is_published=True).count(),
                "representatives": exhibitor.members.order_by("email"),
            },
        )


def _name_companies_apart(companies) -> None:
    """Each company's name in the chooser: a head office and its branch (tax code with
    "-001") often trade under one name, so a shared name is followed by the tax code."""
    names = Counter(company.name for company in companies)
    for company in companies:
        company.chooser_label = company.name
        if names[company.name] > 1 and company.tax_code:
            company.chooser_label = _("%(name)s · MST %(tax_code)s") % {
                "name": company.name,
                "tax_code": company.tax_code,
            }
        elif names[company.name] > 1 and company.legal_name:
            company.chooser_label = f"{company.name} · {company.legal_name}"


class ChooseExhibitorView(View):
    def post(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("account:home"))
        try:
            pk = int(request.POST.get("exhibitor", ""))
        except ValueError:
            pk = -1
        choose_exhibitor(request, access_exhibitor(request.user, pk=pk))
        return HttpResponseRedirect(reverse("account:home"))


class ProfileView(AccountView):
    template = "account/profile.html"

    def render(self, template, context=None, status=200):
        # The board keeps the names, tax code, zone and country: the page says where to
        # write to have them changed, the address the portal's mails reply to.
        board_email = format_html('<a href="mailto:{0}">{0}</a>', settings.BOARD_EMAIL)
        return super().render(template, {"board_email": board_email, **(context or {})}, status)

    def get(self, request):
        return self.render(self.template, {"form": ExhibitorProfileForm(instance=self.exhibitor)})

    def bound_form(self, request):
        # A copy for the form: a failed form must not touch the company shown beside it.
        instance = type(self.exhibitor).objects.get(pk=self.exhibitor.pk)
        return ExhibitorProfileForm(request.POST, request.FILES, instance=instance)

    def refused(self, request):
        return self.render(self.template, {"form": self.bound_form(request)}, status=409)

    def post(self, request):
        form = self.bound_form(request)
        if form.is_valid():
            try:
                services.update_exhibitor_profile(
                    exhibitor=self.exhibitor,
                    data=form.profile_data(),
                    logo=form.cleaned_data.get("logo_upload"),
                    remove_logo=form.cleaned_data["remove_logo"],
                    actor=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã lưu hồ sơ doanh nghiệp."))
                return HttpResponseRedirect(reverse("account:profile"))
        return self.render(self.template, {"form": form}, status=400)


class ProductListPage:
    def render_list(self, status=200):
        products = list(self.exhibitor.products.select_related("sector").order_by("position", "id"))
        return self.render("account/products.html", {"products": products}, status=status)


class ProductListView(ProductListPage, AccountView):
    def get(self, request):
        return self.render_list()


class ProductFormView(AccountView):
    template = "account/product_form.html"

    def get_product(self, pk):
        if pk is None:
            return None
        return access_product(self.request, pk, exhibitor=self.exhibitor)

    def get(self, request, pk=None):
        product = self.get_product(pk)
        form = ProductForm(instance=product)
        return self.render(self.template, {"form": form, "product": product})

    def refused(self, request, pk=None):
        # The form gets its own copy: the title shows the product's saved name.
        form = ProductForm(request.POST, instance=self.get_product(pk))
        context = {"form": form, "product": self.get_product(pk)}
        return self.render(self.template, context, status=409)

    def post(self, request, pk=None):
        product = self.get_product(pk)
        form = ProductForm(request.POST, request.FILES, instance=product)
        if form.is_valid():
            image = form.cleaned_data.get("image_upload")
            try:
                if product is None:
                    product = services.create_product(
                        exhibitor=self.exhibitor,
                        data=form.product_data(),
                        image=image,
                        actor=request.user,
                    )
                    messages.success(
                        request, _product_message(_("Đã thêm sản phẩm “%(name)s”."), product)
                    )
                else:
                    product = services.update_product(
                        product=product,
                        data=form.product_data(),
                        image=image,
                        remove_image=form.cleaned_data["remove_image"],
                        actor=request.user,
                    )
                    messages.success(
                        request, _product_message(_("Đã lưu sản phẩm “%(name)s”."), product)
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return HttpResponseRedirect(reverse("account:products"))
        if pk is not None:
            product.refresh_from_db()
        return self.render(self.template, {"form": form, "product": product}, status=400)


def _product_message(sentence: str, product) -> str:
    """`sentence` (ours, translated) naming the product in the page's language: the
    English name on English pages, the Vietnamese one marked lang="vi" when there is none."""
    return mark_safe(sentence % {"name": in_its_language(product, "name")})  # noqa: S308 (escaped)


class ProductDeleteView(AccountView):
    def get(self, request, pk):
        product = access_product(request, pk, exhibitor=self.exhibitor)
        return self.render("account/product_confirm_delete.html", {"product": product})

    def post(self, request, pk):
        try:
            product = access_product(request, pk, exhibitor=self.exhibitor)
        except NoLongerThere:
            messages.warning(
                request,
                _("Sản phẩm này không còn trong danh sách của doanh nghiệp (có thể vừa được xoá)."),
            )
            return HttpResponseRedirect(reverse("account:products"))
        message = _product_message(_("Đã xoá sản phẩm “%(name)s”."), product)
        services.delete_product(product=product, actor=request.user)
        messages.success(request, message)
        return HttpResponseRedirect(reverse("account:products"))


class ProductMoveView(ProductListPage, AccountView):
    def refused(self, request, pk):
        access_product(request, pk, exhibitor=self.exhibitor)
        return self.render_list(status=409)

    def post(self, request, pk):
        product = access_product(request, pk, exhibitor=self.exhibitor)
        try:
            services.move_product(
                product=product, direction=request.POST.get("direction", ""), actor=request.user
            )
        except services.AccountError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(reverse("account:products") + f"#product-{product.pk}")


class RepresentativesPage:
    template = "account/representatives.html"

    def context(self, form):
        return {"form": form, "representatives": self.exhibitor.members.order_by("email")}


class RepresentativesView(RepresentativesPage, AccountView):
    def get(self, request):
        form = InviteRepresentativeForm(exhibitor=self.exhibitor)
        return self.render(self.template, self.context(form))

    def refused(self, request):
        form = InviteRepresentativeForm(request.POST, exhibitor=self.exhibitor)
        return self.render(self.template, self.context(form), status=409)

    def post(self, request):
        email = request.POST.get("email", "")
        if not allow(request, "invite", f"user:{request.user.pk}", also=(email,)):
            return too_many_requests(request)
        form = InviteRepresentativeForm(request.POST, exhibitor=self.exhibitor)
        if not form.is_valid():
            return self.render(self.template, self.context(form), status=400)
        services.invite_representative(
            exhibitor=self.exhibitor,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            invited_by=request.user,
            language=get_language(),
        )
        messages.success(
            request,
            _("Đã gửi lời mời tới %(email)s.") % {"email": form.cleaned_data["email"]},
        )
        return HttpResponseRedirect(reverse("account:invite"))


class RemoveRepresentativeView(RepresentativesPage, AccountView):
    def refused(self, request, pk):
        access_representative(request, pk, exhibitor=self.exhibitor)
        form = InviteRepresentativeForm(exhibitor=self.exhibitor)
        return self.render(self.template, self.context(form), status=409)

    def post(self, request, pk):
        try:
            user = access_representative(request, pk, exhibitor=self.exhibitor)
        except NoLongerThere:
            messages.warning(
                request,
                _("Người này không còn trong danh sách đại diện (có thể vừa được xoá)."),
            )
            return HttpResponseRedirect(reverse("account:invite"))
        if request.POST.get("confirm") != "yes":
            # Only the button behind the page's "Xoá…" disclosure removes someone.
            messages.error(request, _("Chưa xoá: hãy bấm nút xác nhận để xoá người đại diện."))
            return HttpResponseRedirect(reverse("account:invite"))
        try:
            services.remove_representative(exhibitor=self.exhibitor, user=user, actor=request.user)
        except services.AccountError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(reverse("account:invite"))
        messages.success(
            request, _("Đã xoá %(email)s khỏi danh sách đại diện.") % {"email": user.email}
        )
        if user.pk == request.user.pk:
            return HttpResponseRedirect(reverse("account:home"))
        return HttpResponseRedirect(reverse("account:invite"))
