"""Rare events drawn where they happen, not a draw per slot (docs/decisions/0022).

An event of probability ``p`` in each of ``n`` slots, independently, is the same thing as
the gaps between the slots where it happens being geometric: the number of slots passed
over before the next event is ``k`` with probability ``(1 - p)^k p``. ``floor(E / λ)`` with
``E`` a standard exponential and ``λ = -log(1 - p)`` is exactly such a gap
(``P(floor(E / λ) ≥ k) = e^(-λk) = (1 - p)^k``), so the slots of a rare event cost one
exponential per event instead of one 16-bit word and a comparison per slot — and no
``flatnonzero`` over every slot to find them.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from lattice.forecast.tables import SCALE

Rows = npt.NDArray[np.intp]


def event_rows(rng: np.random.Generator, n: int, threshold: int) -> Rows:
    """The slots, in order, where an event of probability ``threshold / SCALE`` happens.

    The exponentials are drawn in batches sized to reach past ``n`` almost always in one
    (the mean plus four standard deviations); a short batch is followed by another, so the
    draws consumed depend only on the stream, never on how the batches fell."""
    if threshold <= 0 or n <= 0:
        return np.zeros(0, dtype=np.intp)
    if threshold >= SCALE:
        return np.arange(n, dtype=np.intp)
    p = threshold / SCALE
    rate = -math.log1p(-p)
    expected = n * p
    batch = int(expected + 4.0 * math.sqrt(expected * (1.0 - p)) + 16)
    found: list[Rows] = []
    last = -1
    while last < n:
        gaps = rng.standard_exponential(batch)
        np.divide(gaps, rate, out=gaps)
        np.floor(gaps, out=gaps)
        steps = gaps.astype(np.intp)
        steps += 1
        rows = np.cumsum(steps, out=steps)
        rows += last
        inside = int(np.searchsorted(rows, n))
        found.append(rows[:inside])
        last = int(rows[-1]) if inside == batch else n
    return found[0] if len(found) == 1 else np.concatenate(found)
