"""Reading one row of an HR file into a typed :class:`~lattice.imports.hr.records.HrRow`.

Every cell is parsed and checked on its own (dates in the file's one order, numbers in range,
degree words, certificate dates, ratings against the district's school years and
vocabulary); each problem is an error naming the file, line, column (as the file names it),
value and fix. A row with an error reads as None: it is left out of the plan, and the plan
is refused while any error stands.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from lattice.imports.hr.columns import (
    CERTIFICATE,
    DEGREE_WORDS,
    HIRE_COLUMNS,
    POSITION_HINT,
    POSITION_WORDS,
)
from lattice.imports.hr.records import (
    CertificateCell,
    CreditCell,
    DegreeCell,
    HireCell,
    HrRow,
    RatingCell,
)
from lattice.imports.plan import Plan
from lattice.imports.values import DateOrder, ValueProblem, parse_decimal


def school_key(text: str) -> str:
    """A school's name, key or id as a new hire's row may write it, compared loosely."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def text_of(value: Any) -> str:
    """A cell as text: blank for None, whole floats without ``.0`` (XLSX numbers)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def date_of(value: Any, order: DateOrder) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return order.parse(text_of(value))


@dataclass
class Cells:
    """One row's cells by Lattice column, with the error reporting every check shares."""

    plan: Plan
    name: str
    line: int
    values: Mapping[str, Any]
    order: DateOrder
    header_of: Mapping[str, str]
    ok: bool = True

    def error(self, column: str, value: Any, problem: str, fix: str) -> None:
        self.plan.errors.add(
            self.name, self.line, self.header_of.get(column, column), text_of(value), problem, fix
        )
        self.ok = False

    def text(self, column: str) -> str:
        return text_of(self.values.get(column))

    def date(self, column: str) -> dt.date | None:
        try:
            return date_of(self.values.get(column), self.order)
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


@dataclass
class RowReader:
    """Reads the rows of one file against one district (its school years and ratings)."""

    plan: Plan
    district_name: str
    rating_labels: list[str]
    years: Mapping[str, int]  # school year label → pk
    columns: frozenset[str]  # the Lattice columns the file has
    header_of: Mapping[str, str]
    order: DateOrder
    today: dt.date
    # A new hire's school, by its name, key or OneRoster id (normalised) → (pk, name)
    schools: Mapping[str, tuple[int, str]] = field(default_factory=dict)
    vocabulary_missing: dict[str, str] = field(default_factory=dict)  # label → its column

    def __post_init__(self) -> None:
        self.labels = {label.lower(): label for label in self.rating_labels}
        self.rating_columns = sorted(c for c in self.columns if c.startswith("rating_"))
        self.certificate_groups = sorted(
            {m[1] or "" for c in self.columns if (m := CERTIFICATE.match(c))}
        )

    def cells(self, line: int, values: Mapping[str, Any]) -> Cells:
        return Cells(self.plan, self.plan.files[0], line, values, self.order, self.header_of)

    def missing_for_hire(self, cells: Cells) -> list[str]:
        """The columns a new hire's row must fill and this one leaves empty."""
        return [column for column in HIRE_COLUMNS if not cells.text(column)]

    def read(self, cells: Cells, employee_id: str, *, new: bool = False) -> HrRow | None:
        """The row as typed values, or None when any of its cells has an error. ``new``: the
        row is a person Lattice does not have yet, so their names, email, school, position
        and FTE are read too (for people Lattice has, the roster keeps those)."""
        row = HrRow(
            line=cells.line,
            employee_id=employee_id,
            hire_date=self._hire_date(cells),
            prior_years=(
                cells.number("prior_years_experience", Decimal(60))
                if "prior_years_experience" in self.columns
                else None
            ),
            degree=self._degree(cells),
            credits=self._credits(cells),
            certificates=self._certificates(cells),
            ratings=self._ratings(cells),
            hire=self._hire(cells) if new else None,
        )
        return row if cells.ok else None

    def _hire(self, cells: Cells) -> HireCell | None:
        names = {}
        for column in ("given_name", "family_name", "preferred_name"):
            value = " ".join(cells.text(column).split())
            if len(value) > 100:
                cells.error(column, value[:60], "is longer than 100 characters", "shorten it")
            names[column] = value[:100]
        email = cells.text("email")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                cells.error(
                    "email",
                    email,
                    "is not an email address",
                    "write the work email, e.g. name@district.org, or leave it empty",
                )
        school = self.schools.get(school_key(cells.text("school")))
        if school is None:
            known = sorted({name for _, name in self.schools.values()})
            cells.error(
                "school",
                cells.text("school"),
                f"is not a school of {self.district_name}",
                "write the name or key of one of its schools: "
                + ", ".join(known[:12])
                + (f" … ({len(known)} in all)" if len(known) > 12 else ""),
            )
        position = POSITION_WORDS.get(re.sub(r"[^a-z]", "", cells.text("position").lower()))
        if position is None:
            cells.error(
                "position",
                cells.text("position"),
                "is not a position Lattice knows",
                f"write one of {POSITION_HINT}",
            )
        fte = Decimal(1)
        if cells.text("fte"):
            try:
                fte = parse_decimal(cells.text("fte"), minimum=Decimal("0.01"), maximum=Decimal(1))
            except ValueProblem as exc:
                cells.error("fte", cells.text("fte"), exc.problem, exc.fix)
        if school is None or position is None or not cells.ok:
            return None
        return HireCell(
            given_name=names["given_name"],
            family_name=names["family_name"],
            preferred_name=names["preferred_name"],
            email=email[:254],
            school=school[0],
            school_name=school[1],
            position=position.value,
            fte=fte.quantize(Decimal("0.01")),
        )

    def _hire_date(self, cells: Cells) -> dt.date | None:
        if "hire_date" not in self.columns or not cells.text("hire_date"):
            return None
        hire = cells.date("hire_date")
        if hire is not None and hire > self.today:
            cells.error(
                "hire_date",
                cells.values["hire_date"],
                "is in the future",
                "write the first day worked",
            )
            return None
        return hire

    def _degree(self, cells: Cells) -> DegreeCell | None:
        level_text = cells.text("degree")
        if not level_text:
            return None
        level = DEGREE_WORDS.get(re.sub(r"[^a-z]", "", level_text.lower()))
        if level is None:
            cells.error(
                "degree",
                level_text,
                "is not a degree Lattice knows",
                "write bachelor, master, specialist or doctorate",
            )
            return None
        conferred = cells.date("degree_date")
        return DegreeCell(level, cells.text("degree_field")[:120], conferred)

    def _credits(self, cells: Cells) -> CreditCell | None:
        if "graduate_credits" not in self.columns:
            return None
        amount = cells.number("graduate_credits", Decimal(999))
        if amount is None:
            return None
        return CreditCell(amount, cells.date("graduate_credits_as_of") or self.today)

    def _certificates(self, cells: Cells) -> tuple[CertificateCell, ...]:
        out = []
        for group in self.certificate_groups:
            prefix = f"certificate_{group}_" if group else "certificate_"
            kind = cells.text(prefix + "kind")[:120]
            if not kind:
                continue
            issued = cells.date(prefix + "issued")
            expires = cells.date(prefix + "expires")
            number = cells.text(prefix + "number")[:64]
            if issued is None:
                if cells.ok:
                    cells.error(
                        prefix + "issued",
                        "",
                        "is empty for a certificate",
                        "write the date the certificate was issued",
                    )
                continue
            if expires is not None and expires < issued:
                cells.error(
                    prefix + "expires",
                    cells.values.get(prefix + "expires"),
                    "is before the issue date",
                    "correct the dates",
                )
                continue
            out.append(CertificateCell(kind, number, issued, expires))
        return tuple(out)

    def _ratings(self, cells: Cells) -> tuple[RatingCell, ...]:
        out = []
        for column in self.rating_columns:
            label_text = cells.text(column)
            if not label_text:
                continue
            year_label = f"{column[7:11]}-{column[12:14]}"
            year = self.years.get(year_label)
            if year is None:
                cells.error(
                    column,
                    label_text,
                    f"is for school year {year_label}, which "
                    f"{self.district_name} does not have in Lattice",
                    "import the roster's academic sessions first, or remove the column",
                )
                continue
            if not self.labels:
                self.vocabulary_missing.setdefault(label_text, column)
                cells.ok = False
                continue
            if label_text.lower() not in self.labels:
                cells.error(
                    column,
                    label_text,
                    "is not one of the district's ratings",
                    "write one of: " + ", ".join(self.rating_labels),
                )
                continue
            out.append(RatingCell(year_label, year, self.labels[label_text.lower()][:60]))
        return tuple(out)
