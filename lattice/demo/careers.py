"""People's careers in the demo simulation: hiring, education, certificates, ratings, exits.

:class:`CareerEvents` is mixed into the generator; it reads ``self.rng``, ``self.today`` and
``self.year_starts`` and adds rows with ``self.add``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lattice.demo import names
from lattice.demo.plan import (
    ADVANCED,
    CONDITIONAL,
    MASTER_FIELDS,
    RATING_LABELS,
    STANDARD,
    DistrictPlan,
    ascii_name,
    bachelor_field,
    next_rating,
)
from lattice.people.models import (
    Certificate,
    CreditRecord,
    Degree,
    DegreeLevel,
    District,
    Position,
    RatingRecord,
    School,
    SchoolYear,
    StaffMember,
)

# --- the people being simulated ------------------------------------------------------------


class Person:
    """One simulated person's live state; the StaffMember row is ``staff``."""

    __slots__ = (
        "cert",
        "cert_lapsed",
        "degree",
        "district",
        "grades",
        "hybrid",
        "novice",
        "position",
        "rating",
        "richness",
        "school",
        "staff",
        "start_year",
        "subject",
        "years_present",
    )

    def __init__(self, staff: StaffMember, district: DistrictState, start_year: int) -> None:
        self.staff = staff
        self.district = district
        self.start_year = start_year  # calendar year of first school year in the district
        self.school: int = 0
        self.position: str = Position.TEACHER
        self.subject = ""
        self.grades = ""
        self.hybrid = False
        self.rating: int | None = None
        self.novice = False
        self.degree = DegreeLevel.BACHELOR
        self.cert: tuple[str, dt.date] = ("", dt.date.min)  # kind, expires
        self.cert_lapsed = False
        self.richness = 0
        self.years_present = 0


@dataclass
class SchoolState:
    row: School
    level: str
    base_size: int
    frl: float
    principal: Person | None = None
    assistants: list[Person] = field(default_factory=list)


@dataclass
class DistrictState:
    plan: DistrictPlan
    row: District
    years: list[SchoolYear]
    schools: list[SchoolState]
    teachers: list[Person] = field(default_factory=list)
    office: list[Person] = field(default_factory=list)
    next_id: int = 100001
    emails: set[str] = field(default_factory=set)


class CareerEvents:
    """What happens to people: the mix-in half of the generator."""

    rng: random.Random
    today: dt.date
    year_starts: list[int]

    def add(self, row: Any) -> None:
        raise NotImplementedError

    def add_row(self, model: type, staff: StaffMember, **values: Any) -> None:
        raise NotImplementedError

    def new_person(
        self,
        district: DistrictState,
        *,
        year_index: int,
        years_before: int,
        prior: int,
        mid_year: bool = False,
        subject: str = "",
    ) -> Person:
        """A person whose first year in the district starts ``years_before`` years before
        school year ``year_index`` (0 for a hire in that year); ``subject`` is what they
        will teach, which shapes their first degree."""
        rng = self.rng
        start_year = self.year_starts[year_index] - years_before
        if mid_year:
            hire = dt.date(start_year, 9, 1) + dt.timedelta(days=rng.randrange(150))
            hire = min(hire, self.today)
        else:
            hire = dt.date(start_year, 8, 1) + dt.timedelta(days=rng.randrange(25))
        given = rng.choice(names.GIVEN_NAMES)
        family = rng.choice(names.FAMILY_NAMES)
        local = f"{ascii_name(given)}.{ascii_name(family)}"
        email, number = local, 1
        while email in district.emails:
            number += 1
            email = f"{local}{number}"
        district.emails.add(email)
        staff = StaffMember(
            district=district.row,
            employee_id=f"{district.plan.employee_prefix}{district.next_id}",
            given_name=given,
            family_name=family,
            email=f"{email}@{district.plan.email_domain}",
            hire_date=hire,
            prior_years_experience=Decimal(prior),
            active=True,
        )
        district.next_id += 1
        person = Person(staff, district, start_year)
        person.novice = prior == 0 and years_before == 0
        self.add(staff)
        self._education_before(person, prior, subject)
        return person

    def _education_before(self, person: Person, prior: int, subject: str) -> None:
        """Degrees and the current certificate a person brings on their first day here."""
        rng, staff = self.rng, person.staff
        assert staff.hire_date is not None
        first_teaching = staff.hire_date.year - prior
        bachelor = dt.date(first_teaching - rng.choice((0, 0, 1, 2)), 5, rng.randrange(10, 28))
        self.add_row(
            Degree,
            staff,
            level=DegreeLevel.BACHELOR,
            field=bachelor_field(rng, subject),
            conferred_on=bachelor,
        )
        window_start = dt.date(self.year_starts[0], 7, 1)
        experience = max(0, self.year_starts[0] - staff.hire_date.year) + prior
        if rng.random() < min(0.85, 0.34 + 0.03 * experience):
            latest = min(window_start, staff.hire_date + dt.timedelta(days=365 * 6))
            span = (latest - bachelor).days - 400
            if span > 0:
                conferred = bachelor + dt.timedelta(days=400 + rng.randrange(span))
                self._confer(person, DegreeLevel.MASTER, conferred)
                if rng.random() < 0.03:
                    self._confer(
                        person,
                        DegreeLevel.DOCTORATE,
                        min(conferred + dt.timedelta(days=365 * 4), window_start),
                    )
        kind, years = CONDITIONAL if person.novice and rng.random() < 0.15 else STANDARD
        if person.degree != DegreeLevel.BACHELOR and experience >= 3:
            kind, years = ADVANCED
        # The certificate in force when they start (or at the window start): issued up to its
        # validity before, so its expiry falls at a random point of the coming years.
        anchor = max(staff.hire_date, window_start)
        issued = anchor - dt.timedelta(days=rng.randrange(years * 365 - 30))
        issued = max(issued, staff.hire_date - dt.timedelta(days=60))
        self._certificate(person, kind, issued, years)

    def _confer(self, person: Person, level: DegreeLevel, on: dt.date) -> None:
        fields = ("Education (EdD)", "Curriculum and Instruction (PhD)")
        field_name = (
            self.rng.choice(MASTER_FIELDS)
            if level == DegreeLevel.MASTER
            else self.rng.choice(fields)
        )
        self.add_row(Degree, person.staff, level=level, field=field_name, conferred_on=on)
        person.degree = level

    def _certificate(self, person: Person, kind: str, issued: dt.date, years: int) -> None:
        # Valid for ``years`` years from issue (29 February issues expire on 28 February).
        expires = issued.replace(year=issued.year + years, day=min(issued.day, 28)) - dt.timedelta(
            days=1
        )
        number = f"{person.district.plan.cert_prefix}-{self.rng.randrange(10**6, 10**7)}"
        self.add_row(
            Certificate, person.staff, kind=kind, number=number, issued=issued, expires=expires
        )
        person.cert = (kind, expires)
        person.cert_lapsed = False

    # --- a school year --------------------------------------------------------------------

    def growth(self, district: DistrictState, year_index: int) -> None:
        """Degrees, graduate credits and certificate renewals during the school year."""
        rng = self.rng
        start, end = district.years[year_index].start, district.years[year_index].end
        people = [
            *district.teachers,
            *district.office,
            *(p for s in district.schools for p in [s.principal, *s.assistants] if p),
        ]
        for person in people:
            if rng.random() < (0.35 if person.degree == DegreeLevel.BACHELOR else 0.18):
                for _ in range(rng.choice((1, 1, 2))):
                    earned = start + dt.timedelta(
                        days=rng.choice((rng.randrange(170, 200), rng.randrange(345, 364)))
                    )
                    if earned <= self.today:
                        topic = rng.choice(names.COURSE_TOPICS)
                        self.add_row(
                            CreditRecord,
                            person.staff,
                            credits=Decimal(rng.choice((3, 3, 6))),
                            earned_on=earned,
                            description=f"Graduate coursework: {topic}",
                        )
                        person.richness += 1
            if person.degree == DegreeLevel.BACHELOR and rng.random() < 0.045:
                conferred = dt.date(end.year, 5, rng.randrange(10, 28))
                if conferred <= self.today:
                    self._confer(person, DegreeLevel.MASTER, conferred)
                    person.richness += 3
            kind, expires = person.cert
            renew_by = min(end, self.today)
            if expires <= renew_by:
                late = person.cert_lapsed
                if rng.random() < (0.5 if late else 0.96):
                    issued = (
                        expires - dt.timedelta(days=rng.randrange(10, 90))
                        if not late
                        else start + dt.timedelta(days=rng.randrange(30, 200))
                    )
                    issued = min(issued, self.today)
                    if kind == CONDITIONAL[0]:
                        kind = STANDARD[0]
                    if kind == STANDARD[0] and person.degree != DegreeLevel.BACHELOR:
                        kind = ADVANCED[0]
                    self._certificate(person, kind, issued, 5)
                else:
                    person.cert_lapsed = True

    def ratings_and_exits(self, district: DistrictState, year_index: int) -> list[Person]:
        """Rate everyone for a finished year, then decide who leaves at its end."""
        rng = self.rng
        year = district.years[year_index]
        leaving: list[Person] = []
        for person in district.teachers:
            rating = next_rating(rng, person.rating, person.novice)
            if person.rating is not None and rating != person.rating:
                person.richness += 1
            person.rating, person.novice = rating, False
            self.add_row(
                RatingRecord, person.staff, school_year_id=year.pk, label=RATING_LABELS[rating]
            )
            service = self.year_starts[year_index] - person.start_year + 1
            total = service + int(person.staff.prior_years_experience)
            chance = 0.15 if service <= 1 else 0.11 if service <= 3 else 0.07
            if total >= 30:
                chance = 0.25
            chance *= (4.0, 2.0, 1.0, 0.7)[rating]
            if rng.random() < min(chance, 0.8):
                leaving.append(person)
        for school in district.schools:
            for leader in [school.principal, *school.assistants]:
                assert leader is not None
                leader.rating = next_rating(rng, leader.rating, False)
                self.add_row(
                    RatingRecord,
                    leader.staff,
                    school_year_id=year.pk,
                    label=RATING_LABELS[leader.rating],
                )
            if rng.random() < 0.12:
                assert school.principal is not None
                leaving.append(school.principal)
                school.principal = None
            for person in list(school.assistants):
                if rng.random() < 0.12:
                    leaving.append(person)
                    school.assistants.remove(person)
        gone = {id(p) for p in leaving}
        district.teachers = [p for p in district.teachers if id(p) not in gone]
        return leaving

    def talent_office(self, district: DistrictState) -> None:
        rng = self.rng
        for title, degree_field in district.plan.talent_office:
            person = self.new_person(
                district, year_index=0, years_before=rng.randint(2, 12), prior=rng.randint(0, 8)
            )
            if person.degree == DegreeLevel.BACHELOR:
                assert person.staff.hire_date is not None
                self.add_row(
                    Degree,
                    person.staff,
                    level=DegreeLevel.MASTER,
                    field=degree_field,
                    conferred_on=person.staff.hire_date - dt.timedelta(days=500),
                )
                person.degree = DegreeLevel.MASTER
            person.position = Position.DISTRICT_ADMINISTRATOR
            person.subject = title
            district.office.append(person)
