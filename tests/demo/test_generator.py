"""The demo generator's data, built in memory: deterministic and realistic."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections import Counter, defaultdict

import pytest

from lattice.demo.generator import RATING_LABELS, DemoSpec, generate
from lattice.people.models import (
    Assignment,
    RatingRecord,
    SchoolYear,
    SchoolYearProfile,
    StaffMember,
)
from tests.demo.helpers import SMALL, TODAY, InMemory, fingerprint, in_memory

pytestmark = pytest.mark.django_db  # the password hasher reads settings; no rows are written


@pytest.fixture(scope="module")
def district_rows() -> InMemory:
    return in_memory(DemoSpec(seed=11, teachers=1200, years=5, today=TODAY))


def _rating_histories(made: InMemory) -> list[list[str]]:
    starts = {year.pk: year.start for year in made.instances_of(SchoolYear)}
    by_person: dict[int, list[tuple]] = defaultdict(list)
    for row in made.of(RatingRecord):
        by_person[row["staff_member_id"]].append((starts[row["school_year_id"]], row["label"]))
    return [[label for _, label in sorted(history)] for history in by_person.values()]


def test_the_same_seed_gives_the_same_district() -> None:
    assert fingerprint(in_memory(SMALL)) == fingerprint(in_memory(SMALL))


def test_a_different_seed_gives_a_different_district() -> None:
    other = dataclasses.replace(SMALL, seed=8)
    assert fingerprint(in_memory(SMALL)) != fingerprint(in_memory(other))


def test_ratings_follow_the_planned_distribution(district_rows: InMemory) -> None:
    labels = Counter(label for history in _rating_histories(district_rows) for label in history)
    total = sum(labels.values())
    shares = {label: labels[label] / total for label in RATING_LABELS}
    assert shares["Ineffective"] == pytest.approx(0.02, abs=0.015)
    assert shares["Developing"] == pytest.approx(0.08, abs=0.03)
    assert shares["Effective"] == pytest.approx(0.60, abs=0.05)
    assert shares["Highly Effective"] == pytest.approx(0.30, abs=0.05)


def test_a_highly_effective_rating_tends_to_persist(district_rows: InMemory) -> None:
    pairs = [
        pair for history in _rating_histories(district_rows) for pair in itertools.pairwise(history)
    ]
    after_he = [nxt for last, nxt in pairs if last == "Highly Effective"]
    p_he = sum(nxt == "Highly Effective" for _, nxt in pairs) / len(pairs)
    p_he_after_he = sum(nxt == "Highly Effective" for nxt in after_he) / len(after_he)
    assert p_he_after_he > p_he + 0.2


def test_the_district_keeps_about_the_requested_number_of_teachers(district_rows: InMemory) -> None:
    maplewood_years = {
        y.pk: y.label
        for y in district_rows.instances_of(SchoolYear)
        if y.district.key == "maplewood"
    }
    per_year = Counter(
        maplewood_years[row["school_year_id"]]
        for row in district_rows.of(Assignment)
        if row["position"] == "teacher" and row["school_year_id"] in maplewood_years
    )
    assert len(per_year) == 5
    assert all(1120 <= count <= 1280 for count in per_year.values())


def test_free_lunch_shares_range_from_affluent_to_high_poverty(district_rows: InMemory) -> None:
    profiles = district_rows.instances_of(SchoolYearProfile)
    shares = [float(p.frl_share) for p in profiles]
    assert min(shares) < 0.25
    assert max(shares) > 0.8
    assert all(p.title_i == (float(p.frl_share) >= 0.40) for p in profiles)


def test_names_are_varied(district_rows: InMemory) -> None:
    staff = district_rows.instances_of(StaffMember)
    full_names = Counter((s.given_name, s.family_name) for s in staff)
    assert len(full_names) > 0.95 * len(staff)
    assert len({s.family_name for s in staff}) > 400
    assert len({s.email for s in staff}) == len(staff)


def test_it_refuses_nonsense_sizes() -> None:
    with pytest.raises(ValueError, match="--teachers"):
        DemoSpec(teachers=3)
    with pytest.raises(ValueError, match="--years"):
        DemoSpec(years=0)


def test_it_reports_progress_once_per_school_year() -> None:
    lines: list[str] = []
    for _ in generate(SMALL, progress=lines.append):
        pass
    assert lines == ["  school year 2024-25…", "  school year 2025-26…", "  school year 2026-27…"]


@pytest.mark.parametrize(
    ("today", "latest"),
    [
        (dt.date(2026, 12, 3), "2026-27"),
        (dt.date(2026, 7, 1), "2026-27"),
        (dt.date(2026, 6, 30), "2025-26"),
    ],
)
def test_the_demo_s_latest_school_year_is_the_one_containing_the_day_it_is_loaded(
    today: dt.date, latest: str
) -> None:
    made = in_memory(dataclasses.replace(SMALL, today=today))
    years = sorted(made.instances_of(SchoolYear), key=lambda y: y.start)
    assert years[-1].label == latest
    assert years[-1].start <= today <= years[-1].end
