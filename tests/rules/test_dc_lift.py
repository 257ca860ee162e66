"""DC LIFT worked examples (the policy file's sources)."""

from __future__ import annotations

from datetime import date

from lattice.rules.eligibility import eligibility
from lattice.rules.engine import place
from lattice.rules.policy import Policy
from lattice.rules.records import Placement, Rating, SchoolYearFacts, TeacherRecord

HIRED = date(2013, 8, 15)


def teacher(
    *labels: str, prior: int = 0, stage: str | None = None, **facts: object
) -> TeacherRecord:
    placement = Placement(HIRED, stage) if stage else None
    ratings = tuple(Rating(2013 + i, label) for i, label in enumerate(labels) if label)
    return TeacherRecord("D1", HIRED, prior, placement, ratings=ratings, **facts)  # type: ignore[arg-type]


def stages(policy: Policy, record: TeacherRecord, years: int) -> list[str | None]:
    return [y.pathway for y in place(policy, record, date(2013 + years, 6, 30)).years]


def test_new_hire_rated_effective_twice_is_established_after_year_two(dc: Policy) -> None:
    assert stages(dc, teacher("Effective", "Effective"), 2) == ["teacher", "established"]


def test_one_highly_effective_year_moves_a_teacher_to_established(dc: Policy) -> None:
    assert stages(dc, teacher("Highly Effective"), 1) == ["established"]


def test_developing_breaks_the_run_and_the_next_effective_completes_it(dc: Policy) -> None:
    record = teacher("Effective", "Developing", "Effective", "Effective", stage="established")
    assert stages(dc, record, 4) == ["established", "established", "established", "advanced"]


def test_advanced_needs_two_consecutive_highly_effective_for_distinguished(dc: Policy) -> None:
    record = teacher(
        "Highly Effective", "Effective", "Highly Effective", "Highly Effective", stage="advanced"
    )
    assert stages(dc, record, 4) == ["advanced", "advanced", "advanced", "distinguished"]


def test_a_distinguished_teacher_rated_minimally_effective_stays_distinguished(dc: Policy) -> None:
    record = teacher("Minimally Effective", stage="distinguished")
    assert stages(dc, record, 1) == ["distinguished"]


def test_an_experienced_hire_enters_established_and_one_highly_effective_makes_advanced(
    dc: Policy,
) -> None:
    record = teacher("Highly Effective", prior=4)
    standing = place(dc, record, date(2014, 6, 30))
    assert standing.trace[0].effect == "enters at Established"
    assert standing.pathway == "advanced"


def test_assumption_distinguished_in_a_high_poverty_school_is_paid_like_an_mba_eleventh_year(
    dc: Policy,
) -> None:
    facts = (SchoolYearFacts(2013, frl_percent=75, local_salary=56_655),)
    record = teacher("Effective", stage="distinguished", years=facts)
    assert place(dc, record, date(2014, 6, 30)).salary.base == 81_335


def test_distinguished_in_a_low_poverty_school_gets_no_base_jump(dc: Policy) -> None:
    facts = (SchoolYearFacts(2013, frl_percent=30, local_salary=56_655),)
    record = teacher("Effective", stage="distinguished", years=facts)
    assert place(dc, record, date(2014, 6, 30)).salary.base == 56_655


def test_six_highly_effective_years_is_the_fastest_path_to_expert(dc: Policy) -> None:
    record = teacher(*["Highly Effective"] * 6)
    assert stages(dc, record, 6)[-2:] == ["distinguished", "expert"]


def test_eligibility_says_how_many_more_effective_years_a_teacher_needs(dc: Policy) -> None:
    record = teacher("Effective")
    move = eligibility(dc, record, date(2014, 6, 30))[0]
    assert move.to_pathway == "established"
    assert move.requirements[0].gap == (
        "1 more consecutive year(s) rated at least Highly Effective; "
        "or 1 more consecutive year(s) rated at least Effective"
    )


def test_a_rating_that_completed_a_move_does_not_count_toward_the_next_one(dc: Policy) -> None:
    record = teacher("Highly Effective")
    move = eligibility(dc, record, date(2014, 6, 30))[0]
    assert (move.to_pathway, move.ready) == ("advanced", False)
