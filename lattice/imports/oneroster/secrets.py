"""The roster connection's client secret, encrypted at rest.

Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) with a key derived from Django's
``SECRET_KEY`` by HKDF, so a database dump alone does not reveal the secret. The page never
shows it again; changing ``SECRET_KEY`` makes it unreadable, and the connection then says so
and asks for the secret again.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_INFO = b"lattice.imports.roster-connection.client-secret"


class SecretUnreadable(ValueError):
    """The stored secret cannot be decrypted (SECRET_KEY changed, or it was never set)."""


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        raise SecretUnreadable("no client secret is saved — enter it on the connection page")
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable(
            "the saved client secret cannot be read (the server's SECRET_KEY changed) — enter "
            "it again on the connection page"
        ) from None
