"""Verifying a credential the way the OB 3.0 specification's verifier does (its "Verification"
section): JSON Schema, proof, status, validity dates, and optionally the recipient's email.

The public verification page and the JSON verify endpoint use this. It takes the key ring and
status list as plain values, so it reads no database; the caller resolves the ``kid`` and the
``statusListCredential`` the way a remote verifier would fetch them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lattice.lib.formatting import day
from lattice.recognition.openbadges import keys, schema, status
from lattice.recognition.openbadges.credential import identity_hash
from lattice.recognition.openbadges.jsonld import UnsafeJsonLd, expand_safely


@dataclass(frozen=True)
class Check:
    name: str  # what was checked, as a verifier page lists it
    passed: bool
    detail: str


@dataclass(frozen=True)
class Verification:
    checks: list[Check] = field(default_factory=list)
    credential: dict[str, Any] | None = None

    @property
    def valid(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    @property
    def revoked(self) -> bool:
        return any(c.name == "Not revoked" and not c.passed for c in self.checks)

    @property
    def summary(self) -> str:
        if self.valid:
            return "Valid: signed by its issuer, unchanged, not revoked and in date."
        if self.revoked:
            return "Revoked: the issuer has withdrawn this credential."
        failed = [c.name.lower() for c in self.checks if not c.passed]
        return "Not valid: " + ", ".join(failed) + "."


KeyLookup = Callable[[str], dict[str, Any] | None]  # kid URL → public JWK
StatusLookup = Callable[[str], str | None]  # status list credential URL → its VC-JWT


def verify(
    token: str,
    find_key: KeyLookup,
    find_status_list: StatusLookup,
    *,
    now: dt.datetime,
    email: str = "",
) -> Verification:
    checks: list[Check] = []
    header, credential = _unverified(token)
    if credential is None:
        return Verification([Check("Readable", False, "This is not a VC-JWT.")])
    jwk = find_key(str(header.get("kid", "")))
    signed = keys.verify(token, jwk) if jwk is not None else None
    checks.append(
        Check(
            "Signature",
            signed is not None,
            "Signed with the issuer's published key."
            if signed
            else "The signature does not match the issuer's published keys.",
        )
    )
    if signed is not None:
        credential = signed[1]["vc"]
        claims = signed[1]
        mirrors = claims.get("iss") == credential.get("issuer", {}).get("id") and claims.get(
            "jti"
        ) == credential.get("id")
        checks.append(
            Check(
                "Claims match",
                mirrors,
                "The signature's wrapper names the same issuer and credential as the credential."
                if mirrors
                else "The signature's wrapper names a different issuer or credential than the "
                "credential inside it.",
            )
        )
    clr = "ClrCredential" in (credential.get("type") or [])
    found = schema.problems(credential, schema.CLR_SCHEMA_URL if clr else schema.SCHEMA_URL)
    named = "CLR 2.0" if clr else "OB 3.0"
    checks.append(
        Check("Schema", not found, "; ".join(found[:3]) or f"Matches the 1EdTech {named} schema.")
    )
    try:
        expand_safely(credential)
        checks.append(Check("JSON-LD", True, "Every term is defined by its contexts."))
    except UnsafeJsonLd as exc:
        checks.append(Check("JSON-LD", False, str(exc)))
    checks.append(_status(credential, find_key, find_status_list))
    checks.extend(_dates(credential, now))
    if email:
        checks.append(_recipient(credential, email))
    return Verification(checks, credential)


def _unverified(token: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    import base64
    import json

    try:
        head, body, _ = token.split(".")
        pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
        header = json.loads(base64.urlsafe_b64decode(pad(head)))
        claims = json.loads(base64.urlsafe_b64decode(pad(body)))
        vc = claims.get("vc")
        return header, vc if isinstance(vc, dict) else None
    except (ValueError, AttributeError):
        return {}, None


def _status(credential: dict[str, Any], find_key: KeyLookup, find_list: StatusLookup) -> Check:
    entry = credential.get("credentialStatus") or {}
    if entry.get("type") != "BitstringStatusListEntry":
        return Check("Not revoked", True, "The credential has no status entry.")
    token = find_list(str(entry.get("statusListCredential", "")))
    if token is None:
        return Check("Not revoked", False, "The issuer's status list could not be read.")
    header, _ = _unverified(token)
    jwk = find_key(str(header.get("kid", "")))
    signed = keys.verify(token, jwk) if jwk is not None else None
    if signed is None:
        return Check("Not revoked", False, "The status list's signature does not match.")
    encoded = signed[1]["vc"]["credentialSubject"]["encodedList"]
    try:
        revoked = status.is_set(encoded, int(entry["statusListIndex"]))
    except (ValueError, KeyError):
        return Check("Not revoked", False, "The status entry does not fit the list.")
    return Check(
        "Not revoked",
        not revoked,
        "The issuer has revoked this credential." if revoked else "Not revoked by the issuer.",
    )


def _dates(credential: dict[str, Any], now: dt.datetime) -> list[Check]:
    def parse(value: str) -> dt.datetime:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))

    found = []
    try:
        start = parse(credential["validFrom"])
        found.append(
            Check("In date", start <= now, f"Valid from {day(start)}.")
            if start <= now
            else Check("In date", False, f"Not valid until {day(start)}.")
        )
        if "validUntil" in credential:
            end = parse(credential["validUntil"])
            found.append(
                Check("Not expired", now <= end, f"Valid until {day(end)}.")
                if now <= end
                else Check("Not expired", False, f"Expired on {day(end)}.")
            )
    except (KeyError, ValueError):
        found.append(Check("In date", False, "The validity dates cannot be read."))
    return found


def _recipient(credential: dict[str, Any], email: str) -> Check:
    for identity in credential.get("credentialSubject", {}).get("identifier", []):
        if identity.get("identityType") == "emailAddress" and identity.get(
            "identityHash"
        ) == identity_hash(email, identity.get("salt", "")):
            return Check("Recipient", True, "Issued to this email address.")
    return Check("Recipient", False, "Not issued to this email address.")
