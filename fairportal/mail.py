"""E-mails: rendered in the recipient's language, sent only when the transaction commits."""

from contextlib import contextmanager
from contextvars import ContextVar
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


def render_text(template: str, context: dict) -> str:
    """A plain-text template, without HTML escaping: in a text e-mail "O'Brien & Sons"
    must read as typed, not "O&#x27;Brien &amp; Sons". HTML templates are escaped."""
    if not template.endswith(".txt"):
        return render_to_string(template, context)
    return get_template(template).template.render(Context(context, autoescape=False))


def render_in(language: str, template: str, context: dict) -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        return render_text(template, context).strip()


def sender(language: str) -> str:
    """DEFAULT_FROM_EMAIL, with the English sender's name on e-mails in English."""
    if language == "en" and settings.DEFAULT_FROM_NAME_EN:
        _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        if address:
            return formataddr((settings.DEFAULT_FROM_NAME_EN, address))
    return settings.DEFAULT_FROM_EMAIL


_suppressed: ContextVar[bool] = ContextVar("mail_suppressed", default=False)


@contextmanager
def suppressed():
    """Within the block `send_on_commit` queues nothing (the demo's made-up people).
    Read when a mail is queued, not when the transaction commits, so it holds however
    far out the commit is."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def send_on_commit(
    *,
    to: list[str],
    subject: str,
    body_template: str,
    subject_params: dict | None = None,
    context: dict,
    language: str = "vi",
    attachments: list[tuple[str, bytes | str, str]] = (),
    reply_to: list[str] | None = None,
) -> None:
    """Queue one e-mail to be sent after the current transaction commits.

    `subject` is a translatable string (lazy or plain), rendered in `language` together
    with `body_template`; its placeholders are filled from `subject_params` there, not
    before (formatting a lazy string early would freeze it in the sender's language).
    """
    if _suppressed.get():
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        subject_text = str(subject) % subject_params if subject_params else str(subject)
        subject_text = " ".join(subject_text.split())
        body = render_text(body_template, {**context, "portal_base_url": settings.PORTAL_BASE_URL})
    message = EmailMessage(
        subject=subject_text,
        body=body.strip(),
        from_email=sender(language),
        to=to,
        reply_to=reply_to,
    )
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    transaction.on_commit(lambda: message.send(fail_silently=False))
