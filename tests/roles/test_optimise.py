"""Staffing suggestions: respect each teacher's maximum load; optimal against brute force."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lattice.roles.optimise import fit, optimal_assignment
from lattice.roles.qualify import Qualification, Requirement


def brute_force(
    openings: list[dict[int, float]], capacity: dict[int, int], groups: list[int]
) -> float:
    """Best total fit over every way to fill (or leave empty) each opening."""
    best = 0.0
    choices = [[None, *fits] for fits in openings]
    for combo in itertools.product(*choices):
        used: dict[int, int] = {}
        seen: set[tuple[int, int]] = set()
        ok = True
        for i, sid in enumerate(combo):
            if sid is None:
                continue
            used[sid] = used.get(sid, 0) + 1
            if used[sid] > capacity.get(sid, 0) or (groups[i], sid) in seen:
                ok = False
                break
            seen.add((groups[i], sid))
        if ok:
            best = max(
                best, sum(openings[i][sid] for i, sid in enumerate(combo) if sid is not None)
            )
    return best


def total(openings: list[dict[int, float]], plan: dict[int, int]) -> float:
    return sum(openings[i][sid] for i, sid in plan.items())


def test_a_teacher_is_never_suggested_beyond_their_maximum_load() -> None:
    openings = [{1: 90.0, 2: 50.0}, {1: 80.0, 2: 40.0}, {1: 70.0, 2: 30.0}]
    plan = optimal_assignment(openings, capacity={1: 1, 2: 2}, groups=[10, 11, 12])
    assert list(plan.values()).count(1) == 1
    assert list(plan.values()).count(2) == 2


def test_nobody_fills_two_openings_of_the_same_posting() -> None:
    openings = [{1: 90.0, 2: 10.0}, {1: 90.0, 2: 10.0}]
    plan = optimal_assignment(openings, capacity={1: 2, 2: 1}, groups=[7, 7])
    assert sorted(plan.values()) == [1, 2]


def test_the_assignment_matches_brute_force_on_a_tiny_case() -> None:
    openings = [{1: 60.0, 2: 85.0, 3: 40.0}, {1: 75.0, 2: 80.0}, {2: 70.0, 3: 65.0}]
    capacity = {1: 1, 2: 1, 3: 1}
    plan = optimal_assignment(openings, capacity, groups=[1, 2, 3])
    assert total(openings, plan) == brute_force(openings, capacity, [1, 2, 3]) == 225.0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.integers(1, 3), st.integers(1, 100).map(float), max_size=3),
        min_size=1,
        max_size=4,
    ),
    st.dictionaries(st.integers(1, 3), st.integers(0, 2), min_size=3, max_size=3),
)
def test_the_assignment_is_optimal_for_distinct_postings(openings: Any, capacity: Any) -> None:
    groups = list(range(len(openings)))
    plan = optimal_assignment(openings, capacity, groups)
    assert total(openings, plan) == pytest.approx(brute_force(openings, capacity, groups))
    for sid in set(plan.values()):
        assert list(plan.values()).count(sid) <= capacity[sid]


def test_the_fit_says_why() -> None:
    q = Qualification((Requirement("Effective or better", True, "Effective"),))
    f = fit(5, q, interested=True, load=0, max_load=1, kind="mentor teacher")
    assert f.score == 100
    assert f.eligible
    assert f.reasons == (
        "meets all 1 requirements",
        "said they are interested in mentor teacher roles",
        "holds 0 of at most 1 role",
    )


def test_a_teacher_at_full_load_is_ranked_but_not_assigned() -> None:
    q = Qualification(())
    f = fit(5, q, interested=False, load=1, max_load=1, kind="mentor")
    assert not f.eligible
    assert f.score == 60


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.integers(1, 3), st.integers(1, 100).map(float), max_size=3),
        min_size=1,
        max_size=5,
    ),
    st.dictionaries(st.integers(1, 3), st.integers(0, 3), min_size=3, max_size=3),
    st.data(),
)
def test_the_assignment_is_optimal_when_postings_have_several_openings(
    openings: Any, capacity: Any, data: Any
) -> None:
    groups = [data.draw(st.integers(0, 2)) for _ in openings]
    plan = optimal_assignment(openings, capacity, groups)
    assert total(openings, plan) == pytest.approx(brute_force(openings, capacity, groups))
    assert len({(groups[i], sid) for i, sid in plan.items()}) == len(plan)


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.integers(1, 7), st.sampled_from([40.0, 60.0, 75.0, 90.0]), max_size=7),
        min_size=1,
        max_size=3,
    ),
    st.dictionaries(st.integers(1, 7), st.integers(0, 2), min_size=7, max_size=7),
    st.data(),
)
def test_the_assignment_stays_optimal_with_more_candidates_than_openings(
    openings: Any, capacity: Any, data: Any
) -> None:
    """Each opening is planned over its best few candidates only; with many candidates of
    equal fit another may be picked, so the total fit is what is compared."""
    groups = [data.draw(st.integers(0, 1)) for _ in openings]
    plan = optimal_assignment(openings, capacity, groups)
    assert total(openings, plan) == pytest.approx(brute_force(openings, capacity, groups))
    for sid in set(plan.values()):
        assert list(plan.values()).count(sid) <= capacity[sid]
    assert len({(groups[i], sid) for i, sid in plan.items()}) == len(plan)
