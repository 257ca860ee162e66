"""What OneRoster 1.1 and 1.2 CSV allow, per version: each file's columns, the enumerations
(status, role, org type, session type, role type, enrolment role, class type), and the
"did you mean" of an unknown header.

From the 1EdTech OneRoster 1.1 CSV Tables and the OneRoster 1.2 CSV Binding. Both allow
vocabulary extensions written ``ext:…`` and extra columns named ``metadata.…``. Free of Django.
"""

from __future__ import annotations

import difflib
import re

from lattice.imports.columns import ORGS, ROLES_12, SESSIONS_12, USERS_11, USERS_12

V11, V12 = "1.1", "1.2"

MANIFEST = ["propertyName", "value"]
CLASSES = [
    "sourcedId",
    "status",
    "dateLastModified",
    "title",
    "grades",
    "courseSourcedId",
    "classCode",
    "classType",
    "location",
    "schoolSourcedId",
    "termSourcedIds",
    "subjects",
    "subjectCodes",
    "periods",
]
ENROLLMENTS = [
    "sourcedId",
    "status",
    "dateLastModified",
    "classSourcedId",
    "schoolSourcedId",
    "userSourcedId",
    "role",
    "primary",
    "beginDate",
    "endDate",
]
COURSES = [
    "sourcedId",
    "status",
    "dateLastModified",
    "schoolYearSourcedId",
    "title",
    "courseCode",
    "grades",
    "orgSourcedId",
    "subjects",
    "subjectCodes",
]

COLUMNS: dict[str, dict[str, list[str]]] = {
    V11: {
        "manifest.csv": MANIFEST,
        "orgs.csv": ORGS,
        "academicSessions.csv": SESSIONS_12,
        "users.csv": USERS_11,
        "classes.csv": CLASSES,
        "enrollments.csv": ENROLLMENTS,
        "courses.csv": COURSES,
    },
    V12: {
        "manifest.csv": MANIFEST,
        "orgs.csv": ORGS,
        "academicSessions.csv": SESSIONS_12,
        "users.csv": [*USERS_12, "resourceSourcedIds"],
        "roles.csv": ROLES_12,
        "classes.csv": [*CLASSES, "resourceSourcedIds"],
        "enrollments.csv": ENROLLMENTS,
        "courses.csv": [*COURSES, "resourceSourcedIds"],
    },
}

STATUS = {
    V11: frozenset({"active", "tobedeleted", "inactive"}),
    V12: frozenset({"active", "tobedeleted"}),
}
ROLES = {
    V11: frozenset(
        {"administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"}
    ),
    V12: frozenset(
        {
            "aide",
            "counselor",
            "districtAdministrator",
            "guardian",
            "parent",
            "principal",
            "proctor",
            "relative",
            "siteAdministrator",
            "student",
            "systemAdministrator",
            "teacher",
        }
    ),
}
ORG_TYPES = {
    V11: frozenset({"department", "school", "district", "local", "state", "national"}),
    V12: frozenset({"department", "school", "district", "local", "state", "national"}),
}
SESSION_TYPES = {
    V11: frozenset({"gradingPeriod", "semester", "schoolYear", "term"}),
    V12: frozenset({"gradingPeriod", "semester", "schoolYear", "term"}),
}
ROLE_TYPES = frozenset({"primary", "secondary"})
ENROLMENT_ROLES = {
    V11: frozenset(
        {"administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"}
    ),
    V12: frozenset({"administrator", "proctor", "student", "teacher"}),
}
CLASS_TYPES = frozenset({"homeroom", "scheduled"})
FILE_MODES = frozenset({"bulk", "delta", "absent"})
SCHOOL_YEAR = re.compile(r"^\d{4}$")


def lowered(values: frozenset[str]) -> dict[str, str]:
    return {v.lower(): v for v in values}


def in_vocabulary(value: str, allowed: frozenset[str], *, extensible: bool = True) -> bool:
    """Whether ``value`` is one of ``allowed`` (any case) or an ``ext:`` extension."""
    low = value.strip().lower()
    if extensible and low.startswith("ext:") and len(low) > 4:
        return True
    return low in lowered(allowed)


def listing(values: frozenset[str]) -> str:
    return ", ".join(sorted(values, key=str.lower))


def other_version(value: str, version: str, vocabulary: dict[str, frozenset[str]]) -> str:
    """The other version's name when ``value`` belongs to it but not to ``version``."""
    other = V11 if version == V12 else V12
    if in_vocabulary(value, vocabulary[other], extensible=False):
        return other
    return ""


def suggest(header: str, known: list[str]) -> str:
    """A close known column for an unknown header (difflib), or ""."""
    by_lower = {k.lower(): k for k in known}
    matches = difflib.get_close_matches(header.lower(), list(by_lower), n=1, cutoff=0.75)
    return by_lower[matches[0]] if matches else ""


def unknown_headers(file: str, header: list[str], version: str) -> list[tuple[int, str, str]]:
    """(position, header, suggestion) for each header the version does not define."""
    known = COLUMNS.get(version, COLUMNS[V12]).get(file)
    if known is None:
        return []
    names = {k.lower() for k in known}
    out = []
    for position, name in enumerate(header):
        if not name or name.lower() in names or name.lower().startswith("metadata."):
            continue
        out.append((position, name, suggest(name, known)))
    return out
