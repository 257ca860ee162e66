"""What a district's role catalogue costs: the Iowa check, reusing the rules engine.

The arithmetic (share of teachers, default mix, supplements, coverage FTE, extra days) is
``lattice.rules.roles.role_plan``; this module only turns catalogue rows into the engine's
frozen role specs and adds the district's cost rates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lattice.rules.policy import Role, Roles
from lattice.rules.roles import RolePlan, required_in_roles, role_plan


@dataclass(frozen=True)
class CatalogueSpec:
    """The engine's view of a catalogue: just a key and its roles (what role_plan reads)."""

    key: str
    roles: Roles


def spec_for(
    district_key: str, roles: Iterable[object], *, target_share_percent: int, round_up: bool
) -> CatalogueSpec:
    """Frozen engine specs for catalogue roles (stipend pay only; units are not dollars)."""
    specs = tuple(
        Role(
            key=r.key,  # type: ignore[attr-defined]
            name=r.title,  # type: ignore[attr-defined]
            supplement=r.stipend_dollars if r.pay_kind == "stipend" else 0,  # type: ignore[attr-defined]
            extra_days=r.extra_days,  # type: ignore[attr-defined]
            release_percent=r.release_percent,  # type: ignore[attr-defined]
            default_share_percent=r.default_share_percent,  # type: ignore[attr-defined]
            source=r.source,  # type: ignore[attr-defined]
        )
        for r in roles
    )
    return CatalogueSpec(
        key=district_key,
        roles=Roles(
            minimum_share_percent=target_share_percent,
            round_up=round_up,
            roles=specs,
            source="district role catalogue",
        ),
    )


def plan(spec: CatalogueSpec, teachers: int, mix: Mapping[str, int] | None = None) -> RolePlan:
    """The engine's plan: leaders required, and what the mix (default: shares) costs."""
    return role_plan(spec, teachers, mix)  # type: ignore[arg-type]


def leaders_required(spec: CatalogueSpec, teachers: int) -> int:
    return required_in_roles(spec.roles, teachers)


@dataclass(frozen=True)
class SystemCost:
    supplements: int
    coverage_fte: Decimal
    coverage_cost: int
    extra_days: int
    extra_day_cost: int

    @property
    def total(self) -> int:
        return self.supplements + self.coverage_cost + self.extra_day_cost


def to_decimal(value: Fraction | Decimal | int) -> Decimal:
    if isinstance(value, Fraction):
        return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))
    return Decimal(value)


def system_cost(
    *,
    supplements: int,
    coverage_fte: Fraction | Decimal,
    extra_days: int,
    coverage_fte_cost: int,
    extra_day_cost: int,
) -> SystemCost:
    """Total cost of the leadership system: supplements + coverage + extra days, in dollars."""
    fte = to_decimal(coverage_fte)
    return SystemCost(
        supplements=supplements,
        coverage_fte=fte,
        coverage_cost=int((fte * coverage_fte_cost).to_integral_value()),
        extra_days=extra_days,
        extra_day_cost=extra_days * extra_day_cost,
    )
