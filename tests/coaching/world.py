"""A small coaching world on the persona cast, built by named actions.

- the coach role (supports peers) is held by Rae Reviewer (Birch) in 2024-25 and 2025-26;
- 2024-25: Rae coached Ada (Alder) — a cycle, a goal, a visit with a score, a note private to
  Rae, and Ada's reflection; Ada shared nothing;
- 2025-26: Rae *evaluates* Ada as a secondary evaluator at Alder (Wareham: from coach to
  supervisor), with one observation; and Rae coaches Ben (Birch), who agreed, with a visit;
- Ada invited Ben to her goal with the right to read it and file evidence;
- a readiness survey of Alder for 2025-26 answered by Ada and Pat Principal, Alder's plan, and
  a district curriculum council a step of it may link.
Every content text carries a marker (``SECRET-…``) that no one outside the pair may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lattice.coaching import actions
from lattice.coaching.models import (
    CoachAssignment,
    CoachingCycle,
    CoachingProgram,
    EvaluationAssignment,
    Goal,
    Interaction,
    InteractionKind,
    Plan,
    ReadinessSurvey,
    ReferralReason,
    RespondentGroup,
)
from lattice.coaching.readiness import STATEMENTS
from lattice.councils import actions as council_actions
from lattice.councils.models import Body
from lattice.roles import actions as role_actions
from tests.cast import Cast

SECRETS = ("SECRET-VISIT", "SECRET-PRIVATE", "SECRET-REFLECTION", "SECRET-BEN", "SECRET-GOAL")


@dataclass
class World:
    program: CoachingProgram
    ada_last_year: CoachAssignment
    ada_cycle: CoachingCycle
    ada_goal: Goal
    ben_now: CoachAssignment
    visit: Interaction
    private_note: Interaction
    reflection: Interaction
    rae_evaluates_ada: EvaluationAssignment
    survey: ReadinessSurvey
    plan: Plan
    council: Body


def build_world(cast: Cast) -> World:
    role = role_actions.install_template(None, cast.district, "coach", activate=True)
    rae, ada, ben = cast.reviewer_staff, cast.teacher_staff, cast.teacher_other_school_staff
    for year in (cast.last_year, cast.year):
        role_actions.assign_role(None, role, rae, year)
    program = actions.create_program(
        None, cast.district, name="Effective educator coaching", purpose="Coaching on request.",
        caseload_limit=3, coach_role=role,
    )  # fmt: skip
    start = cast.last_year.start + dt.timedelta(days=30)
    ada_ly = actions.assign_coach(
        None, program, coach=rae, teacher=ada, year=cast.last_year,
        reason=ReferralReason.REQUESTED, focus="Checking for understanding", starts_on=start,
    )  # fmt: skip
    actions.answer_consent(None, ada_ly, True, author=ada)
    cycle = actions.start_cycle(None, ada_ly, focus="Exit tickets", starts_on=start, author=rae)
    goal = actions.set_goal(None, cycle, "SECRET-GOAL: exit tickets daily", author=ada)
    # Ada invites Ben to her goal: he reads it and files evidence, nothing more.
    actions.set_collaborator(None, goal, ben, ["view", "evidence"], author=ada)
    visit = actions.record_interaction(
        None, ada_ly, kind=InteractionKind.VISIT, occurred_on=start, cycle=cycle, goal=goal,
        body="SECRET-VISIT: nine of twenty-four answered", score=2, author=rae,
    )  # fmt: skip
    private = actions.record_interaction(
        None, ada_ly, kind=InteractionKind.NOTE, occurred_on=start, private=True,
        body="SECRET-PRIVATE: bring the sort protocol", author=rae,
    )  # fmt: skip
    reflection = actions.record_interaction(
        None, ada_ly, kind=InteractionKind.REFLECTION, occurred_on=start,
        body="SECRET-REFLECTION: two misconceptions", author=ada,
    )  # fmt: skip
    evaluation = actions.assign_evaluator(
        None, evaluator=rae, teacher=ada, school=cast.alder, year=cast.year,
        approach="secondary_evaluator",
    )  # fmt: skip
    actions.record_evaluation_note(
        None, evaluation, kind=InteractionKind.OBSERVATION, occurred_on=cast.year.start,
        body="EVALUATION-OBSERVATION: clear objectives", author=rae,
    )  # fmt: skip
    ben_now = actions.assign_coach(
        None, program, coach=rae, teacher=ben, year=cast.year,
        reason=ReferralReason.NEW_TEACHER, focus="Classroom routines",
        starts_on=cast.year.start,
    )  # fmt: skip
    actions.answer_consent(None, ben_now, True, author=ben)
    actions.record_interaction(
        None, ben_now, kind=InteractionKind.VISIT, occurred_on=cast.year.start,
        body="SECRET-BEN: transitions took six minutes", author=rae,
    )  # fmt: skip
    survey = actions.open_survey(None, cast.district, cast.year, cast.alder)
    for person, group, value in (
        (ada, RespondentGroup.TEACHER, 3),
        (cast.principal_staff, RespondentGroup.PRINCIPAL, 4),
    ):
        answers: dict[str, int | None] = {s.key: value for s in STATEMENTS}
        answers[STATEMENTS[0].key] = None
        actions.answer_survey(None, survey, respondent=person, group=group, answers=answers)
    plan = actions.create_plan(
        None, cast.district, cast.year, approach="secondary_evaluator", school=cast.alder
    )
    actions.add_step(
        None, plan, title="Post two secondary-evaluator roles", due_on=cast.year.start,
        role=role, positions=2, milestone=True,
    )  # fmt: skip
    actions.add_step(
        None, plan, title="Calibrate with the principal", due_on=cast.year.end,
        owner=rae, measure="Ratings within one level on the calibration video",
    )  # fmt: skip
    # A council the district already has (the real councils app, through its actions), for
    # a plan step to link.
    council = council_actions.create_body(
        None, cast.district, name="District curriculum council", kind="curriculum_council",
        purpose="Recommends the units the district adopts.",
    )  # fmt: skip
    return World(
        program, ada_ly, cycle, goal, ben_now, visit, private, reflection, evaluation, survey, plan,
        council,
    )  # fmt: skip


def world(cast: Cast) -> World:
    found: Any = getattr(cast, "_coaching_world", None)
    if found is None:
        found = build_world(cast)
        cast._coaching_world = found  # type: ignore[attr-defined]
    return found
