"""Token secrets: made from 32 random bytes, recognisable by their ``lat_`` prefix, compared
by digest only. A 256-bit random secret needs no salt or slow hash (there is nothing to
guess); SHA-256 lets a lookup find the row by its digest in one indexed query."""

from __future__ import annotations

import hashlib
import secrets

MARK = "lat_"
PREFIX_LENGTH = 12  # "lat_" and the first eight characters of the random part


def new_secret() -> str:
    return MARK + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def prefix(secret: str) -> str:
    return secret[:PREFIX_LENGTH]


def new_signing_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)
