"""What the roles app tells people (:mod:`lattice.notifications`): its notice kinds, and what
waits on a reviewer, an applicant, a proposer, a principal or the district on their home page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from lattice.notifications.kinds import NoticeKind
from lattice.notifications.waiting import WaitingItem
from lattice.people.access import scope_for
from lattice.roles import access
from lattice.roles.models import (
    ApplicationStatus,
    Offer,
    OfferResponse,
    PanelMember,
    PostingStatus,
    ProposalStatus,
    RoleProposal,
    Score,
)

KINDS = (
    NoticeKind("roles.panel_seated", "You were seated on a review panel"),
    NoticeKind("roles.offer_made", "You were offered a role"),
    NoticeKind("roles.offer_answered", "An offer you made was answered"),
    NoticeKind("roles.application_decided", "A role application of yours was decided"),
    NoticeKind("roles.proposal_waiting", "A role proposal waits for your review"),
    NoticeKind("roles.proposal_returned", "Your role proposal came back for changes"),
    NoticeKind("roles.proposal_moved", "Your role proposal moved on"),
    NoticeKind("roles.proposal_declined", "Your role proposal was declined"),
    NoticeKind("roles.proposal_approved", "Your role proposal was approved"),
    NoticeKind("roles.proposal_placed", "You were placed in the role you proposed"),
)


def _reviews(staff_id: int) -> list[WaitingItem]:
    items = []
    seats = PanelMember.objects.filter(
        reviewer_id=staff_id, panel__posting__status=PostingStatus.OPEN
    ).select_related(
        "panel__posting__role", "panel__posting__school", "panel__posting__school_year"
    )
    for seat in seats:
        posting = seat.panel.posting
        todo = (
            access.reviewable_by(seat)
            .filter(status=ApplicationStatus.SUBMITTED)
            .exclude(pk__in=Score.objects.filter(member=seat).values("application_id"))
            .count()
        )
        if todo:
            items.append(
                WaitingItem(
                    f"Score {todo} application{'s' if todo != 1 else ''} for {posting.role.title}",
                    reverse("roles:posting-detail", args=[posting.pk]),
                    str(posting.school or "district-wide"),
                )
            )
    return items


def waiting_items(user: Any) -> list[WaitingItem]:
    scope = scope_for(user)
    items: list[WaitingItem] = []
    if scope.own_staff_id is not None:
        items += _reviews(scope.own_staff_id)
        offers = Offer.objects.filter(
            application__applicant_id=scope.own_staff_id, response=OfferResponse.PENDING
        ).select_related("application__posting__role")
        for offer in offers:
            items.append(
                WaitingItem(
                    f"Answer the offer of {offer.application.posting.role.title}",
                    reverse("roles:application", args=[offer.application_id]),
                    "accept or decline",
                    offer.offered_at,
                )
            )
        returned = RoleProposal.objects.filter(
            proposers__id=scope.own_staff_id, status=ProposalStatus.RETURNED
        ).distinct()
        for p in returned:
            items.append(
                WaitingItem(
                    f"Change and resend your proposal “{p.title}”",
                    reverse("roles:proposal", args=[p.pk]),
                    "it came back for changes",
                )
            )
    led = scope.current_led_school_ids()
    if led:
        for p in RoleProposal.objects.filter(school_id__in=led, status=ProposalStatus.SUBMITTED):
            items.append(
                WaitingItem(
                    f"Review the proposal “{p.title}”",
                    reverse("roles:proposal", args=[p.pk]),
                    f"from {p.submitted_by}",
                    p.created_at,
                )
            )
    if scope.officer_district_ids:
        for p in RoleProposal.objects.filter(
            district_id__in=scope.officer_district_ids, status=ProposalStatus.PRINCIPAL_APPROVED
        ):
            items.append(
                WaitingItem(
                    f"Review the proposal “{p.title}” for the district",
                    reverse("roles:proposal", args=[p.pk]),
                    f"{p.school}, approved by its principal",
                )
            )
    return items
