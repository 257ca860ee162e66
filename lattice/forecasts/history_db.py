"""A district's own history as calibration rows (reads only).

One ``HistoryRow`` per staff member per school year with a teaching assignment: the year's
rating as a policy level, the college credits and approved PD hours the rules engine counts
that year, years of experience, and whether they taught in the district the next year.
"""

from __future__ import annotations

from lattice.forecast.calibration import HistoryRow
from lattice.pathways.records import SchoolFacts, build_record, staff_for_records
from lattice.people.models import District, SchoolYear, StaffMember
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.rules.policy import Policy
from lattice.rules.records import school_year_of, school_year_start


def district_history(district: District, policy: Policy) -> list[HistoryRow]:
    years = [school_year_of(y.start) for y in SchoolYear.objects.filter(district=district)]
    if not years:
        return []
    last = max(years)
    facts = SchoolFacts.for_district(district.pk)
    rows: list[HistoryRow] = []
    for person in staff_for_records(StaffMember.objects.filter(district=district)).order_by("id"):
        try:
            record = build_record(person, policy, school_facts=facts)
        except (ValueError, KeyError):
            continue  # a record the policy cannot read says so on the pathways pages
        taught = sorted(
            {
                school_year_of(a.school_year.start)
                for a in person.assignments.all()
                if a.position in TEACHING_POSITIONS
            }
        )
        first = school_year_of(record.hire_date)
        prior = int(person.prior_years_experience or 0)
        for year in taught:
            rating = record.rating_for(year)
            level = policy.level_of(rating.label, school_year_start(year)) if rating else None
            rows.append(
                HistoryRow(
                    teacher_id=str(person.pk),
                    school_year=year,
                    experience=max(0, prior + year - first),
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
