"""The forecast page offers every shipped policy, Texas TIA included, named in words."""

from __future__ import annotations

from lattice.forecasts.choices import SHIPPED, _shipped


def test_every_shipped_policy_is_offered() -> None:
    offered = [key for key, _ in _shipped()]
    assert offered == [f"shipped:{p.stem}" for p in sorted(SHIPPED.glob("*.toml"))]
    assert "shipped:tia-2025" in offered
    assert "shipped:dc-lift-2012" in offered


def test_the_choices_are_named_as_people_call_the_policy() -> None:
    names = dict(_shipped())
    assert names["shipped:tia-2025"].startswith("Texas Teacher Incentive Allotment (HB 2, 2025)")
