"""Secret tokens in links: long, random, stored only as a SHA-256 digest."""

import hashlib
import hmac
import secrets

from django.http import Http404


def new_token() -> tuple[str, str]:
    """A fresh (token, digest) pair: the link carries the token, the database the digest."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def token_matches(token: str, digest: str) -> bool:
    """Constant-time comparison of a presented token with a stored digest."""
    return hmac.compare_digest(hash_token(token), digest or "")


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
