"""The vectorised whole-district path for unit-ledger policies, equal to ``engine.place``.

API (NumPy arrays over N teachers; the Monte Carlo forecast reuses the per-year step):

- ``compile_policy(policy) -> Compiled``: the policy as numbers. Every (pathway, interval) is a
  *position*; ``next_position[p]`` is where a full interval's units lead (-1 at the end),
  ``gate_mask[p]`` the certificates (bit per ``certificate_codes``) any one of which that move
  needs, ``position_salary[p]`` its pay; ``units_per_rating[level code]``; ``decision_moves``
  lists (from pathway, decision code, target position) in the policy's transition order.
  Raises ``BatchUnsupported`` for models or pay parts this path does not cover.
- ``records_to_tables(compiled, records) -> (TeacherTable, EventTable)``: records as columns.
- ``initial_state(compiled, teachers) -> LedgerState``; ``advance_year(compiled, state,
  inputs) -> LedgerState``: one school year for every teacher: decisions, then the year's
  units (``YearInputs.units``), then interval moves while a full interval is banked and the
  gate is met (``YearInputs.certificates`` held on the evaluation day), then lapse.
- ``run_batch(compiled, teachers, events, as_of) -> BatchResult``: the whole history.

Semantics are exactly those of ``ledger.run_ledger``; ``tests/rules`` checks every teacher
of a generated district against ``engine.place``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from lattice.rules.context import RecordError
from lattice.rules.policy import Model, Policy, Route
from lattice.rules.records import (
    DecisionKind,
    TeacherRecord,
    school_year_end,
    school_year_of,
    school_year_start,
)

IntArray = npt.NDArray[np.int64]  # any shape

RATING, CREDIT, PD_HOURS, AWARD, DECISION, CERTIFICATE = range(6)
NEVER = 10**7  # an ordinal day after any real date (year 27,000)
_EPOCH = date(1970, 1, 1).toordinal()


class BatchUnsupported(ValueError):
    """The policy uses something the batch path does not vectorise; use ``engine.place``."""


@dataclass(frozen=True)
class Compiled:
    key: str
    pathway_keys: tuple[str, ...]
    level_keys: tuple[str, ...]
    certificate_codes: tuple[str, ...]
    decision_codes: tuple[DecisionKind, ...]
    units_per_interval: int
    bank_remainder: bool
    units_per_rating: IntArray
    units_per_credit: int
    pd_hours_per_unit: int
    credit_window_days: int
    credit_window_from: int
    first_position: IntArray  # by pathway index
    position_pathway: IntArray
    position_interval: IntArray
    position_salary: IntArray
    next_position: IntArray
    gate_mask: IntArray
    decision_moves: tuple[tuple[int, int, int], ...]
    certificate_bonuses: tuple[tuple[int, int, int], ...]  # (certificate code, years, amount)
    minimum_salary: int
    effective_from: int
    effective_to: int


def compile_policy(policy: Policy) -> Compiled:
    ledger = policy.ledger
    if policy.model is not Model.LEDGER or ledger is None:
        raise BatchUnsupported(f"{policy.key}: the batch path covers ledger policies only")
    if policy.roles is not None:
        raise BatchUnsupported(f"{policy.key}: roles are not vectorised")
    for bonus in policy.bonuses:
        if bonus.certificate is None or bonus.rating_at_least or bonus.min_frl_percent is not None:
            raise BatchUnsupported(f"{policy.key}: only certificate bonuses are vectorised")
        if bonus.flag is not None:
            raise BatchUnsupported(f"{policy.key}: only certificate bonuses are vectorised")
    certificates = sorted(
        {c for t in policy.transitions for c in t.certificate_any}
        | {b.certificate for b in policy.bonuses if b.certificate is not None}
    )
    firsts: list[int] = []
    pathway_of: list[int] = []
    interval_of: list[int] = []
    salary: list[int] = []
    for index, pathway in enumerate(policy.pathways):
        firsts.append(len(salary))
        for interval, amount in enumerate(pathway.salary, start=1):
            pathway_of.append(index)
            interval_of.append(interval)
            salary.append(amount)
    nxt = [-1] * len(salary)
    gate = [0] * len(salary)
    for index, pathway in enumerate(policy.pathways):
        top = firsts[index] + pathway.top_interval - 1
        for position in range(firsts[index], top):
            nxt[position] = position + 1
        for t in policy.transitions:
            if t.route is Route.UNITS and t.from_pathway == pathway.key:
                nxt[top] = firsts[policy.pathway_index(t.to_pathway)] + t.to_interval - 1
                gate[top] = sum(1 << certificates.index(c) for c in t.certificate_any)
    decisions = tuple(DecisionKind)
    moves = tuple(
        (
            policy.pathway_index(t.from_pathway),
            decisions.index(t.decision),
            firsts[policy.pathway_index(t.to_pathway)] + t.to_interval - 1,
        )
        for t in policy.transitions
        if t.route is Route.DECISION and t.decision is not None
    )
    window_from = ledger.credit_window_from.toordinal() if ledger.credit_window_from else 0
    return Compiled(
        key=policy.key,
        pathway_keys=tuple(p.key for p in policy.pathways),
        level_keys=policy.ratings.levels,
        certificate_codes=tuple(certificates),
        decision_codes=decisions,
        units_per_interval=ledger.units_per_interval,
        bank_remainder=ledger.bank_remainder,
        units_per_rating=np.array(
            [dict(ledger.units_per_rating).get(level, 0) for level in policy.ratings.levels],
            dtype=np.int64,
        ),
        units_per_credit=ledger.units_per_credit,
        pd_hours_per_unit=ledger.pd_hours_per_unit,
        credit_window_days=ledger.credit_window_days if ledger.credit_window_days else -1,
        credit_window_from=window_from,
        first_position=np.array(firsts, dtype=np.int64),
        position_pathway=np.array(pathway_of, dtype=np.int64),
        position_interval=np.array(interval_of, dtype=np.int64),
        position_salary=np.array(salary, dtype=np.int64),
        next_position=np.array(nxt, dtype=np.int64),
        gate_mask=np.array(gate, dtype=np.int64),
        decision_moves=moves,
        certificate_bonuses=tuple(
            (certificates.index(b.certificate), b.certificate_years or 0, b.amount)
            for b in policy.bonuses
            if b.certificate is not None
        ),
        minimum_salary=policy.minimum_salary or 0,
        effective_from=policy.effective_from.toordinal(),
        effective_to=policy.effective_to.toordinal() if policy.effective_to else NEVER,
    )


@dataclass(frozen=True)
class TeacherTable:
    """One row per teacher: where facts start to count, and the recorded placement."""

    ids: tuple[str, ...]
    start_day: IntArray
    start_position: IntArray
    start_units: IntArray


@dataclass(frozen=True)
class EventTable:
    """One row per fact. ``value``: level code, credits, hours, units, decision code or
    certificate code; ``extra``: a credit's course-end day or a certificate's expiry day."""

    teacher: IntArray
    kind: IntArray
    year: IntArray
    day: IntArray
    value: IntArray
    extra: IntArray

    def __len__(self) -> int:
        return int(self.teacher.shape[0])


def records_to_tables(
    compiled: Compiled, policy: Policy, records: Sequence[TeacherRecord]
) -> tuple[TeacherTable, EventTable]:
    """Turn records into columns (Python speed: for apps and tests, not the hot path)."""
    ids, starts, positions, carried = [], [], [], []
    rows: list[tuple[int, int, int, int, int, int]] = []
    allowed = policy.ledger.accomplishment_kinds if policy.ledger else ()
    for n, record in enumerate(records):
        ids.append(record.teacher_id)
        starts.append(record.start.toordinal())
        placement = record.placement
        pathway = placement.pathway if placement and placement.pathway else compiled.pathway_keys[0]
        if pathway not in compiled.pathway_keys:
            raise RecordError(f"placement pathway '{pathway}' is not a {policy.key} pathway")
        interval = placement.interval if placement and placement.interval else 1
        positions.append(
            int(compiled.first_position[compiled.pathway_keys.index(pathway)]) + interval - 1
        )
        carried.append(placement.units if placement else 0)
        for year in sorted({r.school_year for r in record.ratings}):
            rating = record.rating_for(year)
            assert rating is not None
            level = policy.level_of(rating.label, school_year_start(rating.school_year))
            if level is None:
                raise RecordError(f"rating '{rating.label}' is not in the {policy.key} vocabulary")
            code = compiled.level_keys.index(level)
            rows.append((n, RATING, rating.school_year, rating.on.toordinal(), code, 0))
        for c in record.credits:
            rows.append(
                (
                    n,
                    CREDIT,
                    school_year_of(c.submitted),
                    c.submitted.toordinal(),
                    c.credits,
                    c.course_end.toordinal(),
                )
            )
        for h in record.pd_hours:
            rows.append(
                (n, PD_HOURS, school_year_of(h.completed), h.completed.toordinal(), h.hours, 0)
            )
        for a in record.accomplishments:
            if a.kind in allowed:
                rows.append(
                    (n, AWARD, school_year_of(a.completed), a.completed.toordinal(), a.units, 0)
                )
        for d in record.decisions:
            code = compiled.decision_codes.index(d.kind)
            rows.append((n, DECISION, school_year_of(d.decided), d.decided.toordinal(), code, 0))
        for cert in record.certificates:
            if cert.kind in compiled.certificate_codes:
                expires = cert.expires.toordinal() if cert.expires else NEVER
                rows.append(
                    (
                        n,
                        CERTIFICATE,
                        0,
                        cert.issued.toordinal(),
                        compiled.certificate_codes.index(cert.kind),
                        expires,
                    )
                )
    columns = np.array(rows, dtype=np.int64).reshape(-1, 6).T
    teachers = TeacherTable(
        tuple(ids),
        np.array(starts, dtype=np.int64),
        np.array(positions, dtype=np.int64),
        np.array(carried, dtype=np.int64),
    )
    return teachers, EventTable(*(np.ascontiguousarray(c) for c in columns))


@dataclass(frozen=True)
class LedgerState:
    position: IntArray
    banked: IntArray
    earned: IntArray
    spent: IntArray
    lapsed: IntArray


@dataclass(frozen=True)
class YearInputs:
    units: IntArray  # units earned this school year (after the submission window)
    decisions: IntArray  # bit per ``Compiled.decision_codes`` recorded this school year
    certificates: IntArray  # bit per ``Compiled.certificate_codes`` held on the evaluation day


def initial_state(compiled: Compiled, teachers: TeacherTable) -> LedgerState:
    zeros = np.zeros_like(teachers.start_units)
    return LedgerState(teachers.start_position.copy(), zeros, zeros, zeros, zeros)


def advance_year(compiled: Compiled, state: LedgerState, inputs: YearInputs) -> LedgerState:
    """One school year for every teacher; returns a new state (inputs are not changed)."""
    position = state.position.copy()
    decided = np.flatnonzero(inputs.decisions)
    if decided.size:
        bits = inputs.decisions[decided]
        for from_pathway, code, target in compiled.decision_moves:
            moves = (compiled.position_pathway[position[decided]] == from_pathway) & (
                (bits >> code) & 1 == 1
            )
            position[decided[moves]] = target
    banked = state.banked + inputs.units
    spent = state.spent.copy()
    per = compiled.units_per_interval
    rows = np.flatnonzero(banked >= per)
    while rows.size:
        at = position[rows]
        nxt = compiled.next_position[at]
        gate = compiled.gate_mask[at]
        ok = (nxt >= 0) & ((gate == 0) | ((inputs.certificates[rows] & gate) != 0))
        rows, nxt = rows[ok], nxt[ok]
        position[rows] = nxt
        banked[rows] -= per
        spent[rows] += per
        rows = rows[banked[rows] >= per]
    lapsed = state.lapsed
    if not compiled.bank_remainder:
        lapsed = lapsed + banked
        banked = np.zeros_like(banked)
    return LedgerState(position, banked, state.earned + inputs.units, spent, lapsed)


@dataclass(frozen=True)
class BatchResult:
    ids: tuple[str, ...]
    pathway: IntArray
    interval: IntArray
    units_earned: IntArray
    units_spent: IntArray
    units_lapsed: IntArray
    units_banked: IntArray
    salary: IntArray

    def row(self, n: int) -> tuple[str, int, int, int, int, int, int]:
        return (
            self.ids[n],
            int(self.interval[n]),
            int(self.units_earned[n]),
            int(self.units_spent[n]),
            int(self.units_lapsed[n]),
            int(self.units_banked[n]),
            int(self.salary[n]),
        )


def school_years_of(days: IntArray) -> IntArray:
    """The school year (by starting calendar year) of each ordinal day."""
    months = (days - _EPOCH).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    year, month = months // 12 + 1970, months % 12 + 1
    return np.where(month >= 7, year, year - 1).astype(np.int64)


def _event_units(compiled: Compiled, events: EventTable) -> IntArray:
    units = np.zeros(len(events), dtype=np.int64)
    kind, value = events.kind, events.value
    is_rating = kind == RATING
    units[is_rating] = compiled.units_per_rating[value[is_rating]]
    credit = kind == CREDIT
    if compiled.credit_window_days >= 0:
        late = (events.day >= compiled.credit_window_from) & (
            events.day > events.extra + compiled.credit_window_days
        )
        credit &= ~late
    units[credit] = value[credit] * compiled.units_per_credit
    if compiled.pd_hours_per_unit > 0:
        pd = kind == PD_HOURS
        units[pd] = value[pd] // compiled.pd_hours_per_unit
    award = kind == AWARD
    units[award] = value[award]
    return units


def _certificate_bonuses(
    compiled: Compiled, events: EventTable, certs: IntArray, year: int, eval_day: int, n: int
) -> IntArray:
    """Bonuses for certificates held on the last year's evaluation day (``year - issued < N``)."""
    paid = np.zeros(n, dtype=np.int64)
    issued_year = (events.day[certs] - _EPOCH).astype("datetime64[D]").astype("datetime64[Y]")
    calendar_year = issued_year.astype(np.int64) + 1970
    held = (events.day[certs] <= eval_day) & (events.extra[certs] >= eval_day)
    for code, years, amount in compiled.certificate_bonuses:
        ok = held & (events.value[certs] == code)
        if years:
            ok &= year - calendar_year < years
        has = np.zeros(n, dtype=bool)
        has[events.teacher[certs][ok]] = True
        paid += np.where(has, amount, 0)
    return paid


def run_batch(
    compiled: Compiled, teachers: TeacherTable, events: EventTable, as_of: date
) -> BatchResult:
    """Standing on ``as_of`` for every teacher (each must start on or before ``as_of``)."""
    end = min(as_of.toordinal(), compiled.effective_to)
    begin = np.maximum(teachers.start_day, compiled.effective_from)
    if np.any(teachers.start_day > as_of.toordinal()):
        raise ValueError("every teacher must start on or before as_of")
    year_of_begin = school_years_of(begin)
    last_year = school_year_of(date.fromordinal(end))
    low = int(year_of_begin.min())
    span = last_year - low + 1
    n = len(teachers.ids)
    t = events.teacher
    counted = (events.day >= begin[t]) & (events.day <= end)
    counted &= (events.year >= year_of_begin[t]) & (events.year <= last_year)
    flow = (events.kind != CERTIFICATE) & counted
    # Year-major layout: row ``y`` holds every teacher's inputs for school year ``low + y``.
    cell = (events.year[flow] - low) * n + t[flow]
    units = np.bincount(cell, weights=_event_units(compiled, events)[flow], minlength=n * span)
    units = units.astype(np.int64).reshape(span, n)
    units[year_of_begin - low, np.arange(n)] += teachers.start_units
    flat_decided = np.zeros(n * span, dtype=np.int64)
    is_decision = flow & (events.kind == DECISION)
    np.bitwise_or.at(
        flat_decided,
        (events.year[is_decision] - low) * n + t[is_decision],
        np.left_shift(1, events.value[is_decision]),
    )
    decided = flat_decided.reshape(span, n)
    certs = np.flatnonzero(events.kind == CERTIFICATE)
    state = initial_state(compiled, teachers)
    for offset in range(span):
        eval_day = min(school_year_end(low + offset).toordinal(), end)
        held = certs[(events.day[certs] <= eval_day) & (events.extra[certs] >= eval_day)]
        mask = np.zeros(n, dtype=np.int64)
        np.bitwise_or.at(mask, t[held], np.left_shift(1, events.value[held]))
        state = advance_year(compiled, state, YearInputs(units[offset], decided[offset], mask))
    base = compiled.position_salary[state.position]
    salary = np.maximum(base, compiled.minimum_salary) + _certificate_bonuses(
        compiled, events, certs, last_year, min(school_year_end(last_year).toordinal(), end), n
    )
    return BatchResult(
        ids=teachers.ids,
        pathway=compiled.position_pathway[state.position],
        interval=compiled.position_interval[state.position],
        units_earned=state.earned,
        units_spent=state.spent,
        units_lapsed=state.lapsed,
        units_banked=state.banked,
        salary=salary,
    )
