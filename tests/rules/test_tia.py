"""Texas TIA as policies: designations earned on data, five years in force, the National Board
route, the campus allotment against published figures, the 90% rule and the submission rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from lattice.rules.designation import allotment, average_points, earned_level, local_score
from lattice.rules.engine import place
from lattice.rules.loader import PolicyError, load_policy, loads_policy
from lattice.rules.policy import Policy
from lattice.rules.records import (
    CampusFacts,
    Certificate,
    DesignationData,
    Placement,
    SchoolYearFacts,
    TeacherRecord,
    school_year_end,
)
from lattice.rules.tia_export import COLUMNS, SubmissionError, submission_rows

from .conftest import POLICIES

D = Decimal


@pytest.fixture(scope="module")
def tia2019() -> Policy:
    return load_policy(POLICIES / "tia-2019.toml")


@pytest.fixture(scope="module")
def tia2025() -> Policy:
    return load_policy(POLICIES / "tia-2025.toml")


def _levels(policy: Policy) -> dict[str, object]:
    assert policy.designation is not None
    return {level.key: level for level in policy.designation.levels}


def test_the_rural_campus_allotments_published_for_rochelle_are_reproduced(tia2019: Policy) -> None:
    # Rochelle ISD (rural): Recognized $6,284, Exemplary $12,568, Master $22,947; all three
    # fit an average student point value of 2.1893 (base + multiplier × points, half up).
    levels = _levels(tia2019)
    points = D("2.1893")
    assert allotment(levels["recognized"], points) == 6284  # type: ignore[arg-type]
    assert allotment(levels["exemplary"], points) == 12568  # type: ignore[arg-type]
    assert allotment(levels["master"], points) == 22947  # type: ignore[arg-type]


def test_a_master_teacher_at_a_campus_of_two_points_generates_22000(tia2019: Policy) -> None:
    assert allotment(_levels(tia2019)["master"], D(2)) == 22000  # type: ignore[arg-type]


def test_the_allotment_runs_from_the_base_to_the_cap(tia2019: Policy, tia2025: Policy) -> None:
    for policy, expected in (
        (tia2019, {"recognized": (3000, 9000), "exemplary": (6000, 18000),
                   "master": (12000, 32000)}),
        (tia2025, {"acknowledged": (3000, 9000), "recognized": (5000, 15000),
                   "exemplary": (9000, 25000), "master": (12000, 36000)}),
    ):  # fmt: skip
        levels = _levels(policy)
        for key, (low, high) in expected.items():
            assert allotment(levels[key], D(0)) == low  # type: ignore[arg-type]
            assert allotment(levels[key], D(4)) == high  # type: ignore[arg-type]
            assert allotment(levels[key], D(9)) == high  # type: ignore[arg-type]  # capped


def test_a_rural_campus_counts_every_student_two_tiers_higher(tia2019: Policy) -> None:
    assert tia2019.designation is not None
    students = [50, 10, 10, 10, 10, 10]  # not disadvantaged, tiers 1-5
    urban = average_points(tia2019.designation, students, rural=False)
    rural = average_points(tia2019.designation, students, rural=True)
    assert urban == D("0.5") * 10 / 100 + (D(1) + 2 + 3 + 4) * 10 / 100
    assert rural == (D(1) * 50 + D(2) * 10 + D(3) * 10 + D(4) * 30) / 100


def _data(year: int, observation: str, growth: int, floor_ok: bool = True) -> DesignationData:
    dims = [D(observation)] * 8
    if not floor_ok:
        dims[0] = D("2.5")
        dims[1] = D(observation) * 2 - D("2.5")
    return DesignationData(year, tuple(dims), D(growth), "00100000", "1234567890")


def _teacher(data: tuple[DesignationData, ...], certificates: tuple[Certificate, ...] = (),
             points: str = "2.1893", rural: bool = True) -> TeacherRecord:  # fmt: skip
    years = range(2020, 2031)
    return TeacherRecord(
        "T1",
        date(2015, 8, 1),
        designation_data=data,
        certificates=certificates,
        years=tuple(SchoolYearFacts(y, local_salary=55_000) for y in years),
        campuses=tuple(CampusFacts(y, D(points), rural, "101902001", "101902") for y in years),
    )


def test_the_highest_level_needs_the_local_cut_and_the_state_minimums(tia2019: Policy) -> None:
    d = tia2019.designation
    assert d is not None
    assert local_score(d, _data(2020, "4.0", 60)) == D(68)  # 40% × 80 + 60% × 60
    assert earned_level(d, _data(2020, "4.0", 60), False).key == "recognized"  # type: ignore[union-attr]
    assert earned_level(d, _data(2020, "4.6", 75), False).key == "master"  # type: ignore[union-attr]
    # a high score with one dimension below 3 meets no state standard
    assert earned_level(d, _data(2020, "4.6", 75, floor_ok=False), False) is None
    # an observation average of exactly 3.7 is not above Recognized's standard
    assert earned_level(d, _data(2020, "3.7", 90), False) is None


def test_a_designation_is_paid_from_the_next_year_for_five_years(tia2019: Policy) -> None:
    record = _teacher((_data(2020, "4.0", 60),))
    years = {y.school_year: y for y in place(tia2019, record, school_year_end(2024)).years}
    assert years[2020].pathway is None
    assert [years[y].pathway for y in range(2021, 2025)] == ["recognized"] * 4
    assert years[2021].salary.total == 55_000 + round(6284 * D("0.9"))
    later = {y.school_year: y for y in place(tia2019, record, date(2025, 6, 30)).years}
    assert later[2024].pathway == "recognized"  # fifth school year: 2021-22 .. 2025-26


def test_a_higher_designation_replaces_a_lower_one_and_a_lower_one_does_not(
    tia2019: Policy,
) -> None:
    record = _teacher((_data(2020, "4.0", 60), _data(2021, "4.6", 75), _data(2022, "4.0", 60)))
    years = place(tia2019, record, school_year_end(2024)).years
    paid = {y.school_year: y.pathway for y in years}
    assert paid[2021] == "recognized"
    assert paid[2022] == paid[2023] == paid[2024] == "master"


def test_a_national_board_teacher_is_designated_without_local_data(tia2019: Policy) -> None:
    record = _teacher((), (Certificate("NBCT", date(2019, 11, 1)),))
    years = {y.school_year: y for y in place(tia2019, record, school_year_end(2022)).years}
    assert years[2021].pathway == "recognized-national-board"
    assert years[2021].salary.supplements == round(6284 * D("0.9"))


def test_the_salary_carried_into_the_policy_is_the_schedule_salary_with_the_allotment_on_top(
    tia2019: Policy,
) -> None:
    # A district adopting TIA without a salary table of its own: the crosswalk carries each
    # teacher's base salary with their placement (no local_salary in the record's years).
    record = TeacherRecord(
        "T1",
        date(2015, 8, 1),
        placement=Placement(date(2020, 7, 1), base_salary=61_250),
        designation_data=(_data(2020, "4.0", 60),),
        campuses=tuple(CampusFacts(y, D("2.1893"), True) for y in range(2020, 2023)),
    )
    years = {y.school_year: y for y in place(tia2019, record, school_year_end(2021)).years}
    assert years[2020].salary.base == 61_250
    assert years[2021].salary.total == 61_250 + round(6284 * D("0.9"))
    assert "carried into tia-2019" in years[2021].salary.lines[0].label


def test_under_the_2025_law_the_fourth_level_is_acknowledged(tia2025: Policy) -> None:
    d = tia2025.designation
    assert d is not None
    assert earned_level(d, _data(2025, "3.6", 52), False).key == "acknowledged"  # type: ignore[union-attr]
    record = _teacher((_data(2025, "3.6", 52),), points="0", rural=False)
    years = {y.school_year: y for y in place(tia2025, record, school_year_end(2026)).years}
    assert years[2026].salary.supplements == 2700  # 90% of $3,000


def test_a_spending_plan_under_90_percent_to_campus_teachers_is_refused() -> None:
    text = (
        (POLICIES / "tia-2019.toml")
        .read_text()
        .replace("teacher_share_percent = 90", "teacher_share_percent = 80")
    )
    with pytest.raises(PolicyError) as caught:
        loads_policy(text, "tia-low.toml")
    assert "key designation.teacher_share_percent" in str(caught.value)
    assert "at least 90%" in str(caught.value)


def test_the_submission_rows_follow_the_state_columns(tia2025: Policy) -> None:
    record = _teacher((_data(2025, "4.0", 61),))
    rows = submission_rows(tia2025, [record], 2025)
    assert COLUMNS == ("District ID", "Campus ID", "Teacher ID", "Service ID", "Designation",
                       "% Meeting Growth")  # fmt: skip
    assert rows == [("101902", "101902001", "1234567890", "00100000", "Recognized", D(61))]


def test_a_submission_names_the_teacher_and_the_field_to_fix(tia2025: Policy) -> None:
    record = _teacher((DesignationData(2025, (D(4),) * 8, D(60), "123", ""),))
    with pytest.raises(SubmissionError, match="teacher T1, 2025-26: Service ID '123' must be 8"):
        submission_rows(tia2025, [record], 2025)
