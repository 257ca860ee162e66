"""SVG bar charts of shared rates: one bar per district, a target mark where a district has
one, and the reason in words where a district's bar is not shown."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lattice.network.comparisons import Rate

# 320 wide: on a phone (about 300 px inside the card) the text stays near its 14 px size
WIDTH, ROW, BAR, ROOM = 320, 44, 16, 110


@dataclass(frozen=True)
class Bar:
    label: str
    label_y: int
    bar_y: int
    width: float
    text: str
    text_x: float
    text_y: int
    target_x: float | None
    why_not: bool = False  # the text says why no value is shown (not a value of 0)


def rate_bars(rates: tuple[Rate, ...], unit: str = "") -> tuple[list[Bar], int]:
    """The bars of a chart and its height; the scale is the largest value or target."""
    plot = WIDTH - ROOM
    top = max(
        [r.value for r in rates if r.value is not None]
        + [r.target for r in rates if r.target is not None and r.value is not None],
        default=Decimal(0),
    ) or Decimal(1)
    bars = []
    for i, rate in enumerate(rates):
        y = i * ROW
        width = float(plot * rate.value / top) if rate.value is not None else 0.0
        text = f"{rate.value:,}{unit}" if rate.value is not None else rate.why_not
        target = (
            float(plot * rate.target / top)
            if rate.target is not None and rate.value is not None
            else None
        )
        text_x = max(width, target or 0.0) + 6
        bars.append(
            Bar(rate.district, y + 14, y + 20, round(width, 1), text, round(text_x, 1),
                y + 20 + BAR - 3, target, rate.value is None)
        )  # fmt: skip
    return bars, max(len(bars) * ROW, ROW)
