"""A district's own history as calibration rows (reads only).

One ``HistoryRow`` per staff member per school year with a teaching assignment: the year's
rating as a policy level, the college credits and approved PD hours the rules engine counts
that year, years of experience at the start of the year (``lattice.rules.experience``), and
whether they taught in the district the next year. Records come from the pathways app's one
record builder.
"""

from __future__ import annotations

from lattice.forecast.calibration import HistoryRow
from lattice.pathways.records import SchoolFacts, build_record, load_facts
from lattice.people.models import District, SchoolYear
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.rules.experience import experience_of
from lattice.rules.policy import Policy
from lattice.rules.ratings import for_district
from lattice.rules.records import school_year_of, school_year_start


def district_history(district: District, policy: Policy) -> list[HistoryRow]:
    years = [school_year_of(y.start) for y in SchoolYear.objects.filter(district=district)]
    if not years:
        return []
    last = max(years)
    policy = for_district(policy, district.rating_labels)
    facts = SchoolFacts.for_district(district.pk)
    rows: list[HistoryRow] = []
    people = load_facts(district.pk, include_inactive=True)
    for pk in sorted(people):
        person = people[pk]
        try:
            record = build_record(person, policy, placement=None, school_facts=facts)
        except (ValueError, KeyError):
            continue  # a record the policy cannot read says so on the pathways pages
        taught = sorted(
            {school_year_of(start) for _, _, start, _, position in person.assignments
             if position in TEACHING_POSITIONS}
        )  # fmt: skip
        for year in taught:
            rating = record.rating_for(year)
            level = policy.level_of(rating.label, school_year_start(year)) if rating else None
            rows.append(
                HistoryRow(
                    teacher_id=str(pk),
                    school_year=year,
                    experience=experience_of(record, school_year_start(year)),
                    rating=level,
                    credits=sum(
                        c.credits for c in record.credits if school_year_of(c.submitted) == year
                    ),
                    pd_hours=sum(
                        h.hours for h in record.pd_hours if school_year_of(h.completed) == year
                    ),
                    left=year < last and year + 1 not in taught,
                )
            )
    return rows
