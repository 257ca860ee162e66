"""An award as an Open Badges 3.0 ``OpenBadgeCredential`` (W3C VC Data Model 2.0), and the
district's issuer profile and status-list credential.

The recipient is named only by a salted SHA-256 hash of their email (``identityHash``), so
the credential itself leaks no address; the teacher proves it is theirs by their email.
Alignments point at the Teacher Leader Model Standards function each achievement serves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.urls import reverse

from lattice.lib.site_url import site_url
from lattice.recognition.openbadges.jsonld import OB_V3, VC_V2
from lattice.recognition.openbadges.schema import SCHEMA_TYPE, SCHEMA_URL
from lattice.recognition.tlms import FUNCTIONS, TLMS_FRAMEWORK, TLMS_URL


def absolute(path: str) -> str:
    """``path`` under the configured site URL (:mod:`lattice.lib.site_url`), never the host a
    request came in on: a credential's ids must not depend on who issued it from where."""
    return f"{site_url()}{path}"


def issuer_id(district_key: str) -> str:
    return absolute(reverse("recognition:issuer", args=[district_key]))


def key_url(district_key: str, kid: str) -> str:
    return absolute(reverse("recognition:issuer-key", args=[district_key, kid]))


def status_list_url(district_key: str) -> str:
    return absolute(reverse("recognition:status-list", args=[district_key]))


def credential_url(public_id: Any) -> str:
    return absolute(reverse("recognition:credential", args=[public_id]))


def achievement_url(district_key: str, key: str) -> str:
    return absolute(reverse("recognition:achievement-public", args=[district_key, key]))


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0 IdentityHash: 'sha256$' + hex SHA-256 of the email followed by the salt."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def issuer_profile(district: Any) -> dict[str, Any]:
    return {
        "id": issuer_id(district.key),
        "type": ["Profile"],
        "name": district.name,
        "url": site_url() + "/",
    }


def alignments(codes: str) -> list[dict[str, Any]]:
    found = []
    for code in codes.split():
        if code in FUNCTIONS:
            found.append(
                {
                    "type": ["Alignment"],
                    "targetCode": f"TLMS-{code}",
                    "targetName": FUNCTIONS[code],
                    "targetFramework": TLMS_FRAMEWORK,
                    "targetUrl": TLMS_URL,
                }
            )
    return found


def achievement_json(achievement: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": achievement_url(achievement.district.key, achievement.key),
        "type": ["Achievement"],
        "achievementType": achievement.achievement_type,
        "name": achievement.name,
        "description": achievement.description,
        "criteria": {"narrative": achievement.criteria},
    }
    aligned = alignments(achievement.tlms_functions)
    if aligned:
        body["alignment"] = aligned
    return body


def open_badge_credential(award: Any, email: str, district: Any) -> dict[str, Any]:
    """The unsigned credential of ``award`` (its id, dates, recipient hash and status entry)."""
    index = str(award.status_index)
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "hashed": True,
                "identityHash": identity_hash(email, award.salt),
                "identityType": "emailAddress",
                "salt": award.salt,
            }
        ],
        "achievement": achievement_json(award.achievement),
    }
    if award.narrative:
        subject["narrative"] = award.narrative
    credential: dict[str, Any] = {
        "@context": [VC_V2, OB_V3],
        "id": credential_url(award.public_id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(district),
        "validFrom": timestamp(award.awarded_on),
        "awardedDate": timestamp(award.awarded_on),
        "name": award.achievement.name,
        "credentialSubject": subject,
        "credentialSchema": [{"id": SCHEMA_URL, "type": SCHEMA_TYPE}],
        "credentialStatus": {
            "id": f"{status_list_url(district.key)}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": index,
            "statusListCredential": status_list_url(district.key),
        },
    }
    if award.valid_until:
        credential["validUntil"] = timestamp(award.valid_until)
    return credential


def jwt_claims(credential: dict[str, Any]) -> dict[str, Any]:
    """VC-JWT claims: the credential under ``vc``, mirrored by iss, jti, nbf (and exp)."""
    claims: dict[str, Any] = {
        "vc": credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": _epoch(credential["validFrom"]),
    }
    subject_id = credential.get("credentialSubject", {}).get("id")
    if subject_id:
        claims["sub"] = subject_id
    if "validUntil" in credential:
        claims["exp"] = _epoch(credential["validUntil"])
    return claims


def _epoch(stamp: str) -> int:
    return int(dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp())


def status_list_credential(district: Any, encoded_list: str, on: dt.date) -> dict[str, Any]:
    url = status_list_url(district.key)
    return {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(district.key),
        "validFrom": timestamp(on),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list,
        },
    }
