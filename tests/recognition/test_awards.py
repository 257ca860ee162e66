"""Achievements are awarded once, from Lattice's facts where they say so, and every award,
revocation and publication is audited."""

from __future__ import annotations

from typing import Any

import pytest

from lattice.audit.models import AuditEntry
from lattice.recognition import actions
from lattice.recognition.actions import RecognitionError
from lattice.recognition.models import Award
from lattice.roles import actions as roles
from tests.recognition.world import world

pytestmark = pytest.mark.django_db


def test_a_mentor_assigned_through_the_roles_app_earns_the_mentor_credential(cast: Any) -> None:
    w = world(cast)
    mentor_role = roles.install_template(None, cast.district, "iowa-mentor", activate=True)
    roles.assign_role(None, mentor_role, cast.reviewer_staff, cast.year)
    earned = Award.objects.get(achievement=w.mentor, staff_member=cast.reviewer_staff)
    assert earned.source.startswith("roles.RoleAssignment:")
    assert (
        earned.credential["credentialSubject"]["achievement"]["achievementType"] == "ext:RoleServed"
    )


def test_two_terms_are_needed_when_the_achievement_asks_for_two(cast: Any) -> None:
    two = actions.define_achievement(
        None,
        cast.district,
        key="mentor-two",
        name="Mentor: two terms",
        description="Two terms as a mentor.",
        criteria="Two years as a mentor.",
        achievement_type="ext:RoleServed",
        earned_by="role_served",
        role_key="mentor",
        terms_required=2,
    )
    mentor_role = roles.install_template(None, cast.district, "iowa-mentor", activate=True)
    roles.assign_role(None, mentor_role, cast.reviewer_staff, cast.year)
    assert not Award.objects.filter(achievement=two).exists()


def test_an_achievement_is_not_awarded_twice(cast: Any) -> None:
    w = world(cast)
    with pytest.raises(RecognitionError, match="already holds"):
        actions.award(None, w.curriculum, cast.teacher_staff)


def test_another_districts_teacher_cannot_be_awarded(cast: Any) -> None:
    with pytest.raises(RecognitionError, match="not on"):
        actions.award(None, world(cast).curriculum, cast.other_district_teacher_staff)


def test_an_unknown_tlms_function_is_refused_with_the_fix(cast: Any) -> None:
    with pytest.raises(
        RecognitionError, match="Unknown Teacher Leader Model Standards function 9z"
    ):
        actions.define_achievement(
            None,
            cast.district,
            key="x",
            name="X",
            description="d",
            criteria="c",
            achievement_type="Competency",
            tlms_functions="4c 9z",
        )


def test_the_alignment_names_the_tlms_function(cast: Any) -> None:
    achievement = world(cast).ada_award.credential["credentialSubject"]["achievement"]
    codes = [a["targetCode"] for a in achievement["alignment"]]
    assert codes == ["TLMS-3a", "TLMS-5b"]


def test_revoking_needs_a_reason_and_is_audited(cast: Any) -> None:
    award = world(cast).ada_award
    with pytest.raises(RecognitionError, match="reason"):
        actions.revoke(None, award, reason=" ")
    actions.revoke(None, award, reason="Awarded in error.")
    entry = AuditEntry.objects.get(action="recognition.award.revoke")
    assert entry.after["reason"] == "Awarded in error."


def test_issuing_is_audited(cast: Any) -> None:
    world(cast)
    assert AuditEntry.objects.filter(action="recognition.award.issue").count() == 2


def test_nothing_is_public_until_the_teacher_chooses(cast: Any) -> None:
    assert world(cast).ben_award.public is False


def test_an_honour_that_counts_toward_the_pathway_enters_the_ledger_as_a_claim(cast: Any) -> None:
    from lattice.pathways.models import Claim, ClaimStatus
    from tests.pathways.world import adopt

    adopt(cast)
    honour = actions.define_achievement(
        None,
        cast.district,
        key="toy-counts",
        name="Teacher of the Year",
        description="Chosen by the panel.",
        criteria="Selected by the panel.",
        achievement_type="Award",
        earned_by="recognition",
        ledger_kind="project",
        ledger_units=6,
    )
    made = actions.award(None, honour, cast.reviewer_staff)
    assert "waiting for the talent office" in made.ledger_note, made.ledger_note
    claim = Claim.objects.get(staff_member=cast.reviewer_staff, title="Teacher of the Year")
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.evidence.count() == 1
    assert "waiting for the talent office" in made.ledger_note


def test_without_a_pathway_policy_the_honour_says_why_it_is_not_in_the_ledger(cast: Any) -> None:
    honour = actions.define_achievement(
        None,
        cast.district,
        key="toy-counts",
        name="Teacher of the Year",
        description="Chosen by the panel.",
        criteria="Selected by the panel.",
        achievement_type="Award",
        earned_by="recognition",
        ledger_kind="project",
        ledger_units=6,
    )
    made = actions.award(None, honour, cast.reviewer_staff)
    assert made.ledger_note.startswith("Not entered in the ledger")


def _certificate_achievement(cast: Any, category: str = "National Board") -> Any:
    return actions.define_achievement(
        None,
        cast.district,
        key="board-certified",
        name="National Board Certified Teacher",
        description="Holds National Board certification, verified in the career ledger.",
        criteria="Have the certificate verified by the talent office.",
        achievement_type="Competency",
        earned_by="ledger_claim",
        claim_kind="certificate",
        claim_category=category,
    )


def _claim(cast: Any, category: str) -> Any:
    from lattice.pathways import actions as pathways
    from tests.pathways.world import pdf

    return pathways.submit_claim(
        cast.user("teacher"),
        cast.teacher_staff,
        kind="certificate",
        title="National Board Certification, Literacy",
        provider="NBPTS",
        category=category,
        completed=cast.year.start,
        quantity=0,
        files=[pdf("certificate.pdf")],
    )


def test_verifying_a_ledger_claim_in_the_pathways_app_issues_the_credential_it_earns(
    cast: Any,
) -> None:
    from lattice.pathways import actions as pathways
    from tests.pathways.world import adopt

    adopt(cast)
    board = _certificate_achievement(cast)
    claim = _claim(cast, "national board")
    assert not Award.objects.filter(achievement=board).exists()
    pathways.verify_claim(cast.user("officer"), claim)
    made = Award.objects.get(achievement=board, staff_member=cast.teacher_staff)
    assert made.source == f"pathways.Claim:{claim.pk}"
    assert made.credential_jwt
    assert AuditEntry.objects.filter(action="recognition.award.issue", object_id=str(made.pk))


def test_a_verified_claim_of_another_category_earns_nothing(cast: Any) -> None:
    from lattice.pathways import actions as pathways
    from tests.pathways.world import adopt

    adopt(cast)
    board = _certificate_achievement(cast)
    pathways.verify_claim(cast.user("officer"), _claim(cast, "First aid"))
    assert not Award.objects.filter(achievement=board).exists()


def test_claims_verified_before_the_achievement_existed_earn_it_when_the_office_runs_awards(
    cast: Any,
) -> None:
    from lattice.pathways import actions as pathways
    from tests.pathways.world import adopt

    adopt(cast)
    pathways.verify_claim(cast.user("officer"), _claim(cast, "National Board"))
    board = _certificate_achievement(cast)
    assert actions.award_ledger_claims(None, cast.district) == 1
    assert actions.award_ledger_claims(None, cast.district) == 0
    assert Award.objects.filter(achievement=board, staff_member=cast.teacher_staff).count() == 1


def test_an_achievement_earned_by_a_claim_names_the_kind_of_claim(cast: Any) -> None:
    with pytest.raises(RecognitionError, match="kind of verified ledger claim"):
        actions.define_achievement(
            None,
            cast.district,
            key="any-claim",
            name="Any claim",
            description="Any.",
            criteria="Any.",
            achievement_type="Competency",
            earned_by="ledger_claim",
        )


def test_the_office_defines_an_achievement_earned_by_a_verified_claim(
    cast: Any, client_for: Any
) -> None:
    from lattice.recognition.models import Achievement

    response = client_for("officer").post(
        "/recognition/achievements/new/",
        {
            "name": "National Board Certified Teacher",
            "key": "board-certified",
            "description": "Holds National Board certification.",
            "criteria": "Have the certificate verified in the career ledger.",
            "achievement_type": "Competency",
            "earned_by": "ledger_claim",
            "claim_kind": "certificate",
            "claim_category": "National Board",
            "terms_required": "1",
            "ledger_units": "0",
        },
    )
    assert response.status_code == 302
    made = Achievement.objects.get(district=cast.district, key="board-certified")
    assert (made.claim_kind, made.claim_category) == ("certificate", "National Board")


@pytest.mark.parametrize("blank", ["achievement", "staff"])
def test_awarding_with_a_blank_choice_asks_for_it_and_writes_nothing(
    cast: Any, client_for: Any, blank: str
) -> None:
    chosen = {"achievement": str(world(cast).toy.pk), "staff": str(cast.teacher_staff.pk)}
    chosen[blank] = ""
    before = Award.objects.count()
    response = client_for("officer").post("/recognition/awards/new/", chosen, follow=True)
    assert response.status_code == 200
    assert "Choose the" in response.content.decode()
    assert Award.objects.count() == before
