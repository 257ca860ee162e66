"""Shared curriculum teams: the district's teams, a team's units, and a unit's versions,
peer reviews, pilot feedback and adoption."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.network import access, actions
from lattice.network.forms_district import (
    ReviewersForm,
    ReviewForm,
    TeachingForm,
    TeamForm,
    TeamMemberForm,
    UnitForm,
    VersionForm,
    teachers_of,
)
from lattice.network.models import CurriculumTeam, Unit, UnitStatus
from lattice.network.models.curriculum import RUBRIC, RUBRIC_SCALE
from lattice.network.views.common import today
from lattice.people.models import District


def teams(request: HttpRequest) -> HttpResponse:
    rows = access.teams_for(request.user).prefetch_related("units", "members")
    offices = [
        d
        for d in District.objects.filter(pk__in=access.member_district_ids(request.user))
        if access.runs_office_of(request.user, d.pk)
    ]
    form = TeamForm(request.POST or None)
    if request.method == "POST":
        district = next((d for d in offices if d.key == request.POST.get("district")), None)
        if district is None:
            raise Http404("No such page")
        if form.is_valid():
            try:
                team = actions.create_team(request.user, district, on=today(), **form.cleaned_data)
            except actions.NetworkError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Formed the {team} team: seat its teacher leaders.")
                return HttpResponseRedirect(reverse("network:team", args=[team.pk]))
    return render(
        request,
        "network/curriculum/teams.html",
        {"teams": rows, "offices": offices, "form": form if offices else None},
        status=400 if form.errors else 200,
    )


def _team_context(request: HttpRequest, team: CurriculumTeam) -> dict[str, Any]:
    me = access.own_staff(request.user)
    return {
        "team": team,
        "members": team.members.filter(left_on__isnull=True).select_related("staff_member"),
        "units": team.units.all(),
        "seat": actions.seat_on(team, me),
        "office": access.runs_office_of(request.user, team.district_id),
        "member_form": TeamMemberForm(district=team.district),
        "unit_form": UnitForm(),
    }


def team(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_team(request.user, pk)
    return render(request, "network/curriculum/team.html", _team_context(request, found))


@require_POST
def team_member(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_team(request.user, pk)
    if not access.runs_office_of(request.user, found.district_id):
        raise Http404("No such page")
    form = TeamMemberForm(request.POST, district=found.district)
    if form.is_valid():
        try:
            actions.add_team_member(
                request.user, found, form.cleaned_data["staff_member"],
                lead=form.cleaned_data["lead"], on=today(),
            )  # fmt: skip
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Seated on the team.")
            return HttpResponseRedirect(reverse("network:team", args=[found.pk]))
    context = _team_context(request, found) | {"member_form": form}
    return render(request, "network/curriculum/team.html", context, status=400)


@require_POST
def unit_new(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_team(request.user, pk)
    seat = actions.seat_on(found, access.own_staff(request.user))
    if seat is None:
        raise Http404("No such page")
    form = UnitForm(request.POST)
    if form.is_valid():
        try:
            unit_ = actions.start_unit(request.user, found, seat, on=today(), **form.cleaned_data)
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Drafted version 1. Send it to peer review when ready.")
            return HttpResponseRedirect(reverse("network:unit", args=[unit_.pk]))
    context = _team_context(request, found) | {"unit_form": form}
    return render(request, "network/curriculum/team.html", context, status=400)


def _candidates(found: Unit) -> Any:
    on_team = found.team.members.filter(left_on__isnull=True).values("staff_member_id")
    return teachers_of(found.team.district).exclude(pk__in=on_team)


def _unit_context(request: HttpRequest, found: Unit) -> dict[str, Any]:
    me = access.own_staff(request.user)
    seat = actions.seat_on(found.team, me)
    versions = list(
        found.versions.order_by("-number")
        .select_related("written_by__staff_member")
        .prefetch_related(
            "reviews__reviewer", "reviews__reviewer_school", "feedback__school", "feedback__teacher"
        )
    )
    current = versions[0] if versions else None
    mine = (
        current.reviews.filter(reviewer=me, submitted_on__isnull=True).first()
        if current is not None and me is not None and found.status == UnitStatus.REVIEW
        else None
    )
    can_report = (
        me is not None
        and found.status in (UnitStatus.PILOT, UnitStatus.ADOPTED)
        and me.district_id == found.team.district_id
    )
    return {
        "unit": found,
        "team": found.team,
        "versions": versions,
        "current": current,
        "seat": seat,
        "see_names": access.sees_names_on(request.user, found.team),
        "rubric": RUBRIC,
        "stages": UnitStatus.choices,
        "scale": RUBRIC_SCALE,
        "my_review": mine,
        "review_form": ReviewForm(),
        "version_form": VersionForm(
            initial={k: getattr(current, k) for k in ("goals", "outline", "assessment")}
            if current
            else None
        ),
        "reviewers_form": ReviewersForm(candidates=_candidates(found)),
        "can_report": can_report,
        "teaching_form": TeachingForm(),
    }


def unit(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_unit(request.user, pk)
    return render(request, "network/curriculum/unit.html", _unit_context(request, found))


def _seated(request: HttpRequest, pk: int) -> tuple[Unit, Any]:
    found = access.get_unit(request.user, pk)
    seat = actions.seat_on(found.team, access.own_staff(request.user))
    if seat is None:
        raise Http404("No such page")
    return found, seat


def _back(found: Unit) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("network:unit", args=[found.pk]))


def _again(request: HttpRequest, found: Unit, **forms: Any) -> HttpResponse:
    context = _unit_context(request, found) | forms
    return render(request, "network/curriculum/unit.html", context, status=400)


@require_POST
def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    found, seat = _seated(request, pk)
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            made = actions.revise_unit(request.user, found, seat, on=today(), **form.cleaned_data)
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Wrote version {made.number}; the unit is a draft again.")
            return _back(found)
    return _again(request, found, version_form=form)


@require_POST
def reviewers(request: HttpRequest, pk: int) -> HttpResponse:
    found, seat = _seated(request, pk)
    form = ReviewersForm(request.POST, candidates=_candidates(found))
    if form.is_valid():
        try:
            actions.ask_for_review(
                request.user, found, seat, list(form.cleaned_data["reviewers"]), on=today()
            )
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Sent to peer review.")
            return _back(found)
    return _again(request, found, reviewers_form=form)


@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_review(request.user, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            actions.submit_review(
                request.user,
                found,
                access.own_staff(request.user),
                scores=form.scores(),
                comments=form.cleaned_data["comments"],
                ready=form.cleaned_data["ready"],
                on=today(),
            )
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you: your review is with the team.")
            return _back(found.version.unit)
    return _again(request, found.version.unit, review_form=form)


@require_POST
def pilot(request: HttpRequest, pk: int) -> HttpResponse:
    found, seat = _seated(request, pk)
    try:
        actions.start_pilot(request.user, found, seat)
    except actions.NetworkError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The pilot has begun: teachers who teach it report here.")
    return _back(found)


@require_POST
def teaching(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_unit(request.user, pk)
    me = access.own_staff(request.user)
    if me is None:
        raise Http404("No such page")
    form = TeachingForm(request.POST)
    if form.is_valid():
        try:
            actions.report_teaching(request.user, found, me, on=today(), **form.cleaned_data)
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you: the team reads what you reported.")
            return _back(found)
    return _again(request, found, teaching_form=form)


@require_POST
def adopt(request: HttpRequest, pk: int) -> HttpResponse:
    found, seat = _seated(request, pk)
    try:
        service = actions.adopt_unit(request.user, found, seat, on=today())
    except actions.NetworkError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Adopted. {len(service)} teacher leader{'s' if len(service) != 1 else ''}' year on "
            "the team went into their ledger as a role served.",
        )
    return _back(found)
