"""Recognition programs: nominations, an independent panel that never reviews its own school,
conflicts declared, confidential scores, reconciliation and a decision that awards the honour."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from lattice.recognition import programs
from lattice.recognition.actions import RecognitionError
from lattice.recognition.models import Award, ProgramStatus
from tests.cast import PASSWORD
from tests.recognition.world import world

pytestmark = pytest.mark.django_db


def scores(value: int) -> dict[str, int]:
    return {key: value for key, _ in programs.RUBRIC}


def test_a_reviewer_never_reviews_a_nominee_from_their_own_school(cast: Any) -> None:
    w = world(cast)
    ben = programs.nominate(
        None, w.program, cast.teacher_other_school_staff, kind="colleague",
        nominator=cast.teacher_staff, statement="Ben leads the Birch science fair and mentors two.",
    )  # fmt: skip
    assert programs.may_review(w.rae_seat, w.ada_nomination)
    assert not programs.may_review(w.rae_seat, ben)  # both at Birch


def test_a_short_statement_is_refused_with_the_fix(cast: Any) -> None:
    w = world(cast)
    with pytest.raises(RecognitionError, match="40 characters"):
        programs.nominate(
            None, w.program, cast.reviewer_staff, kind="colleague",
            nominator=cast.teacher_staff, statement="Great.",
        )  # fmt: skip


def test_families_nominate_only_where_the_program_allows(cast: Any) -> None:
    w = world(cast)
    with pytest.raises(RecognitionError, match="families"):
        programs.nominate(
            None, w.program, cast.reviewer_staff, kind="family", nominator_name="A parent",
            statement="Our daughter found her voice in Rae's class this year, thank you.",
        )  # fmt: skip


def test_a_declared_conflict_gives_no_scores(cast: Any) -> None:
    w = world(cast)
    programs.open_review(None, w.program)
    review = programs.submit_review(None, w.rae_seat, w.ada_nomination, conflict="My co-teacher")
    assert review.scores == {}
    assert programs.results(w.program)[0].conflicts == 1


def test_scores_outside_the_scale_are_refused(cast: Any) -> None:
    w = world(cast)
    programs.open_review(None, w.program)
    with pytest.raises(RecognitionError, match="from 1 to 4"):
        programs.submit_review(None, w.rae_seat, w.ada_nomination, scores={"impact": 7})


def test_reviewers_who_disagree_by_two_must_reconcile_before_the_decision(cast: Any) -> None:
    w = world(cast)
    other = programs.seat_reviewer(None, w.program, cast.other_principal_staff)
    programs.open_review(None, w.program)
    programs.submit_review(None, w.rae_seat, w.ada_nomination, scores=scores(4))
    programs.submit_review(None, other, w.ada_nomination, scores=scores(2))
    with pytest.raises(RecognitionError, match="Reconcile"):
        programs.decide(None, w.program)


def test_the_decision_awards_the_honour_as_a_credential(cast: Any) -> None:
    w = world(cast)
    programs.open_review(None, w.program)
    programs.submit_review(None, w.rae_seat, w.ada_nomination, scores=scores(4))
    chosen = programs.decide(None, w.program)
    assert [n.nominee for n in chosen] == [cast.teacher_staff]
    w.program.refresh_from_db()
    assert w.program.status == ProgramStatus.DECIDED
    honour = Award.objects.get(achievement=w.toy, staff_member=cast.teacher_staff)
    assert honour.source == f"program:{w.program.pk}"


def test_a_principal_sees_neither_nominations_nor_scores(cast: Any) -> None:
    w = world(cast)
    programs.open_review(None, w.program)
    programs.submit_review(None, w.rae_seat, w.ada_nomination, scores=scores(3))
    client = Client()
    client.login(username="principal", password=PASSWORD)
    page = client.get(f"/recognition/programs/{w.program.pk}/").content.decode()
    assert "best reading workshop" not in page
    assert "Mean score" not in page


def test_the_reviewer_sees_the_nomination_but_not_the_results(cast: Any) -> None:
    w = world(cast)
    client = Client()
    client.login(username="reviewer", password=PASSWORD)
    page = client.get(f"/recognition/programs/{w.program.pk}/").content.decode()
    assert "best reading workshop" in page
    assert "Mean score" not in page
