"""Step-and-lane schedules in the forecast: run beside ledger policies on the same draws."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from lattice.cli.forecast import forecast
from lattice.forecast.assumptions import Assumptions, LeaveBand
from lattice.forecast.compare import compare
from lattice.forecast.simulate import BINS, Simulation, simulate, trace_one_run
from lattice.forecast.tables import StepsPolicyTables
from lattice.forecast.workforce import read_csv, synthetic
from lattice.rules.engine import place
from lattice.rules.loader import load_policy, loads_policy
from lattice.rules.policy import Policy
from lattice.rules.records import (
    Degree,
    DegreeEarned,
    Placement,
    Rating,
    TeacherRecord,
    school_year_end,
)

from .conftest import POLICIES

A = Assumptions()
SATISFACTORY = Assumptions(
    levels=("unsatisfactory", "satisfactory"),
    first_rating=(0.0, 1.0),
    transition=((0.0, 1.0), (0.0, 1.0)),
    credits=((0, 1.0),),
    pd_hours=((0, 1.0),),
    leave_bands=(LeaveBand(0, 0.0),),
    leave_by_rating=(1.0, 1.0),
    decision_rates=(),
    certificate_rate=0.0,
    degree_rate=0.0,
    cola=0.0,
)
FIRST_YEAR = 2020  # the workforce's state is the 2020-21 school year; the forecast starts after


@pytest.fixture(scope="session")
def pwcs() -> Policy:
    return load_policy(POLICIES / "step-and-lane-pwcs-2020.toml")


@pytest.fixture(scope="session")
def pwcs_open_ended() -> Policy:
    """The PWCS table kept in force after 2020-21, so the engine can place later years."""
    text = (POLICIES / "step-and-lane-pwcs-2020.toml").read_text()
    return loads_policy(text.replace("effective_to = 2021-06-30\n", ""), "pwcs-open.toml")


def _arrays(sim: Simulation) -> list[np.ndarray]:
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


def test_a_step_and_lane_forecast_is_reproducible_with_the_same_seed(
    baltimore: Policy, pwcs: Policy
) -> None:
    workforce = synthetic(600, seed=1)
    first = simulate(workforce, [baltimore, pwcs], A, years=5, runs=80, seed=4)
    second = simulate(workforce, [baltimore, pwcs], A, years=5, runs=80, seed=4, threads=1)
    for a, b in zip(_arrays(first), _arrays(second), strict=True):
        assert np.array_equal(a, b)


def test_a_step_and_lane_policy_compared_with_itself_differs_by_exactly_zero(
    pwcs: Policy,
) -> None:
    sim = simulate(synthetic(500, seed=2), [pwcs, pwcs], A, years=6, runs=60, seed=3)
    (same,) = compare(sim)
    assert same.identical
    for year in same.years:
        assert (year.payroll_mean, year.payroll_p10, year.payroll_p90) == (0, 0, 0)
    assert sum(same.histogram) == same.histogram[BINS // 2]


def test_adding_a_step_and_lane_policy_leaves_the_ledger_policys_numbers_unchanged(
    baltimore: Policy, pwcs: Policy
) -> None:
    workforce = synthetic(400, seed=5)
    alone = simulate(workforce, [baltimore], A, years=5, runs=50, seed=6)
    paired = simulate(workforce, [baltimore, pwcs], A, years=5, runs=50, seed=6)
    for a, b in zip(_arrays(alone), _arrays(paired)[:9], strict=True):
        assert np.array_equal(a, b)


def _step_and_lane(tables: StepsPolicyTables, position: np.ndarray) -> tuple[np.ndarray, ...]:
    position = position.astype(np.int64)
    return position % tables.steps + tables.compiled.first_step, position // tables.steps


def test_with_everyone_satisfactory_and_no_attrition_everyone_moves_one_step_a_year(
    pwcs: Policy,
) -> None:
    workforce = synthetic(300, seed=3, assumptions=SATISFACTORY)
    (tables,), log = trace_one_run(workforce, [pwcs], SATISFACTORY, years=8, seed=2)
    assert isinstance(tables, StepsPolicyTables)
    top = tables.compiled.top_step
    start = np.minimum(tables.compiled.entry_step + workforce.experience.astype(np.int64), top)
    for k, year in enumerate(log):
        step, lane = _step_and_lane(tables, year.position[0])
        assert np.array_equal(step, np.minimum(start + k + 1, top))
        assert not lane.any()  # everyone holds a bachelor's with no credits: the first lane
        assert year.active.all()
        assert not year.left.any()


def test_the_deterministic_case_equals_the_engines_per_teacher_path(
    pwcs_open_ended: Policy,
) -> None:
    years = 6
    workforce = synthetic(120, seed=8, assumptions=SATISFACTORY)
    (tables,), log = trace_one_run(workforce, [pwcs_open_ended], SATISFACTORY, years=years)
    assert isinstance(tables, StepsPolicyTables)
    start, _ = _step_and_lane(tables, workforce.positions(tables))
    sim = simulate(workforce, [pwcs_open_ended], SATISFACTORY, years=years, runs=1, seed=0)
    totals = [0] * years
    for n in range(len(workforce)):
        record = TeacherRecord(
            teacher_id=workforce.teacher_ids[n],
            hire_date=date(FIRST_YEAR, 7, 1),
            placement=Placement(date(FIRST_YEAR, 7, 1), interval=int(start[n])),
            degrees=(DegreeEarned(Degree.BACHELORS, date(2010, 5, 20)),),
            ratings=tuple(Rating(FIRST_YEAR + k, "Satisfactory") for k in range(years)),
        )
        standing = place(pwcs_open_ended, record, school_year_end(FIRST_YEAR + years))
        for k in range(years):
            engine = standing.years[k + 1]
            step, lane = _step_and_lane(tables, log[k].position[0][n : n + 1])
            assert (engine.step, engine.lane) == (int(step[0]), tables.pathway_keys[lane[0]])
            totals[k] += engine.salary.total
    assert sim.policies[0].payroll[0].tolist() == totals


def test_baltimore_against_the_pwcs_schedule_has_gainers_and_losers(
    baltimore: Policy, pwcs: Policy
) -> None:
    sim = simulate(synthetic(2000, seed=1), [baltimore, pwcs], A, years=5, runs=40, seed=1)
    (versus,) = compare(sim)
    assert versus.baseline == "baltimore-2010"
    assert versus.key == "step-and-lane-pwcs-2020"
    final = versus.years[-1]
    assert final.gainers_mean > 0
    assert final.losers_mean > 0
    steps = sim.policies[1]
    assert steps.pathway_keys == ("ba", "ba15", "ma", "ma30", "doc")
    assert np.array_equal(steps.headcount.sum(axis=2), steps.teachers)  # headcount by lane
    assert steps.headcount[:, -1, 2:].sum() > 0  # degrees earned move teachers up lanes
    assert not steps.leaders.any()
    reverse = simulate(synthetic(2000, seed=1), [pwcs, baltimore], A, years=5, runs=40, seed=1)
    (back,) = compare(reverse)
    assert back.years[-1].gainers_mean == final.losers_mean
    assert back.years[-1].losers_mean == final.gainers_mean


def test_the_workforce_file_gives_degrees_and_credits_that_set_the_lane(
    tmp_path: Path, pwcs: Policy
) -> None:
    path = tmp_path / "staff.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["teacher_id", "pathway", "interval", "experience_years", "degree", "graduate_credits"]
        )
        writer.writerow(["a", "professional", "1", "0", "", ""])
        writer.writerow(["b", "professional", "1", "2", "bachelors", "15"])
        writer.writerow(["c", "professional", "1", "40", "masters", "30"])
        writer.writerow(["d", "professional", "1", "1", "doctorate", "0"])
    workforce = read_csv(path)
    (tables,), _ = trace_one_run(workforce, [pwcs], A, years=1)
    assert isinstance(tables, StepsPolicyTables)
    step, lane = _step_and_lane(tables, workforce.positions(tables))
    assert step.tolist() == [4, 6, 33, 5]
    assert [tables.pathway_keys[i] for i in lane] == ["ba", "ba15", "ma30", "doc"]


def test_an_unknown_degree_in_the_workforce_file_names_the_row(tmp_path: Path) -> None:
    from lattice.forecast.tables import ForecastError

    path = tmp_path / "staff.csv"
    path.write_text("teacher_id,pathway,interval,degree\na,professional,1,phd\n")
    with pytest.raises(ForecastError, match="row 1: degree 'phd' is not a degree"):
        read_csv(path)


def test_the_command_line_compares_baltimore_with_the_step_and_lane_schedule(
    tmp_path: Path,
) -> None:
    out = tmp_path / "results.csv"
    for first, second in (
        ("baltimore-2010", "step-and-lane-pwcs-2020"),
        ("step-and-lane-pwcs-2020", "baltimore-2010"),
    ):
        result = CliRunner().invoke(
            forecast,
            [
                "--policy",
                first,
                "--vs",
                second,
                "--years",
                "3",
                "--runs",
                "10",
                "--teachers",
                "200",
                "--out",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.output
        assert f"{second} minus {first}: " in result.output
        assert f"(positive: {second} costs more; 95% CI" in result.output
