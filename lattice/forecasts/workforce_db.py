"""Build the forecast's starting workforce from the database (reads only).

Each active teacher of the district is read through the pathways app's one record builder
(``lattice.pathways.records``) and stands where their stored standing says (pathway or stage,
interval or step, banked units, base salary). The rest comes from the same record: the last
two ratings as the policy's levels (the district's labels read by rank,
``lattice.rules.ratings``); years of experience (``lattice.rules.experience``); the highest
degree and the graduate credits since it (what a step-and-lane policy's lanes read); whether a
certificate the policy's moves need is held (``lattice.rules.certificates``); whether the
school is high-poverty (the threshold of the policies forecast or the district's policy,
``lattice.rules.poverty``); the campus's point value and rural flag, and National Board
Certification (what a designation policy reads). Teachers without a placed standing are
skipped and named.

For every policy forecast the workforce carries a ``Start``: where the adoption crosswalk
places each teacher under it (``lattice.pathways.preview.plan_adoption``, the proposed
crosswalk effective the forecast's day) — the policy in force starts from the stored
standings. So the simulated years start where the adoption preview puts everyone, for every
model. :func:`year_one` is the first year the forecast shows for the district: the adoption
preview's own comparison (``lattice.pathways.preview.year_one``) from the same plans, so the
two agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from lattice.forecast.assumptions import LEVELS
from lattice.forecast.tables import ForecastError
from lattice.forecast.workforce import Start, Workforce
from lattice.pathways.compute import adoption_in_force, policy_of
from lattice.pathways.preview import AdoptionPlan, YearOne, plan_in
from lattice.pathways.preview import year_one as preview_year_one
from lattice.pathways.queries import high_poverty_percent, standings_for
from lattice.pathways.records import (
    SchoolFacts,
    build_record,
    certificate_names,
    lane_facts,
    load_facts,
)
from lattice.people.models import District
from lattice.people.queries import today
from lattice.rules.certificates import matches
from lattice.rules.experience import experience_of
from lattice.rules.policy import Model, Policy
from lattice.rules.records import campus_for, school_year_of, school_year_start

MAX_POINTS = 6.5  # campus points are carried in ten-thousandths, in 16 bits


@dataclass
class DistrictStart:
    """A district's workforce for a forecast, the teachers left out (why), and the adoption
    plans its starts came from (for the year-one comparison)."""

    workforce: Workforce
    skipped: list[str]
    plans: list[AdoptionPlan] = field(default_factory=list)


def district_workforce(
    district: District,
    on: dt.date | None = None,
    levels: tuple[str, ...] = LEVELS,
    policies: Sequence[Policy] = (),
) -> tuple[Workforce, list[str]]:
    """The district's teachers as a ``Workforce`` (with a start under each of ``policies``),
    and a note per person left out."""
    built = district_start(district, policies, on=on, levels=levels)
    return built.workforce, built.skipped


def district_start(
    district: District,
    policies: Sequence[Policy],
    *,
    on: dt.date | None = None,
    levels: tuple[str, ...] = LEVELS,
) -> DistrictStart:
    """See the module docstring."""
    on = on or today()
    adoption = adoption_in_force(district, on)
    if adoption is None:
        raise ForecastError(
            f"{district.name} has not adopted a career policy yet — adopt one on the pathways "
            "page, or forecast a made-up district instead"
        )
    policy = policy_of(adoption)
    reads = standings_for(district, on)
    people = load_facts(district.pk)
    facts = SchoolFacts.for_district(district.pk)
    wanted = certificate_names(policy)
    threshold = high_poverty_percent(district, on, policies)
    board = next((p.designation for p in policies if p.designation is not None), None)
    year = school_year_of(on)
    rows, skipped, kept = [], [], []  # kept: (staff id, standing) of each row
    points, rural, national_board = [], [], []
    for pk in sorted(people, key=lambda p: people[p].employee_id):
        person = people[pk]
        read = reads.get(pk)
        if read is None or not read.placed or read.standing is None:
            why = read.standing.problem if read and read.standing else (read.why if read else "")
            skipped.append(f"{person.employee_id}: {why or 'not placed'}")
            continue
        standing = read.standing
        record = build_record(person, policy, adoption_id=adoption.pk, school_facts=facts)
        rated = []
        for rating in sorted(record.ratings, key=lambda r: r.school_year):
            level = policy.level_of(rating.label, school_year_start(rating.school_year))
            rated.append(level if level in levels else "")
        degree, graduate = lane_facts(person, on)
        held = any(c.kind in wanted and c.held_on(on) for c in record.certificates)
        frl = record.facts_for(year).frl_percent
        campus = campus_for(record, year)
        points.append(round(min(float(campus.points), MAX_POINTS) * 10_000))
        rural.append(campus.rural)
        national_board.append(
            board is not None
            and any(
                c.held_on(on) and matches(c.kind, board.national_board_certificate)
                for c in record.certificates
            )
        )
        kept.append((pk, standing))
        rows.append(
            {
                "teacher_id": person.employee_id or f"staff-{pk}",
                "pathway": standing.pathway or (policy.pathways[0].key if policy.pathways
                                                else standing.lane or "schedule"),
                "interval": standing.interval or 1,
                "units_banked": min(standing.units_banked, 10_000),
                "experience_years": min(experience_of(record, on), 70),
                "last_rating": rated[-1] if rated else "",
                "previous_rating": rated[-2] if len(rated) > 1 else "",
                "professional_certificate": int(held),
                "high_poverty": int(frl >= threshold),
                "degree": degree.value if degree else "",
                "graduate_credits": min(graduate, 1000),
            }
        )  # fmt: skip
    if not rows:
        raise ForecastError(
            f"no teacher in {district.name} could be placed under {policy.key} "
            f"({len(skipped)} skipped) — check the pathways page, or forecast a made-up district"
        )
    source = f"{district.name} teachers on {on.isoformat()} under {policy.key} v{policy.version}"
    workforce = Workforce.from_rows(rows, levels, source=source)
    plans: list[AdoptionPlan] = []
    starts = []
    for other in _distinct(policies):
        if other == policy:
            starts.append(_start_from_standings(other, kept))
            continue
        plan = plan_in(plans, district, other, on)
        plans.append(plan)
        starts.append(_start_from_plan(other, plan, kept))
    workforce = replace(
        workforce,
        base_salary=np.array([s.base_salary for _, s in kept], dtype=np.int32),
        campus_points=np.array(points, dtype=np.uint16),
        rural=np.array(rural, dtype=np.bool_),
        national_board=np.array(national_board, dtype=np.bool_) if board is not None else None,
        starts=tuple(starts),
    )
    return DistrictStart(workforce, skipped, plans)


def _distinct(policies: Iterable[Policy]) -> list[Policy]:
    out: list[Policy] = []
    for policy in policies:
        if not any(policy == seen for seen in out):
            out.append(policy)
    return out


def _start_from_standings(policy: Policy, kept: list[tuple[int, Any]]) -> Start:
    """The policy in force: everyone starts where their stored standing is."""
    return Start.from_rows(
        policy,
        [
            (s.pathway or "", s.step or s.interval or 0, s.units_banked, s.base_salary)
            for _, s in kept
        ],
    )


def _start_from_plan(policy: Policy, plan: AdoptionPlan, kept: list[tuple[int, Any]]) -> Start:
    """Another policy: where the adoption plan's crosswalk places each teacher (the entry rule
    for anyone it does not place)."""
    rows = []
    ledger_or_ladder = policy.model in (Model.LEDGER, Model.LADDER)
    for pk, _ in kept:
        placement = plan.placements.get(pk)
        if placement is None:
            rows.append(("", 0, 0, 0))
            continue
        rows.append(
            (
                (placement.pathway or "") if ledger_or_ladder else "",
                placement.interval or 0,
                placement.units,
                placement.base_salary or 0,
            )
        )
    return Start.from_rows(policy, rows)


def year_one(
    district: District,
    baseline: Policy | None,
    other: Policy,
    on: dt.date | None = None,
    plans: Iterable[AdoptionPlan] = (),
) -> YearOne:
    """The forecast's first year for the district: ``other`` against ``baseline`` (None:
    the standings in force today), placed as the adoption preview places them."""
    return preview_year_one(district, baseline, other, on, plans=plans)
