"""Planning an HR file: compare its rows with the district's people, and write the plan.

Rows are matched by employee id. Certificates match on kind and issue date, degrees on level,
ratings on school year, graduate credits on the one HR-file credit record — so the same file
imported twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from lattice.imports.errors import ErrorLog
from lattice.imports.hr import (
    _CERT,
    CREDITS_NOTE,
    DEGREE_WORDS,
    Progress,
    auto_mapping,
    read_hr_rows,
)
from lattice.imports.journal import Journal
from lattice.imports.plan import PersonChange, Plan, rating_key
from lattice.imports.values import DateOrder, ValueProblem, parse_decimal
from lattice.people.models import (
    Certificate,
    CreditRecord,
    Degree,
    District,
    RatingRecord,
    SchoolYear,
    StaffMember,
)

# --- planning -----------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


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


def _date(value: Any, order: DateOrder) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return order.parse(_text(value))


class _Row:
    def __init__(
        self,
        plan: Plan,
        name: str,
        line: int,
        values: dict[str, Any],
        order: DateOrder,
        header_of: dict[str, str],
    ) -> None:
        self.plan, self.name, self.line, self.values = plan, name, line, values
        self.order, self.header_of = order, header_of
        self.ok = True

    def error(self, column: str, value: Any, problem: str, fix: str) -> None:
        self.plan.errors.add(
            self.name, self.line, self.header_of.get(column, column), _text(value), problem, fix
        )
        self.ok = False

    def text(self, column: str) -> str:
        return _text(self.values.get(column))

    def date(self, column: str) -> dt.date | None:
        try:
            return _date(self.values.get(column), self.order)
        except ValueProblem as exc:
            self.error(column, self.values.get(column), exc.problem, exc.fix)
            return None

    def number(self, column: str, maximum: Decimal) -> Decimal | None:
        raw = self.text(column)
        if not raw:
            return None
        try:
            return parse_decimal(raw, minimum=Decimal(0), maximum=maximum)
        except ValueProblem as exc:
            self.error(column, raw, exc.problem, exc.fix)
            return None


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
    staff = {
        r[1]: r
        for r in StaffMember.objects.filter(district=district).values_list(
            "pk", "employee_id", "given_name", "family_name", "hire_date", "prior_years_experience"
        )
    }
    years = dict(SchoolYear.objects.filter(district=district).values_list("label", "pk"))
    labels = {label.lower(): label for label in district.rating_labels}
    pks = [r[0] for r in staff.values()]
    ratings = {
        (s, y): (pk, label)
        for pk, s, y, label in RatingRecord.objects.filter(staff_member_id__in=pks).values_list(
            "pk", "staff_member_id", "school_year_id", "label"
        )
    }
    degrees = {
        (s, level): (pk, field, conferred)
        for pk, s, level, field, conferred in Degree.objects.filter(
            staff_member_id__in=pks
        ).values_list("pk", "staff_member_id", "level", "field", "conferred_on")
    }
    certificates = {
        (s, kind, issued): (pk, number, expires)
        for pk, s, kind, issued, number, expires in Certificate.objects.filter(
            staff_member_id__in=pks
        ).values_list("pk", "staff_member_id", "kind", "issued", "number", "expires")
    }
    credits = {
        s: (pk, amount, earned)
        for pk, s, amount, earned in CreditRecord.objects.filter(
            staff_member_id__in=pks, description=CREDITS_NOTE
        ).values_list("pk", "staff_member_id", "credits", "earned_on")
    }
    writes: dict[str, list[Any]] = {
        k: []
        for k in (
            "staff",
            "rating_create",
            "rating_update",
            "degree_create",
            "degree_update",
            "cert_create",
            "cert_update",
            "credit_create",
            "credit_update",
        )
    }
    tables: dict[str, Counter[str]] = {
        k: Counter() for k in ("staff", "ratings", "degrees", "certificates", "graduate credits")
    }
    seen: dict[str, int] = {}
    vocabulary_missing: dict[str, str] = {}  # label found → its column, when there is none
    rating_columns = sorted(c for c in index if c.startswith("rating_"))
    cert_groups = sorted({m[1] or "" for c in index if (m := _CERT.match(c))})
    for line, values in kept:
        row = _Row(plan, name, line, values, order, header_of)
        employee_id = row.text("employee_id")
        if not employee_id:
            row.error("employee_id", "", "is empty", "fill in the employee number")
            continue
        if employee_id in seen:
            row.error(
                "employee_id",
                employee_id,
                f"already appears on line {seen[employee_id]}",
                "keep one row per person (add more certificates as certificate_2_kind …)",
            )
            continue
        seen[employee_id] = line
        person = staff.get(employee_id)
        if person is None:
            row.error(
                "employee_id",
                employee_id,
                f"is not a staff member of {district.name}",
                "import the roster first, or correct the employee number",
            )
            continue
        pk = person[0]
        change = PersonChange(
            label=f"{person[2]} {person[3]} (employee id {employee_id})",
            action="people.staff.update",
        )
        # staff fields
        fields: dict[str, Any] = {}
        if "hire_date" in index and row.text("hire_date"):
            hire = row.date("hire_date")
            if hire is not None and hire > today:
                row.error(
                    "hire_date",
                    values["hire_date"],
                    "is in the future",
                    "write the first day worked",
                )
            elif hire is not None and hire != person[4]:
                fields["hire_date"] = hire
        if "prior_years_experience" in index:
            prior = row.number("prior_years_experience", Decimal(60))
            if prior is not None and prior != person[5]:
                fields["prior_years_experience"] = prior
        # degree
        level_text = row.text("degree")
        if level_text:
            level = DEGREE_WORDS.get(re.sub(r"[^a-z]", "", level_text.lower()))
            if level is None:
                row.error(
                    "degree",
                    level_text,
                    "is not a degree Lattice knows",
                    "write bachelor, master, specialist or doctorate",
                )
            else:
                conferred = row.date("degree_date")
                field = row.text("degree_field")[:120]
                old = degrees.get((pk, level))
                if old is None:
                    writes["degree_create"].append((pk, level, field, conferred))
                    change.after["degree"] = f"{level} {field}".strip()
                    tables["degrees"]["create"] += 1
                elif (field and field != old[1]) or (conferred and conferred != old[2]):
                    writes["degree_update"].append((old[0], field or old[1], conferred or old[2]))
                    change.before["degree"] = f"{level} {old[1]} {old[2] or ''}".strip()
                    change.after["degree"] = f"{level} {field or old[1]} {conferred or ''}".strip()
                    tables["degrees"]["update"] += 1
                else:
                    tables["degrees"]["unchanged"] += 1
        # graduate credits
        amount = (
            row.number("graduate_credits", Decimal(999)) if "graduate_credits" in index else None
        )
        if amount is not None:
            as_of = row.date("graduate_credits_as_of") or today
            old_credit = credits.get(pk)
            if old_credit is None:
                if amount > 0:
                    writes["credit_create"].append((pk, amount, as_of))
                    change.after["graduate_credits"] = str(amount)
                    tables["graduate credits"]["create"] += 1
            elif old_credit[1] != amount:
                writes["credit_update"].append((old_credit[0], amount, as_of))
                change.before["graduate_credits"] = str(old_credit[1])
                change.after["graduate_credits"] = str(amount)
                tables["graduate credits"]["update"] += 1
            else:
                tables["graduate credits"]["unchanged"] += 1
        # certificates
        for group in cert_groups:
            prefix = f"certificate_{group}_" if group else "certificate_"
            kind = row.text(prefix + "kind")[:120]
            if not kind:
                continue
            issued = row.date(prefix + "issued")
            expires = row.date(prefix + "expires")
            number = row.text(prefix + "number")[:64]
            if issued is None:
                if row.ok:
                    row.error(
                        prefix + "issued",
                        "",
                        "is empty for a certificate",
                        "write the date the certificate was issued",
                    )
                continue
            if expires is not None and expires < issued:
                row.error(
                    prefix + "expires",
                    values.get(prefix + "expires"),
                    "is before the issue date",
                    "correct the dates",
                )
                continue
            old_cert = certificates.get((pk, kind, issued))
            key = f"certificate {kind} ({issued})"
            if old_cert is None:
                writes["cert_create"].append((pk, kind, number, issued, expires))
                change.after[key] = f"expires {expires or 'never'}"
                tables["certificates"]["create"] += 1
            elif (number or old_cert[1]) != old_cert[1] or expires != old_cert[2]:
                writes["cert_update"].append((old_cert[0], number or old_cert[1], expires))
                change.before[key] = f"expires {old_cert[2] or 'never'}"
                change.after[key] = f"expires {expires or 'never'}"
                tables["certificates"]["update"] += 1
            else:
                tables["certificates"]["unchanged"] += 1
        # ratings
        for column in rating_columns:
            label_text = row.text(column)
            if not label_text:
                continue
            year_label = f"{column[7:11]}-{column[12:14]}"
            year = years.get(year_label)
            if year is None:
                row.error(
                    column,
                    label_text,
                    f"is for school year {year_label}, which "
                    f"{district.name} does not have in Lattice",
                    "import the roster's academic sessions first, or remove the column",
                )
                continue
            if not labels:
                vocabulary_missing.setdefault(label_text, column)
                row.ok = False
                continue
            label = labels.get(label_text.lower(), label_text)
            if label_text.lower() not in labels:
                row.error(
                    column,
                    label_text,
                    "is not one of the district's ratings",
                    "write one of: " + ", ".join(district.rating_labels),
                )
                continue
            old_rating = ratings.get((pk, year))
            key = rating_key(year_label)
            if old_rating is None:
                writes["rating_create"].append((pk, year, label[:60]))
                change.after[key] = label
                tables["ratings"]["create"] += 1
            elif old_rating[1] != label:
                writes["rating_update"].append((old_rating[0], label[:60]))
                change.before[key], change.after[key] = old_rating[1], label
                tables["ratings"]["update"] += 1
            else:
                tables["ratings"]["unchanged"] += 1
        if not row.ok:
            continue
        if fields:
            writes["staff"].append((pk, fields))
            for k, v in fields.items():
                change.before[k] = {"hire_date": person[4], "prior_years_experience": person[5]}[k]
                change.after[k] = v
        if change.before or change.after:
            plan.people[employee_id] = change
            plan.person_pk[employee_id] = pk
            tables["staff"]["update"] += 1
        else:
            tables["staff"]["unchanged"] += 1
            plan.staff_unchanged += 1
    if vocabulary_missing:
        found = sorted(vocabulary_missing)
        plan.errors.add(
            name,
            None,
            header_of.get(vocabulary_missing[found[0]], found[0]),
            ", ".join(found)[:200],
            f"are ratings, but {district.name} has no rating vocabulary yet, so Lattice cannot "
            "tell a rating from a typo (nothing was stored)",
            "list the district's ratings, lowest first, on this page, then read the file again",
        )
        plan.extra["needs_vocabulary"] = found[:20]
    plan.extra["writes"] = writes
    plan.extra["tables"] = {
        name: {"create": c["create"], "update": c["update"], "unchanged": c["unchanged"]}
        for name, c in tables.items()
    }


def write_hr(plan: Plan, district: District, journal: Journal | None = None) -> dict[str, int]:
    """Apply an HR plan's writes (inside the caller's transaction), journalled for undo."""
    journal = journal if journal is not None else Journal()
    writes = plan.extra["writes"]
    by_fields: dict[tuple[str, ...], list[StaffMember]] = {}
    for pk, fields in writes["staff"]:
        by_fields.setdefault(tuple(sorted(fields)), []).append(
            StaffMember(pk=pk, district=district, **fields)
        )
    journal.before_update("staff", [pk for pk, _ in writes["staff"]])
    for names, objs in by_fields.items():
        StaffMember.objects.bulk_update(objs, list(names), batch_size=1000)
    journal.after_update("staff")
    created = RatingRecord.objects.bulk_create(
        [
            RatingRecord(staff_member_id=s, school_year_id=y, label=lb)
            for s, y, lb in writes["rating_create"]
        ],
        batch_size=1000,
    )
    journal.created("ratings", [(row.pk, row.staff_member_id) for row in created])
    journal.before_update("ratings", [pk for pk, _ in writes["rating_update"]])
    RatingRecord.objects.bulk_update(
        [RatingRecord(pk=pk, label=lb) for pk, lb in writes["rating_update"]], ["label"]
    )
    journal.after_update("ratings")
    degrees = Degree.objects.bulk_create(
        [
            Degree(staff_member_id=s, level=lv, field=f, conferred_on=c)
            for s, lv, f, c in writes["degree_create"]
        ]
    )
    journal.created("degrees", [(row.pk, row.staff_member_id) for row in degrees])
    journal.before_update("degrees", [pk for pk, *_ in writes["degree_update"]])
    Degree.objects.bulk_update(
        [Degree(pk=pk, field=f, conferred_on=c) for pk, f, c in writes["degree_update"]],
        ["field", "conferred_on"],
    )
    journal.after_update("degrees")
    certificates = Certificate.objects.bulk_create(
        [
            Certificate(staff_member_id=s, kind=k, number=n, issued=i, expires=e)
            for s, k, n, i, e in writes["cert_create"]
        ]
    )
    journal.created("certificates", [(row.pk, row.staff_member_id) for row in certificates])
    journal.before_update("certificates", [pk for pk, *_ in writes["cert_update"]])
    Certificate.objects.bulk_update(
        [Certificate(pk=pk, number=n, expires=e) for pk, n, e in writes["cert_update"]],
        ["number", "expires"],
    )
    journal.after_update("certificates")
    credits = CreditRecord.objects.bulk_create(
        [
            CreditRecord(staff_member_id=s, credits=c, earned_on=d, description=CREDITS_NOTE)
            for s, c, d in writes["credit_create"]
        ]
    )
    journal.created("credits", [(row.pk, row.staff_member_id) for row in credits])
    journal.before_update("credits", [pk for pk, *_ in writes["credit_update"]])
    CreditRecord.objects.bulk_update(
        [CreditRecord(pk=pk, credits=c, earned_on=d) for pk, c, d in writes["credit_update"]],
        ["credits", "earned_on"],
    )
    journal.after_update("credits")
    return dict(plan.person_pk)
