"""Planning an HR file: compare its rows with the district's people, and write the plan.

Rows are matched by employee id. Certificates match on kind and issue date, degrees on level,
ratings on school year, graduate credits on the one HR-file credit record — so the same file
imported twice changes nothing.

A row whose employee id Lattice does not have is a **new hire** when it gives their names,
hire date, school and position: the plan adds the staff member with an assignment at that
school for the current school year (FTE from the file, else 1), and everything else the row
says. Lattice never guesses who someone is: a new employee id whose email belongs to someone
Lattice has goes to the review list (and is left out) until an officer links it to that
person or confirms a new one; later imports follow that decision.

Each row is read into a typed record first (:mod:`lattice.imports.hr.rows`); the comparison
turns it into typed writes (:class:`~lattice.imports.hr.records.HrWrites`) and the
per-person change the preview and the audit log show.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from lattice.imports.errors import ErrorLog
from lattice.imports.hr.columns import CREDITS_NOTE, auto_mapping
from lattice.imports.hr.reader import Progress, read_hr_rows
from lattice.imports.hr.records import (
    CertificateCreate,
    CertificateUpdate,
    CreditCreate,
    CreditUpdate,
    DegreeCreate,
    DegreeUpdate,
    HrRow,
    HrWrites,
    NewStaff,
    Person,
    RatingCreate,
    RatingUpdate,
    StaffUpdate,
    StoredCertificate,
    StoredCredit,
    StoredDegree,
    StoredRating,
    Who,
)
from lattice.imports.hr.rows import Cells, RowReader, school_key
from lattice.imports.plan import PersonChange, Plan, rating_key
from lattice.imports.review import hr_decisions_for
from lattice.imports.values import DateOrder
from lattice.people.models import (
    Certificate,
    CreditRecord,
    Degree,
    District,
    Position,
    RatingRecord,
    School,
    SchoolYear,
    StaffMember,
)
from lattice.people.queries import current_school_year

TABLES = ("staff", "ratings", "degrees", "certificates", "graduate credits")


def plan_hr(
    path: Path,
    district: District,
    mapping: dict[str, str],
    *,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> Plan:
    today = today or dt.date.today()
    errors = ErrorLog()
    name = path.name
    plan = Plan(kind="hr", district=district, errors=errors, files=[name])
    headers, rows = read_hr_rows(path, errors)
    columns = auto_mapping(headers, mapping)
    plan.extra["mapping"] = columns
    plan.extra["headers"] = headers
    if errors:
        return plan
    for position, header in enumerate(headers):
        if header and not columns.get(header) and header not in mapping:
            plan.warnings.add(
                name,
                1,
                header,
                header,
                f"(column {position + 1}) is not a column Lattice knows, so it was not read",
                "map it to a Lattice column with “Change the column mapping”, or choose "
                "“Ignore this column” there to silence this warning",
            )
    index: dict[str, int] = {}
    for position, header in enumerate(headers):
        target = columns.get(header, "")
        if not target:
            continue
        if target in index:
            errors.add(
                name,
                1,
                header,
                header,
                f"maps to {target}, which column {headers[index[target]]!r} already fills",
                "map only one column to each Lattice column",
            )
        index[target] = position
    if "employee_id" not in index:
        errors.add(
            name,
            1,
            "employee_id",
            "",
            "no column holds the employee id",
            "map the column with employee numbers to employee_id",
        )
        plan.extra["needs_mapping"] = True
        return plan
    order = DateOrder()
    kept: list[tuple[int, dict[str, Any]]] = []
    for line, cells in rows:
        values = {target: cells[i] for target, i in index.items()}
        for target, value in values.items():
            if isinstance(value, str) and (
                target.endswith(("_date", "_issued", "_expires", "_as_of"))
            ):
                order.observe(value)
        kept.append((line, values))
    if progress is not None:
        progress(0.9, "Comparing with Lattice")
    _plan_rows(plan, district, kept, order, headers, index, today)
    return plan


@dataclass
class Stored:
    """The district's people and the HR facts they have, read in a few whole-table queries."""

    people: dict[str, Person]  # by employee id
    ratings: dict[tuple[Who, int], StoredRating]  # (staff, school year)
    degrees: dict[tuple[Who, str], StoredDegree]  # (staff, level)
    certificates: dict[tuple[Who, str, dt.date], StoredCertificate]  # (staff, kind, issued)
    credits: dict[Who, StoredCredit]  # staff → the HR file's credit record
    by_pk: dict[int, Person]
    by_email: dict[str, list[Person]]  # lower-case email → people

    @classmethod
    def load(cls, district: District) -> Stored:
        people = {
            employee: Person(pk, employee, given, family, email, hired, prior)
            for pk, employee, given, family, email, hired, prior in StaffMember.objects.filter(
                district=district
            ).values_list(
                "pk", "employee_id", "given_name", "family_name", "email", "hire_date",
                "prior_years_experience",
            )
        }  # fmt: skip
        pks = [p.pk for p in people.values()]
        by_email: dict[str, list[Person]] = {}
        for person in people.values():
            if person.email:
                by_email.setdefault(person.email.lower(), []).append(person)
        return cls(
            by_pk={p.pk: p for p in people.values()},
            by_email=by_email,
            people=people,
            ratings={
                (s, y): StoredRating(pk, label)
                for pk, s, y, label in RatingRecord.objects.filter(
                    staff_member_id__in=pks
                ).values_list("pk", "staff_member_id", "school_year_id", "label")
            },
            degrees={
                (s, level): StoredDegree(pk, field, conferred)
                for pk, s, level, field, conferred in Degree.objects.filter(
                    staff_member_id__in=pks
                ).values_list("pk", "staff_member_id", "level", "field", "conferred_on")
            },
            certificates={
                (s, kind, issued): StoredCertificate(pk, number, expires)
                for pk, s, kind, issued, number, expires in Certificate.objects.filter(
                    staff_member_id__in=pks
                ).values_list("pk", "staff_member_id", "kind", "issued", "number", "expires")
            },
            credits={
                s: StoredCredit(pk, amount, earned)
                for pk, s, amount, earned in CreditRecord.objects.filter(
                    staff_member_id__in=pks, description=CREDITS_NOTE
                ).values_list("pk", "staff_member_id", "credits", "earned_on")
            },
        )


class Comparison:
    """Turns each read row into the writes and the per-person change of the plan."""

    def __init__(self, plan: Plan, stored: Stored) -> None:
        self.plan, self.stored = plan, stored
        self.writes = HrWrites()
        self.tables: dict[str, Counter[str]] = {k: Counter() for k in TABLES}

    def add(self, row: HrRow, person: Person) -> None:
        """Compare ``row`` with ``person`` (an existing staff member)."""
        change = PersonChange(label=person.label, action="people.staff.update")
        self._degree(row, person.pk, change)
        self._credits(row, person.pk, change)
        self._certificates(row, person.pk, change)
        self._ratings(row, person.pk, change)
        fields: dict[str, Any] = {}
        if row.hire_date is not None and row.hire_date != person.hire_date:
            fields["hire_date"] = row.hire_date
        if row.prior_years is not None and row.prior_years != person.prior_years:
            fields["prior_years_experience"] = row.prior_years
        if fields:
            self.writes.staff.append(StaffUpdate(person.pk, fields))
            before = {"hire_date": person.hire_date, "prior_years_experience": person.prior_years}
            for name, value in fields.items():
                change.before[name] = before[name]
                change.after[name] = value
        if change.before or change.after:
            self.plan.people[row.employee_id] = change
            self.plan.person_pk[row.employee_id] = person.pk
            self.tables["staff"]["update"] += 1
        else:
            self.tables["staff"]["unchanged"] += 1
            self.plan.staff_unchanged += 1

    def add_hire(self, row: HrRow, year: SchoolYear) -> None:
        """A person Lattice does not have: the staff member, their assignment this school
        year, and every other fact of the row."""
        hire = row.hire
        assert hire is not None
        assert row.hire_date is not None
        position = Position(hire.position)
        self.writes.hires.append(
            NewStaff(
                employee_id=row.employee_id,
                given_name=hire.given_name,
                family_name=hire.family_name,
                preferred_name=hire.preferred_name,
                email=hire.email,
                hire_date=row.hire_date,
                prior_years=row.prior_years or Decimal(0),
                school=hire.school,
                school_year=year.pk,
                position=position.value,
                title=position.label,
                fte=hire.fte,
                begin_date=max(row.hire_date, year.start),
            )
        )
        change = PersonChange(
            label=f"{hire.given_name} {hire.family_name} (employee id {row.employee_id})",
            action="people.staff.create",
            after={
                "given_name": hire.given_name,
                "family_name": hire.family_name,
                "preferred_name": hire.preferred_name,
                "email": hire.email,
                "hire_date": row.hire_date,
                "prior_years_experience": row.prior_years or Decimal(0),
                "assignment": f"{position.label} at {hire.school_name}, {year.label}, "
                f"{hire.fte} FTE",
            },
        )
        self._degree(row, row.employee_id, change)
        self._credits(row, row.employee_id, change)
        self._certificates(row, row.employee_id, change)
        self._ratings(row, row.employee_id, change)
        self.plan.people[row.employee_id] = change
        self.tables["staff"]["create"] += 1
        self.tables.setdefault("assignments", Counter())["create"] += 1

    def _degree(self, row: HrRow, staff: Who, change: PersonChange) -> None:
        degree = row.degree
        if degree is None:
            return
        old = self.stored.degrees.get((staff, degree.level))
        if old is None:
            self.writes.degree_create.append(
                DegreeCreate(staff, degree.level, degree.field, degree.conferred)
            )
            change.after["degree"] = f"{degree.level} {degree.field}".strip()
            self.tables["degrees"]["create"] += 1
        elif (degree.field and degree.field != old.field) or (
            degree.conferred and degree.conferred != old.conferred
        ):
            field, conferred = degree.field or old.field, degree.conferred or old.conferred
            self.writes.degree_update.append(DegreeUpdate(old.pk, field, conferred))
            change.before["degree"] = f"{degree.level} {old.field} {old.conferred or ''}".strip()
            change.after["degree"] = f"{degree.level} {field} {degree.conferred or ''}".strip()
            self.tables["degrees"]["update"] += 1
        else:
            self.tables["degrees"]["unchanged"] += 1

    def _credits(self, row: HrRow, staff: Who, change: PersonChange) -> None:
        credit = row.credits
        if credit is None:
            return
        old = self.stored.credits.get(staff)
        if old is None:
            if credit.amount > 0:
                self.writes.credit_create.append(CreditCreate(staff, credit.amount, credit.as_of))
                change.after["graduate_credits"] = str(credit.amount)
                self.tables["graduate credits"]["create"] += 1
        elif old.amount != credit.amount:
            self.writes.credit_update.append(CreditUpdate(old.pk, credit.amount, credit.as_of))
            change.before["graduate_credits"] = str(old.amount)
            change.after["graduate_credits"] = str(credit.amount)
            self.tables["graduate credits"]["update"] += 1
        else:
            self.tables["graduate credits"]["unchanged"] += 1

    def _certificates(self, row: HrRow, staff: Who, change: PersonChange) -> None:
        for cert in row.certificates:
            old = self.stored.certificates.get((staff, cert.kind, cert.issued))
            if old is None:
                self.writes.cert_create.append(
                    CertificateCreate(staff, cert.kind, cert.number, cert.issued, cert.expires)
                )
                change.after[cert.key] = f"expires {cert.expires or 'never'}"
                self.tables["certificates"]["create"] += 1
            elif (cert.number or old.number) != old.number or cert.expires != old.expires:
                self.writes.cert_update.append(
                    CertificateUpdate(old.pk, cert.number or old.number, cert.expires)
                )
                change.before[cert.key] = f"expires {old.expires or 'never'}"
                change.after[cert.key] = f"expires {cert.expires or 'never'}"
                self.tables["certificates"]["update"] += 1
            else:
                self.tables["certificates"]["unchanged"] += 1

    def _ratings(self, row: HrRow, staff: Who, change: PersonChange) -> None:
        for rating in row.ratings:
            old = self.stored.ratings.get((staff, rating.school_year))
            key = rating_key(rating.year_label)
            if old is None:
                self.writes.rating_create.append(
                    RatingCreate(staff, rating.school_year, rating.label)
                )
                change.after[key] = rating.label
                self.tables["ratings"]["create"] += 1
            elif old.label != rating.label:
                self.writes.rating_update.append(RatingUpdate(old.pk, rating.label))
                change.before[key], change.after[key] = old.label, rating.label
                self.tables["ratings"]["update"] += 1
            else:
                self.tables["ratings"]["unchanged"] += 1


class Hiring:
    """Rows of people Lattice does not have: new hires, or the review list when their email
    says they might be someone Lattice has."""

    def __init__(
        self,
        plan: Plan,
        district: District,
        stored: Stored,
        reader: RowReader,
        comparison: Comparison,
        today: dt.date,
    ) -> None:
        self.plan, self.district, self.stored = plan, district, stored
        self.reader, self.comparison = reader, comparison
        self.decisions = hr_decisions_for(district)
        self.year = current_school_year(district, today)
        self.emails: dict[str, int] = {}  # a new hire's email → its line

    def decided_person(self, employee_id: str) -> Person | None:
        """The person an officer linked this employee id to on the review list, if any."""
        decision = self.decisions.get(employee_id, "")
        if decision.startswith("pk:"):
            return self.stored.by_pk.get(int(decision[3:]))
        return None

    def add(self, cells: Cells, employee_id: str) -> None:
        missing = self.reader.missing_for_hire(cells)
        if missing:
            if {"given_name", "family_name", "school", "position"} & self.reader.columns:
                fix = (
                    f"as a new hire the row also needs {', '.join(missing)} — fill them, or "
                    "correct the employee number"
                )
            else:
                fix = (
                    "import the roster first, add them as a new hire (columns given_name, "
                    "family_name, hire_date, school, position), or correct the employee number"
                )
            cells.error(
                "employee_id",
                employee_id,
                f"is not a staff member of {self.district.name}",
                fix,
            )
            return
        if self.year is None:
            cells.error(
                "school",
                cells.text("school"),
                f"cannot be given a school year: {self.district.name} has none in Lattice",
                "import the roster's academic sessions first",
            )
            return
        email = cells.text("email").lower()
        clash = self.stored.by_email.get(email, []) if email else []
        if clash and self.decisions.get(employee_id) != "new":
            self._review(cells, employee_id, email, clash)
            return
        if email and email in self.emails:
            cells.error(
                "email",
                cells.text("email"),
                f"is also the email of the new hire on line {self.emails[email]}",
                "give each person their own email, or leave it empty",
            )
            return
        row = self.reader.read(cells, employee_id, new=True)
        if row is None:
            return
        if email:
            self.emails[email] = cells.line
        self.comparison.add_hire(row, self.year)

    def _review(self, cells: Cells, employee_id: str, email: str, clash: list[Person]) -> None:
        names = ", ".join(p.label for p in clash)
        self.plan.review.append(
            {
                "kind": "hr",
                "sourced_id": "",
                "file": cells.name,
                "line": cells.line,
                "name": f"{cells.text('given_name')} {cells.text('family_name')}",
                "email": cells.text("email"),
                "identifier": employee_id,
                "reason": f"a new employee id, but email {email} belongs to {names}",
                "candidates": [{"id": p.pk, "label": p.label} for p in clash],
            }
        )
        self.plan.skipped["rows sent to the review list"] += 1


def _plan_rows(
    plan: Plan,
    district: District,
    kept: list[tuple[int, dict[str, Any]]],
    order: DateOrder,
    headers: list[str],
    index: dict[str, int],
    today: dt.date,
) -> None:
    name = plan.files[0]
    header_of = {target: headers[i] for target, i in index.items()}
    stored = Stored.load(district)
    schools: dict[str, tuple[int, str]] = {}
    for pk, key, school_name, sourced_id in School.objects.filter(district=district).values_list(
        "pk", "key", "name", "sourced_id"
    ):
        for text in (sourced_id, key, school_name):
            if text:
                schools[school_key(text)] = (pk, school_name)
    reader = RowReader(
        plan=plan,
        district_name=district.name,
        rating_labels=list(district.rating_labels),
        years=dict(SchoolYear.objects.filter(district=district).values_list("label", "pk")),
        columns=frozenset(index),
        header_of=header_of,
        order=order,
        today=today,
        schools=schools,
    )
    comparison = Comparison(plan, stored)
    hiring = Hiring(plan, district, stored, reader, comparison, today)
    seen: dict[str, int] = {}
    for line, values in kept:
        cells = reader.cells(line, values)
        employee_id = cells.text("employee_id")
        if not employee_id:
            cells.error("employee_id", "", "is empty", "fill in the employee number")
            continue
        if employee_id in seen:
            cells.error(
                "employee_id",
                employee_id,
                f"already appears on line {seen[employee_id]}",
                "keep one row per person (add more certificates as certificate_2_kind …)",
            )
            continue
        seen[employee_id] = line
        person = stored.people.get(employee_id) or hiring.decided_person(employee_id)
        if person is None:
            hiring.add(cells, employee_id)
            continue
        row = reader.read(cells, employee_id)
        if row is not None:
            comparison.add(row, person)
    if reader.vocabulary_missing:
        missing = reader.vocabulary_missing
        found = sorted(missing)
        plan.errors.add(
            name,
            None,
            header_of.get(missing[found[0]], found[0]),
            ", ".join(found)[:200],
            f"are ratings, but {district.name} has no rating vocabulary yet, so Lattice cannot "
            "tell a rating from a typo (nothing was stored)",
            "list the district's ratings, lowest first, on this page, then read the file again",
        )
        plan.extra["needs_vocabulary"] = found[:20]
    plan.extra["writes"] = comparison.writes
    plan.extra["tables"] = {
        table: {"create": c["create"], "update": c["update"], "unchanged": c["unchanged"]}
        for table, c in comparison.tables.items()
    }
