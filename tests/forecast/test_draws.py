"""The forecast's random draws happen at the rates the assumptions give (docs/decisions/0022).

Every rate is checked on traced slot-years of one large run against the assumptions it was
drawn from: next ratings given the last, new hires' first ratings, the year's credits and PD
hours, certificates earned, leaving by experience and rating, replacements, new hires'
experience and certificates, sampled decisions (each at its own rate, below the largest one
the candidates are drawn at) and degrees earned. A count is compared with its expectation as
a z-score (fixed seeds, so the test is deterministic); every one must be within 4.5 standard
deviations. The rare-event sampler itself is checked slot by slot and gap by gap."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
import pytest

from lattice.forecast.assumptions import Assumptions, LeaveBand
from lattice.forecast.draws import event_rows
from lattice.forecast.kernel import YearLog
from lattice.forecast.simulate import simulate, trace_one_run
from lattice.forecast.tables import SCALE, PolicyTables, threshold
from lattice.forecast.workforce import Workforce, synthetic
from lattice.rules.loader import load_policy
from lattice.rules.policy import Policy

from .conftest import POLICIES

Z = 4.5
TEACHERS = 20_000
YEARS = 5
RATED = Assumptions(replacement_rate=0.9, degree_rate=0.08, certificate_rate=0.2)


def _z(observed: float, expected: float, variance: float) -> float:
    return abs(observed - expected) / math.sqrt(variance) if variance > 0 else 0.0


def _assert_counts(
    label: str, chosen: npt.NDArray[np.int64], probabilities: Iterable[float]
) -> None:
    """``chosen`` counts draws of each category among ``chosen.sum()`` draws with the given
    probabilities: every category's count is within ``Z`` standard deviations."""
    total = int(chosen.sum())
    for category, (count, p) in enumerate(zip(chosen, probabilities, strict=True)):
        z = _z(float(count), total * p, total * p * (1 - p))
        assert z < Z, (label, category, int(count), total * p)


def _assert_rate(label: str, events: npt.NDArray[np.bool_], p: npt.NDArray[np.float64]) -> None:
    """Independent events of (each their own) probability ``p``: the count is as expected."""
    z = _z(float(events.sum()), float(p.sum()), float((p * (1 - p)).sum()))
    assert z < Z, (label, int(events.sum()), float(p.sum()))


@pytest.fixture(scope="module")
def traced() -> tuple[Workforce, list[YearLog]]:
    schedule = load_policy(POLICIES / "step-and-lane-pwcs-2020.toml")
    workforce = synthetic(TEACHERS, seed=31, assumptions=RATED)
    _, log = trace_one_run(workforce, [schedule], RATED, years=YEARS, seed=32)
    return workforce, log


def _before(workforce: Workforce, log: list[YearLog]) -> list[dict[str, npt.NDArray]]:
    """Each year's state before its draws: last rating, experience, certificate, degree,
    whether the slot holds a new hire and whether it is taught."""
    state = {
        "rating": workforce.last_rating.astype(np.int64),
        "experience": workforce.experience.astype(np.int64),
        "certificate": workforce.certificate.copy(),
        "degree": workforce.degrees().astype(np.int64),
        "hire": np.zeros(len(workforce), dtype=np.bool_),
        "active": np.ones(len(workforce), dtype=np.bool_),
    }
    out = []
    for year in log:
        out.append({k: v.copy() for k, v in state.items()})
        state["rating"] = year.rating.astype(np.int64)
        state["rating"][year.left] = 0
        state["experience"] = np.minimum(state["experience"] + 1, 63)
        state["experience"][year.hired] = year.hire_experience[year.hired]
        state["certificate"] = year.certificate.copy()
        state["certificate"][year.hired] = year.hire_certificate[year.hired]
        assert year.degree is not None
        state["degree"] = year.degree.astype(np.int64)
        state["degree"][year.hired] = 1
        state["hire"] = year.hired.copy()
        state["active"] = year.active.copy() & ~(year.left & ~year.hired)
    return out


def test_next_ratings_follow_the_transition_rows_and_hires_the_first_rating(
    traced: tuple[Workforce, list[YearLog]],
) -> None:
    workforce, log = traced
    codes = len(RATED.levels)
    seen = np.zeros(codes + 1, dtype=np.int64)
    for before, year in zip(_before(workforce, log), log, strict=True):
        live = before["active"]
        for last, row in enumerate([RATED.first_rating, *RATED.transition]):
            slots = live & (before["rating"] == last)
            seen[last] += int(slots.sum())
            chosen = np.bincount(year.rating[slots], minlength=codes + 1)[1:]
            _assert_counts(f"rating after code {last}", chosen, row)
    assert (seen > 1000).all()  # new hires (code 0) and every level


def test_the_years_credits_and_pd_hours_follow_their_joint_distribution(
    traced: tuple[Workforce, list[YearLog]],
) -> None:
    _, log = traced
    joint = [pc * ph for _, pc in RATED.credits for _, ph in RATED.pd_hours]
    activity = np.concatenate([year.activity[year.active] for year in log])
    _assert_counts("activity", np.bincount(activity, minlength=len(joint)), joint)


def test_certificates_are_earned_at_the_certificate_rate(
    traced: tuple[Workforce, list[YearLog]],
) -> None:
    workforce, log = traced
    earned, tried = [], []
    for before, year in zip(_before(workforce, log), log, strict=True):
        without = ~before["certificate"]
        earned.append(year.certificate[without])
        tried.append(np.full(int(without.sum()), RATED.certificate_rate))
    assert sum(e.size for e in earned) > 10_000
    _assert_rate("certificate", np.concatenate(earned), np.concatenate(tried))


def test_teachers_leave_at_their_experience_and_ratings_rate_and_are_replaced_at_its_rate(
    traced: tuple[Workforce, list[YearLog]],
) -> None:
    workforce, log = traced
    for before, year in zip(_before(workforce, log), log, strict=True):
        live = before["active"]
        p = np.array(
            [
                threshold(RATED.leave_probability(int(e), int(r) - 1)) / SCALE
                for e, r in zip(before["experience"][live], year.rating[live], strict=True)
            ]
        )
        left = year.left[live]
        _assert_rate("leaving", left, p)
        # by band and rating too, so that no table row is off while the total is right
        for value in np.unique(p):
            _assert_rate(f"leaving at {value}", left[p == value], p[p == value])
        replaced = year.hired[year.left]
        _assert_rate("replaced", replaced, np.full(replaced.size, RATED.replacement_rate))


def test_new_hires_draw_their_experience_and_certificate_from_the_assumptions(
    traced: tuple[Workforce, list[YearLog]],
) -> None:
    _, log = traced
    hired = np.concatenate([year.hire_experience[year.hired] for year in log])
    values = [v for v, _ in RATED.hire_experience]
    chosen = np.array([(hired == v).sum() for v in values])
    assert chosen.sum() == hired.size
    _assert_counts("hire experience", chosen, [p for _, p in RATED.hire_experience])
    certified = np.concatenate([year.hire_certificate[year.hired] for year in log])
    _assert_rate(
        "hire certificate", certified, np.full(certified.size, RATED.hire_certificate_share)
    )


def test_degrees_are_earned_at_the_degree_rate_up_to_the_doctorate(
    traced: tuple[Workforce, list[YearLog]],
) -> None:
    workforce, log = traced
    earned, tried = [], []
    for before, year in zip(_before(workforce, log), log, strict=True):
        assert year.degree is not None
        below = before["degree"] < 3
        gained = year.degree.astype(np.int64) - before["degree"]
        assert set(np.unique(gained[below])) <= {0, 1}
        assert not gained[~below].any()  # no degree past the doctorate
        earned.append(gained[below] == 1)
        tried.append(np.full(int(below.sum()), RATED.degree_rate))
    _assert_rate("degree", np.concatenate(earned), np.concatenate(tried))


EVERYONE_ELIGIBLE = Assumptions(
    first_rating=(0.0, 0.0, 0.0, 1.0),
    transition=((0.0, 0.0, 0.0, 1.0),) * 4,
    leave_bands=(LeaveBand(0, 0.0),),
    # three rates, so that two of them are thinned from the largest
    decision_rates=(
        ("accelerated_approved", 0.06),
        ("peer_review_passed", 0.2),
        ("selected_as_lead", 0.01),
    ),
)


def test_each_sampled_decision_happens_at_its_own_rate(baltimore: Policy) -> None:
    a = EVERYONE_ELIGIBLE
    workforce = synthetic(TEACHERS, seed=33, assumptions=a)
    workforce.certificate[:] = True
    (tables,), log = trace_one_run(workforce, [baltimore], a, years=YEARS, seed=34)
    assert isinstance(tables, PolicyTables)
    position = workforce.positions(tables).astype(np.int64)
    seen = 0
    for year in log:
        code = tables.decision_code[position]
        for c, kind in enumerate(tables.compiled.decision_codes):
            at = code == c
            if not at.any():
                continue
            taken = year.decided[0][at] == c
            seen += int(taken.sum())
            rate = threshold(a.decision_rate(kind.value)) / SCALE
            _assert_rate(f"decision {kind.value}", taken, np.full(taken.size, rate))
        assert not (year.decided[0][code < 0] >= 0).any()  # no decision where none is possible
        position = year.position[0].astype(np.int64)
    assert seen > 500


@pytest.mark.parametrize("p", [1 / SCALE, 0.003, 0.05, 0.3, 0.9])
def test_rare_events_fall_on_each_slot_independently_at_their_rate(p: float) -> None:
    rng = np.random.Generator(np.random.SFC64(np.random.SeedSequence(5)))
    n, years = 5_000, 400
    t = threshold(p)
    q = t / SCALE
    hits = np.zeros(n, dtype=np.int64)
    gaps = []
    for _ in range(years):
        rows = event_rows(rng, n, t)
        assert rows.dtype == np.intp
        assert np.all(np.diff(rows) > 0)  # sorted, no slot twice
        assert rows.size == 0 or (rows[0] >= 0 and rows[-1] < n)
        hits[rows] += 1
        gaps.append(np.diff(rows) - 1)
    total = n * years
    assert _z(float(hits.sum()), total * q, total * q * (1 - q)) < Z
    # every slot alike: the first and last slots as often as the middle ones
    quarter = n // 4
    for part in (hits[:quarter], hits[-quarter:]):
        cells = part.size * years
        assert _z(float(part.sum()), cells * q, cells * q * (1 - q)) < Z
    # the gaps between events are geometric: P(gap = k) = (1 - q)^k q
    between = np.concatenate(gaps)
    if between.size > 1000:
        for k in range(3):
            expected = (1 - q) ** k * q
            observed = float((between == k).sum())
            assert (
                _z(observed, between.size * expected, between.size * expected * (1 - expected)) < Z
            )


def test_certain_and_impossible_events_need_no_draws() -> None:
    rng = np.random.Generator(np.random.SFC64(1))
    assert event_rows(rng, 10, 0).size == 0
    assert np.array_equal(event_rows(rng, 10, SCALE), np.arange(10))
    assert event_rows(rng, 0, 100).size == 0
    untouched = np.random.Generator(np.random.SFC64(1))
    assert rng.bit_generator.random_raw() == untouched.bit_generator.random_raw()


def test_a_schedule_alone_or_beside_a_ledger_policy_gets_the_same_numbers(
    baltimore: Policy,
) -> None:
    # common random numbers: the shared draws never depend on which policies run
    schedule = load_policy(POLICIES / "step-and-lane-pwcs-2020.toml")
    workforce = synthetic(500, seed=6, assumptions=RATED)
    alone = simulate(workforce, [schedule], RATED, years=6, runs=40, seed=9)
    paired = simulate(workforce, [baltimore, schedule], RATED, years=6, runs=40, seed=9)
    for name in ("payroll", "headcount", "teachers", "group_pay"):
        assert np.array_equal(getattr(alone.policies[0], name), getattr(paired.policies[1], name))
