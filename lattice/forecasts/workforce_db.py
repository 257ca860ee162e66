"""Build the forecast's starting workforce from the database (reads only).

Each active teacher of the district is read through the pathways app's one record builder
(``lattice.pathways.records``) and stands where their stored standing says (pathway,
interval, banked units). The rest comes from the same record: the last two ratings as the
policy's levels (the district's labels read by rank, ``lattice.rules.ratings``); years of
experience (``lattice.rules.experience``); the highest degree and the graduate credits since
it (what a step-and-lane policy's lanes read); whether a certificate the policy's moves need is
held (``lattice.rules.certificates``); whether the school is high-poverty (≥ 60% free/reduced
lunch, the DC LIFT definition [C, D5]). Teachers without a placed standing are skipped and
named. :func:`year_one` is the first year the forecast shows for the district: the adoption
preview's own comparison (``lattice.pathways.preview.year_one``), so the two agree.
"""

from __future__ import annotations

import datetime as dt

from lattice.forecast.assumptions import LEVELS
from lattice.forecast.tables import ForecastError
from lattice.forecast.workforce import Workforce
from lattice.pathways.compute import adoption_in_force, policy_of
from lattice.pathways.preview import YearOne
from lattice.pathways.preview import year_one as preview_year_one
from lattice.pathways.queries import standings_for
from lattice.pathways.records import (
    SchoolFacts,
    build_record,
    certificate_names,
    lane_facts,
    load_facts,
)
from lattice.people.models import District
from lattice.people.queries import today
from lattice.rules.experience import experience_of
from lattice.rules.policy import Policy
from lattice.rules.records import school_year_of, school_year_start

HIGH_POVERTY_PERCENT = 60


def district_workforce(
    district: District, on: dt.date | None = None, levels: tuple[str, ...] = LEVELS
) -> tuple[Workforce, list[str]]:
    """The district's teachers as a ``Workforce``, and a note per person left out."""
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
    rows, skipped = [], []
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
        frl = record.facts_for(school_year_of(on)).frl_percent
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
                "high_poverty": int(frl >= HIGH_POVERTY_PERCENT),
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
    return Workforce.from_rows(rows, levels, source=source), skipped


def year_one(
    district: District, baseline: Policy | None, other: Policy, on: dt.date | None = None
) -> YearOne:
    """The forecast's first year for the district: ``other`` against ``baseline`` (None:
    the standings in force today), placed as the adoption preview places them."""
    return preview_year_one(district, baseline, other, on)
