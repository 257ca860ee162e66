"""Build the forecast's starting workforce from the database (reads only).

Each active staff member with a teaching assignment in the district's current school year is
placed by the rules engine under the district's adopted policy (``lattice.pathways.compute``):
pathway, interval and banked units; the last two ratings as policy levels; years of
experience (prior years plus years since hire); whether a certificate the policy's pathway
moves need is held; and whether the school is high-poverty (≥ 60% free/reduced lunch, the DC
LIFT definition [C, D5]). People the engine cannot place are skipped and named.
"""

from __future__ import annotations

import datetime as dt

from lattice.forecast.assumptions import LEVELS
from lattice.forecast.tables import ForecastError
from lattice.forecast.workforce import Workforce
from lattice.pathways.compute import adoption_in_force, compute, policy_of
from lattice.pathways.records import SchoolFacts, staff_for_records
from lattice.people.models import District, StaffMember
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.people.queries import current_school_year
from lattice.rules.records import school_year_of, school_year_start

HIGH_POVERTY_PERCENT = 60


def district_workforce(
    district: District, on: dt.date | None = None, levels: tuple[str, ...] = LEVELS
) -> tuple[Workforce, list[str]]:
    """The district's teachers as a ``Workforce``, and a note per person left out."""
    on = on or dt.date.today()
    adoption = adoption_in_force(district, on)
    if adoption is None:
        raise ForecastError(
            f"{district.name} has not adopted a career policy yet — adopt one on the pathways "
            "page, or forecast a made-up district instead"
        )
    policy = policy_of(adoption)
    year = current_school_year(district, on)
    staff = StaffMember.objects.filter(district=district, active=True)
    if year is not None:
        staff = staff.filter(
            assignments__school_year=year, assignments__position__in=list(TEACHING_POSITIONS)
        ).distinct()
    facts = SchoolFacts.for_district(district.pk)
    certificates = {k for t in policy.transitions for k in t.certificate_any}
    rows, skipped = [], []
    for person in staff_for_records(staff).order_by("id"):
        outcome = compute(person, on, adoption=adoption, school_facts=facts, with_moves=False)
        if outcome is None or outcome.standing is None or outcome.record is None:
            reason = outcome.problem if outcome is not None else "no policy applies"
            skipped.append(f"{person.employee_id}: {reason}")
            continue
        standing, record = outcome.standing, outcome.record
        rated = []
        for rating in sorted(record.ratings, key=lambda r: r.school_year):
            level = policy.level_of(rating.label, school_year_start(rating.school_year))
            rated.append(level if level in levels else "")
        hired = record.hire_date
        experience = int(person.prior_years_experience or 0) + max(0, (on - hired).days // 365)
        held = any(c.kind in certificates and c.held_on(on) for c in record.certificates)
        frl = record.facts_for(school_year_of(on)).frl_percent
        rows.append(
            {
                "teacher_id": person.employee_id or f"staff-{person.pk}",
                "pathway": standing.pathway or policy.pathways[0].key,
                "interval": standing.interval or 1,
                "units_banked": min(standing.units_banked, 10_000),
                "experience_years": min(experience, 70),
                "last_rating": rated[-1] if rated else "",
                "previous_rating": rated[-2] if len(rated) > 1 else "",
                "professional_certificate": int(held),
                "high_poverty": int(frl >= HIGH_POVERTY_PERCENT),
            }
        )
    if not rows:
        raise ForecastError(
            f"no teacher in {district.name} could be placed under {policy.key} "
            f"({len(skipped)} skipped) — check the pathways page, or forecast a made-up district"
        )
    source = f"{district.name} teachers on {on.isoformat()} under {policy.key} v{policy.version}"
    return Workforce.from_rows(rows, levels, source=source), skipped
