"""Baltimore 2010 worked examples (the policy file's sources) and the submission window."""

from __future__ import annotations

from datetime import date

from lattice.rules.eligibility import eligibility
from lattice.rules.engine import place
from lattice.rules.ledger import credit_claim_check
from lattice.rules.policy import Policy
from lattice.rules.records import (
    Certificate,
    CreditEarned,
    Decision,
    DecisionKind,
    PdHours,
    Placement,
    Rating,
    TeacherRecord,
)
from lattice.rules.standing import Unit

START = date(2015, 7, 1)
YEAR_END = date(2016, 6, 30)
SPC = Certificate("SPC", date(2012, 6, 1))


def at(pathway: str, interval: int, banked: int = 0, **facts: object) -> TeacherRecord:
    return TeacherRecord(
        "T1", date(2011, 8, 15), placement=Placement(START, pathway, interval, banked), **facts
    )  # type: ignore[arg-type]


def credits(n: int) -> CreditEarned:
    return CreditEarned(n, date(2015, 12, 18), date(2016, 1, 15))


def test_assumption_remainder_units_are_banked_effective_plus_three_credits_moves_one_interval(
    baltimore: Policy,
) -> None:
    record = at("standard", 2, 3, ratings=(Rating(2015, "Effective"),), credits=(credits(3),))
    standing = place(baltimore, record, YEAR_END)
    assert (standing.pathway, standing.interval, standing.units_banked) == ("standard", 3, 3)


def test_assumption_remainder_banked_highly_effective_pd_and_credits_earn_twenty_units(
    baltimore: Policy,
) -> None:
    record = at(
        "professional",
        4,
        ratings=(Rating(2015, "Highly Effective"),),
        pd_hours=(PdHours(30, date(2016, 3, 1)),),
        credits=(credits(6),),
    )
    standing = place(baltimore, record, YEAR_END)
    assert standing.units_earned == 20
    assert (standing.pathway, standing.interval, standing.units_banked) == ("professional", 5, 8)


def test_an_ineffective_rating_and_no_activity_means_no_movement(baltimore: Policy) -> None:
    record = at("professional", 4, ratings=(Rating(2015, "Ineffective"),))
    standing = place(baltimore, record, YEAR_END)
    assert (standing.interval, standing.units_earned, standing.units_banked) == (4, 0, 0)


def test_developing_plus_nine_credits_moves_one_interval(baltimore: Policy) -> None:
    record = at("standard", 1, ratings=(Rating(2015, "Developing"),), credits=(credits(9),))
    standing = place(baltimore, record, YEAR_END)
    assert (standing.interval, standing.units_spent, standing.units_banked) == (2, 12, 0)


def test_standard_interval_five_with_spc_and_twelve_units_moves_to_professional_one(
    baltimore: Policy,
) -> None:
    record = at("standard", 5, ratings=(Rating(2015, "Highly Effective"),), certificates=(SPC,))
    standing = place(baltimore, record, YEAR_END)
    assert (standing.pathway, standing.interval) == ("professional", 1)
    assert standing.salary.base == 56_000


def test_assumption_without_spc_or_apc_the_units_stay_banked_on_standard_five(
    baltimore: Policy,
) -> None:
    conditional = Certificate("conditional", date(2012, 6, 1))
    record = at(
        "standard", 5, ratings=(Rating(2015, "Highly Effective"),), certificates=(conditional,)
    )
    standing = place(baltimore, record, YEAR_END)
    assert (standing.pathway, standing.interval, standing.units_banked) == ("standard", 5, 12)
    assert any("no SPC or APC certificate" in line.effect for line in standing.trace)


def test_standard_teacher_effective_two_years_with_spc_is_ready_for_the_accelerated_process(
    baltimore: Policy,
) -> None:
    record = at(
        "standard",
        1,
        ratings=(Rating(2014, "Effective"), Rating(2015, "Effective")),
        certificates=(SPC,),
    )
    move = next(m for m in eligibility(baltimore, record, YEAR_END) if m.key.startswith("acc"))
    assert move.ready
    assert [r.text for r in move.requirements if r.decided_by_people] == [
        "accelerated application approved"
    ]


def test_a_suspension_last_year_blocks_the_accelerated_process(baltimore: Policy) -> None:
    record = at(
        "standard",
        1,
        ratings=(Rating(2014, "Effective"), Rating(2015, "Effective")),
        certificates=(SPC,),
        decisions=(Decision(DecisionKind.SUSPENSION, date(2016, 2, 1)),),
    )
    move = next(m for m in eligibility(baltimore, record, YEAR_END) if m.key.startswith("acc"))
    assert not move.ready


def test_professional_effective_not_on_a_plan_may_register_for_model_and_moves_only_on_peer_review(
    baltimore: Policy,
) -> None:
    record = at("professional", 3, ratings=(Rating(2015, "Effective"),))
    move = next(m for m in eligibility(baltimore, record, YEAR_END) if m.to_pathway == "model")
    assert move.ready
    assert place(baltimore, record, YEAR_END).pathway == "professional"
    passed = Decision(DecisionKind.PEER_REVIEW_PASSED, date(2016, 5, 1))
    record = at("professional", 3, ratings=(Rating(2015, "Effective"),), decisions=(passed,))
    assert place(baltimore, record, YEAR_END).pathway == "model"


def test_in_the_autumn_model_registration_reads_last_years_rating_not_the_unrated_one(
    baltimore: Policy,
) -> None:
    record = at("professional", 3, ratings=(Rating(2015, "Effective"),))
    move = next(
        m for m in eligibility(baltimore, record, date(2016, 10, 1)) if m.to_pathway == "model"
    )
    assert move.ready
    assert any("2015-16 rating at least Effective" in r.text for r in move.requirements)


def test_an_active_improvement_plan_blocks_model_registration(baltimore: Policy) -> None:
    plan = Decision(DecisionKind.IMPROVEMENT_PLAN, date(2016, 1, 10))
    record = at("professional", 3, ratings=(Rating(2015, "Effective"),), decisions=(plan,))
    move = next(m for m in eligibility(baltimore, record, YEAR_END) if m.to_pathway == "model")
    assert not move.ready


def test_thirty_six_credits_in_one_year_move_three_intervals(baltimore: Policy) -> None:
    record = at("professional", 1, credits=(credits(36),))
    standing = place(baltimore, record, YEAR_END)
    assert (standing.interval, standing.units_spent) == (4, 36)


def test_the_explanation_reads_rating_effective_plus_nine_units_with_its_source(
    baltimore: Policy,
) -> None:
    record = at("standard", 2, ratings=(Rating(2015, "Effective"),))
    standing = place(baltimore, record, YEAR_END)
    assert "2015-16 rating Effective → +9 units (baltimore-2010, units table; source B1)" in [
        line.text for line in standing.trace
    ]


def test_old_and_new_rating_vocabularies_earn_the_same_units(baltimore: Policy) -> None:
    for old, new in [
        ("Proficient", "Highly Effective"),
        ("Satisfactory", "Effective"),
        ("Unsatisfactory", "Ineffective"),
    ]:
        earned = [
            place(
                baltimore, at("standard", 1, ratings=(Rating(2015, label),)), YEAR_END
            ).units_earned
            for label in (old, new)
        ]
        assert earned[0] == earned[1]


def test_eligibility_names_the_units_gap_in_credits_or_pd_hours(baltimore: Policy) -> None:
    record = at("standard", 2, ratings=(Rating(2015, "Effective"),))
    move = eligibility(baltimore, record, YEAR_END)[0]
    assert move.requirements[0].gap == "3 more units: e.g. 3 college credits or 45 PD hours"


def test_a_credit_submitted_after_ninety_days_earns_no_units_and_says_why(
    baltimore: Policy,
) -> None:
    late = CreditEarned(3, date(2017, 12, 15), date(2018, 4, 1))
    record = TeacherRecord("T2", date(2017, 8, 1), credits=(late,))
    standing = place(baltimore, record, date(2018, 6, 30))
    assert standing.units_earned == 0
    note = next(line for line in standing.trace if line.unit is Unit.NOTE)
    assert "within 90 days of their end date; this one ended on 2017-12-15" in note.plain


def test_the_window_check_tells_the_app_a_late_claim_needs_an_exception(
    baltimore: Policy,
) -> None:
    check = credit_claim_check(baltimore, date(2018, 1, 5), date(2018, 4, 10))
    assert not check.in_window
    assert check.message == (
        "courses must be submitted within 90 days of their end date; this one ended on "
        "2018-01-05 — ask the talent office for an exception"
    )


def test_a_claim_on_the_ninetieth_day_is_inside_the_window(baltimore: Policy) -> None:
    assert credit_claim_check(baltimore, date(2018, 1, 1), date(2018, 4, 1)).in_window


def test_assumption_claims_submitted_before_2017_07_01_have_no_window(baltimore: Policy) -> None:
    assert credit_claim_check(baltimore, date(2016, 1, 1), date(2017, 6, 30)).in_window


def test_a_new_hire_starts_on_standard_interval_one_at_46774(baltimore: Policy) -> None:
    standing = place(baltimore, TeacherRecord("T3", date(2012, 8, 1)), date(2012, 9, 1))
    assert (standing.pathway, standing.interval, standing.salary.total) == ("standard", 1, 46_774)


def test_a_national_board_certified_teacher_gets_4000_a_year_and_no_units(
    baltimore: Policy,
) -> None:
    nbct = Certificate("NBCT", date(2014, 11, 15))
    record = at("professional", 2, certificates=(nbct,))
    standing = place(baltimore, record, YEAR_END)
    assert (standing.units_earned, standing.salary.bonuses) == (0, 4_000)
    assert standing.salary.total == 58_581 + 4_000


def test_assumption_the_nbct_stipend_stops_after_ten_years(baltimore: Policy) -> None:
    nbct = Certificate("NBCT", date(2005, 11, 15))
    standing = place(baltimore, at("professional", 2, certificates=(nbct,)), YEAR_END)
    assert standing.salary.bonuses == 0


def test_a_next_step_that_forbids_a_recent_suspension_says_so_in_words_without_quotes(
    baltimore: Policy,
) -> None:
    record = at(
        "standard",
        1,
        ratings=(Rating(2014, "Effective"), Rating(2015, "Effective")),
        certificates=(SPC,),
        decisions=(Decision(DecisionKind.SUSPENSION, date(2016, 2, 1)),),
    )
    move = next(m for m in eligibility(baltimore, record, YEAR_END) if m.key.startswith("acc"))
    texts = [r.text for r in move.requirements]
    assert any(t.startswith("not suspended in the last ") for t in texts), texts
    assert not any("'" in t for t in texts), texts
