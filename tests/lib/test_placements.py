"""The pathway-placement seam: the roles app reads where teachers stand through a reader the
pathways app registers, never through the pathways app itself."""

from __future__ import annotations

import datetime as dt

from lattice.lib import placements
from lattice.lib.placements import PathwayPlacement, pathway_placement, pathway_placements

DAY = dt.date(2026, 1, 15)
MODEL = PathwayPlacement("model", "Model", frozenset({"standard", "professional", "model"}))


def test_the_pathways_app_registers_the_reader() -> None:
    assert list(placements.readers()) == ["pathways"]


def test_without_a_reader_nobody_is_placed(monkeypatch) -> None:
    monkeypatch.setattr(placements, "_readers", {})
    assert pathway_placements(1, DAY, [10, 11]) == {10: None, 11: None}


def test_every_teacher_asked_about_is_answered_and_no_other(monkeypatch) -> None:
    def reader(district_id: int, on: dt.date, ids: frozenset[int]) -> dict[int, object]:
        return {10: MODEL, 99: MODEL}

    monkeypatch.setattr(placements, "_readers", {})
    placements.register("test", reader)  # type: ignore[arg-type]
    assert pathway_placements(1, DAY, [10, 11]) == {10: MODEL, 11: None}
    assert pathway_placement(1, 10, DAY) == MODEL
