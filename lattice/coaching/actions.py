"""The only place the coaching app writes: each action checks who may do it, runs in one
transaction and writes one audit entry (never the content of coaching into the log)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone

from lattice.audit.log import record
from lattice.coaching import wall
from lattice.coaching.models import (
    Capacity,
    CoachAssignment,
    CoachingCycle,
    CoachingProgram,
    EvaluationAssignment,
    Goal,
    GoalCollaborator,
    GoalRight,
    Interaction,
    InteractionKind,
    Plan,
    PlanStep,
    ReadinessAnswer,
    ReadinessResponse,
    ReadinessSurvey,
    ReferralReason,
    RespondentGroup,
    SupportRequest,
    Visibility,
)
from lattice.coaching.models.evaluation import EVALUATIVE_APPROACHES
from lattice.coaching.readiness import APPROACH_BY_KEY, STATEMENT_KEYS
from lattice.lib import plan_links
from lattice.lib.actors import Actor
from lattice.people.access import scope_for
from lattice.people.models import Assignment, District, Position, School, SchoolYear, StaffMember
from lattice.roles import queries as role_queries
from lattice.roles.models import LeadershipRole


class CoachingError(ValueError):
    """A coaching action refused, with a sentence saying what to fix."""


TEACHER_KINDS = (InteractionKind.REFLECTION, InteractionKind.EVIDENCE, InteractionKind.ACTION_STEP)
COACH_KINDS = (
    InteractionKind.VISIT,
    InteractionKind.CONVERSATION,
    InteractionKind.NOTE,
    InteractionKind.EVIDENCE,
    InteractionKind.ACTION_STEP,
)


def _staff_of(actor: Actor) -> StaffMember | None:
    if actor is None:
        return None
    staff_id = scope_for(actor).own_staff_id
    return StaffMember.objects.filter(pk=staff_id).first() if staff_id else None


def _may_manage(actor: Actor, district: District, school: School | None, year: SchoolYear) -> bool:
    """The district's talent office, or the school's principal in that year (a system actor,
    None, is the demo or a command line the office runs)."""
    if actor is None:
        return True
    scope = scope_for(actor)
    if wall.can_manage_district(actor, district.pk):
        return True
    return school is not None and scope.leads(school.pk, year.pk)


# --- programs and assignments ---------------------------------------------------------------


@transaction.atomic
def create_program(
    actor: Actor,
    district: District,
    *,
    name: str,
    purpose: str,
    caseload_limit: int,
    coach_role: LeadershipRole | None = None,
    capacity: str = Capacity.COACHING,
    eligible_positions: Sequence[str] = (Position.TEACHER, Position.INSTRUCTIONAL_COACH),
    referral_reasons: Sequence[str] = tuple(ReferralReason),
) -> CoachingProgram:
    if actor is not None and not wall.can_manage_district(actor, district.pk):
        raise CoachingError("Only the district's talent office creates coaching programs.")
    name = name.strip()
    if not name:
        raise CoachingError("Name: give the program a name.")
    if CoachingProgram.objects.filter(district=district, name=name).exists():
        raise CoachingError(f"Name: the district already has a program called {name!r}.")
    if capacity not in (Capacity.COACHING, Capacity.MENTORING):
        raise CoachingError("Capacity: a program coaches or mentors.")
    if coach_role is not None and coach_role.district_id != district.pk:
        raise CoachingError("Coach role: choose a role of this district.")
    if coach_role is not None and coach_role.evaluates:
        raise CoachingError(
            f"Coach role: {coach_role.title} evaluates peers; coaches must hold a role that "
            "only supports them."
        )
    unknown = set(eligible_positions) - set(Position.values)
    if unknown or not eligible_positions:
        raise CoachingError("Who may be coached: choose at least one staff position.")
    if not 1 <= caseload_limit <= 60:
        raise CoachingError("Caseload limit: between 1 and 60 teachers per coach.")
    program = CoachingProgram.objects.create(
        district=district,
        name=name,
        purpose=purpose.strip(),
        capacity=capacity,
        coach_role=coach_role,
        caseload_limit=caseload_limit,
        eligible_positions=list(eligible_positions),
        referral_reasons=[str(r) for r in referral_reasons],
    )
    record(actor=actor, action="coaching.program.create", obj=program, district=district)
    return program


def coaches_of(program: CoachingProgram, year: SchoolYear) -> list[StaffMember]:
    """The people who may coach in ``program`` in ``year``: the holders of its coach role
    then (read from the roles app's assignments), by name."""
    if program.coach_role_id is None:
        return []
    held = role_queries.active_role_assignments(program.district, year).filter(
        role_id=program.coach_role_id
    )
    ids = held.values_list("staff_member_id", flat=True)
    return list(StaffMember.objects.filter(pk__in=ids, active=True).order_by("family_name"))


def caseload(program: CoachingProgram, coach: StaffMember, year: SchoolYear) -> int:
    return (
        CoachAssignment.objects.filter(
            program=program, coach=coach, school_year=year, ends_on__isnull=True
        )
        .exclude(teacher_consent=False)
        .count()
    )


def eligible_school(
    program: CoachingProgram, teacher: StaffMember, year: SchoolYear
) -> School | None:
    """The school where ``teacher`` holds, in ``year``, a position the program serves."""
    found = (
        Assignment.objects.filter(
            staff_member=teacher, school_year=year, position__in=program.eligible_positions
        )
        .select_related("school")
        .order_by("-fte", "pk")
        .first()
    )
    return found.school if found else None


@transaction.atomic
def assign_coach(
    actor: Actor,
    program: CoachingProgram,
    *,
    coach: StaffMember,
    teacher: StaffMember,
    year: SchoolYear,
    reason: str,
    focus: str,
    starts_on: dt.date,
    support_request: SupportRequest | None = None,
) -> CoachAssignment:
    """Match a coach with a teacher. The coach must hold the program's coach role that year,
    have room in their caseload, and the teacher a position the program serves."""
    school = eligible_school(program, teacher, year)
    if school is None:
        raise CoachingError(
            f"Teacher: {teacher} holds no position this program serves in {year} (it serves: "
            f"{', '.join(program.eligible_labels())})."
        )
    if not _may_manage(actor, program.district, school, year):
        raise CoachingError("Only the talent office or the teacher's principal matches coaches.")
    if coach.pk == teacher.pk:
        raise CoachingError("Coach: a person cannot coach themselves.")
    if coach.pk not in {c.pk for c in coaches_of(program, year)}:
        role = program.coach_role.title if program.coach_role else "the program's coach role"
        raise CoachingError(f"Coach: {coach} does not hold {role} in {year}.")
    if reason not in program.referral_reasons:
        raise CoachingError(
            f"Reason: this program takes {', '.join(program.reason_labels()).lower()}."
        )
    if caseload(program, coach, year) >= program.caseload_limit:
        raise CoachingError(
            f"Coach: {coach} already coaches {program.caseload_limit} teachers, the program's "
            "caseload limit; choose another coach or raise the limit."
        )
    if EvaluationAssignment.objects.filter(
        evaluator=coach, teacher=teacher, school_year=year
    ).exists():
        raise CoachingError(
            f"Coach: {coach} evaluates {teacher} in {year}; a teacher's coach never evaluates "
            "them. Choose another coach."
        )
    if (
        CoachAssignment.objects.filter(
            program=program, teacher=teacher, school_year=year, ends_on__isnull=True
        )
        .exclude(teacher_consent=False)
        .exists()
    ):
        raise CoachingError(f"Teacher: {teacher} already has a coach in this program this year.")
    if not focus.strip():
        raise CoachingError("Focus: say in a phrase what the coaching is about.")
    assignment = CoachAssignment.objects.create(
        program=program,
        coach=coach,
        teacher=teacher,
        school=school,
        school_year=year,
        reason=reason,
        focus=focus.strip()[:120],
        request=support_request,
        starts_on=starts_on,
    )
    if support_request is not None:
        support_request.status = SupportRequest.Status.MATCHED
        support_request.save(update_fields=["status"])
    record(
        actor=actor,
        action="coaching.assignment.create",
        obj=assignment,
        district=program.district,
        staff_member=teacher,
    )
    return assignment


@transaction.atomic
def answer_consent(
    actor: Actor, assignment: CoachAssignment, agree: bool, author: StaffMember | None = None
) -> CoachAssignment:
    teacher = _writer(actor, author)
    if teacher is None or teacher.pk != assignment.teacher_id:
        raise CoachingError("Only the teacher answers whether they want this coaching.")
    assignment.teacher_consent = agree
    assignment.consent_at = timezone.now()
    assignment.save(update_fields=["teacher_consent", "consent_at"])
    record(
        actor=actor,
        action="coaching.assignment.consent",
        obj=assignment,
        district=assignment.program.district,
        staff_member=teacher,
        summary="agreed" if agree else "declined",
    )
    return assignment


@transaction.atomic
def request_support(
    actor: Actor, program: CoachingProgram, *, year: SchoolYear, focus: str, message: str = ""
) -> SupportRequest:
    teacher = _staff_of(actor)
    if teacher is None or teacher.district_id != program.district_id:
        raise CoachingError("Only staff of the district ask for coaching.")
    if ReferralReason.REQUESTED not in program.referral_reasons:
        raise CoachingError("This program does not take requests; ask your principal.")
    if eligible_school(program, teacher, year) is None:
        raise CoachingError(
            f"This program serves {', '.join(program.eligible_labels()).lower()}; your "
            f"position in {year} is not among them."
        )
    if not focus.strip():
        raise CoachingError("Focus: say in a phrase what you would like support with.")
    if SupportRequest.objects.filter(
        program=program, teacher=teacher, school_year=year, status=SupportRequest.Status.OPEN
    ).exists():
        raise CoachingError("You already have an open request in this program.")
    found = SupportRequest.objects.create(
        program=program,
        teacher=teacher,
        school_year=year,
        focus=focus.strip()[:120],
        message=message.strip(),
    )
    record(
        actor=actor,
        action="coaching.request.submit",
        obj=found,
        district=program.district,
        staff_member=teacher,
    )
    return found


# --- cycles and interactions ----------------------------------------------------------------


def _writer(actor: Actor, author: StaffMember | None) -> StaffMember | None:
    """Who writes: the signed-in person; only the system (``actor`` None: the demo, an
    import) names the author itself."""
    return author if actor is None else _staff_of(actor)


def _pair_member(
    actor: Actor, assignment: CoachAssignment, author: StaffMember | None = None
) -> StaffMember:
    me = _writer(actor, author)
    if me is None or me.pk not in (assignment.coach_id, assignment.teacher_id):
        raise CoachingError("Only the coach and the teacher write in a coaching assignment.")
    if assignment.teacher_consent is not True:
        raise CoachingError("Coaching starts when the teacher has agreed to it.")
    return me


@transaction.atomic
def start_cycle(
    actor: Actor,
    assignment: CoachAssignment,
    *,
    focus: str,
    starts_on: dt.date,
    author: StaffMember | None = None,
) -> CoachingCycle:
    _pair_member(actor, assignment, author)
    if not focus.strip():
        raise CoachingError("Focus: say what this cycle works on.")
    cycle = CoachingCycle.objects.create(
        assignment=assignment, focus=focus.strip()[:160], starts_on=starts_on
    )
    record(
        actor=actor, action="coaching.cycle.start", obj=assignment,
        district=assignment.program.district, staff_member=assignment.teacher,
    )  # fmt: skip
    return cycle


@transaction.atomic
def set_goal(
    actor: Actor, cycle: CoachingCycle, statement: str, author: StaffMember | None = None
) -> Goal:
    _pair_member(actor, cycle.assignment, author)
    if not statement.strip():
        raise CoachingError("Goal: write the goal in a sentence.")
    goal = Goal.objects.create(cycle=cycle, statement=statement.strip()[:300])
    record(
        actor=actor, action="coaching.goal.set", obj=cycle.assignment,
        district=cycle.assignment.program.district, staff_member=cycle.assignment.teacher,
    )  # fmt: skip
    return goal


# --- goal collaborators -----------------------------------------------------------------------

LEADING_POSITIONS = (Position.PRINCIPAL, Position.ASSISTANT_PRINCIPAL)


@transaction.atomic
def set_collaborator(
    actor: Actor,
    goal: Goal,
    person: StaffMember,
    rights: Sequence[str],
    author: StaffMember | None = None,
) -> GoalCollaborator | None:
    """The teacher invites ``person`` to a goal with the rights chosen one by one (reading
    always; editing, evidence and review apart), changes them, or — with no right at all —
    removes them. Someone who evaluates the teacher, or leads their school that year or
    since, is refused: the teacher shares a single item with the principal instead."""
    assignment = goal.cycle.assignment
    me = _writer(actor, author)
    if me is None or me.pk != assignment.teacher_id:
        raise CoachingError("Only the teacher invites collaborators to their goal.")
    unknown = sorted(set(rights) - {r.value for r in GoalRight})
    if unknown:
        raise CoachingError(f"Rights: {', '.join(unknown)} is not a right; choose from the list.")
    if person.pk in (assignment.coach_id, assignment.teacher_id):
        raise CoachingError("Collaborator: the coach and the teacher already share the goal.")
    if person.district_id != assignment.program.district_id or not person.active:
        raise CoachingError("Collaborator: choose an active colleague of your district.")
    if (
        wall.now_evaluates(person.pk, assignment.teacher_id)
        or Assignment.objects.filter(
            staff_member=person,
            school=assignment.school,
            school_year__start__gte=assignment.school_year.start,
            position__in=LEADING_POSITIONS,
        ).exists()
    ):
        raise CoachingError(
            f"Collaborator: {person} evaluates you, so coaching stays closed to them; share "
            "one item with the principal instead."
        )
    found = GoalCollaborator.objects.filter(goal=goal, person=person).first()
    district = assignment.program.district
    if not rights:
        if found is not None:
            found.delete()
            record(
                actor=actor, action="coaching.goal.collaborator", obj=goal, district=district,
                staff_member=person, summary="removed",
            )  # fmt: skip
        return None
    row = found or GoalCollaborator(goal=goal, person=person)
    row.may_edit = GoalRight.EDIT in rights
    row.may_add_evidence = GoalRight.EVIDENCE in rights
    row.may_review = GoalRight.REVIEW in rights
    row.save()
    record(
        actor=actor, action="coaching.goal.collaborator", obj=goal, district=district,
        staff_member=person, summary=", ".join(sorted(row.rights)),
    )  # fmt: skip
    return row


def _goal_writer(actor: Actor, goal: Goal, right: str, author: StaffMember | None) -> StaffMember:
    me = _writer(actor, author)
    assignment = goal.cycle.assignment
    if assignment.teacher_consent is not True:
        raise CoachingError("Coaching starts when the teacher has agreed to it.")
    if me is None:
        raise CoachingError("Only a person of the district writes on a goal.")
    if actor is None:
        rights = (
            wall.ALL_GOAL_RIGHTS
            if me.pk in (assignment.coach_id, assignment.teacher_id)
            else next(
                (c.rights for c in GoalCollaborator.objects.filter(goal=goal, person=me)),
                frozenset(),
            )
        )
    else:
        rights = wall.goal_rights(actor, goal)
    if right not in rights:
        raise CoachingError(f"You may not {GoalRight(right).label.lower()} on this goal.")
    return me


@transaction.atomic
def edit_goal(
    actor: Actor, goal: Goal, *, statement: str, status: str, author: StaffMember | None = None
) -> Goal:
    _goal_writer(actor, goal, GoalRight.EDIT, author)
    if not statement.strip():
        raise CoachingError("Goal: write the goal in a sentence.")
    if status not in Goal.Status.values:
        raise CoachingError("Status: choose working on it, met or revised.")
    goal.statement = statement.strip()[:300]
    goal.status = status
    goal.save(update_fields=["statement", "status"])
    record(
        actor=actor, action="coaching.goal.edit", obj=goal.cycle.assignment,
        district=goal.cycle.assignment.program.district,
        staff_member=goal.cycle.assignment.teacher, summary=goal.get_status_display(),
    )  # fmt: skip
    return goal


@transaction.atomic
def file_on_goal(
    actor: Actor,
    goal: Goal,
    *,
    kind: str,
    body: str,
    occurred_on: dt.date,
    author: StaffMember | None = None,
) -> Interaction:
    """Evidence (the evidence right) or a review of progress (the review right) filed
    against a goal, in the program's capacity, readable by the pair and the collaborators."""
    if kind not in COLLABORATOR_FILED:
        raise CoachingError("Kind: file evidence or a review on a goal.")
    right = GoalRight.EVIDENCE if kind == InteractionKind.EVIDENCE else GoalRight.REVIEW
    me = _goal_writer(actor, goal, right, author)
    if not body.strip():
        raise CoachingError("Text: write the evidence or the review.")
    if occurred_on > timezone.localdate():
        raise CoachingError("Date: an interaction cannot be in the future.")
    assignment = goal.cycle.assignment
    item = Interaction.objects.create(
        coach_assignment=assignment, cycle=goal.cycle, goal=goal, author=me, kind=kind,
        capacity=assignment.program.capacity, visibility=Visibility.PAIR,
        occurred_on=occurred_on, body=body.strip(),
    )  # fmt: skip
    record(
        actor=actor, action="coaching.interaction.record", obj=item,
        district=assignment.program.district, staff_member=assignment.teacher,
    )  # fmt: skip
    return item


COLLABORATOR_FILED = (InteractionKind.EVIDENCE, InteractionKind.REVIEW)


def log_goal_read(actor: Actor, goal: Goal) -> bool:
    """Audit a read of a goal's wording by anyone but the teacher, whose goal it is."""
    me = _staff_of(actor)
    assignment = goal.cycle.assignment
    if me is not None and me.pk == assignment.teacher_id:
        return False
    record(
        actor=actor, action="coaching.goal.read", obj=assignment,
        district=assignment.program.district, staff_member=assignment.teacher,
    )  # fmt: skip
    return True


@transaction.atomic
def record_interaction(
    actor: Actor,
    assignment: CoachAssignment,
    *,
    kind: str,
    occurred_on: dt.date,
    body: str,
    private: bool = False,
    cycle: CoachingCycle | None = None,
    goal: Goal | None = None,
    score: int | None = None,
    author: StaffMember | None = None,
) -> Interaction:
    """Write a visit, conversation, note, evidence, action step or reflection, in the
    program's capacity (coaching or mentoring), frozen from now on."""
    me = _pair_member(actor, assignment, author)
    is_coach = me.pk == assignment.coach_id
    allowed = COACH_KINDS if is_coach else TEACHER_KINDS
    if kind not in allowed:
        names = ", ".join(str(InteractionKind(k).label).lower() for k in allowed)
        raise CoachingError(
            f"Kind: as the {'coach' if is_coach else 'teacher'} you record {names}."
        )
    if not body.strip():
        raise CoachingError("Text: write what happened or what you noted.")
    if occurred_on > timezone.localdate():
        raise CoachingError("Date: an interaction cannot be in the future.")
    if cycle is not None and cycle.assignment_id != assignment.pk:
        raise CoachingError("Cycle: choose a cycle of this coaching.")
    if goal is not None and (cycle is None or goal.cycle_id != cycle.pk):
        raise CoachingError("Goal: choose a goal of the chosen cycle.")
    if score is not None and not 1 <= score <= 4:
        raise CoachingError("Score: from 1 to 4, or leave it empty.")
    interaction = Interaction.objects.create(
        coach_assignment=assignment,
        cycle=cycle,
        goal=goal,
        author=me,
        kind=kind,
        capacity=assignment.program.capacity,
        visibility=Visibility.PRIVATE if private else Visibility.PAIR,
        occurred_on=occurred_on,
        body=body.strip(),
        score=score,
    )
    record(
        actor=actor, action="coaching.interaction.record", obj=interaction,
        district=assignment.program.district, staff_member=assignment.teacher,
    )  # fmt: skip
    return interaction


@transaction.atomic
def share_with_principal(actor: Actor, interaction: Interaction) -> Interaction:
    """The teacher shares one coaching item with their principal, explicitly and logged."""
    assignment = interaction.coach_assignment
    me = _staff_of(actor)
    if assignment is None or me is None or me.pk != assignment.teacher_id:
        raise CoachingError("Only the teacher shares an item of their coaching.")
    if interaction.visibility == Visibility.PRIVATE:
        raise CoachingError("A private note stays with its author.")
    interaction.visibility = Visibility.SHARED
    interaction.shared_at = timezone.now()
    interaction.save(update_fields=["visibility", "shared_at"])
    record(
        actor=actor, action="coaching.interaction.share", obj=interaction,
        district=assignment.program.district, staff_member=me,
    )  # fmt: skip
    return interaction


def log_reads(actor: Actor, interactions: Sequence[Interaction], district: District) -> int:
    """Audit every read of coaching content by anyone but its author (one entry each)."""
    me = _staff_of(actor)
    count = 0
    for item in interactions:
        if me is not None and item.author_id == me.pk:
            continue
        record(
            actor=actor,
            action="coaching.content.read",
            obj=item,
            district=district,
            staff_member=item.coach_assignment.teacher if item.coach_assignment else None,
        )
        count += 1
    return count


# --- evaluation assignments -----------------------------------------------------------------


@transaction.atomic
def assign_evaluator(
    actor: Actor,
    *,
    evaluator: StaffMember,
    teacher: StaffMember,
    school: School,
    year: SchoolYear,
    approach: str,
    use: str = EvaluationAssignment.Use.SUMMATIVE,
) -> EvaluationAssignment:
    if not _may_manage(actor, school.district, school, year):
        raise CoachingError("Only the talent office or the school's principal assigns evaluators.")
    if approach not in EVALUATIVE_APPROACHES:
        raise CoachingError("Approach: principal, assistant principal, secondary evaluator or PAR.")
    if evaluator.pk == teacher.pk:
        raise CoachingError("Evaluator: nobody evaluates themselves.")
    if not Assignment.objects.filter(
        staff_member=teacher, school=school, school_year=year
    ).exists():
        raise CoachingError(f"Teacher: {teacher} does not work at {school} in {year}.")
    coaching = CoachAssignment.objects.filter(
        coach=evaluator, teacher=teacher, school_year=year, ends_on__isnull=True
    ).exclude(teacher_consent=False)
    if coaching.exists():
        raise CoachingError(
            f"Evaluator: {evaluator} coaches {teacher} in {year}; a coach never evaluates the "
            "teachers they coach. End the coaching first or choose another evaluator."
        )
    if EvaluationAssignment.objects.filter(
        evaluator=evaluator, teacher=teacher, school_year=year
    ).exists():
        raise CoachingError(f"{evaluator} already evaluates {teacher} in {year}.")
    found = EvaluationAssignment.objects.create(
        evaluator=evaluator, teacher=teacher, school=school, school_year=year,
        approach=approach, use=use,
    )  # fmt: skip
    record(
        actor=actor, action="coaching.evaluation.assign", obj=found,
        district=school.district, staff_member=teacher,
    )  # fmt: skip
    return found


@transaction.atomic
def record_evaluation_note(
    actor: Actor,
    assignment: EvaluationAssignment,
    *,
    kind: str,
    occurred_on: dt.date,
    body: str,
    author: StaffMember | None = None,
) -> Interaction:
    me = _writer(actor, author)
    if me is None or me.pk != assignment.evaluator_id:
        raise CoachingError("Only the evaluator writes in an evaluation.")
    if kind not in (
        InteractionKind.OBSERVATION,
        InteractionKind.CONVERSATION,
        InteractionKind.NOTE,
    ):
        raise CoachingError("Kind: an observation, a conversation or a note.")
    if not body.strip():
        raise CoachingError("Text: write what you observed.")
    if occurred_on > timezone.localdate():
        raise CoachingError("Date: an observation cannot be in the future.")
    found = Interaction.objects.create(
        evaluation_assignment=assignment, author=me, kind=kind, capacity=assignment.capacity,
        visibility=Visibility.PAIR, occurred_on=occurred_on, body=body.strip(),
    )  # fmt: skip
    record(
        actor=actor, action="coaching.interaction.record", obj=found,
        district=assignment.school.district, staff_member=assignment.teacher,
    )  # fmt: skip
    return found


# --- readiness ------------------------------------------------------------------------------


@transaction.atomic
def open_survey(
    actor: Actor, district: District, year: SchoolYear, school: School | None = None
) -> ReadinessSurvey:
    if not _may_manage(actor, district, school, year):
        raise CoachingError("Only the talent office or the school's principal opens a survey.")
    if school is not None and school.district_id != district.pk:
        raise CoachingError("School: choose a school of this district.")
    found, created = ReadinessSurvey.objects.get_or_create(
        district=district, school=school, school_year=year
    )
    if created:
        record(actor=actor, action="coaching.survey.create", obj=found, district=district)
    return found


@transaction.atomic
def answer_survey(
    actor: Actor,
    survey: ReadinessSurvey,
    *,
    respondent: StaffMember,
    group: str,
    answers: Mapping[str, int | None],
) -> ReadinessResponse:
    """Save one person's answers (replacing their earlier ones). Every statement needs an
    answer; "don't know" is an answer (None)."""
    if actor is not None:
        me = _staff_of(actor)
        if me is None or me.pk != respondent.pk:
            raise CoachingError("Each person answers for themselves.")
    if survey.closed:
        raise CoachingError("This survey is closed.")
    if respondent.district_id != survey.district_id:
        raise CoachingError("Only staff of the district answer its survey.")
    if group not in RespondentGroup.values:
        raise CoachingError(
            "Group: say whether you answer as principal, teacher, union or district."
        )
    missing = STATEMENT_KEYS - set(answers)
    if missing:
        raise CoachingError(
            f'Answer every statement ({len(missing)} left); "don\'t know" is an answer.'
        )
    bad = [
        k for k, v in answers.items() if k in STATEMENT_KEYS and v is not None and not 1 <= v <= 4
    ]
    if bad:
        raise CoachingError('Each answer is 1 to 4 or "don\'t know".')
    response, _ = ReadinessResponse.objects.update_or_create(
        survey=survey, respondent=respondent, defaults={"group": group}
    )
    response.answers.all().delete()
    ReadinessAnswer.objects.bulk_create(
        ReadinessAnswer(response=response, statement=k, value=v)
        for k, v in sorted(answers.items())
        if k in STATEMENT_KEYS
    )
    record(
        actor=actor, action="coaching.survey.answer", obj=survey, district=survey.district,
        staff_member=respondent,
    )  # fmt: skip
    return response


# --- plans ----------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    actor: Actor,
    district: District,
    year: SchoolYear,
    *,
    approach: str,
    school: School | None = None,
    title: str = "",
) -> Plan:
    if not _may_manage(actor, district, school, year):
        raise CoachingError("Only the talent office or the school's principal starts a plan.")
    if approach not in APPROACH_BY_KEY:
        raise CoachingError("Approach: choose one of the four approaches.")
    if school is not None and school.district_id != district.pk:
        raise CoachingError("School: choose a school of this district.")
    if Plan.objects.filter(district=district, school=school, school_year=year).exists():
        raise CoachingError(f"There is already a plan for {school or district} in {year}.")
    where = school.name if school else district.name
    plan = Plan.objects.create(
        district=district, school=school, school_year=year, approach=approach,
        title=title.strip() or f"{APPROACH_BY_KEY[approach].name} at {where}, {year}",
    )  # fmt: skip
    record(actor=actor, action="coaching.plan.create", obj=plan, district=district)
    return plan


def _may_edit_plan(actor: Actor, plan: Plan) -> bool:
    return _may_manage(actor, plan.district, plan.school, plan.school_year)


@transaction.atomic
def add_step(
    actor: Actor,
    plan: Plan,
    *,
    title: str,
    due_on: dt.date,
    owner: StaffMember | None = None,
    milestone: bool = False,
    measure: str = "",
    role: LeadershipRole | None = None,
    positions: int = 1,
    program: CoachingProgram | None = None,
) -> PlanStep:
    if not _may_edit_plan(actor, plan):
        raise CoachingError("Only the talent office or the school's principal edits the plan.")
    if not title.strip():
        raise CoachingError("Step: say what is to be done.")
    if owner is not None and owner.district_id != plan.district_id:
        raise CoachingError("Owner: choose someone of this district.")
    if role is not None and role.district_id != plan.district_id:
        raise CoachingError("Role: choose a role of this district's catalogue.")
    if program is not None and program.district_id != plan.district_id:
        raise CoachingError("Program: choose a program of this district.")
    if not 1 <= positions <= 200:
        raise CoachingError("Positions: between 1 and 200.")
    step = PlanStep.objects.create(
        plan=plan, title=title.strip()[:200], due_on=due_on, owner=owner, milestone=milestone,
        measure=measure.strip()[:200], role=role, positions=positions, program=program,
    )  # fmt: skip
    record(actor=actor, action="coaching.plan_step.add", obj=step, district=plan.district)
    return step


@transaction.atomic
def set_step_status(
    actor: Actor, step: PlanStep, status: str, on: dt.date | None = None
) -> PlanStep:
    if not _may_edit_plan(actor, step.plan) and (
        actor is None or _staff_of(actor) is None or _staff_of(actor) != step.owner
    ):
        raise CoachingError("Only the step's owner, the principal or the office updates it.")
    if status not in PlanStep.Status.values:
        raise CoachingError("Status: not started, in progress or done.")
    step.status = status
    step.done_on = (on or timezone.localdate()) if status == PlanStep.Status.DONE else None
    step.save(update_fields=["status", "done_on"])
    record(
        actor=actor, action="coaching.plan_step.update", obj=step, district=step.plan.district,
        summary=PlanStep.Status(status).label,
    )  # fmt: skip
    return step


# --- bodies a step forms or links (lattice.lib.plan_links) ---------------------------------


def _former(step: PlanStep, key: str) -> plan_links.BodyFormer:
    found = plan_links.former(key)
    if found is None:
        raise CoachingError(f"Body: '{key}' keeps no bodies here (that app is not installed).")
    return found


def _draft(step: PlanStep, name: str, kind: str, purpose: str) -> plan_links.BodyDraft:
    return plan_links.BodyDraft(
        district_id=step.plan.district_id, school_id=step.plan.school_id, name=name.strip(),
        kind=kind, purpose=purpose.strip(),
    )  # fmt: skip


def _check_may_form(actor: Actor, step: PlanStep, former: plan_links.BodyFormer) -> None:
    if not _may_edit_plan(actor, step.plan):
        raise CoachingError("Only the talent office or the school's principal edits the plan.")
    if actor is not None and not former.may_form(actor, step.plan.district_id):
        raise CoachingError(
            f"Only the district's talent office forms a {former.noun}; link one it has formed."
        )
    if step.body_former:
        raise CoachingError(f"Step: '{step}' already links a body; a step forms one body.")


def preview_step_body(
    actor: Actor, step: PlanStep, former_key: str, *, name: str, kind: str, purpose: str
) -> list[tuple[str, str]]:
    """What forming the step's body would write, line by line; writes nothing."""
    former = _former(step, former_key)
    _check_may_form(actor, step, former)
    try:
        return list(former.preview(_draft(step, name, kind, purpose)))
    except plan_links.PlanLinkError as exc:
        raise CoachingError(str(exc)) from exc


@transaction.atomic
def form_step_body(
    actor: Actor, step: PlanStep, former_key: str, *, name: str, kind: str, purpose: str
) -> plan_links.LinkedBody:
    """Form the body a step asks for through its app's own audited action, and link it to
    the step: one transaction, so a body refused leaves the step as it was."""
    former = _former(step, former_key)
    _check_may_form(actor, step, former)
    try:
        body = former.form(actor, _draft(step, name, kind, purpose))
    except plan_links.PlanLinkError as exc:
        raise CoachingError(str(exc)) from exc
    step.body_former, step.body_ref = former.key, body.ref
    step.save(update_fields=["body_former", "body_ref"])
    record(
        actor=actor, action="coaching.plan_step.form", obj=step, district=step.plan.district,
        summary=body.name, after={"former": former.key, "body": body.ref},
    )  # fmt: skip
    return body


@transaction.atomic
def link_step_body(
    actor: Actor, step: PlanStep, former_key: str, ref: int
) -> plan_links.LinkedBody:
    """Link a step to a body the district already has (one ``actor`` can see)."""
    if not _may_edit_plan(actor, step.plan):
        raise CoachingError("Only the talent office or the school's principal edits the plan.")
    former = _former(step, former_key)
    found = {b.ref: b for b in former.bodies(actor, step.plan.district_id)}
    body = found.get(ref)
    if body is None:
        raise CoachingError(f"Body: choose an open {former.noun} of this district.")
    before = {"former": step.body_former, "body": step.body_ref} if step.body_former else {}
    step.body_former, step.body_ref = former.key, body.ref
    step.save(update_fields=["body_former", "body_ref"])
    record(
        actor=actor, action="coaching.plan_step.link", obj=step, district=step.plan.district,
        summary=body.name, before=before, after={"former": former.key, "body": body.ref},
    )  # fmt: skip
    return body
