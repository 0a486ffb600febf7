"""Secret tokens in links: long, random, stored only as a SHA-256 digest."""

import base64
import hashlib
import hmac
import secrets

from django.http import Http404
from django.utils.crypto import salted_hmac


def new_token() -> tuple[str, str]:
    """A fresh (token, digest) pair: the link carries the token, the database the digest."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def token_matches(token: str, digest: str) -> bool:
    """Constant-time comparison of a presented token with a stored digest."""
    return hmac.compare_digest(hash_token(token), digest or "")


def derived_token(*, salt: str, pk: int, digest: str) -> str:
    """A second link to a row whose own token the portal cannot mail again (it keeps
    only its `digest`): `<pk>.<HMAC-SHA256 of the digest under SECRET_KEY>`. No one
    guesses it without the secret key, as no one guesses a token, and the database
    alone does not give it away; it stops working with the token, whose replacement
    changes the digest. The dot tells it from a token, which never has one."""
    mac = salted_hmac(salt, f"{pk}:{digest}", algorithm="sha256").digest()
    return f"{pk}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


def derived_token_pk(token: str) -> int | None:
    """The row a `derived_token` names, to check with `derived_token_matches`; None
    for anything else (a token, a mangled link)."""
    pk, dot, _mac = (token or "").partition(".")
    if not dot or not (pk.isascii() and pk.isdigit()) or len(pk) > 18:
        return None
    return int(pk)


def derived_token_matches(token: str, *, salt: str, pk: int, digest: str) -> bool:
    """Constant-time check of a presented `derived_token`; never for a row without a
    digest."""
    expected = derived_token(salt=salt, pk=pk, digest=digest)
    return bool(digest) and hmac.compare_digest(expected.encode(), (token or "").encode())


class UnknownLink(Http404):
    """No `kind` ("registration", "meeting", "application") has this link's token: it was
    cut short or mistyped, or a later e-mail carried a newer link that replaced it. The
    404 page then says so and what to do, not its usual words about unpublished
    profiles (see fairportal.views.page_not_found)."""

    KINDS = ("registration", "meeting", "application")

    def __init__(self, kind: str):
        if kind not in self.KINDS:
            raise ValueError(f"Unknown kind of link: {kind!r}")
        super().__init__(f"No {kind} has this link")
        self.kind = kind
