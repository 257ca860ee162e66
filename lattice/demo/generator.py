"""The deterministic demo district: a seeded simulation of a network's workforce over years.

:func:`generate` walks the school years in order and yields batches of unsaved model rows
(network, districts, schools, school years, staff, assignments, ratings, degrees, credits,
certificates, demo log-ins) for :func:`lattice.people.actions.bulk_load`, which writes them
in one transaction with one audit entry. Everything random comes from one
``random.Random(seed)``, so the same seed and the same ``today`` give the same district.

The simulation, year by year: schools keep a target headcount that drifts a little; people
leave at the end of a year (more often in their first years, after low ratings and near
retirement); some teachers transfer; vacancies are filled by new hires (most new to
teaching, some experienced). Ratings follow a Markov chain so a rating persists; degrees,
graduate credits and certificate renewals happen along the way.
"""

from __future__ import annotations

import datetime as dt
import enum
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils.text import slugify

from lattice.demo import names
from lattice.demo.careers import CareerEvents, DistrictState, Person, SchoolState
from lattice.demo.logins import login_steps
from lattice.demo.plan import (
    ADMINISTRATOR,
    DEFAULT_SEED,
    DEMO_DISTRICT_KEYS,
    ELEMENTARY_GRADES,
    ELEMENTARY_SPECIALISTS,
    LEVEL_GRADES,
    MAIN,
    NETWORK_KEY,
    NETWORK_NAME,
    RATING_LABELS,
    SECOND,
    SECONDARY_SUBJECTS,
    TEACHERS_PER_SCHOOL,
    DemoSpec,
    current_school_year_start,
    next_rating,
    weighted_choice,
)
from lattice.people.actions import Rows, SetValues
from lattice.people.models import (
    Assignment,
    Certificate,
    CreditRecord,
    Degree,
    DegreeLevel,
    District,
    Network,
    Position,
    RatingRecord,
    School,
    SchoolLevel,
    SchoolYear,
    SchoolYearProfile,
    StaffMember,
)

__all__ = [
    "DEFAULT_SEED",
    "DEMO_DISTRICT_KEYS",
    "NETWORK_KEY",
    "RATING_LABELS",
    "DemoSpec",
    "GenerationResult",
    "current_school_year_start",
    "generate",
]


@dataclass
class GenerationResult:
    """Filled in while :func:`generate` runs; read it after the steps are consumed."""

    district_keys: list[str] = field(default_factory=list)
    school_years: list[str] = field(default_factory=list)
    persona_staff: dict[str, int] = field(default_factory=dict)  # persona key → staff pk
    teachers_now: dict[str, int] = field(default_factory=dict)  # district key → headcount


def _plain_rows(model: type[Model], chunk: list[tuple[StaffMember, dict[str, Any]]]) -> Rows:
    """Every column of ``model`` for each buffered fact: given values, else the default."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    names = tuple(f.attname for f in fields)
    defaults = {f.attname: f.get_default() for f in fields}
    values = []
    for staff, given in chunk:
        row = {**defaults, **given, "staff_member_id": staff.pk}
        values.append(tuple(row[name] for name in names))
    return Rows(model, names, values)


class _Generator(CareerEvents):
    progress: Callable[[str], Any] | None = None

    def __init__(self, spec: DemoSpec, result: GenerationResult) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.today = spec.today
        last = current_school_year_start(spec.today)
        self.year_starts = list(range(last - spec.years + 1, last + 1))
        self.result = result
        self.result.school_years = [SchoolYear.label_for(y) for y in self.year_starts]
        self.buckets: dict[type, list[Any]] = {}

    # --- batching -------------------------------------------------------------------------

    def add(self, row: Any) -> None:
        """Buffer a model instance (for rows whose ids are needed later)."""
        self.buckets.setdefault(type(row), []).append(row)

    def add_row(self, model: type, staff: StaffMember, **values: Any) -> None:
        """Buffer a fact about ``staff`` as plain values; written with ``executemany``.

        The staff member may not be inserted yet: the id is read when the row is flushed,
        after the staff rows (flushes go parents first).
        """
        for name, value in values.items():
            if isinstance(value, enum.Enum):  # choices: store the plain value on every backend
                values[name] = value.value
        self.buckets.setdefault(model, []).append((staff, values))

    def flush(self, *order: type) -> Iterator[Any]:
        """Yield the buffered rows, parents first, in chunks that keep memory bounded."""
        for model in order:
            rows = self.buckets.pop(model, [])
            for start in range(0, len(rows), 20000):
                chunk = rows[start : start + 20000]
                if chunk and isinstance(chunk[0], tuple):
                    yield _plain_rows(model, chunk)
                else:
                    yield chunk

    # --- organisation ---------------------------------------------------------------------

    def organisation(self) -> Iterator[Any]:
        network = Network(key=NETWORK_KEY, name=NETWORK_NAME)
        yield [network]
        plans = [(MAIN, self.spec.teachers, self.spec.schools)]
        if self.spec.second_district:
            plans.append(
                (SECOND, self.spec.second_teachers, max(1, round(self.spec.second_teachers / 66)))
            )
        self.districts: list[DistrictState] = []
        districts = [
            District(key=p.key, name=p.name, network=network, rating_labels=list(RATING_LABELS))
            for p, _, _ in plans
        ]
        yield districts
        used_names: set[str] = set()
        years_rows: list[SchoolYear] = []
        for (plan, teachers, schools), district in zip(plans, districts, strict=True):
            years = [
                SchoolYear(
                    district=district,
                    label=SchoolYear.label_for(y),
                    start=dt.date(y, 7, 1),
                    end=dt.date(y + 1, 6, 30),
                )
                for y in self.year_starts
            ]
            years_rows.extend(years)
            state = DistrictState(
                plan=plan,
                row=district,
                years=years,
                schools=self._schools(district, teachers, schools, used_names),
            )
            self.districts.append(state)
            self.result.district_keys.append(plan.key)
        yield years_rows
        yield [s.row for d in self.districts for s in d.schools]
        profiles = []
        for state in self.districts:
            for school in state.schools:
                frl = school.frl
                for year in state.years:
                    frl = min(0.97, max(0.05, frl + self.rng.gauss(0, 0.015)))
                    share = Decimal(str(round(frl, 3)))
                    profiles.append(
                        SchoolYearProfile(
                            school_id=school.row.pk,
                            school_year_id=year.pk,
                            level=school.level,
                            frl_share=share,
                            title_i=share >= Decimal("0.40"),
                            # Invented campus facts for designation policies (Texas TIA): the
                            # disadvantaged share times 2.4, a made-up mean tier value; the
                            # smaller district's campuses are rural.
                            campus_points=(share * Decimal("2.4")).quantize(Decimal("0.0001")),
                            rural=state is not self.districts[0],
                        )
                    )
        yield profiles

    def _schools(
        self, district: District, teachers: int, count: int | None, used: set[str]
    ) -> list[SchoolState]:
        count = count or max(1, round(teachers / TEACHERS_PER_SCHOOL))
        if count == 1:
            levels = [SchoolLevel.ELEMENTARY]
        elif count == 2:
            levels = [SchoolLevel.ELEMENTARY, SchoolLevel.HIGH]
        else:
            middle = max(1, round(count * 0.22))
            high = max(1, round(count * 0.21))
            levels = (
                [SchoolLevel.ELEMENTARY] * (count - middle - high)
                + [SchoolLevel.MIDDLE] * middle
                + [SchoolLevel.HIGH] * high
            )
        weights = {SchoolLevel.ELEMENTARY: 0.7, SchoolLevel.MIDDLE: 1.0, SchoolLevel.HIGH: 1.6}
        total = sum(weights[level] for level in levels)
        # FRL bases spread from ~15% to ~90%, shuffled across schools.
        frls = [0.15 + 0.75 * i / max(1, count - 1) for i in range(count)]
        self.rng.shuffle(frls)
        suffix = {
            SchoolLevel.ELEMENTARY: "Elementary School",
            SchoolLevel.MIDDLE: "Middle School",
            SchoolLevel.HIGH: "High School",
        }
        schools = []
        for index, level in enumerate(levels):
            name = self._school_name(suffix[level], used)
            size = int(teachers * weights[level] / total)
            row = School(district=district, key=slugify(name)[:50], name=name)
            frl = min(0.95, max(0.08, frls[index] + self.rng.uniform(-0.03, 0.03)))
            schools.append(SchoolState(row=row, level=level, base_size=size, frl=frl))
        # Rounding down lost a few teachers: give them to the schools that lost the most
        # (largest remainders), so the targets add up to the requested number exactly.
        shortfall = teachers - sum(s.base_size for s in schools)
        by_remainder = sorted(
            range(len(schools)),
            key=lambda i: -(teachers * weights[levels[i]] / total - schools[i].base_size),
        )
        for index in by_remainder[:shortfall]:
            schools[index].base_size += 1
        if min(s.base_size for s in schools) < 2:
            raise ValueError("too many schools for so few teachers; lower --schools")
        return schools

    def _school_name(self, suffix: str, used: set[str]) -> str:
        used_places = {name.split(" ")[0] for name in used}
        for attempt in range(50):
            place = self.rng.choice(names.SCHOOL_PLACES)
            kind = self.rng.choice(names.SCHOOL_KINDS)
            name = f"{place} {kind} {suffix}"
            if place[:4].lower() == kind[:4].lower():
                continue  # no "Meadow Meadows"
            if attempt < 30 and place.split(" ")[0] in used_places:
                continue
            if name not in used:
                used.add(name)
                return name
        number = 2
        while f"{place} {kind} {suffix} No. {number}" in used:
            number += 1
        name = f"{place} {kind} {suffix} No. {number}"
        used.add(name)
        return name

    # --- people ---------------------------------------------------------------------------

    def staff_school(self, district: DistrictState, year_index: int) -> None:
        """Fill leadership posts and teacher vacancies at every school for the year."""
        rng = self.rng
        first = year_index == 0
        # Who could step up to assistant principal, per school, in the district's order: read
        # once a year rather than a scan of every teacher per vacancy (schools × teachers).
        strong_by_school: dict[int, list[Person]] | None = None
        for index, school in enumerate(district.schools):
            if school.principal is None:
                promoted = [p for s in district.schools for p in s.assistants]
                if promoted and not first and rng.random() < 0.6:
                    person = rng.choice(promoted)
                    for s in district.schools:
                        if person in s.assistants:
                            s.assistants.remove(person)
                else:
                    person = self._leader(district, year_index, first)
                person.school, person.position = index, Position.PRINCIPAL
                school.principal = person
            wanted = {
                SchoolLevel.ELEMENTARY: 1 if school.base_size >= 45 else 0,
                SchoolLevel.MIDDLE: 1,
                SchoolLevel.HIGH: 2,
            }[SchoolLevel(school.level)]
            while len(school.assistants) < wanted:
                if strong_by_school is None:
                    strong_by_school = {}
                    for p in district.teachers:
                        if p.rating == 3 and p.years_present >= 4 and not p.hybrid:
                            strong_by_school.setdefault(p.school, []).append(p)
                strong = strong_by_school.get(index, [])
                if strong and not first and rng.random() < 0.5:
                    person = rng.choice(strong)
                    strong.remove(person)
                    district.teachers.remove(person)
                else:
                    person = self._leader(district, year_index, first)
                person.school, person.position = index, Position.ASSISTANT_PRINCIPAL
                person.subject = person.grades = ""
                school.assistants.append(person)
        # Transfers, then hires into each school's vacancies.
        counts = [0] * len(district.schools)
        for person in district.teachers:
            if (
                not first
                and person.years_present >= 1
                and rng.random() < 0.04
                and (len(district.schools) > 1)
            ):
                level = district.schools[person.school].level
                options = [
                    i
                    for i, s in enumerate(district.schools)
                    if s.level == level and i != person.school
                ]
                if options:
                    person.school = rng.choice(options)
                    if level == SchoolLevel.ELEMENTARY and person.subject.startswith("Grade"):
                        person.subject, person.grades = self._pick_subject(
                            district.schools[person.school].level
                        )
            counts[person.school] += 1
        for index, school in enumerate(district.schools):
            drift = 1 + rng.uniform(-0.02, 0.03) * (0 if first else 1)
            target = max(2, round(school.base_size * drift))
            for _ in range(target - counts[index]):
                subject, grades = self._pick_subject(school.level)
                if first:
                    years_before = min(34, int(rng.expovariate(1 / 9)))
                    prior = rng.randint(1, 10) if rng.random() < 0.25 else 0
                    person = self.new_person(
                        district,
                        year_index=0,
                        years_before=years_before,
                        prior=prior,
                        subject=subject,
                    )
                    if not person.novice:  # last year's rating, from before the history
                        person.rating = next_rating(rng, None, novice=False)
                else:
                    experienced = rng.random() < 0.35
                    person = self.new_person(
                        district,
                        year_index=year_index,
                        years_before=0,
                        prior=rng.randint(1, 15) if experienced else 0,
                        mid_year=rng.random() < 0.05,
                        subject=subject,
                    )
                person.school = index
                person.subject, person.grades = subject, grades
                district.teachers.append(person)

    def _leader(self, district: DistrictState, year_index: int, first: bool) -> Person:
        rng = self.rng
        years_before = rng.randint(3, 20) if first else 0
        person = self.new_person(
            district, year_index=year_index, years_before=years_before, prior=rng.randint(6, 18)
        )
        person.novice = False
        if person.degree == DegreeLevel.BACHELOR:
            assert person.staff.hire_date is not None
            self._confer(
                person,
                DegreeLevel.MASTER,
                person.staff.hire_date - dt.timedelta(days=rng.randrange(400, 3000)),
            )
        kind, years = ADMINISTRATOR
        assert person.staff.hire_date is not None
        self._certificate(person, kind, person.staff.hire_date - dt.timedelta(days=200), years)
        return person

    def _pick_subject(self, level: str) -> tuple[str, str]:
        """A teaching subject and grades for a school level: elementary teachers mostly
        teach one grade, a fifth are specialists; secondary teachers teach a subject."""
        rng = self.rng
        if level == SchoolLevel.ELEMENTARY:
            if rng.random() < 0.2:
                return weighted_choice(rng, ELEMENTARY_SPECIALISTS), "K-5"
            grade = rng.choice(ELEMENTARY_GRADES)
            return ("Kindergarten" if grade == "K" else f"Grade {grade}"), grade
        return weighted_choice(rng, SECONDARY_SUBJECTS), rng.choice(
            LEVEL_GRADES[SchoolLevel(level)]
        )

    def assignments(self, district: DistrictState, year_index: int) -> None:
        year = district.years[year_index]
        rng = self.rng
        for person in district.teachers:
            school = district.schools[person.school].row
            begin = max(year.start, person.staff.hire_date or year.start)
            if person.hybrid:
                person.hybrid = rng.random() < 0.8
            elif (
                person.rating == 3
                and rng.random() < 0.06
                and self.year_starts[year_index] - person.start_year >= 2
            ):
                person.hybrid = True
            subject = person.subject
            title = f"{subject} teacher"
            fte = Decimal("0.60") if person.hybrid else Decimal("1.00")
            self.add_row(
                Assignment,
                person.staff,
                school_id=school.pk,
                school_year_id=year.pk,
                position=Position.TEACHER,
                title=title,
                subject=subject,
                grades=person.grades,
                fte=fte,
                begin_date=begin,
                end_date=year.end,
            )
            if person.hybrid:
                person.richness += 2
                self.add_row(
                    Assignment,
                    person.staff,
                    school_id=school.pk,
                    school_year_id=year.pk,
                    position=Position.INSTRUCTIONAL_COACH,
                    title=f"Instructional coach ({subject})",
                    subject=subject,
                    grades=person.grades,
                    fte=Decimal("0.40"),
                    begin_date=begin,
                    end_date=year.end,
                )
            person.years_present += 1
        for index, place in enumerate(district.schools):
            leaders = [place.principal, *place.assistants]
            for leader in leaders:
                assert leader is not None
                position = leader.position
                self.add_row(
                    Assignment,
                    leader.staff,
                    school_id=place.row.pk,
                    school_year_id=year.pk,
                    position=position,
                    title=Position(position).label,
                    fte=Decimal("1.00"),
                    begin_date=max(year.start, leader.staff.hire_date or year.start),
                    end_date=year.end,
                )
                leader.school = index
                leader.years_present += 1

    # --- the whole run --------------------------------------------------------------------

    def run(self) -> Iterator[Any]:
        yield from self.organisation()
        people_models = (StaffMember, Degree, Certificate)
        fact_models = (Assignment, Degree, CreditRecord, Certificate, RatingRecord)
        for district in self.districts:
            self.talent_office(district)
        for year_index in range(len(self.year_starts)):
            last_year = year_index == len(self.year_starts) - 1
            if self.progress is not None:
                self.progress(
                    f"  school year {SchoolYear.label_for(self.year_starts[year_index])}…"
                )
            for district in self.districts:
                self.staff_school(district, year_index)
                yield from self.flush(*people_models)
                self.assignments(district, year_index)
                self.growth(district, year_index)
                leaving = [] if last_year else self.ratings_and_exits(district, year_index)
                yield from self.flush(*fact_models)
                if leaving:
                    yield SetValues([p.staff for p in leaving], {"active": False})
        yield from login_steps(self.districts, self.result)


def generate(
    spec: DemoSpec,
    result: GenerationResult | None = None,
    progress: Callable[[str], Any] | None = None,
) -> Iterator[Any]:
    """The demo network's rows, as lazy bulk-load steps (see ``actions.bulk_load``).

    ``progress``, if given, is called with a short line as each school year starts.
    """
    generator = _Generator(spec, result if result is not None else GenerationResult())
    generator.progress = progress
    return generator.run()
