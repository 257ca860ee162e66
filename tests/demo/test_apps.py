"""The default demo adds each app's content to the main district, so every page has data."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from lattice.demo.load import load_demo
from lattice.demo.plan import DemoSpec
from lattice.pathways.models import Placement, PolicyAdoption
from lattice.people import demo_content
from lattice.people.models import District
from lattice.roles.models import LeadershipRole, Posting, RoleAssignment
from lattice.roles.queries import current_pathway
from tests.pathways.world import private_media_in_tmp

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        private_media_in_tmp()
        report = load_demo(DemoSpec(seed=11, teachers=150, years=3, second_district=False))
        district = District.objects.get(key="maplewood")
    yield district, report
    with django_db_blocker.unblock():
        call_command("flush", verbosity=0, interactive=False)


def test_the_demo_district_adopts_a_pathway_policy_and_places_its_teachers(demo: Any) -> None:
    district, report = demo
    assert PolicyAdoption.objects.filter(district=district).exists()
    assert Placement.objects.filter(district=district).count() >= 100
    assert report.counts["pathways.pending_claims"] > 0


def test_the_demo_district_has_leadership_roles_held_this_year(demo: Any) -> None:
    district, report = demo
    assert LeadershipRole.objects.filter(district=district, status="active").count() >= 5
    assert RoleAssignment.objects.filter(role__district=district).count() == (
        report.counts["roles.assignments"]
        + report.counts["roles.hr_coaches"]
        + report.counts.get("coaching.past_coach_roles", 0)  # the Wareham coach, last year
    )
    assert report.counts["roles.assignments"] > 0
    assert Posting.objects.filter(role__district=district).count() == 1


def test_role_holders_qualifications_read_their_pathway_placement(demo: Any) -> None:
    holder = RoleAssignment.objects.filter(role__district=demo[0]).first().staff_member
    assert current_pathway(holder) is not None


def test_the_coverage_dashboard_counts_the_demo_districts_hr_coaches(demo: Any) -> None:
    from lattice.people.models import Assignment, Position
    from lattice.people.queries import today
    from lattice.roles import queries
    from lattice.roles.models import RoleType

    district, report = demo
    year = queries.current_year(district, today())
    coaches = Assignment.objects.filter(
        school_year=year,
        position=Position.INSTRUCTIONAL_COACH,
        staff_member__district=district,
        staff_member__active=True,
    ).count()
    assert coaches > 0
    assert report.counts["roles.hr_coaches"] == coaches
    counted = {label: n for label, n, _, _ in queries.dashboard(district, year, today()).by_type}
    assert counted[RoleType.COACH.label] == coaches


def test_each_app_registers_its_demo_content_and_roles_follow_pathways() -> None:
    assert [c.app for c in demo_content.in_order()] == [
        "budgets",
        "pathways",
        "people",  # staff beyond classroom teachers: a nurse, a librarian, a specialist
        "roles",
        "councils",
        "coaching",  # the demo plan links the councils' demo bodies
        "network",
        "recognition",
    ]


def test_demo_contents_that_wait_for_each_other_are_refused(monkeypatch: Any) -> None:
    def nothing(district: Any, seed: int, *, actor: Any = None) -> dict[str, int]:
        return {}

    monkeypatch.setattr(demo_content, "_contents", {})
    demo_content.register(demo_content.DemoContent("a", nothing, after=("b",)))
    demo_content.register(demo_content.DemoContent("b", nothing, after=("a",)))
    with pytest.raises(ValueError, match="wait for each other"):
        demo_content.in_order()


def test_a_content_waiting_for_an_app_that_is_not_installed_still_runs(monkeypatch: Any) -> None:
    def nothing(district: Any, seed: int, *, actor: Any = None) -> dict[str, int]:
        return {}

    monkeypatch.setattr(demo_content, "_contents", {})
    demo_content.register(demo_content.DemoContent("a", nothing, after=("absent",)))
    assert [c.app for c in demo_content.in_order()] == ["a"]


def test_the_demo_holds_notices_for_each_persona_in_a_workflow_and_emails_nobody(
    demo: Any,
) -> None:
    from django.core import mail

    from lattice.notifications.models import Notification

    expected = {
        "teacher": "roles.proposal_returned",
        "teacher2": "roles.panel_seated",
        "principal": "roles.proposal_waiting",
        "principal2": "roles.proposal_waiting",
        "officer": "roles.proposal_waiting",
        "network": "network.idea_posted",
        "admin": "forecasts.finished",
    }
    for username, kind in expected.items():
        assert Notification.objects.filter(user__username=username, kind=kind).exists(), username
    assert not Notification.objects.exclude(email="skipped").exists()
    assert mail.outbox == []


def test_the_demo_s_coach_turned_evaluator_sees_none_of_the_coaching_when_evaluating(
    demo: Any,
) -> None:
    """Wareham in the demo: last year's coach evaluates the teacher this year; the
    evaluation view, as the evaluator and as the principal, shows nothing written as coach."""
    from django.test import Client

    from lattice.coaching.models import CoachAssignment, EvaluationAssignment
    from lattice.people.models import Assignment
    from tests.cast import sign_in

    district, report = demo
    assert report.counts["coaching.past_coach_roles"] == 1
    wareham = next(
        e
        for e in EvaluationAssignment.objects.filter(school__district=district)
        if CoachAssignment.objects.filter(coach=e.evaluator, teacher=e.teacher)
        .exclude(school_year=e.school_year)
        .exists()
    )
    principal = (
        Assignment.objects.filter(school=wareham.school, school_year=wareham.school_year,
                                  position="principal", staff_member__user__isnull=False)
        .first()
    )  # fmt: skip
    assert principal is not None
    readers = [principal.staff_member.user]
    if wareham.evaluator.user is not None:
        readers.append(wareham.evaluator.user)
    for user in readers:
        client = Client()
        sign_in(client, user)
        response = client.get(f"/coaching/evaluations/{wareham.pk}/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "Turn-and-talk" not in page
        assert "Student discourse" not in page


def test_the_demo_has_a_passed_stipend_decision_waiting_for_the_office(demo: Any) -> None:
    from django.contrib.auth.models import User
    from django.db import transaction

    from lattice.councils import actions
    from lattice.councils.models import Decision

    district, report = demo
    assert report.counts["councils.stipend_decisions_to_carry_out"] == 1
    decision = Decision.objects.get(
        body__district=district, proposal__carries_out="change_stipend", carried_out_as=""
    )
    shown = actions.carry_out_preview(decision)
    assert shown is not None
    assert shown.preview.refusal == ""
    assert "→" in dict(shown.preview.lines)["Stipend"]
    officer = User.objects.get(username="officer")
    assert actions.may_carry_out(officer, decision)
    teacher = User.objects.get(username="teacher")
    assert not actions.may_carry_out(teacher, decision)
    with transaction.atomic():  # carried out and rolled back: the demo stays as loaded
        actions.carry_out(officer, decision)
        assert decision.carried_out_as.startswith("stipend:")
        transaction.set_rollback(True)


def test_the_demo_plan_s_secondary_evaluators_lighten_the_principal_s_load_after_the_plan(
    demo: Any,
) -> None:
    """Coaches support and never evaluate; the demo plan also posts secondary evaluators, so
    on the feedback map the principal's load after the plan is below the load now."""
    from lattice.coaching import queries
    from lattice.coaching.models import Plan
    from lattice.people.models import Assignment

    district, _ = demo
    plan = Plan.objects.get(district=district, school__isnull=False)
    assert plan.steps.filter(role__peer_relation="evaluates", status="not_started").exists()
    school, year = plan.school, plan.school_year
    principal = Assignment.objects.get(
        school=school, school_year=year, position="principal", staff_member__user__isnull=False
    ).staff_member
    rows = queries.loads_after_plan(queries.feedback_map(school, year), plan)
    (row,) = [r for r in rows if r.person == principal]
    assert row.now > 0
    assert row.after < row.now
    planned = [r for r in rows if r.person is None]
    assert len(planned) == 2
    assert all(r.after > 0 for r in planned)


def test_the_demo_plan_links_the_councils_it_forms_and_shows_how_far_they_have_come(
    demo: Any,
) -> None:
    from lattice.coaching import queries
    from lattice.coaching.models import Plan
    from lattice.lib.plan_links import BodyStage

    district, _ = demo
    plan = Plan.objects.get(district=district, school__isnull=False)
    bodies = queries.plan_summary(plan).bodies
    by_title = {s.title: bodies[s.pk] for s in plan.steps.all() if s.pk in bodies}
    assert by_title["Form the school's leadership council"].stage is BodyStage.MET
    assert by_title["Form a curriculum council"].name == "District Curriculum Council"


def test_the_demo_has_a_nurse_a_librarian_and_a_specialist_the_coaching_program_serves(
    demo: Any,
) -> None:
    """Positions beyond teacher (New Bedford): each in their own position, the specialist
    coached because the district opened its program to specialists; none counted a teacher."""
    from lattice.coaching.models import CoachAssignment
    from lattice.people.models import Assignment, Position
    from lattice.people.queries import current_school_year, teacher_count, teachers_by_school

    district, report = demo
    year = current_school_year(district)
    assert report.counts["people.support_staff"] == 3
    beyond = {
        a.position: a.staff_member
        for a in Assignment.objects.filter(
            school_year=year, staff_member__district=district,
            position__in=[Position.NURSE, Position.LIBRARIAN, Position.SPECIALIST],
        ).select_related("staff_member")
    }  # fmt: skip
    assert sorted(beyond) == ["librarian", "nurse", "specialist"]
    coached = CoachAssignment.objects.get(teacher=beyond[Position.SPECIALIST], school_year=year)
    assert Position.SPECIALIST in coached.program.eligible_positions
    counted = set().union(*teachers_by_school(district, year).values())
    assert len(counted) == teacher_count(district, year)
    assert not {s.pk for s in beyond.values()} & counted


def test_the_demo_school_council_has_a_seat_the_librarian_may_hold(demo: Any) -> None:
    """Councils beyond classroom teachers (New Bedford): the school leadership council's
    educator seat is open to the school's librarian and specialist, not to its nurse."""
    from lattice.councils import actions
    from lattice.councils.models import Seat
    from lattice.people.models import Assignment, Position
    from lattice.people.queries import current_school_year, today

    district, _ = demo
    year = current_school_year(district)
    seat = Seat.objects.get(body__district=district, body__scope="school", label="Educator seat")
    assert seat.open_to() == "teachers, instructional coaches, librarians, specialists"
    staff = {
        a.position: a.staff_member
        for a in Assignment.objects.filter(
            school_year=year, school=seat.body.school,
            position__in=[Position.NURSE, Position.LIBRARIAN],
        ).select_related("staff_member")
    }  # fmt: skip
    day = today()
    assert all(c.met for c in actions.seat_checks(seat, staff[Position.LIBRARIAN], day))
    assert not all(c.met for c in actions.seat_checks(seat, staff[Position.NURSE], day))
