"""Estimate assumptions from a district's own history, with sample sizes, or keep the defaults.

The history is one ``HistoryRow`` per teacher per school year taught. From it we estimate:
the rating transition matrix (rows with at least ``MIN_ROW`` teachers rated in consecutive
years) and new hires' first ratings; leaving probabilities per experience band (bands with at
least ``MIN_AT_RISK`` teacher-years) and the multipliers by rating; and the yearly credit and
PD-hour distributions. Nothing is estimated from fewer than ``MIN_YEARS`` school years; any
estimate without enough data keeps its documented default, and ``Estimate.source`` says which.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from lattice.forecast.assumptions import (
    MAX_CREDITS,
    MAX_PD_HOURS,
    Assumptions,
    Distribution,
    LeaveBand,
)

MIN_YEARS = 3
MIN_ROW = 30
MIN_AT_RISK = 50
MIN_TEACHER_YEARS = 100


@dataclass(frozen=True)
class HistoryRow:
    """One teacher in one school year. ``left``: did not teach in the district the next year
    (leave the final year of the history out: its leavers are not known yet)."""

    teacher_id: str
    school_year: int
    experience: int
    rating: str | None
    credits: int = 0
    pd_hours: int = 0
    left: bool = False


@dataclass(frozen=True)
class Estimate:
    name: str
    value: str
    sample_size: int
    source: str  # "district history 2019-20 to 2023-24" or "default: <why>"


@dataclass(frozen=True)
class Calibration:
    assumptions: Assumptions
    estimates: tuple[Estimate, ...]
    years: tuple[int, ...]

    @property
    def calibrated(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.estimates if not e.source.startswith("default"))


def _share(counts: Counter[int], size: int, keys: Sequence[int]) -> tuple[float, ...]:
    return tuple(counts[k] / size for k in keys)


def _fmt(values: Iterable[float]) -> str:
    return "(" + ", ".join(f"{v:.3f}" for v in values) + ")"


def _distribution(values: list[int], step: int, top: int) -> Distribution:
    """Observed values rounded to ``step`` and capped at ``top``, with their shares."""
    rounded = Counter(min(top, step * round(v / step)) for v in values)
    total = sum(rounded.values())
    pairs = sorted((value, count / total) for value, count in rounded.items())
    # make the shares add up to exactly 1 despite rounding
    head = [(v, round(p, 6)) for v, p in pairs[:-1]]
    return (*head, (pairs[-1][0], 1.0 - sum(p for _, p in head)))


def calibrate(history: Sequence[HistoryRow], defaults: Assumptions | None = None) -> Calibration:
    """Estimates from ``history`` where there is enough of it; ``defaults`` elsewhere."""
    a = defaults or Assumptions()
    years = tuple(sorted({row.school_year for row in history}))
    label = (
        f"district history {years[0]}-{(years[0] + 1) % 100:02d} to "
        f"{years[-1]}-{(years[-1] + 1) % 100:02d}"
        if years
        else ""
    )
    estimates: list[Estimate] = []
    if len(years) < MIN_YEARS:
        why = f"default: only {len(years)} school year(s) of history (need {MIN_YEARS})"
        for name in (
            "transition",
            "first_rating",
            "leave_bands",
            "leave_by_rating",
            "credits",
            "pd_hours",
        ):
            estimates.append(Estimate(name, repr(getattr(a, name)), len(history), why))
        return Calibration(a, tuple(estimates), years)
    levels = a.levels
    code = {level: i for i, level in enumerate(levels)}
    by_teacher: dict[tuple[str, int], HistoryRow] = {
        (row.teacher_id, row.school_year): row for row in history
    }
    changes: dict[str, Any] = {}

    # rating transitions, row by row
    transition = [list(row) for row in a.transition]
    for i, level in enumerate(levels):
        nexts: Counter[int] = Counter()
        for row in history:
            before = by_teacher.get((row.teacher_id, row.school_year - 1))
            if before is not None and before.rating == level and row.rating in code:
                nexts[code[row.rating]] += 1
        size = sum(nexts.values())
        name = f"transition from {level}"
        if size >= MIN_ROW:
            transition[i] = list(_share(nexts, size, range(len(levels))))
            estimates.append(Estimate(name, _fmt(transition[i]), size, label))
        else:
            estimates.append(
                Estimate(name, _fmt(transition[i]), size, f"default: {size} < {MIN_ROW} teachers")
            )
    changes["transition"] = tuple(tuple(r) for r in transition)

    firsts = Counter(
        code[row.rating]
        for row in history
        if row.experience == 0 and row.rating in code and row.school_year > years[0]
    )
    size = sum(firsts.values())
    if size >= MIN_ROW:
        first = _share(firsts, size, range(len(levels)))
        changes["first_rating"] = first
        estimates.append(Estimate("first_rating", _fmt(first), size, label))
    else:
        estimates.append(
            Estimate(
                "first_rating",
                _fmt(a.first_rating),
                size,
                f"default: {size} < {MIN_ROW} first-year teachers",
            )
        )

    # leaving, by experience band, then by rating relative to the band's rate
    at_risk = [row for row in history if row.school_year < years[-1]]
    bands = []
    for index, band in enumerate(a.leave_bands):
        upper = a.leave_bands[index + 1].min_years if index + 1 < len(a.leave_bands) else 10**6
        rows = [r for r in at_risk if band.min_years <= r.experience < upper]
        name = f"leaving at {band.min_years}+ years"
        if len(rows) >= MIN_AT_RISK:
            rate = sum(r.left for r in rows) / len(rows)
            bands.append(LeaveBand(band.min_years, rate))
            estimates.append(Estimate(name, f"{rate:.3f}", len(rows), label))
        else:
            bands.append(band)
            estimates.append(
                Estimate(
                    name,
                    f"{band.probability:.3f}",
                    len(rows),
                    f"default: {len(rows)} < {MIN_AT_RISK} teacher-years",
                )
            )
    changes["leave_bands"] = tuple(bands)
    by_band = {b.min_years: b.probability for b in bands}

    def expected(row: HistoryRow) -> float:
        rate = 0.0
        for min_years, p in by_band.items():
            if row.experience >= min_years:
                rate = p
        return rate

    multipliers = list(a.leave_by_rating)
    for i, level in enumerate(levels):
        rows = [r for r in at_risk if r.rating == level]
        base = sum(expected(r) for r in rows)
        name = f"leaving multiplier for {level}"
        if len(rows) >= MIN_AT_RISK and base > 0:
            multipliers[i] = sum(r.left for r in rows) / base
            estimates.append(Estimate(name, f"{multipliers[i]:.2f}", len(rows), label))
        else:
            estimates.append(
                Estimate(
                    name,
                    f"{multipliers[i]:.2f}",
                    len(rows),
                    f"default: {len(rows)} < {MIN_AT_RISK} teacher-years",
                )
            )
    changes["leave_by_rating"] = tuple(multipliers)

    # learning: credits and PD hours per teacher-year
    if len(history) >= MIN_TEACHER_YEARS:
        changes["credits"] = _distribution([r.credits for r in history], 3, MAX_CREDITS)
        changes["pd_hours"] = _distribution([r.pd_hours for r in history], 15, MAX_PD_HOURS)
        for name in ("credits", "pd_hours"):
            estimates.append(Estimate(name, repr(changes[name]), len(history), label))
    else:
        for name in ("credits", "pd_hours"):
            estimates.append(
                Estimate(
                    name,
                    repr(getattr(a, name)),
                    len(history),
                    f"default: {len(history)} < {MIN_TEACHER_YEARS} teacher-years",
                )
            )
    calibrated = replace(a, **changes)
    return Calibration(calibrated, tuple(estimates), years)
