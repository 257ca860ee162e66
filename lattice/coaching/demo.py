"""The coaching app's demo content: a coaching program whose coaches are the demo's holders
of the coach role, a caseload with consent, one full cycle for the `teacher` log-in (a goal,
a visit, a private note, a reflection), secondary evaluators at the principal's school, and
completed readiness surveys at two schools. Everything through the app's actions."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from lattice.coaching import actions, queries
from lattice.coaching.models import (
    Approach,
    EvaluationAssignment,
    InteractionKind,
    ReferralReason,
    RespondentGroup,
)
from lattice.coaching.readiness import STATEMENTS
from lattice.lib import plan_links
from lattice.lib.actors import Actor
from lattice.people.models import Assignment, District, Position, SchoolYear, StaffMember
from lattice.people.queries import current_school_year, today
from lattice.roles import actions as role_actions
from lattice.roles.actions import RoleError
from lattice.roles.models import LeadershipRole

FOCUSES = (
    "Checking for understanding",
    "Small-group reading",
    "Classroom routines",
    "Questioning that makes students think",
    "Using exit tickets to plan",
    "Student discourse in mathematics",
)
# How each school's respondents lean, per dimension (1–4), before a little noise: one school
# strong on culture and time but short of budget, the other with an evaluator bottleneck.
LEANINGS = (
    dict(culture=3.4, evaluators=2.2, contract=2.4, time=3.1, budget=2.9, pipeline=3.2),
    dict(culture=2.6, evaluators=3.2, contract=3.3, time=2.7, budget=3.3, pipeline=3.1),
)


def _user_staff(district: District, username: str) -> StaffMember | None:
    return StaffMember.objects.filter(district=district, user__username=username).first()


def _school_of(staff: StaffMember, year: Any) -> Any:
    found = Assignment.objects.filter(staff_member=staff, school_year=year).select_related("school")
    first = found.order_by("-fte").first()
    return first.school if first else None


def populate_demo_coaching(district: District, seed: int, *, actor: Actor = None) -> dict[str, int]:
    rng = random.Random(seed)
    on = today()
    year = current_school_year(district, on)
    role = LeadershipRole.objects.filter(district=district, template_key="coach").first()
    if year is None or role is None:
        return {"programs": 0}
    program = actions.create_program(
        actor,
        district,
        name="Effective educator coaching",
        purpose="Experienced teachers coach new teachers, teachers who ask for support and "
        "teachers working on their practice. Coaching is confidential: principals learn whom "
        "a coach works with and on what, never what was said.",
        caseload_limit=6,
        coach_role=role,
        # Opened beyond classroom teachers (New Bedford): counselors and specialists too.
        eligible_positions=[
            Position.TEACHER,
            Position.INSTRUCTIONAL_COACH,
            Position.COUNSELOR,
            Position.SPECIALIST,
        ],
        referral_reasons=list(ReferralReason.values),
    )
    teacher = _user_staff(district, "teacher")
    # The `teacher` log-in is coached, never a coach; `teacher2`, when they hold the coach
    # role, is the coach (a log-in for the coach's side of the wall).
    coaches = [c for c in actions.coaches_of(program, year) if teacher is None or c != teacher]
    second = _user_staff(district, "teacher2")
    if second in coaches:
        coaches.remove(second)
        coaches.insert(0, second)
    counts = {"programs": 1, "coaching_assignments": 0, "evaluations": 0, "surveys": 0}
    if not coaches or teacher is None:
        return counts
    start = max(year.start, on - dt.timedelta(days=70))
    coach = coaches[0]
    pairs = []
    main = actions.assign_coach(
        actor, program, coach=coach, teacher=teacher, year=year,
        reason=ReferralReason.REQUESTED, focus="Checking for understanding", starts_on=start,
    )  # fmt: skip
    pairs.append(main)
    actions.answer_consent(None, main, True, author=teacher)
    cycle = actions.start_cycle(
        None, main, focus="Checking for understanding in grade-level lessons",
        starts_on=start, author=coach,
    )  # fmt: skip
    goal = actions.set_goal(
        None, cycle, "Every lesson ends with an exit ticket I use to plan the next day.",
        author=teacher,
    )  # fmt: skip
    # The teacher invites a grade-level colleague to read the goal and review progress.
    here = _school_of(teacher, year)
    colleague = (
        StaffMember.objects.filter(
            assignments__school=here, assignments__school_year=year,
            assignments__position=Position.TEACHER, active=True,
        ).exclude(pk__in=[teacher.pk, coach.pk]).distinct().order_by("pk").first()
        if here else None
    )  # fmt: skip
    if colleague is not None:
        actions.set_collaborator(None, goal, colleague, ["view", "review"], author=teacher)
    day = min(start + dt.timedelta(days=14), on)
    actions.record_interaction(
        None, main, kind=InteractionKind.VISIT, occurred_on=day, cycle=cycle, goal=goal,
        body="Visited the second half of the fractions lesson. Nine of twenty-four students "
        "answered the closing question; we agreed to try cold-call with think time.",
        score=2, author=coach,
    )  # fmt: skip
    actions.record_interaction(
        None, main, kind=InteractionKind.NOTE, occurred_on=day, cycle=cycle, private=True,
        body="Next time bring the exit-ticket sort protocol; ask about the planning block.",
        author=coach,
    )  # fmt: skip
    actions.record_interaction(
        None, main, kind=InteractionKind.REFLECTION,
        occurred_on=min(day + dt.timedelta(days=3), on),
        cycle=cycle, goal=goal,
        body="The exit tickets showed two misconceptions I would have missed. Sorting them "
        "took ten minutes, less than I feared.",
        author=teacher,
    )  # fmt: skip
    # A caseload for every coach, across schools: new teachers first, then others.
    teaching = list(
        StaffMember.objects.filter(
            district=district, active=True, assignments__school_year=year,
            assignments__position=Position.TEACHER,
        ).exclude(pk__in=[c.pk for c in coaches] + [teacher.pk]).distinct().order_by("pk")
    )  # fmt: skip
    rng.shuffle(teaching)
    for c in coaches:
        for _ in range(rng.randint(2, 4)):
            if not teaching:
                break
            t = teaching.pop()
            reason = rng.choice(list(ReferralReason))
            found = actions.assign_coach(
                actor, program, coach=c, teacher=t, year=year, reason=reason,
                focus=rng.choice(FOCUSES), starts_on=start,
            )  # fmt: skip
            if rng.random() < 0.85:
                actions.answer_consent(None, found, True, author=t)
                actions.record_interaction(
                    None, found, kind=InteractionKind.CONVERSATION, occurred_on=day,
                    body="Planning conversation: chose a focus and a first visit date.",
                    author=c,
                )  # fmt: skip
            pairs.append(found)
    # The program is open to specialists: the demo's reading specialist asked for a coach.
    specialist = (
        StaffMember.objects.filter(
            district=district, active=True, assignments__school_year=year,
            assignments__position=Position.SPECIALIST,
        ).distinct().order_by("pk").first()
    )  # fmt: skip
    for c in coaches:
        if specialist is None:
            break
        try:
            found = actions.assign_coach(
                actor, program, coach=c, teacher=specialist, year=year,
                reason=ReferralReason.REQUESTED, focus="Small-group reading", starts_on=start,
            )  # fmt: skip
        except actions.CoachingError:
            continue
        actions.answer_consent(None, found, True, author=specialist)
        pairs.append(found)
        break
    counts["coaching_assignments"] = len(pairs)
    # Secondary evaluators at the principal's school: two strong teachers share the
    # summative evaluations of a third of the teachers with the principal.
    principal = _user_staff(district, "principal")
    school = _school_of(principal, year) if principal else None
    if school is not None:
        staff_here = list(
            StaffMember.objects.filter(
                assignments__school=school, assignments__school_year=year,
                assignments__position=Position.TEACHER, active=True,
            ).exclude(pk__in=[teacher.pk, *[c.pk for c in coaches]]).distinct().order_by("pk")
        )  # fmt: skip
        evaluators, rest = staff_here[:2], staff_here[2:]
        for i, t in enumerate(rest[: max(len(rest) // 3, 2)]):
            actions.assign_evaluator(
                actor, evaluator=evaluators[i % len(evaluators)], teacher=t, school=school,
                year=year, approach=Approach.SECONDARY_EVALUATOR,
            )  # fmt: skip
            counts["evaluations"] += 1
        evaluated = EvaluationAssignment.objects.filter(school=school, school_year=year)
        exclude = [teacher.pk, *evaluated.values_list("teacher_id", flat=True)]
        counts["past_coach_roles"] = _wareham(actor, program, year, school, exclude)
    # Completed readiness surveys at the two principals' schools.
    for index, username in enumerate(("principal", "principal2")):
        lead = _user_staff(district, username)
        where = _school_of(lead, year) if lead else None
        if lead is None or where is None:
            continue
        survey = actions.open_survey(actor, district, year, where)
        counts["surveys"] += 1
        staff_there = list(
            StaffMember.objects.filter(
                assignments__school=where, assignments__school_year=year, active=True
            ).exclude(pk=lead.pk).distinct().order_by("pk")[:5]
        )  # fmt: skip
        respondents = [(lead, RespondentGroup.PRINCIPAL)]
        respondents += [(s, RespondentGroup.TEACHER) for s in staff_there[:4]]
        respondents += [(s, RespondentGroup.UNION) for s in staff_there[4:5]]
        leaning = LEANINGS[index % len(LEANINGS)]
        for person, group in respondents:
            answers: dict[str, int | None] = {}
            for s in STATEMENTS:
                if rng.random() < (0.25 if s.dimension in ("budget", "contract") else 0.06):
                    answers[s.key] = None  # don't know
                else:
                    value = round(leaning[s.dimension] + rng.uniform(-0.8, 0.8))
                    answers[s.key] = min(max(value, 1), 4)
            actions.answer_survey(None, survey, respondent=person, group=group, answers=answers)
        if index == 0:
            evaluator = role_actions.install_template(
                actor, district, "secondary-evaluator", activate=True
            )
            counts["plans"] = _demo_plan(actor, survey, lead, program, role, evaluator, on)
    return counts


def _wareham(actor: Actor, program: Any, year: SchoolYear, school: Any, exclude: list[int]) -> int:
    """From coach to supervisor (Wareham): someone who coached a teacher last year is that
    teacher's secondary evaluator this year. Their coaching stays out of every evaluation
    view. Tries a few pairs; one that a rule refuses is rolled back and the next tried."""
    previous = (
        SchoolYear.objects.filter(district_id=year.district_id, end__lt=year.start)
        .order_by("-start")
        .first()
    )
    if previous is None:
        return 0
    teachers = list(
        StaffMember.objects.filter(
            assignments__school=school, assignments__school_year=year,
            assignments__position=Position.TEACHER, active=True,
        ).filter(assignments__school_year=previous)
        .exclude(pk__in=exclude).distinct().order_by("pk")[:6]
    )  # fmt: skip
    for coach in teachers[:3]:
        for teacher in teachers:
            if teacher == coach:
                continue
            try:
                with transaction.atomic():
                    role_actions.assign_role(None, program.coach_role, coach, previous)
                    pair = actions.assign_coach(
                        None, program, coach=coach, teacher=teacher, year=previous,
                        reason=ReferralReason.REQUESTED, focus="Student discourse",
                        starts_on=previous.start + dt.timedelta(days=30),
                    )  # fmt: skip
                    actions.answer_consent(None, pair, True, author=teacher)
                    actions.record_interaction(
                        None, pair, kind=InteractionKind.VISIT,
                        occurred_on=previous.start + dt.timedelta(days=45),
                        body="Turn-and-talk worked for the front rows; the back rows "
                        "waited it out.",
                        author=coach,
                    )  # fmt: skip
                    actions.assign_evaluator(
                        actor, evaluator=coach, teacher=teacher, school=school, year=year,
                        approach=Approach.SECONDARY_EVALUATOR,
                    )  # fmt: skip
            except (actions.CoachingError, RoleError):
                continue
            return 1
    return 0


def _demo_plan(
    actor: Actor,
    survey: Any,
    lead: StaffMember,
    program: Any,
    role: LeadershipRole,
    evaluator: LeadershipRole,
    on: dt.date,
) -> int:
    """A plan in progress at the principal's school, for the approach its survey recommends:
    coach positions (support) and secondary-evaluator positions (evaluation)."""
    results = queries.survey_results(survey)
    if results.recommendation is None:
        return 0
    plan = actions.create_plan(
        actor, survey.district, survey.school_year, school=survey.school,
        approach=results.recommendation.approach.key,
    )  # fmt: skip
    # Coaches support and never evaluate, so only the secondary-evaluator step changes who
    # evaluates whom: its two positions take a share of the principal's summative load, and
    # the feedback map's "after the plan" falls below "now". Two steps link the councils the
    # councils demo formed (the last column: the kind of body), so the plan shows their status.
    steps = (
        ("Share the readiness results with staff", -40, "Everyone has seen them", None, True, ""),
        ("Agree coaching confidentiality with the union", -10, "Side letter", None, True, ""),
        ("Form the school's leadership council", -20, "Teachers share the school's decisions",
         None, True, "leadership_board"),
        ("Post instructional-coach positions", 10, "Two coaches hired", role, False, ""),
        ("Form a curriculum council", 20, "It recommends materials and pacing", None, False,
         "curriculum_council"),
        ("Launch the coaching program", 30, "Twelve teachers in coaching", None, False, ""),
        ("Post two secondary-evaluator positions", 45,
         "The principal evaluates a third fewer teachers", evaluator, False, ""),
        ("Calibrate feedback givers", 60, "Ratings within one level", None, False, ""),
        ("Review the evaluator load", 150, "Principal's load down a third", None, False, ""),
    )  # fmt: skip
    for i, (title, days, measure, step_role, done, body_kind) in enumerate(steps):
        step = actions.add_step(
            actor, plan, title=title, due_on=on + dt.timedelta(days=days), owner=lead,
            measure=measure, role=step_role, positions=2 if step_role else 1,
            program=program if "program" in title else None, milestone=i in (1, 5),
        )  # fmt: skip
        if done:
            actions.set_step_status(actor, step, "done", on + dt.timedelta(days=days))
        elif step_role == role:
            actions.set_step_status(actor, step, "in_progress")
        if body_kind:
            _link_body(actor, step, body_kind)
    return 1


def _link_body(actor: Actor, step: Any, kind: str) -> None:
    """Link a step to the body of ``kind`` the councils demo formed (the plan's school's own
    first), through the plan-links registry; nothing when no app keeps bodies."""
    for former in plan_links.formers():
        bodies = [b for b in former.bodies(None, step.plan.district_id) if b.kind == kind]
        bodies.sort(key=lambda b: b.school_id != step.plan.school_id)
        if bodies and (bodies[0].school_id in (None, step.plan.school_id)):
            actions.link_step_body(actor, step, former.key, bodies[0].ref)
            return
