"""Who may sit on a seat or vote, read from the person's records — never typed by hand.

Each rule is a small named predicate over a staff member's assignments, ratings and service
on a day; a seat lists the names of the rules its holder must meet. Every check answers with
a sentence, so a page can say why someone is or is not eligible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from lattice.people.models import Assignment, RatingRecord, School, SchoolYear, StaffMember
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.people.queries import current_school_year


@dataclass(frozen=True)
class Check:
    rule: str
    met: bool
    reason: str


@dataclass(frozen=True)
class Rule:
    name: str
    label: str
    test: Callable[[StaffMember, dt.date, School | None], Check]


def _year(person: StaffMember, day: dt.date) -> SchoolYear | None:
    return current_school_year(person.district_id, day)


def _teacher(person: StaffMember, day: dt.date, school: School | None) -> Check:
    year = _year(person, day)
    ok = Assignment.objects.filter(
        staff_member=person, school_year=year, position__in=TEACHING_POSITIONS
    ).exists()
    return Check("teacher", ok, f"{'Teaches' if ok else 'Does not teach'} in {year}.")


def _effective_last_year(person: StaffMember, day: dt.date, school: School | None) -> Check:
    year = _year(person, day)
    last = (
        SchoolYear.objects.filter(district_id=person.district_id, start__lt=year.start)
        .order_by("-start")
        .first()
        if year
        else None
    )
    labels = list(person.district.rating_labels or [])
    bar = labels[len(labels) // 2] if labels else "Effective"
    rating = RatingRecord.objects.filter(staff_member=person, school_year=last).first()
    if last is None or rating is None:
        return Check("effective_last_year", False, f"No rating for last year ({last}).")
    ok = rating.label in labels and labels.index(rating.label) >= labels.index(bar)
    return Check(
        "effective_last_year",
        ok,
        f"Rated {rating.label} in {last}; the seat needs {bar} or better.",
    )


def _from_school(person: StaffMember, day: dt.date, school: School | None) -> Check:
    if school is None:
        return Check("from_school", True, "The seat represents no one school.")
    year = _year(person, day)
    ok = Assignment.objects.filter(staff_member=person, school_year=year, school=school).exists()
    return Check(
        "from_school", ok, f"{'Works' if ok else 'Does not work'} at {school.name} in {year}."
    )


def _professional_status(person: StaffMember, day: dt.date, school: School | None) -> Check:
    years = person.years_of_service(day)
    ok = years >= 3
    return Check(
        "professional_status",
        ok,
        f"{years} school years in the district; professional status needs three.",
    )


RULES = {
    r.name: r
    for r in (
        Rule("teacher", "Teaches this school year", _teacher),
        Rule("effective_last_year", "Rated Effective or better last year", _effective_last_year),
        Rule("from_school", "Works at the seat's school", _from_school),
        Rule("professional_status", "Three or more years in the district", _professional_status),
    )
}
CHOICES = [(r.name, r.label) for r in RULES.values()]


def check(
    person: StaffMember, rules: list[str], day: dt.date, school: School | None
) -> list[Check]:
    """Each named rule's verdict for ``person`` on ``day``; unknown names fail, saying so."""
    out = []
    for name in rules:
        rule = RULES.get(name)
        if rule is None:
            out.append(Check(name, False, f"Unknown eligibility rule '{name}'."))
        else:
            out.append(rule.test(person, day, school))
    return out


def eligible(person: StaffMember, rules: list[str], day: dt.date, school: School | None) -> bool:
    return all(c.met for c in check(person, rules, day, school))
