"""The confidentiality wall: coaching content reaches the coach and the teacher only.

Principals, evaluators, the talent office and superusers see "whom and what on" — never
content — on every page, including the person pages of the people app and the audit log;
a coach who becomes the teacher's evaluator (Wareham) sees nothing of the coaching in the
evaluation view, and loses the teacher's side of it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from lattice.audit.models import AuditEntry
from lattice.coaching import actions
from lattice.roles import actions as role_actions
from tests.cast import Cast
from tests.coaching.world import SECRETS, World, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(cast: Cast) -> World:
    return world(cast)


def _pages(cast: Cast, w: World) -> list[str]:
    return [
        "/coaching/",
        f"/coaching/programs/{w.program.pk}/",
        f"/coaching/evaluations/{w.rae_evaluates_ada.pk}/",
        f"/coaching/schools/{cast.alder.pk}/feedback/",
        f"/coaching/schools/{cast.birch.pk}/feedback/",
        "/coaching/readiness/",
        f"/coaching/readiness/{w.survey.pk}/",
        f"/coaching/assignments/{w.ada_last_year.pk}/",
        f"/coaching/assignments/{w.ben_now.pk}/",
        f"/staff/{cast.teacher_staff.pk}/",
        f"/staff/{cast.teacher_other_school_staff.pk}/",
        f"/schools/{cast.alder.pk}/",
        "/audit/",
        "/me/",
        "/",
    ]


@pytest.mark.parametrize(
    "persona",
    ["principal", "other_principal", "moved_principal", "officer", "other_officer", "superuser"],
)
def test_no_principal_or_office_page_shows_coaching_content(
    persona: str, cast: Cast, w: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for(persona)
    for url in _pages(cast, w):
        body = client.get(url).content.decode()
        leaked = [s for s in SECRETS if s in body]
        assert not leaked, f"{persona} read {leaked} on {url}"


def test_a_superuser_is_not_let_through_the_wall(
    w: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("superuser").get(f"/coaching/assignments/{w.ada_last_year.pk}/")
    assert response.status_code == 404


def test_the_principal_sees_whom_and_what_on(w: World, client_for: Callable[[str], Client]) -> None:
    body = client_for("other_principal").get("/coaching/").content.decode()
    assert "Ben Other" in body
    assert "Classroom routines" in body
    assert "SECRET-BEN" not in body


def test_the_coach_turned_evaluator_sees_no_coaching_in_the_evaluation_view(
    w: World, client_for: Callable[[str], Client]
) -> None:
    rae = client_for("reviewer")
    body = rae.get(f"/coaching/evaluations/{w.rae_evaluates_ada.pk}/").content.decode()
    assert "EVALUATION-OBSERVATION" in body
    assert not [s for s in SECRETS if s in body]


def test_the_coach_turned_evaluator_keeps_only_what_they_wrote_as_coach(
    w: World, client_for: Callable[[str], Client]
) -> None:
    body = client_for("reviewer").get(f"/coaching/assignments/{w.ada_last_year.pk}/").content
    text = body.decode()
    assert "SECRET-VISIT" in text
    assert "SECRET-PRIVATE" in text
    assert "SECRET-REFLECTION" not in text


def test_the_teacher_reads_the_coaching_but_not_the_coach_s_private_note_or_score(
    w: World, client_for: Callable[[str], Client]
) -> None:
    text = client_for("teacher").get(f"/coaching/assignments/{w.ada_last_year.pk}/").content
    body = text.decode()
    assert "SECRET-VISIT" in body
    assert "SECRET-REFLECTION" in body
    assert "SECRET-PRIVATE" not in body
    assert "Score (private to you)" not in body


def test_every_read_by_someone_other_than_the_author_is_audited(
    cast: Cast, w: World, client_for: Callable[[str], Client]
) -> None:
    client_for("teacher").get(f"/coaching/assignments/{w.ada_last_year.pk}/")
    reads = AuditEntry.objects.filter(action="coaching.content.read")
    assert set(reads.values_list("object_id", flat=True)) == {str(w.visit.pk)}
    assert reads.get().actor == cast.user("teacher")


def test_the_audit_log_never_carries_coaching_content(
    w: World, client_for: Callable[[str], Client]
) -> None:
    client_for("teacher").get(f"/coaching/assignments/{w.ada_last_year.pk}/")
    for entry in AuditEntry.objects.filter(action__startswith="coaching."):
        text = f"{entry.object_label} {entry.summary} {entry.before} {entry.after}"
        assert not [s for s in SECRETS if s in text]


def test_an_item_the_teacher_shares_reaches_that_year_s_principal_only(
    cast: Cast, w: World, client_for: Callable[[str], Client]
) -> None:
    ben = client_for("teacher_other_school")
    visit = w.ben_now.interactions.get()
    assert ben.post(f"/coaching/interactions/{visit.pk}/share/").status_code == 302
    assert "SECRET-BEN" in client_for("other_principal").get("/coaching/").content.decode()
    assert "SECRET-BEN" not in client_for("principal").get("/coaching/").content.decode()
    assert AuditEntry.objects.filter(action="coaching.interaction.share").count() == 1


def test_the_capacity_is_frozen_when_written(w: World) -> None:
    assert w.visit.capacity == "coaching"
    assert w.rae_evaluates_ada.interactions.get().capacity == "evaluation"


def test_a_coach_needs_the_program_s_role_and_room_in_the_caseload(cast: Cast, w: World) -> None:
    with pytest.raises(actions.CoachingError, match="does not hold"):
        actions.assign_coach(
            None, w.program, coach=cast.teacher_staff, teacher=cast.teacher_other_school_staff,
            year=cast.year, reason="requested", focus="x", starts_on=cast.year.start,
        )  # fmt: skip
    w.program.caseload_limit = 1
    w.program.save()
    with pytest.raises(actions.CoachingError, match="caseload limit"):
        actions.assign_coach(
            None, w.program, coach=cast.reviewer_staff, teacher=cast.teacher_staff,
            year=cast.year, reason="requested", focus="x", starts_on=cast.year.start,
        )  # fmt: skip


def test_who_may_be_coached_follows_the_program_not_the_word_teacher(cast: Cast, w: World) -> None:
    counselors_only = actions.create_program(
        None, cast.district, name="Counselor mentoring", purpose="p", caseload_limit=4,
        coach_role=w.program.coach_role, eligible_positions=["counselor"],
    )  # fmt: skip
    with pytest.raises(actions.CoachingError, match="holds no position this program serves"):
        actions.assign_coach(
            None, counselors_only, coach=cast.reviewer_staff, teacher=cast.teacher_staff,
            year=cast.year, reason="requested", focus="x", starts_on=cast.year.start,
        )  # fmt: skip


def test_nothing_is_written_before_the_teacher_agrees(cast: Cast, w: World) -> None:
    assert w.program.coach_role is not None
    ben = cast.teacher_other_school_staff
    role_actions.assign_role(None, w.program.coach_role, ben, cast.year)
    pending = actions.assign_coach(
        None, w.program, coach=ben, teacher=cast.teacher_staff, year=cast.year,
        reason="requested", focus="Questioning", starts_on=cast.year.start,
    )  # fmt: skip
    with pytest.raises(actions.CoachingError, match="agreed"):
        actions.record_interaction(
            None, pending, kind="visit", occurred_on=cast.year.start, body="x", author=ben
        )


def test_a_teacher_s_request_shows_the_office_its_focus_and_the_coach_its_message(
    cast: Cast, w: World, client_for: Callable[[str], Client]
) -> None:
    ada = client_for("teacher")
    ada.post(
        f"/coaching/programs/{w.program.pk}/request/",
        {"focus": "Reading groups", "message": "SECRET-REQUEST: I freeze when observed"},
    )
    request = w.program.requests.get(teacher=cast.teacher_staff)
    assert w.program.coach_role is not None
    role_actions.assign_role(None, w.program.coach_role, cast.teacher_other_school_staff, cast.year)
    office = client_for("officer")
    page = office.get(f"/coaching/programs/{w.program.pk}/").content.decode()
    assert "Reading groups" in page
    assert "SECRET-REQUEST" not in page
    office.post(
        f"/coaching/programs/{w.program.pk}/assign/",
        {"request": request.pk, "teacher": cast.teacher_staff.pk,
         "coach": cast.teacher_other_school_staff.pk, "reason": "requested",
         "focus": "Reading groups"},
    )  # fmt: skip
    request.refresh_from_db()
    assert request.status == "matched"
    coach_page = client_for("teacher_other_school").get(
        f"/coaching/assignments/{request.assignment.pk}/"
    )
    assert "SECRET-REQUEST" in coach_page.content.decode()


def test_nobody_coaches_a_teacher_they_evaluate_that_year(cast: Cast, w: World) -> None:
    with pytest.raises(actions.CoachingError, match="evaluates"):
        actions.assign_coach(
            None, w.program, coach=cast.reviewer_staff, teacher=cast.teacher_staff,
            year=cast.year, reason="requested", focus="x", starts_on=cast.year.start,
        )  # fmt: skip
    with pytest.raises(actions.CoachingError, match="coaches"):
        actions.assign_evaluator(
            None, evaluator=cast.reviewer_staff, teacher=cast.teacher_other_school_staff,
            school=cast.birch, year=cast.year, approach="secondary_evaluator",
        )  # fmt: skip
