"""A district's signing keys: Ed25519 through joserfc, the private half in a file under
LATTICE_VAR_DIR/private (readable by the owner only), the public half stored and published.

Why files: the database is backed up, exported and read by support staff; a signing key that
leaks lets anyone mint the district's credentials. The key ring keeps retired keys' public
halves, so credentials signed before a rotation still verify.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from pathlib import Path
from typing import Any

from django.conf import settings
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

ALGORITHM = "EdDSA"


class KeyMissing(LookupError):
    """The private half of a key is not on this server (restored without LATTICE_VAR_DIR)."""


def key_dir() -> Path:
    # In the private store (LATTICE_VAR_DIR/private), which `lattice backup` archives with the
    # database, so a restored server goes on signing; nothing there is ever served.
    path = Path(settings.MEDIA_ROOT) / "recognition-keys"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _path(kid: str) -> Path:
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", kid):
        raise ValueError(f"'{kid}' is not a key id")
    return key_dir() / f"{kid}.jwk.json"


def generate(kid: str) -> dict[str, Any]:
    """Make a key, write its private half to its file, return the public JWK."""
    key = OKPKey.generate_key("Ed25519", parameters={"kid": kid, "alg": ALGORITHM, "use": "sig"})
    path = _path(kid)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(key.as_dict(private=True), out)
    public: dict[str, Any] = key.as_dict(private=False)
    return public


def private_key(kid: str) -> OKPKey:
    path = _path(kid)
    if not path.exists():
        raise KeyMissing(
            f"The signing key {kid} is not in {key_dir()}: restore LATTICE_VAR_DIR or rotate "
            "the district's key."
        )
    return OKPKey.import_key(json.loads(path.read_text(encoding="utf-8")))


def public_key(jwk: dict[str, Any]) -> OKPKey:
    return OKPKey.import_key(jwk)


def sign(claims: dict[str, Any], kid: str, kid_url: str) -> str:
    """A compact JWS of ``claims``, header ``alg: EdDSA`` and ``kid`` the key's URL."""
    with warnings.catch_warnings():
        # joserfc warns that RFC 9864 prefers the alg name "Ed25519"; OB 3.0 verifiers and the
        # 1EdTech conformance suite expect "EdDSA", the name VC-JWT uses.
        warnings.simplefilter("ignore")
        return jwt.encode(
            {"alg": ALGORITHM, "typ": "JWT", "kid": kid_url},
            claims,
            private_key(kid),
            algorithms=[ALGORITHM],
        )


def verify(token: str, jwk: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(header, claims) when ``token`` is signed by ``jwk``; None when it is not."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            decoded = jwt.decode(token, public_key(jwk), algorithms=[ALGORITHM])
        except (JoseError, ValueError):
            return None
    return dict(decoded.header), dict(decoded.claims)
