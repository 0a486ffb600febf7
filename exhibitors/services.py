"""Writes with rules on exhibitors: inviting representatives (more come with self-service)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Exhibitor
from fairportal.audit import record
from fairportal.mail import send_on_commit


def invitation_url(user, language: str = "vi") -> str:
    """The one-purpose link where an invited representative sets a password.

    Django's token generator: it expires (PASSWORD_RESET_TIMEOUT) and is spent once
    the password changes.
    """
    with translation.override(language):
        path = reverse(
            "account:welcome",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    return settings.PORTAL_BASE_URL + path


@transaction.atomic
def invite_representative(
    *, exhibitor: Exhibitor, email: str, full_name: str = "", invited_by=None, language: str = "vi"
):
    """Make `email` a representative of `exhibitor` and e-mail a set-password link.

    Side effects: creates the user if needed (unusable password until set), adds it
    to `exhibitor.members`, records `exhibitor.representative_invited`, sends the
    invitation e-mail on commit.
    """
    User = get_user_model()
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        first, _sep, last = (full_name or "").strip().rpartition(" ")
        user = User(username=email[:150], email=email, first_name=first[:150], last_name=last[:150])
        user.set_unusable_password()
        user.save()
    exhibitor.members.add(user)
    record(
        action="exhibitor.representative_invited",
        obj=exhibitor,
        actor=invited_by,
        changes={"email": email},
    )
    send_on_commit(
        to=[email],
        subject=_("Mời quản lý hồ sơ doanh nghiệp trên cổng Hội chợ KCN Hà Nội"),
        body_template="exhibitors/email/invitation.txt",
        context={"exhibitor": exhibitor, "user": user, "url": invitation_url(user, language)},
        language=language,
    )
    return user
