"""A seeded synthetic district of Baltimore-style teacher records, for batch-vs-engine tests."""

from __future__ import annotations

import random
from datetime import date, timedelta

from lattice.rules.records import (
    Accomplishment,
    Certificate,
    CreditEarned,
    Decision,
    DecisionKind,
    PdHours,
    Placement,
    Rating,
    TeacherRecord,
)

LABELS = [
    "Highly Effective",
    "Effective",
    "Developing",
    "Ineffective",
    "Proficient",
    "Satisfactory",
]
PATHWAYS = {"standard": 5, "professional": 10, "model": 5, "lead": 4}


def _day(rng: random.Random, year: int) -> date:
    return date(year, 7, 1) + timedelta(days=rng.randrange(365))


def teacher(rng: random.Random, n: int, first: int = 2012, last: int = 2023) -> TeacherRecord:
    hire_year = rng.randrange(first, last)
    hire = _day(rng, hire_year)
    placement = None
    if rng.random() < 0.5:
        pathway = rng.choice(list(PATHWAYS))
        placement = Placement(hire, pathway, rng.randint(1, PATHWAYS[pathway]), rng.randrange(12))
    ratings, credits, pd, awards, decisions, certificates = [], [], [], [], [], []
    for year in range(hire_year - 1, last + 1):
        if rng.random() < 0.9:
            posted = None if rng.random() < 0.8 else _day(rng, year)
            ratings.append(Rating(year, rng.choice(LABELS), posted))
        for _ in range(rng.randrange(3)):
            end = _day(rng, year)
            lag = rng.choice([10, 60, 89, 90, 91, 200])
            credits.append(CreditEarned(rng.randint(1, 12), end, end + timedelta(days=lag)))
        if rng.random() < 0.4:
            pd.append(PdHours(rng.choice([10, 15, 20, 30, 45, 60]), _day(rng, year)))
        if rng.random() < 0.1:
            awards.append(
                Accomplishment(
                    rng.choice(["project", "building_rep", "other"]),
                    _day(rng, year),
                    rng.randint(1, 6),
                )
            )
        if rng.random() < 0.08:
            decisions.append(Decision(rng.choice(list(DecisionKind)), _day(rng, year)))
    if rng.random() < 0.6:
        issued = _day(rng, rng.randrange(hire_year - 2, last + 1))
        expires = (
            issued + timedelta(days=rng.choice([365 * 3, 365 * 8])) if rng.random() < 0.3 else None
        )
        certificates.append(
            Certificate(rng.choice(["SPC", "APC", "conditional", "NBCT"]), issued, expires)
        )
    return TeacherRecord(
        teacher_id=f"T{n:06d}",
        hire_date=hire,
        placement=placement,
        ratings=tuple(ratings),
        credits=tuple(credits),
        pd_hours=tuple(pd),
        accomplishments=tuple(awards),
        decisions=tuple(decisions),
        certificates=tuple(certificates),
    )


def district(size: int, seed: int) -> list[TeacherRecord]:
    rng = random.Random(seed)
    return [teacher(rng, n) for n in range(size)]
