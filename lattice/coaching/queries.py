"""Reads of the coaching app: "whom and what on", the feedback map with each person's load,
and the readiness results. Callers pass what ``lattice.coaching.wall`` let them see."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, QuerySet

from lattice.coaching.models import (
    Approach,
    CoachAssignment,
    CoachingProgram,
    EvaluationAssignment,
    Plan,
    PlanStep,
    ReadinessAnswer,
    ReadinessSurvey,
    RespondentGroup,
)
from lattice.coaching.readiness import DimensionResult, Recommendation, dimension_results, recommend
from lattice.lib import plan_links
from lattice.people.models import Assignment, Position, School, SchoolYear, StaffMember
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.roles import costing
from lattice.roles import queries as role_queries
from lattice.roles.costing import SystemCost
from lattice.roles.models import PayKind


def with_counts(assignments: QuerySet[CoachAssignment]) -> QuerySet[CoachAssignment]:
    """Counts and the last date of the interactions — the metadata a principal may see."""
    return assignments.annotate(
        interaction_count=Count("interactions", distinct=True),
        cycle_count=Count("cycles", distinct=True),
        last_contact=Max("interactions__occurred_on"),
    )


def matched_teacher_ids(program: CoachingProgram, year: SchoolYear) -> QuerySet[Any]:
    """The teachers who already have a coach in ``program`` in ``year`` (the match is live and
    not declined), as a subquery of ids: the match form leaves them out, as
    ``actions.assign_coach`` refuses them."""
    return (
        CoachAssignment.objects.filter(program=program, school_year=year, ends_on__isnull=True)
        .exclude(teacher_consent=False)
        .values("teacher_id")
    )


def overview_counts(
    assignments: QuerySet[CoachAssignment],
) -> dict[int, tuple[int, int, dt.date | None]]:
    """Per assignment: its cycles, its interactions and the last date (for the CLI)."""
    rows = assignments.annotate(
        n_cycles=Count("cycles", distinct=True),
        n_entries=Count("interactions", distinct=True),
        last_on=Max("interactions__occurred_on"),
    ).values_list("pk", "n_cycles", "n_entries", "last_on")
    return {pk: (cycles, entries, last) for pk, cycles, entries, last in rows}


# --- the feedback map -----------------------------------------------------------------------


@dataclass(frozen=True)
class Edge:
    giver_id: int
    receiver_id: int
    approach: str  # an Approach value
    summative: bool


@dataclass
class Load:
    person: StaffMember
    evaluations_before: int = 0
    evaluations_now: int = 0
    formative_now: int = 0
    coaching_now: int = 0


@dataclass
class FeedbackMap:
    school: School
    year: SchoolYear
    teachers: list[StaffMember]
    edges: list[Edge]
    loads: list[Load] = field(default_factory=list)

    def approaches_used(self) -> list[tuple[str, str, int]]:
        labels = dict(Approach.choices)
        counts: dict[str, int] = defaultdict(int)
        for edge in self.edges:
            counts[edge.approach] += 1
        return [(key, str(labels[key]), counts[key]) for key in labels if counts.get(key)]

    @property
    def teachers_without_summative(self) -> int:
        covered = {e.receiver_id for e in self.edges if e.summative}
        return sum(1 for t in self.teachers if t.pk not in covered)


def feedback_map(school: School, year: SchoolYear) -> FeedbackMap:
    """Who gives feedback to whom at ``school`` in ``year``, from real assignments: the
    principals, evaluation assignments (assistant principals, secondary evaluators, PAR) and
    coaching assignments. Each giver's load now, and before distributed leadership, when the
    principals evaluated every teacher themselves (shared evenly between co-principals)."""
    staffing = Assignment.objects.filter(school=school, school_year=year).select_related(
        "staff_member"
    )
    teachers: dict[int, StaffMember] = {}
    principals: dict[int, StaffMember] = {}
    for a in staffing:
        if a.position in TEACHING_POSITIONS:
            teachers.setdefault(a.staff_member_id, a.staff_member)
        elif a.position == Position.PRINCIPAL:
            principals.setdefault(a.staff_member_id, a.staff_member)
    for pk in principals:
        teachers.pop(pk, None)
    edges: list[Edge] = []
    people: dict[int, StaffMember] = dict(principals)
    evaluations = EvaluationAssignment.objects.filter(
        school=school, school_year=year
    ).select_related("evaluator")
    for e in evaluations:
        if e.teacher_id not in teachers:
            continue
        people.setdefault(e.evaluator_id, e.evaluator)
        edges.append(Edge(e.evaluator_id, e.teacher_id, e.approach, e.use == e.Use.SUMMATIVE))
    coaching = (
        CoachAssignment.objects.filter(school=school, school_year=year, ends_on__isnull=True)
        .exclude(teacher_consent=False)
        .select_related("coach")
    )
    for c in coaching:
        if c.teacher_id not in teachers:
            continue
        people.setdefault(c.coach_id, c.coach)
        edges.append(Edge(c.coach_id, c.teacher_id, Approach.INSTRUCTIONAL_COACH, False))
    # Teachers nobody else evaluates summatively are the principals' (shared evenly).
    covered = {e.receiver_id for e in edges if e.summative}
    principal_ids = sorted(principals)
    uncovered = [pk for pk in sorted(teachers) if pk not in covered]
    for i, teacher_id in enumerate(uncovered):
        if principal_ids:
            giver = principal_ids[i % len(principal_ids)]
            edges.append(Edge(giver, teacher_id, Approach.PRINCIPAL, True))
    loads = {pk: Load(person) for pk, person in people.items()}
    for i, _ in enumerate(sorted(teachers)):
        if principal_ids:
            loads[principal_ids[i % len(principal_ids)]].evaluations_before += 1
    for edge in edges:
        load = loads[edge.giver_id]
        if edge.approach == Approach.INSTRUCTIONAL_COACH:
            load.coaching_now += 1
        elif edge.summative:
            load.evaluations_now += 1
        else:
            load.formative_now += 1
    ordered = sorted(
        loads.values(),
        key=lambda ld: (ld.person.pk not in principals, -ld.evaluations_now, ld.person.family_name),
    )
    return FeedbackMap(
        school,
        year,
        sorted(teachers.values(), key=lambda t: (t.family_name, t.given_name)),
        edges,
        ordered,
    )


@dataclass(frozen=True)
class PlannedLoad:
    """One giver's summative load before distributed leadership, now, and as the plan would
    make it (``person`` is None for an evaluator the plan will post)."""

    label: str
    before: int
    now: int
    after: int
    person: StaffMember | None = None


def loads_after_plan(fmap: FeedbackMap, plan: Plan | None) -> list[PlannedLoad]:
    """Each evaluator's summative load as ``plan`` would make it: every position of a step
    not yet done whose role evaluates peers (a secondary evaluator, a PAR consulting teacher)
    takes an even share of what the principals evaluate now; the others keep theirs. The
    guide's third benefit, a lighter evaluator workload, in figures."""
    principal_ids = {e.giver_id for e in fmap.edges if e.approach == Approach.PRINCIPAL}
    planned: list[tuple[PlanStep, int]] = []
    if plan is not None:
        for step in plan.steps.select_related("role").exclude(status=PlanStep.Status.DONE):
            if step.role is not None and step.role.evaluates:
                planned += [(step, i + 1) for i in range(step.positions)]
    shared = sum(ld.evaluations_now for ld in fmap.loads if ld.person.pk in principal_ids)
    sharers = len(principal_ids) + len(planned)
    shares = (
        [shared // sharers + (1 if i < shared % sharers else 0) for i in range(sharers)]
        if (sharers)
        else []
    )
    rows: list[PlannedLoad] = []
    i = 0
    for ld in fmap.loads:
        if not (ld.evaluations_before or ld.evaluations_now):
            continue
        if ld.person.pk in principal_ids and planned:
            after = shares[i]
            i += 1
        else:
            after = ld.evaluations_now
        rows.append(PlannedLoad(str(ld.person), ld.evaluations_before, ld.evaluations_now, after,
                                ld.person))  # fmt: skip
    for step, n in planned:
        label = f"{step.role} {n} (planned)" if step.role else f"Planned evaluator {n}"
        rows.append(PlannedLoad(label, 0, 0, shares[i]))
        i += 1
    return rows


def plan_of(school: School, year: SchoolYear) -> Plan | None:
    return Plan.objects.filter(school=school, school_year=year).first()


# --- readiness ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupResults:
    group: str
    label: str
    respondents: int
    dimensions: list[DimensionResult]


@dataclass(frozen=True)
class SurveyResults:
    survey: ReadinessSurvey
    respondents: int
    dimensions: list[DimensionResult]
    by_group: list[GroupResults]
    recommendation: Recommendation | None

    @property
    def dont_know(self) -> int:
        return sum(d.dont_know for d in self.dimensions)

    def spread(self) -> dict[str, float]:
        """How far apart the groups' averages are per dimension (a large gap is worth a
        conversation before choosing an approach)."""
        out: dict[str, float] = {}
        for d in self.dimensions:
            values = [
                g_d.average
                for g in self.by_group
                for g_d in g.dimensions
                if g_d.key == d.key and g_d.average is not None
            ]
            out[d.key] = round(max(values) - min(values), 2) if len(values) > 1 else 0.0
        return out


def survey_results(survey: ReadinessSurvey) -> SurveyResults:
    rows = list(
        ReadinessAnswer.objects.filter(response__survey=survey).values_list(
            "response__group", "response_id", "statement", "value"
        )
    )
    everyone = dimension_results((s, v) for _, _, s, v in rows)
    respondents = len({r for _, r, _, _ in rows})
    groups = []
    labels = dict(RespondentGroup.choices)
    for key in RespondentGroup.values:
        mine = [(s, v) for g, _, s, v in rows if g == key]
        if mine:
            count = len({r for g, r, _, _ in rows if g == key})
            groups.append(GroupResults(key, str(labels[key]), count, dimension_results(mine)))
    return SurveyResults(
        survey, respondents, everyone, groups, recommend(everyone) if respondents else None
    )


def teachers_of_school(school: School, year: SchoolYear) -> QuerySet[StaffMember]:
    ids = Assignment.objects.filter(school=school, school_year=year).values("staff_member_id")
    return StaffMember.objects.filter(pk__in=ids, active=True).order_by("family_name", "given_name")


# --- plans ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepCost:
    step: PlanStep
    cost: SystemCost


@dataclass(frozen=True)
class PlanSummary:
    plan: Plan
    steps: list[PlanStep]
    costs: list[StepCost]
    bodies: dict[int, plan_links.LinkedBody] = field(default_factory=dict)  # by step id

    @property
    def rows(self) -> list[tuple[PlanStep, plan_links.LinkedBody | None]]:
        """Each step with the body it forms or links (None: none, or its app is gone)."""
        return [(s, self.bodies.get(s.pk)) for s in self.steps]

    @property
    def done(self) -> int:
        return sum(1 for s in self.steps if s.status == PlanStep.Status.DONE)

    @property
    def in_progress(self) -> int:
        return sum(1 for s in self.steps if s.status == PlanStep.Status.IN_PROGRESS)

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / len(self.steps)) if self.steps else 0

    @property
    def total_cost(self) -> int:
        return sum(c.cost.total for c in self.costs)

    def overdue(self, on: dt.date) -> list[PlanStep]:
        return [s for s in self.steps if s.status != PlanStep.Status.DONE and s.due_on < on]


def plan_summary(plan: Plan) -> PlanSummary:
    """The plan's steps, progress and yearly cost: each step that sets up a role costs what
    that role costs in the catalogue (stipend, covering the release time, extra days) times
    its positions, at the district's rates (``lattice.roles.costing``)."""
    steps = list(plan.steps.select_related("owner", "role", "program"))
    rates = role_queries.settings_for(plan.district)
    costs = []
    for step in steps:
        role = step.role
        if role is None:
            continue
        n = step.positions
        costs.append(
            StepCost(
                step,
                costing.system_cost(
                    supplements=(role.stipend_dollars if role.pay_kind == PayKind.STIPEND else 0)
                    * n,
                    coverage_fte=role.release_fte * n,
                    extra_days=role.extra_days * n,
                    coverage_fte_cost=rates.coverage_fte_cost,
                    extra_day_cost=rates.extra_day_cost,
                ),
            )
        )
    links = {(s.body_former, s.body_ref) for s in steps if s.body_former and s.body_ref}
    found = plan_links.linked_bodies(links) if links else {}
    bodies = {
        s.pk: found[(s.body_former, s.body_ref)]
        for s in steps
        if s.body_ref is not None and (s.body_former, s.body_ref) in found
    }
    return PlanSummary(plan, steps, costs, bodies)
