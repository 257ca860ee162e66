"""Check a stored scenario: build the pure ``Budget``, run its forecast, return the report.

Reads only. The forecast runs here, in the request: scenarios are capped at
``MAX_TEACHER_YEARS`` teacher-years (a second or two), so the page answers at once; the seed
makes it the same report every time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lattice.budgets.models import BudgetScenario
from lattice.forecast.assumptions import Assumptions
from lattice.forecast.budget import Budget, FundingSource, Lever, Position, Report, check
from lattice.forecast.simulate import simulate
from lattice.forecast.workforce import synthetic
from lattice.forecasts.choices import resolve
from lattice.forecasts.workforce_db import district_workforce

MAX_TEACHER_YEARS = 20_000_000


@dataclass(frozen=True)
class Checked:
    report: Report
    policy_name: str
    teachers: int
    runs: int


def budget_of(scenario: BudgetScenario) -> Budget:
    sources = tuple(
        FundingSource(s.key, s.name, int(s.annual_amount), s.recurring, s.first_year, s.last_year)
        for s in scenario.sources.all()
    )
    positions = tuple(
        Position(
            f"position-{p.pk}",
            p.title,
            float(p.fte),
            p.cost_per_fte,
            p.source.key,
            p.first_year,
            p.last_year,
            p.role_supplement,
        )
        for p in scenario.positions.select_related("source")
    )
    levers = tuple(
        Lever(
            lv.key,
            lv.kind,
            lv.name,
            lv.recurring_delta,
            lv.one_time_cost,
            lv.first_year,
            lv.source.key,
            tuple(lv.requires),
        )
        for lv in scenario.levers.select_related("source")
    )
    return Budget(
        district=scenario.district.key,
        name=scenario.name,
        first_year=scenario.first_school_year,
        budget_line=int(scenario.budget_line),
        line_growth=float(scenario.line_growth_percent) / 100,
        sources=sources,
        positions=positions,
        levers=levers,
        max_factor_share=scenario.max_factor_percent / 100,
    )


def run_check(scenario: BudgetScenario) -> Checked:
    """The scenario's sustainability report on its own forecast (ForecastError, BudgetError)."""
    policy = resolve(scenario.policy, scenario.district)
    assumptions = Assumptions(first_school_year=scenario.first_school_year)
    if scenario.workforce == "district":
        workforce, _ = district_workforce(
            scenario.district, levels=assumptions.levels, policies=[policy]
        )
    else:
        workforce = synthetic(scenario.teachers, seed=scenario.seed, assumptions=assumptions)
    runs = max(10, min(scenario.runs, MAX_TEACHER_YEARS // (len(workforce) * scenario.years)))
    sim = simulate(
        workforce, [policy], assumptions, years=scenario.years, runs=runs, seed=scenario.seed
    )
    runs_out = sim.policies[0]
    factor = sim.cola_factor[None, :]
    payroll = runs_out.payroll.astype(np.float64) * factor
    extras = {k: v.astype(np.float64) * factor for k, v in runs_out.extras.items()}
    report = check(
        budget_of(scenario),
        payroll,
        extras,
        entry_salary=assumptions.district_start_salary,
        teachers=runs_out.teachers.astype(np.float64),
    )
    return Checked(report, f"{policy.name} ({policy.key} v{policy.version})", len(workforce), runs)
