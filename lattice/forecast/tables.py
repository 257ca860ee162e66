"""Policies and assumptions as small lookup tables for the fast year step.

The policy side starts from the rules engine's own compiled form
(``lattice.rules.batch.compile_policy``: positions, ``next_position``, ``gate_mask``,
``position_salary``, ``units_per_rating``, ``decision_moves``), so the forecast moves teachers
exactly as the engine would. On top of it we precompute, per position, where a teacher lands
after ``w`` full intervals of units (``advance_to``) — the same loop as ``batch.advance_year``,
done once per table entry instead of once per teacher-year.

Random draws are 15-bit integers ``u`` in ``[0, 32768)``; an event of probability ``p``
happens when ``u < round(p * 32768)`` (a resolution of 1/32768, about 0.003%). The two
categorical draws — next rating given the last, and the year's credits and PD hours — read
tables indexed by (rating code, ``u >> 2``), so they are used at a resolution of 1/8192.
All tables and state are unsigned 16-bit so NumPy never converts types in the hot loop.

Rating codes: ``0`` means "no rating yet" (a new hire), ``1 + i`` is ``assumptions.levels[i]``.
Positions: the engine's positions, plus a last ``sink`` position for an empty slot (a teacher
who left and was not replaced): it pays nothing and never moves.

Step-and-lane policies (``StepsPolicyTables``, from ``lattice.rules.batch_steps``) use the same
position scheme so that the summaries read every policy alike: position ``lane * steps +
(step - first_step)``; their "pathways" are the lanes. The forecast's rating levels meet the
step gate by name when they are the policy's own levels; otherwise they are spread over the
policy's levels by rank (level ``i`` of ``L`` counts as policy level ``i * P // L`` of ``P``:
with the default four levels and PWCS's two, *effective* and *highly effective* count as
satisfactory, *ineffective* and *developing* as unsatisfactory).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from lattice.forecast.assumptions import Assumptions, Distribution
from lattice.rules.batch import BatchUnsupported, Compiled, compile_policy
from lattice.rules.batch_steps import CompiledSteps, compile_steps, lane_for
from lattice.rules.policy import Policy, Route

SCALE = 32768  # 2**15
FINE = 8192  # 2**13, the categorical tables' resolution
MAX_EXPERIENCE = 63
MAX_MOVES = 15  # intervals per year resolved by one table lookup; more loop (rarely)
MAX_LEVELS = 7  # rating codes 0..7 fit 3 bits above a 13-bit draw
MAX_DEGREE = 3  # degree ranks: 1 bachelor's, 2 master's, 3 doctorate (0: none)
MAX_STEP_POSITIONS = 1000

I8 = npt.NDArray[np.int8]
I16 = npt.NDArray[np.int16]
U16 = npt.NDArray[np.uint16]
I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]


class ForecastError(ValueError):
    """Inputs the forecast cannot use; the message names what to change."""


def threshold(p: float) -> int:
    """The 15-bit threshold for probability ``p``: ``u < threshold`` happens with ``p``."""
    return max(0, min(SCALE, round(p * SCALE)))


def categorical_lut(probabilities: tuple[float, ...]) -> I8:
    """A table mapping each 13-bit draw to a category index with the given probabilities."""
    edges = np.array([round(c * FINE) for c in np.cumsum(probabilities)], dtype=np.int64)
    edges[-1] = FINE
    u = np.arange(FINE, dtype=np.int64)
    return np.searchsorted(edges, u, side="right").astype(np.int8)


def _dist_lut(dist: Distribution) -> tuple[I8, I16]:
    return categorical_lut(tuple(p for _, p in dist)), np.array([v for v, _ in dist], np.int16)


@dataclass(frozen=True, eq=False)
class SharedTables:
    """What every policy shares: rating, learning, leaving and hiring draws."""

    levels: tuple[str, ...]
    rating_lut: U16  # index (last code << 13) | (u >> 2) -> next code (1..L)
    activity_lut: I8  # u >> 2 -> joint (credits, PD hours) outcome
    activity_credits: I16
    credit_lut: U16  # u >> 2 -> college credits earned (the outcome's credits)
    activity_hours: I16
    leave_threshold: U16  # index experience * codes + code
    replace_leave_threshold: U16  # the same, times the replacement rate
    replace_threshold: int
    certificate_threshold: int
    hire_certificate_threshold: int
    hire_experience_lut: U16  # u >> 2 -> years of prior experience
    decision_rates: tuple[tuple[str, float], ...]
    decision_max: int  # the largest decision rate's threshold: the year's candidates' rate
    degree_threshold: int  # a teacher earns their next degree this year when u is below it

    @property
    def codes(self) -> int:
        return len(self.levels) + 1


def shared_tables(a: Assumptions) -> SharedTables:
    n = len(a.levels)
    if n > MAX_LEVELS:
        raise ForecastError(f"at most {MAX_LEVELS} rating levels, not {n}")
    rating = np.zeros((MAX_LEVELS + 1) * FINE, dtype=np.uint16)
    for code, row in enumerate([a.first_rating, *a.transition]):
        rating[code * FINE : (code + 1) * FINE] = categorical_lut(row) + 1
    credit_values = np.array([v for v, _ in a.credits], np.int16)
    hour_values = np.array([v for v, _ in a.pd_hours], np.int16)
    joint = tuple(pc * ph for _, pc in a.credits for _, ph in a.pd_hours)
    leave = np.zeros((MAX_EXPERIENCE + 1) * (n + 1), dtype=np.uint16)
    replace_leave = np.zeros_like(leave)
    for years in range(MAX_EXPERIENCE + 1):
        for code in range(1, n + 1):
            p = a.leave_probability(years, code - 1)
            leave[years * (n + 1) + code] = threshold(p)
            replace_leave[years * (n + 1) + code] = threshold(p * a.replacement_rate)
    experience_lut, experience_values = _dist_lut(a.hire_experience)
    hire_experience = np.minimum(experience_values[experience_lut], MAX_EXPERIENCE)
    return SharedTables(
        levels=a.levels,
        rating_lut=rating,
        activity_lut=categorical_lut(joint),
        activity_credits=np.repeat(credit_values, len(hour_values)).astype(np.int16),
        credit_lut=np.repeat(credit_values, len(hour_values))[categorical_lut(joint)].astype(
            np.uint16
        ),
        activity_hours=np.tile(hour_values, len(credit_values)).astype(np.int16),
        leave_threshold=leave,
        replace_leave_threshold=replace_leave,
        replace_threshold=threshold(a.replacement_rate),
        certificate_threshold=threshold(a.certificate_rate),
        hire_certificate_threshold=threshold(a.hire_certificate_share),
        hire_experience_lut=hire_experience.astype(np.uint16),
        decision_rates=a.decision_rates,
        decision_max=max((threshold(rate) for _, rate in a.decision_rates), default=0),
        degree_threshold=threshold(a.degree_rate),
    )


@dataclass(frozen=True, eq=False)
class PolicyTables:
    """One policy as lookup tables over positions (see the module docstring)."""

    policy: Policy
    compiled: Compiled
    sink: int
    salary: I64  # by position, minimum salary applied; the sink pays 0
    pathway_of: I8  # by position; the sink is len(pathways)
    leader: B
    units: U16  # index (rating code << 13) | (u >> 2): the rating's units + credits and PD
    advance: U16  # index (position << 5) | (certificate << 4) | min(wanted, max_moves)
    #               -> new position | (units spent << 7)
    max_moves: int
    decision_threshold: U16  # by position: u below it is a sampled decision (if eligible)
    decision_max: int  # the largest decision threshold
    decision_target: U16
    decision_code: I8  # index into compiled.decision_codes, -1 when none
    decision_min_code: U16  # lowest rating code that is eligible (0: any, even none)
    decision_years: I8  # 1: last year's rating; 2: the last two years' ratings
    decision_certificate: B  # the decision needs a professional certificate
    hire_position: int
    units_per_interval: int
    bank_remainder: bool
    # ``units`` with the year's graduate credits (``SharedTables.credit_lut``) in the bits
    # from ``credit_shift`` up: a block with step-and-lane policies reads both in one lookup.
    # None when the two do not fit 16 bits together.
    units_and_credits: U16 | None = None
    credit_shift: int = 0
    # whether a slot can move ``max_moves`` intervals in one year (and so perhaps more than
    # one lookup resolves): only when some chain of next positions is that long; else the
    # kernel skips the check, a pass over every slot (Baltimore's longest chain is 14 of 15)
    long_chain: bool = True

    @property
    def key(self) -> str:
        return self.policy.key

    @property
    def pathway_keys(self) -> tuple[str, ...]:
        return self.compiled.pathway_keys

    @property
    def pathway_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.policy.pathways)

    @property
    def extra_names(self) -> tuple[str, ...]:
        return ()

    @property
    def reads_degrees(self) -> bool:
        return False

    def activity_units(self, outcome: int, shared: SharedTables) -> int:
        """Units from one joint (credits, PD hours) outcome under this policy."""
        c = self.compiled
        units = int(shared.activity_credits[outcome]) * c.units_per_credit
        if c.pd_hours_per_unit > 0:
            units += int(shared.activity_hours[outcome]) // c.pd_hours_per_unit
        return units


def _advance(compiled: Compiled, position: int, certificate: bool, wanted: int) -> tuple[int, int]:
    """Where ``wanted`` full intervals of units lead from ``position`` (batch.advance_year)."""
    moves = 0
    for _ in range(wanted):
        nxt = int(compiled.next_position[position])
        gate = int(compiled.gate_mask[position])
        if nxt < 0 or (gate != 0 and not certificate):
            break
        position, moves = nxt, moves + 1
    return position, moves


def policy_tables(policy: Policy, shared: SharedTables, a: Assumptions) -> PolicyTables:
    try:
        compiled = compile_policy(policy)
    except BatchUnsupported as error:
        raise ForecastError(
            f"{policy.key}: the forecast runs unit-ledger policies such as baltimore-2010 and "
            f"step-and-lane schedules such as step-and-lane-pwcs-2020 ({error})"
        ) from error
    levels = policy.ratings.levels
    missing = [level for level in a.levels if level not in levels]
    if missing or [levels.index(level) for level in a.levels] != sorted(
        levels.index(level) for level in a.levels
    ):
        raise ForecastError(
            f"{policy.key}: the assumptions' rating levels {list(a.levels)} must be "
            f"{policy.key} levels ({list(levels)}), lowest first"
        )
    per = compiled.units_per_interval
    if not 1 <= per <= 511:
        raise ForecastError(f"{policy.key}: units_per_interval {per} is outside 1-511")
    n_pos = len(compiled.position_salary)
    if n_pos + 1 > 127:
        raise ForecastError(f"{policy.key}: more than 126 pathway intervals")
    sink = n_pos
    salary = np.zeros(n_pos + 1, dtype=np.int64)
    salary[:n_pos] = np.maximum(compiled.position_salary, compiled.minimum_salary)
    pathway_of = np.full(n_pos + 1, len(compiled.pathway_keys), dtype=np.int8)
    pathway_of[:n_pos] = compiled.position_pathway
    leader = np.zeros(n_pos + 1, dtype=np.bool_)
    for p, key in enumerate(compiled.pathway_keys):
        if key in a.leadership_pathways:
            leader[:n_pos] |= compiled.position_pathway == p
    rating_units = np.zeros(MAX_LEVELS + 1, dtype=np.int64)
    for code, level in enumerate(a.levels, start=1):
        rating_units[code] = int(compiled.units_per_rating[levels.index(level)])
    by_outcome = shared.activity_credits.astype(np.int64) * compiled.units_per_credit
    if compiled.pd_hours_per_unit > 0:
        by_outcome += shared.activity_hours // compiled.pd_hours_per_unit
    units = (rating_units[:, None] + by_outcome[shared.activity_lut][None, :]).ravel()
    max_moves = min(MAX_MOVES, 511 // per)
    advance = np.zeros((n_pos + 1) << 5, dtype=np.uint16)
    for position in range(n_pos + 1):
        for certificate in (0, 1):
            for wanted in range(16):
                index = (position << 5) | (certificate << 4) | wanted
                if position == sink:
                    advance[index] = sink
                    continue
                to, moves = _advance(compiled, position, bool(certificate), min(wanted, max_moves))
                advance[index] = to | ((moves * per) << 7)
    decision_threshold = np.zeros(n_pos + 1, dtype=np.uint16)
    decision_target = np.arange(n_pos + 1, dtype=np.uint16)
    decision_code = np.full(n_pos + 1, -1, dtype=np.int8)
    decision_min_code = np.zeros(n_pos + 1, dtype=np.uint16)
    decision_years = np.ones(n_pos + 1, dtype=np.int8)
    decision_certificate = np.zeros(n_pos + 1, dtype=np.bool_)
    by_decision = [
        t for t in policy.transitions if t.route is Route.DECISION and t.decision is not None
    ]
    for (from_pathway, code, target), transition in zip(
        compiled.decision_moves, by_decision, strict=True
    ):
        kind = compiled.decision_codes[code]
        rate = dict(shared.decision_rates).get(kind.value, 0.0)
        need = transition.requires
        min_code = 0
        if need.rating_at_least is not None:
            rank = levels.index(need.rating_at_least)
            eligible = [c for c, lv in enumerate(a.levels, start=1) if levels.index(lv) >= rank]
            min_code = eligible[0] if eligible else MAX_LEVELS + 1
        for at in np.flatnonzero(compiled.position_pathway == from_pathway):
            if decision_code[at] >= 0:
                continue  # the policy's first transition from this pathway wins
            decision_threshold[at] = threshold(rate)
            decision_target[at] = target
            decision_code[at] = code
            decision_min_code[at] = min_code
            decision_years[at] = max(1, min(2, need.rating_years))
            decision_certificate[at] = bool(need.certificate_any)
    return PolicyTables(
        policy=policy,
        compiled=compiled,
        sink=sink,
        salary=salary,
        pathway_of=pathway_of,
        leader=leader,
        units=units.astype(np.uint16),
        advance=advance,
        max_moves=max_moves,
        decision_threshold=decision_threshold,
        decision_max=int(decision_threshold.max()),
        decision_target=decision_target,
        decision_code=decision_code,
        decision_min_code=decision_min_code,
        decision_years=decision_years,
        decision_certificate=decision_certificate,
        hire_position=int(compiled.first_position[0]),
        units_per_interval=per,
        bank_remainder=compiled.bank_remainder,
        long_chain=_longest_chain(compiled.next_position) >= max_moves,
        **_packed_units(units, shared),
    )


def _longest_chain(next_position: npt.NDArray[np.integer[Any]]) -> int:
    """The most intervals any position can move in a row (gates ignored: an upper bound)."""
    longest = 0
    for start in range(len(next_position)):
        at, moves = start, 0
        while next_position[at] >= 0 and moves <= len(next_position):
            at, moves = int(next_position[at]), moves + 1
        longest = max(longest, moves)
    return longest


def _packed_units(units: I64, shared: SharedTables) -> dict[str, Any]:
    """``units_and_credits`` and ``credit_shift`` for a policy's units table."""
    credits = np.tile(shared.credit_lut.astype(np.int64), len(units) // len(shared.credit_lut))
    shift = max(1, int(units.max(initial=0)).bit_length())
    if int(credits.max(initial=0)) >= 1 << (16 - shift):
        return {}
    packed = (units | (credits << shift)).astype(np.uint16)
    return {"units_and_credits": packed, "credit_shift": shift}


@dataclass(frozen=True, eq=False)
class StepsPolicyTables:
    """A step-and-lane policy as lookup tables (see the module docstring for positions)."""

    policy: Policy
    compiled: CompiledSteps
    sink: int
    salary: I64  # by position, minimum salary applied; the sink pays 0
    pathway_of: I8  # lane by position; the sink is len(lanes)
    leader: B  # all False: a step-and-lane schedule has no leadership pathway
    gate: B  # by rating code (0 = no rating): last year's rating earns a step
    lane_lut: U16  # index degree * (credit_cap + 1) + min(credits, credit_cap) -> lane
    credit_cap: int
    steps: int  # steps per lane
    step_lut: U16  # index (position << 3) | last rating code -> step index this year (sink: sink)
    lane_offset_lut: U16  # same index as lane_lut -> lane * steps
    gate_from: int | None = None  # the gate is met exactly by codes >= this (None: not so)

    @property
    def key(self) -> str:
        return self.policy.key

    @property
    def pathway_keys(self) -> tuple[str, ...]:
        return self.compiled.lane_keys

    @property
    def pathway_names(self) -> tuple[str, ...]:
        assert self.policy.steps is not None
        return tuple(f"{lane.name} lane" for lane in self.policy.steps.lanes)

    @property
    def extra_names(self) -> tuple[str, ...]:
        return ()

    @property
    def reads_degrees(self) -> bool:
        return True

    def lane_index(self, degree: U16, credits: U16) -> U16:
        """Each slot's lane from its degree rank and graduate credits since that degree."""
        capped = np.minimum(credits, self.credit_cap)
        index = degree.astype(np.int64) * (self.credit_cap + 1) + capped
        lanes: U16 = self.lane_lut[index]
        return lanes

    def lane_code(self, degree: U16, credits: U16, out: U16, cap: U16 | None = None,
                  scratch: U16 | None = None) -> U16:  # fmt: skip
        """``degree * (credit_cap + 1) + min(credits, credit_cap)`` in 16 bits, into ``out``
        (``cap``: ``credit_cap`` in every slot, which NumPy's ``minimum`` takes faster;
        ``scratch``: an array of the same size to use instead of a new one)."""
        np.minimum(credits, self.credit_cap if cap is None else cap, out=out)
        code: U16 = np.multiply(degree, np.uint16(self.credit_cap + 1), out=scratch)
        np.add(out, code, out=out)
        return out

    def start_positions(self, experience: U16, degree: U16, credits: U16) -> U16:
        """Entry step plus years of experience (capped at the top step), on the lane met."""
        c = self.compiled
        step = np.minimum(c.entry_step + experience.astype(np.int64), c.top_step) - c.first_step
        lane = self.lane_index(degree, credits).astype(np.int64)
        out: U16 = (lane * self.steps + step).astype(np.uint16)
        return out

    def positions_at(self, step: npt.NDArray[np.int16], experience: U16, degree: U16,
                     credits: U16) -> U16:  # fmt: skip
        """The given steps (clipped to the scale; 0: entry step plus experience), on the lane
        the degree and credits meet."""
        c = self.compiled
        by_experience = np.minimum(c.entry_step + experience.astype(np.int64), c.top_step)
        chosen = np.where(step > 0, np.clip(step, c.first_step, c.top_step), by_experience)
        lane = self.lane_index(degree, credits).astype(np.int64)
        out: U16 = (lane * self.steps + chosen - c.first_step).astype(np.uint16)
        return out


PositionTables = PolicyTables | StepsPolicyTables


def policy_ranks(policy: Policy, a: Assumptions) -> list[int]:
    """The policy rating rank each forecast level counts as (see the module docstring)."""
    levels = policy.ratings.levels
    if all(level in levels for level in a.levels):
        ranks = [levels.index(level) for level in a.levels]
        if ranks != sorted(ranks):
            raise ForecastError(
                f"{policy.key}: the assumptions' rating levels {list(a.levels)} must be in "
                f"{policy.key}'s order ({list(levels)}), lowest first"
            )
        return ranks
    return [i * len(levels) // len(a.levels) for i in range(len(a.levels))]


def steps_policy_tables(policy: Policy, a: Assumptions) -> StepsPolicyTables:
    try:
        compiled = compile_steps(policy)
    except BatchUnsupported as error:
        raise ForecastError(
            f"{policy.key}: the forecast cannot run this schedule ({error})"
        ) from error
    steps, lanes = compiled.steps, len(compiled.lane_keys)
    if steps * lanes + 1 > MAX_STEP_POSITIONS:
        raise ForecastError(
            f"{policy.key}: {steps} steps × {lanes} lanes is more than "
            f"{MAX_STEP_POSITIONS - 1} cells — the forecast cannot run so large a table"
        )
    sink = steps * lanes
    salary = np.zeros(sink + 1, dtype=np.int64)
    salary[:sink] = compiled.salary.T.ravel()  # lane-major: lane * steps + step index
    pathway_of = np.full(sink + 1, lanes, dtype=np.int8)
    pathway_of[:sink] = np.repeat(np.arange(lanes), steps)
    gate = np.zeros(MAX_LEVELS + 1, dtype=np.bool_)
    for code, rank in enumerate(policy_ranks(policy, a), start=1):
        gate[code] = rank >= compiled.gate_rank
    cap = max(1, int(compiled.lane_credits.max(initial=0)))
    if (MAX_DEGREE + 1) * (cap + 1) > 65535:
        raise ForecastError(
            f"{policy.key}: a lane needs more graduate credits than the forecast counts"
        )
    degree = np.repeat(np.arange(MAX_DEGREE + 1, dtype=np.int64), cap + 1)
    credits = np.tile(np.arange(cap + 1, dtype=np.int64), MAX_DEGREE + 1)
    lanes_met = lane_for(compiled, degree, credits)
    step_lut = np.full((sink + 1) << 3, sink, dtype=np.uint16)
    for position in range(sink):
        step = position % steps
        for code in range(MAX_LEVELS + 1):
            up = bool(gate[code]) and step < steps - 1
            step_lut[(position << 3) | code] = step + int(up)
    return StepsPolicyTables(
        policy=policy,
        compiled=compiled,
        sink=sink,
        salary=salary,
        pathway_of=pathway_of,
        leader=np.zeros(sink + 1, dtype=np.bool_),
        gate=gate,
        lane_lut=lanes_met.astype(np.uint16),
        credit_cap=cap,
        steps=steps,
        step_lut=step_lut,
        lane_offset_lut=(lanes_met * steps).astype(np.uint16),
        gate_from=_gate_from(gate[: len(a.levels) + 1]),
    )


def _gate_from(gate: B) -> int | None:
    """The lowest rating code that meets the step gate when every code from it up does and
    none below it does (code 0, no rating yet, never does); None otherwise. ``gate`` holds
    the codes in use only (0 and one per rating level)."""
    met = np.flatnonzero(gate)
    first = int(met[0]) if met.size else len(gate)
    if first == 0 or not gate[first:].all() or gate[:first].any():
        return None
    return first
