"""Teacher-proposed roles: propose (alone or with a team), principal review, district review."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.people.access import own_staff
from lattice.people.models import Assignment, School, StaffMember
from lattice.roles import access, actions
from lattice.roles.forms import ProposalForm, ProposalReviewForm
from lattice.roles.models import ProposalStatus
from lattice.roles.views.common import district_for, run_action


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
            messages.success(request, "Proposal sent to your principal.")
            return HttpResponseRedirect(reverse("roles:proposal", args=[proposal.pk]))
    return render(request, "roles/proposal_form.html", {"form": form})


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_visible_proposal(request.user, pk)
    stage = None
    if proposal.status in (
        ProposalStatus.SUBMITTED,
        ProposalStatus.RETURNED,
    ) and access.can_review_as_principal(request.user, proposal):
        stage = "principal"
    elif proposal.status == ProposalStatus.PRINCIPAL_APPROVED and access.can_review_as_district(
        request.user, proposal
    ):
        stage = "district"
    return render(
        request,
        "roles/proposal.html",
        {
            "p": proposal,
            "stage": stage,
            "form": ProposalReviewForm(),
            "team": proposal.proposers.all(),
        },
    )


@require_POST
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_visible_proposal(request.user, pk)
    stage = request.POST.get("stage")
    allowed = (stage == "principal" and access.can_review_as_principal(request.user, proposal)) or (
        stage == "district" and access.can_review_as_district(request.user, proposal)
    )
    if not allowed:
        raise Http404("No such page")
    form = ProposalReviewForm(request.POST)
    back = reverse("roles:proposal", args=[proposal.pk])
    if not form.is_valid():
        messages.error(request, "Decision: choose approve, return or decline.")
        return HttpResponseRedirect(back)
    return run_action(
        request,
        "Saved your review.",
        back,
        actions.review_proposal,
        request.user,
        proposal,
        stage=stage,
        **form.cleaned_data,
    )
