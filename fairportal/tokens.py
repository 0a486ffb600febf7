"""Secret tokens in links: long, random, stored only as a SHA-256 digest."""

import hashlib
import hmac
import secrets


def new_token() -> tuple[str, str]:
    """A fresh (token, digest) pair: the link carries the token, the database the digest."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def token_matches(token: str, digest: str) -> bool:
    """Constant-time comparison of a presented token with a stored digest."""
    return hmac.compare_digest(hash_token(token), digest or "")
