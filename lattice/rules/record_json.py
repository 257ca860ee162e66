"""Read and write a ``TeacherRecord`` as JSON (for the command line and fixtures).

Dates are ISO strings (``2016-06-30``), school years are labels (``2015-16``). Errors name the
field path and the fix, e.g. ``ratings[2].school_year: '2015' is not a school year like 2023-24``.
This module and ``loader`` are the only ones in the engine that touch files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from lattice.rules.records import (
    Accomplishment,
    CampusFacts,
    Certificate,
    CreditEarned,
    Decision,
    DecisionKind,
    Degree,
    DegreeEarned,
    DesignationData,
    PdHours,
    Placement,
    Rating,
    RoleServed,
    SchoolYearFacts,
    TeacherRecord,
    parse_school_year,
    school_year_label,
)

T = TypeVar("T")


class RecordFormatError(ValueError):
    """A teacher record file that cannot be read; the message names the field and the fix."""


class _Fields:
    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise RecordFormatError(f"{path or 'record'}: expected an object {{...}}")
        self.data: dict[str, Any] = data
        self.path = path

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str, kind: type[T], default: Any = ...) -> T:
        if key not in self.data or self.data[key] is None:
            if default is ...:
                raise RecordFormatError(f'{self.where(key)}: required; add "{key}": ...')
            return default  # type: ignore[no-any-return]
        value = self.data[key]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise RecordFormatError(f"{self.where(key)}: {value!r} must be a whole number")
        if not isinstance(value, kind):
            raise RecordFormatError(f"{self.where(key)}: {value!r} must be {kind.__name__}")
        return value

    def day(self, key: str, optional: bool = False) -> Any:
        if optional and self.data.get(key) is None:
            return None
        text = self.get(key, str)
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise RecordFormatError(
                f"{self.where(key)}: {text!r} is not a date; write it as 2016-06-30"
            ) from error

    def year(self, key: str) -> int:
        text = self.get(key, str)
        try:
            return parse_school_year(text)
        except ValueError as error:
            raise RecordFormatError(f"{self.where(key)}: {error}") from error

    def choice(self, key: str, kind: Callable[[str], T], names: list[str]) -> T:
        text = self.get(key, str)
        if text not in names:
            raise RecordFormatError(f"{self.where(key)}: {text!r} is not one of {', '.join(names)}")
        return kind(text)

    def items(self, key: str, build: Callable[[_Fields], T]) -> tuple[T, ...]:
        values = self.get(key, list, [])
        return tuple(build(_Fields(v, f"{self.where(key)}[{i}]")) for i, v in enumerate(values))


def _placement(f: _Fields) -> Placement:
    return Placement(
        f.day("on"),
        f.get("pathway", str, None),
        f.get("interval", int, None),
        f.get("units", int, 0),
        f.get("base_salary", int, None),
    )


def _facts(f: _Fields) -> SchoolYearFacts:
    counts = f.get("counts", dict, {})
    if not all(isinstance(v, int) for v in counts.values()):
        raise RecordFormatError(f"{f.where('counts')}: every count must be a whole number")
    return SchoolYearFacts(
        f.year("school_year"),
        f.get("frl_percent", int, 0),
        f.get("local_salary", int, None),
        frozenset(f.get("flags", list, [])),
        tuple(sorted((str(k), int(v)) for k, v in counts.items())),
    )


def record_from_dict(data: Any) -> TeacherRecord:
    f = _Fields(data, "")
    placement = f.get("placement", dict, None)
    degrees = [d.value for d in Degree]
    kinds = [k.value for k in DecisionKind]
    return TeacherRecord(
        teacher_id=f.get("teacher_id", str),
        hire_date=f.day("hire_date"),
        prior_experience_years=f.get("prior_experience_years", int, 0),
        placement=_placement(_Fields(placement, "placement")) if placement else None,
        degrees=f.items(
            "degrees",
            lambda g: DegreeEarned(g.choice("degree", Degree, degrees), g.day("conferred")),
        ),
        credits=f.items(
            "credits",
            lambda g: CreditEarned(
                g.get("credits", int),
                g.day("course_end"),
                g.day("submitted"),
                g.get("graduate", bool, True),
            ),
        ),
        pd_hours=f.items("pd_hours", lambda g: PdHours(g.get("hours", int), g.day("completed"))),
        certificates=f.items(
            "certificates",
            lambda g: Certificate(g.get("kind", str), g.day("issued"), g.day("expires", True)),
        ),
        ratings=f.items(
            "ratings",
            lambda g: Rating(g.year("school_year"), g.get("label", str), g.day("posted", True)),
        ),
        accomplishments=f.items(
            "accomplishments",
            lambda g: Accomplishment(
                g.get("kind", str),
                g.day("completed"),
                g.get("units", int, 0),
                g.get("note", str, ""),
            ),
        ),
        roles=f.items("roles", lambda g: RoleServed(g.get("role", str), g.year("school_year"))),
        decisions=f.items(
            "decisions",
            lambda g: Decision(
                g.choice("kind", DecisionKind, kinds),
                g.day("decided"),
                g.day("ends", True),
                g.get("note", str, ""),
            ),
        ),
        years=f.items("years", _facts),
        designation_data=f.items("designation_data", _designation_data),
        campuses=f.items("campuses", _campus),
    )


def _number(f: _Fields, key: str, default: Any = ...) -> Decimal:
    value = f.data.get(key, None if default is ... else default)
    if value is None:
        raise RecordFormatError(f'{f.where(key)}: required; add "{key}": 3.5')
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RecordFormatError(f"{f.where(key)}: {value!r} must be a number")
    try:
        return Decimal(str(value))
    except ArithmeticError as error:
        raise RecordFormatError(f"{f.where(key)}: {value!r} must be a number") from error


def _designation_data(f: _Fields) -> DesignationData:
    scores = f.get("observation", list, [])
    observation = tuple(
        _number(_Fields({"score": s}, f.where(f"observation[{i}]")), "score")
        for i, s in enumerate(scores)
    )
    return DesignationData(
        f.year("school_year"),
        observation,
        _number(f, "growth_percent", 0),
        f.get("service_id", str, ""),
        f.get("tea_uid", str, ""),
    )


def _campus(f: _Fields) -> CampusFacts:
    return CampusFacts(
        f.year("school_year"),
        _number(f, "points", 0),
        f.get("rural", bool, False),
        f.get("campus_id", str, ""),
        f.get("district_id", str, ""),
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def record_to_dict(record: TeacherRecord) -> dict[str, Any]:
    p = record.placement
    out: dict[str, Any] = {
        "teacher_id": record.teacher_id,
        "hire_date": record.hire_date.isoformat(),
        "prior_experience_years": record.prior_experience_years,
        "placement": None
        if p is None
        else {
            "on": p.on.isoformat(),
            "pathway": p.pathway,
            "interval": p.interval,
            "units": p.units,
            "base_salary": p.base_salary,
        },
        "degrees": [
            {"degree": d.degree.value, "conferred": d.conferred.isoformat()} for d in record.degrees
        ],
        "credits": [
            {
                "credits": c.credits,
                "course_end": c.course_end.isoformat(),
                "submitted": c.submitted.isoformat(),
                "graduate": c.graduate,
            }
            for c in record.credits
        ],
        "pd_hours": [
            {"hours": h.hours, "completed": h.completed.isoformat()} for h in record.pd_hours
        ],
        "certificates": [
            {"kind": c.kind, "issued": c.issued.isoformat(), "expires": _iso(c.expires)}
            for c in record.certificates
        ],
        "ratings": [
            {
                "school_year": school_year_label(r.school_year),
                "label": r.label,
                "posted": _iso(r.posted),
            }
            for r in record.ratings
        ],
        "accomplishments": [
            {"kind": a.kind, "completed": a.completed.isoformat(), "units": a.units, "note": a.note}
            for a in record.accomplishments
        ],
        "roles": [
            {"role": r.role, "school_year": school_year_label(r.school_year)} for r in record.roles
        ],
        "decisions": [
            {
                "kind": d.kind.value,
                "decided": d.decided.isoformat(),
                "ends": _iso(d.ends),
                "note": d.note,
            }
            for d in record.decisions
        ],
        "years": [
            {
                "school_year": school_year_label(y.school_year),
                "frl_percent": y.frl_percent,
                "local_salary": y.local_salary,
                "flags": sorted(y.flags),
                "counts": dict(y.counts),
            }
            for y in record.years
        ],
    }
    designation = {
        "designation_data": [
            {
                "school_year": school_year_label(d.school_year),
                "observation": [str(s) for s in d.observation],
                "growth_percent": str(d.growth_percent),
                "service_id": d.service_id,
                "tea_uid": d.tea_uid,
            }
            for d in record.designation_data
        ],
        "campuses": [
            {
                "school_year": school_year_label(c.school_year),
                "points": str(c.points),
                "rural": c.rural,
                "campus_id": c.campus_id,
                "district_id": c.district_id,
            }
            for c in record.campuses
        ],
    }
    # designation facts are written only when a record has them, so older records round-trip
    return out | {key: value for key, value in designation.items() if value}


def load_record(path: str | Path) -> TeacherRecord:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise RecordFormatError(f"{path}: cannot read the file ({error.strerror})") from error
    except json.JSONDecodeError as error:
        raise RecordFormatError(
            f"{path} line {error.lineno}: not valid JSON ({error.msg})"
        ) from error
    try:
        return record_from_dict(data)
    except RecordFormatError as error:
        raise RecordFormatError(f"{path}: {error}") from error


def dump_record(record: TeacherRecord) -> str:
    return json.dumps(record_to_dict(record), indent=2) + "\n"
