"""Checking a package's references without keeping what they point at.

Students' ids must never be kept, yet roles and enrolments name them. :class:`IdSet` holds a
per-process hash of each id (Python's keyed string hash: not reversible, different every run)
in compact arrays, and answers "which of these lines name an id that was never seen" with a
sorted NumPy search — about 8 bytes per id, so a million students cost 8 MB.

:class:`PackageReferences` streams the files Lattice checks but does not store (courses,
classes, enrolments) and reports every reference that does not resolve, every enumeration
outside the version's vocabulary and every date that is not one.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

import numpy as np

from lattice.imports.oneroster import vocab
from lattice.imports.values import DateOrder, ValueProblem, parse_bool

if TYPE_CHECKING:
    from lattice.imports.oneroster.cells import CellReader


class IdSet:
    """Hashes of ids seen, optionally each with the line that named it (for "missing" checks)."""

    def __init__(self) -> None:
        self.hashes: array[int] = array("q")
        self.lines: array[int] = array("L")

    def add(self, sid: str, line: int | None = None) -> None:
        self.hashes.append(hash(sid))
        if line is not None:
            self.lines.append(line)

    def __len__(self) -> int:
        return len(self.hashes)

    def sorted(self) -> np.ndarray:
        return np.unique(np.frombuffer(self.hashes, dtype=np.int64))

    def missing_from(self, known: IdSet, limit: int = 250) -> list[int]:
        """Lines whose id is not in ``known`` (first ``limit``, in file order)."""
        if not len(self):
            return []
        pool = known.sorted()
        wanted = np.frombuffer(self.hashes, dtype=np.int64)
        if pool.size == 0:
            found = np.zeros(wanted.shape, dtype=bool)
        else:
            at = np.searchsorted(pool, wanted)
            at[at >= pool.size] = pool.size - 1
            found = pool[at] == wanted
        lines = np.frombuffer(
            self.lines, dtype=np.uint32 if self.lines.itemsize == 4 else np.uint64
        )
        return [int(x) for x in lines[~found][:limit]]

    def contains_all(self, sids: list[str]) -> list[bool]:
        pool = self.sorted()
        if pool.size == 0:
            return [False] * len(sids)
        wanted = np.array([hash(s) for s in sids], dtype=np.int64)
        at = np.searchsorted(pool, wanted)
        at[at >= pool.size] = pool.size - 1
        return list(pool[at] == wanted)


class PackageReferences:
    """Courses, classes and enrolments: checked as the version defines them, never stored."""

    def check_package(self, reader: CellReader) -> None:
        version = reader.roster.version
        sessions = self._session_ids(reader)
        courses = self._courses(reader, sessions)
        classes = self._classes(reader, version, sessions, courses)
        self._enrollments(reader, version, classes)

    def _session_ids(self, reader: CellReader) -> set[str] | None:
        """Ids of academicSessions.csv (None when the package has none: nothing to check)."""
        return reader.session_ids if "academicSessions.csv" in reader.sources else None

    def _courses(self, reader: CellReader, sessions: set[str] | None) -> set[str] | None:
        table = reader._open("courses.csv", vocab.COURSES, ["sourcedId", "title", "orgSourcedId"])
        if table is None:
            return None
        col = table.columns
        ids: set[str] = set()
        for line, cells in table.rows(reader.errors):
            sid = cells[col["sourcedId"]].strip()
            if not sid:
                reader.errors.add(
                    table.name, line, "sourcedId", "", "is empty", "give every course its id"
                )
                continue
            ids.add(sid)
            reader._status(table, line, cells)
            reader._modified(table, line, cells)
            org = cells[col["orgSourcedId"]].strip()
            reader.check_org(table.name, line, "orgSourcedId", org)
            if sessions is not None and "schoolYearSourcedId" in col:
                year = cells[col["schoolYearSourcedId"]].strip()
                if year and year not in sessions:
                    reader.errors.add(
                        table.name,
                        line,
                        "schoolYearSourcedId",
                        year,
                        "is not a session in academicSessions.csv",
                        "correct the id or leave it empty",
                    )
        reader._no_rows(table)
        return ids

    def _classes(
        self,
        reader: CellReader,
        version: str,
        sessions: set[str] | None,
        courses: set[str] | None,
    ) -> set[str] | None:
        table = reader._open(
            "classes.csv",
            vocab.CLASSES,
            [
                "sourcedId",
                "title",
                "courseSourcedId",
                "classType",
                "schoolSourcedId",
                "termSourcedIds",
            ],
        )
        if table is None:
            return None
        col = table.columns
        ids: set[str] = set()
        for line, cells in table.rows(reader.errors):
            sid = cells[col["sourcedId"]].strip()
            if not sid:
                reader.errors.add(
                    table.name, line, "sourcedId", "", "is empty", "give every class its id"
                )
                continue
            ids.add(sid)
            reader._status(table, line, cells)
            reader._modified(table, line, cells)
            kind = cells[col["classType"]].strip()
            if not vocab.in_vocabulary(kind, vocab.CLASS_TYPES):
                reader.errors.add(
                    table.name,
                    line,
                    "classType",
                    kind,
                    "is empty" if not kind else "is not homeroom or scheduled",
                    "write homeroom or scheduled",
                )
            reader.check_org(
                table.name, line, "schoolSourcedId", cells[col["schoolSourcedId"]].strip()
            )
            course = cells[col["courseSourcedId"]].strip()
            if courses is not None and course not in courses:
                reader.errors.add(
                    table.name,
                    line,
                    "courseSourcedId",
                    course,
                    "is empty" if not course else "is not in courses.csv",
                    "add the course to courses.csv or correct the id",
                )
            if sessions is not None:
                for term in cells[col["termSourcedIds"]].split(","):
                    term = term.strip()
                    if not term:
                        continue
                    if term not in sessions:
                        reader.errors.add(
                            table.name,
                            line,
                            "termSourcedIds",
                            term,
                            "is not a session in academicSessions.csv",
                            "add the term to academicSessions.csv or correct the id",
                        )
        reader._no_rows(table)
        return ids

    def _enrollments(self, reader: CellReader, version: str, classes: set[str] | None) -> None:
        table = reader._open(
            "enrollments.csv",
            vocab.ENROLLMENTS,
            ["sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"],
        )
        if table is None:
            return
        if classes is None:
            reader.errors.add(
                "enrollments.csv",
                None,
                "",
                "",
                "is in the package but classes.csv is not",
                "add classes.csv (enrolments name its classes), or leave enrollments.csv out",
            )
        col = table.columns
        delta = reader.roster.mode == "delta"
        users = IdSet()
        order = DateOrder()
        order.month_first_seen = True  # enrolment dates are checked, not stored: no guessing
        allowed = vocab.ENROLMENT_ROLES[version]
        i_primary = col.get("primary")
        for line, cells in table.rows(reader.errors, lambda pos: reader._report(table.name, pos)):
            reader._status(table, line, cells)
            users.add(cells[col["userSourcedId"]].strip(), line)
            klass = cells[col["classSourcedId"]].strip()
            if classes is not None and not delta and klass not in classes:
                reader.errors.add(
                    table.name,
                    line,
                    "classSourcedId",
                    klass,
                    "is empty" if not klass else "is not in classes.csv",
                    "add the class to classes.csv or remove the enrolment",
                )
            reader.check_org(
                table.name, line, "schoolSourcedId", cells[col["schoolSourcedId"]].strip()
            )
            role = cells[col["role"]].strip()
            if not vocab.in_vocabulary(role, allowed):
                reader.errors.add(
                    table.name,
                    line,
                    "role",
                    role,
                    "is empty" if not role else f"is not a OneRoster {version} enrolment role",
                    "write one of " + vocab.listing(allowed),
                )
            if i_primary is not None and cells[i_primary].strip():
                try:
                    parse_bool(cells[i_primary])
                except ValueProblem as exc:
                    reader.errors.add(
                        table.name, line, "primary", cells[i_primary].strip(), exc.problem, exc.fix
                    )
            for name in ("beginDate", "endDate"):
                raw = cells[col[name]].strip() if name in col else ""
                if raw:
                    try:
                        order.parse(raw)
                    except ValueProblem as exc:
                        reader.errors.add(table.name, line, name, raw, exc.problem, exc.fix)
        reader._no_rows(table)
        if delta:
            return  # a delta may name users and classes sent in earlier files
        for line in users.missing_from(reader.user_ids):
            reader.errors.add(
                table.name,
                line,
                "userSourcedId",
                "",
                "names a user who is not in users.csv (the id is not shown: enrolments are "
                "mostly students')",
                "add the user to users.csv or remove the enrolment",
            )
