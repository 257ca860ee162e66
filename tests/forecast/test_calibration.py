"""Calibration recovers known parameters from a synthetic history, and says when it cannot."""

from __future__ import annotations

import random

import pytest

from lattice.forecast.assumptions import Assumptions, LeaveBand
from lattice.forecast.calibration import HistoryRow, calibrate

TRUE = Assumptions(
    transition=(
        (0.40, 0.30, 0.30, 0.00),
        (0.10, 0.40, 0.50, 0.00),
        (0.00, 0.10, 0.70, 0.20),
        (0.00, 0.00, 0.40, 0.60),
    ),
    leave_bands=(LeaveBand(0, 0.20), LeaveBand(5, 0.05)),
    leave_by_rating=(2.0, 1.5, 1.0, 0.5),
    credits=((0, 0.6), (3, 0.3), (6, 0.1)),
    pd_hours=((0, 0.5), (15, 0.5)),
)


def _pick(rng: random.Random, probabilities: tuple[float, ...]) -> int:
    u, total = rng.random(), 0.0
    for i, p in enumerate(probabilities):
        total += p
        if u < total:
            return i
    return len(probabilities) - 1


def _history(teachers: int, years: int, seed: int = 1) -> list[HistoryRow]:
    """Teachers drawn from TRUE: the history a district would have recorded."""
    rng = random.Random(seed)
    rows: list[HistoryRow] = []
    people = [
        (f"t{i}", rng.randrange(0, 20), _pick(rng, TRUE.first_rating)) for i in range(teachers)
    ]
    serial = teachers
    for year in range(2015, 2015 + years):
        survivors = []
        for teacher, experience, last in people:
            rating = _pick(rng, TRUE.transition[last])
            credits = TRUE.credits[_pick(rng, tuple(p for _, p in TRUE.credits))][0]
            hours = TRUE.pd_hours[_pick(rng, tuple(p for _, p in TRUE.pd_hours))][0]
            left = rng.random() < TRUE.leave_probability(experience, rating)
            rows.append(
                HistoryRow(teacher, year, experience, TRUE.levels[rating], credits, hours, left)
            )
            if left:
                serial += 1
                survivors.append((f"t{serial}", 0, _pick(rng, TRUE.first_rating)))
            else:
                survivors.append((teacher, experience + 1, rating))
        people = survivors
    return rows


def test_calibration_recovers_the_parameters_that_made_the_history() -> None:
    result = calibrate(_history(3000, 6), defaults=Assumptions(leave_bands=TRUE.leave_bands))
    got = result.assumptions
    sizes = {e.name: e.sample_size for e in result.estimates}
    for level, row_true, row_got in zip(TRUE.levels, TRUE.transition, got.transition, strict=True):
        n = sizes[f"transition from {level}"]
        assert n >= 30
        assert row_got == pytest.approx(row_true, abs=4 * (0.25 / n) ** 0.5)
    assert [b.probability for b in got.leave_bands] == pytest.approx([0.20, 0.05], abs=0.02)
    assert got.leave_by_rating == pytest.approx(TRUE.leave_by_rating, rel=0.15)
    assert dict(got.credits) == pytest.approx(dict(TRUE.credits), abs=0.02)
    assert dict(got.pd_hours) == pytest.approx(dict(TRUE.pd_hours), abs=0.02)


def test_every_estimate_shows_its_sample_size_and_source() -> None:
    result = calibrate(_history(3000, 6), defaults=Assumptions(leave_bands=TRUE.leave_bands))
    by_name = {e.name: e for e in result.estimates}
    estimate = by_name["transition from effective"]
    assert estimate.sample_size > 1000
    assert estimate.source == "district history 2015-16 to 2020-21"
    assert "transition from effective" in result.calibrated


def test_too_few_years_keeps_every_default_and_says_why() -> None:
    defaults = Assumptions()
    result = calibrate(_history(500, 2), defaults=defaults)
    assert result.assumptions == defaults
    assert result.calibrated == ()
    assert all("only 2 school year(s) of history (need 3)" in e.source for e in result.estimates)


def test_a_thin_row_falls_back_to_its_default_alone() -> None:
    rows = [r for r in _history(400, 4) if r.rating != "ineffective"]
    defaults = Assumptions()
    result = calibrate(rows, defaults=defaults)
    by_name = {e.name: e for e in result.estimates}
    assert by_name["transition from ineffective"].source.startswith("default: 0 < 30")
    assert result.assumptions.transition[0] == defaults.transition[0]
    assert not by_name["transition from effective"].source.startswith("default")
