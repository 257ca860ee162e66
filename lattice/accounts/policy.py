"""Who must sign in with a second factor: the superuser always, and whoever holds a role
that one of their districts' sign-in policies names (lattice.accounts.models.SignInPolicy).

Decided from the same scope the access layer builds (lattice.people.access.scope_for), so a
principal who stops leading a school stops being a principal here too.
"""

from __future__ import annotations

from typing import Any

from lattice.accounts.models import SignInPolicy
from lattice.people.access import scope_for
from lattice.people.models import District, School, StaffMember

DEFAULT_POLICY = SignInPolicy()


def policy_for(district: District) -> SignInPolicy:
    """The district's policy, or the defaults when it has never saved one (unsaved)."""
    found = SignInPolicy.objects.filter(district=district).first()
    return found or SignInPolicy(district=district)


def two_factor_required(user: Any) -> bool:
    """Whether ``user`` may use Lattice only after enrolling and entering a second factor."""
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_lattice_two_factor_required", None)
    if cached is not None:
        return bool(cached)
    required = user.is_superuser or _required_by_a_district(user)
    user._lattice_two_factor_required = required
    return required


def _required_by_a_district(user: Any) -> bool:
    scope = scope_for(user)
    officer = set(scope.officer_district_ids)
    if scope.network_ids:
        officer |= set(
            District.objects.filter(network_id__in=scope.network_ids).values_list("pk", flat=True)
        )
    principal = set(
        School.objects.filter(pk__in=scope.led_school_ids).values_list("district_id", flat=True)
    )
    evaluator = set(
        School.objects.filter(
            pk__in={school for school, _ in scope.evaluated_school_years}
        ).values_list("district_id", flat=True)
    )
    member = set(officer | principal | evaluator)
    if scope.own_staff_id is not None:
        member |= set(
            StaffMember.objects.filter(pk=scope.own_staff_id).values_list("district_id", flat=True)
        )
    if not member:
        return False
    saved = {p.district_id: p for p in SignInPolicy.objects.filter(district_id__in=member)}

    def policy(district_id: int) -> SignInPolicy:
        return saved.get(district_id, DEFAULT_POLICY)

    return (
        any(policy(d).two_factor_for_officers for d in officer)
        or any(policy(d).two_factor_for_principals for d in principal)
        or any(policy(d).two_factor_for_evaluators for d in evaluator)
        or any(policy(d).two_factor_for_everyone for d in member)
    )
