"""The vectorised annual-roles path equals the per-teacher engine on generated districts."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from lattice.rules.batch_roles import compile_roles, run_roles_batch
from lattice.rules.engine import place
from lattice.rules.loader import load_policy
from lattice.rules.records import Rating, RoleServed, SchoolYearFacts, TeacherRecord

from .conftest import POLICIES

IOWA = load_policy(POLICIES / "iowa-tlc-2013.toml")


def _teacher(rng: random.Random, n: int) -> TeacherRecord:
    hired = date(rng.randrange(2014, 2022), 8, 1)
    years = range(hired.year, 2025)
    roles = [r.key for r in IOWA.roles.roles] if IOWA.roles else []
    return TeacherRecord(
        f"I{n}",
        hired,
        rng.randrange(10),
        ratings=tuple(Rating(y, rng.choice(["Satisfactory", "Unsatisfactory"])) for y in years),
        roles=tuple(RoleServed(rng.choice(roles), y) for y in years if rng.random() < 0.3),
        years=tuple(SchoolYearFacts(y, 0, rng.randrange(28_000, 70_000)) for y in years),
    )


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.dates(date(2022, 7, 1), date(2025, 6, 30)))
def test_the_roles_batch_path_pays_every_teacher_as_the_engine_does(seed: int, as_of: date) -> None:
    rng = random.Random(seed)
    records = [r for r in (_teacher(rng, n) for n in range(30)) if r.start <= as_of]
    result = run_roles_batch(compile_roles(IOWA), records, as_of)
    for n, record in enumerate(records):
        standing = place(IOWA, record, as_of)
        assert result.salary[n] == standing.salary.total, record.teacher_id
        assert result.roles[n] == len(standing.roles)
