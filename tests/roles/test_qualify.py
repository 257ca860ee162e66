"""Qualification checks: each requirement met or unmet, with what would close the gap."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lattice.lib.placements import PathwayPlacement
from lattice.people import actions as people_actions
from lattice.people.models import StaffMember
from lattice.roles import actions, queries
from lattice.roles.models import LeadershipRole
from lattice.roles.qualify import TeacherFacts, check
from lattice.roles.queries import current_pathway
from tests.cast import Cast

LABELS = ["Ineffective", "Developing", "Effective", "Highly Effective"]
ON = dt.date(2026, 1, 15)


def role(**fields: object) -> LeadershipRole:
    return LeadershipRole(title="Lead teacher", key="lead", purpose="p", duties="d", **fields)


def facts(
    ratings: list[str],
    pathway: PathwayPlacement | None = None,
    years: str = "5",
    certs: frozenset[str] = frozenset(),
) -> TeacherFacts:
    return TeacherFacts(ratings, certs, Decimal(years), pathway)


def test_it_names_the_pathway_and_the_missing_rating_together() -> None:
    r = role(min_pathway="model", min_rating="Effective", min_rating_years=2)
    q = check(r, facts(["Effective", "Developing"]), LABELS)
    assert not q.qualified
    assert q.gap_summary == "needs Model pathway and one more Effective rating"


def test_without_a_recorded_placement_the_pathway_requirement_is_unmet_and_says_so() -> None:
    q = check(role(min_pathway="model"), facts([]), LABELS)
    assert q.requirements[0].detail == "no pathway placement recorded yet"
    assert not q.requirements[0].met


def test_a_placement_at_or_above_the_minimum_meets_the_pathway_requirement() -> None:
    lead = PathwayPlacement(
        "lead", "Lead", frozenset({"standard", "professional", "model", "lead"})
    )
    assert check(role(min_pathway="model"), facts([], pathway=lead), LABELS).qualified


def test_certificates_and_years_report_their_gaps() -> None:
    r = role(required_certificates=["Reading Specialist"], min_years_experience=Decimal("5"))
    q = check(r, facts([], years="3.5"), LABELS)
    assert q.gap_summary == ("needs a current Reading Specialist and 1.5 more years of experience")
    ok = check(r, facts([], certs=frozenset({"reading specialist"}), years="6"), LABELS)
    assert ok.qualified


def test_a_higher_rating_counts_towards_a_lower_minimum() -> None:
    r = role(min_rating="Effective", min_rating_years=2)
    assert check(r, facts(["Highly Effective", "Effective", "Ineffective"]), LABELS).qualified


@pytest.mark.django_db
def test_a_teacher_has_no_pathway_until_the_district_adopts_a_policy(cast: Cast) -> None:
    assert current_pathway(cast.teacher_staff) is None


@pytest.mark.django_db
def test_the_pathway_requirement_reads_the_placement_of_the_adopted_policy(cast: Cast) -> None:
    from tests.pathways.world import adopt

    adopt(cast)
    placement = current_pathway(cast.teacher_staff)
    assert placement is not None
    assert placement.key == "standard"
    assert placement.satisfies == frozenset({"standard"})
    ada = queries.with_facts(StaffMember.objects.filter(pk=cast.teacher_staff.pk)).get()
    model = role(min_pathway="model")
    result = check(model, queries.facts_for(ada, dt.date.today()), LABELS)
    assert not result.qualified
    assert result.requirements[0].detail == "on the Standard pathway"
    assert result.gap_summary == "needs Model pathway"


@pytest.mark.django_db
def test_the_check_reads_the_teachers_records(cast: Cast) -> None:
    lead = actions.install_template(None, cast.district, "iowa-lead", activate=True)
    ada = queries.with_facts(
        type(cast.teacher_staff).objects.filter(pk=cast.teacher_staff.pk)
    ).get()
    q = queries.qualification(ada, lead, ON)
    # Ada: Effective (2025-26) then Developing (2024-25); lead needs two Effective years.
    assert q.gap_summary == "needs one more Effective rating"
    people_actions.record_rating(None, cast.teacher_staff, cast.last_year, "Effective")
    ada = queries.with_facts(
        type(cast.teacher_staff).objects.filter(pk=cast.teacher_staff.pk)
    ).get()
    assert queries.qualification(ada, lead, ON).qualified


@pytest.mark.django_db
def test_supplements_for_lists_active_roles_on_a_date_for_payroll(cast: Cast) -> None:
    mentor = actions.install_template(None, cast.district, "iowa-mentor", activate=True)
    actions.assign_role(None, mentor, cast.teacher_staff, cast.year)
    [s] = queries.supplements_for(cast.teacher_staff, ON)
    assert (s.role, s.dollars, s.extra_days, s.school_year) == (
        "Mentor teacher",
        5000,
        10,
        "2025-26",
    )
    assert queries.supplements_for(cast.teacher_staff, dt.date(2024, 9, 1)) == []
