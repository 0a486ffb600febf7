"""Keep an exhibitor's `search_text` in step with rows saved outside `Exhibitor.save()`;
remember the company a representative signs in to, and the language they sign in in."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete
from django.dispatch import receiver

from exhibitors.access import SESSION_KEY, choose_exhibitor, member_exhibitors, remember_language
from exhibitors.models import Exhibitor, Product


@receiver(m2m_changed, sender=Exhibitor.sectors.through)
def sectors_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Exhibitor):
        instance.refresh_search_text()


@receiver(post_delete, sender=Product)
def product_deleted(sender, instance, **kwargs):
    exhibitor = Exhibitor.objects.filter(pk=instance.exhibitor_id).first()
    if exhibitor is not None:
        exhibitor.refresh_search_text()


@receiver(user_logged_in)
def remember_company_at_sign_in(sender, request, user, **kwargs):
    """The company a representative starts on stays current until they choose another:
    one approved for them later must not take its place (see `current_exhibitor`)."""
    if request is None or not hasattr(request, "session") or SESSION_KEY in request.session:
        return
    exhibitor = member_exhibitors(user).order_by("name_sort").first()
    if exhibitor is not None:
        choose_exhibitor(request, exhibitor)


@receiver(user_logged_in)
def remember_language_at_sign_in(sender, request, user, **kwargs):
    """The sign-in page's language (or the set-password page's) is the one the company's
    mails reach this person in from now on."""
    if request is not None:
        remember_language(user)
