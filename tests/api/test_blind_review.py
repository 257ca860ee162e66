"""Blind review holds in the API too: no endpoint or field carries a review panel's scores,
means or rankings, so a reviewer cannot read a co-reviewer's score through a token while the
pages hide it (``lattice.roles.access.can_see_panel_scores``, ``lattice.pathways.access``).

Should the API ever publish applications or reviews, it must go through those checks; this
test then fails on purpose, naming what appeared, so the new endpoint gets its blind-review
tests first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from tests.api.test_schema import COMMITTED

REVIEW_WORDS = re.compile(r"score|mean|rank|review|panel|application", re.IGNORECASE)
# Field names that contain one of those words but are not about reviewing people.
NOT_ABOUT_REVIEWERS = {
    "review_on": "the day a council decision is due to be looked at again",
    "peer_review_passed": "a forecast's assumption: the share who pass a peer review each year",
}


def _property_names(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            yield from _property_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _property_names(item)


def test_no_api_path_publishes_applications_reviews_or_panels() -> None:
    schema = yaml.safe_load(COMMITTED.read_text())
    assert schema["paths"], "the schema lists no paths"
    assert not [p for p in schema["paths"] if REVIEW_WORDS.search(p)]


def test_no_api_field_carries_a_score_a_mean_or_a_ranking() -> None:
    schema = yaml.safe_load(COMMITTED.read_text())
    names = set(_property_names(schema["components"]))
    assert "status" in names  # the walk does reach the fields
    assert not sorted(n for n in names if REVIEW_WORDS.search(n) and n not in NOT_ABOUT_REVIEWERS)
