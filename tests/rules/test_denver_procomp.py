"""Denver ProComp worked examples (the policy file's sources)."""

from __future__ import annotations

from datetime import date

from lattice.rules.engine import place
from lattice.rules.policy import Policy
from lattice.rules.records import (
    Accomplishment,
    Degree,
    DegreeEarned,
    Placement,
    SchoolYearFacts,
    TeacherRecord,
)
from lattice.rules.standing import PayKind

BASE = 40_000


def teacher(year: int = 2008, prior: int = 0, **facts: object) -> TeacherRecord:
    hired = date(year, 8, 1)
    return TeacherRecord("P1", hired, prior, Placement(hired, base_salary=BASE), **facts)  # type: ignore[arg-type]


def lines(policy: Policy, record: TeacherRecord, as_of: date) -> list[tuple[PayKind, int]]:
    return [(line.kind, line.amount) for line in place(policy, record, as_of).salary.lines[1:]]


def sgos(met: int, **extra: object) -> tuple[SchoolYearFacts, ...]:
    return (SchoolYearFacts(2008, counts=(("sgos_met", met),), **extra),)  # type: ignore[arg-type]


def test_meeting_both_sgos_adds_366_to_base(denver: Policy) -> None:
    assert lines(denver, teacher(years=sgos(2)), date(2009, 6, 30)) == [(PayKind.BASE, 366)]


def test_meeting_one_sgo_pays_a_366_one_time_bonus(denver: Policy) -> None:
    assert lines(denver, teacher(years=sgos(1)), date(2009, 6, 30)) == [(PayKind.ONE_TIME, 366)]


def test_a_hard_to_serve_school_pays_a_2345_incentive_while_assigned(denver: Policy) -> None:
    record = teacher(years=sgos(0, flags=frozenset({"hard_to_serve"})))
    assert lines(denver, record, date(2009, 6, 30)) == [(PayKind.BONUS, 2_345)]


def test_earning_a_masters_adds_3297_to_base(denver: Policy) -> None:
    record = teacher(degrees=(DegreeEarned(Degree.MASTERS, date(2009, 5, 20)),))
    assert lines(denver, record, date(2009, 6, 30)) == [(PayKind.BASE, 3_297)]


def test_a_pdu_after_sixteen_years_of_service_is_an_855_bonus_not_base(denver: Policy) -> None:
    record = teacher(2018, prior=15, accomplishments=(Accomplishment("pdu", date(2019, 3, 1)),))
    assert lines(denver, record, date(2019, 6, 30)) == [(PayKind.ONE_TIME, 855)]


def test_a_pdu_with_ten_years_of_service_adds_855_to_base(denver: Policy) -> None:
    record = teacher(2018, prior=9, accomplishments=(Accomplishment("pdu", date(2019, 3, 1)),))
    assert lines(denver, record, date(2019, 6, 30)) == [(PayKind.BASE, 855)]


def test_only_one_pdu_is_paid_per_year_and_the_extra_is_banked_for_next_year(
    denver: Policy,
) -> None:
    pdus = (Accomplishment("pdu", date(2017, 1, 5)), Accomplishment("pdu", date(2017, 3, 5)))
    record = teacher(2016, prior=2, accomplishments=pdus)
    years = place(denver, record, date(2018, 6, 30)).years
    assert [y.salary.base for y in years] == [BASE + 855, BASE + 1_710]


def test_base_building_increases_carry_into_later_years(denver: Policy) -> None:
    record = teacher(years=sgos(2))
    years = place(denver, record, date(2010, 6, 30)).years
    assert [y.salary.total for y in years] == [BASE + 366, BASE + 366]
