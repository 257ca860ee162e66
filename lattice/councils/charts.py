"""The score vote's chart: how the ballots scored each option, drawn with lattice.lib.charts.

The page shows totals already; this chart shows the spread behind them (a stacked bar per
option, a segment per score), so a board sees whether an option is liked by all or loved by
some and refused by others. The table beside it carries the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe

from lattice.councils.counting import TOP_SCORE, ScoreSpread
from lattice.lib.charts import PALETTE, stacked_bars, swatch_legend

# Warm for low scores, cool for high: each colour from the shared palette (3:1 on white),
# and each score is named in the legend, so colour never carries the meaning alone.
SCORE_COLOURS = (PALETTE[6], PALETTE[1], PALETTE[4], PALETTE[2], PALETTE[5], PALETTE[0])
SCORE_NAMES = tuple(f"scored {k}" for k in range(TOP_SCORE + 1))


def score_chart(
    spreads: Sequence[ScoreSpread], names: dict[int, str], *, weighted: bool = False
) -> SafeString:
    """The stacked bars of ``spreads``, with the option ``names`` and a legend of scores.
    Where seats carry voting shares (``weighted``) the bars count votes, not ballots."""
    rows = [(names.get(s.option, "?"), s.counts) for s in spreads]
    chart = stacked_bars(
        rows,
        SCORE_NAMES,
        title="How the ballots scored each option",
        chart_id="score-spread",
        colours=SCORE_COLOURS,
    )
    legend = swatch_legend(
        [f"{k} point{'' if k == 1 else 's'}" for k in range(TOP_SCORE + 1)], SCORE_COLOURS
    )
    counted = (
        "the number after it counts the votes (a ballot counts as many votes as its "
        "voter's seat carries)"
        if weighted
        else "the number after it counts the ballots"
    )
    caption = (
        "<figcaption>Each bar is the ballots that scored the option, split by the score "
        f"they gave it; {counted}. {legend}</figcaption>"
    )
    return mark_safe(f'<figure class="chart">{chart}{caption}</figure>')  # all escaped above
