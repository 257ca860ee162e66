"""Policies compared on common random numbers: differences from the baseline with bands.

``simulate`` already runs every policy on the same teachers and draws, so a difference is
taken run by run (paired): the spread of the paired differences is far smaller than the
spread of either payroll, and a policy compared with itself differs by exactly zero (every
difference is computed in whole dollars before the cost-of-living factor is applied).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lattice.forecast.simulate import PolicyRuns, Simulation, interval_band, mean_band


@dataclass(frozen=True)
class YearDifference:
    """One year of ``policy`` minus the baseline, across runs."""

    year: int
    payroll_mean: float  # dollars, with the cost-of-living factor
    payroll_ci_low: float  # 95% confidence band of the mean difference
    payroll_ci_high: float
    payroll_p10: float  # 80% of runs' differences fall between p10 and p90
    payroll_p90: float
    gainers_mean: float  # teachers paid more than under the baseline, per run
    losers_mean: float
    leaders_mean: float  # difference in teachers in leadership pathways


@dataclass(frozen=True)
class PolicyComparison:
    key: str
    baseline: str
    years: tuple[YearDifference, ...]
    histogram: tuple[int, ...]  # final-year pay differences (see simulate.bin_labels)

    @property
    def identical(self) -> bool:
        return all(
            d.payroll_mean == 0 and d.gainers_mean == 0 and d.losers_mean == 0 for d in self.years
        )


def _year(base: PolicyRuns, other: PolicyRuns, y: int, factor: float) -> YearDifference:
    diff = (other.payroll[:, y] - base.payroll[:, y]).astype(np.float64) * factor
    mean, low, high = mean_band(diff)
    p10, p90 = interval_band(diff)
    leaders = (other.leaders[:, y].astype(np.int64) - base.leaders[:, y]).astype(np.float64)
    return YearDifference(
        year=y + 1,
        payroll_mean=mean,
        payroll_ci_low=low,
        payroll_ci_high=high,
        payroll_p10=p10,
        payroll_p90=p90,
        gainers_mean=float(other.gainers[:, y].mean()),
        losers_mean=float(other.losers[:, y].mean()),
        leaders_mean=float(leaders.mean()),
    )


def compare(simulation: Simulation) -> list[PolicyComparison]:
    """Each policy after the first against the first (the baseline)."""
    base = simulation.policies[0]
    out = []
    for other in simulation.policies[1:]:
        years = tuple(
            _year(base, other, y, float(simulation.cola_factor[y])) for y in range(simulation.years)
        )
        out.append(
            PolicyComparison(
                key=other.key,
                baseline=base.key,
                years=years,
                histogram=tuple(int(c) for c in other.histogram),
            )
        )
    return out
