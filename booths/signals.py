"""A booth's code is part of its exhibitor's `search_text` ("A07" finds the exhibitor)."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from booths.models import Booth
from exhibitors.models import Exhibitor


@receiver(pre_save, sender=Booth)
def remember_previous_exhibitor(sender, instance, **kwargs):
    previous = None
    if instance.pk:
        previous = (
            Booth.objects.filter(pk=instance.pk).values_list("exhibitor_id", flat=True).first()
        )
    instance._previous_exhibitor_id = previous


@receiver(post_save, sender=Booth)
@receiver(post_delete, sender=Booth)
def refresh_exhibitor_search(sender, instance, **kwargs):
    refresh_exhibitors_search(
        {instance.exhibitor_id, getattr(instance, "_previous_exhibitor_id", None)}
    )


def refresh_exhibitors_search(exhibitor_ids):
    """Services that move booths with `update()` call this too (no signal is sent)."""
    for exhibitor in Exhibitor.objects.filter(pk__in=[pk for pk in exhibitor_ids if pk]):
        exhibitor.refresh_search_text()
