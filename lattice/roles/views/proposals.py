"""Teacher-proposed roles: propose (alone or with a team), principal review, district review,
changes asked for and made (with the proposal's history), and placing the proposer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.people.access import own_staff
from lattice.people.models import Assignment, School, StaffMember
from lattice.roles import access, actions
from lattice.roles.actions.proposals import can_edit, placement_choices, returned_by
from lattice.roles.forms import PlaceForm, ProposalEditForm, ProposalForm, ProposalReviewForm
from lattice.roles.models import ProposalStatus, RoleProposal
from lattice.roles.views.common import district_for


def proposal_list(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    rows = (
        access.proposals_visible_to(request.user)
        .filter(district=district)
        .prefetch_related("proposers")
    )
    return render(
        request,
        "roles/proposals.html",
        {
            "district": district,
            "rows": rows,
            "can_propose": own_staff(request.user) is not None,
        },
    )


def proposal_new(request: HttpRequest) -> HttpResponse:
    me = own_staff(request.user)
    if me is None:
        raise Http404("No such page")
    schools = School.objects.filter(
        pk__in=Assignment.objects.filter(staff_member=me).values("school_id")
    )
    colleagues = StaffMember.objects.filter(district=me.district, active=True).exclude(pk=me.pk)
    form = ProposalForm(request.POST or None, schools=schools, colleagues=colleagues)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        team = list(data.pop("co_proposers"))
        school = data.pop("school")
        try:
            proposal = actions.submit_proposal(
                request.user, me, school=school, co_proposers=team, **data
            )
        except actions.RoleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                "Proposal sent to the district: you lead this school, so it skips the "
                "principal's review."
                if proposal.status == ProposalStatus.PRINCIPAL_APPROVED
                else "Proposal sent to your principal.",
            )
            return HttpResponseRedirect(reverse("roles:proposal", args=[proposal.pk]))
    return render(request, "roles/proposal_form.html", {"form": form})


def _stage(user: Any, proposal: RoleProposal) -> str | None:
    if proposal.status == ProposalStatus.SUBMITTED and access.can_review_as_principal(
        user, proposal
    ):
        return "principal"
    if proposal.status == ProposalStatus.PRINCIPAL_APPROVED and access.can_review_as_district(
        user, proposal
    ):
        return "district"
    return None


def _detail(
    request: HttpRequest,
    proposal: RoleProposal,
    form: ProposalReviewForm | None = None,
    place_form: PlaceForm | None = None,
    status: int = 200,
) -> HttpResponse:
    placing = (
        placement_choices(proposal) if access.can_review_as_district(request.user, proposal) else {}
    )
    return render(
        request,
        "roles/proposal.html",
        {
            "p": proposal,
            "stage": _stage(request.user, proposal),
            "form": form or ProposalReviewForm(),
            "team": proposal.proposers.all(),
            "events": proposal.events.select_related("actor"),
            "can_edit": can_edit(request.user, proposal),
            "returned_by": returned_by(proposal)
            if proposal.status == ProposalStatus.RETURNED
            else "",
            "placing": placing,
            "place_form": place_form or PlaceForm(),
        },
        status=status,
    )


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access.get_visible_proposal(request.user, pk))


@require_POST
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Save a review; on an error the page comes back with every choice kept and the
    message beside the field it is about."""
    proposal = access.get_visible_proposal(request.user, pk)
    stage = request.POST.get("stage", "")
    allowed = (stage == "principal" and access.can_review_as_principal(request.user, proposal)) or (
        stage == "district" and access.can_review_as_district(request.user, proposal)
    )
    if not allowed:
        raise Http404("No such page")
    back = reverse("roles:proposal", args=[proposal.pk])
    if _stage(request.user, proposal) != stage:  # the form is not on the page: say why
        who = "the principal" if stage == "principal" else "the district"
        messages.error(
            request,
            f"This proposal is “{proposal.get_status_display().lower()}”; it is not waiting "
            f"for {who}.",
        )
        return HttpResponseRedirect(back)
    form = ProposalReviewForm(request.POST)
    if form.is_valid():
        try:
            actions.review_proposal(request.user, proposal, stage=stage, **form.cleaned_data)
        except actions.RoleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Saved your review; the proposers are told.")
            return HttpResponseRedirect(back)
    return _detail(request, proposal, form=form, status=400)


def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposers change a proposal that came back to them and send it again."""
    proposal = access.get_visible_proposal(request.user, pk)
    if not can_edit(request.user, proposal):
        raise Http404("No such page")
    original = RoleProposal.objects.get(pk=proposal.pk)
    form = ProposalEditForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("resubmit_note", "")
        try:
            sent = actions.resubmit_proposal(request.user, original, note=note, **data)
        except actions.RoleError as exc:
            form.add_error(None, str(exc))
        else:
            district = sent.status == ProposalStatus.PRINCIPAL_APPROVED
            to = "the district" if district else "your principal"
            messages.success(request, f"Sent again; {to} is told.")
            return HttpResponseRedirect(reverse("roles:proposal", args=[proposal.pk]))
    return render(
        request,
        "roles/proposal_edit.html",
        {
            "p": original,
            "form": form,
            "note": original.district_note
            if returned_by(original) == "district"
            else original.principal_note,
        },
    )


@require_POST
def proposal_place(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_visible_proposal(request.user, pk)
    if not access.can_review_as_district(request.user, proposal):
        raise Http404("No such page")
    form = PlaceForm(request.POST)
    if form.is_valid():
        try:
            placed = actions.place_proposer(request.user, proposal, how=form.cleaned_data["how"])
        except actions.RoleError as exc:
            form.add_error(None, str(exc))
        else:
            if form.cleaned_data["how"] == "post":
                messages.success(request, "Posted at the proposer's school; they are told.")
                return HttpResponseRedirect(reverse("roles:posting-detail", args=[placed.pk]))
            messages.success(request, f"{proposal.submitted_by} holds the role; they are told.")
            return HttpResponseRedirect(reverse("roles:proposal", args=[proposal.pk]))
    return _detail(request, proposal, place_form=form, status=400)
