"""The forecast page offers every shipped policy the engine can run, step-and-lane included."""

from __future__ import annotations

from lattice.forecasts.choices import SHIPPED, _shipped, runnable
from lattice.rules.loader import load_policy


def test_the_step_and_lane_schedule_is_offered_beside_the_ledger_policy() -> None:
    offered = [key for key, _ in _shipped()]
    assert "shipped:baltimore-2010" in offered
    assert "shipped:step-and-lane-pwcs-2020" in offered


def test_a_model_the_engine_cannot_run_is_not_offered() -> None:
    assert not runnable(load_policy(SHIPPED / "dc-lift-2012.toml"))
    assert "shipped:dc-lift-2012" not in [key for key, _ in _shipped()]
