"""Teach to Lead: ideas, their teams, logic models, action plans, feedback and progress."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.lib.fields import model_field
from lattice.network import access, actions
from lattice.network.forms import (
    FeedbackForm,
    IdeaForm,
    JoinTeamForm,
    LogicModelForm,
    PlanStepForm,
)
from lattice.network.forms_district import CouncilForm
from lattice.network.models import Idea
from lattice.network.models.ideas import LOGIC_MODEL_FIELDS, TeamRole
from lattice.network.views.common import refused, today


def ideas(request: HttpRequest, key: str) -> HttpResponse:
    network = access.get_network(request.user, key)
    me = access.staff_in(request.user, network)
    form = IdeaForm(request.POST or None)
    if request.method == "POST":
        if me is None:
            raise Http404("No such page")
        if form.is_valid():
            try:
                idea = actions.post_idea(request.user, me, network, **form.cleaned_data)
            except actions.NetworkError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Your idea is posted. Invite colleagues to the team.")
                return HttpResponseRedirect(reverse("network:idea", args=[network.key, idea.pk]))
    rows = access.ideas_in(request.user, network).prefetch_related("team__staff_member__district")
    return render(
        request,
        "network/ideas.html",
        {"network": network, "ideas": rows, "form": form if me else None},
    )


def _context(request: HttpRequest, network, idea: Idea) -> dict:
    seat = access.seat_of(request.user, idea)
    on_team = seat is not None and seat.role != TeamRole.FRIEND
    team = list(idea.team.select_related("staff_member__district"))
    councils = actions.councils_of(seat, today())
    return {
        "network": network,
        "idea": idea,
        "seat": seat,
        "on_team": on_team,
        "see_names": access.can_see_team(request.user, idea),
        "team": team,
        "team_districts": sorted({m.staff_member.district.name for m in team}),
        "members": sum(1 for m in team if m.role != TeamRole.FRIEND),
        "friends": sum(1 for m in team if m.role == TeamRole.FRIEND),
        "can_join": seat is None and access.staff_in(request.user, network) is not None,
        "logic_model": [
            (
                name,
                model_field(idea, name).verbose_name,
                getattr(idea, name),
                model_field(idea, name).help_text,
            )
            for name in LOGIC_MODEL_FIELDS
        ],
        "steps": idea.steps.select_related("owner__staff_member"),
        "notes": idea.feedback.select_related("author__staff_member"),
        "join_form": JoinTeamForm(),
        "model_form": LogicModelForm(initial={n: getattr(idea, n) for n in LOGIC_MODEL_FIELDS}),
        "step_form": PlanStepForm(idea=idea),
        "feedback_form": FeedbackForm(),
        "councils": councils,
        "council_form": CouncilForm(bodies=councils) if councils else None,
    }


def idea(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network = access.get_network(request.user, key)
    found = access.get_idea(request.user, network, pk)
    return render(request, "network/idea.html", _context(request, network, found))


def _back(network, found: Idea) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("network:idea", args=[network.key, found.pk]))


@require_POST
def join(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network = access.get_network(request.user, key)
    found = access.get_idea(request.user, network, pk)
    me = access.staff_in(request.user, network)
    if me is None:
        raise Http404("No such page")
    form = JoinTeamForm(request.POST)
    if not form.is_valid():
        messages.error(request, "role: choose to join the team or to be a critical friend.")
        return _back(network, found)
    try:
        actions.join_team(request.user, found, me, role=form.cleaned_data["role"])
    except actions.NetworkError as error:
        refused(request, error)
    else:
        messages.success(request, f"You are on the team of “{found.title}”.")
    return _back(network, found)


def _team_post(request: HttpRequest, key: str, pk: int, *, friends: bool = False):
    """The network, idea and the user's seat; 404 unless the user is on the team (or, with
    ``friends``, its critical friend)."""
    network = access.get_network(request.user, key)
    found = access.get_idea(request.user, network, pk)
    seat = access.seat_of(request.user, found)
    if seat is None or (seat.role == TeamRole.FRIEND and not friends):
        raise Http404("No such page")
    return network, found, seat


def _invalid(request: HttpRequest, network, found: Idea, **forms) -> HttpResponse:
    context = _context(request, network, found)
    context.update(forms)
    return render(request, "network/idea.html", context, status=400)


@require_POST
def logic_model(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network, found, seat = _team_post(request, key, pk)
    form = LogicModelForm(request.POST)
    if form.is_valid():
        try:
            actions.save_logic_model(request.user, found, seat, **form.cleaned_data)
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved the logic model.")
            return _back(network, found)
    return _invalid(request, network, found, model_form=form)


@require_POST
def plan_step(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network, found, seat = _team_post(request, key, pk)
    form = PlanStepForm(request.POST, idea=found)
    if form.is_valid():
        try:
            actions.add_plan_step(request.user, found, seat, **form.cleaned_data)
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Added the step to the action plan.")
            return _back(network, found)
    return _invalid(request, network, found, step_form=form)


@require_POST
def feedback(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network, found, seat = _team_post(request, key, pk, friends=True)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            actions.give_feedback(request.user, found, seat, **form.cleaned_data)
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you: the team can read your note.")
            return _back(network, found)
    return _invalid(request, network, found, feedback_form=form)


@require_POST
def propose_role(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network, found, seat = _team_post(request, key, pk)
    try:
        proposal = actions.propose_role_from_idea(request.user, found, seat, on=today())
    except actions.NetworkError as error:
        refused(request, error)
        return _back(network, found)
    messages.success(request, "Proposed as a hybrid role: your principal reviews it next.")
    return HttpResponseRedirect(reverse("roles:proposal", args=[proposal.pk]))
