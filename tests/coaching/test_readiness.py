"""The readiness self-assessment: "don't know" counted apart, and a recommendation with
reasons drawn from the answers."""

from __future__ import annotations

from lattice.coaching.readiness import DIMENSIONS, STATEMENTS, dimension_results, recommend


def _answers(values: dict[str, int | None]) -> list[tuple[str, int | None]]:
    return [(s.key, values[s.dimension]) for s in STATEMENTS]


def test_don_t_know_is_counted_and_never_averaged_in() -> None:
    answers = [("culture.observe", 4), ("culture.candid", None), ("culture.feedback", 2)]
    culture = next(r for r in dimension_results(answers) if r.key == "culture")
    assert (culture.average, culture.answered, culture.dont_know) == (3.0, 2, 1)


def test_a_dimension_mostly_unknown_blocks_the_approaches_that_need_it() -> None:
    values: dict[str, int | None] = {d.key: 4 for d in DIMENSIONS}
    values["contract"] = None
    rec = recommend(dimension_results(_answers(values)))
    assert rec.approach.key == "instructional_coach"
    assert any("not enough is known" in r for r in rec.reasons)


def test_a_school_ready_in_every_dimension_is_recommended_peer_assistance_and_review() -> None:
    rec = recommend(dimension_results(_answers({d.key: 4 for d in DIMENSIONS})))
    assert rec.approach.key == "par"
    assert all(f.ready for f in rec.fits)


def test_the_reasons_say_what_holds_back_a_more_formal_approach() -> None:
    values: dict[str, int | None] = {d.key: 3 for d in DIMENSIONS}
    values["evaluators"] = 2
    rec = recommend(dimension_results(_answers(values)))
    assert rec.approach.key == "instructional_coach"
    assert "Not yet Secondary evaluators: Evaluator capacity averages 2.0; it needs 3.0." in (
        rec.reasons
    )


def test_a_school_ready_for_nothing_starts_with_collaborative_learning_and_its_gaps() -> None:
    rec = recommend(dimension_results(_answers({d.key: 1 for d in DIMENSIONS})))
    assert rec.approach.key == "collaborative_learning"
    assert rec.reasons[0].startswith("No approach is fully ready")
    assert not rec.fits[-1].ready
