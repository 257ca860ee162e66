"""Network cabinets are councils bodies (kind "network cabinet", scope "the network"), made
through the councils app's actions; a Teach to Lead idea goes to a council its team member
sits on as a proposal."""

from __future__ import annotations

from typing import Any

import pytest

from lattice.councils import actions as councils
from lattice.councils.models import BodyKind, BodyScope, Proposal
from lattice.network import actions
from lattice.network.models import IdeaFeedback
from tests.network.world import world


def test_a_network_cabinet_is_a_councils_body_with_a_seat_per_member(cast: Any) -> None:
    cabinet = actions.convene_cabinet(
        None, cast.network, cast.district, name="River Valley cabinet", purpose="Share lessons."
    )
    body = cabinet.body
    assert (body.kind, body.scope, body.district) == (
        BodyKind.NETWORK_CABINET, BodyScope.NETWORK, cast.district,
    )  # fmt: skip
    assert sorted(body.seats.values_list("label", flat=True)) == [
        "Northfield Public Schools seat",
        "Southport City Schools seat",
    ]


def test_an_idea_becomes_a_proposal_to_a_council_its_team_member_sits_on(cast: Any) -> None:
    w = world(cast)
    actions.save_logic_model(None, w.idea, w.lead_seat, problem="Practice stays private.",
                             activities="Termly visit rounds.")  # fmt: skip
    body = w.council  # Ada holds its teacher seat
    assert actions.councils_of(w.lead_seat, body.created_on) == [body]
    proposal = actions.propose_idea_to_council(None, w.idea, w.lead_seat, body, on=body.created_on)
    assert isinstance(proposal, Proposal)
    assert (proposal.body, proposal.raised_by, proposal.problem) == (
        body, cast.teacher_staff, "Practice stays private.",
    )  # fmt: skip
    assert "Agree the protocol" in proposal.proposal
    assert IdeaFeedback.objects.filter(idea=w.idea, text__contains="Alder council").exists()


def test_only_a_member_of_the_council_raises_the_idea_there(cast: Any) -> None:
    w = world(cast)
    body = councils.create_body(None, cast.district, name="Board", kind="leadership_board",
                                purpose="Decide.")  # fmt: skip
    with pytest.raises(actions.NetworkError, match="do not sit on Board"):
        actions.propose_idea_to_council(None, w.idea, w.lead_seat, body, on=body.created_on)
    assert not Proposal.objects.exists()
