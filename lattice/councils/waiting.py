"""What waits on the talent office from the councils: passed decisions that change Lattice
data and are not carried out yet (registered with ``lattice.notifications.waiting``, so the
office's home pages list them with a link to the decision's Carry out block)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from lattice.councils.actions.carry_outs import CARRY_OUTS
from lattice.councils.models import Decision, DecisionStatus, ProposalStatus
from lattice.notifications.waiting import WaitingItem
from lattice.people.access import scope_for


def waiting_items(user: Any) -> list[WaitingItem]:
    """For a talent officer: their districts' passed decisions waiting to be carried out
    (one query; nothing, and no query, for anyone else)."""
    scope = scope_for(user)
    if not scope.officer_district_ids:
        return []
    rows = (
        Decision.objects.filter(
            body__district_id__in=scope.officer_district_ids,
            proposal__status=ProposalStatus.ACCEPTED,
            proposal__carries_out__in=list(CARRY_OUTS),
            carried_out_as="",
        )
        .exclude(status=DecisionStatus.SUPERSEDED)
        .select_related("body", "proposal")
        .order_by("decided_on", "pk")
    )
    return [
        WaitingItem(
            f"Carry out the decision of {d.body.name}",
            reverse("councils:decision", args=[d.pk]),
            CARRY_OUTS[d.proposal.carries_out].label.lower(),  # type: ignore[union-attr]
            d.decided_on,
        )
        for d in rows
    ]
