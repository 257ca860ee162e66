"""The one adapter between Django and the rules engine: people's rows → ``TeacherRecord``.

:func:`load_facts` reads everything the engine needs about many people in a fixed number of
queries (one per kind of fact, never one per person) as plain values; :func:`build_record`
turns one person's facts into the engine's record under a policy. Every reader of the engine
(the standing writer, the adoption preview, the forecast's workforce and calibration, the
application checks) builds records here, so a teacher is one record everywhere.

What reaches the engine: the person (hire date, whole years of prior experience), ratings,
degrees (``DegreeLevel.engine_degree``), certificates (imported and verified claims, named as
the policy names them: ``lattice.rules.certificates``), the verified ledger (college credits,
PD hours, approved projects, roles served), recorded decisions, the starting placement for
the policy and each year's school facts. Submitted or rejected claims never reach the engine.
Imported graduate credits (``people.CreditRecord``) feed credential lanes only; unit ledgers
count only credits claimed within their window, as the policies require.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import Q

from lattice.pathways.models import Claim, ClaimKind, ClaimStatus, Decision, StartingPlacement
from lattice.people.models import (
    Assignment,
    Certificate,
    CreditRecord,
    Degree,
    RatingRecord,
    SchoolYearProfile,
    StaffMember,
)
from lattice.people.models.staff import TEACHING_POSITIONS, engine_degree
from lattice.rules import records as r
from lattice.rules.certificates import names_for
from lattice.rules.experience import whole_years
from lattice.rules.policy import Model, Policy

ID_LIST_LIMIT = 2000  # longer id lists filter by district and drop the rest in Python


@dataclass(frozen=True)
class WhatIf:
    """Facts to try on top of the record (nothing is saved): the what-if panel's inputs."""

    rating: str = ""
    credits: int = 0
    pd_hours: int = 0
    on: dt.date | None = None

    @property
    def empty(self) -> bool:
        return not (self.rating or self.credits or self.pd_hours)


@dataclass
class SchoolFacts:
    """Each school's facts by (school id, school year id), loaded once per district: the
    free/reduced-lunch share, and the campus's point value and rural flag where recorded
    (what a designation allotment reads)."""

    frl: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    campus: dict[tuple[int, int], tuple[Decimal, bool]] = field(default_factory=dict)

    @classmethod
    def for_district(cls, district_id: int) -> SchoolFacts:
        rows = SchoolYearProfile.objects.filter(school__district_id=district_id).values_list(
            "school_id", "school_year_id", "frl_share", "campus_points", "rural"
        )
        frl, campus = {}, {}
        for school, year, share, points, rural in rows:
            frl[(school, year)] = share
            if points is not None or rural:
                campus[(school, year)] = (points or Decimal(0), rural)
        return cls(frl, campus)


@dataclass(frozen=True)
class StartFacts:
    """A recorded starting placement (``StartingPlacement``) as plain values."""

    adoption_id: int | None
    on: dt.date
    pathway: str
    interval: int | None
    units: int
    base_salary: int | None
    reason: str

    def as_engine(self) -> r.Placement:
        return r.Placement(
            self.on,
            self.pathway or None,
            self.interval,
            self.units,
            self.base_salary,
            self.reason,
        )


@dataclass
class PersonFacts:
    """Everything the engine reads about one person, as plain values from the database."""

    staff_id: int
    district_id: int
    employee_id: str
    name: str
    hire_date: dt.date | None
    prior_years: Decimal
    active: bool = True
    ratings: list[tuple[dt.date, dt.date, str]] = field(default_factory=list)
    degrees: list[tuple[str, dt.date | None]] = field(default_factory=list)
    certificates: list[tuple[str, dt.date, dt.date | None]] = field(default_factory=list)
    credits: list[tuple[Decimal, dt.date]] = field(default_factory=list)
    claims: list[tuple[Any, ...]] = field(default_factory=list)
    decisions: list[tuple[str, dt.date, dt.date | None, str]] = field(default_factory=list)
    # (school id, school year id, school year start, fte, position)
    assignments: list[tuple[int, int, dt.date, Decimal, str]] = field(default_factory=list)
    starts: list[StartFacts] = field(default_factory=list)

    @property
    def teaches(self) -> bool:
        return any(a[4] in TEACHING_POSITIONS for a in self.assignments)

    def start_for(self, adoption_id: int | None) -> StartFacts | None:
        """The starting placement recorded for ``adoption_id``, else one waiting for the
        district's first adoption (a conversion recorded before the policy was adopted)."""
        mine = [s for s in self.starts if s.adoption_id == adoption_id]
        if mine:
            return mine[-1]
        waiting = [s for s in self.starts if s.adoption_id is None]
        return waiting[-1] if waiting else None


def _filtered(qs: Any, field_name: str, district_id: int, ids: frozenset[int] | None) -> Any:
    if ids is not None and len(ids) <= ID_LIST_LIMIT:
        return qs.filter(**{f"{field_name}__in": sorted(ids)})
    return qs.filter(**{f"{field_name.removesuffix('_id')}__district_id": district_id})


def load_facts(
    district_id: int,
    staff_ids: Iterable[int] | None = None,
    *,
    teaching_only: bool = True,
    include_inactive: bool = False,
) -> dict[int, PersonFacts]:
    """Active people of the district (``staff_ids`` of them, or all), with every fact the
    engine reads, in ten queries. ``teaching_only`` keeps those who ever held a teaching
    assignment (pathways are theirs); ``include_inactive`` adds people who left."""
    ids = None if staff_ids is None else frozenset(staff_ids)
    staff_qs = StaffMember.objects.filter(district_id=district_id)
    if not include_inactive:
        staff_qs = staff_qs.filter(active=True)
    if ids is not None and len(ids) <= ID_LIST_LIMIT:
        staff_qs = staff_qs.filter(pk__in=sorted(ids))
    people: dict[int, PersonFacts] = {}
    for pk, employee, given, preferred, family, hired, prior, active in staff_qs.values_list(
        "pk", "employee_id", "given_name", "preferred_name", "family_name", "hire_date",
        "prior_years_experience", "active",
    ):  # fmt: skip
        if ids is not None and pk not in ids:
            continue
        people[pk] = PersonFacts(
            pk, district_id, employee, f"{preferred or given} {family}", hired, prior, active
        )

    def rows(model: Any, *fields: str, order: tuple[str, ...] = ("id",)) -> Iterable[Any]:
        qs = _filtered(model.objects.all(), "staff_member_id", district_id, ids)
        for row in qs.order_by(*order).values_list("staff_member_id", *fields):
            person = people.get(row[0])
            if person is not None:
                yield person, row[1:]

    for person, (start, end, label) in rows(
        RatingRecord, "school_year__start", "school_year__end", "label"
    ):
        person.ratings.append((start, end, label))
    for person, (level, conferred) in rows(Degree, "level", "conferred_on"):
        person.degrees.append((level, conferred))
    for person, (kind, issued, expires) in rows(Certificate, "kind", "issued", "expires"):
        person.certificates.append((kind, issued, expires))
    for person, (amount, earned) in rows(CreditRecord, "credits", "earned_on"):
        person.credits.append((amount, earned))
    claims = _filtered(
        Claim.objects.filter(status=ClaimStatus.VERIFIED), "staff_member_id", district_id, ids
    )
    for row in claims.order_by("id").values_list(
        "staff_member_id", "kind", "title", "category", "quantity", "completed", "expires",
        "submitted_on", "window_exception",
    ):  # fmt: skip
        if (person := people.get(row[0])) is not None:
            person.claims.append(row[1:])
    for person, decision in rows(
        Decision, "kind", "decided", "ends", "note", order=("decided", "id")
    ):
        person.decisions.append(decision)
    for person, (school, year, year_start, fte, position) in rows(
        Assignment, "school_id", "school_year_id", "school_year__start", "fte", "position"
    ):
        person.assignments.append((school, year, year_start, fte, position))
    for person, (adoption, on, pathway, interval, units, base, reason) in rows(
        StartingPlacement, "adoption_id", "on", "pathway", "interval", "units", "base_salary",
        "reason",
    ):  # fmt: skip
        person.starts.append(StartFacts(adoption, on, pathway, interval, units, base, reason))
    if teaching_only:
        return {pk: p for pk, p in people.items() if p.teaches}
    return people


def facts_of(staff: StaffMember) -> PersonFacts | None:
    """One person's facts (None when they are inactive)."""
    return load_facts(staff.district_id, [staff.pk], teaching_only=False).get(staff.pk)


def teaching_ids(district_id: int) -> set[int]:
    """Active people of the district who ever held a teaching assignment."""
    teachers = Assignment.objects.filter(position__in=list(TEACHING_POSITIONS)).values(
        "staff_member_id"
    )
    return set(
        StaffMember.objects.filter(
            Q(pk__in=teachers), district_id=district_id, active=True
        ).values_list("pk", flat=True)
    )


def _year(day: dt.date) -> int:
    return r.school_year_of(day)


@functools.lru_cache(maxsize=64)
def certificate_names(policy: Policy) -> frozenset[str]:
    """Every certificate name the policy's rules mention (moves, requirements, bonuses)."""
    names = {k for t in policy.transitions for k in t.certificate_any}
    names |= {k for t in policy.transitions for k in t.requires.certificate_any}
    names |= {b.certificate for b in policy.bonuses if b.certificate}
    if policy.designation is not None:
        names.add(policy.designation.national_board_certificate)
    return frozenset(names)


def build_record(
    person: PersonFacts,
    policy: Policy,
    *,
    adoption_id: int | None = None,
    placement: r.Placement | bool | None = True,
    school_facts: SchoolFacts | None = None,
    schedule_salary: int | None = None,
    through: dt.date | None = None,
    what_if: WhatIf | None = None,
) -> r.TeacherRecord:
    """The engine's record of ``person`` under ``policy``.

    ``placement`` True uses the starting placement recorded for ``adoption_id``; pass an
    engine ``Placement`` (the adoption crosswalk's) or None to override it. Under a model
    that pays the district's own schedule (ladder, roles, designations), ``schedule_salary``
    is paid in every school year up to ``through`` when no salary was carried with the
    placement.
    """
    hire = person.hire_date or policy.effective_from
    wanted = certificate_names(policy)
    ratings = [r.Rating(_year(start), label, posted=end) for start, end, label in person.ratings]
    degrees = []
    for level, conferred in person.degrees:
        degree = engine_degree(level)
        if degree is not None:
            degrees.append(r.DegreeEarned(degree, conferred or hire))
    certificates = [
        r.Certificate(name, issued, expires)
        for kind, issued, expires in person.certificates
        for name in names_for(kind, wanted)
    ]
    credits = credit_facts(
        person,
        ledger=policy.model is Model.LEDGER,
        window=policy.ledger.credit_window_days if policy.ledger else None,
    )
    pd_hours: list[r.PdHours] = []
    accomplishments: list[r.Accomplishment] = []
    roles: list[r.RoleServed] = []
    role_keys = {role.key for role in policy.roles.roles} if policy.roles else set()
    for kind, title, category, quantity, completed, expires, _, _ in person.claims:
        if kind == ClaimKind.CREDITS:
            continue
        if kind == ClaimKind.PD_HOURS:
            pd_hours.append(r.PdHours(quantity, completed))
        elif kind == ClaimKind.PROJECT:
            accomplishments.append(
                r.Accomplishment(category or "project", completed, quantity, title)
            )
        elif kind == ClaimKind.ROLE and category in role_keys:
            roles.append(r.RoleServed(category, _year(completed)))
        elif kind == ClaimKind.CERTIFICATE:
            certificates += [
                r.Certificate(name, completed, expires) for name in names_for(title, wanted)
            ]
    decisions = [
        r.Decision(r.DecisionKind(kind), decided, ends, note)
        for kind, decided, ends, note in person.decisions
    ]
    if placement is True:
        start = person.start_for(adoption_id)
        engine_placement = start.as_engine() if start is not None else None
    else:
        engine_placement = placement or None
    record = r.TeacherRecord(
        teacher_id=person.employee_id,
        hire_date=hire,
        prior_experience_years=whole_years(person.prior_years),
        placement=engine_placement,
        degrees=tuple(degrees),
        credits=tuple(sorted(credits, key=lambda c: (c.submitted, c.course_end))),
        pd_hours=tuple(sorted(pd_hours, key=lambda p: p.completed)),
        certificates=tuple(certificates),
        ratings=tuple(sorted(ratings, key=lambda x: x.school_year)),
        accomplishments=tuple(sorted(accomplishments, key=lambda a: a.completed)),
        roles=tuple(roles),
        decisions=tuple(decisions),
        years=_years(person, school_facts, policy, engine_placement, schedule_salary, through),
        campuses=campuses(person, school_facts),
    )
    if what_if is not None and not what_if.empty:
        record = apply_what_if(record, what_if)
    return record


def credit_facts(
    person: PersonFacts, *, ledger: bool, window: int | None = None
) -> list[r.CreditEarned]:
    """College credits as the engine reads them: verified credit claims (a late claim the
    office accepted counts as submitted by the deadline), plus the imported graduate credits
    (``people.CreditRecord``) unless a unit ledger reads only claims."""
    credits: list[r.CreditEarned] = []
    if not ledger:
        credits += [r.CreditEarned(int(amount), day, day) for amount, day in person.credits]
    for kind, _, _, quantity, completed, _, submitted, exception in person.claims:
        if kind != ClaimKind.CREDITS:
            continue
        if exception and window is not None:
            submitted = min(submitted, completed + dt.timedelta(days=window))
        credits.append(r.CreditEarned(quantity, completed, submitted))
    return credits


def lane_facts(person: PersonFacts, on: dt.date) -> tuple[r.Degree | None, int]:
    """The highest degree held on ``on`` and the graduate credits finished after it, as a
    step-and-lane policy's lanes read them (``lattice.rules.steps.lane_met``)."""
    best: tuple[r.Degree, dt.date] | None = None
    hire = person.hire_date or on
    for level, conferred in person.degrees:
        degree = engine_degree(level)
        day = conferred or hire
        if degree is not None and day <= on and (best is None or degree.rank > best[0].rank):
            best = (degree, day)
    if best is None:
        return None, 0
    credits = credit_facts(person, ledger=False)
    return best[0], sum(c.credits for c in credits if c.graduate and best[1] < c.course_end <= on)


def apply_what_if(record: r.TeacherRecord, what_if: WhatIf) -> r.TeacherRecord:
    """``record`` with the what-if facts added on ``what_if.on`` (this school year)."""
    on = what_if.on or dt.date.today()
    year = _year(on)
    changes: dict[str, Any] = {}
    if what_if.rating:
        kept = tuple(x for x in record.ratings if x.school_year != year)
        changes["ratings"] = (*kept, r.Rating(year, what_if.rating, posted=on))
    if what_if.credits:
        changes["credits"] = (*record.credits, r.CreditEarned(what_if.credits, on, on))
    if what_if.pd_hours:
        changes["pd_hours"] = (*record.pd_hours, r.PdHours(what_if.pd_hours, on))
    return replace(record, **changes)


def campuses(person: PersonFacts, school_facts: SchoolFacts | None) -> tuple[r.CampusFacts, ...]:
    """Each school year's campus facts at the person's main assignment (largest FTE), where
    the school's profile records them."""
    if school_facts is None:
        school_facts = SchoolFacts.for_district(person.district_id)
    if not school_facts.campus:
        return ()
    out = []
    for year, (_, school, year_id) in sorted(_main_schools(person).items()):
        found = school_facts.campus.get((school, year_id))
        if found is not None:
            out.append(r.CampusFacts(school_year=year, points=found[0], rural=found[1]))
    return tuple(out)


def _main_schools(person: PersonFacts) -> dict[int, tuple[Decimal, int, int]]:
    """School year → (FTE, school id, school year id) of the person's largest assignment."""
    best: dict[int, tuple[Decimal, int, int]] = {}
    for school, year_id, year_start, fte, _ in person.assignments:
        year = _year(year_start)
        if year not in best or fte > best[year][0]:
            best[year] = (fte, school, year_id)
    return best


def _years(
    person: PersonFacts,
    school_facts: SchoolFacts | None,
    policy: Policy,
    placement: r.Placement | None,
    schedule_salary: int | None,
    through: dt.date | None,
) -> tuple[r.SchoolYearFacts, ...]:
    """Each school year's FRL share at the person's main assignment (largest FTE), and the
    district schedule salary where the policy pays one and none was carried."""
    if school_facts is None:
        school_facts = SchoolFacts.for_district(person.district_id)
    frl: dict[int, int] = {}
    for year, (_, school, year_id) in _main_schools(person).items():
        share = school_facts.frl.get((school, year_id))
        frl[year] = int((share * 100).to_integral_value()) if share is not None else 0
    years = set(frl)
    local: int | None = None
    carried = placement is not None and bool(placement.base_salary)
    if schedule_salary and not carried and policy.model.pays_district_schedule:
        local = schedule_salary
        first = _year(placement.on if placement else (person.hire_date or policy.effective_from))
        last = _year(through or dt.date.today())
        years |= set(range(first, last + 1))
    return tuple(
        r.SchoolYearFacts(school_year=year, frl_percent=frl.get(year, 0), local_salary=local)
        for year in sorted(years)
    )
