"""Monte Carlo over runs, vectorised over teachers and runs, with streaming per-year summaries.

``simulate(workforce, policies, assumptions, years=…, runs=…, seed=…)`` runs every policy on
the *same* teachers and the *same* random draws (common random numbers): the first policy is
the baseline that gainers and losers are counted against. Policies of every model may be
mixed; each reports its own "pathways" (a ledger's pathways, a schedule's lanes, a ladder's
stages, roles, degrees or designations).

Runs are processed in blocks of about ``BLOCK_SLOTS`` teacher slots (``block_plan``, fixed by
the inputs). A block is a pure function of the inputs and its index (``BlockJob.run``): it
draws from its own stream, ``SFC64`` seeded by ``SeedSequence(entropy, spawn_key=(block,))``
(models with draws of their own use ``spawn_key=(block, k)``), so results do not depend on
where or in which order blocks ran. An executor (``lattice.forecast.executors``: threads, the
default; processes; Dask) runs the blocks and the results are merged in block order, so the
output is byte-identical whichever executor and however many workers ran it.

Teacher-level state never outlives a block: memory is bounded by the block size, not by the
number of runs. What is kept per run is a handful of numbers per year (payroll, headcount by
pathway, pay and headcount by school group, leaders, gainers and losers, and each model's
extra lines such as role supplements) so that quantiles across runs are exact, plus one
histogram of pay differences in the final year.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from lattice.forecast import CODE_VERSION
from lattice.forecast.assumptions import Assumptions
from lattice.forecast.compile import ForecastTables, forecast_tables, is_position_model
from lattice.forecast.executors import Executor, ThreadExecutor
from lattice.forecast.kernel import Block, YearLog, start_of
from lattice.forecast.tables import ForecastError, PositionTables, SharedTables, shared_tables
from lattice.forecast.workforce import Workforce
from lattice.lib.formatting import money
from lattice.rules.policy import Policy

BLOCK_SLOTS = 1 << 17
# The columns of ``SummaryLayout.columns``: what a position counts for, then its pathway.
SALARY, LEADER, TEACHER = 0, 1, 2
COLUMNS = 3
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
F64 = npt.NDArray[np.float64]


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
    extras: dict[str, I64] = field(default_factory=dict)  # name -> (runs, years) dollars
    model: str = ""
    pathway_names: tuple[str, ...] = ()


@dataclass
class Simulation:
    policies: list[PolicyRuns]
    years: int
    runs: int
    seed: int
    teachers: int
    cola_factor: F64
    teacher_years: int
    seed_entropy: int = 0
    block_runs: int = 0  # runs per block (the last block may hold fewer)
    blocks: int = 0
    executor: str = "threads"
    workers: int = 1
    code_version: str = CODE_VERSION


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
        extras={name: np.zeros((runs, years), np.int64) for name in tables.extra_names},
        model=tables.policy.model.value,
        pathway_names=tables.pathway_names,
    )


def bin_of(diff: F64) -> I64:
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
            labels.append(f"less than {money(-(BIN_SIDE - 1) * BIN_WIDTH)}")
        elif b == BIN_SIDE:
            labels.append(f"more than {money((BIN_SIDE - 1) * BIN_WIDTH, signed=True)}")
        elif b < 0:
            labels.append(f"{money(b * BIN_WIDTH)} to {money((b + 1) * BIN_WIDTH)}")
        else:
            labels.append(
                f"{money((b - 1) * BIN_WIDTH, signed=True)} to {money(b * BIN_WIDTH, signed=True)}"
            )
    return labels


@dataclass(frozen=True)
class BlockResult:
    """One block's per-run numbers (runs ``first`` .. ``first + count - 1``)."""

    index: int
    first: int
    count: int
    policies: tuple[PolicyRuns, ...]  # arrays of ``count`` runs; histogram of this block


@dataclass(frozen=True, eq=False)
class SummaryLayout:
    """What a block's summaries read that depends only on the job and the block's run count:
    each slot's run, the (run, school group) offsets of every position policy's codes, the
    joint pairs' offsets. Every block of a plan but perhaps the last has the same run count,
    so a worker builds this once (``BlockJob.layout``) instead of once per block (with one
    run of 400,000 teachers a block, building it cost as much as two of the block's ten
    years' summaries)."""

    run_index: npt.NDArray[np.uint32]
    positional: tuple[bool, ...]
    width: tuple[int, ...]  # positions of each position policy, the sink included; else 0
    offsets: tuple[npt.NDArray[np.uint16] | None, ...]  # (run, group) * width, per policy
    # per position policy, what each position counts for, by column (``COLUMNS``): its
    # salary, 1 when a leader, 1 when a teacher (not the sink), then 1 in its pathway's column
    columns: tuple[I64 | None, ...]
    salary32: tuple[I32 | None, ...]
    # joint pairs (0, k): (run, group) * w0 * wk, 16-bit when the pair's bins fit
    # (``bincount`` widens its input to 64 bits, which costs half as much from 16 bits as
    # from 32); None when policy k is not counted jointly with the baseline
    joint: tuple[npt.NDArray[np.unsignedinteger[Any]] | None, ...]
    # other models: run * (categories + 1), the offsets of their (run, category) codes
    pay_offsets: tuple[npt.NDArray[np.unsignedinteger[Any]] | None, ...]
    # joint pairs (0, k): 1 where policy k pays a (baseline position, position) pair more
    # than the baseline does (column 0), 1 where it pays less (column 1)
    gain_loss: tuple[I64 | None, ...]

    JOINT_FACTOR = 4  # joint counting when its bins are at most this many times the slots

    @classmethod
    def of(cls, tables: Sequence[ForecastTables], workforce: Workforce, runs: int) -> SummaryLayout:
        teachers = len(workforce)
        n = runs * teachers
        run_index = np.repeat(np.arange(runs, dtype=np.uint32), teachers)
        high = np.tile(workforce.high_poverty, runs).astype(np.uint32)
        group = run_index * np.uint32(2) + high
        positional = tuple(is_position_model(t) for t in tables)
        position_tables = [t if is_position_model(t) else None for t in tables]
        width = tuple(t.sink + 1 if t is not None else 0 for t in position_tables)
        offsets: list[npt.NDArray[np.uint16] | None] = []
        matrices: list[I64 | None] = []
        for t, w in zip(position_tables, width, strict=True):
            if t is None:
                offsets.append(None)
                matrices.append(None)
                continue
            offsets.append((group * np.uint32(w)).astype(np.uint16))
            matrix = np.zeros((w, COLUMNS + len(t.pathway_keys)), np.int64)
            live = np.arange(t.sink)
            matrix[:, SALARY] = t.salary
            matrix[:, LEADER] = t.leader
            matrix[live, TEACHER] = 1
            matrix[live, COLUMNS + t.pathway_of[live]] = 1
            matrices.append(matrix)
        joint: list[npt.NDArray[np.unsignedinteger[Any]] | None] = [None] * len(tables)
        gain_loss: list[I64 | None] = [None] * len(tables)
        base = position_tables[0]
        if base is not None:
            w0 = width[0]
            for k, other in enumerate(position_tables):
                if k == 0 or other is None:
                    continue
                bins = runs * 2 * w0 * width[k]
                if bins <= max(cls.JOINT_FACTOR * n, 1 << 16) and bins < 2**31:
                    offset = group * np.uint32(w0 * width[k])
                    joint[k] = offset.astype(np.uint16) if bins <= 1 << 16 else offset
                    diff = (other.salary[None, :] - base.salary[:, None]).ravel()  # (w0 * wk)
                    gain_loss[k] = np.stack([diff > 0, diff < 0], axis=1).astype(np.int64)
        pay_offsets: list[npt.NDArray[np.unsignedinteger[Any]] | None] = []
        for model, p in zip(tables, positional, strict=True):
            categories = len(model.pathway_keys) + 1
            offset = run_index * np.uint32(categories)
            if p:
                pay_offsets.append(None)
            elif runs * categories < 65536:
                pay_offsets.append(offset.astype(np.uint16))
            else:
                pay_offsets.append(offset)
        return cls(
            run_index=run_index,
            pay_offsets=tuple(pay_offsets),
            positional=positional,
            width=width,
            offsets=tuple(offsets),
            columns=tuple(matrices),
            gain_loss=tuple(gain_loss),
            salary32=tuple(
                t.salary.astype(np.int32) if t is not None else None for t in position_tables
            ),
            joint=tuple(joint),
        )


class _Summariser:
    """Reads one block's year into the block's per-run arrays of every policy.

    Position policies (ledger, steps) are counted by one ``bincount`` of (run, school group,
    position) codes; a pair (baseline, policy k) of position policies is counted *jointly*
    when the pair's codes fit, which gives both policies' counts, the gainers, the losers and
    the histogram from one pass. Other models report each slot's pay and category."""

    def __init__(self, block: Block, out: list[PolicyRuns], layout: SummaryLayout) -> None:
        self.block, self.out, self.layout = block, out, layout
        self.width, self.offsets, self.joint = layout.width, layout.offsets, layout.joint
        self.positional, self.salary32 = layout.positional, layout.salary32
        self.codes = np.empty(block.n, np.uint16)
        self.codes32 = np.empty(block.n, np.uint32)
        self.histograms = [np.zeros(BINS, np.int64) for _ in block.policies]
        self.joint_codes: list[npt.NDArray[np.unsignedinteger[Any]] | None] = [
            None if joint is None else self.codes if joint.dtype == np.uint16 else self.codes32
            for joint in layout.joint
        ]
        self.pay0: I32 | None = None
        self.first_joint = False
        self.high_count: npt.NDArray[np.int64] | None = None

    def _pos(self, k: int) -> PositionTables:
        tables = self.block.policies[k]
        assert is_position_model(tables)
        return tables

    def _by_position(self, k: int, counts: I64, runs: slice, y: int) -> None:
        """Every per-run number of a position policy from its (run, group, position) counts."""
        out = self.out[k]
        columns = self.layout.columns[k]
        assert columns is not None
        by_group = counts @ columns  # (runs, group, column)
        total = by_group.sum(axis=1)
        out.payroll[runs, y] = total[:, SALARY]
        out.leaders[runs, y] = total[:, LEADER]
        out.teachers[runs, y] = total[:, TEACHER]
        out.headcount[runs, y] = total[:, COLUMNS:]
        out.group_pay[runs, y] = by_group[:, :, SALARY]
        out.group_count[runs, y] = by_group[:, :, TEACHER]

    def _own_counts(self, k: int) -> I64:
        block = self.block
        offsets = self.offsets[k]
        assert offsets is not None
        np.add(offsets, block.position[k], out=self.codes)
        width = self.width[k]
        counts = np.bincount(self.codes, minlength=block.runs * 2 * width)
        return counts.reshape(block.runs, 2, width)

    def _by_pay(self, k: int, runs: slice, y: int) -> None:
        block, out = self.block, self.out[k]
        state = block.states[k]
        assert state is not None
        tables = block.policies[k]
        shape = (block.runs, block.teachers)
        pay = state.pay.reshape(shape)
        high = block.high_poverty.reshape(shape)
        total = pay.sum(axis=1, dtype=np.int64)
        high_pay = (pay * high).sum(axis=1, dtype=np.int64)  # ten times a masked sum's speed
        out.payroll[runs, y] = total
        out.group_pay[runs, y, 1] = high_pay
        out.group_pay[runs, y, 0] = total - high_pay
        categories = len(tables.pathway_keys)
        offsets = self.layout.pay_offsets[k]
        assert offsets is not None
        code = offsets + state.category
        counts = np.bincount(code, minlength=block.runs * (categories + 1)).reshape(
            block.runs, categories + 1
        )
        out.headcount[runs, y] = counts[:, :categories]
        out.leaders[runs, y] = counts @ tables.leader.astype(np.int64)
        out.teachers[runs, y] = counts[:, :categories].sum(axis=1)
        if self.high_count is None or block.any_vacant:
            active = block.active.reshape(shape)
            self.high_count = (active & high).sum(axis=1)
        out.group_count[runs, y, 1] = self.high_count
        out.group_count[runs, y, 0] = out.teachers[runs, y] - out.group_count[runs, y, 1]
        for name, values in state.extras().items():
            out.extras[name][runs, y] = values.reshape(shape).sum(axis=1, dtype=np.int64)

    def _pay_of(self, k: int) -> I32:
        state = self.block.states[k]
        if state is not None:
            pay: I32 = state.pay
            return pay
        salary = self.salary32[k]
        assert salary is not None
        taken: I32 = salary.take(self.block.position[k])
        return taken

    def _compare(self, k: int, runs: slice, y: int, final: bool, factor: float) -> None:
        """Gainers, losers and the final-year histogram of policy k against the baseline."""
        block, out = self.block, self.out[k]
        assert self.pay0 is not None
        diff = self._pay_of(k) - self.pay0
        shaped = diff.reshape(block.runs, block.teachers)
        out.gainers[runs, y] = np.count_nonzero(shaped > 0, axis=1)
        out.losers[runs, y] = np.count_nonzero(shaped < 0, axis=1)
        if final:
            moved = diff[block.active].astype(np.float64) * factor
            self.histograms[k] += np.bincount(bin_of(moved), minlength=BINS)

    def _joint(self, k: int, runs: slice, y: int, final: bool, factor: float) -> None:
        block, out = self.block, self.out[k]
        offset = self.joint[k]
        assert offset is not None
        w0, wk = self.width[0], self.width[k]
        codes = self.joint_codes[k]
        assert codes is not None
        np.multiply(block.position[0], codes.dtype.type(wk), out=codes)
        np.add(codes, block.position[k], out=codes)
        np.add(codes, offset, out=codes)
        joint = np.bincount(codes, minlength=block.runs * 2 * w0 * wk)
        joint = joint.reshape(block.runs, 2, w0, wk)
        if self.first_joint:
            self._by_position(0, joint.sum(axis=3), runs, y)
            self.first_joint = False
        self._by_position(k, joint.sum(axis=2), runs, y)
        pairs = joint.sum(axis=1).reshape(block.runs, w0 * wk)
        gain_loss = self.layout.gain_loss[k]
        assert gain_loss is not None
        moved = pairs @ gain_loss
        out.gainers[runs, y] = moved[:, 0]
        out.losers[runs, y] = moved[:, 1]
        if final:
            base, other = self._pos(0), self._pos(k)
            diff = other.salary[None, :] - base.salary[:, None]  # (w0, wk)
            counts = pairs.sum(axis=0)
            counts[base.sink * wk + other.sink] = 0  # empty slots: no teacher to compare
            bins = bin_of(diff.ravel().astype(np.float64) * factor)
            np.add.at(self.histograms[k], bins, counts)

    def year(self, y: int, final: bool, factor: float) -> None:
        block = self.block
        runs = slice(0, block.runs)
        self.first_joint = any(j is not None for j in self.joint)
        if not self.first_joint:
            if self.positional[0]:
                self._by_position(0, self._own_counts(0), runs, y)
            else:
                self._by_pay(0, runs, y)
        need_pay0 = any(self.joint[k] is None for k in range(1, len(block.policies)))
        self.pay0 = self._pay_of(0) if need_pay0 else None
        for k in range(1, len(block.policies)):
            if self.joint[k] is not None:
                self._joint(k, runs, y, final, factor)
                continue
            if self.positional[k]:
                self._by_position(k, self._own_counts(k), runs, y)
            else:
                self._by_pay(k, runs, y)
            self._compare(k, runs, y, final, factor)


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
    """(first run, runs) of each block; fixed by the inputs, never by the executor.

    ``width`` is the largest position policy's position count: a block's summary codes
    (run, school group, position) must fit 16 bits.
    """
    per = max(1, min(BLOCK_SLOTS // teachers, 65535 // (2 * width)))
    return [(first, min(per, runs - first)) for first in range(0, runs, per)]


def block_rng(entropy: int, block: int) -> np.random.Generator:
    return np.random.Generator(np.random.SFC64(np.random.SeedSequence(entropy, spawn_key=(block,))))


def stream_rng(entropy: int, block: int, stream: int) -> np.random.Generator:
    """The block's further streams, each read only by the models that need it (1: degrees
    earned; 2: roles; 3: pay elements; 4: designation data), so adding a policy of one model
    never changes what the others see."""
    sequence = np.random.SeedSequence(entropy, spawn_key=(block, stream))
    return np.random.Generator(np.random.SFC64(sequence))


def steps_rng(entropy: int, block: int) -> np.random.Generator:
    """The block's second stream, read only by step-and-lane policies (degrees earned)."""
    return stream_rng(entropy, block, 1)


@dataclass(frozen=True, eq=False)
class BlockJob:
    """Everything a block needs, picklable, so any executor can run ``run(index)``."""

    workforce: Workforce
    tables: tuple[ForecastTables, ...]
    shared: SharedTables
    starts: tuple[Any, ...]
    plan: tuple[tuple[int, int], ...]
    years: int
    entropy: int
    factor: F64

    layouts: dict[int, SummaryLayout] = field(default_factory=dict, compare=False, repr=False)

    @property
    def blocks(self) -> int:
        return len(self.plan)

    def layout(self, runs: int) -> SummaryLayout:
        """The summaries' layout of a block of ``runs`` runs, built once per worker (threads
        sharing the job may each build it once: the layouts are equal and never written)."""
        layout = self.layouts.get(runs)
        if layout is None:
            layout = self.layouts[runs] = SummaryLayout.of(self.tables, self.workforce, runs)
        return layout

    def run(self, index: int) -> BlockResult:
        first, count = self.plan[index]
        block = Block(
            self.workforce,
            self.tables,
            self.shared,
            count,
            starts=self.starts,
            streams=lambda stream: stream_rng(self.entropy, index, stream),
        )
        out = [_empty(t, count, self.years) for t in self.tables]
        summary = _Summariser(block, out, self.layout(count))
        rng = block_rng(self.entropy, index)
        for y in range(self.years):
            u = block.draws(rng)
            block.year(u)
            summary.year(y, y == self.years - 1, float(self.factor[y]))
            block.leave(u, rng)
        for runs_out, histogram in zip(out, summary.histograms, strict=True):
            runs_out.histogram[:] = histogram
        return BlockResult(index, first, count, tuple(out))


def _merge(out: list[PolicyRuns], result: BlockResult) -> None:
    rows = slice(result.first, result.first + result.count)
    for target, part in zip(out, result.policies, strict=True):
        for name in ("payroll", "headcount", "group_pay", "group_count", "leaders", "teachers",
                     "gainers", "losers"):  # fmt: skip
            getattr(target, name)[rows] = getattr(part, name)
        for name, values in part.extras.items():
            target.extras[name][rows] = values
        target.histogram += part.histogram


def simulate(
    workforce: Workforce,
    policies: Sequence[Policy],
    assumptions: Assumptions,
    *,
    years: int = 10,
    runs: int = 1000,
    seed: int | None = 0,
    threads: int = 2,
    executor: Executor | None = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Simulation:
    """Run every policy on the same draws; the first policy is the baseline.

    ``seed=None`` draws fresh entropy (recorded as ``Simulation.seed_entropy`` so the run can
    be repeated); ``executor`` defaults to ``threads`` threads. ``should_stop`` is asked
    between blocks; when it answers true the run stops with ``ForecastCancelled``."""
    check_inputs(workforce, assumptions, years, runs)
    shared, tables = compile_all(policies, assumptions)
    starts = tuple(start_of(t, workforce) for t in tables)  # fails early on unknown pathways
    entropy = int(np.random.SeedSequence(seed).entropy)  # type: ignore[arg-type]
    out = [_empty(t, runs, years) for t in tables]
    factor = np.array([(1.0 + assumptions.cola) ** y for y in range(years)], dtype=np.float64)
    widths = [t.sink + 1 for t in tables if is_position_model(t)] or [1]
    plan = block_plan(len(workforce), runs, max(widths))
    job = BlockJob(
        workforce=replace(workforce, teacher_ids=()),
        tables=tuple(tables),
        shared=shared,
        starts=starts,
        plan=tuple(plan),
        years=years,
        entropy=entropy,
        factor=factor,
    )
    runner = executor if executor is not None else ThreadExecutor(threads)
    done = 0
    for result in runner.results(job, should_stop):
        _merge(out, result)
        done += result.count
        if progress is not None:
            progress(done, runs)
    return Simulation(
        policies=out,
        years=years,
        runs=runs,
        seed=seed if seed is not None else entropy,
        teachers=len(workforce),
        cola_factor=factor,
        teacher_years=len(workforce) * years * runs,
        seed_entropy=entropy,
        block_runs=plan[0][1],
        blocks=len(plan),
        executor=runner.name,
        workers=runner.workers,
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
    entropy = int(np.random.SeedSequence(seed).entropy)  # type: ignore[arg-type]
    log: list[YearLog] = []
    block = Block(
        workforce, tables, shared, 1, log=log,
        streams=lambda stream: stream_rng(entropy, 0, stream),
    )  # fmt: skip
    rng = block_rng(entropy, 0)
    for _ in range(years):
        u = block.draws(rng)
        block.year(u)
        block.leave(u, rng)
    return tables, log


def interval_band(values: F64, level: float = 0.8) -> tuple[float, float]:
    low = (1.0 - level) / 2.0
    return float(np.quantile(values, low)), float(np.quantile(values, 1.0 - low))


def mean_band(values: F64, z: float = 1.96) -> tuple[float, float, float]:
    """Mean and its 95% confidence band across runs (normal approximation)."""
    mean = float(values.mean())
    if values.size < 2:
        return mean, mean, mean
    half = z * float(values.std(ddof=1)) / math.sqrt(values.size)
    return mean, mean - half, mean + half
