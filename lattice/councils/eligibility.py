"""Who may sit on a seat or vote, read from the person's records — never typed by hand.

Each rule is a small named predicate over a staff member's assignments, ratings and service
on a day, read against the seat (the school it represents, the positions it is open to); a
seat lists the names of the rules its holder must meet. Every check answers with a sentence,
so a page can say why someone is or is not eligible.

The position rule (named "teacher" for the seats that already list it) reads the seat's
``eligible_positions``: by default classroom teachers and instructional coaches, as before,
or whichever educators the district opened the seat to (New Bedford: librarians, nurses,
specialists…).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from lattice.people.models import Assignment, RatingRecord, School, SchoolYear, StaffMember
from lattice.people.queries import current_school_year

if TYPE_CHECKING:
    from lattice.councils.models import Seat


@dataclass(frozen=True)
class Check:
    rule: str
    met: bool
    reason: str


@dataclass(frozen=True)
class Rule:
    name: str
    label: str
    test: Callable[[StaffMember, dt.date, Seat], Check]


def _year(person: StaffMember, day: dt.date) -> SchoolYear | None:
    return current_school_year(person.district_id, day)


def seat_school(seat: Seat) -> School | None:
    """The school a seat's holder must work at: the one it represents, or its body's."""
    return seat.constituency_school or seat.body.school


def _positions(person: StaffMember, day: dt.date, seat: Seat) -> Check:
    year = _year(person, day)
    rows = Assignment.objects.filter(staff_member=person, school_year=year)
    held = {a.position: str(a.get_position_display()).lower() for a in rows}
    allowed = seat.open_to() or "no position"
    ok = bool(set(held) & set(seat.eligible_positions))
    if ok:
        return Check("teacher", True, f"Open to {allowed}; works as {_listed(held)} in {year}.")
    return Check(
        "teacher",
        False,
        f"The seat is open to {allowed}; the staff record lists "
        f"{_listed(held) or 'no position'} in {year}, none of these.",
    )


def _listed(held: dict[str, str]) -> str:
    return ", ".join(sorted(held.values()))


def _effective_last_year(person: StaffMember, day: dt.date, seat: Seat) -> Check:
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


def _from_school(person: StaffMember, day: dt.date, seat: Seat) -> Check:
    school = seat_school(seat)
    if school is None:
        return Check("from_school", True, "The seat represents no one school.")
    year = _year(person, day)
    ok = Assignment.objects.filter(staff_member=person, school_year=year, school=school).exists()
    return Check(
        "from_school", ok, f"{'Works' if ok else 'Does not work'} at {school.name} in {year}."
    )


def _professional_status(person: StaffMember, day: dt.date, seat: Seat) -> Check:
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
        # "teacher": the name seats have always listed; it now reads the seat's positions.
        Rule("teacher", "Works in a job the seat is open to this school year", _positions),
        Rule("effective_last_year", "Rated Effective or better last year", _effective_last_year),
        Rule("from_school", "Works at the seat's school", _from_school),
        Rule("professional_status", "Three or more years in the district", _professional_status),
    )
}
CHOICES = [(r.name, r.label) for r in RULES.values()]


def check(person: StaffMember, seat: Seat, day: dt.date) -> list[Check]:
    """Each of ``seat``'s rules' verdict for ``person`` on ``day``; unknown names fail,
    saying so."""
    out = []
    for name in seat.eligibility:
        rule = RULES.get(name)
        if rule is None:
            out.append(Check(name, False, f"Unknown eligibility rule '{name}'."))
        else:
            out.append(rule.test(person, day, seat))
    return out


def eligible(person: StaffMember, seat: Seat, day: dt.date) -> bool:
    return all(c.met for c in check(person, seat, day))


def nominable(seat: Seat, district_ids: frozenset[int], day: dt.date) -> QuerySet[StaffMember]:
    """The active staff of ``district_ids`` a list of candidates for ``seat`` offers: those
    whose records this school year meet the seat's position rule (a job the seat is open
    to, ``Seat.eligible_positions``) and school rule, when the seat lists them. The other
    rules (a rating, years of service) are checked, with their sentence, on nominating."""
    staff = StaffMember.objects.filter(district_id__in=sorted(district_ids), active=True)
    wanted = set(seat.eligibility)
    if not wanted & {"teacher", "from_school"}:
        return staff
    school = seat_school(seat) if "from_school" in wanted else None
    held = Q(pk__in=[])
    for district_id in sorted(district_ids):
        year = current_school_year(district_id, day)
        if year is None:
            continue
        rows = Assignment.objects.filter(school_year=year, staff_member__district_id=district_id)
        if "teacher" in wanted:
            rows = rows.filter(position__in=list(seat.eligible_positions))
        if school is not None:
            rows = rows.filter(school=school)
        held |= Q(pk__in=rows.values("staff_member_id"))
    return staff.filter(held)
