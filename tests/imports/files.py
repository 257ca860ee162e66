"""Builders for OneRoster packages and HR files, written into a test's ``tmp_path``.

Column orders are exactly those of OneRoster 1.2 and 1.1 (1EdTech, https://www.1edtech.org/standards/oneroster).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from lattice.imports.oneroster import ROLES_12, SESSIONS_12, USERS_11, USERS_12

ORGS_HEADER = [
    "sourcedId",
    "status",
    "dateLastModified",
    "name",
    "type",
    "identifier",
    "parentSourcedId",
]


def csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in header})
    return out.getvalue()


def manifest(version: str = "1.2", mode: str = "bulk", classes: bool = True) -> str:
    sent = "bulk" if classes and version == "1.2" and mode == "bulk" else "absent"
    rows = [
        ("manifest.version", "1.0"),
        ("oneroster.version", version),
        ("source.systemName", "Test SIS"),
        ("file.academicSessions", mode),
        ("file.orgs", mode),
        ("file.users", mode),
        ("file.roles", mode if version == "1.2" else "absent"),
        ("file.enrollments", sent),
        ("file.classes", sent),
    ]
    return csv_text(["propertyName", "value"], [{"propertyName": k, "value": v} for k, v in rows])


ORGS = [
    {
        "sourcedId": "d-1",
        "name": "Northfield Public Schools",
        "type": "district",
        "identifier": "northfield",
    },
    {
        "sourcedId": "sch-1",
        "name": "Alder Elementary",
        "type": "school",
        "identifier": "alder",
        "parentSourcedId": "d-1",
    },
    {
        "sourcedId": "sch-2",
        "name": "Birch Middle",
        "type": "school",
        "identifier": "birch",
        "parentSourcedId": "d-1",
    },
    {
        "sourcedId": "sch-3",
        "name": "Cedar High",
        "type": "school",
        "identifier": "cedar",
        "parentSourcedId": "d-1",
    },
]
SESSIONS = [
    {
        "sourcedId": "sy-2025",
        "title": "2024-25",
        "type": "schoolYear",
        "startDate": "2024-07-01",
        "endDate": "2025-06-30",
        "schoolYear": "2025",
    },
    {
        "sourcedId": "sy-2026",
        "title": "2025-26",
        "type": "schoolYear",
        "startDate": "2025-07-01",
        "endDate": "2026-06-30",
        "schoolYear": "2026",
    },
    {
        "sourcedId": "t-1",
        "title": "Fall",
        "type": "term",
        "startDate": "2025-08-25",
        "endDate": "2025-12-19",
        "parentSourcedId": "sy-2026",
        "schoolYear": "2026",
    },
]
STAFF = [
    {
        "sourcedId": "u-ada",
        "enabledUser": "true",
        "username": "ada",
        "givenName": "Ada",
        "familyName": "Teacher",
        "identifier": "N1001",
        "email": "ada.teacher@northfield.example.org",
    },
    {
        "sourcedId": "u-pat",
        "enabledUser": "TRUE",
        "username": "pat",
        "givenName": "Pat",
        "familyName": "Principal",
        "identifier": "N2001",
        "email": "pat.principal@northfield.example.org",
    },
    {
        "sourcedId": "u-new",
        "enabledUser": "True",
        "username": "nia",
        "givenName": "Nia",
        "familyName": "Newcomer",
        "identifier": "N3001",
        "email": "nia@northfield.example.org",
        "preferredGivenName": "Nee",
    },
    {
        "sourcedId": "u-coach",
        "enabledUser": "true",
        "username": "cole",
        "givenName": "Cole",
        "familyName": "Coach",
        "identifier": "",
        "email": "cole@northfield.example.org",
    },
]
STUDENTS = [
    {
        "sourcedId": f"stu-{n}",
        "enabledUser": "true",
        "username": f"kid{n}",
        "givenName": f"Kid{n}",
        "familyName": "Student",
        "identifier": f"S{n}",
        "email": f"kid{n}@students.example.org",
    }
    for n in range(5)
]
ROLES = (
    [
        {
            "sourcedId": "r-ada",
            "userSourcedId": "u-ada",
            "roleType": "primary",
            "role": "teacher",
            "orgSourcedId": "sch-1",
            "beginDate": "2019-08-15",
        },
        {
            "sourcedId": "r-pat",
            "userSourcedId": "u-pat",
            "roleType": "primary",
            "role": "principal",
            "orgSourcedId": "sch-1",
        },
        {
            "sourcedId": "r-new",
            "userSourcedId": "u-new",
            "roleType": "primary",
            "role": "teacher",
            "orgSourcedId": "sch-3",
            "beginDate": "2025-08-20",
        },
        {
            "sourcedId": "r-coach",
            "userSourcedId": "u-coach",
            "roleType": "primary",
            "role": "ext:instructionalCoach",
            "orgSourcedId": "sch-2",
        },
        {
            "sourcedId": "r-coach-d",
            "userSourcedId": "u-coach",
            "roleType": "secondary",
            "role": "districtAdministrator",
            "orgSourcedId": "d-1",
        },
    ]
    + [
        {
            "sourcedId": f"r-stu-{n}",
            "userSourcedId": f"stu-{n}",
            "roleType": "primary",
            "role": "student",
            "orgSourcedId": "sch-1",
        }
        for n in range(5)
    ]
    + [
        {
            "sourcedId": "r-par",
            "userSourcedId": "par-1",
            "roleType": "primary",
            "role": "parent",
            "orgSourcedId": "sch-1",
        },
    ]
)


PARENTS = [
    {
        "sourcedId": "par-1",
        "enabledUser": "false",
        "givenName": "Pia",
        "familyName": "Parent",
    }
]
CLASSES_HEADER = [
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
CLASSES = [
    {
        "sourcedId": "cls-1",
        "title": "Grade 3 Mathematics",
        "courseSourcedId": "crs-1",
        "classType": "scheduled",
        "schoolSourcedId": "sch-1",
        "termSourcedIds": "t-1",
    }
]
ENROLLMENTS_HEADER = [
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
ENROLLMENTS = [
    {
        "sourcedId": "e-ada",
        "classSourcedId": "cls-1",
        "schoolSourcedId": "sch-1",
        "userSourcedId": "u-ada",
        "role": "teacher",
        "primary": "true",
    },
    *(
        {
            "sourcedId": f"e-stu-{n}",
            "classSourcedId": "cls-1",
            "schoolSourcedId": "sch-1",
            "userSourcedId": f"stu-{n}",
            "role": "student",
            "primary": "false",
        }
        for n in range(5)
    ),
]


def write_package_12(
    folder: Path,
    *,
    staff: list[dict[str, str]] | None = None,
    roles: list[dict[str, str]] | None = None,
    orgs: list[dict[str, str]] | None = None,
    sessions: list[dict[str, str]] | None = None,
    mode: str = "bulk",
    extra: dict[str, str] | None = None,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    people = STAFF if staff is None else staff
    enrollments = [
        e for e in ENROLLMENTS if e["userSourcedId"] in {p["sourcedId"] for p in people + STUDENTS}
    ]
    checked = {
        "enrollments.csv": csv_text(ENROLLMENTS_HEADER, enrollments),
        "classes.csv": csv_text(CLASSES_HEADER, CLASSES),
    }
    files = {
        "manifest.csv": manifest("1.2", mode),
        "orgs.csv": csv_text(ORGS_HEADER, ORGS if orgs is None else orgs),
        "academicSessions.csv": csv_text(SESSIONS_12, SESSIONS if sessions is None else sessions),
        "users.csv": csv_text(USERS_12, people + STUDENTS + PARENTS),
        "roles.csv": csv_text(ROLES_12, ROLES if roles is None else roles),
        **(checked if mode == "bulk" else {}),
        **(extra or {}),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    return folder


def write_package_11(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    users = []
    orgs_of = {"u-ada": "sch-1", "u-pat": "sch-1", "u-new": "sch-3", "u-coach": "sch-2,sch-3"}
    role_of = {
        "u-ada": "teacher",
        "u-pat": "administrator",
        "u-new": "teacher",
        "u-coach": "teacher",
    }
    for person in STAFF:
        users.append(
            {
                **person,
                "role": role_of[person["sourcedId"]],
                "orgSourcedIds": orgs_of[person["sourcedId"]],
            }
        )
    for kid in STUDENTS:
        users.append({**kid, "role": "student", "orgSourcedIds": "sch-1"})
    users.append(
        {
            "sourcedId": "g-1",
            "role": "guardian",
            "givenName": "Gia",
            "familyName": "Guardian",
            "orgSourcedIds": "sch-1",
            "enabledUser": "false",
        }
    )
    (folder / "manifest.csv").write_text(manifest("1.1"), encoding="utf-8")
    (folder / "orgs.csv").write_text(csv_text(ORGS_HEADER, ORGS), encoding="utf-8")
    (folder / "academicSessions.csv").write_text(csv_text(SESSIONS_12, SESSIONS), encoding="utf-8")
    (folder / "users.csv").write_text(csv_text(USERS_11, users), encoding="utf-8")
    return folder


def zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, f"export/{file.name}")
    return target
