"""The cost and workforce forecast: what a policy costs and whom it rewards, before adoption.

A pure package (standard library + NumPy, plus ``lattice.rules``): a starting workforce
(``workforce``), assumptions about ratings, learning, leaving and hiring (``assumptions``,
optionally estimated from a district's history by ``calibration``), and one or more policies go
in; a Monte Carlo simulation (``simulate``) on common random numbers (``compare``) streams
per-year summaries out (``results``), drawn as SVG by ``charts``.
"""

from __future__ import annotations

CODE_VERSION = "forecast-2.0"  # 2.0: the leaner random stream, docs/decisions/0022
