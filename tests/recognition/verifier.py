"""An Open Badges 3.0 verifier written for the tests from the specification's "Verification"
steps, sharing no code with Lattice's own (``lattice.recognition.openbadges``): it fetches what
a remote verifier would fetch (the key by the JWT's ``kid``, the status list credential) over
Lattice's public URLs with a test client, and checks with joserfc, jsonschema and gzip directly.

Steps: (1) JSON Schema (the 1EdTech schema named in ``credentialSchema``); (2) the VC-JWT proof
and its claims mirroring the credential; (4) status (Bitstring Status List) and the validity
dates; (5) the recipient's salted email hash. ``verify_clr`` checks a CLR 2.0 transcript the
same way: its proof and claims, the CLR schema (which refers to the OB schema by its ``$id``,
resolved here from the bundled file), and each embedded credential against the OB schema.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey
from jsonschema import Draft201909Validator
from referencing import Registry, Resource

BUNDLED = Path(__file__).parents[2] / "lattice/recognition/openbadges/bundled"
SCHEMA = BUNDLED / "ob_v3p0_achievementcredential_schema.json"
CLR_SCHEMA = BUNDLED / "clr_v2p0_clrcredential_schema.json"


def _b64(part: str) -> Any:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _get(client: Any, url: str) -> Any:
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response


def _signed_claims(client: Any, token: str) -> dict[str, Any] | None:
    header = _b64(token.split(".")[0])
    jwk = _get(client, header["kid"]).json()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return dict(jwt.decode(token, OKPKey.import_key(jwk), algorithms=["EdDSA"]).claims)
        except (JoseError, ValueError):
            return None


def verify(client: Any, token: str, *, now: dt.datetime, email: str = "") -> dict[str, bool]:
    result: dict[str, bool] = {}
    claims = _signed_claims(client, token)
    result["proof"] = claims is not None
    vc = claims["vc"] if claims else _b64(token.split(".")[1])["vc"]
    if claims:
        result["claims"] = (
            claims["iss"] == vc["issuer"]["id"]
            and claims["jti"] == vc["id"]
            and claims["nbf"] == int(dt.datetime.fromisoformat(vc["validFrom"]).timestamp())
        )
    schemas = [s for s in vc["credentialSchema"] if s["type"] == "1EdTechJsonSchemaValidator2019"]
    schema = json.loads(SCHEMA.read_text())
    assert schemas
    assert schemas[0]["id"] == schema["$id"]
    result["schema"] = Draft201909Validator(schema).is_valid(vc)
    entry = vc["credentialStatus"]
    list_claims = _signed_claims(client, _get(client, entry["statusListCredential"]).text)
    assert list_claims is not None, "the status list credential's signature does not verify"
    encoded = list_claims["vc"]["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    index = int(entry["statusListIndex"])
    result["not_revoked"] = not bits[index // 8] & (0x80 >> (index % 8))
    result["started"] = dt.datetime.fromisoformat(vc["validFrom"]) <= now
    if "validUntil" in vc:
        result["not_expired"] = now <= dt.datetime.fromisoformat(vc["validUntil"])
    if email:
        identity = vc["credentialSubject"]["identifier"][0]
        digest = hashlib.sha256((email + identity["salt"]).encode()).hexdigest()
        result["recipient"] = identity["identityHash"] == f"sha256${digest}"
    return result


def verify_clr(client: Any, token: str) -> dict[str, bool]:
    """The CLR's proof, claims, CLR 2.0 schema, and each embedded credential's OB schema."""
    result: dict[str, bool] = {}
    claims = _signed_claims(client, token)
    result["proof"] = claims is not None
    vc = claims["vc"] if claims else _b64(token.split(".")[1])["vc"]
    if claims:
        result["claims"] = claims["iss"] == vc["issuer"]["id"] and claims["jti"] == vc["id"]
    ob_schema = json.loads(SCHEMA.read_text())
    clr_schema = json.loads(CLR_SCHEMA.read_text())
    assert vc["credentialSchema"][0]["id"] == clr_schema["$id"]
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in (ob_schema, clr_schema)
    )
    result["schema"] = Draft201909Validator(clr_schema, registry=registry).is_valid(vc)
    embedded = vc["credentialSubject"]["verifiableCredential"]
    result["embedded_schema"] = bool(embedded) and all(
        Draft201909Validator(ob_schema).is_valid(c) for c in embedded
    )
    return result
