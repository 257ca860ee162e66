"""The shared SVG chart helpers (lattice.lib.charts): legends that never overlap."""

from __future__ import annotations

import itertools
import re

from lattice.lib.charts import legend, text_width


def _entries(marks: list[str]) -> list[tuple[float, float, str]]:
    """(square's x, row's y, name) of each legend entry, from the marks drawn."""
    squares = [re.search(r'x="([\d.]+)" y="([\d.]+)"', m) for m in marks if m.startswith("<rect")]
    names = [re.search(r">([^<]*)</text>", m) for m in marks if m.startswith("<text")]
    return [
        (float(sq.group(1)), float(sq.group(2)), nm.group(1))
        for sq, nm in zip(squares, names, strict=True)
        if sq and nm
    ]


def test_a_legend_leaves_room_for_each_name_before_the_next_square() -> None:
    names = ["Acknowledged", "Recognized", "Model teacher", "Mentor teacher", "WWW Master"]
    marks, _ = legend(names, 60, 700)
    entries = _entries(marks)
    for (x, y, name), (next_x, next_y, _) in itertools.pairwise(entries):
        if next_y == y:
            assert x + 16 + text_width(name) < next_x, f"{name} runs into the next entry"


def test_a_legend_wraps_to_a_new_row_rather_than_running_past_the_plot() -> None:
    marks, height = legend(["Professional development facilitated"] * 4, 60, 420)
    entries = _entries(marks)
    assert height > 16
    assert all(x + 16 + text_width(name) <= 420 for x, _, name in entries)


def test_a_name_in_capitals_is_estimated_wider_than_seven_pixels_a_letter() -> None:
    assert text_width("Acknowledged") > 7 * len("Acknowledged")
    assert text_width("MMMM") > text_width("iiii") * 2


def test_a_bar_chart_with_no_figures_says_so_on_the_chart() -> None:
    from lattice.lib.charts import NOTHING_YET, horizontal_bars

    chart = horizontal_bars([], title="Teachers per school", chart_id="empty")
    assert f">{NOTHING_YET}</text>" in chart
    assert f'<desc id="empty-desc">{NOTHING_YET}</desc>' in chart
