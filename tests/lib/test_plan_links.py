"""The plan-links registry asks each former once for the bodies linked to it and leaves out
links whose former is not installed (plain Python: formers registered here are plain data)."""

from __future__ import annotations

from collections.abc import Collection

import pytest

from lattice.lib import plan_links
from lattice.lib.plan_links import BodyFormer, BodyKindChoice, BodyStage, LinkedBody


def _body(key: str, ref: int) -> LinkedBody:
    return LinkedBody(key, ref, f"Body {ref}", "council", None, f"/{key}/{ref}/",
                      BodyStage.FORMED, "Formed")  # fmt: skip


def _former(key: str, asked: list[set[int]]) -> BodyFormer:
    def linked(refs: Collection[int]) -> dict[int, LinkedBody]:
        asked.append(set(refs))
        return {r: _body(key, r) for r in refs if r != 404}

    return BodyFormer(
        key=key, noun="council", kinds=lambda: [BodyKindChoice("council", "Council")],
        bodies=lambda actor, district_id: [], linked=linked,
        may_form=lambda actor, district_id: False, preview=lambda draft: [],
        form=lambda actor, draft: _body(key, 1),
    )  # fmt: skip


def test_each_former_is_asked_once_for_all_its_links_and_missing_ones_are_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[set[int]] = []
    monkeypatch.setattr(plan_links, "_formers", {})
    plan_links.register(_former("councils", asked))
    found = plan_links.linked_bodies([("councils", 1), ("councils", 2), ("councils", 404),
                                      ("absent", 3)])  # fmt: skip
    assert asked == [{1, 2, 404}]
    assert sorted(found) == [("councils", 1), ("councils", 2)]
    assert plan_links.former("absent") is None


def test_registering_a_key_again_replaces_the_former(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_links, "_formers", {})
    plan_links.register(_former("councils", []))
    second = _former("councils", [])
    plan_links.register(second)
    assert plan_links.formers() == [second]


def test_the_stages_read_in_plain_words() -> None:
    assert [s.label for s in BodyStage] == ["Formed", "Seated", "First meeting held", "Closed"]
