"""Iowa TLC worked examples (the policy file's sources)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from lattice.rules.engine import place
from lattice.rules.policy import Policy
from lattice.rules.records import RoleServed, SchoolYearFacts, TeacherRecord
from lattice.rules.roles import role_plan


def test_a_district_of_200_teachers_needs_50_in_roles_and_the_default_mix_meets_it(
    iowa: Policy,
) -> None:
    plan = role_plan(iowa, 200)
    assert {line.role: line.count for line in plan.lines} == {"model": 20, "mentor": 20, "lead": 10}
    assert (plan.required_in_roles, plan.in_roles, plan.share_met) == (50, 50, True)


def test_the_default_mix_for_200_teachers_costs_240000_in_supplements(iowa: Policy) -> None:
    assert role_plan(iowa, 200).supplements == 240_000


def test_the_default_mix_for_200_teachers_needs_10_fte_of_coverage(iowa: Policy) -> None:
    assert role_plan(iowa, 200).coverage_fte == Fraction(10)


def test_the_default_mix_for_200_teachers_adds_450_contract_days(iowa: Policy) -> None:
    assert role_plan(iowa, 200).extra_days == 450


def test_a_first_year_teacher_paid_31000_is_raised_to_33500(iowa: Policy) -> None:
    record = TeacherRecord(
        "I1", date(2015, 8, 10), years=(SchoolYearFacts(2015, local_salary=31_000),)
    )
    salary = place(iowa, record, date(2016, 6, 30)).salary
    assert (salary.base, [line.amount for line in salary.lines]) == (33_500, [31_000, 2_500])


def test_assumption_shares_round_up_so_37_teachers_need_10_leaders(iowa: Policy) -> None:
    assert role_plan(iowa, 37).required_in_roles == 10


def test_a_mentor_is_paid_the_schedule_plus_a_5000_supplement_for_that_year_only(
    iowa: Policy,
) -> None:
    record = TeacherRecord(
        "I2",
        date(2014, 8, 10),
        roles=(RoleServed("mentor", 2015),),
        years=(
            SchoolYearFacts(2015, local_salary=45_000),
            SchoolYearFacts(2016, local_salary=46_000),
        ),
    )
    years = place(iowa, record, date(2017, 6, 30)).years
    assert [(y.salary.supplements, y.salary.total) for y in years] == [
        (0, 33_500),
        (5_000, 50_000),
        (0, 46_000),
    ]


def test_a_mix_short_of_a_quarter_of_teachers_fails_the_share_check(iowa: Policy) -> None:
    plan = role_plan(iowa, 200, {"model": 20, "mentor": 20, "lead": 9})
    assert not plan.share_met
