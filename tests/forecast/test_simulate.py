"""Seeded, reproducible runs; common random numbers; results that record their inputs."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import numpy as np
import pytest
from openpyxl import load_workbook

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.compare import compare
from lattice.forecast.results import ForecastResult, build_result, write_csv, write_xlsx
from lattice.forecast.simulate import BINS, bin_labels, block_plan, simulate
from lattice.forecast.tables import ForecastError, PolicyTables
from lattice.forecast.workforce import synthetic
from lattice.rules.policy import Pathway, Policy

A = Assumptions()


def _arrays(sim: object) -> list[np.ndarray]:
    from lattice.forecast.simulate import Simulation

    assert isinstance(sim, Simulation)
    out = []
    for p in sim.policies:
        out += [
            p.payroll,
            p.headcount,
            p.group_pay,
            p.group_count,
            p.leaders,
            p.teachers,
            p.gainers,
            p.losers,
            p.histogram,
        ]
    return out


def test_the_same_inputs_and_seed_give_identical_outputs(baltimore: Policy) -> None:
    workforce = synthetic(500, seed=1)
    first = simulate(workforce, [baltimore], A, years=5, runs=300, seed=9)
    second = simulate(workforce, [baltimore], A, years=5, runs=300, seed=9)
    for a, b in zip(_arrays(first), _arrays(second), strict=True):
        assert np.array_equal(a, b)


def test_the_thread_count_does_not_change_the_outputs(baltimore: Policy) -> None:
    workforce = synthetic(3000, seed=1)
    assert len(block_plan(3000, 200, 25)) > 2  # several blocks, so threads really interleave
    one = simulate(workforce, [baltimore], A, years=4, runs=200, seed=5, threads=1)
    two = simulate(workforce, [baltimore], A, years=4, runs=200, seed=5, threads=2)
    for a, b in zip(_arrays(one), _arrays(two), strict=True):
        assert np.array_equal(a, b)


def test_a_different_seed_gives_different_runs(baltimore: Policy) -> None:
    workforce = synthetic(500, seed=1)
    first = simulate(workforce, [baltimore], A, years=3, runs=50, seed=1)
    second = simulate(workforce, [baltimore], A, years=3, runs=50, seed=2)
    assert not np.array_equal(first.policies[0].payroll, second.policies[0].payroll)


def test_a_policy_compared_with_itself_differs_by_exactly_zero(baltimore: Policy) -> None:
    workforce = synthetic(800, seed=2)
    sim = simulate(workforce, [baltimore, baltimore], A, years=6, runs=100, seed=3)
    (same,) = compare(sim)
    assert same.identical
    for year in same.years:
        assert (year.payroll_mean, year.payroll_ci_low, year.payroll_ci_high) == (0, 0, 0)
        assert (year.payroll_p10, year.payroll_p90) == (0, 0)
    assert sum(same.histogram) == same.histogram[BINS // 2]  # everyone in "no change"
    assert bin_labels()[BINS // 2] == "no change"


def _raised(policy: Policy, dollars: int) -> Policy:
    """The same policy with every Professional salary raised by ``dollars``."""
    pathways = tuple(
        replace(p, salary=tuple(s + dollars for s in p.salary)) if p.key == "professional" else p
        for p in policy.pathways
    )
    return replace(policy, key="raised", pathways=pathways)


def test_running_a_policy_alone_or_beside_another_gives_it_the_same_numbers(
    baltimore: Policy,
) -> None:
    workforce = synthetic(400, seed=4)
    alone = simulate(workforce, [baltimore], A, years=5, runs=60, seed=8)
    paired = simulate(workforce, [baltimore, _raised(baltimore, 1000)], A, years=5, runs=60, seed=8)
    assert np.array_equal(alone.policies[0].payroll, paired.policies[0].payroll)


def test_a_raise_for_professionals_shows_as_gainers_and_a_known_cost(baltimore: Policy) -> None:
    workforce = synthetic(400, seed=4)
    raised = _raised(baltimore, 1000)
    sim = simulate(workforce, [baltimore, raised], A, years=3, runs=40, seed=8)
    (diff,) = compare(sim)
    base, other = sim.policies
    professional = base.pathway_keys.index("professional")
    for y, year in enumerate(diff.years):
        # common random numbers: same teachers, so the difference is exactly $1,000 per
        # Professional teacher (times the cost-of-living factor), in every run
        expected = base.headcount[:, y, professional] * 1000 * sim.cola_factor[y]
        assert year.payroll_mean == pytest.approx(expected.mean())
        assert year.losers_mean == 0
        assert year.gainers_mean == pytest.approx(base.headcount[:, y, professional].mean())
    assert other.histogram[BINS // 2 + 1] > 0  # +$0 to +$2,000


def test_a_result_records_its_inputs_and_round_trips_through_json(baltimore: Policy) -> None:
    workforce = synthetic(300, seed=1)
    policies = [baltimore, _raised(baltimore, 500)]
    sim = simulate(workforce, policies, A, years=3, runs=30, seed=4)
    result = build_result(sim, workforce, policies, A)
    assert result.inputs["seed"] == 4
    assert result.inputs["code_version"]
    assert [p["key"] for p in result.inputs["policies"]] == ["baltimore-2010", "raised"]
    assert result.inputs["policies"][0]["version"] == baltimore.version
    assert result.inputs["workforce"]["fingerprint"] == workforce.fingerprint()
    again = ForecastResult.from_dict(json.loads(json.dumps(result.as_dict())))
    assert again == result


def test_the_csv_and_the_workbook_carry_the_summary_and_the_inputs(baltimore: Policy) -> None:
    workforce = synthetic(300, seed=1)
    policies = [baltimore, _raised(baltimore, 500)]
    sim = simulate(workforce, policies, A, years=2, runs=20, seed=4)
    result = build_result(sim, workforce, policies, A)
    text = write_csv(result)
    assert "# summary" in text
    assert "# comparison" in text
    assert "\r\nSeed,4\r\n" in text
    name = "Baltimore City career pathways (BTU 2010 contract)"
    assert f"\n{name},1.0,2026-27," in text  # one row per school year
    assert f"\n{name},1.0,2027-28," in text
    assert "Policy,Version,School year,Mean payroll ($)," in text  # headers in words
    buffer = io.BytesIO()
    write_xlsx(result, buffer)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    assert book.sheetnames == ["Summary", "Comparison", "Histogram", "Inputs"]
    assert book["Summary"].max_row == 1 + 2 * 2


def test_leadership_share_counts_model_and_lead_teachers(baltimore: Policy) -> None:
    workforce = synthetic(1000, seed=1)
    sim = simulate(workforce, [baltimore], A, years=1, runs=5, seed=1)
    runs = sim.policies[0]
    keys = runs.pathway_keys
    leaders = runs.headcount[:, 0, keys.index("model")] + runs.headcount[:, 0, keys.index("lead")]
    assert np.array_equal(runs.leaders[:, 0], leaders)


def test_bad_run_settings_are_refused_with_the_fix(baltimore: Policy) -> None:
    workforce = synthetic(10, seed=1)
    with pytest.raises(ForecastError, match="years must be 1 to 50"):
        simulate(workforce, [baltimore], A, years=0, runs=10)
    with pytest.raises(ForecastError, match="runs must be"):
        simulate(workforce, [baltimore], A, years=2, runs=0)
    with pytest.raises(ForecastError, match="at least one policy"):
        simulate(workforce, [], A, years=2, runs=2)


def test_a_policy_without_the_workforces_pathway_is_refused_by_name(baltimore: Policy) -> None:
    workforce = synthetic(10, seed=1, shares=(("standard", 0.5), ("coach", 0.5)))
    with pytest.raises(ForecastError, match="pathway 'coach' have no place under baltimore"):
        simulate(workforce, [baltimore], A, years=2, runs=2)


def test_a_policy_the_fast_engine_cannot_run_is_refused_with_the_reason(
    baltimore: Policy,
) -> None:
    from lattice.rules.policy import Bonus

    flagged = replace(
        baltimore,
        bonuses=(Bonus("x", "Hard-to-staff bonus", 500, None, None, "hard_to_staff", None, None,
                       "B1"),),
    )  # fmt: skip
    with pytest.raises(ForecastError, match="baltimore-2010: the forecast runs unit-ledger"):
        simulate(synthetic(10, seed=1), [flagged], A, years=2, runs=2)


def test_units_beyond_fifteen_intervals_in_a_year_still_all_move(baltimore: Policy) -> None:
    from lattice.forecast.simulate import trace_one_run
    from tests.forecast.test_agreement import ALWAYS_HIGHLY_EFFECTIVE

    long_professional = tuple(
        replace(p, salary=tuple(56000 + 1000 * i for i in range(40)))
        if p.key == "professional"
        else p
        for p in baltimore.pathways
    )
    policy = replace(baltimore, pathways=long_professional)
    workforce = synthetic(20, seed=1, shares=(("standard", 1.0),))
    workforce.interval[:] = 1
    workforce.units[:] = 12 * 20  # + 12 for Highly Effective = 21 intervals this year
    workforce.certificate[:] = True
    (tables,), log = trace_one_run(workforce, [policy], ALWAYS_HIGHLY_EFFECTIVE, years=1)
    compiled = tables.compiled
    assert isinstance(tables, PolicyTables)
    assert tables.long_chain  # the kernel looks for slots past one lookup's moves
    (shipped,), _ = trace_one_run(workforce, [baltimore], ALWAYS_HIGHLY_EFFECTIVE, years=1)
    assert isinstance(shipped, PolicyTables)
    assert not shipped.long_chain  # Baltimore's longest chain (14) is shorter: no look
    # Standard 1 -> 5 is 4 moves, -> Professional 1 is the 5th, 16 more reach interval 17
    for position, bank in zip(log[0].position[0], log[0].bank[0], strict=True):
        assert compiled.pathway_keys[compiled.position_pathway[position]] == "professional"
        assert compiled.position_interval[position] == 17
        assert bank == 0


def test_pathway_objects_are_untouched_by_raising_helper(baltimore: Policy) -> None:
    raised = _raised(baltimore, 100)
    assert isinstance(raised.pathways[0], Pathway)
    assert (
        raised.pathway("professional").salary[0]
        == baltimore.pathway("professional").salary[0] + 100
    )
