"""Typed records of the HR pipeline: what a row of the file says, what the district holds
now, and what applying the plan writes. All frozen: values cross from reading to planning to
writing without anyone changing them on the way.

A write names the person it belongs to by ``Who``: the staff member's primary key, or — for
a new hire the same import adds — their employee id (the writer resolves it after inserting
them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

Who = int | str  # a staff member's pk, or the employee id of a hire this import adds


# --- what a row says ------------------------------------------------------------------------


@dataclass(frozen=True)
class DegreeCell:
    level: str  # a DegreeLevel value
    field: str
    conferred: dt.date | None


@dataclass(frozen=True)
class CreditCell:
    amount: Decimal
    as_of: dt.date


@dataclass(frozen=True)
class CertificateCell:
    kind: str
    number: str
    issued: dt.date
    expires: dt.date | None

    @property
    def key(self) -> str:
        return f"certificate {self.kind} ({self.issued})"


@dataclass(frozen=True)
class RatingCell:
    year_label: str  # "2024-25"
    school_year: int  # its SchoolYear pk
    label: str  # in the district's vocabulary, as the district spells it


@dataclass(frozen=True)
class HireCell:
    """What a row says about a person Lattice does not have yet (a new hire)."""

    given_name: str
    family_name: str
    preferred_name: str
    email: str
    school: int  # School pk
    school_name: str
    position: str  # a Position value
    fte: Decimal


@dataclass(frozen=True)
class HrRow:
    """One row of an HR file, read and checked: every value typed (None: the cell is empty
    or its column is not in the file)."""

    line: int
    employee_id: str
    hire_date: dt.date | None = None
    prior_years: Decimal | None = None
    degree: DegreeCell | None = None
    credits: CreditCell | None = None
    certificates: tuple[CertificateCell, ...] = ()
    ratings: tuple[RatingCell, ...] = ()
    hire: HireCell | None = None


# --- what the district holds now --------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A staff member of the district as the plan compares a row with them."""

    pk: int
    employee_id: str
    given_name: str
    family_name: str
    email: str
    hire_date: dt.date | None
    prior_years: Decimal

    @property
    def label(self) -> str:
        return f"{self.given_name} {self.family_name} (employee id {self.employee_id})"


@dataclass(frozen=True)
class StoredRating:
    pk: int
    label: str


@dataclass(frozen=True)
class StoredDegree:
    pk: int
    field: str
    conferred: dt.date | None


@dataclass(frozen=True)
class StoredCertificate:
    pk: int
    number: str
    expires: dt.date | None


@dataclass(frozen=True)
class StoredCredit:
    pk: int
    amount: Decimal
    earned_on: dt.date


# --- what applying writes ---------------------------------------------------------------------


@dataclass(frozen=True)
class NewStaff:
    """A new hire: the staff member and their assignment for the school year."""

    employee_id: str
    given_name: str
    family_name: str
    preferred_name: str
    email: str
    hire_date: dt.date
    prior_years: Decimal
    school: int
    school_year: int
    position: str
    title: str
    fte: Decimal
    begin_date: dt.date


@dataclass(frozen=True)
class StaffUpdate:
    staff: int
    fields: Mapping[str, Any]  # hire_date, prior_years_experience


@dataclass(frozen=True)
class RatingCreate:
    staff: Who
    school_year: int
    label: str


@dataclass(frozen=True)
class RatingUpdate:
    pk: int
    label: str


@dataclass(frozen=True)
class DegreeCreate:
    staff: Who
    level: str
    field: str
    conferred: dt.date | None


@dataclass(frozen=True)
class DegreeUpdate:
    pk: int
    field: str
    conferred: dt.date | None


@dataclass(frozen=True)
class CertificateCreate:
    staff: Who
    kind: str
    number: str
    issued: dt.date
    expires: dt.date | None


@dataclass(frozen=True)
class CertificateUpdate:
    pk: int
    number: str
    expires: dt.date | None


@dataclass(frozen=True)
class CreditCreate:
    staff: Who
    credits: Decimal
    earned_on: dt.date


@dataclass(frozen=True)
class CreditUpdate:
    pk: int
    credits: Decimal
    earned_on: dt.date


@dataclass
class HrWrites:
    """Everything applying an HR plan writes, by table (filled by the planner only)."""

    hires: list[NewStaff] = field(default_factory=list)
    staff: list[StaffUpdate] = field(default_factory=list)
    rating_create: list[RatingCreate] = field(default_factory=list)
    rating_update: list[RatingUpdate] = field(default_factory=list)
    degree_create: list[DegreeCreate] = field(default_factory=list)
    degree_update: list[DegreeUpdate] = field(default_factory=list)
    cert_create: list[CertificateCreate] = field(default_factory=list)
    cert_update: list[CertificateUpdate] = field(default_factory=list)
    credit_create: list[CreditCreate] = field(default_factory=list)
    credit_update: list[CreditUpdate] = field(default_factory=list)
