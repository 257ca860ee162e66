"""The vectorised step-and-lane path equals the per-teacher path on every generated teacher."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lattice.rules.batch import BatchUnsupported
from lattice.rules.batch_steps import (
    StepsState,
    StepsYearInputs,
    advance_steps_year,
    compile_steps,
    records_to_steps_tables,
    run_steps_batch,
)
from lattice.rules.context import RecordError
from lattice.rules.engine import place
from lattice.rules.loader import loads_policy
from lattice.rules.policy import Policy
from lattice.rules.records import (
    CreditEarned,
    Degree,
    DegreeEarned,
    Placement,
    Rating,
    TeacherRecord,
)

from .conftest import POLICIES

LABELS = ["Unsatisfactory", "Needs Improvement", "Satisfactory", "Proficient", "Exemplary"]
# The shipped schedule is in force for one school year only; the same table kept in force
# from 2010 lets histories run many years.
OPEN_ENDED = loads_policy(
    (POLICIES / "step-and-lane-pwcs-2020.toml")
    .read_text()
    .replace("effective_to = 2021-06-30\n", "")
    .replace("effective_from = 2020-07-01", "effective_from = 2010-07-01"),
    "pwcs-open-ended.toml",
)


def _day(rng: random.Random, year: int) -> date:
    return date(year, 7, 1) + timedelta(days=rng.randrange(365))


def steps_teacher(rng: random.Random, n: int, first: int = 2012, last: int = 2024) -> TeacherRecord:
    hire_year = rng.randrange(first, last)
    hire = _day(rng, hire_year)
    placement = None
    if rng.random() < 0.3:
        placement = Placement(hire, interval=rng.randint(1, 40))
    degrees = []
    if rng.random() < 0.95:
        degrees.append(DegreeEarned(Degree.BACHELORS, _day(rng, hire_year - rng.randrange(1, 6))))
    for degree in (Degree.MASTERS, Degree.DOCTORATE, Degree.MASTERS):
        if rng.random() < 0.3:
            degrees.append(DegreeEarned(degree, _day(rng, rng.randrange(hire_year - 3, last + 1))))
    ratings, credits = [], []
    for year in range(hire_year - 1, last + 1):
        if rng.random() < 0.85:
            posted = None if rng.random() < 0.8 else _day(rng, year)
            ratings.append(Rating(year, rng.choice(LABELS), posted))
        for _ in range(rng.randrange(3)):
            end = _day(rng, year)
            credits.append(
                CreditEarned(rng.randint(1, 12), end, end + timedelta(days=30), rng.random() < 0.9)
            )
    return TeacherRecord(
        teacher_id=f"S{n:06d}",
        hire_date=hire,
        prior_experience_years=rng.choice([0, 0, 1, 3, 8, 40]),
        placement=placement,
        degrees=tuple(degrees),
        credits=tuple(credits),
        ratings=tuple(ratings),
    )


def steps_district(size: int, seed: int) -> list[TeacherRecord]:
    rng = random.Random(seed)
    return [steps_teacher(rng, n) for n in range(size)]


def assert_steps_batch_matches(policy: Policy, records: list[TeacherRecord], as_of: date) -> None:
    compiled = compile_steps(policy)
    result = run_steps_batch(compiled, records_to_steps_tables(compiled, policy, records), as_of)
    for n, record in enumerate(records):
        standing = place(policy, record, as_of)
        assert (standing.teacher_id, standing.step, standing.lane, standing.salary.total) == (
            result.ids[n],
            int(result.step[n]),
            compiled.lane_keys[result.lane[n]],
            int(result.salary[n]),
        )


def test_the_steps_batch_path_equals_the_per_teacher_path_on_every_teacher_of_a_district() -> None:
    assert_steps_batch_matches(OPEN_ENDED, steps_district(2_000, 2020), date(2025, 3, 15))


def test_the_steps_batch_path_equals_the_per_teacher_path_under_the_shipped_schedule(
    pwcs: Policy,
) -> None:
    as_of = date(2021, 6, 30)
    records = [r for r in steps_district(800, 7) if r.start <= as_of]
    assert_steps_batch_matches(pwcs, records, as_of)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.dates(date(2012, 7, 1), date(2026, 1, 1)))
def test_the_steps_batch_path_equals_the_per_teacher_path_on_any_date(
    seed: int, as_of: date
) -> None:
    records = [r for r in steps_district(30, seed) if r.start <= as_of]
    if records:
        assert_steps_batch_matches(OPEN_ENDED, records, as_of)


def test_a_year_moves_one_step_when_the_gate_is_met_and_never_past_the_top(pwcs: Policy) -> None:
    compiled = compile_steps(pwcs)
    state = StepsState(np.array([4, 4, 33, 10]), np.zeros(4, dtype=np.int64))
    inputs = StepsYearInputs(
        prior_rank=np.array([1, 0, 1, -1]),
        degree=np.array([1, 2, 2, 3]),
        credits=np.array([15, 0, 30, 0]),
    )
    after = advance_steps_year(compiled, state, inputs)
    assert after.step.tolist() == [5, 4, 33, 10]
    assert [compiled.lane_keys[lane] for lane in after.lane] == ["ba15", "ma", "ma30", "doc"]


def test_a_ledger_policy_is_refused_by_the_steps_batch_path(baltimore: Policy) -> None:
    with pytest.raises(BatchUnsupported, match="steps policy"):
        compile_steps(baltimore)


def test_a_counted_rating_outside_the_vocabulary_is_refused_as_the_engine_refuses_it() -> None:
    record = TeacherRecord(
        "S1",
        date(2018, 8, 1),
        degrees=(DegreeEarned(Degree.BACHELORS, date(2017, 5, 1)),),
        ratings=(Rating(2018, "Satisfactory"), Rating(2019, "Outstanding")),
    )
    as_of = date(2021, 6, 30)
    compiled = compile_steps(OPEN_ENDED)
    tables = records_to_steps_tables(compiled, OPEN_ENDED, [record])
    with pytest.raises(RecordError, match="2019-20 rating 'Outstanding'"):
        place(OPEN_ENDED, record, as_of)
    with pytest.raises(RecordError, match="S1: the 2019-20 rating is not in"):
        run_steps_batch(compiled, tables, as_of)
