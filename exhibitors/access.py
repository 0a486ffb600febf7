"""What an exhibitor representative may reach: only the companies they are a member of."""

from django.http import Http404

from exhibitors.models import Exhibitor, Product

SESSION_KEY = "account_exhibitor_id"


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

    The one chosen in this session, else their only (or first) company; 404 when
    they represent none.
    """
    companies = member_exhibitors(request.user)
    chosen = request.session.get(SESSION_KEY)
    exhibitor = companies.filter(pk=chosen).first() if chosen else None
    if exhibitor is None:
        exhibitor = companies.order_by("name_sort").first()
    if exhibitor is None:
        raise Http404("This account represents no exhibitor")
    return exhibitor


def choose_exhibitor(request, exhibitor: Exhibitor) -> None:
    request.session[SESSION_KEY] = exhibitor.pk


def access_product(request, pk) -> Product:
    """A product of the company the representative is working on; 404 for any other."""
    exhibitor = current_exhibitor(request)
    product = (
        Product.objects.filter(pk=pk, exhibitor=exhibitor, exhibitor__members=request.user)
        .select_related("exhibitor", "sector")
        .first()
    )
    if product is None:
        raise Http404("No such product among your company's")
    return product


def access_representative(request, pk):
    """A fellow representative of the current company; 404 for anyone else."""
    exhibitor = current_exhibitor(request)
    user = exhibitor.members.filter(pk=pk).first()
    if user is None:
        raise Http404("No such representative of your company")
    return user
