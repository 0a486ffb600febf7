"""Template filters of the board's admin."""

import copy
import functools
import json

from django import template
from django.apps import apps
from django.utils import translation
from django.utils.text import capfirst

register = template.Library()


@functools.lru_cache(maxsize=8)
def _field_labels(language: str) -> dict:
    """{label as Django stores it in a log entry: label in `language`}, for every field.

    Django writes a change's field labels with translations off, so in the source
    language (Vietnamese, "Tên giao dịch [vi]"), and translates them back with
    gettext, which finds nothing for a capitalised label: the English admin's history
    showed Vietnamese field names."""
    fields = [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if getattr(field, "verbose_name", None)
    ]
    with translation.override(None):
        stored = [str(capfirst(field.verbose_name)) for field in fields]
    with translation.override(language):
        shown = [str(capfirst(field.verbose_name)) for field in fields]
    return dict(zip(stored, shown, strict=True))


@register.filter
def change_message(entry) -> str:
    """`LogEntry.get_change_message()` with the changed fields named in the admin's
    language."""
    try:
        message = json.loads(entry.change_message or "")
    except ValueError:
        return entry.get_change_message()
    if not isinstance(message, list):
        return entry.get_change_message()
    labels = _field_labels(translation.get_language() or "vi")
    for part in message:
        changed = part.get("changed") if isinstance(part, dict) else None
        if isinstance(changed, dict) and isinstance(changed.get("fields"), list):
            changed["fields"] = [labels.get(name, name) for name in changed["fields"]]
    shown = copy.copy(entry)
    shown.change_message = json.dumps(message)
    return shown.get_change_message()
