"""What the councils pages list about one person, read in one place so every page agrees:
the seats they hold today (the councils home, the profile panel) and the open votes waiting
on them, their own and those they hold as a proxy (the councils home and, through the
``lattice.notifications.waiting`` registry, the "Waiting for you" list of their home page)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone

from lattice.councils import access
from lattice.councils.models import Body, Poll, PollStatus, Proxy, Seat, seats_held_q
from lattice.lib.actors import Actor
from lattice.notifications.waiting import WaitingItem
from lattice.people.models import StaffMember


def seats_held(staff: StaffMember | None) -> list[Seat]:
    """The seats ``staff`` holds today, each once, with their bodies, by body name."""
    if staff is None:
        return []
    return list(
        Seat.objects.filter(seats_held_q(timezone.localdate()), holder=staff)
        .select_related("body")
        .order_by("body__name", "label", "pk")
    )


@dataclass(frozen=True)
class VotesWaiting:
    """The open polls ``me`` has yet to vote in (``own``; one handed to a proxy is the
    holder's to cast) and the proxies ``me`` holds whose giver's vote is not cast yet."""

    own: list[Poll]
    proxies: list[Proxy]


def votes_waiting(user: Actor, bodies: QuerySet[Body] | list[Body] | None = None) -> VotesWaiting:
    """The votes waiting on ``user`` in the bodies they may see (``bodies``, when the
    caller has read them already; none without a staff record): two queries."""
    me = access.own_staff(user)
    if me is None:
        return VotesWaiting([], [])
    if bodies is None:
        bodies = access.bodies_visible_to(user)
    own = list(
        # One filter() call: "me, not yet voted" is one and the same snapshot row.
        Poll.objects.filter(
            status=PollStatus.OPEN, eligible__voter=me, eligible__voted=False, body__in=bodies
        )
        .exclude(proxies__giver=me)  # handed to a proxy: theirs to cast
        .select_related("body")  # each line names its body: no query a poll
        .order_by("pk")
    )
    # One filter() call, so the snapshot row that has not voted is the giver's.
    proxies = list(
        Proxy.objects.filter(
            holder=me,
            poll__status=PollStatus.OPEN,
            poll__body__in=bodies,
            poll__eligible__voter=F("giver"),
            poll__eligible__voted=False,
        )
        .select_related("poll__body", "giver")
        .order_by("poll_id", "pk")
    )
    return VotesWaiting(own, proxies)


def waiting_votes(user: Actor) -> list[WaitingItem]:
    """The votes waiting on ``user``, as lines of their home page's "Waiting for you"."""
    found = votes_waiting(user)
    items = [
        WaitingItem(
            f"Vote: {p.title}",
            reverse("councils:poll", args=[p.pk]),
            f"{p.body.name} · {p.get_kind_display()}",
            p.opened_on,
        )
        for p in found.own
    ]
    items += [
        WaitingItem(
            f"Cast {x.giver}'s vote as their proxy: {x.poll.title}",
            reverse("councils:poll", args=[x.poll_id]),
            f"{x.poll.body.name} · {x.poll.get_kind_display()}",
            x.poll.opened_on,
        )
        for x in found.proxies
    ]
    return items
