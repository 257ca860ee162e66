"""What counts as a high-poverty school: the policy's own threshold, one definition."""

from __future__ import annotations

from dataclasses import replace

from lattice.rules.loader import load_policy
from lattice.rules.poverty import (
    DEFAULT_HIGH_POVERTY_PERCENT,
    declared_percent,
    high_poverty_percent,
)

from .conftest import POLICIES


def test_dc_lift_declares_its_sixty_percent_line() -> None:
    assert declared_percent(load_policy(POLICIES / "dc-lift-2012.toml")) == 60


def test_a_policy_that_pays_no_school_differently_declares_none() -> None:
    assert declared_percent(load_policy(POLICIES / "baltimore-2010.toml")) is None


def test_the_first_policy_that_declares_a_threshold_decides_else_the_default() -> None:
    baltimore = load_policy(POLICIES / "baltimore-2010.toml")
    lift = load_policy(POLICIES / "dc-lift-2012.toml")
    assert lift.ladder is not None
    stricter = replace(lift, ladder=replace(lift.ladder, pay_min_frl_percent=75), bonuses=())
    assert high_poverty_percent([baltimore, stricter, lift]) == 75
    assert high_poverty_percent([baltimore, None]) == DEFAULT_HIGH_POVERTY_PERCENT
