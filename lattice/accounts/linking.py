"""Which Lattice account a single sign-on belongs to, and only within the provider's district.

In order:

1. the provider's stable subject already linked to an account (allauth's SocialAccount):
   that account, if it still belongs to the district;
2. the roster id the provider sends (Clever and ClassLink ids, ClassLink's ``SourcedId``, or
   a claim the district names) equal to an active staff member's OneRoster ``sourcedId`` or
   HR employee id in the district: that staff member's account, created if they have none;
3. a provider-verified email equal to exactly one active staff member's (or office holder's)
   in the district: nothing yet; an officer reviews the match first (:class:`LinkRequest`);
4. anything else is refused. Nobody is ever created as staff by signing in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from lattice.accounts.claims import Identity
from lattice.accounts.models import IdentityProvider
from lattice.people.models import AccessGrant, StaffMember


@dataclass(frozen=True)
class Match:
    """``how`` is "linked", "roster" or "email"; ``user`` is None when a staff member matched
    by roster id has no log-in yet (one is created for them)."""

    how: str
    user: Any = None
    staff: StaffMember | None = None


def belongs_to_district(user: Any, provider: IdentityProvider) -> bool:
    """The account's active staff record or an office grant is in the provider's district."""
    district = provider.district
    return (
        StaffMember.objects.filter(user=user, district=district, active=True).exists()
        or AccessGrant.objects.filter(
            user=user, district=district, role=AccessGrant.Role.TALENT_OFFICER
        ).exists()
    )


def by_roster_id(provider: IdentityProvider, identity: Identity) -> Match | None:
    field = provider.roster_field
    if not field or not identity.roster_id:
        return None
    staff = list(
        StaffMember.objects.filter(
            district=provider.district, active=True, **{field: identity.roster_id}
        ).select_related("user")[:2]
    )
    if len(staff) != 1:
        return None
    return Match("roster", user=staff[0].user, staff=staff[0])


def by_email(provider: IdentityProvider, identity: Identity) -> Match | None:
    """The one account in the district with this email, for an officer to confirm."""
    if not provider.review_email_matches or not identity.email:
        return None
    staff = list(
        StaffMember.objects.filter(
            district=provider.district, active=True, email__iexact=identity.email
        ).select_related("user")[:2]
    )
    officers = list(
        get_user_model()
        .objects.filter(
            email__iexact=identity.email,
            is_active=True,
            access_grants__district=provider.district,
            access_grants__role=AccessGrant.Role.TALENT_OFFICER,
        )
        .distinct()[:2]
    )
    candidates = {("staff", s.pk): Match("email", user=s.user, staff=s) for s in staff}
    for user in officers:
        if not any(m.user is not None and m.user.pk == user.pk for m in candidates.values()):
            candidates[("user", user.pk)] = Match("email", user=user)
    if len(candidates) != 1:
        return None
    return next(iter(candidates.values()))
