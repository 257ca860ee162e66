"""Annual leadership roles (Iowa TLC): one-year roles with supplements, extra days, release.

``run_roles`` pays the district schedule salary, the minimum-salary top-up and each role held
that school year. ``role_plan`` is the district-level check the roles app reuses: how many
teachers must hold roles, and what a mix of roles costs in supplements, coverage and days.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from lattice.rules.context import Context, ModelYear
from lattice.rules.pay import finish_year, schedule_salary
from lattice.rules.policy import Policy, Roles
from lattice.rules.standing import Salary


@dataclass(frozen=True)
class RoleLine:
    role: str
    count: int
    supplements: int
    coverage_fte: Fraction
    extra_days: int


@dataclass(frozen=True)
class RolePlan:
    teachers: int
    required_in_roles: int
    in_roles: int
    lines: tuple[RoleLine, ...]

    @property
    def share_met(self) -> bool:
        return self.in_roles >= self.required_in_roles

    @property
    def supplements(self) -> int:
        return sum(line.supplements for line in self.lines)

    @property
    def coverage_fte(self) -> Fraction:
        return sum((line.coverage_fte for line in self.lines), Fraction(0))

    @property
    def extra_days(self) -> int:
        return sum(line.extra_days for line in self.lines)


def _share(teachers: int, percent: int, round_up: bool) -> int:
    whole, part = divmod(teachers * percent, 100)
    return whole + (1 if round_up and part else 0)


def required_in_roles(roles: Roles, teachers: int) -> int:
    """Teachers who must hold roles; rounding up is ASSUMPTION [U] (Iowa example 3.4-6)."""
    return _share(teachers, roles.minimum_share_percent, roles.round_up)


def default_mix(roles: Roles, teachers: int) -> dict[str, int]:
    return {r.key: _share(teachers, r.default_share_percent, roles.round_up) for r in roles.roles}


def role_plan(policy: Policy, teachers: int, mix: Mapping[str, int] | None = None) -> RolePlan:
    """Cost and share check for ``mix`` (role key -> count), else the policy's default mix."""
    roles = policy.roles
    if roles is None:
        raise ValueError(f"{policy.key} has no [roles] table")
    counts = dict(mix) if mix is not None else default_mix(roles, teachers)
    lines = []
    for key, count in counts.items():
        role = roles.role(key)
        if role is None:
            known = ", ".join(r.key for r in roles.roles)
            raise ValueError(f"'{key}' is not a {policy.key} role; use one of: {known}")
        lines.append(
            RoleLine(
                key,
                count,
                count * role.supplement,
                Fraction(count * role.release_percent, 100),
                count * role.extra_days,
            )
        )
    return RolePlan(
        teachers, required_in_roles(roles, teachers), sum(counts.values()), tuple(lines)
    )


def run_roles(ctx: Context) -> tuple[list[ModelYear], list[Salary]]:
    years: list[ModelYear] = []
    salaries: list[Salary] = []
    for year in ctx.years:
        lines = [schedule_salary(ctx, year)]
        _, level = ctx.rating(year)
        salaries.append(finish_year(ctx, year, lines, level))
        held = tuple(r.role for r in ctx.record.roles if r.school_year == year)
        years.append(ModelYear(year, roles=held))
    return years, salaries
