"""Fixtures for the pure forecast tests: the shipped Baltimore policy and small workforces."""

from __future__ import annotations

from pathlib import Path

import pytest

from lattice.rules.loader import load_policy
from lattice.rules.policy import Policy

POLICIES = Path(__file__).resolve().parents[2] / "policies"


@pytest.fixture(scope="session")
def baltimore() -> Policy:
    return load_policy(POLICIES / "baltimore-2010.toml")
