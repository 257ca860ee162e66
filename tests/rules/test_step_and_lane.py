"""Prince William County 2020-21 step-and-lane table (the policy file's source S1)."""

from __future__ import annotations

from datetime import date

from lattice.rules.eligibility import eligibility
from lattice.rules.engine import place
from lattice.rules.policy import Policy
from lattice.rules.records import (
    CreditEarned,
    Degree,
    DegreeEarned,
    Placement,
    Rating,
    TeacherRecord,
)

PUBLISHED = {
    4: (50_324, 51_674, 56_065, 58_010, 59_438),
    10: (59_272, 60_623, 65_014, 66_959, 68_387),
    20: (81_629, 82_979, 87_370, 89_315, 90_743),
    33: (122_573, 123_922, 128_311, 130_254, 131_680),
}
BA = DegreeEarned(Degree.BACHELORS, date(2015, 5, 20))


def test_the_published_steps_are_encoded_exactly(pwcs: Policy) -> None:
    assert pwcs.steps is not None
    for step, salaries in PUBLISHED.items():
        row = pwcs.steps.rows[step - pwcs.steps.first_step]
        assert (row.salaries, row.published) == (salaries, True)


def test_only_the_eleven_published_steps_are_marked_published(pwcs: Policy) -> None:
    assert pwcs.steps is not None
    published = [row.step for row in pwcs.steps.rows if row.published]
    assert published == [4, 5, 6, 7, 8, 10, 15, 20, 25, 30, 33]


def test_a_new_bachelors_teacher_starts_on_step_four_at_50324(pwcs: Policy) -> None:
    record = TeacherRecord("S1", date(2020, 8, 10), degrees=(BA,))
    standing = place(pwcs, record, date(2020, 9, 1))
    assert (standing.step, standing.lane, standing.salary.total) == (4, "ba", 50_324)


def test_a_satisfactory_rating_earns_the_next_step(pwcs: Policy) -> None:
    record = TeacherRecord(
        "S2",
        date(2019, 8, 10),
        placement=Placement(date(2020, 7, 1), interval=9),
        degrees=(BA,),
        ratings=(Rating(2020, "Proficient"),),
    )
    moves = eligibility(pwcs, record, date(2021, 6, 30))
    assert moves[0].title == "step 10 in 2021-22"
    assert moves[0].ready


def test_an_unsatisfactory_rating_withholds_the_step(pwcs: Policy) -> None:
    record = TeacherRecord(
        "S3", date(2020, 8, 10), degrees=(BA,), ratings=(Rating(2020, "Unsatisfactory"),)
    )
    assert not eligibility(pwcs, record, date(2021, 6, 30))[0].ready


def test_fifteen_graduate_credits_after_a_bachelors_put_a_teacher_in_the_ba15_lane(
    pwcs: Policy,
) -> None:
    credits = (CreditEarned(15, date(2019, 12, 1), date(2020, 1, 5)),)
    record = TeacherRecord("S4", date(2020, 8, 10), degrees=(BA,), credits=credits)
    standing = place(pwcs, record, date(2020, 9, 1))
    assert (standing.lane, standing.salary.total) == ("ba15", 51_674)


def test_eligibility_counts_the_graduate_credits_still_needed_for_the_next_lane(
    pwcs: Policy,
) -> None:
    credits = (CreditEarned(6, date(2019, 12, 1), date(2020, 1, 5)),)
    record = TeacherRecord("S5", date(2020, 8, 10), degrees=(BA,), credits=credits)
    lane = next(m for m in eligibility(pwcs, record, date(2020, 9, 1)) if m.key == "lane-ba15")
    assert lane.requirements[1].gap == "9 more graduate credits"


def test_a_doctorate_is_paid_in_the_doctorate_lane(pwcs: Policy) -> None:
    degrees = (BA, DegreeEarned(Degree.DOCTORATE, date(2019, 5, 1)))
    record = TeacherRecord("S6", date(2020, 8, 10), degrees=degrees)
    assert place(pwcs, record, date(2020, 9, 1)).salary.total == 59_438
