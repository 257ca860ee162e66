"""The code an authenticator app shows for a key, for the demo's printed log-ins and tests.

Lattice never checks codes with this (allauth's MFA does, with replay protection); it only
lets `lattice users` show the demo officer's current code (RFC 6238: HMAC-SHA1, 30-second
steps, six digits).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time


def current_code(secret: str, at: float | None = None, step: int = 30) -> str:
    counter = int((time.time() if at is None else at) // step)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
