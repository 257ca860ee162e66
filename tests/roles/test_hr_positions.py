"""HR positions map to leadership roles: a reviewed mapping turns HR coaches into ordinary
role assignments (coverage, "Roles you hold", stipends), imports keep them in step through
the facts-changed seam, and disagreements are listed for the officer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lattice.imports import actions as import_actions
from lattice.people import actions as people
from lattice.people.models import Assignment, Position
from lattice.roles import actions, hr, queries
from lattice.roles.models import AssignmentStatus, HrRoleLink, RoleAssignment, RoleType
from tests.imports.files import write_package_12
from tests.imports.helpers import plan_for

ON = dt.date(2025, 10, 1)


@pytest.fixture
def coach_role(cast):
    return actions.install_template(None, cast.district, "coach", activate=True)


@pytest.fixture
def ada_coaches(cast):
    """Ada's HR record: teacher 0.6 and instructional coach 0.4 at Alder this year."""
    return people.add_assignment(
        None,
        cast.teacher_staff,
        school=cast.alder,
        school_year=cast.year,
        position=Position.INSTRUCTIONAL_COACH,
        fte=Decimal("0.40"),
        title="Instructional coach (Mathematics)",
    )


def _map(cast, role):
    return actions.save_position_mappings(
        cast.user("officer"), cast.district, [(Position.INSTRUCTIONAL_COACH, "", role)]
    )


def test_a_reviewed_mapping_makes_hr_coaches_role_holders(cast, coach_role, ada_coaches):
    _map(cast, coach_role)
    report = actions.sync_hr_roles(None, cast.district, ON)
    assert report.created == 1
    held = RoleAssignment.objects.get(staff_member=cast.teacher_staff)
    assert (held.role, held.school_year, held.school) == (coach_role, cast.year, cast.alder)
    assert held.release_fte == Decimal("0.40")  # the HR position's FTE, not the role's 100%
    assert held.stipend_dollars == coach_role.stipend_dollars
    assert HrRoleLink.objects.get(role_assignment=held).hr_assignment == ada_coaches
    dashboard = queries.dashboard(cast.district, cast.year, ON)
    coaches = {label: count for label, count, _, _ in dashboard.by_type}
    assert coaches[RoleType.COACH.label] == 1
    assert dashboard.in_roles == 1


def test_the_teacher_sees_the_role_they_hold(cast, coach_role, ada_coaches, client_for):
    _map(cast, coach_role)
    actions.sync_hr_roles(None, cast.district, ON)
    page = client_for("teacher").get("/roles/").content.decode()
    assert "Roles you hold" in page
    assert "Instructional coach</a>, 2025-26" in page


def test_a_second_sync_changes_nothing(cast, coach_role, ada_coaches):
    _map(cast, coach_role)
    actions.sync_hr_roles(None, cast.district, ON)
    again = actions.sync_hr_roles(None, cast.district, ON)
    assert (again.created, again.ended, again.unchanged) == (0, 0, 1)


def test_a_hand_given_role_is_adopted_not_duplicated(cast, coach_role, ada_coaches):
    actions.assign_role(None, coach_role, cast.teacher_staff, cast.year)
    _map(cast, coach_role)
    report = actions.sync_hr_roles(None, cast.district, ON)
    assert report.adopted == 1
    assert RoleAssignment.objects.filter(staff_member=cast.teacher_staff).count() == 1


def test_when_the_hr_position_ends_the_role_assignment_ends(cast, coach_role, ada_coaches):
    _map(cast, coach_role)
    actions.sync_hr_roles(None, cast.district, ON)
    Assignment.objects.filter(pk=ada_coaches.pk).update(end_date=dt.date(2025, 9, 30))
    report = actions.sync_hr_roles(None, cast.district, ON)
    assert report.ended == 1
    held = RoleAssignment.objects.get(staff_member=cast.teacher_staff)
    assert held.status == AssignmentStatus.ENDED
    assert held.ends_on == ON


def test_conflicts_list_both_directions_and_unmapped_positions(cast, coach_role, ada_coaches):
    before = hr.conflicts(cast.district, ON)
    assert before.unmapped == [("Instructional coach", 1)]
    actions.assign_role(None, coach_role, cast.teacher_other_school_staff, cast.year)
    _map(cast, coach_role)
    found = hr.conflicts(cast.district, ON)
    assert found.role_without_position == [
        (
            "Ben Other",
            "Instructional coach",
            "2025-26",
            "no HR position of theirs maps to this role",
        )
    ]
    assert found.position_without_role == [
        ("Ada Teacher", "Instructional coach", "2025-26", "not synced yet — sync now")
    ]
    assert found.unmapped == []
    actions.sync_hr_roles(None, cast.district, ON)
    assert hr.conflicts(cast.district, ON).position_without_role == []
    # a hand-given role is never ended by the sync: it stays listed
    assert RoleAssignment.objects.get(staff_member=cast.teacher_other_school_staff).status == (
        AssignmentStatus.ACTIVE
    )


def test_an_import_of_hr_coaches_syncs_roles_through_the_facts_seam(
    cast, coach_role, tmp_path, django_capture_on_commit_callbacks
):
    _map(cast, coach_role)
    plan = plan_for(write_package_12(tmp_path / "or"), cast.district)
    from lattice.imports import safety

    run = import_actions.create_run(
        None, kind="oneroster", district=cast.district, origin="cli", file_names=["t"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_actions.apply_plan(None, plan, run, confirmed=safety.check(plan).confirm_count)
    cole = RoleAssignment.objects.get(staff_member__sourced_id="u-coach")
    assert cole.role == coach_role
    assert cole.school.key == "birch"


def test_the_officer_reviews_the_mapping_on_the_page(cast, coach_role, ada_coaches, client_for):
    officer = client_for("officer")
    page = officer.get("/roles/hr-positions/").content.decode()
    assert "Instructional coach" in page
    assert "Suggested: Instructional coach — check and save." in page
    response = officer.post(
        "/roles/hr-positions/",
        {
            f"role_{Position.INSTRUCTIONAL_COACH}": str(coach_role.pk),
            f"role_{Position.TEACHER}": "none",
        },
    )
    assert response.status_code == 302
    actions.sync_hr_roles(None, cast.district, ON)
    assert RoleAssignment.objects.filter(staff_member=cast.teacher_staff, role=coach_role).exists()
    response = officer.post("/roles/hr-positions/sync/")
    assert response.status_code == 302
