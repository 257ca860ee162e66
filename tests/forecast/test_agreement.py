"""The fast engine agrees with the rules engine exactly, and with the reference in distribution."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lattice.forecast.assumptions import Assumptions, LeaveBand
from lattice.forecast.simulate import simulate, trace_one_run
from lattice.forecast.tables import shared_tables
from lattice.forecast.workforce import synthetic
from lattice.rules.batch import (
    Compiled,
    LedgerState,
    YearInputs,
    advance_year,
    compile_policy,
)
from lattice.rules.engine import place
from lattice.rules.policy import Policy
from lattice.rules.records import school_year_end
from tests.forecast.histories import Tenure, tenures
from tests.forecast.reference import reference_runs

ALWAYS_HIGHLY_EFFECTIVE = Assumptions(
    first_rating=(0.0, 0.0, 0.0, 1.0),
    transition=((0.0, 0.0, 0.0, 1.0),) * 4,
    credits=((0, 1.0),),
    pd_hours=((0, 1.0),),
    leave_bands=(LeaveBand(0, 0.0),),
    decision_rates=(),
    certificate_rate=0.0,
    cola=0.0,
)

BUSY = Assumptions(
    decision_rates=(
        ("accelerated_approved", 0.3),
        ("peer_review_passed", 0.3),
        ("selected_as_lead", 0.3),
    ),
    certificate_rate=0.3,
    hire_certificate_share=0.4,
    replacement_rate=0.8,
    leave_bands=(LeaveBand(0, 0.2), LeaveBand(5, 0.1)),
    credits=((0, 0.5), (3, 0.2), (12, 0.2), (30, 0.1)),
)


def test_everyone_highly_effective_moves_exactly_one_interval_a_year(baltimore: Policy) -> None:
    workforce = synthetic(300, seed=3, assumptions=ALWAYS_HIGHLY_EFFECTIVE)
    workforce.certificate[:] = True
    workforce.units[:] = 0
    (tables,), log = trace_one_run(workforce, [baltimore], ALWAYS_HIGHLY_EFFECTIVE, years=6, seed=1)
    compiled = tables.compiled
    before = workforce.positions(tables).astype(np.int64)
    for year in log:
        after = year.position[0].astype(np.int64)
        expected = np.where(
            compiled.next_position[before] >= 0, compiled.next_position[before], before
        )
        assert np.array_equal(after, expected)
        moved = after != before
        assert not year.bank[0][moved].any()  # exactly 12 units earned, exactly 12 spent
        assert moved.sum() > 0.6 * len(workforce)  # only the top of Lead stands still
        before = after


def test_everyone_highly_effective_matches_the_reference_and_the_engine(
    baltimore: Policy,
) -> None:
    a = ALWAYS_HIGHLY_EFFECTIVE
    workforce = synthetic(200, seed=4, assumptions=a)
    workforce.certificate[:] = True
    (tables,), log = trace_one_run(workforce, [baltimore], a, years=8, seed=2)
    (reference,) = reference_runs(workforce, baltimore, a, years=8, runs=1, seed=2)
    compiled = tables.compiled
    for y, year in enumerate(log):
        fast = [
            (
                compiled.pathway_keys[compiled.position_pathway[p]],
                int(compiled.position_interval[p]),
                int(b),
            )
            for p, b in zip(year.position[0], year.bank[0], strict=True)
        ]
        assert fast == reference.positions[y]
    for tenure in tenures(workforce, baltimore, tables, shared_tables(a), log):
        _assert_engine_agrees(baltimore, tables.compiled, tenure)


def _assert_engine_agrees(policy: Policy, compiled: Compiled, tenure: Tenure) -> None:
    last = tenure.years[-1][0]
    standing = place(policy, tenure.record, school_year_end(last))
    placed = [(y.school_year, y.pathway, y.interval, y.units_banked) for y in standing.years]
    fast = [
        (
            year,
            compiled.pathway_keys[compiled.position_pathway[p]],
            int(compiled.position_interval[p]),
            bank,
        )
        for year, p, bank in tenure.years
    ]
    assert placed == fast, tenure.record.teacher_id


def test_every_simulated_teacher_year_places_as_the_engine_places_its_history(
    baltimore: Policy,
) -> None:
    workforce = synthetic(250, seed=5, assumptions=BUSY)
    (tables,), log = trace_one_run(workforce, [baltimore], BUSY, years=9, seed=11)
    people = tenures(workforce, baltimore, tables, shared_tables(BUSY), log)
    assert len(people) > 250  # leavers and their replacements both replayed
    assert any(p.record.decisions for p in people)
    assert any(p.record.credits for p in people)
    for tenure in people:
        _assert_engine_agrees(baltimore, tables.compiled, tenure)


def test_the_year_step_equals_the_rules_batch_step(baltimore: Policy) -> None:
    workforce = synthetic(400, seed=6, assumptions=BUSY)
    (tables,), log = trace_one_run(workforce, [baltimore], BUSY, years=6, seed=12)
    compiled = compile_policy(baltimore)
    shared = shared_tables(BUSY)
    position = workforce.positions(tables).astype(np.int64)
    bank = workforce.units.astype(np.int64)
    for year in log:
        # the batch step, fed the same year's facts, lands where the fast step landed
        live = np.flatnonzero(year.active)
        units = tables.units[(year.rating.astype(np.int64) << 13)]  # the rating's units
        activity = np.array([tables.activity_units(int(o), shared) for o in year.activity])
        decisions = np.where(year.decided[0] >= 0, 1 << np.maximum(year.decided[0], 0), 0)
        certificates = np.where(year.certificate, (1 << len(compiled.certificate_codes)) - 1, 0)
        zeros = np.zeros(live.size, dtype=np.int64)
        state = advance_year(
            compiled,
            LedgerState(position[live], bank[live], zeros, zeros, zeros),
            YearInputs(
                (units.astype(np.int64) + activity)[live],
                decisions[live].astype(np.int64),
                certificates[live].astype(np.int64),
            ),
        )
        assert np.array_equal(state.position, year.position[0][live])
        assert np.array_equal(state.banked, year.bank[0][live])
        position = year.position[0].astype(np.int64)
        bank = year.bank[0].astype(np.int64)
        hired = year.hired
        position[hired], bank[hired] = tables.hire_position, 0


def _z(fast: np.ndarray, slow: np.ndarray) -> float:
    se = math.sqrt(fast.var(ddof=1) / fast.size + slow.var(ddof=1) / slow.size)
    return abs(float(fast.mean() - slow.mean())) / se if se > 0 else 0.0


@pytest.mark.parametrize("assumptions", [Assumptions(), BUSY], ids=["defaults", "busy"])
def test_the_fast_engine_agrees_with_the_reference_in_distribution(
    baltimore: Policy, assumptions: Assumptions
) -> None:
    workforce = synthetic(60, seed=8, assumptions=assumptions)
    years = 6
    fast = simulate(workforce, [baltimore], assumptions, years=years, runs=3000, seed=21)
    slow = reference_runs(workforce, baltimore, assumptions, years=years, runs=500, seed=22)
    runs = fast.policies[0]
    for y in range(years):
        fast_payroll = runs.payroll[:, y] * fast.cola_factor[y]
        slow_payroll = np.array([r.payroll[y] for r in slow])
        assert _z(fast_payroll, slow_payroll) < 4.0, ("payroll", y)
        fast_teachers = runs.teachers[:, y].astype(float)
        slow_teachers = np.array([r.teachers[y] for r in slow], dtype=float)
        assert _z(fast_teachers, slow_teachers) < 4.0, ("teachers", y)
        for p, key in enumerate(runs.pathway_keys):
            fast_count = runs.headcount[:, y, p].astype(float)
            slow_count = np.array([r.headcount[y][key] for r in slow], dtype=float)
            assert _z(fast_count, slow_count) < 4.0, (key, y)
