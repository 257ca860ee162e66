"""Who must sign in with a second factor: the superuser always, and whoever holds a role
that one of their districts' sign-in policies names (lattice.accounts.models.SignInPolicy).

Decided from the same scope the access layer builds (lattice.people.access.scope_for), so a
principal who stops leading a school stops being a principal here too. A district that never
saved a policy gets the model's defaults (talent officers must).

The middleware asks on every page, so :func:`second_factor_state` answers "enrolled?" and
"required?" in one plain query, deciding the rest in Python from the scope it already holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.mfa.models import Authenticator
from django.db.models import BooleanField, Exists, OuterRef, Q, Value

from lattice.accounts.models import SignInPolicy
from lattice.lib.fields import model_field
from lattice.people.access import scope_for
from lattice.people.models import District, School

FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


@dataclass(frozen=True)
class SecondFactorState:
    enrolled: bool  # has an authenticator app or a passkey (recovery codes alone do not count)
    required: bool  # their role requires two-factor sign-in


def policy_for(district: District) -> SignInPolicy:
    """The district's policy, or the defaults when it has never saved one (unsaved)."""
    found = SignInPolicy.objects.filter(district=district).first()
    return found or SignInPolicy(district=district)


def second_factor_state(user: Any) -> SecondFactorState:
    """Whether ``user`` has a second factor and whether they must (cached on the user).

    One plain query: the user's districts (from the scope, which already holds their grants,
    staff record and schools) with each one's policy, whether the user leads or evaluates at
    one of its schools, and whether the user has enrolled; the rule is then decided here. The
    middleware asks on every page, and a composed SQL expression cost more to build than to
    run.
    """
    cached = getattr(user, "_lattice_second_factor_state", None)
    if cached is not None:
        return cached
    scope = scope_for(user)
    enrolled = Exists(Authenticator.objects.filter(user_id=user.pk, type__in=list(FACTOR_TYPES)))
    led = scope.led_school_ids
    evaluated = frozenset(school for school, _ in scope.evaluated_school_years)
    officer = frozenset(d for d in scope.officer_district_ids if d is not None)
    member = Q(pk__in=officer) | Q(network_id__in=scope.network_ids)
    if scope.own_district_id is not None:
        member |= Q(pk=scope.own_district_id)
    if led or evaluated:
        member |= Q(pk__in=School.objects.filter(pk__in=led | evaluated).values("district_id"))
    rows: list[tuple[Any, ...]] = (
        []
        if scope.is_superuser
        else list(
            District.objects.filter(member)
            .annotate(
                enrolled=enrolled,
                leads=_has_school(led),
                evaluates=_has_school(evaluated),
            )
            .values_list(
                "pk",
                "network_id",
                "sign_in_policy__pk",
                "sign_in_policy__two_factor_for_officers",
                "sign_in_policy__two_factor_for_everyone",
                "sign_in_policy__two_factor_for_principals",
                "sign_in_policy__two_factor_for_evaluators",
                "enrolled",
                "leads",
                "evaluates",
            )
            .order_by()
        )
    )
    if rows:
        is_enrolled = bool(rows[0][7])
    else:  # in no district (or the superuser): ask about the second factor alone
        is_enrolled = Authenticator.objects.filter(
            user_id=user.pk, type__in=list(FACTOR_TYPES)
        ).exists()
    required = scope.is_superuser
    for pk, network_id, policy, officers, everyone, principals, evaluators, _, leads, evals in rows:
        if policy is None:  # a district that never saved a policy: the defaults
            officers, everyone, principals, evaluators = _DEFAULTS
        in_office = pk in officer or network_id in scope.network_ids
        # Office holders must unless every one of their districts has said otherwise.
        required = required or bool(
            (in_office and officers) or everyone or (leads and principals) or (evals and evaluators)
        )
    state = SecondFactorState(enrolled=is_enrolled, required=bool(required))
    user._lattice_second_factor_state = state
    return state


def _has_school(school_ids: frozenset[int]) -> Any:
    """A SQL expression: the district holds one of ``school_ids``."""
    if not school_ids:
        return Value(False, output_field=BooleanField())
    return Exists(School.objects.filter(district_id=OuterRef("pk"), pk__in=school_ids))


# What a district that never saved a policy requires: the model's defaults.
_DEFAULTS = tuple(
    bool(model_field(SignInPolicy, name).get_default())
    for name in (
        "two_factor_for_officers",
        "two_factor_for_everyone",
        "two_factor_for_principals",
        "two_factor_for_evaluators",
    )
)


def two_factor_required(user: Any) -> bool:
    """Whether ``user`` may use Lattice only after enrolling and entering a second factor."""
    if user is None or not user.is_authenticated:
        return False
    return second_factor_state(user).required
