"""The decision register: a passed vote enters it with a review date; a decision that
changes Lattice data carries it out through the owning app's action, once, after the vote."""

from __future__ import annotations

import csv
import io

import pytest

from lattice.audit.models import AuditEntry
from lattice.councils import actions
from lattice.councils.models import Decision, DecisionStatus
from lattice.roles.models import LeadershipRole
from tests.cast import Cast
from tests.councils.world import world


def test_a_passed_vote_enters_the_register_with_its_meeting_and_review_date(cast: Cast) -> None:
    w = world(cast)
    d = w.decision
    assert d.statement == "Create a data-coach role."
    assert d.meeting == w.held
    assert d.review_on is not None
    assert "Consented: 2 consent" in d.vote_summary


def test_a_rejected_vote_enters_nothing(cast: Cast) -> None:
    w = world(cast)
    poll = w.open_poll
    no = poll.options.get(meaning="no")
    actions.cast_ballot(None, poll, cast.teacher_staff, {no.pk: 1})
    actions.close_poll(None, poll)
    w.open_proposal.refresh_from_db()
    assert w.open_proposal.status == "rejected"
    assert not Decision.objects.filter(proposal=w.open_proposal).exists()


def test_carrying_out_creates_the_catalogue_role_once(cast: Cast) -> None:
    decision = world(cast).decision
    actions.carry_out(None, decision)
    role = LeadershipRole.objects.get(district=cast.district, key="data-coach")
    assert role.title == "Data coach"
    assert decision.status == DecisionStatus.DONE
    assert AuditEntry.objects.filter(action="roles.role.create", object_id=str(role.pk)).exists()
    with pytest.raises(actions.CouncilError, match="already carried out"):
        actions.carry_out(None, decision)


def test_nothing_is_carried_out_before_the_vote_passes(cast: Cast) -> None:
    w = world(cast)
    p = actions.raise_proposal(
        None,
        w.alder,
        cast.teacher_staff,
        title="Role",
        problem="p",
        proposal="q",
        carries_out="create_role",
        carry_out_fields={"key": "x", "title": "X"},
    )
    decision = actions.record_decision(None, w.alder, statement="Premature", proposal=p)
    with pytest.raises(actions.CouncilError, match="has not passed"):
        actions.carry_out(None, decision)
    assert not LeadershipRole.objects.filter(key="x").exists()


def test_the_register_exports_csv_of_what_the_reader_may_see(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    world(cast)
    rows = list(
        csv.DictReader(
            io.StringIO(client_for("teacher").get("/councils/decisions.csv").content.decode())
        )
    )
    assert [r["statement"] for r in rows] == ["Create a data-coach role."]
    birch = client_for("teacher_other_school").get("/councils/decisions.csv").content.decode()
    assert "data-coach" not in birch


def test_the_register_filters_decisions_due_for_review(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    world(cast)
    page = client_for("teacher").get("/councils/decisions/?due=yes").content.decode()
    assert "0 decisions" in page
