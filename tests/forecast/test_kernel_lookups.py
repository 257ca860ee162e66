"""The kernel's fused lookups move every slot exactly as the plain tables do.

A step-and-lane year takes its step by arithmetic when the gate is met from one rating code
up, and a block with a ledger policy and a step-and-lane policy reads the ledger's units and
the year's graduate credits in one packed lookup. Both are checked here against the tables
they replace, slot by slot and year by year, with vacancies (a replacement rate below 100%)
so that empty slots are exercised too."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.compile import ForecastTables
from lattice.forecast.kernel import Block
from lattice.forecast.simulate import block_rng, compile_all, stream_rng
from lattice.forecast.tables import PolicyTables, StepsPolicyTables, _gate_from
from lattice.forecast.workforce import synthetic
from lattice.rules.loader import load_policy
from lattice.rules.policy import Policy

from .conftest import POLICIES

A = Assumptions(replacement_rate=0.9)
YEARS = 8


def _history(tables: list[ForecastTables], seed: int = 4) -> list[list[npt.NDArray[Any]]]:
    """Every policy's positions and banks, and the shared degrees and credits, each year."""
    shared, _ = compile_all(_policies(), A)
    workforce = synthetic(2500, seed=seed, assumptions=A)
    block = Block(workforce, tables, shared, 3, streams=lambda s: stream_rng(seed, 0, s))
    rng = block_rng(seed, 0)
    seen = []
    for _ in range(YEARS):
        u = block.draws(rng)
        block.year(u)
        seen.append([p.copy() for p in block.position] + [b.copy() for b in block.bank]
                    + [block.degree.copy(), block.credits.copy(), block.rating.copy()])  # fmt: skip
        block.leave(u, rng)
    assert block.any_vacant  # some slots were left empty
    return seen


def _policies() -> list[Policy]:
    return [load_policy(POLICIES / f"{key}.toml")
            for key in ("baltimore-2010", "step-and-lane-pwcs-2020")]  # fmt: skip


@pytest.fixture(scope="module")
def fused() -> list[ForecastTables]:
    _, tables = compile_all(_policies(), A)
    ledger, steps = tables
    assert isinstance(ledger, PolicyTables)
    assert ledger.units_and_credits is not None
    assert isinstance(steps, StepsPolicyTables)
    assert steps.gate_from is not None
    return tables


def _plain(tables: list[ForecastTables]) -> list[ForecastTables]:
    ledger, steps = tables
    assert isinstance(ledger, PolicyTables)
    assert isinstance(steps, StepsPolicyTables)
    return [replace(ledger, units_and_credits=None), replace(steps, gate_from=None)]


def test_the_fused_lookups_move_every_slot_as_the_plain_tables_do(
    fused: list[ForecastTables],
) -> None:
    for year, (got, want) in enumerate(zip(_history(fused), _history(_plain(fused)),
                                           strict=True)):  # fmt: skip
        for g, w in zip(got, want, strict=True):
            assert np.array_equal(g, w), f"year {year + 1}"


def test_the_arithmetic_step_is_the_step_table_whenever_the_gate_is_monotone(
    fused: list[ForecastTables],
) -> None:
    steps = fused[1]
    assert isinstance(steps, StepsPolicyTables)
    assert steps.gate_from is not None
    codes = len(A.levels) + 1
    position = np.arange(steps.sink + 1, dtype=np.int64)
    for code in range(codes):
        table = steps.step_lut[(position[:-1] << 3) | code]
        step = position[:-1] % steps.steps
        up = int(code >= steps.gate_from)
        assert np.array_equal(table, step + np.where(step < steps.steps - 1, up, 0))


def test_a_gate_met_only_in_the_middle_of_the_scale_reads_the_step_table() -> None:
    assert _gate_from(np.array([False, False, True, True])) == 2
    assert _gate_from(np.array([False, True, False, True])) is None
    assert _gate_from(np.array([True, True])) is None  # "no rating yet" never meets it
    assert _gate_from(np.array([False, False, False])) == 3  # never met: from past the top
