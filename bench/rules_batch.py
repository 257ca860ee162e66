"""Benchmark the rules engine: `python bench/rules_batch.py [--teachers N] [--seed S]`.

Generates a seeded synthetic district under baltimore-2010 (100,000 teachers x 10 school years,
about 3M events) directly as columns, then prints: events, batch wall time, teachers/s, the
single-teacher place+explain time (median), the per-teacher path time on a sample and the
ratio, and checks batch == per-teacher on that sample. Targets: batch <= 2 s, explain <= 5 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lattice.rules.batch import (  # noqa: E402
    AWARD,
    CERTIFICATE,
    CREDIT,
    DECISION,
    NEVER,
    PD_HOURS,
    RATING,
    Compiled,
    EventTable,
    TeacherTable,
    compile_policy,
    run_batch,
)
from lattice.rules.engine import place  # noqa: E402
from lattice.rules.explain import explain_text  # noqa: E402
from lattice.rules.loader import load_policy  # noqa: E402
from lattice.rules.policy import Policy  # noqa: E402
from lattice.rules.records import (  # noqa: E402
    Accomplishment,
    Certificate,
    CreditEarned,
    Decision,
    PdHours,
    Placement,
    Rating,
    TeacherRecord,
    school_year_end,
)

FIRST_YEAR = 2013
YEARS = 10
AS_OF = date(FIRST_YEAR + YEARS, 6, 30)


def synthetic(
    policy: Policy, compiled: Compiled, teachers: int, seed: int
) -> tuple[TeacherTable, EventTable]:
    rng = np.random.default_rng(seed)
    july1 = np.array([date(FIRST_YEAR + y, 7, 1).toordinal() for y in range(YEARS)])
    hire_offset = np.where(rng.random(teachers) < 0.7, 0, rng.integers(0, YEARS, teachers))
    start_day = july1[hire_offset] + rng.integers(0, 60, teachers)
    sizes = np.array([p.top_interval for p in policy.pathways])
    pathway = rng.choice(len(sizes), teachers, p=[0.3, 0.6, 0.08, 0.02])
    interval = 1 + (rng.random(teachers) * sizes[pathway]).astype(np.int64)
    position = compiled.first_position[pathway] + interval - 1
    carried = rng.integers(0, 12, teachers)
    columns: list[list[np.ndarray]] = [[] for _ in range(6)]

    def add(
        teacher: np.ndarray,
        kind: int,
        year: np.ndarray,
        day: np.ndarray,
        value: np.ndarray,
        extra: np.ndarray | int = 0,
    ) -> None:
        size = teacher.shape[0]
        for column, data in zip(
            columns,
            (teacher, np.full(size, kind), year, day, value, np.broadcast_to(extra, size)),
            strict=True,
        ):
            column.append(np.asarray(data, dtype=np.int64))

    for y in range(YEARS):
        active = np.flatnonzero(hire_offset <= y)
        year = FIRST_YEAR + y
        end = school_year_end(year).toordinal()
        rated = active[rng.random(active.size) < 0.95]
        levels = rng.choice(4, rated.size, p=[0.03, 0.1, 0.55, 0.32])
        add(rated, RATING, np.full(rated.size, year), np.full(rated.size, end), levels)
        counts = rng.poisson(1.8, active.size)
        who = np.repeat(active, counts)
        course_end = july1[y] + rng.integers(0, 300, who.size)
        submitted = course_end + rng.choice(
            [5, 30, 89, 95, 120], who.size, p=[0.3, 0.3, 0.2, 0.1, 0.1]
        )
        add(
            who,
            CREDIT,
            np.full(who.size, year),
            np.minimum(submitted, end),
            rng.integers(1, 7, who.size),
            course_end,
        )
        pd = active[rng.random(active.size) < 0.6]
        add(
            pd,
            PD_HOURS,
            np.full(pd.size, year),
            july1[y] + rng.integers(0, 364, pd.size),
            rng.choice([10, 15, 20, 30, 45], pd.size),
        )
        aw = active[rng.random(active.size) < 0.05]
        add(
            aw,
            AWARD,
            np.full(aw.size, year),
            july1[y] + rng.integers(0, 364, aw.size),
            rng.integers(1, 6, aw.size),
        )
        de = active[rng.random(active.size) < 0.03]
        add(
            de,
            DECISION,
            np.full(de.size, year),
            july1[y] + rng.integers(0, 364, de.size),
            rng.integers(0, len(compiled.decision_codes), de.size),
        )
    certified = np.flatnonzero(rng.random(teachers) < 0.7)
    issued = start_day[certified] + rng.integers(-400, 2000, certified.size)
    add(
        certified,
        CERTIFICATE,
        np.zeros(certified.size),
        issued,
        rng.integers(0, len(compiled.certificate_codes), certified.size),
        NEVER,
    )
    ids = tuple(f"T{n:06d}" for n in range(teachers))
    table = TeacherTable(ids, start_day, position, carried)
    return table, EventTable(*(np.concatenate(c) for c in columns))


def record_of(
    policy: Policy, compiled: Compiled, table: TeacherTable, events: EventTable, n: int
) -> TeacherRecord:
    """Rebuild one teacher's record from the columns, to run the per-teacher path."""
    labels = {level: label for v in policy.ratings.vocabularies for label, level in v.labels}
    rows = np.flatnonzero(events.teacher == n)
    start = date.fromordinal(int(table.start_day[n]))
    position = int(table.start_position[n])
    ratings: list[Rating] = []
    credits: list[CreditEarned] = []
    pd: list[PdHours] = []
    awards: list[Accomplishment] = []
    decisions: list[Decision] = []
    certs: list[Certificate] = []
    for r in rows:
        kind, year, day = int(events.kind[r]), int(events.year[r]), int(events.day[r])
        value, extra = int(events.value[r]), int(events.extra[r])
        on = date.fromordinal(day)
        if kind == RATING:
            ratings.append(Rating(year, labels[compiled.level_keys[value]], on))
        elif kind == CREDIT:
            credits.append(CreditEarned(value, date.fromordinal(extra), on))
        elif kind == PD_HOURS:
            pd.append(PdHours(value, on))
        elif kind == AWARD:
            awards.append(Accomplishment("project", on, value))
        elif kind == DECISION:
            decisions.append(Decision(compiled.decision_codes[value], on))
        else:
            certs.append(Certificate(compiled.certificate_codes[value], on))
    return TeacherRecord(
        teacher_id=table.ids[n],
        hire_date=start,
        placement=Placement(
            start,
            compiled.pathway_keys[int(compiled.position_pathway[position])],
            int(compiled.position_interval[position]),
            int(table.start_units[n]),
        ),
        ratings=tuple(ratings),
        credits=tuple(credits),
        pd_hours=tuple(pd),
        accomplishments=tuple(awards),
        decisions=tuple(decisions),
        certificates=tuple(certs),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2010)
    parser.add_argument("--sample", type=int, default=500)
    args = parser.parse_args()
    policy = load_policy(ROOT / "policies" / "baltimore-2010.toml")
    compiled = compile_policy(policy)
    table, events = synthetic(policy, compiled, args.teachers, args.seed)
    print(f"district: {args.teachers:,} teachers x {YEARS} school years, {len(events):,} events")
    runs = []
    for _ in range(3):
        began = time.perf_counter()
        result = run_batch(compiled, table, events, AS_OF)
        runs.append(time.perf_counter() - began)
    batch = min(runs)
    print(f"batch wall time: {batch:.3f} s (best of 3; target <= 2 s)")
    print(f"batch throughput: {args.teachers / batch:,.0f} teachers/s")
    rng = np.random.default_rng(args.seed + 1)
    sample = rng.choice(args.teachers, size=min(args.sample, args.teachers), replace=False)
    records = [record_of(policy, compiled, table, events, int(n)) for n in sample]
    timings, mismatches = [], 0
    for n, record in zip(sample, records, strict=True):
        began = time.perf_counter()
        standing = place(policy, record, AS_OF)
        timings.append(time.perf_counter() - began)
        row = (
            record.teacher_id,
            standing.interval,
            standing.units_earned,
            standing.units_spent,
            standing.units_lapsed,
            standing.units_banked,
            standing.salary.total,
        )
        same_path = policy.pathway_index(standing.pathway or "") == int(result.pathway[n])
        if row != result.row(int(n)) or not same_path:
            mismatches += 1
    explains = []
    for record in records[:200]:
        began = time.perf_counter()
        explain_text(policy, record, AS_OF)
        explains.append(time.perf_counter() - began)
    per_teacher = statistics.mean(timings)
    median = statistics.median(explains) * 1000
    print(f"single-teacher place+explain: {median:.2f} ms median (target <= 5 ms)")
    print(f"per-teacher path: {per_teacher * 1000:.3f} ms/teacher on a sample of {len(records)}")
    print(f"per-teacher path for the district (projected): {per_teacher * args.teachers:.1f} s")
    print(f"ratio batch vs per-teacher: {per_teacher * args.teachers / batch:,.0f}x faster")
    print(
        f"batch == per-teacher on the sample: {'yes' if not mismatches else f'NO ({mismatches})'}"
    )
    return 0 if not mismatches else 1


if __name__ == "__main__":
    raise SystemExit(main())
