"""The network's answer to the councils app's spans registry (``lattice.councils.spans``):
a network cabinet spans its network's current member districts.

Membership is read from people's ``District.network`` (the current value the network app's
``join_network``/``leave_network`` keep with the history), so a district that left counts no
more, for new seats and for who sees the cabinet, from the day it left.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from lattice.councils.models import Body, BodyScope
from lattice.councils.spans import BodySpan
from lattice.network.models import NetworkCabinet
from lattice.people.models import District


def member_districts(body: Body) -> frozenset[int] | None:
    """The member districts of the network ``body`` serves, if it is a network cabinet."""
    if body.scope != BodyScope.NETWORK:
        return None
    network_id = (
        NetworkCabinet.objects.filter(body_id=body.pk).values_list("network_id", flat=True).first()
    )
    if network_id is None:
        return None
    return frozenset(District.objects.filter(network_id=network_id).values_list("pk", flat=True))


def cabinets_reached(district_ids: frozenset[int], network_ids: frozenset[int]) -> QuerySet[Any]:
    """Ids of the cabinets of the networks ``district_ids`` are members of today, and of
    ``network_ids`` (whose office reads them); unevaluated."""
    return NetworkCabinet.objects.filter(
        Q(network__districts__in=district_ids) | Q(network_id__in=network_ids)
    ).values("body_id")


SPAN = BodySpan("network.cabinets", member_districts, cabinets_reached)
