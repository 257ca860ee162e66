"""Ratings across vocabularies: a district's labels read under any policy, by rank.

A district rates in its own words ("Ineffective" … "Highly Effective", lowest first); a
policy names its own levels ("unsatisfactory", "satisfactory"). When the policy's vocabulary
already lists a label, that mapping wins. Otherwise a label is read by its rank: label ``i``
of the district's ``L`` labels counts as level ``i * P // L`` of the policy's ``P`` levels —
with four district labels and two policy levels, Ineffective and Developing count as
unsatisfactory, Effective and Highly Effective as satisfactory. The forecast spreads rating
levels over a policy's levels by the same rule (:func:`level_by_rank`).

:func:`for_district` returns the policy with the district's labels added to every
vocabulary, so the engine, the forecast and every page read one teacher's rating the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from lattice.rules.policy import Policy, Ratings


def rank_of(label: str, labels: Sequence[str]) -> int | None:
    """The position of ``label`` in ``labels`` (lowest first), ignoring case; None if absent."""
    wanted = label.strip().lower()
    for index, known in enumerate(labels):
        if known.strip().lower() == wanted:
            return index
    return None


def level_by_rank(index: int, count: int, levels: Sequence[str]) -> str:
    """Level ``index * len(levels) // count`` of ``levels``: label ``index`` of ``count``."""
    if count <= 0 or not levels:
        raise ValueError("need at least one label and one level")
    return levels[min(max(index, 0) * len(levels) // count, len(levels) - 1)]


def district_labels_map(labels: Sequence[str], policy: Policy) -> dict[str, str]:
    """Each district label → the policy level it counts as (by rank), for the labels no
    vocabulary of the policy lists already."""
    known = {label.lower() for v in policy.ratings.vocabularies for label, _ in v.labels}
    return {
        label: level_by_rank(index, len(labels), policy.ratings.levels)
        for index, label in enumerate(labels)
        if label.lower() not in known
    }


@lru_cache(maxsize=128)
def _extended(policy: Policy, labels: tuple[str, ...]) -> Policy:
    extra = tuple(district_labels_map(labels, policy).items())
    if not extra:
        return policy
    vocabularies = tuple(replace(v, labels=v.labels + extra) for v in policy.ratings.vocabularies)
    ratings = Ratings(levels=policy.ratings.levels, vocabularies=vocabularies)
    return replace(policy, ratings=ratings)


def for_district(policy: Policy, labels: Sequence[str]) -> Policy:
    """``policy`` reading the district's rating ``labels`` by rank where it lacks them."""
    return _extended(policy, tuple(labels))
