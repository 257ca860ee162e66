"""Goal collaborators: the teacher invites colleagues with split rights (read; edit;
evidence; review); each sees and does only what their rights allow, never the pair's
visits or notes; whoever evaluates the teacher cannot be one; every read is audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from lattice.audit.models import AuditEntry
from lattice.coaching import actions, wall
from lattice.coaching.models import InteractionKind
from tests.cast import Cast
from tests.coaching.world import World, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(cast: Cast) -> World:
    return world(cast)


def test_a_collaborator_reads_the_goal_and_its_evidence_never_the_visits_or_notes(
    w: World, client_for: Callable[[str], Client]
) -> None:
    ben = client_for("teacher_other_school")
    page = ben.get(f"/coaching/goals/{w.ada_goal.pk}/").content.decode()
    assert "SECRET-GOAL" in page
    assert "SECRET-VISIT" not in page
    assert "SECRET-PRIVATE" not in page
    assert "SECRET-REFLECTION" not in page
    assert "Change the goal" not in page  # no edit right
    assert "File on the goal" in page  # the evidence right


def test_a_collaborator_s_evidence_reaches_the_teacher_and_a_review_needs_its_own_right(
    cast: Cast, w: World, client_for: Callable[[str], Client]
) -> None:
    ben = client_for("teacher_other_school")
    ben.post(
        f"/coaching/goals/{w.ada_goal.pk}/file/",
        {"kind": "evidence", "occurred_on": cast.last_year.end.isoformat(), "body": "EV-BEN"},
    )
    page = client_for("teacher").get(f"/coaching/goals/{w.ada_goal.pk}/").content.decode()
    assert "EV-BEN" in page
    with pytest.raises(actions.CoachingError, match="review"):
        actions.file_on_goal(
            None, w.ada_goal, kind=InteractionKind.REVIEW, body="Looks good",
            occurred_on=cast.last_year.end, author=cast.teacher_other_school_staff,
        )  # fmt: skip
    assert ben.post(f"/coaching/goals/{w.ada_goal.pk}/edit/", {}).status_code == 404


def test_rights_are_split_and_the_teacher_changes_them(cast: Cast, w: World) -> None:
    ben = cast.teacher_other_school_staff
    row = actions.set_collaborator(
        None, w.ada_goal, ben, ["view", "edit", "review"], author=cast.teacher_staff
    )
    assert row is not None
    assert row.rights == {"view", "edit", "review"}
    actions.edit_goal(None, w.ada_goal, statement="Exit tickets daily", status="met", author=ben)
    w.ada_goal.refresh_from_db()
    assert w.ada_goal.status == "met"
    assert actions.set_collaborator(None, w.ada_goal, ben, [], author=cast.teacher_staff) is None
    assert not w.ada_goal.collaborators.exists()


def test_whoever_evaluates_the_teacher_cannot_collaborate_nor_the_former_coach_read(
    cast: Cast, w: World, client_for: Callable[[str], Client]
) -> None:
    with pytest.raises(actions.CoachingError, match="evaluates you"):
        actions.set_collaborator(
            None, w.ada_goal, cast.principal_staff, ["view"], author=cast.teacher_staff
        )
    # Rae coached Ada and now evaluates her (Wareham): the goal is closed to her.
    assert client_for("reviewer").get(f"/coaching/goals/{w.ada_goal.pk}/").status_code == 404
    for persona in ("principal", "officer", "superuser"):
        assert client_for(persona).get(f"/coaching/goals/{w.ada_goal.pk}/").status_code == 404


def test_only_the_teacher_invites(cast: Cast, w: World) -> None:
    with pytest.raises(actions.CoachingError, match="Only the teacher"):
        actions.set_collaborator(
            None, w.ada_goal, cast.principal_staff, ["view"], author=cast.teacher_other_school_staff
        )


def test_every_read_by_a_collaborator_is_audited_without_the_content(
    w: World, client_for: Callable[[str], Client]
) -> None:
    before = AuditEntry.objects.filter(action="coaching.goal.read").count()
    client_for("teacher_other_school").get(f"/coaching/goals/{w.ada_goal.pk}/")
    entries = AuditEntry.objects.filter(action="coaching.goal.read")
    assert entries.count() == before + 1
    assert not [e for e in entries if "SECRET" in e.object_label + e.summary]


def test_the_teacher_reading_her_own_goal_is_not_audited(
    cast: Cast, w: World, client_for: Callable[[str], Client]
) -> None:
    before = AuditEntry.objects.filter(action="coaching.goal.read").count()
    client_for("teacher").get(f"/coaching/goals/{w.ada_goal.pk}/")
    assert AuditEntry.objects.filter(action="coaching.goal.read").count() == before
    assert wall.goal_rights(cast.users["teacher"], w.ada_goal) == wall.ALL_GOAL_RIGHTS
