"""Spans: which districts a body serves, when that is more than the district that keeps it.

A body's members are its district's staff, except a body that serves something wider: a
network cabinet is kept by one member district but seats staff of every district of its
network. The councils app cannot know about networks (the network app stands above it,
docs/decisions/0009), so it asks this registry: an app that makes such bodies registers a
:class:`BodySpan` from its ``AppConfig.ready()`` (the network app, for its cabinets), and the
councils app reads it when it seats a member (``actions.fill_seat``), takes nominations and
an electorate, and decides who sees a body (``access``). Without a span, a body spans its own
district, as before (docs/decisions/0008).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

if TYPE_CHECKING:
    from lattice.councils.models import Body, Seat


@dataclass(frozen=True)
class BodySpan:
    """One app's answer for the bodies it makes.

    ``districts(body)`` is the set of district ids whose staff may sit on ``body`` today
    (for a network cabinet: the network's current member districts, so a district that left
    no longer counts), or ``None`` when ``body`` is not one of this app's.

    ``bodies(district_ids, network_ids)`` is an unevaluated queryset of body ids (one column)
    whose public side — seats, published minutes, decisions — the staff and talent offices of
    ``district_ids`` and the offices of ``network_ids`` may read: bodies that span one of the
    districts, or serve one of the networks. Access unions it into one query.
    """

    key: str
    districts: Callable[[Body], frozenset[int] | None]
    bodies: Callable[[frozenset[int], frozenset[int]], QuerySet[Any]]


_spans: dict[str, BodySpan] = {}


def register(span: BodySpan) -> None:
    """Register ``span`` (registering a key again replaces it)."""
    _spans[span.key] = span


def spans() -> list[BodySpan]:
    """The registered spans, by key."""
    return [_spans[key] for key in sorted(_spans)]


def span_of(body: Body) -> frozenset[int] | None:
    """The first registered answer for ``body``, or ``None`` when no app speaks for it."""
    for span in spans():
        found = span.districts(body)
        if found is not None:
            return found
    return None


def districts_spanned(body: Body) -> frozenset[int]:
    """The districts whose staff may sit on ``body``: the registered answer, or the body's
    own district when no app speaks for it."""
    found = span_of(body)
    return frozenset({body.district_id}) if found is None else found


def seat_districts(seat: Seat, spanned: frozenset[int] | None = None) -> frozenset[int]:
    """The districts whose staff may sit on ``seat`` today: those its body spans
    (:func:`districts_spanned`; ``spanned`` when the caller has read it already),
    narrowed to the seat's constituency district when it represents one."""
    if spanned is None:
        spanned = districts_spanned(seat.body)
    if seat.constituency_district_id is not None:
        return spanned & {seat.constituency_district_id}
    return spanned
