"""Reminders that a decision's review is due: Loomio's outcome review date, acted on.

The nightly job (:mod:`lattice.councils.schedule`) tells whoever carries each decision out and
the body's chair, once per review date: the date the reminder went out for is stored on the
decision, so a rerun sends nothing new, and moving the review date on arms a new reminder.
Each reminder is one audit entry, like every job that changes what people are told.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse

from lattice.audit.log import record
from lattice.councils.actions.common import _today
from lattice.councils.models import Decision, DecisionStatus, Seat, SeatPosition, seats_held_q
from lattice.lib.formatting import day
from lattice.notifications.kinds import NoticeKind
from lattice.notifications.send import notify

if TYPE_CHECKING:
    from django.contrib.auth.models import User

KINDS = (NoticeKind("councils.review_due", "A council decision is due for review"),)


def _due(on: dt.date) -> list[Decision]:
    return list(
        Decision.objects.filter(review_on__lte=on)
        .exclude(status=DecisionStatus.SUPERSEDED)
        .filter(Q(review_reminded_for__isnull=True) | ~Q(review_reminded_for=F("review_on")))
        .select_related("body__district", "owner__user")
    )


def _chairs(decision: Decision, on: dt.date) -> list[User]:
    seats = Seat.objects.filter(
        seats_held_q(on), body=decision.body, position=SeatPosition.CHAIR
    ).select_related("holder__user")
    return [s.holder.user for s in seats if s.holder is not None and s.holder.user is not None]


def send_review_reminders(on: dt.date | None = None) -> int:
    """Remind the owner and the chair of every decision whose review date has come and
    who were not reminded for that date yet; returns how many decisions were reminded."""
    on = on or _today()
    reminded = 0
    for decision in _due(on):
        with transaction.atomic():
            # Claim the decision first: two workers running the job at once remind once.
            claimed = (
                Decision.objects.filter(pk=decision.pk)
                .filter(
                    Q(review_reminded_for__isnull=True) | ~Q(review_reminded_for=F("review_on"))
                )
                .update(review_reminded_for=F("review_on"))
            )
            if not claimed:
                continue
            people: dict[int, User] = {}
            owner = decision.owner.user if decision.owner is not None else None
            for user in ([owner] if owner is not None else []) + _chairs(decision, on):
                people[user.pk] = user
            link = reverse("councils:decision", args=[decision.pk])
            review = day(decision.review_on) if decision.review_on else ""
            for user in people.values():
                notify(
                    user,
                    kind="councils.review_due",
                    subject=f"Review due: {decision.statement[:120]}",
                    body=f"{decision.body} decided on {day(decision.decided_on)}: "
                    f"“{decision.statement}”. Its review date, {review}, has come: put it on "
                    "the next agenda, or record that it was carried out or superseded.",
                    link=link,
                )
            record(
                actor=None,
                action="councils.decision.review_reminder",
                obj=decision,
                district=decision.body.district,
                after={"review_on": str(decision.review_on or ""), "told": len(people)},
                summary=", ".join(u.get_full_name() or u.get_username() for u in people.values())
                or "nobody (no owner or chair has an account)",
            )
            reminded += 1
    return reminded
