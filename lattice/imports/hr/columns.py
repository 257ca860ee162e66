"""The HR file's column set: the documented columns, their aliases, the district's mapping
of its own headers onto them, and the downloadable template.

The column set (docs/imports.md) is one row per person, ratings in wide form:

``employee_id``; for a new hire ``given_name, family_name, preferred_name, email, school,
position, fte``; ``hire_date, prior_years_experience, degree, degree_field, degree_date,
graduate_credits, graduate_credits_as_of, certificate_kind, certificate_number,
certificate_issued, certificate_expires`` (more certificates as ``certificate_2_kind`` …),
and one ``rating_YYYY_YY`` column per school year (e.g. ``rating_2023_24``).

Headers that differ are mapped (auto-recognised aliases, then the district's saved mapping,
then explicit choices). XLSX files are read with openpyxl in read-only mode, row by row.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lattice.people.models import (
    DegreeLevel,
    District,
    Position,
)

CREDITS_NOTE = "Graduate credits (HR file)"
COLUMNS: dict[str, str] = {
    "employee_id": "The HR system's employee number (required; matches the roster).",
    "given_name": "First name (a new hire needs it).",
    "family_name": "Last name (a new hire needs it).",
    "preferred_name": "The name they go by, if not the first name.",
    "email": "Work email.",
    "hire_date": "First day in the district (YYYY-MM-DD or MM/DD/YYYY; a new hire needs it).",
    "school": "The school they work at this school year: its name or key (a new hire needs it).",
    "position": "Teacher, instructional coach, principal, assistant principal, counselor, aide, "
    "district administrator or other (a new hire needs it).",
    "fte": "Their share of a full-time position there, 0.01 to 1 (default 1).",
    "prior_years_experience": "Years of teaching before the district, e.g. 3 or 4.5.",
    "degree": "Highest degree: bachelor, master, specialist, doctorate (BA, MEd, PhD… accepted).",
    "degree_field": "Field of the degree, e.g. Mathematics Education.",
    "degree_date": "When the degree was conferred.",
    "graduate_credits": "Graduate credits earned beyond the degree (total).",
    "graduate_credits_as_of": "Date the credit total was counted (default: the import day).",
    "certificate_kind": "Licence or certificate, e.g. Standard Professional Certificate.",
    "certificate_number": "Its number.",
    "certificate_issued": "Date issued (required with certificate_kind).",
    "certificate_expires": "Date it expires (empty if it does not).",
    "rating_YYYY_YY": "Summative rating for that school year, e.g. rating_2024_25 = Effective.",
}
# What a new hire's row needs besides the employee id (names, email, school, position and FTE
# are read for new people only: the roster keeps those of the people Lattice has).
HIRE_COLUMNS = ("given_name", "family_name", "hire_date", "school", "position")
ALIASES: dict[str, str] = {
    "first_name": "given_name",
    "legal_first_name": "given_name",
    "firstname": "given_name",
    "last_name": "family_name",
    "surname": "family_name",
    "lastname": "family_name",
    "legal_last_name": "family_name",
    "preferred_first_name": "preferred_name",
    "nickname": "preferred_name",
    "work_email": "email",
    "email_address": "email",
    "e_mail": "email",
    "school_name": "school",
    "campus": "school",
    "building": "school",
    "location": "school",
    "job": "position",
    "job_class": "position",
    "position_type": "position",
    "fte_percent": "fte",
    "full_time_equivalent": "fte",
    "employee_id": "employee_id",
    "emp_id": "employee_id",
    "employee_number": "employee_id",
    "employee_no": "employee_id",
    "emp_no": "employee_id",
    "employeeid": "employee_id",
    "staff_id": "employee_id",
    "employee": "employee_id",
    "hire_date": "hire_date",
    "date_of_hire": "hire_date",
    "original_hire_date": "hire_date",
    "hired": "hire_date",
    "prior_years_experience": "prior_years_experience",
    "prior_years": "prior_years_experience",
    "prior_experience": "prior_years_experience",
    "outside_experience": "prior_years_experience",
    "degree": "degree",
    "highest_degree": "degree",
    "degree_level": "degree",
    "degree_field": "degree_field",
    "major": "degree_field",
    "field_of_study": "degree_field",
    "degree_date": "degree_date",
    "degree_conferred": "degree_date",
    "graduate_credits": "graduate_credits",
    "grad_credits": "graduate_credits",
    "graduate_credit_hours": "graduate_credits",
    "graduate_credits_as_of": "graduate_credits_as_of",
    "certificate": "certificate_kind",
    "certification": "certificate_kind",
    "license_type": "certificate_kind",
    "license_number": "certificate_number",
    "issue_date": "certificate_issued",
    "expiration_date": "certificate_expires",
    "expiry_date": "certificate_expires",
}
CERTIFICATE = re.compile(r"^certificate(?:_(\d+))?_(kind|number|issued|expires)$")
RATING = re.compile(
    r"^(?:summative_)?rating_?(\d{4})_(\d{2})$"
    r"|^(\d{4})_(\d{2})_(?:summative_)?rating$"
)
DEGREE_WORDS = {
    "none": DegreeLevel.NONE,
    "bachelor": DegreeLevel.BACHELOR,
    "bachelors": DegreeLevel.BACHELOR,
    "ba": DegreeLevel.BACHELOR,
    "bs": DegreeLevel.BACHELOR,
    "bsc": DegreeLevel.BACHELOR,
    "bed": DegreeLevel.BACHELOR,
    "master": DegreeLevel.MASTER,
    "masters": DegreeLevel.MASTER,
    "ma": DegreeLevel.MASTER,
    "ms": DegreeLevel.MASTER,
    "med": DegreeLevel.MASTER,
    "mat": DegreeLevel.MASTER,
    "specialist": DegreeLevel.SPECIALIST,
    "eds": DegreeLevel.SPECIALIST,
    "doctorate": DegreeLevel.DOCTORATE,
    "phd": DegreeLevel.DOCTORATE,
    "edd": DegreeLevel.DOCTORATE,
    "doctor": DegreeLevel.DOCTORATE,
}


# An HR file's position or job title → Lattice position, compared without case, spaces or
# punctuation ("Library Media Specialist" → librarymediaspecialist). A title not here is
# refused with the positions Lattice knows (lattice.imports.hr.rows), never guessed.
POSITION_WORDS = {
    "teacher": Position.TEACHER,
    "classroomteacher": Position.TEACHER,
    "instructionalcoach": Position.INSTRUCTIONAL_COACH,
    "coach": Position.INSTRUCTIONAL_COACH,
    "principal": Position.PRINCIPAL,
    "assistantprincipal": Position.ASSISTANT_PRINCIPAL,
    "viceprincipal": Position.ASSISTANT_PRINCIPAL,
    "counselor": Position.COUNSELOR,
    "counsellor": Position.COUNSELOR,
    "schoolcounselor": Position.COUNSELOR,
    "nurse": Position.NURSE,
    "schoolnurse": Position.NURSE,
    "registerednurse": Position.NURSE,
    "rn": Position.NURSE,
    "librarian": Position.LIBRARIAN,
    "schoollibrarian": Position.LIBRARIAN,
    "librarymediaspecialist": Position.LIBRARIAN,
    "librarymedia": Position.LIBRARIAN,
    "schoollibrarymediaspecialist": Position.LIBRARIAN,
    "specialist": Position.SPECIALIST,
    "readingspecialist": Position.SPECIALIST,
    "mathspecialist": Position.SPECIALIST,
    "mathematicsspecialist": Position.SPECIALIST,
    "literacyspecialist": Position.SPECIALIST,
    "interventionspecialist": Position.SPECIALIST,
    "interventionist": Position.SPECIALIST,
    "aide": Position.AIDE,
    "paraprofessional": Position.AIDE,
    "para": Position.AIDE,
    "paraeducator": Position.AIDE,
    "districtadministrator": Position.DISTRICT_ADMINISTRATOR,
    "other": Position.OTHER,
    "otherstaff": Position.OTHER,
}

# The positions as a new hire's row may write them, for the fix of an unknown one.
POSITION_HINT = (
    ", ".join(str(label).lower() for _, label in Position.choices[:-1])
    + f" or {str(Position.OTHER.label).lower()}"
    + " (or a title such as reading specialist, library media specialist, paraprofessional)"
)


def normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def canonical(name: str) -> str | None:
    """The Lattice column a (normalised) name stands for, or None."""
    norm = normalise(name)
    if norm in COLUMNS and norm != "rating_yyyy_yy":
        return norm
    if norm in ALIASES:
        return ALIASES[norm]
    if CERTIFICATE.match(norm):
        return norm
    match = RATING.match(norm)
    if match:
        start, end = (match[1], match[2]) if match[1] else (match[3], match[4])
        return f"rating_{start}_{end}"
    return None


def auto_mapping(headers: list[str], saved: dict[str, str]) -> dict[str, str]:
    """header → Lattice column ("" to ignore): saved choices first, then names and aliases."""
    out: dict[str, str] = {}
    for header in headers:
        if header in saved:
            out[header] = saved[header]
        else:
            out[header] = canonical(header) or ""
    return out


def parse_mapping_options(options: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``"Emp No=employee_id"`` pairs, or a JSON file of such pairs, into a mapping."""
    out: dict[str, str] = {}
    for option in options:
        if "=" not in option and Path(option).is_file():
            data = json.loads(Path(option).read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError(f"{option} must hold a JSON object of header: column")
            out.update({str(k): str(v) for k, v in data.items()})
            continue
        header, sep, column = option.partition("=")
        if not sep:
            raise ValueError(f'--mapping {option!r}: write "File header=lattice_column"')
        out[header.strip()] = column.strip()
    for header, column in out.items():
        if column and canonical(column) != column:
            raise ValueError(
                f"--mapping {header!r}: {column!r} is not a Lattice column (see docs/imports.md)"
            )
    return out


def saved_mapping(district: District) -> dict[str, str]:
    from lattice.imports.models import ColumnMapping

    saved = ColumnMapping.objects.filter(district=district, kind="hr").first()
    return dict(saved.mapping) if saved else {}


def template_csv() -> str:
    """The downloadable template: the column set and one example row."""
    header = [
        "employee_id",
        "given_name",
        "family_name",
        "email",
        "hire_date",
        "school",
        "position",
        "fte",
        "prior_years_experience",
        "degree",
        "degree_field",
        "degree_date",
        "graduate_credits",
        "graduate_credits_as_of",
        "certificate_kind",
        "certificate_number",
        "certificate_issued",
        "certificate_expires",
        "rating_2023_24",
        "rating_2024_25",
    ]
    example = [
        "N1001",
        "Maria",
        "Okafor",
        "maria.okafor@district.example.org",
        "2019-08-15",
        "Alder Elementary School",
        "teacher",
        "1",
        "2",
        "master",
        "Mathematics Education",
        "2018-05-20",
        "12",
        "2025-06-30",
        "Standard Professional Certificate",
        "SPC-55812",
        "2019-07-01",
        "2029-06-30",
        "Effective",
        "Highly Effective",
    ]
    return (
        ",".join(header) + "\r\n" + ",".join(f'"{v}"' if " " in v else v for v in example) + "\r\n"
    )
