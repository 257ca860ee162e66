"""A finished forecast run for the cast's district, made with the real engine (small)."""

from __future__ import annotations

from typing import Any

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.results import build_result
from lattice.forecast.simulate import simulate
from lattice.forecast.workforce import synthetic
from lattice.forecasts.choices import resolve
from lattice.forecasts.models import ForecastRun

SMALL = {
    "policy": "shipped:baltimore-2010",
    "vs": "shipped:baltimore-2010",
    "workforce": "synthetic",
    "teachers": 50,
    "years": 2,
    "runs": 10,
    "seed": 1,
    "assumptions": {},
}


def finished_run(cast: Any) -> ForecastRun:
    run = ForecastRun.objects.filter(district=cast.district, status="done").first()
    if run is not None:
        return run
    policy = resolve("shipped:baltimore-2010", cast.district)
    workforce = synthetic(50, seed=1)
    sim = simulate(workforce, [policy, policy], Assumptions(), years=2, runs=10, seed=1)
    result = build_result(sim, workforce, [policy, policy], Assumptions())
    return ForecastRun.objects.create(
        district=cast.district,
        title="Baltimore vs itself",
        inputs=SMALL,
        status="done",
        progress=1.0,
        result=result.as_dict(),
    )
