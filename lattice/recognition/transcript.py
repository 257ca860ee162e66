"""A teacher's leadership transcript: roles served, pathway reached, honours and credentials,
as one Comprehensive Learner Record 2.0 document (``ClrCredential``) and a printable page.

The CLR bundles each credential as issued (each also verifies alone, by its id) and lists the
roles served and the pathway reached as achievements. The district signs the whole document as
a VC-JWT with the key that signs its badges, after checking it against the 1EdTech CLR 2.0
schema and JSON-LD safe mode, so a verifier can check the transcript as one credential.
CLR 2.0 asks for at least one credential: with none, there is no CLR to download.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from lattice.lib.actors import Actor
from lattice.lib.formatting import day, month
from lattice.lib.placements import pathway_placement
from lattice.people.models import StaffMember
from lattice.recognition import queries
from lattice.recognition.actions import current_key
from lattice.recognition.models import RoleTerm
from lattice.recognition.openbadges import credential as ob
from lattice.recognition.openbadges import keys, schema
from lattice.recognition.openbadges.jsonld import CLR_V2, OB_V3, VC_V2, UnsafeJsonLd, expand_safely


class NoCredentials(LookupError):
    """The teacher holds no credential yet, and a CLR lists at least one."""


def terms_of(staff: StaffMember) -> list[RoleTerm]:
    return list(RoleTerm.objects.filter(staff_member=staff).order_by("-school_year_start"))


def page(user: Actor, staff: StaffMember) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "me": staff,
        "terms": terms_of(staff),
        "pathway": pathway_placement(staff.district_id, staff.pk, today),
        "awards": [a for a in queries.honours_of(user, staff) if not a.revoked],
        "today": today,
    }


def _listed(staff: StaffMember, found: dict[str, Any]) -> list[dict[str, Any]]:
    """Roles served and the pathway reached, as CLR achievements (no credential of their own)."""
    district = staff.district
    issuer = ob.issuer_profile(district)
    listed = []
    for term in found["terms"]:
        listed.append(
            {
                "id": ob.absolute(f"/recognition/transcript/{staff.pk}/roles/{term.pk}"),
                "type": ["Achievement"],
                "achievementType": "ext:RoleServed",
                "name": term.title,
                "description": f"Served as {term.title} in the school year starting "
                f"{month(term.school_year_start)}.",
                "criteria": {"narrative": f"Assigned the role by {district.name}."},
                "creator": issuer,
            }
        )
    placement = found["pathway"]
    if placement is not None:
        listed.append(
            {
                "id": ob.absolute(f"/recognition/transcript/{staff.pk}/pathway/{placement.key}"),
                "type": ["Achievement"],
                "achievementType": "ext:PathwayReached",
                "name": placement.label,
                "description": f"Placed on {placement.label} on {day(found['today'])}.",
                "criteria": {"narrative": f"{district.name}'s pathway policy."},
                "creator": issuer,
            }
        )
    return listed


def clr(user: Actor, staff: StaffMember) -> dict[str, Any]:
    """The unsigned ClrCredential; raises NoCredentials when the teacher holds none."""
    found = page(user, staff)
    if not found["awards"]:
        raise NoCredentials(
            f"{staff.display_name} holds no credential yet; a Comprehensive Learner Record "
            "lists at least one."
        )
    district = staff.district
    email = staff.user.email if staff.user and staff.user.email else staff.email
    salt = f"clr-{staff.pk}"
    return {
        "@context": [VC_V2, CLR_V2, OB_V3],
        "id": ob.absolute(f"/recognition/transcript/{staff.pk}"),
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": ob.issuer_profile(district),
        "validFrom": ob.timestamp(found["today"]),
        "name": f"Leadership transcript of {staff.display_name}",
        "partial": False,
        "credentialSubject": {
            "type": ["ClrSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "hashed": True,
                    "identityHash": ob.identity_hash(email or "", salt),
                    "identityType": "emailAddress",
                    "salt": salt,
                }
            ],
            "verifiableCredential": [a.credential for a in found["awards"]],
            "achievement": [ob.achievement_json(a.achievement) for a in found["awards"]]
            + _listed(staff, found),
        },
        "credentialSchema": [{"id": schema.CLR_SCHEMA_URL, "type": schema.SCHEMA_TYPE}],
    }


class UnfitTranscript(ValueError):
    """The CLR would not match the CLR 2.0 schema or JSON-LD safe mode (a bug, not input)."""


def signed_clr(user: Actor, staff: StaffMember) -> str:
    """The ClrCredential as a VC-JWT signed with the district's current key, after the CLR 2.0
    schema and JSON-LD checks; raises NoCredentials or UnfitTranscript."""
    body = clr(user, staff)
    found = schema.problems(body, schema.CLR_SCHEMA_URL)
    if found:
        raise UnfitTranscript("The transcript does not match the CLR 2.0 schema: " + found[0])
    try:
        expand_safely(body)
    except UnsafeJsonLd as exc:
        raise UnfitTranscript(f"The transcript is not valid JSON-LD: {exc}") from exc
    key = current_key(staff.district)
    return keys.sign(ob.jwt_claims(body), key.kid, ob.key_url(staff.district.key, key.kid))
