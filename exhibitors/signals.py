"""Keep an exhibitor's `search_text` in step with rows saved outside `Exhibitor.save()`."""

from django.db.models.signals import m2m_changed, post_delete
from django.dispatch import receiver

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
