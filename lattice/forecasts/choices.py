"""Which policies the forecast page offers: shipped files the engine can run, and the
district's adopted policy. Reads only."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.compile import forecast_tables
from lattice.forecast.tables import ForecastError, shared_tables
from lattice.pathways.compute import adoption_in_force, policy_of
from lattice.people.models import District
from lattice.rules.loader import PolicyError, load_policy
from lattice.rules.policy import Policy

SHIPPED = Path(__file__).resolve().parents[2] / "policies"
ADOPTED = "adopted"


def runnable(policy: Policy) -> bool:
    a = Assumptions()
    try:
        forecast_tables(policy, shared_tables(a), a)
    except ForecastError:
        return False
    return True


@cache
def _shipped() -> tuple[tuple[str, str], ...]:
    out = []
    for path in sorted(SHIPPED.glob("*.toml")):
        try:
            policy = load_policy(path)
        except PolicyError:
            continue
        if runnable(policy):
            out.append(
                (f"shipped:{path.stem}", f"{policy.name} (shipped {policy.key} v{policy.version})")
            )
    return tuple(out)


def policy_choices(district: District) -> list[tuple[str, str]]:
    choices = list(_shipped())
    adoption = adoption_in_force(district, dt.date.today())
    if adoption is not None and runnable(policy_of(adoption)):
        choices.insert(0, (ADOPTED, f"Adopted: {adoption.policy_name} v{adoption.version}"))
    return choices


def resolve(choice: str, district: District) -> Policy:
    """The policy for a form choice; ``ForecastError`` when it is no longer available."""
    if choice == ADOPTED:
        adoption = adoption_in_force(district, dt.date.today())
        if adoption is None:
            raise ForecastError("the district has no adopted policy any more — choose another")
        return policy_of(adoption)
    if choice.startswith("shipped:"):
        path = SHIPPED / f"{choice.removeprefix('shipped:')}.toml"
        if path.exists() and path.parent == SHIPPED:
            return load_policy(path)
    raise ForecastError(f"unknown policy '{choice}' — choose one from the list")
