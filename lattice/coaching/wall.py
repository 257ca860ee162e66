"""The confidentiality wall: who may read what in the coaching app. Every view and the CLI
read through here (built on ``lattice.people.access``).

- Coaching and mentoring content (cycles, goals, visits, conversations, notes, evidence,
  action steps, reflections) is readable by the coach and the teacher of the assignment
  only; a note marked private, by its author only; a score, by its author only unless shared.
- A principal of the school in that school year and the district's talent office see "whom
  and what on": who coaches whom, why, since when, the focus, and counts and dates of the
  interactions — never their content. A teacher may share one item with the principal.
- Evaluation content (what evaluators and PAR consulting teachers write) is readable by its
  author, the teacher, the school's principal that year and the talent office. It is kept in
  evaluation assignments, and the capacity of every interaction is frozen when written, so a
  coach who becomes the teacher's evaluator (Wareham) never sees their coaching records in an
  evaluation view: evaluation views only ever read evaluation assignments.
- Superusers are no exception to the wall: a site administrator is not the teacher's coach.
Anything outside a user's reach is *not found* (404).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from lattice.coaching.models import (
    CoachAssignment,
    EvaluationAssignment,
    Goal,
    GoalCollaborator,
    GoalRight,
    Interaction,
    InteractionKind,
    Plan,
    ReadinessSurvey,
    SupportRequest,
    Visibility,
)
from lattice.lib.actors import Actor
from lattice.people.access import Scope, led_q, scope_for
from lattice.people.models import Assignment, StaffMember

NOTHING = Q(pk__in=[])


def _me(scope: Scope) -> int | None:
    return scope.own_staff_id


def _office_q(scope: Scope, district_field: str) -> Q:
    if scope.is_superuser:
        return Q()
    if scope.officer_district_ids:
        return Q(**{f"{district_field}__in": scope.officer_district_ids})
    return NOTHING


# --- coaching: the pair ---------------------------------------------------------------------


def pair_assignments(user: Actor) -> QuerySet[CoachAssignment]:
    """Assignments whose content ``user`` may read: they are its coach or its teacher."""
    me = _me(scope_for(user))
    qs = CoachAssignment.objects.select_related(
        "program", "coach", "teacher", "school", "school_year"
    )
    if me is None:
        return qs.none()
    return qs.filter(Q(coach_id=me) | Q(teacher_id=me))


def get_pair_assignment(user: Actor, pk: Any) -> CoachAssignment:
    try:
        return pair_assignments(user).get(pk=pk)
    except (CoachAssignment.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such coaching assignment") from exc


def overview_assignments(user: Actor) -> QuerySet[CoachAssignment]:
    """Assignments ``user`` may know exist ("whom and what on", never content): the pair,
    the school's principal in that school year, the district's talent office."""
    scope = scope_for(user)
    qs = CoachAssignment.objects.select_related(
        "program", "coach", "teacher", "school", "school_year"
    )
    if scope.is_superuser:
        return qs
    q = _office_q(scope, "program__district_id") | led_q(scope)
    me = _me(scope)
    if me is not None:
        q |= Q(coach_id=me) | Q(teacher_id=me)
    return qs.filter(q)


def readable_interactions(user: Actor, assignment: CoachAssignment) -> QuerySet[Interaction]:
    """The interactions of ``assignment`` whose content ``user`` reads (the pair only):
    everything not private, and their own private notes."""
    me = _me(scope_for(user))
    if me is None or me not in (assignment.coach_id, assignment.teacher_id):
        return Interaction.objects.none()
    items = assignment.interactions.select_related("author", "goal")
    if me == assignment.coach_id and now_evaluates(me, assignment.teacher_id):
        # Wareham: the coach now evaluates this teacher. They keep what they wrote
        # themselves, but the teacher's side of the coaching closes to them.
        return items.filter(author_id=me)
    return items.filter(~Q(visibility=Visibility.PRIVATE) | Q(author_id=me))


def now_evaluates(evaluator_id: int, teacher_id: int) -> bool:
    """Whether ``evaluator_id`` holds any evaluation assignment of ``teacher_id``."""
    return EvaluationAssignment.objects.filter(
        evaluator_id=evaluator_id, teacher_id=teacher_id
    ).exists()


def shared_interactions(user: Actor) -> QuerySet[Interaction]:
    """Coaching items a teacher shared with their principal: the principal of the school in
    that school year reads them (and the pair, who could already)."""
    scope = scope_for(user)
    qs = Interaction.objects.filter(
        coach_assignment__isnull=False, visibility=Visibility.SHARED
    ).select_related("coach_assignment__teacher", "author")
    q = led_q(scope, "coach_assignment__")
    me = _me(scope)
    if me is not None:
        q |= Q(coach_assignment__coach_id=me) | Q(coach_assignment__teacher_id=me)
    return qs.filter(q)


def score_visible(user: Actor, interaction: Interaction) -> bool:
    """A score is its author's alone unless they shared it with the teacher."""
    me = _me(scope_for(user))
    return interaction.score is not None and (
        interaction.author_id == me or interaction.score_shared
    )


def support_requests(user: Actor) -> QuerySet[SupportRequest]:
    """Requests ``user`` may see: their own; the office sees that they exist (the views show
    the office the focus, never the message)."""
    scope = scope_for(user)
    qs = SupportRequest.objects.select_related("program", "teacher", "school_year")
    if scope.is_superuser:
        return qs
    q = _office_q(scope, "program__district_id")
    me = _me(scope)
    if me is not None:
        q |= Q(teacher_id=me)
    return qs.filter(q)


# --- goals and their collaborators ---------------------------------------------------------

ALL_GOAL_RIGHTS = frozenset(r.value for r in GoalRight)
# What a collaborator reads of a goal besides the goal itself: what is filed against it.
COLLABORATOR_KINDS = (InteractionKind.EVIDENCE, InteractionKind.REVIEW)


def goal_rights(user: Actor, goal: Goal) -> frozenset[str]:
    """What ``user`` may do with ``goal``: the teacher everything; the coach everything
    unless they now evaluate the teacher (Wareham: then nothing); a collaborator the rights
    the teacher granted, unless they evaluate the teacher (the wall wins); anyone else
    nothing — the principal and the office included."""
    me = _me(scope_for(user))
    assignment = goal.cycle.assignment
    if me is None:
        return frozenset()
    if me == assignment.teacher_id:
        return ALL_GOAL_RIGHTS
    if now_evaluates(me, assignment.teacher_id):
        return frozenset()
    if me == assignment.coach_id:
        return ALL_GOAL_RIGHTS
    row = GoalCollaborator.objects.filter(goal=goal, person_id=me).first()
    return row.rights if row is not None else frozenset()


def get_goal(user: Actor, pk: Any) -> tuple[Goal, frozenset[str]]:
    """The goal and ``user``'s rights on it; *not found* without the right to view."""
    try:
        goal = Goal.objects.select_related(
            "cycle__assignment__program__district",
            "cycle__assignment__teacher",
            "cycle__assignment__coach",
        ).get(pk=pk)
    except (Goal.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such goal") from exc
    rights = goal_rights(user, goal)
    if GoalRight.VIEW not in rights:
        raise Http404("No such goal")
    return goal, rights


def goal_interactions(user: Actor, goal: Goal) -> QuerySet[Interaction]:
    """What the goal page lists: for the pair, every item on the goal they may read; for
    a collaborator, only the evidence and reviews filed against it (never a private item)."""
    me = _me(scope_for(user))
    assignment = goal.cycle.assignment
    if me in (assignment.coach_id, assignment.teacher_id):
        return readable_interactions(user, assignment).filter(goal=goal)
    if GoalRight.VIEW not in goal_rights(user, goal):
        return Interaction.objects.none()
    return (
        goal.interactions.filter(kind__in=COLLABORATOR_KINDS)
        .exclude(visibility=Visibility.PRIVATE)
        .select_related("author")
    )


def collaborating_goals(user: Actor) -> QuerySet[GoalCollaborator]:
    """The goals ``user`` was invited to, for their coaching home page."""
    me = _me(scope_for(user))
    qs = GoalCollaborator.objects.select_related("goal__cycle__assignment__teacher")
    return qs.none() if me is None else qs.filter(person_id=me)


# --- evaluation -----------------------------------------------------------------------------


def evaluation_assignments(user: Actor) -> QuerySet[EvaluationAssignment]:
    """Evaluation assignments ``user`` may open: as evaluator, as the teacher, as the school's
    principal that year, or as the district's talent office."""
    scope = scope_for(user)
    qs = EvaluationAssignment.objects.select_related(
        "evaluator", "teacher", "school", "school_year"
    )
    if scope.is_superuser:
        return qs
    q = _office_q(scope, "school__district_id") | led_q(scope)
    me = _me(scope)
    if me is not None:
        q |= Q(evaluator_id=me) | Q(teacher_id=me)
    return qs.filter(q)


def get_evaluation_assignment(user: Actor, pk: Any) -> EvaluationAssignment:
    try:
        return evaluation_assignments(user).get(pk=pk)
    except (EvaluationAssignment.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such evaluation assignment") from exc


def evaluation_interactions(user: Actor, assignment: EvaluationAssignment) -> QuerySet[Interaction]:
    """What an evaluation view shows: the interactions of this *evaluation* assignment only —
    by construction never anything written in a coaching or mentoring capacity."""
    me = _me(scope_for(user))
    return (
        Interaction.objects.filter(evaluation_assignment=assignment)
        .exclude(capacity__in=("coaching", "mentoring"))
        .filter(~Q(visibility=Visibility.PRIVATE) | Q(author_id=me))
        .select_related("author")
    )


# --- planning -------------------------------------------------------------------------------


def surveys_visible_to(user: Actor) -> QuerySet[ReadinessSurvey]:
    """Readiness surveys: the office sees its district's; a principal, their schools' (in the
    years led) and the district's; staff, the surveys of a school where they work that year
    and their district's (to answer them)."""
    scope = scope_for(user)
    qs = ReadinessSurvey.objects.select_related("district", "school", "school_year")
    if scope.is_superuser:
        return qs
    q = _office_q(scope, "district_id") | led_q(scope)
    me = _me(scope)
    if me is not None:
        district_id = StaffMember.objects.filter(pk=me).values("district_id")
        q |= Q(district_id__in=district_id, school__isnull=True)
        worked = Assignment.objects.filter(staff_member_id=me).values_list(
            "school_id", "school_year_id"
        )
        for school_id, year_id in worked:
            q |= Q(school_id=school_id, school_year_id=year_id)
    return qs.filter(q)


def get_survey(user: Actor, pk: Any) -> ReadinessSurvey:
    try:
        return surveys_visible_to(user).get(pk=pk)
    except (ReadinessSurvey.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such survey") from exc


def can_read_results(user: Actor, survey: ReadinessSurvey) -> bool:
    """Aggregated results: the office, the school's principal that year (or any principal of
    the district for a district survey); respondents see only their own answers."""
    scope = scope_for(user)
    if scope.is_superuser or survey.district_id in scope.officer_district_ids:
        return True
    if survey.school_id is None:
        return scope.is_principal and _same_district(scope, survey)
    return scope.leads(survey.school_id, survey.school_year_id)


def _same_district(scope: Scope, survey: ReadinessSurvey) -> bool:
    # django-stubs refuses None for a pk lookup; Django matches no row for it.
    return StaffMember.objects.filter(  # type: ignore[misc]
        pk=scope.own_staff_id, district_id=survey.district_id
    ).exists()


def can_manage_district(user: Actor, district_id: int) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or district_id in scope.officer_district_ids


def plans_visible_to(user: Actor) -> QuerySet[Plan]:
    """Plans: the office's district's, a principal's schools' in the years led, and any plan
    in which the user owns a step."""
    scope = scope_for(user)
    qs = Plan.objects.select_related("district", "school", "school_year")
    if scope.is_superuser:
        return qs
    q = _office_q(scope, "district_id") | led_q(scope)
    me = _me(scope)
    if me is not None:
        q |= Q(steps__owner_id=me)
    return qs.filter(q).distinct()


def get_plan(user: Actor, pk: Any) -> Plan:
    try:
        return plans_visible_to(user).get(pk=pk)
    except (Plan.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such plan") from exc
