"""A coaching goal's page: the teacher invites collaborators with split rights (read;
edit; evidence; review); each sees and does only what their rights allow. Every read by
anyone but the teacher is audited."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from lattice.coaching import actions, wall
from lattice.coaching.forms import CollaboratorForm, GoalEditForm, GoalFilingForm
from lattice.coaching.models import Goal, GoalRight, InteractionKind
from lattice.coaching.views.common import me, require_POST, run_action
from lattice.people.models import StaffMember
from lattice.people.queries import today


def _filing_kinds(rights: frozenset[str]) -> list[tuple[str, str]]:
    kinds = []
    if GoalRight.EVIDENCE in rights:
        kinds.append((InteractionKind.EVIDENCE.value, str(InteractionKind.EVIDENCE.label)))
    if GoalRight.REVIEW in rights:
        kinds.append((InteractionKind.REVIEW.value, str(InteractionKind.REVIEW.label)))
    return kinds


def _colleagues(goal: Goal) -> list[tuple[int, str]]:
    """Active colleagues of the district (the action refuses whoever evaluates the teacher)."""
    assignment = goal.cycle.assignment
    staff = (
        StaffMember.objects.filter(district_id=assignment.program.district_id, active=True)
        .exclude(pk__in=[assignment.coach_id, assignment.teacher_id])
        .order_by("family_name", "given_name")
    )
    return [(s.pk, str(s)) for s in staff]


def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal, rights = wall.get_goal(request.user, pk)
    assignment = goal.cycle.assignment
    person = me(request)
    is_teacher = person is not None and person.pk == assignment.teacher_id
    items = list(wall.goal_interactions(request.user, goal))
    actions.log_goal_read(request.user, goal)
    actions.log_reads(request.user, items, assignment.program.district)
    kinds = _filing_kinds(rights)
    return render(
        request,
        "coaching/goal.html",
        {
            "goal": goal,
            "assignment": assignment,
            "rights": rights,
            "right_labels": [r.label for r in GoalRight if r.value in rights],
            "is_teacher": is_teacher,
            "items": items,
            "is_pair": person is not None
            and person.pk in (assignment.coach_id, assignment.teacher_id),
            "collaborators": [
                (c.person, [r.label for r in GoalRight if r.value in c.rights])
                for c in goal.collaborators.select_related("person")
            ]
            if is_teacher
            else [],
            "edit_form": GoalEditForm(initial={"statement": goal.statement, "status": goal.status})
            if GoalRight.EDIT in rights
            else None,
            "filing_form": GoalFilingForm(kinds=kinds) if kinds else None,
            "collaborator_form": CollaboratorForm(people=_colleagues(goal)) if is_teacher else None,
        },
    )


def _back(goal: Goal) -> str:
    return reverse("coaching:goal", args=[goal.pk])


@require_POST
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal, rights = wall.get_goal(request.user, pk)
    if GoalRight.EDIT not in rights:
        raise Http404("No such goal")
    form = GoalEditForm(request.POST)
    if not form.is_valid():
        return run_action(request, "", _back(goal), _refuse, "Goal: write it and pick a status.")
    return run_action(
        request, "Goal updated.", _back(goal), actions.edit_goal, request.user, goal,
        statement=form.cleaned_data["statement"], status=form.cleaned_data["status"],
    )  # fmt: skip


@require_POST
def goal_file(request: HttpRequest, pk: int) -> HttpResponse:
    goal, rights = wall.get_goal(request.user, pk)
    if not _filing_kinds(rights):
        raise Http404("No such goal")
    form = GoalFilingForm(request.POST, kinds=_filing_kinds(rights))
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[f].label or f}: {e[0]}" for f, e in form.errors.items())
        return run_action(request, "", _back(goal), _refuse, errors)
    return run_action(
        request, "Filed on the goal.", _back(goal), actions.file_on_goal, request.user, goal,
        kind=form.cleaned_data["kind"], body=form.cleaned_data["body"],
        occurred_on=form.cleaned_data["occurred_on"] or today(),
    )  # fmt: skip


@require_POST
def goal_collaborator(request: HttpRequest, pk: int) -> HttpResponse:
    goal, _ = wall.get_goal(request.user, pk)
    person = me(request)
    if person is None or person.pk != goal.cycle.assignment.teacher_id:
        raise Http404("No such goal")
    form = CollaboratorForm(request.POST, people=_colleagues(goal))
    if not form.is_valid():
        return run_action(request, "", _back(goal), _refuse, "Colleague: choose one from the list.")
    colleague = StaffMember.objects.get(pk=form.cleaned_data["person"])
    remove = request.POST.get("remove") == "yes"
    rights = [] if remove else [GoalRight.VIEW.value, *form.cleaned_data["rights"]]
    return run_action(
        request, "Removed." if remove else "Collaborator saved.", _back(goal),
        actions.set_collaborator, request.user, goal, colleague, rights,
    )  # fmt: skip


def _refuse(message: str) -> None:
    raise actions.CoachingError(message)
