"""Access-matrix rows for every coaching URL (see tests/access.py and tests/coaching/world.py).

The wall: Ada's coaching of 2024-25 is readable by Ada and her coach Rae only — not by her
principal, the talent office or a superuser. Rae now evaluates Ada: the evaluation page is
Rae's, Ada's, her principal's this year and the office's; Mo, who led Alder only last year,
reaches nothing of this year's.
"""

from __future__ import annotations

from tests.access import Row, allow
from tests.cast import Cast
from tests.coaching.world import world

SU = {"superuser": True}
NOT_SU = {"superuser": False}
PRINCIPALS = allow("principal", "other_principal", "moved_principal")
WITH_DISTRICT = (
    allow("teacher", "teacher_other_school", "reviewer", "officer", "other_officer") | PRINCIPALS
)
NORTHFIELD = allow("teacher", "teacher_other_school", "reviewer", "officer") | PRINCIPALS
PAIR = allow("teacher", "reviewer")


def program(cast: Cast) -> int:
    return world(cast).program.pk


def ada_coaching(cast: Cast) -> int:
    return world(cast).ada_last_year.pk


def evaluation(cast: Cast) -> int:
    return world(cast).rae_evaluates_ada.pk


def survey(cast: Cast) -> int:
    return world(cast).survey.pk


def plan(cast: Cast) -> int:
    return world(cast).plan.pk


def step(cast: Cast) -> int:
    return world(cast).plan.steps.get(owner=cast.reviewer_staff).pk


ROWS = [
    Row("coaching:home", lambda c: "/coaching/", WITH_DISTRICT | {"superuser"}, extra=SU),
    Row("coaching:program-new", lambda c: "/coaching/programs/new/",
        allow("officer", "other_officer", "superuser"), extra=SU),
    Row("coaching:program", lambda c: f"/coaching/programs/{program(c)}/",
        NORTHFIELD | {"superuser"}, extra=SU),
    Row("coaching:assign", lambda c: f"/coaching/programs/{program(c)}/assign/",
        PRINCIPALS | {"officer", "superuser"}, method="POST",
        data=lambda c: {"coach": c.reviewer_staff.pk, "teacher": c.teacher_staff.pk,
                        "reason": "requested", "focus": "Routines"},
        ok_status=302, extra=SU),
    Row("coaching:request", lambda c: f"/coaching/programs/{program(c)}/request/",
        NORTHFIELD | {"superuser"}, method="POST", data=lambda c: {"focus": "Routines"},
        ok_status=302, extra=SU),
    Row("coaching:assignment", lambda c: f"/coaching/assignments/{ada_coaching(c)}/", PAIR,
        extra=NOT_SU, note="the wall: not the principal, the office or a superuser"),
    Row("coaching:consent", lambda c: f"/coaching/assignments/{ada_coaching(c)}/consent/", PAIR,
        method="POST", data=lambda c: {"answer": "yes"}, ok_status=302, extra=NOT_SU),
    Row("coaching:cycle-new", lambda c: f"/coaching/assignments/{ada_coaching(c)}/cycles/", PAIR,
        method="POST", data=lambda c: {"focus": "Questioning"}, ok_status=302, extra=NOT_SU),
    Row("coaching:interaction-new",
        lambda c: f"/coaching/assignments/{ada_coaching(c)}/interactions/", PAIR,
        method="POST", data=lambda c: {"kind": "reflection", "occurred_on": "2025-09-01",
                                       "body": "Went well"},
        ok_status=302, extra=NOT_SU),
    Row("coaching:goal-new", lambda c: f"/coaching/cycles/{world(c).ada_cycle.pk}/goals/", PAIR,
        method="POST", data=lambda c: {"statement": "More wait time"}, ok_status=302, extra=NOT_SU),
    Row("coaching:goal", lambda c: f"/coaching/goals/{world(c).ada_goal.pk}/",
        allow("teacher", "teacher_other_school"), extra=NOT_SU,
        note="Ada and Ben, her collaborator; not Rae, who now evaluates her (Wareham)"),
    Row("coaching:goal-edit", lambda c: f"/coaching/goals/{world(c).ada_goal.pk}/edit/",
        allow("teacher"), method="POST",
        data=lambda c: {"statement": "Exit tickets twice a week", "status": "working"},
        ok_status=302, extra=NOT_SU, note="Ben may read and file evidence, not edit"),
    Row("coaching:goal-file", lambda c: f"/coaching/goals/{world(c).ada_goal.pk}/file/",
        allow("teacher", "teacher_other_school"), method="POST",
        data=lambda c: {"kind": "evidence", "occurred_on": "2025-09-01", "body": "Photo"},
        ok_status=302, extra=NOT_SU),
    Row("coaching:goal-collaborator",
        lambda c: f"/coaching/goals/{world(c).ada_goal.pk}/collaborators/", allow("teacher"),
        method="POST", data=lambda c: {"person": c.teacher_other_school_staff.pk,
                                       "rights": ["review"]},
        ok_status=302, extra=NOT_SU),
    Row("coaching:share", lambda c: f"/coaching/interactions/{world(c).visit.pk}/share/", PAIR,
        method="POST", ok_status=302, extra=NOT_SU),
    Row("coaching:evaluation", lambda c: f"/coaching/evaluations/{evaluation(c)}/",
        allow("reviewer", "teacher", "principal", "officer", "superuser"), extra=SU),
    Row("coaching:evaluation-note", lambda c: f"/coaching/evaluations/{evaluation(c)}/notes/",
        allow("reviewer", "teacher", "principal", "officer", "superuser"), method="POST",
        data=lambda c: {"kind": "observation", "occurred_on": "2025-09-01", "body": "Seen"},
        ok_status=302, extra=SU),
    Row("coaching:feedback-map", lambda c: f"/coaching/schools/{c.alder.pk}/feedback/",
        allow("principal", "moved_principal", "officer", "superuser"), extra=SU,
        note="Mo sees the map of the year she led Alder only"),
    Row("coaching:evaluator-new", lambda c: f"/coaching/schools/{c.alder.pk}/evaluators/",
        allow("principal", "officer", "superuser"), method="POST",
        data=lambda c: {"evaluator": c.principal_staff.pk, "teacher": c.teacher_staff.pk,
                        "approach": "assistant_principal", "use": "summative"},
        ok_status=302, extra=SU),
    Row("coaching:surveys", lambda c: "/coaching/readiness/", WITH_DISTRICT | {"superuser"},
        extra=SU),
    Row("coaching:survey-new", lambda c: "/coaching/readiness/new/",
        allow("principal", "moved_principal", "officer", "superuser"), method="POST",
        data=lambda c: {"school": c.alder.pk}, ok_status=302, extra=SU),
    Row("coaching:survey", lambda c: f"/coaching/readiness/{survey(c)}/",
        allow("teacher", "principal", "officer", "superuser"), extra=SU),
    Row("coaching:survey-answer", lambda c: f"/coaching/readiness/{survey(c)}/answer/",
        allow("teacher", "principal"), extra=NOT_SU),
    Row("coaching:plan-new", lambda c: f"/coaching/readiness/{survey(c)}/plan/",
        allow("principal", "officer", "superuser"), method="POST", ok_status=302, extra=SU),
    Row("coaching:plan", lambda c: f"/coaching/plans/{plan(c)}/",
        allow("principal", "officer", "superuser", "reviewer"), extra=SU,
        note="Rae owns a step of it"),
    Row("coaching:step-new", lambda c: f"/coaching/plans/{plan(c)}/steps/",
        allow("principal", "officer", "superuser"), method="POST",
        data=lambda c: {"title": "Train evaluators", "due_on": "2026-01-15", "positions": "1"},
        ok_status=302, extra=SU),
    Row("coaching:step-status", lambda c: f"/coaching/steps/{step(c)}/status/",
        allow("principal", "officer", "superuser", "reviewer"), method="POST",
        data=lambda c: {"status": "done"}, ok_status=302, extra=SU),
    Row("coaching:step-body", lambda c: f"/coaching/steps/{step(c)}/body/",
        allow("principal", "officer", "superuser"), extra=SU,
        note="the plan's editors; Rae owns the step but does not edit the plan"),
    Row("coaching:step-body", lambda c: f"/coaching/steps/{step(c)}/body/",
        allow("principal", "officer", "superuser"), method="POST",
        data=lambda c: {"former": "councils", "name": "Alder curriculum council",
                        "kind": "curriculum_council", "purpose": "Recommends units"},
        extra=SU, note="a preview: it writes nothing (the principal is told the office forms it)"),
    Row("coaching:step-body-link", lambda c: f"/coaching/steps/{step(c)}/body/link/",
        allow("principal", "officer", "superuser"), method="POST",
        data=lambda c: {"former": "councils", "body": world(c).council.pk}, ok_status=302,
        extra=SU),
]  # fmt: skip
