"""One school year for every teacher slot of a block of runs, over 16-bit arrays.

A ``Block`` holds ``runs × teachers`` slots (run-major). Each slot is a teacher, or empty after
a leaver who was not replaced. Shared state (ratings, experience, certificate, school group)
is the same under every policy: the population does not depend on the policy, so policies
are compared on the same teachers and the same random draws. Each policy keeps its own
position (pathway and interval) and banked units.

A year, in the engine's order (``lattice.rules.ledger``): (1) sampled decisions move eligible
teachers between pathways; (2) teachers without the professional certificate may earn one;
(3) the year's rating is drawn from last year's; (4) the rating's units plus the units of the
year's credits and PD hours are banked and full intervals are spent (``PolicyTables.advance``),
the rest lapses when the policy does not bank; then the caller reads pay; (5) leavers go at
year end, each replaced (with the assumptions' probability) by a new hire with no rating on
the policy's first pathway, interval 1.

Each year takes one 64-bit word per slot from one ``random_raw`` call, read as four 16-bit
draws (certificate, rating, credits and PD, leaving), plus two 16-bit draws per new hire (the
hire's experience and certificate). Sampled decisions are rare and drawn only where they
happen (``draws.event_rows``): the slots of a candidate decision at the assumptions' largest
decision rate, each with a thinning draw that every ledger policy compares with the rate of
the slot's own pathway (docs/decisions/0022).

Step-and-lane policies (``StepsPolicyTables``) share the same draws and add shared state only
they read: each slot's highest degree and graduate credits since it. At the start of a year
(before the year's rating is drawn) a teacher moves one step when *last* year's rating meets
the gate (a new hire has none: no step), never past the top step, and is placed on the lane
their degree and credits meet that day (as ``lattice.rules.steps``). After the draw, the
year's credits (the same credit draw ledger policies turn into units; counted as graduate
credits) add up, and a teacher may earn their next degree (``degree_rate``), which restarts
the credit count. Degrees are rare and drawn only where one is earned (``draws.event_rows``),
from a second stream (``steps_rng``), so adding a step-and-lane policy never changes what
ledger policies see. New hires hold a bachelor's with no credits and start on the entry step
plus their prior experience.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from lattice.forecast.compile import ForecastTables, is_position_model
from lattice.forecast.draws import event_rows
from lattice.forecast.pay_model import PayState, PayTables
from lattice.forecast.tables import (
    FINE,
    MAX_DEGREE,
    MAX_EXPERIENCE,
    MAX_LEVELS,
    SCALE,
    PolicyTables,
    SharedTables,
    StepsPolicyTables,
)
from lattice.forecast.workforce import Workforce

DRAWS = 4  # 16-bit draws per slot-year: one 64-bit word
_NO_POSITION = np.zeros(0, dtype=np.uint16)  # a model that keeps its own state


def start_of(tables: ForecastTables, workforce: Workforce) -> Any:
    """The starting state a policy's slots are tiled from: positions for position models."""
    if is_position_model(tables):
        return workforce.positions(tables)
    assert isinstance(tables, PayTables)
    return tables.start(workforce)


MAX_GRADUATE_CREDITS = 60_000  # the shared credit count saturates below 2**16
U16 = npt.NDArray[np.uint16]


@dataclass
class YearLog:
    """What happened to each slot in one year (kept only when logging, for tests)."""

    decided: list[npt.NDArray[np.int8]]  # per policy: decision code taken, -1 none
    certificate: npt.NDArray[np.bool_]  # held on the evaluation day
    rating: U16
    activity: npt.NDArray[np.int8]  # joint (credits, PD hours) outcome
    position: list[U16]
    bank: list[U16]
    active: npt.NDArray[np.bool_]  # taught this year
    left: npt.NDArray[np.bool_]  # left at the end of this year
    hired: npt.NDArray[np.bool_]  # replaced by a new hire who starts next year
    hire_experience: U16
    hire_certificate: npt.NDArray[np.bool_]
    states: list[dict[str, npt.NDArray[Any]] | None] = field(default_factory=list)
    degree: U16 | None = None  # highest degree rank after the year (when a model reads it)


_DRAW_BITS = np.uint16(0xFFF8)  # a 16-bit word's top 13 bits, the 13-bit draw << 3


def _by_draw(table: U16) -> U16:
    """A (rating code << 13) | 13-bit draw table re-laid out as (draw << 3) | rating code, so
    that its index is a draw word with the low three bits cleared, or-ed with the code."""
    relaid: U16 = np.ascontiguousarray(table.reshape(MAX_LEVELS + 1, FINE).T).ravel()
    return relaid


def _below(words: U16, threshold: int, out: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """``words >> 1 < threshold`` (a 15-bit draw below a 15-bit threshold) into ``out``,
    without shifting the words: ``w >> 1 < t`` exactly when ``w < 2t``."""
    if threshold >= SCALE:  # a certain event: every 16-bit word is below 2 * SCALE
        out[:] = True
        return out
    np.less(words, np.uint16(2 * threshold), out=out)
    return out


class Block:
    """The slots of ``runs`` runs of one workforce under one or more policies."""

    def __init__(
        self,
        workforce: Workforce,
        policies: Sequence[ForecastTables],
        shared: SharedTables,
        runs: int,
        log: list[YearLog] | None = None,
        starts: Sequence[Any] | None = None,
        streams: Callable[[int], np.random.Generator] | None = None,
    ) -> None:
        self.runs, self.teachers = runs, len(workforce)
        n = self.n = runs * self.teachers
        self.policies, self.shared, self.log = tuple(policies), shared, log
        self.codes = shared.codes
        self.active = np.ones(n, dtype=np.bool_)
        self.any_vacant = False  # a slot left empty (replacement below 100%)
        self.rating = np.tile(workforce.last_rating, runs)
        self.previous = np.tile(workforce.previous_rating, runs)
        # experience is kept multiplied by the number of rating codes: the leave table's row
        self.experience = np.tile(workforce.experience * np.uint16(self.codes), runs)
        self.certificate = np.tile(workforce.certificate, runs)
        self.high_poverty = np.tile(workforce.high_poverty, runs)
        starts = starts if starts is not None else [start_of(t, workforce) for t in policies]
        self.position = [
            np.tile(start, runs) if is_position_model(t) else _NO_POSITION
            for t, start in zip(policies, starts, strict=True)
        ]
        self.bank = [
            np.tile(workforce.units_for(t.policy), runs)
            if isinstance(t, PolicyTables)
            else _NO_POSITION
            for t in policies
        ]
        self._a = np.empty(n, dtype=np.uint16)
        self._b = np.empty(n, dtype=np.uint16)
        self._c16 = np.empty(n, dtype=np.uint16)
        self._c = np.empty(n, dtype=np.uint16)
        self._mask = np.empty(n, dtype=np.bool_)
        self._limits: dict[int, U16] = {}
        # what a ledger policy's decision needs, by position, in one lookup: the lowest
        # rating code | (two years' ratings) << 3 | (a certificate) << 4 | target << 8
        self._decision_info = [
            (
                t.decision_min_code.astype(np.int64)
                | (t.decision_years.astype(np.int64) >= 2) << 3
                | t.decision_certificate.astype(np.int64) << 4
                | t.decision_target.astype(np.int64) << 8
            )
            if isinstance(t, PolicyTables)
            else _NO_POSITION
            for t in policies
        ]
        self._decision_two_years = [
            isinstance(t, PolicyTables) and bool((t.decision_years >= 2).any()) for t in policies
        ]
        self._decision_certificate = [
            isinstance(t, PolicyTables) and bool(t.decision_certificate.any()) for t in policies
        ]
        # the year's candidate decisions and their thinning draws (``draws``)
        self.candidates: tuple[npt.NDArray[np.intp], U16] = (
            np.zeros(0, dtype=np.intp),
            np.zeros(0, dtype=np.uint16),
        )
        self.has_steps = any(t.reads_degrees for t in policies)
        self.streams = streams
        self._rating_by_draw = _by_draw(shared.rating_lut)
        self._units_by_draw = [
            _by_draw(t.units) if isinstance(t, PolicyTables) else _NO_POSITION for t in policies
        ]
        # Upper bounds of the experience and credit counts, so that a year caps them only
        # once a slot could have passed the cap (a new hire starts at most at the hires'
        # largest experience, with no credits).
        self._experience_bound = max(
            int(self.experience.max(initial=0)),
            int(shared.hire_experience_lut.max(initial=0)) * self.codes,
        )
        if self.has_steps:
            self.steps_rng = self.stream(1)
            self.degree = np.tile(workforce.degrees(), runs)
            self.credits = np.tile(workforce.credits(), runs)
            self._credit_bound = int(self.credits.max(initial=0))
            self._credits_per_year = int(shared.credit_lut.max(initial=0))
        # A step-and-lane policy whose gate is met from one rating code up keeps each slot's
        # step index beside its position, so a year adds to it instead of dividing it out
        # (read from a table of each position's step: 16-bit ``%`` costs three lookups).
        self.step = [
            (np.arange(t.sink + 1, dtype=np.uint16) % np.uint16(t.steps)).take(position)
            if isinstance(t, StepsPolicyTables) and t.gate_from is not None
            else _NO_POSITION
            for t, position in zip(policies, self.position, strict=True)
        ]
        # What a new hire starts with, by the hire's 13-bit experience draw: experience (times
        # the rating codes, as the slots keep it) and, under a step-and-lane policy, the
        # position (a hire holds a bachelor's with no graduate credits) and its step.
        draws = shared.hire_experience_lut
        self._hire_experience = draws * np.uint16(self.codes)
        ones, zeros = np.ones(FINE, np.uint16), np.zeros(FINE, np.uint16)
        self._hire_position = [
            t.start_positions(draws, ones, zeros) if isinstance(t, StepsPolicyTables) else None
            for t in policies
        ]
        self._hire_step = [
            start % np.uint16(t.steps)
            if isinstance(t, StepsPolicyTables) and start is not None
            else _NO_POSITION
            for t, start in zip(policies, self._hire_position, strict=True)
        ]
        # The year's graduate credits (read by step-and-lane policies) and the first ledger
        # policy's units come from the same (rating, draw) index: one lookup of both, packed
        # as units | credits << credit_shift, when both fit 16 bits.
        self.packed: tuple[int, U16, int] | None = None
        self._credits_year = _NO_POSITION
        ledgers = [k for k, t in enumerate(policies) if isinstance(t, PolicyTables)]
        if self.has_steps and ledgers:
            first = policies[ledgers[0]]
            assert isinstance(first, PolicyTables)
            if first.units_and_credits is not None:
                self.packed = (ledgers[0], _by_draw(first.units_and_credits), first.credit_shift)
                self._credits_year = np.empty(n, dtype=np.uint16)
        self.states: list[PayState | None] = [
            t.state(self, start) if isinstance(t, PayTables) else None
            for t, start in zip(policies, starts, strict=True)
        ]

    def limit(self, value: int) -> U16:
        """``value`` in every slot, to cap an array with ``np.minimum(a, block.limit(v))``.

        NumPy 2's 16-bit ``minimum`` against a scalar runs several times slower than against
        an array of the same value (about 0.16 ms against 0.03 ms per 400,000 slots), and the
        kernel caps a few arrays every year."""
        cached = self._limits.get(value)
        if cached is None:
            cached = self._limits[value] = np.full(self.n, value, dtype=np.uint16)
        return cached

    def stream(self, number: int) -> np.random.Generator:
        """The block's extra random stream ``number`` (see ``simulate.stream_rng``)."""
        if self.streams is None:
            raise ValueError("this block was built without its extra random streams")
        return self.streams(number)

    def draws(self, rng: np.random.Generator) -> U16:
        """Four rows of 16-bit words, one per slot each (certificate, rating, credits and
        PD, leaving): one 64-bit word a slot. A draw is a word's top 15 bits, ``w >> 1``; the
        kernel reads most of them without shifting every word: ``w >> 1 < t`` exactly when
        ``w < 2t`` (``_below``), and a 13-bit draw ``(w >> 1) >> 2`` is ``w >> 3``.

        Then, from the same stream, the year's candidate decisions (``candidates``): the
        slots where a decision at the assumptions' largest rate ``T / SCALE`` happens, and for
        each a thinning draw uniform in ``[0, T)``; a ledger policy takes the decision of a
        slot on a pathway whose rate is ``t / SCALE`` when the thinning draw is below ``t``
        (probability ``T / SCALE × t / T = t / SCALE``). What is drawn depends on the
        assumptions only, never on the policies, so every policy sees the same draws."""
        raw = rng.bit_generator.random_raw(self.n)
        u: U16 = raw.view(np.uint16).reshape(DRAWS, self.n)
        top = self.shared.decision_max
        rows = event_rows(rng, self.n, top)
        thin = rng.integers(0, max(top, 1), rows.size, dtype=np.uint16)
        self.candidates = (rows, thin)
        return u

    def year(self, u: U16) -> None:
        """Advance every slot one school year with the draws ``u`` (see the module docstring)."""
        uc, ur, ua, _ = u
        sh = self.shared
        none = np.full(self.n if self.log is not None else 0, -1, dtype=np.int8)
        decided = [
            self._decide(k, tables) if isinstance(tables, PolicyTables) else none
            for k, tables in enumerate(self.policies)
        ]
        for k, (tables, position) in enumerate(zip(self.policies, self.position, strict=True)):
            if isinstance(tables, StepsPolicyTables):
                self._step_and_lane(k, tables, position)
        for state in self.states:
            if state is not None:
                state.before_rating(self)
        _below(uc, sh.certificate_threshold, self._mask)
        np.logical_or(self.certificate, self._mask, out=self.certificate)
        # (3) ratings: one lookup in the (last rating, draw) table
        # (``_by_draw``: the table read at (13-bit draw << 3) | rating code, which is the
        # word with its low three bits cleared, or-ed with the code)
        index = self._a
        np.bitwise_and(ur, _DRAW_BITS, out=index)
        np.bitwise_or(index, self.rating, out=index)
        self.previous, self.rating = self.rating, self.previous
        np.take(self._rating_by_draw, index, out=self.rating, mode="clip")
        # (4) units and interval moves, per policy (their tables read as the ratings')
        np.multiply(self.certificate, 16, out=self._c16, dtype=np.uint16)
        np.bitwise_and(ua, _DRAW_BITS, out=ua)
        packed = self.packed[0] if self.packed is not None else -1
        for k, (tables, position, bank) in enumerate(
            zip(self.policies, self.position, self.bank, strict=True)
        ):
            if isinstance(tables, PolicyTables):
                self._earn_and_move(k, tables, position, bank, ua, k == packed)
        if (
            (self.has_steps and self.packed is None)
            or self.log is not None
            or any(state is not None for state in self.states)
        ):
            np.right_shift(ua, np.uint16(3), out=ua)  # the 13-bit draw, in place
        if self.has_steps:
            self._learn(ua)
        for state in self.states:
            if state is not None:
                state.after_rating(self, ua)
        if self.log is not None:
            self._log_year(decided, ua)

    def _step_and_lane(self, k: int, tables: StepsPolicyTables, position: U16) -> None:
        """Last year's rating earns a step (up to the top); the lane is the one met today.

        One lookup, ``lane_offset_lut``, the lane's first position for the degree and
        credits; the step is arithmetic, since the gate is met from one rating code up
        (``gate_from``): the slot's step (kept in ``step``) + (rating ≥ gate_from), capped
        at the top step. An empty slot
        (the sink) is put back afterwards. A gate that is not monotone in the rating codes
        reads ``step_lut`` (the step index after the gate; the sink stays the sink)."""
        index = self._a
        if tables.gate_from is not None:
            step = self.step[k]
            up = np.greater_equal(self.rating, np.uint16(tables.gate_from), out=self._mask)
            np.add(step, up, out=step)
            np.minimum(step, self.limit(tables.steps - 1), out=step)
            code = tables.lane_code(
                self.degree, self.credits, self._c, self.limit(tables.credit_cap), self._b
            )
            np.take(tables.lane_offset_lut, code, out=index, mode="clip")
            np.add(index, step, out=position)
            if self.any_vacant:
                np.copyto(position, np.uint16(tables.sink), where=~self.active)
            return
        np.left_shift(position, 3, out=index)
        np.bitwise_or(index, self.rating, out=index)
        np.take(tables.step_lut, index, out=self._b, mode="clip")
        code = tables.lane_code(self.degree, self.credits, self._c, self.limit(tables.credit_cap))
        np.take(tables.lane_offset_lut, code, out=index, mode="clip")
        np.add(self._b, index, out=position)
        np.minimum(position, self.limit(tables.sink), out=position)

    def _learn(self, ua13: U16) -> None:
        """This year's graduate credits add up; some teachers earn their next degree."""
        sh = self.shared
        if self.packed is not None:
            np.add(self.credits, self._credits_year, out=self.credits)  # read with the units
        else:
            np.take(sh.credit_lut, ua13, out=self._b, mode="clip")
            np.add(self.credits, self._b, out=self.credits)
        self._credit_bound += self._credits_per_year
        if self._credit_bound > MAX_GRADUATE_CREDITS:  # else no count can have reached it
            np.minimum(self.credits, self.limit(MAX_GRADUATE_CREDITS), out=self.credits)
            self._credit_bound = MAX_GRADUATE_CREDITS
        # degrees are rare: the slots that earn one this year, drawn where they happen
        rows = event_rows(self.steps_rng, self.n, sh.degree_threshold)
        rows = rows[self.degree[rows] < MAX_DEGREE]
        self.degree[rows] += np.uint16(1)
        self.credits[rows] = 0

    def _decide(self, k: int, tables: PolicyTables) -> npt.NDArray[np.int8]:
        """The year's candidate decisions (``draws``) this policy takes: the thinning draw
        below the slot's pathway's threshold, the slot eligible (rating, certificate)."""
        position = self.position[k]
        decided = np.full(self.n if self.log is not None else 0, -1, dtype=np.int8)
        rows, thin = self.candidates
        if rows.size == 0 or tables.decision_max == 0:
            return decided
        # ``compress`` and ``take``, not boolean or 16-bit fancy indexing: four times faster
        # on the year's 20,000 candidates of 400,000 slots
        at = position.take(rows).astype(np.intp)
        keep = np.flatnonzero(np.less(thin, tables.decision_threshold.take(at)))
        if keep.size == 0:
            return decided
        rows, at = rows.take(keep), at.take(keep)
        info = self._decision_info[k].take(at)  # min code | two years << 3 | certificate << 4
        seen = self.rating.take(rows)
        if self._decision_two_years[k]:
            two = np.bitwise_and(info, 8) != 0
            seen = np.where(two, np.minimum(seen, self.previous.take(rows)), seen)
        ok = seen >= np.bitwise_and(info, 7)
        if self._decision_certificate[k]:
            ok &= self.certificate.take(rows) | (np.bitwise_and(info, 16) == 0)
        chosen = np.flatnonzero(ok)
        rows, info = rows.take(chosen), info.take(chosen)
        position[rows] = np.right_shift(info, 8)  # the target
        if self.log is not None:
            decided[rows] = tables.decision_code[at.take(chosen)]
        return decided

    def _earn_and_move(self, k: int, tables: PolicyTables, position: U16, bank: U16,
                       ua: U16, packed: bool = False) -> None:  # fmt: skip
        """The rating's and the year's units banked, full intervals spent (``ua``: the
        activity words with their low three bits cleared, see ``year``)."""
        index = self._a
        np.bitwise_or(ua, self.rating, out=index)
        if packed:
            assert self.packed is not None
            _, table, shift = self.packed
            np.take(table, index, out=self._b, mode="clip")
            np.right_shift(self._b, shift, out=self._credits_year)
            np.bitwise_and(self._b, np.uint16((1 << shift) - 1), out=self._b)
        else:
            np.take(self._units_by_draw[k], index, out=self._b, mode="clip")
        np.add(bank, self._b, out=bank)
        wanted = self._b
        np.floor_divide(bank, tables.units_per_interval, out=wanted)
        np.minimum(wanted, self.limit(15), out=wanted)
        np.left_shift(position, 5, out=index)
        np.bitwise_or(index, self._c16, out=index)
        np.bitwise_or(index, wanted, out=index)
        moved = self._b
        np.take(tables.advance, index, out=moved, mode="clip")
        np.bitwise_and(moved, 127, out=position)
        np.right_shift(moved, 7, out=moved)
        np.subtract(bank, moved, out=bank)
        limit = tables.max_moves * tables.units_per_interval
        if tables.long_chain and int(moved.max(initial=0)) == limit:
            self._more_moves(tables, position, bank)
        if not tables.bank_remainder:
            bank[:] = 0

    def _more_moves(self, tables: PolicyTables, position: U16, bank: U16) -> None:
        """The rare slot with more intervals in one year than one lookup resolves."""
        per, compiled = tables.units_per_interval, tables.compiled
        rows = np.flatnonzero(bank >= per)
        while rows.size:
            at = position[rows].astype(np.int64)
            live = at != tables.sink
            rows, at = rows[live], at[live]
            nxt = compiled.next_position[at]
            gate = compiled.gate_mask[at]
            ok = (nxt >= 0) & ((gate == 0) | self.certificate[rows])
            rows, nxt = rows[ok], nxt[ok]
            position[rows] = nxt
            bank[rows] -= per
            rows = rows[bank[rows] >= per]

    def leave(self, u: U16, rng: np.random.Generator) -> None:
        """Year end: leavers go; replacements start next year with no rating.

        Given that a teacher leaves (``u < p``), ``u / p`` is again uniform, so the same draw
        decides the replacement: replaced when ``u < p × replacement rate``.
        """
        ul = u[3]
        np.right_shift(ul, np.uint16(1), out=ul)  # the 15-bit draw: compared with a table
        sh = self.shared
        index = self._a
        np.add(self.experience, self.rating, out=index)
        np.take(sh.leave_threshold, index, out=self._b, mode="clip")
        left = np.less(ul, self._b, out=self._mask)
        if self.any_vacant:
            np.logical_and(left, self.active, out=left)
        rows = np.flatnonzero(left)
        np.add(self.experience, self.codes, out=self.experience)
        top = MAX_EXPERIENCE * self.codes
        self._experience_bound += self.codes
        if self._experience_bound > top:  # else no slot can have passed the top
            np.minimum(self.experience, self.limit(top), out=self.experience)
            self._experience_bound = top
        if sh.replace_threshold >= SCALE:  # every leaver replaced (the default): no vacancies
            new = rows
            gone = rows[:0]
        else:
            hired = ul.take(rows) < sh.replace_leave_threshold.take(index.take(rows))
            new, gone = rows.compress(hired), rows.compress(~hired)
            self.active[gone] = False
            self.any_vacant = self.any_vacant or bool(gone.size)
        self.rating[rows] = 0
        self.previous[rows] = 0
        # two 16-bit words a hire (a row of each), as 15-bit draws (>> 1): the first at 13
        # bits (>> 2 more) for the experience, the second for the certificate
        extra = rng.bit_generator.random_raw(-(-new.size // 2)).view(np.uint16)
        extra = extra[: 2 * new.size].reshape(2, new.size)
        experience_draw = (extra[0] >> np.uint16(3)).astype(np.intp)  # ``take`` reads intp
        hire_certificate = (extra[1] >> np.uint16(1)) < sh.hire_certificate_threshold
        if self.has_steps:
            self.degree[new] = 1
            self.credits[new] = 0
        for k, (tables, position, bank) in enumerate(
            zip(self.policies, self.position, self.bank, strict=True)
        ):
            if isinstance(tables, StepsPolicyTables):
                if self.step[k].size:
                    # the position is rebuilt from the step at the start of next year, before
                    # anything reads it (a hire has no rating: no step earned), and an empty
                    # slot is put back in the sink there
                    self.step[k][new] = self._hire_step[k].take(experience_draw)
                    continue
                starts = self._hire_position[k]
                assert starts is not None
                position[new] = starts.take(experience_draw)
                position[gone] = tables.sink
            elif isinstance(tables, PolicyTables):
                position[new] = tables.hire_position
                position[gone] = tables.sink
                bank[rows] = 0
        self.experience[new] = self._hire_experience.take(experience_draw)
        self.certificate[new] = hire_certificate
        wanted = self.log is not None or any(state is not None for state in self.states)
        hire_experience = sh.hire_experience_lut.take(experience_draw) if wanted else _NO_POSITION
        for state in self.states:
            if state is not None:
                state.leave(self, rows, new, gone, hire_experience)
        if self.log is not None:
            last = self.log[-1]
            last.left[rows] = True
            last.hired[new] = True
            last.hire_experience[new] = hire_experience
            last.hire_certificate[new] = hire_certificate

    def _log_year(self, decided: list[npt.NDArray[np.int8]], ua13: U16) -> None:
        assert self.log is not None
        self.log.append(
            YearLog(
                decided=decided,
                certificate=self.certificate.copy(),
                rating=self.rating.copy(),
                activity=self.shared.activity_lut[ua13],
                position=[p.copy() for p in self.position],
                bank=[b.copy() for b in self.bank],
                active=self.active.copy(),
                left=np.zeros(self.n, dtype=np.bool_),
                hired=np.zeros(self.n, dtype=np.bool_),
                hire_experience=np.zeros(self.n, dtype=np.uint16),
                hire_certificate=np.zeros(self.n, dtype=np.bool_),
                states=[s.snapshot() if s is not None else None for s in self.states],
                degree=self.degree.copy() if self.has_steps else None,
            )
        )
