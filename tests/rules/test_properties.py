"""Invariants over generated teachers: units conserved, no demotion, determinism, traces that
add up, and the batch path equal to the per-teacher path."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from lattice.rules.batch import compile_policy, records_to_tables, run_batch
from lattice.rules.batch_ladder import compile_ladder, records_to_ladder_tables, run_ladder_batch
from lattice.rules.engine import place
from lattice.rules.explain import explain_data
from lattice.rules.loader import loads_policy
from lattice.rules.policy import Policy
from lattice.rules.records import (
    Accomplishment,
    CreditEarned,
    Degree,
    DegreeEarned,
    Rating,
    RoleServed,
    SchoolYearFacts,
    TeacherRecord,
)
from lattice.rules.standing import Standing, Unit

from .conftest import POLICIES
from .district import district, teacher

AS_OF = date(2024, 6, 30)
seeds = st.randoms(use_true_random=False)


def ledger_teacher(rng: random.Random) -> TeacherRecord:
    return teacher(rng, rng.randrange(10**6))


def dc_teacher(rng: random.Random) -> TeacherRecord:
    labels = ["Ineffective", "Minimally Effective", "Developing", "Effective", "Highly Effective"]
    hired = date(rng.randrange(2012, 2020), 8, 15)
    years = range(hired.year, 2024)
    return TeacherRecord(
        "D",
        hired,
        rng.randrange(6),
        ratings=tuple(Rating(y, rng.choice(labels)) for y in years if rng.random() < 0.9),
        years=tuple(
            SchoolYearFacts(y, rng.choice([20, 60, 90]), rng.randrange(40_000, 90_000))
            for y in years
        ),
    )


def any_teacher(rng: random.Random, policy: Policy) -> TeacherRecord:
    """A teacher with a bit of every kind of fact, valid under any shipped policy."""
    hired = date(rng.randrange(2014, 2019), 8, 1)
    years = range(hired.year, 2024)
    labels = sorted({label for v in policy.ratings.vocabularies for label, _ in v.labels})
    roles = [r.key for r in policy.roles.roles] if policy.roles else []
    return TeacherRecord(
        "X",
        hired,
        rng.randrange(20),
        degrees=(DegreeEarned(Degree.BACHELORS, hired - timedelta(days=400)),)
        + (
            (DegreeEarned(Degree.MASTERS, hired + timedelta(days=800)),)
            if rng.random() < 0.5
            else ()
        ),
        credits=tuple(
            CreditEarned(rng.randrange(1, 10), date(y, 12, 1), date(y + 1, 1, 10))
            for y in years
            if rng.random() < 0.5
        ),
        ratings=tuple(Rating(y, rng.choice(labels)) for y in years if rng.random() < 0.9),
        accomplishments=tuple(
            Accomplishment("pdu", date(y, 11, 1)) for y in years if rng.random() < 0.4
        ),
        roles=tuple(
            RoleServed(rng.choice(roles), y) for y in years if roles and rng.random() < 0.3
        ),
        years=tuple(
            SchoolYearFacts(
                y,
                rng.choice([10, 70]),
                rng.randrange(30_000, 80_000),
                frozenset(rng.sample(["hard_to_serve", "hard_to_staff"], rng.randrange(3))),
                (("sgos_met", rng.randrange(3)),),
            )
            for y in years
        ),
    )


def shipped() -> dict[str, Policy]:
    from lattice.rules.loader import load_policy

    return {p.stem: load_policy(p) for p in sorted(POLICIES.glob("*.toml"))}


POLICIES_BY_NAME = shipped()
NO_BANKING = loads_policy(
    (POLICIES / "baltimore-2010.toml")
    .read_text()
    .replace("bank_remainder = true", "bank_remainder = false"),
    "no-banking.toml",
)


def as_of_for(policy: Policy) -> date:
    """AS_OF inside the policy's dates (a policy that starts later: its first year's end)."""
    day = min(AS_OF, policy.effective_to or AS_OF)
    if day < policy.effective_from:
        day = date(policy.effective_from.year + 1, 6, 30)
    return day


def total(standing: Standing, unit: Unit) -> int:
    return sum(line.amount for line in standing.trace if line.unit is unit)


@settings(deadline=None)
@given(seeds)
def test_units_are_conserved_earned_equals_spent_plus_banked(rng: random.Random) -> None:
    standing = place(POLICIES_BY_NAME["baltimore-2010"], ledger_teacher(rng), AS_OF)
    assert standing.units_earned == standing.units_spent + standing.units_banked
    assert standing.units_lapsed == 0


@settings(deadline=None)
@given(seeds)
def test_without_banking_units_are_spent_or_lapse(rng: random.Random) -> None:
    standing = place(NO_BANKING, ledger_teacher(rng), AS_OF)
    assert standing.units_earned == standing.units_spent + standing.units_lapsed
    assert standing.units_banked == 0


@settings(deadline=None)
@given(seeds)
def test_unit_trace_lines_add_up_to_the_units_shown(rng: random.Random) -> None:
    standing = place(POLICIES_BY_NAME["baltimore-2010"], ledger_teacher(rng), AS_OF)
    assert total(standing, Unit.UNITS_EARNED) == standing.units_earned
    assert total(standing, Unit.UNITS_SPENT) == standing.units_spent


@settings(deadline=None)
@given(seeds)
def test_a_baltimore_teacher_never_moves_back_a_pathway_or_interval(rng: random.Random) -> None:
    policy = POLICIES_BY_NAME["baltimore-2010"]
    years = place(policy, ledger_teacher(rng), AS_OF).years
    ranks = [(policy.pathway_index(y.pathway or ""), y.interval or 0) for y in years]
    assert all(a[0] < b[0] or (a[0] == b[0] and a[1] <= b[1]) for a, b in itertools.pairwise(ranks))


@settings(deadline=None)
@given(seeds)
def test_a_dc_teacher_never_moves_down_a_stage(rng: random.Random) -> None:
    policy = POLICIES_BY_NAME["dc-lift-2012"]
    years = place(policy, dc_teacher(rng), AS_OF).years
    ranks = [policy.pathway_index(y.pathway or "") for y in years]
    assert ranks == sorted(ranks)


@settings(max_examples=40, deadline=None)
@given(seeds, st.sampled_from(sorted(POLICIES_BY_NAME)))
def test_the_same_inputs_give_the_same_standing_and_explanation(
    rng: random.Random, name: str
) -> None:
    policy = POLICIES_BY_NAME[name]
    record = any_teacher(rng, policy)
    as_of = as_of_for(policy)
    assert place(policy, record, as_of) == place(policy, record, as_of)
    assert explain_data(policy, record, as_of) == explain_data(policy, record, as_of)


@settings(max_examples=60, deadline=None)
@given(seeds, st.sampled_from(sorted(POLICIES_BY_NAME)))
def test_salary_components_and_dollar_trace_lines_add_up_to_each_years_salary(
    rng: random.Random, name: str
) -> None:
    policy = POLICIES_BY_NAME[name]
    as_of = as_of_for(policy)
    standing = place(policy, any_teacher(rng, policy), as_of)
    for year in standing.years:
        salary = year.salary
        assert salary.base + salary.supplements + salary.bonuses + salary.one_time == salary.total
        dollars = [
            line
            for line in standing.trace
            if line.unit is Unit.DOLLARS and line.school_year == year.school_year
        ]
        assert sum(line.amount for line in dollars) == salary.total
        assert {line.pay for line in dollars} <= {line.kind for line in salary.lines}


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.dates(date(2013, 1, 1), date(2025, 1, 1)))
def test_the_batch_path_equals_the_per_teacher_path_on_small_districts(
    seed: int, as_of: date
) -> None:
    policy = POLICIES_BY_NAME["baltimore-2010"]
    records = [r for r in district(40, seed) if r.start <= as_of]
    if not records:
        return
    assert_batch_matches(policy, records, as_of)


def assert_batch_matches(policy: Policy, records: list[TeacherRecord], as_of: date) -> None:
    compiled = compile_policy(policy)
    result = run_batch(compiled, *records_to_tables(compiled, policy, records), as_of)
    for n, record in enumerate(records):
        s = place(policy, record, as_of)
        row = (
            record.teacher_id,
            s.interval,
            s.units_earned,
            s.units_spent,
            s.units_lapsed,
            s.units_banked,
            s.salary.total,
        )
        assert row == result.row(n)
        assert policy.pathway_index(s.pathway or "") == result.pathway[n]


def test_the_batch_path_equals_the_per_teacher_path_on_every_teacher_of_a_generated_district() -> (
    None
):
    assert_batch_matches(
        POLICIES_BY_NAME["baltimore-2010"], district(2_000, 2010), date(2024, 3, 15)
    )


def test_the_batch_path_equals_the_per_teacher_path_without_banking() -> None:
    as_of = date(2022, 6, 30)
    assert_batch_matches(NO_BANKING, [r for r in district(500, 11) if r.start <= as_of], as_of)


def assert_ladder_batch_matches(policy: Policy, records: list[TeacherRecord], as_of: date) -> None:
    compiled = compile_ladder(policy)
    result = run_ladder_batch(compiled, records_to_ladder_tables(compiled, policy, records), as_of)
    for n, record in enumerate(records):
        standing = place(policy, record, as_of)
        assert (standing.pathway, standing.salary.total) == (
            compiled.stage_keys[result.stage[n]],
            result.salary[n],
        )


def test_the_ladder_batch_path_equals_the_per_teacher_path_on_a_generated_district() -> None:
    rng = random.Random(2012)
    records = [dc_teacher(rng) for _ in range(1_000)]
    assert_ladder_batch_matches(POLICIES_BY_NAME["dc-lift-2012"], records, AS_OF)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.dates(date(2020, 7, 1), date(2026, 1, 1)))
def test_the_ladder_batch_path_equals_the_per_teacher_path_on_any_date(
    seed: int, as_of: date
) -> None:
    rng = random.Random(seed)
    records = [r for r in (dc_teacher(rng) for _ in range(20)) if r.start <= as_of]
    assert_ladder_batch_matches(POLICIES_BY_NAME["dc-lift-2012"], records, as_of)
