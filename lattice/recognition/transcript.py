"""A teacher's leadership transcript: roles served, pathway reached, honours and credentials,
as one Comprehensive Learner Record 2.0 document (``ClrCredential``) and a printable page.

The CLR embeds each credential as issued (signed as VC-JWT) and is itself unsigned here: it is
the teacher's own download, assembled on request; each embedded credential verifies alone.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from lattice.lib.actors import Actor
from lattice.lib.placements import pathway_placement
from lattice.people.models import StaffMember
from lattice.recognition import queries
from lattice.recognition.models import RoleTerm
from lattice.recognition.openbadges import credential as ob
from lattice.recognition.openbadges.jsonld import CLR_V2, OB_V3, VC_V2


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


def clr(user: Actor, staff: StaffMember) -> dict[str, Any]:
    found = page(user, staff)
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
            "verifiableCredential": [a.credential_jwt for a in found["awards"]],
            "achievement": [ob.achievement_json(a.achievement) for a in found["awards"]],
        },
    }
