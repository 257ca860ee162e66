"""Monte Carlo over runs, vectorised over teachers and runs, with streaming per-year summaries.

``simulate(workforce, policies, assumptions, years=…, runs=…, seed=…)`` runs every policy on
the *same* teachers and the *same* random draws (common random numbers): the first policy is
the baseline that gainers and losers are counted against. Unit-ledger and step-and-lane
policies may be mixed; a step-and-lane policy's "pathways" are its lanes. Runs are processed
in blocks of about ``BLOCK_SLOTS`` teacher slots, two blocks at a time on two threads (NumPy
releases the GIL in its loops); each block draws from its own stream, ``SFC64`` seeded by
``SeedSequence(seed, spawn_key=(block,))`` (and step-and-lane policies' degree draws from
``spawn_key=(block, 1)``), so results do not depend on the thread count.

Teacher-level state never outlives a block: memory is bounded by the block size, not by the
number of runs. What is kept per run is a handful of numbers per year (payroll, headcount by
pathway, pay and headcount by school group, leaders, gainers and losers) so that quantiles
across runs are exact, plus one histogram of pay differences in the final year.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.kernel import Block, YearLog
from lattice.forecast.tables import (
    ForecastError,
    ForecastTables,
    SharedTables,
    forecast_tables,
    shared_tables,
)
from lattice.forecast.workforce import Workforce
from lattice.rules.policy import Policy

BLOCK_SLOTS = 1 << 17
MAX_YEARS = 50
MAX_RUNS = 100_000
# Pay differences vs the baseline in the final year: 2,000-dollar bins out to ±40,000, with an
# exact-zero bin in the middle and open bins at both ends.
BIN_WIDTH = 2000
BIN_SIDE = 21
BINS = 2 * BIN_SIDE + 1

Progress = Callable[[int, int], None]
I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]


@dataclass
class PolicyRuns:
    """Per-run, per-year numbers for one policy. Money here is in salary-table dollars: the
    cost-of-living factor for year ``y`` (``Simulation.cola_factor[y]``) multiplies it."""

    key: str
    version: str
    pathway_keys: tuple[str, ...]
    payroll: I64  # (runs, years)
    headcount: I32  # (runs, years, pathways)
    group_pay: I64  # (runs, years, 2): not high-poverty, high-poverty
    group_count: I32  # (runs, years, 2)
    leaders: I32  # (runs, years)
    teachers: I32  # (runs, years)
    gainers: I32  # (runs, years) paid more than under the baseline
    losers: I32  # (runs, years)
    histogram: I64  # (BINS,) final-year pay difference vs the baseline, in final-year dollars


@dataclass
class Simulation:
    policies: list[PolicyRuns]
    years: int
    runs: int
    seed: int
    teachers: int
    cola_factor: npt.NDArray[np.float64]
    teacher_years: int


def _empty(tables: ForecastTables, runs: int, years: int) -> PolicyRuns:
    p = len(tables.pathway_keys)
    return PolicyRuns(
        key=tables.key,
        version=tables.policy.version,
        pathway_keys=tables.pathway_keys,
        payroll=np.zeros((runs, years), np.int64),
        headcount=np.zeros((runs, years, p), np.int32),
        group_pay=np.zeros((runs, years, 2), np.int64),
        group_count=np.zeros((runs, years, 2), np.int32),
        leaders=np.zeros((runs, years), np.int32),
        teachers=np.zeros((runs, years), np.int32),
        gainers=np.zeros((runs, years), np.int32),
        losers=np.zeros((runs, years), np.int32),
        histogram=np.zeros(BINS, np.int64),
    )


def bin_of(diff: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Histogram bin of each pay difference (see ``BIN_WIDTH``)."""
    scaled = diff / BIN_WIDTH
    out = np.where(
        diff < 0,
        np.clip(np.floor(scaled), -BIN_SIDE, -1),
        np.where(diff > 0, np.clip(np.ceil(scaled), 1, BIN_SIDE), 0),
    )
    return out.astype(np.int64) + BIN_SIDE


def bin_labels() -> list[str]:
    labels = []
    for b in range(-BIN_SIDE, BIN_SIDE + 1):
        if b == 0:
            labels.append("no change")
        elif b == -BIN_SIDE:
            labels.append(f"less than -${(BIN_SIDE - 1) * BIN_WIDTH:,}")
        elif b == BIN_SIDE:
            labels.append(f"more than +${(BIN_SIDE - 1) * BIN_WIDTH:,}")
        elif b < 0:
            labels.append(f"-${-b * BIN_WIDTH:,} to -${(-b - 1) * BIN_WIDTH:,}")
        else:
            labels.append(f"+${(b - 1) * BIN_WIDTH:,} to +${b * BIN_WIDTH:,}")
    return labels


class _Summariser:
    """Reads one block's year into the per-run arrays of every policy."""

    def __init__(self, block: Block, out: list[PolicyRuns], first_run: int) -> None:
        self.block, self.out, self.first = block, out, first_run
        runs, teachers = block.runs, block.teachers
        run_index = np.repeat(np.arange(runs, dtype=np.uint16), teachers)
        self.offsets = []
        self.pathway_matrix = []
        for tables in block.policies:
            width = tables.sink + 1
            offset = block.high_poverty.astype(np.uint16) * np.uint16(width)
            offset += run_index * np.uint16(2 * width)
            self.offsets.append(offset)
            matrix = np.zeros((width, len(tables.pathway_keys)), np.int64)
            live = np.arange(tables.sink)
            matrix[live, tables.pathway_of[live]] = 1
            self.pathway_matrix.append(matrix)
        self.salary32 = [t.salary.astype(np.int32) for t in block.policies]
        self.codes = np.empty(block.n, np.uint16)
        self.histograms = [np.zeros(BINS, np.int64) for _ in block.policies]

    def year(self, y: int, final: bool, factor: float) -> None:
        block = self.block
        runs = slice(self.first, self.first + block.runs)
        for k, tables in enumerate(block.policies):
            out, width = self.out[k], tables.sink + 1
            np.add(self.offsets[k], block.position[k], out=self.codes)
            counts = np.bincount(self.codes, minlength=block.runs * 2 * width)
            counts = counts.reshape(block.runs, 2, width)
            both = counts.sum(axis=1)
            out.payroll[runs, y] = both @ tables.salary
            out.headcount[runs, y] = both @ self.pathway_matrix[k]
            out.group_pay[runs, y] = counts @ tables.salary
            out.group_count[runs, y] = counts[:, :, : tables.sink].sum(axis=2)
            out.leaders[runs, y] = both @ tables.leader.astype(np.int64)
            out.teachers[runs, y] = both[:, : tables.sink].sum(axis=1)
            if k == 0:
                continue
            diff = self.salary32[k].take(block.position[k])
            diff -= self.salary32[0].take(block.position[0])
            shaped = diff.reshape(block.runs, block.teachers)
            out.gainers[runs, y] = np.count_nonzero(shaped > 0, axis=1)
            out.losers[runs, y] = np.count_nonzero(shaped < 0, axis=1)
            if final:
                moved = diff[block.active].astype(np.float64) * factor
                self.histograms[k] += np.bincount(bin_of(moved), minlength=BINS)


def check_inputs(workforce: Workforce, assumptions: Assumptions, years: int, runs: int) -> None:
    if not 1 <= years <= MAX_YEARS:
        raise ForecastError(f"years must be 1 to {MAX_YEARS}, not {years}")
    if not 1 <= runs <= MAX_RUNS:
        raise ForecastError(f"runs must be 1 to {MAX_RUNS:,}, not {runs}")
    if workforce.levels != assumptions.levels:
        raise ForecastError(
            f"the workforce's rating levels {list(workforce.levels)} differ from the "
            f"assumptions' {list(assumptions.levels)} — use the same levels"
        )


def compile_all(
    policies: Sequence[Policy], assumptions: Assumptions
) -> tuple[SharedTables, list[ForecastTables]]:
    if not policies:
        raise ForecastError("give at least one policy")
    shared = shared_tables(assumptions)
    return shared, [forecast_tables(p, shared, assumptions) for p in policies]


def block_plan(teachers: int, runs: int, width: int) -> list[tuple[int, int]]:
    """(first run, runs) of each block; fixed by the inputs, never by the thread count.

    ``width`` is the largest policy's position count: a block's summary codes
    (run, school group, position) must fit 16 bits.
    """
    per = max(1, min(BLOCK_SLOTS // teachers, 65535 // (2 * width)))
    return [(first, min(per, runs - first)) for first in range(0, runs, per)]


def block_rng(seed: int, block: int) -> np.random.Generator:
    return np.random.Generator(np.random.SFC64(np.random.SeedSequence(seed, spawn_key=(block,))))


def steps_rng(seed: int, block: int) -> np.random.Generator:
    """The block's second stream, read only by step-and-lane policies (degrees earned)."""
    sequence = np.random.SeedSequence(seed, spawn_key=(block, 1))
    return np.random.Generator(np.random.SFC64(sequence))


def simulate(
    workforce: Workforce,
    policies: Sequence[Policy],
    assumptions: Assumptions,
    *,
    years: int = 10,
    runs: int = 1000,
    seed: int = 0,
    threads: int = 2,
    progress: Progress | None = None,
) -> Simulation:
    """Run every policy on the same draws; the first policy is the baseline."""
    check_inputs(workforce, assumptions, years, runs)
    shared, tables = compile_all(policies, assumptions)
    starts = [workforce.positions(t) for t in tables]  # fails early on an unknown pathway
    out = [_empty(t, runs, years) for t in tables]
    factor = np.array([(1.0 + assumptions.cola) ** y for y in range(years)], dtype=np.float64)
    plan = block_plan(len(workforce), runs, max(t.sink + 1 for t in tables))

    def work(job: int) -> tuple[int, list[I64]]:
        first, count = plan[job]
        block = Block(
            workforce, tables, shared, count, starts=starts, steps_rng=steps_rng(seed, job)
        )
        summary = _Summariser(block, out, first)
        rng = block_rng(seed, job)
        for y in range(years):
            u = block.draws(rng)
            block.year(u)
            summary.year(y, y == years - 1, float(factor[y]))
            block.leave(u, rng)
        return count, summary.histograms

    done = 0

    def merge(count: int, histograms: list[I64]) -> None:
        nonlocal done
        done += count
        for runs_out, histogram in zip(out, histograms, strict=True):
            runs_out.histogram += histogram
        if progress is not None:
            progress(done, runs)

    if threads <= 1 or len(plan) == 1:
        for job in range(len(plan)):
            merge(*work(job))
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            for count, histograms in pool.map(work, range(len(plan))):
                merge(count, histograms)
    return Simulation(
        policies=out,
        years=years,
        runs=runs,
        seed=seed,
        teachers=len(workforce),
        cola_factor=factor,
        teacher_years=len(workforce) * years * runs,
    )


def trace_one_run(
    workforce: Workforce,
    policies: Sequence[Policy],
    assumptions: Assumptions,
    *,
    years: int,
    seed: int = 0,
) -> tuple[list[ForecastTables], list[YearLog]]:
    """Every slot's year-by-year history in run 0 (for tests that replay it in the engine)."""
    check_inputs(workforce, assumptions, years, 1)
    shared, tables = compile_all(policies, assumptions)
    log: list[YearLog] = []
    block = Block(workforce, tables, shared, 1, log=log, steps_rng=steps_rng(seed, 0))
    rng = block_rng(seed, 0)
    for _ in range(years):
        u = block.draws(rng)
        block.year(u)
        block.leave(u, rng)
    return tables, log


def interval_band(values: npt.NDArray[np.float64], level: float = 0.8) -> tuple[float, float]:
    low = (1.0 - level) / 2.0
    return float(np.quantile(values, low)), float(np.quantile(values, 1.0 - low))


def mean_band(values: npt.NDArray[np.float64], z: float = 1.96) -> tuple[float, float, float]:
    """Mean and its 95% confidence band across runs (normal approximation)."""
    mean = float(values.mean())
    if values.size < 2:
        return mean, mean, mean
    half = z * float(values.std(ddof=1)) / math.sqrt(values.size)
    return mean, mean - half, mean + half
