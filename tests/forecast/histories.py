"""Turn a traced forecast run back into teacher records, to replay them in the rules engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lattice.forecast.kernel import YearLog
from lattice.forecast.tables import PolicyTables, SharedTables
from lattice.forecast.workforce import Workforce
from lattice.rules.policy import Policy
from lattice.rules.records import (
    Certificate,
    CreditEarned,
    Decision,
    PdHours,
    Placement,
    Rating,
    TeacherRecord,
)

FIRST_YEAR = 2011  # school year 2011-12: inside baltimore-2010's effective dates


@dataclass
class Tenure:
    """One teacher's stay in one slot: the record and the (year, position, bank) seen."""

    record: TeacherRecord
    years: list[tuple[int, int, int]]  # (school year, position, bank) per year taught


def label_for(policy: Policy, level: str) -> str:
    for label, mapped in policy.ratings.vocabularies[0].labels:
        if mapped == level:
            return label
    raise KeyError(level)


def tenures(
    workforce: Workforce,
    policy: Policy,
    tables: PolicyTables,
    shared: SharedTables,
    log: list[YearLog],
    k: int = 0,
) -> list[Tenure]:
    """Every teacher who taught in run 0, as a record the engine can place."""
    compiled = tables.compiled
    out: list[Tenure] = []
    start_positions = workforce.positions(tables)
    for slot in range(len(workforce)):
        person = 0
        start = date(FIRST_YEAR, 7, 1)
        placement: Placement | None = Placement(
            on=start,
            pathway=compiled.pathway_keys[int(compiled.position_pathway[start_positions[slot]])],
            interval=int(compiled.position_interval[start_positions[slot]]),
            units=int(workforce.units[slot]),
        )
        hire = date(2000, 8, 1)
        had_certificate = bool(workforce.certificate[slot])
        certificates = [Certificate("SPC", date(1999, 6, 1))] if had_certificate else []
        ratings, credits, hours, decisions = [], [], [], []
        seen: list[tuple[int, int, int]] = []
        for y, year_log in enumerate(log):
            school_year = FIRST_YEAR + y
            if not year_log.active[slot]:
                break
            code = int(year_log.decided[k][slot])
            if code >= 0:
                kind = compiled.decision_codes[code]
                decisions.append(Decision(kind, date(school_year, 9, 1)))
            if year_log.certificate[slot] and not had_certificate:
                certificates.append(Certificate("SPC", date(school_year, 8, 1)))
                had_certificate = True
            level = shared.levels[int(year_log.rating[slot]) - 1]
            ratings.append(Rating(school_year, label_for(policy, level)))
            outcome = int(year_log.activity[slot])
            c = int(shared.activity_credits[outcome])
            h = int(shared.activity_hours[outcome])
            if c:
                credits.append(
                    CreditEarned(c, date(school_year, 12, 15), date(school_year, 12, 20))
                )
            if h:
                hours.append(PdHours(h, date(school_year, 11, 1)))
            seen.append((school_year, int(year_log.position[k][slot]), int(year_log.bank[k][slot])))
            if year_log.left[slot]:
                out.append(
                    Tenure(
                        TeacherRecord(
                            teacher_id=f"slot{slot}-{person}",
                            hire_date=hire,
                            placement=placement,
                            certificates=tuple(certificates),
                            ratings=tuple(ratings),
                            credits=tuple(credits),
                            pd_hours=tuple(hours),
                            decisions=tuple(decisions),
                        ),
                        seen,
                    )
                )
                person += 1
                hire = date(school_year + 1, 7, 1)
                placement = None
                had_certificate = bool(year_log.hire_certificate[slot])
                certificates = [Certificate("SPC", hire)] if had_certificate else []
                ratings, credits, hours, decisions, seen = [], [], [], [], []
                if not year_log.hired[slot]:
                    break
        else:
            if seen:
                out.append(
                    Tenure(
                        TeacherRecord(
                            teacher_id=f"slot{slot}-{person}",
                            hire_date=hire,
                            placement=placement,
                            certificates=tuple(certificates),
                            ratings=tuple(ratings),
                            credits=tuple(credits),
                            pd_hours=tuple(hours),
                            decisions=tuple(decisions),
                        ),
                        seen,
                    )
                )
    return out
