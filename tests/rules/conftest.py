"""Shared fixtures for the pure rules tests: the shipped policies, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from lattice.rules.loader import load_policy
from lattice.rules.policy import Policy

POLICIES = Path(__file__).resolve().parents[2] / "policies"


@pytest.fixture(scope="session")
def baltimore() -> Policy:
    return load_policy(POLICIES / "baltimore-2010.toml")


@pytest.fixture(scope="session")
def dc() -> Policy:
    return load_policy(POLICIES / "dc-lift-2012.toml")


@pytest.fixture(scope="session")
def iowa() -> Policy:
    return load_policy(POLICIES / "iowa-tlc-2013.toml")


@pytest.fixture(scope="session")
def denver() -> Policy:
    return load_policy(POLICIES / "denver-procomp-2008.toml")


@pytest.fixture(scope="session")
def pwcs() -> Policy:
    return load_policy(POLICIES / "step-and-lane-pwcs-2020.toml")
