"""Who must sign in with a second factor: the superuser always, and whoever holds a role
that one of their districts' sign-in policies names (lattice.accounts.models.SignInPolicy).

Decided from the same scope the access layer builds (lattice.people.access.scope_for), so a
principal who stops leading a school stops being a principal here too. A district that never
saved a policy gets the model's defaults (talent officers must).

The middleware asks on every page, so :func:`second_factor_state` answers "enrolled?" and
"required?" in one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from lattice.accounts.models import SignInPolicy
from lattice.people.access import scope_for
from lattice.people.models import District

FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


@dataclass(frozen=True)
class SecondFactorState:
    enrolled: bool  # has an authenticator app or a passkey (recovery codes alone do not count)
    required: bool  # their role requires two-factor sign-in


def policy_for(district: District) -> SignInPolicy:
    """The district's policy, or the defaults when it has never saved one (unsaved)."""
    found = SignInPolicy.objects.filter(district=district).first()
    return found or SignInPolicy(district=district)


def _required_expression(user: Any) -> Any:
    """A SQL expression: some district of the user's requires two-factor of their role."""
    scope = scope_for(user)
    led = list(scope.led_school_ids)
    evaluated = sorted({school for school, _ in scope.evaluated_school_years})
    office = Q(pk__in=list(scope.officer_district_ids)) | Q(network_id__in=list(scope.network_ids))
    # Office holders must unless every one of their districts has said otherwise.
    officer_rule = Exists(
        District.objects.filter(office).exclude(sign_in_policy__two_factor_for_officers=False)
    )
    member = office | Q(schools__pk__in=led + evaluated)
    if scope.own_staff_id is not None:
        member |= Q(staff__pk=scope.own_staff_id)
    others = Q(two_factor_for_everyone=True, district__in=District.objects.filter(member))
    if led:
        others |= Q(two_factor_for_principals=True, district__schools__pk__in=led)
    if evaluated:
        others |= Q(two_factor_for_evaluators=True, district__schools__pk__in=evaluated)
    return officer_rule | Exists(SignInPolicy.objects.filter(others))


def second_factor_state(user: Any) -> SecondFactorState:
    """Whether ``user`` has a second factor and whether they must (cached on the user)."""
    cached = getattr(user, "_lattice_second_factor_state", None)
    if cached is not None:
        return cached
    enrolled = Exists(
        Authenticator.objects.filter(user_id=OuterRef("pk"), type__in=list(FACTOR_TYPES))
    )
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(enrolled=enrolled, required=_required_expression(user))
        .values("enrolled", "required")
        .first()
    ) or {"enrolled": False, "required": False}
    state = SecondFactorState(
        enrolled=bool(row["enrolled"]), required=bool(user.is_superuser or row["required"])
    )
    user._lattice_second_factor_state = state
    return state


def two_factor_required(user: Any) -> bool:
    """Whether ``user`` may use Lattice only after enrolling and entering a second factor."""
    if user is None or not user.is_authenticated:
        return False
    return second_factor_state(user).required
