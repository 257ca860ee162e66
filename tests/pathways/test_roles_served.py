"""A role the roles app assigns enters the teacher's verified ledger, through the roles-served
seam (lattice.lib.roles_served) that the pathways app registers into."""

from __future__ import annotations

from typing import Any

import pytest

from lattice.audit.models import AuditEntry
from lattice.lib import roles_served
from lattice.pathways.models import Claim, ClaimKind, ClaimStatus
from lattice.roles import actions as role_actions
from tests.cast import Cast

pytestmark = pytest.mark.django_db


def test_the_pathways_ledger_records_the_roles_served() -> None:
    # (the recognition app's recorder counts the same terms toward its achievements)
    assert list(roles_served.recorders()) == ["pathways.ledger", "recognition"]


def test_a_role_assigned_is_a_verified_role_in_the_teachers_ledger(cast: Cast) -> None:
    officer = cast.user("officer")
    mentor = role_actions.install_template(officer, cast.district, "iowa-mentor", activate=True)
    held = role_actions.assign_role(officer, mentor, cast.teacher_staff, cast.year)
    claim = Claim.objects.get(staff_member=cast.teacher_staff, kind=ClaimKind.ROLE)
    assert claim.status == ClaimStatus.VERIFIED
    assert claim.category == mentor.role_type
    assert claim.title == mentor.title
    assert claim.completed == cast.year.start
    entry = AuditEntry.objects.get(object_type="pathways.Claim", object_id=str(claim.pk))
    assert entry.after["source"] == f"roles.RoleAssignment:{held.pk}"  # traced in the log
    assert entry.actor == officer


def test_a_role_served_reads_to_the_teacher_in_words_not_as_an_internal_reference(
    cast: Cast,
) -> None:
    officer = cast.user("officer")
    mentor = role_actions.install_template(officer, cast.district, "iowa-mentor", activate=True)
    role_actions.assign_role(officer, mentor, cast.teacher_staff, cast.year)
    claim = Claim.objects.get(staff_member=cast.teacher_staff, kind=ClaimKind.ROLE)
    assert "RoleAssignment" not in claim.reason
    assert claim.reason.startswith("Recorded from the role's assignment for ")


def test_a_role_served_is_listed_on_my_claims_without_repeating_its_kind(
    cast: Cast, client_for: Any
) -> None:
    officer = cast.user("officer")
    mentor = role_actions.install_template(officer, cast.district, "iowa-mentor", activate=True)
    role_actions.assign_role(officer, mentor, cast.teacher_staff, cast.year)
    html = client_for("teacher").get("/pathways/me/claims/").content.decode()
    assert '<span class="muted">Role served</span>' in html
    assert "Role served · role served" not in html
