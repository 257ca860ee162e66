"""The roles workflows close their loops: each step tells whoever it now waits on; a returned
proposal is changed and sent again, with history; the review form keeps its choices; the
decider never reviews; an approved pilot becomes a pilot and its proposer is placed; postings
are seen by the staff they are for; reviewers are found by name."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lattice.notifications.models import Notification
from lattice.people.models import SchoolYear
from lattice.roles import access, actions
from lattice.roles.models import Posting, ProposalStatus, RoleAssignment, RoleProposal
from tests.cast import Cast
from tests.roles.world import today, world

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world.with_args(world)]


def kinds_told(user: Any) -> list[str]:
    return list(
        Notification.objects.filter(user=user).order_by("id").values_list("kind", flat=True)
    )


def _return(cast: Cast, proposal: RoleProposal, stage: str = "principal") -> RoleProposal:
    reviewer = cast.user("principal") if stage == "principal" else cast.user("officer")
    return actions.review_proposal(
        reviewer, proposal, stage=stage, decision="return", note="Say what it costs."
    )


def test_a_new_proposal_tells_the_principal_it_waits_for_them(cast: Cast) -> None:
    world(cast)
    assert "roles.proposal_waiting" in kinds_told(cast.user("principal"))


def test_a_reviewer_seated_on_a_panel_and_an_applicant_offered_a_role_are_told(
    cast: Cast,
) -> None:
    w = world(cast)
    assert kinds_told(cast.user("reviewer")).count("roles.panel_seated") == 2
    actions.record_scores(cast.user("reviewer"), w.rae_alder, w.ada_app,
                          {"practice": 3, "peers": 3, "plan": 3})  # fmt: skip
    actions.offer_next(cast.user("officer"), w.alder_posting)
    assert "roles.offer_made" in kinds_told(cast.user("teacher"))


def test_a_returned_proposal_is_changed_and_sent_again_and_its_history_shows_each_step(
    cast: Cast,
) -> None:
    proposal = _return(cast, world(cast).proposal)
    assert "roles.proposal_returned" in kinds_told(cast.user("teacher"))
    before = Notification.objects.filter(user=cast.user("principal")).count()
    sent = actions.resubmit_proposal(
        cast.user("teacher"), proposal, note="Costed it.", stipend_dollars=1800
    )
    assert sent.status == ProposalStatus.SUBMITTED
    assert Notification.objects.filter(user=cast.user("principal")).count() == before + 1
    steps = [(e.step, e.changes) for e in sent.events.all()]
    assert steps == [
        ("submitted", []),
        ("returned", []),
        ("resubmitted", [{"label": "Stipend asked ($)", "before": "$1,500", "after": "$1,800"}]),
    ]


def test_a_proposal_the_district_returned_goes_back_to_the_district(cast: Cast) -> None:
    proposal = world(cast).proposal
    actions.review_proposal(None, proposal, stage="principal", decision="approve", note="")
    _return(cast, proposal, stage="district")
    sent = actions.resubmit_proposal(cast.user("teacher"), proposal, title="Data coach (costed)")
    assert sent.status == ProposalStatus.PRINCIPAL_APPROVED
    assert "roles.proposal_waiting" in kinds_told(cast.user("officer"))


def test_the_proposer_edits_a_returned_proposal_on_its_page(cast: Cast, client_for: Any) -> None:
    proposal = _return(cast, world(cast).proposal)
    client = client_for("teacher")
    page = client.get(f"/roles/proposals/{proposal.pk}/").content.decode()
    assert "Change the proposal and send it again" in page
    assert "Say what it costs." in page
    form = client.get(f"/roles/proposals/{proposal.pk}/edit/")
    assert form.status_code == 200
    data = {
        "title": "Data coach",
        "problem": proposal.problem,
        "duties": proposal.duties,
        "scope": "pilot",
        "positions": "1",
        "release_percent": "10",
        "extra_days": "3",
        "stipend_dollars": "2000",
        "success_measure": proposal.success_measure,
        "resubmit_note": "Costed.",
    }
    assert client.post(f"/roles/proposals/{proposal.pk}/edit/", data).status_code == 302
    page = client.get(f"/roles/proposals/{proposal.pk}/").content.decode()
    assert "Changed and sent again" in page
    assert "“$1,500” → “$2,000”" in page


def test_a_review_missing_its_note_keeps_the_decision_and_says_so_in_a_sentence(
    cast: Cast, client_for: Any
) -> None:
    proposal = world(cast).proposal
    response = client_for("principal").post(
        f"/roles/proposals/{proposal.pk}/review/",
        {"stage": "principal", "decision": "return", "note": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="return" id="id_decision_1" required checked' in page
    assert "Write a note to the proposers saying what to change" in page
    assert "note:" not in page
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_the_review_form_preselects_no_decision(cast: Cast, client_for: Any) -> None:
    proposal = world(cast).proposal
    page = client_for("principal").get(f"/roles/proposals/{proposal.pk}/").content.decode()
    assert "checked" not in page.split('id="rev-heading"')[1].split("</form>")[0]


def test_whoever_sits_on_the_panel_cannot_make_its_offers(cast: Cast) -> None:
    w = world(cast)
    actions.seat_reviewer(None, w.alder_posting, cast.principal_staff)
    actions.record_scores(cast.user("reviewer"), w.rae_alder, w.ada_app,
                          {"practice": 3, "peers": 3, "plan": 3})  # fmt: skip
    with pytest.raises(actions.RoleError, match="cannot also decide"):
        actions.offer_next(cast.user("principal"), w.alder_posting)
    assert actions.offer_next(cast.user("officer"), w.alder_posting) is not None


def test_whoever_made_a_postings_offers_cannot_be_seated_on_its_panel(cast: Cast) -> None:
    w = world(cast)
    actions.record_scores(cast.user("reviewer"), w.rae_alder, w.ada_app,
                          {"practice": 3, "peers": 3, "plan": 3})  # fmt: skip
    actions.offer_next(cast.user("principal"), w.alder_posting)
    with pytest.raises(actions.RoleError, match="decides this posting"):
        actions.seat_reviewer(None, w.alder_posting, cast.principal_staff)


def _approved_pilot(cast: Cast) -> RoleProposal:
    proposal = actions.submit_proposal(
        cast.user("teacher"),
        cast.teacher_staff,
        school=cast.alder,
        co_proposers=[],
        title="Garden classroom lead",
        problem="Pupils never learn outdoors.",
        duties="Run the school garden",
        scope="pilot",
        positions=2,
        success_measure="Every class uses the garden once a term.",
    )
    actions.review_proposal(None, proposal, stage="principal", decision="approve", note="")
    return actions.review_proposal(None, proposal, stage="district", decision="approve", note="")


def test_an_approved_one_school_pilot_becomes_a_pilot_there_with_its_positions(
    cast: Cast,
) -> None:
    proposal = _approved_pilot(cast)
    role = proposal.role
    assert role is not None
    assert (role.pilot_school, role.positions) == (cast.alder, 2)
    assert role.positions_text() == "2 at Alder Elementary (a pilot)"
    assert "roles.proposal_approved" in kinds_told(cast.user("teacher"))
    with pytest.raises(actions.RoleError, match="pilot at Alder"):
        actions.create_posting(
            None, role, school=cast.birch, school_year=cast.year,
            opens_on=today(), closes_on=today(),
        )  # fmt: skip


def test_approving_a_proposal_offers_to_place_the_proposer_in_the_role(cast: Cast) -> None:
    proposal = _approved_pilot(cast)
    held = actions.place_proposer(cast.user("officer"), proposal, how="assign")
    assert isinstance(held, RoleAssignment)
    assert held.staff_member == cast.teacher_staff
    assert "roles.proposal_placed" in kinds_told(cast.user("teacher"))
    with pytest.raises(actions.RoleError, match="nothing to place"):
        actions.place_proposer(cast.user("officer"), proposal, how="post")


def test_or_opens_a_posting_at_the_proposers_school(cast: Cast) -> None:
    proposal = _approved_pilot(cast)
    posting = actions.place_proposer(cast.user("officer"), proposal, how="post")
    assert isinstance(posting, Posting)
    assert (posting.school, posting.positions) == (cast.alder, 2)


def test_a_teacher_sees_next_years_opening_at_their_own_school(cast: Cast) -> None:
    w = world(cast)
    start = today() + dt.timedelta(days=30)  # a year that has not begun: next year's
    following = SchoolYear.objects.create(
        district=cast.district,
        label=SchoolYear.label_for(start.year),
        start=start,
        end=start + dt.timedelta(days=364),
    )
    posting = actions.create_posting(
        None, w.mentor, school=cast.alder, school_year=following,
        opens_on=today(), closes_on=today() + dt.timedelta(days=5),
    )  # fmt: skip
    assert posting in access.postings_visible_to(cast.user("teacher"))
    assert posting not in access.postings_visible_to(cast.user("teacher2"))
    seen = set(access.staff_who_see(posting))
    assert cast.teacher_staff in seen
    assert cast.teacher_other_school_staff not in seen


def test_staffing_suggestions_propose_only_teachers_who_can_see_the_posting(
    cast: Cast, client_for: Any
) -> None:
    world(cast)
    page = client_for("officer").get("/roles/suggestions/").content.decode()
    alder_section = page.split("Alder Elementary")[1].split("</section>")[0]
    assert "Ben Other" not in alder_section  # Ben works at Birch: he never sees Alder's opening


def test_reviewers_are_found_by_name_and_those_seated_are_not_offered(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    client = client_for("officer")
    url = f"/roles/postings/{w.alder_posting.pk}/panel/candidates/"
    found = client.get(url, {"reviewer_q": "rae"}).content.decode()
    assert "Nobody matches" in found  # Rae already sits on the panel
    found = client.get(url, {"reviewer_q": "ben"}).content.decode()
    assert "Ben Other" in found
    assert 'name="reviewer"' in found


def test_the_offer_button_disappears_once_every_position_is_filled(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    actions.record_scores(cast.user("reviewer"), w.rae_alder, w.ada_app,
                          {"practice": 3, "peers": 3, "plan": 3})  # fmt: skip
    client = client_for("officer")
    page = client.get(f"/roles/postings/{w.alder_posting.pk}/").content.decode()
    assert "Offer to the next on the waitlist" in page
    actions.offer_next(cast.user("officer"), w.alder_posting)
    page = client.get(f"/roles/postings/{w.alder_posting.pk}/").content.decode()
    assert "Offer to the next on the waitlist" not in page
    assert "Every position is filled or has an offer out." in page


def test_what_waits_on_each_person_is_on_their_home_page(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    mine = client_for("reviewer").get("/me/").content.decode()
    assert f"Score 1 application for {w.mentor.title}" in mine
    page = client_for("principal").get(f"/schools/{cast.alder.pk}/").content.decode()
    assert f"Review the proposal “{w.proposal.title}”" in page
    _return(cast, w.proposal)
    ada = client_for("teacher").get("/me/").content.decode()
    assert f"Change and resend your proposal “{w.proposal.title}”" in ada


def test_a_principals_own_proposal_skips_their_review_and_goes_straight_to_the_district(
    cast: Cast,
) -> None:
    world(cast)
    proposal = actions.submit_proposal(
        cast.user("principal"),
        cast.principal_staff,
        school=cast.alder,
        co_proposers=[],
        title="Family liaison lead",
        problem="Families hear from us too late.",
        duties="Run family nights",
        release_percent=10,
        extra_days=2,
        stipend_dollars=1000,
        success_measure="Every family hears from school by October.",
    )
    assert proposal.status == ProposalStatus.PRINCIPAL_APPROVED
    assert [e.step for e in proposal.events.all()] == ["submitted", "principal_ok"]
    assert "went straight to the district" in proposal.events.last().note
    assert "roles.proposal_waiting" in kinds_told(cast.user("officer"))
