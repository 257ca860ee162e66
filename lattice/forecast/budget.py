"""Budgets that must be sustainable: what a plan costs each forecast year, what pays for it,
and where it breaks — pure arithmetic over a forecast's runs.

A ``Budget`` is a district's plan from a first school year: a **budget line** (what the plan
may spend a year, growing by a percent), **funding sources** (recurring, or one-time with a
last school year: a grant), **positions** (FTE × cost a year, each paid from a source; a
leadership role's supplement is marked as such) and **levers** (a change with a recurring cost
delta — negative for a saving — and a one-time cost, from a school year, paid from a source,
needing other levers first: add a multi-classroom leader, turn a vacancy into reach associates,
release time, supplements, a TIA share).

``check(budget, payroll_runs, extras, ...)`` adds the teacher payroll of every Monte Carlo run
(dollars a year, from ``simulate``) to the positions and levers, and checks every year:

- every role supplement is covered by recurring funds;
- a role paid from one-time money is flagged from ``warn_years`` before its source ends, and
  the first year it has no source is its **cliff year**;
- a source never pays more than it has (the shortfall is named);
- the first year the plan exceeds its budget line (in the median run, and the share of runs);
- a lever whose prerequisite is not in the plan is named;
- policy constraints: no single pay factor (role supplements, designation pay, one-time
  elements) above ``max_factor_share`` of teachers' pay above the starting salary
  (Louisiana's "no factor above 50%" rule, as a check; the salary schedule's own share is
  reported beside them, since it is itself several factors).

Money is whole dollars; results carry the 10th, 50th and 90th percentile of runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from lattice.lib.formatting import money
from lattice.rules.records import school_year_label

F64 = npt.NDArray[np.float64]
LEVER_KINDS = {
    "add_mcl": "Add a multi-classroom leader",
    "vacancy_to_reach": "Turn a vacancy into reach associates",
    "release_time": "Release time for teacher leaders",
    "supplement": "A supplement for a role",
    "tia_share": "Use the district's share of the TIA allotment",
    "other": "Other change",
}


class BudgetError(ValueError):
    """A budget that cannot be checked; the message names the item and the fix."""


@dataclass(frozen=True)
class FundingSource:
    key: str
    name: str
    annual_amount: int
    recurring: bool
    first_year: int
    last_year: int | None = None  # one-time money: its last school year

    def available(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


@dataclass(frozen=True)
class Position:
    key: str
    title: str
    fte: float
    cost_per_fte: int
    source: str
    first_year: int
    last_year: int | None = None
    role_supplement: bool = False  # a leadership role's supplement (must be recurring)

    def cost(self, year: int) -> int:
        if year < self.first_year or (self.last_year is not None and year > self.last_year):
            return 0
        return round(self.fte * self.cost_per_fte)


@dataclass(frozen=True)
class Lever:
    key: str
    kind: str
    name: str
    recurring_delta: int  # a year, from first_year; negative: a saving
    one_time_cost: int  # in first_year
    first_year: int
    source: str
    requires: tuple[str, ...] = ()

    def cost(self, year: int) -> int:
        if year < self.first_year:
            return 0
        return self.recurring_delta + (self.one_time_cost if year == self.first_year else 0)


@dataclass(frozen=True)
class Budget:
    district: str
    name: str
    first_year: int
    budget_line: int
    line_growth: float
    sources: tuple[FundingSource, ...]
    positions: tuple[Position, ...] = ()
    levers: tuple[Lever, ...] = ()
    max_factor_share: float = 0.5
    warn_years: int = 1

    def line(self, year: int) -> int:
        return round(self.budget_line * (1.0 + self.line_growth) ** (year - self.first_year))


@dataclass(frozen=True)
class Finding:
    """One thing the check found, in words: ``level`` is ``problem``, ``warning`` or ``ok``."""

    year: int | None
    level: str
    item: str
    text: str


@dataclass(frozen=True)
class YearCheck:
    year: int
    label: str
    line: int
    payroll: tuple[float, float, float]  # p10, median, p90 of runs
    positions: int
    levers: int
    total: tuple[float, float, float]
    over_share: float  # share of runs over the budget line
    recurring_funds: int
    one_time_funds: int
    supplements_one_time: int  # role supplements paid from one-time money this year


@dataclass(frozen=True)
class Report:
    budget: Budget
    years: tuple[YearCheck, ...]
    findings: tuple[Finding, ...]
    first_over_year: int | None  # the first year the median run exceeds the line
    cliff_years: tuple[tuple[str, int], ...]  # (position title, first year without a source)
    factor_shares: tuple[tuple[str, float], ...] = field(default=())

    @property
    def sustainable(self) -> bool:
        return not any(f.level == "problem" for f in self.findings)


def _quantiles(values: F64) -> tuple[float, float, float]:
    low, mid, high = np.quantile(values, (0.1, 0.5, 0.9))
    return float(low), float(mid), float(high)


def _check_items(budget: Budget) -> list[Finding]:
    keys = {s.key for s in budget.sources}
    out = []
    items: list[Position | Lever] = [*budget.positions, *budget.levers]
    for item in items:
        if item.source not in keys:
            raise BudgetError(
                f"{item.key}: funding source '{item.source}' is not in the budget — add it or "
                f"choose one of {', '.join(sorted(keys)) or '(none yet)'}"
            )
    levers = {lever.key for lever in budget.levers}
    for lever in budget.levers:
        if lever.kind not in LEVER_KINDS:
            raise BudgetError(
                f"{lever.key}: unknown lever kind '{lever.kind}' — use one of "
                f"{', '.join(LEVER_KINDS)}"
            )
        missing = [key for key in lever.requires if key not in levers]
        if missing:
            out.append(
                Finding(
                    lever.first_year,
                    "problem",
                    lever.name,
                    f"{lever.name} needs {', '.join(missing)} in the plan first",
                )
            )
    return out


def check(
    budget: Budget,
    payroll_runs: F64,
    extras: Mapping[str, F64] | None = None,
    *,
    entry_salary: int = 0,
    teachers: F64 | None = None,
) -> Report:
    """Check ``budget`` against teacher payroll ``payroll_runs`` (runs × years, dollars with
    the cost-of-living raise) and the forecast's ``extras`` (name -> runs × years)."""
    if payroll_runs.ndim != 2 or payroll_runs.shape[0] < 1:
        raise BudgetError("give the forecast's payroll as runs × years")
    findings = _check_items(budget)
    sources = {s.key: s for s in budget.sources}
    years: list[YearCheck] = []
    first_over: int | None = None
    cliffs: dict[str, int] = {}
    for offset in range(payroll_runs.shape[1]):
        year = budget.first_year + offset
        label = school_year_label(year)
        used: dict[str, int] = {key: 0 for key in sources}
        supplements_one_time = 0
        for position in budget.positions:
            cost = position.cost(year)
            if not cost:
                continue
            source = sources[position.source]
            if not source.available(year):
                if position.title not in cliffs:
                    cliffs[position.title] = year
                    findings.append(
                        Finding(
                            year,
                            "problem",
                            position.title,
                            f"{label} is the cliff year for {position.title}: its {money(cost)} a "
                            f"year has no funding once {source.name} ends after "
                            f"{school_year_label(source.last_year or year)}",
                        )
                    )
                continue
            used[source.key] += cost
            if position.role_supplement and not source.recurring:
                supplements_one_time += cost
                findings.append(
                    Finding(
                        year,
                        "problem",
                        position.title,
                        f"{label}: {position.title} ({money(cost)}), a role supplement, is paid "
                        f"from {source.name}, which is one-time money — move it to a recurring "
                        "source",
                    )
                )
            if (
                not source.recurring
                and source.last_year is not None
                and 0 <= source.last_year - year < budget.warn_years + 1
                and position.last_year is None
            ):
                findings.append(
                    Finding(
                        year,
                        "warning",
                        position.title,
                        f"{label}: {position.title} is paid from {source.name}, which ends after "
                        f"{school_year_label(source.last_year)} — find recurring funds for "
                        f"{school_year_label(source.last_year + 1)}",
                    )
                )
        lever_cost = 0
        for lever in budget.levers:
            cost = lever.cost(year)
            lever_cost += cost
            if cost > 0:
                source = sources[lever.source]
                if not source.available(year) and lever.name not in cliffs:
                    cliffs[lever.name] = year
                    findings.append(
                        Finding(
                            year,
                            "problem",
                            lever.name,
                            f"{label}: {lever.name} ({money(cost)}) has no funding — {source.name} "
                            f"ended in {school_year_label(source.last_year or year)}",
                        )
                    )
                elif source.available(year):
                    used[source.key] += cost
        for key, amount in used.items():
            source = sources[key]
            if amount > source.annual_amount and source.available(year):
                findings.append(
                    Finding(
                        year,
                        "problem",
                        source.name,
                        f"{label}: {source.name} pays {money(amount)} but has "
                        f"{money(source.annual_amount)}"
                        f" — {money(amount - source.annual_amount)} short",
                    )
                )
        # a role past its cliff still costs what it costs: the plan must pay it from somewhere
        # (the budget line), so its cost stays in the plan, as an unfunded lever's does
        position_cost = sum(p.cost(year) for p in budget.positions)
        payroll = payroll_runs[:, offset]
        total = payroll + position_cost + lever_cost
        line = budget.line(year)
        over = float((total > line).mean())
        median = float(np.quantile(total, 0.5))
        if median > line and first_over is None:
            first_over = year
            findings.append(
                Finding(
                    year,
                    "problem",
                    "budget line",
                    f"{label}: the plan first exceeds its budget line — median {money(median)} "
                    f"against {money(line)} ({over:.0%} of runs over)",
                )
            )
        recurring = sum(
            s.annual_amount for s in budget.sources if s.recurring and s.available(year)
        )
        one_time = sum(
            s.annual_amount for s in budget.sources if not s.recurring and s.available(year)
        )
        years.append(
            YearCheck(
                year,
                label,
                line,
                _quantiles(payroll),
                position_cost,
                lever_cost,
                _quantiles(total),
                over,
                recurring,
                one_time,
                supplements_one_time,
            )
        )
    shares = factor_shares(payroll_runs, extras or {}, entry_salary, teachers)
    for name, share in shares:
        # the schedule is itself several factors (experience, credentials): reported, not judged
        if name != "salary_schedule" and share > budget.max_factor_share:
            findings.append(
                Finding(
                    None,
                    "problem",
                    name,
                    f"{name.replace('_', ' ').capitalize()} make up {share:.0%} of teachers' pay "
                    "above the "
                    f"starting salary, more than the {budget.max_factor_share:.0%} allowed",
                )
            )
    if not any(f.level == "problem" for f in findings):
        findings.append(Finding(None, "ok", "plan", "Every year is covered and within the line."))
    return Report(
        budget,
        tuple(years),
        tuple(findings),
        first_over,
        tuple(sorted(cliffs.items(), key=lambda kv: kv[1])),
        shares,
    )


def factor_shares(
    payroll_runs: F64, extras: Mapping[str, F64], entry_salary: int, teachers: F64 | None
) -> tuple[tuple[str, float], ...]:
    """Each pay factor's share of teachers' pay above the starting salary in the final year:
    the forecast's extra lines (role supplements, designation pay, one-time elements) and the
    rest, the salary schedule itself (experience and credentials)."""
    if teachers is None or not entry_salary:
        return ()
    above = float((payroll_runs[:, -1] - teachers[:, -1] * entry_salary).mean())
    if above <= 0:
        return ()
    named = {
        name: float(values[:, -1].mean())
        for name, values in extras.items()
        if name in ("supplements", "designation_pay", "bonuses")
    }
    schedule = above - sum(named.values())
    shares = [("salary_schedule", schedule / above), *((k, v / above) for k, v in named.items())]
    return tuple((name, round(share, 4)) for name, share in shares)
