"""The OneRoster reader's per-cell checks: roles → positions, the rows it keeps (plain typed
records), and the checks each cell gets (status, dates, booleans, names, references to orgs).
The reading steps are in :mod:`lattice.imports.oneroster.reader`; nothing here touches the
database.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lattice.imports.csvsource import Source, Table, open_table
from lattice.imports.errors import ErrorLog
from lattice.imports.oneroster import vocab
from lattice.imports.oneroster.references import IdSet, PackageReferences
from lattice.imports.values import (
    FALSE_WORDS,
    TRUE_WORDS,
    DateOrder,
    ValueProblem,
    parse_bool,
    parse_datetime,
)
from lattice.people.models import Position

Progress = Callable[[float, str], None]


# OneRoster role → Lattice position. Roles at a district org are kept on the person but make
# no school assignment (Lattice assignments are to schools).
STAFF_ROLES: dict[str, str] = {
    "teacher": Position.TEACHER,
    "principal": Position.PRINCIPAL,
    "siteadministrator": Position.OTHER,
    "administrator": Position.OTHER,  # 1.1
    "districtadministrator": Position.DISTRICT_ADMINISTRATOR,
    "aide": Position.AIDE,
    "counselor": Position.COUNSELOR,
}
# OneRoster's role vocabulary has no nurse, librarian or specialist; a SIS sends them as
# extension roles ("ext:" and a name, OneRoster 1.2 §4.13), read here after the case, spaces,
# hyphens and underscores are dropped ("ext:School_Nurse" → ext:schoolnurse). An extension role
# not listed is kept as "Other staff", with a warning naming the file, line and the fix.
EXT_ROLES: dict[str, str] = {
    "ext:instructionalcoach": Position.INSTRUCTIONAL_COACH,
    "ext:coach": Position.INSTRUCTIONAL_COACH,
    "ext:assistantprincipal": Position.ASSISTANT_PRINCIPAL,
    "ext:nurse": Position.NURSE,
    "ext:schoolnurse": Position.NURSE,
    "ext:librarian": Position.LIBRARIAN,
    "ext:librarymediaspecialist": Position.LIBRARIAN,
    "ext:mediaspecialist": Position.LIBRARIAN,
    "ext:specialist": Position.SPECIALIST,
    "ext:readingspecialist": Position.SPECIALIST,
    "ext:mathspecialist": Position.SPECIALIST,
    "ext:interventionspecialist": Position.SPECIALIST,
    "ext:paraprofessional": Position.AIDE,
}
EXT_ROLE_HINT = "ext:nurse, ext:librarian, ext:specialist, ext:instructionalCoach, " \
    "ext:assistantPrincipal or ext:paraprofessional"  # fmt: skip
NEVER_STORED = frozenset({"student", "parent", "guardian", "relative"})
OTHER_ROLES = frozenset({"proctor", "systemadministrator"})
USED_FILES = {"manifest.csv", "orgs.csv", "academicSessions.csv", "users.csv", "roles.csv"}
CHECKED_FILES = {"classes.csv", "enrollments.csv", "courses.csv"}  # checked, never stored


def position_for(role: str) -> str | None:
    """The Lattice position for a staff role, or None when the role is not staff."""
    key = role.strip().lower()
    if key in STAFF_ROLES:
        return STAFF_ROLES[key]
    if key.startswith("ext:"):
        return EXT_ROLES.get(ext_key(key), Position.OTHER)
    return None


def ext_key(role: str) -> str:
    """An extension role compared loosely: "ext:School_Nurse" → "ext:schoolnurse"."""
    key = role.strip().lower()
    return "ext:" + "".join(ch for ch in key[4:] if ch.isalnum())


def unknown_ext_role(role: str) -> bool:
    """An extension role Lattice has no position for (it is kept as other staff)."""
    key = role.strip().lower()
    return key.startswith("ext:") and ext_key(key) not in EXT_ROLES


@dataclass
class Org:
    sourced_id: str
    name: str
    type: str
    identifier: str
    parent: str
    line: int
    active: bool = True


@dataclass
class Session:
    sourced_id: str
    label: str
    start: dt.date
    end: dt.date
    line: int


@dataclass
class StaffRow:
    sourced_id: str
    line: int
    given_name: str
    family_name: str
    preferred_name: str
    email: str
    identifier: str
    active: bool
    status: str = ""
    modified: dt.datetime | None = None


@dataclass
class RoleRow:
    sourced_id: str
    file: str
    line: int
    user: str
    role: str
    position: str
    org: str
    begin: dt.date | None
    end: dt.date | None
    status: str = ""


@dataclass
class Roster:
    version: str = ""
    mode: str = "bulk"
    source_system: str = ""
    orgs: dict[str, Org] = field(default_factory=dict)
    sessions: list[Session] = field(default_factory=list)
    staff: dict[str, StaffRow] = field(default_factory=dict)
    roles: list[RoleRow] = field(default_factory=list)
    counted: Counter[str] = field(default_factory=Counter)  # not stored: students, …
    ignored_files: list[str] = field(default_factory=list)
    checked_files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass
class Known:
    """What the database already holds, for delta files that send only changes."""

    staff_ids: set[str] = field(default_factory=set)
    org_types: dict[str, str] = field(default_factory=dict)  # school/district sourcedId → type


class CellReader:
    """Shared state and per-cell checks of the OneRoster reader (see oneroster.py)."""

    def __init__(
        self,
        sources: dict[str, Source],
        errors: ErrorLog,
        mode: str | None,
        known: Known,
        progress: Progress | None,
        warnings: ErrorLog | None = None,
    ) -> None:
        self.sources = sources
        self.errors = errors
        self.warnings = warnings if warnings is not None else ErrorLog()
        self.user_ids = IdSet()  # every user of users.csv, hashed
        self.deferred_users = IdSet()  # (hashed user, line) of roles not kept, checked later
        self.session_ids: set[str] = set()
        self.references = PackageReferences()
        self.forced_mode = mode
        self.known = known
        self.roster = Roster()
        self.progress = progress
        self.total_bytes = (
            sum(s.size for n, s in sources.items() if n in USED_FILES or n in CHECKED_FILES) or 1
        )
        self.done_bytes = 0
        self.failed_users: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------
    def _report(self, table_name: str, position: int) -> None:
        if self.progress is not None:
            self.progress(
                min(0.99, (self.done_bytes + position) / self.total_bytes), f"Reading {table_name}"
            )

    def _finish(self, source: Source) -> None:
        self.done_bytes += source.size

    def _open(self, name: str, expected: list[str], required: list[str]) -> Table | None:
        source = self.sources.get(name)
        if source is None:
            return None
        table = open_table(source, self.errors, expected)
        if table is None:
            return None
        if table.note:
            self.roster.notes.append(table.note)
        self._unknown_headers(table)
        missing = [c for c in required if not table.has(c)]
        if missing:
            self.errors.add(
                name,
                1,
                "",
                "",
                f"has no column {', '.join(missing)}",
                f"add the column{'s' if len(missing) > 1 else ''} to the header "
                f"(OneRoster {self.roster.version or '1.2'} column names)",
            )
            table.close()
            return None
        return table

    def _unknown_headers(self, table: Table) -> None:
        """A header the version does not define is a warning, with a "did you mean"."""
        for position, header, suggestion in vocab.unknown_headers(
            table.name, table.header, self.roster.version or vocab.V12
        ):
            hint = f"did you mean {suggestion}? " if suggestion else ""
            self.warnings.add(
                table.name,
                1,
                header,
                header,
                f"(column {position + 1}) is not a OneRoster {self.roster.version or '1.2'} "
                "column, so Lattice does not read it",
                f"{hint}rename it to the specification's name, or name extra columns metadata.…",
            )

    def _no_rows(self, table: Table) -> None:
        """A bulk file with a header and no rows is refused: send its rows, or mark it absent.
        (A delta file may have nothing to say; it gets a warning.)"""
        if table.rows_read == 0:
            log = self.warnings if self.roster.mode == "delta" else self.errors
            log.add(
                table.name,
                None,
                "",
                "",
                "has a header and no rows",
                f"OneRoster sends a file with its records or not at all: export it again, or "
                f"leave {table.name} out and mark it absent in manifest.csv",
            )

    def _bool_ok(self, raw: str) -> bool:
        word = raw.strip().lower()
        return word in TRUE_WORDS or word in FALSE_WORDS

    def check_org(self, file: str, line: int, column: str, org: str) -> None:
        if org in self.roster.orgs or org in self.known.org_types:
            return
        self.errors.add(
            file,
            line,
            column,
            org,
            "is empty" if not org else "is not in orgs.csv",
            "add the org to orgs.csv or correct the id",
        )

    def _status(self, table: Table, line: int, cells: list[str]) -> str:
        """``active``/``tobedeleted`` (delta) or ""/``tobedeleted`` (bulk); errors when the
        value is outside the version's vocabulary or missing from a delta row."""
        if not table.has("status"):
            return ""
        raw = cells[table.columns["status"]].strip()
        status = raw.lower()
        version = self.roster.version or vocab.V12
        if self.roster.mode == "delta":
            if status not in ("active", "tobedeleted"):
                self.errors.add(
                    table.name,
                    line,
                    "status",
                    raw,
                    "must be active or tobedeleted in a delta file",
                    "write active or tobedeleted",
                )
            return status
        if status and status not in vocab.STATUS[version]:
            self.errors.add(
                table.name,
                line,
                "status",
                raw,
                f"is not a OneRoster {version} status",
                "write active or tobedeleted, or leave it empty in a bulk file",
            )
            return ""
        return "tobedeleted" if status in ("tobedeleted", "inactive") else ""

    def _modified(self, table: Table, line: int, cells: list[str]) -> dt.datetime | None:
        if not table.has("dateLastModified"):
            return None
        raw = cells[table.columns["dateLastModified"]].strip()
        if not raw:
            if self.roster.mode == "delta":
                self.errors.add(
                    table.name,
                    line,
                    "dateLastModified",
                    raw,
                    "is required in a delta file",
                    "write when the record last changed, e.g. 2025-08-01T12:00:00Z",
                )
            return None
        try:
            return parse_datetime(raw)
        except ValueProblem as exc:
            self.errors.add(table.name, line, "dateLastModified", raw, exc.problem, exc.fix)
            return None

    def _dates(
        self, table: Table, line: int, cells: list[str], order: DateOrder
    ) -> tuple[dt.date | None, dt.date | None]:
        out: list[dt.date | None] = []
        for name in ("beginDate", "endDate"):
            raw = cells[table.columns[name]].strip() if table.has(name) else ""
            if not raw:
                out.append(None)
                continue
            try:
                out.append(order.parse(raw))
            except ValueProblem as exc:
                self.errors.add(table.name, line, name, raw, exc.problem, exc.fix)
                out.append(None)
        begin, end = out
        if begin and end and end < begin:
            self.errors.add(
                table.name,
                line,
                "endDate",
                str(end),
                "is before beginDate",
                "correct the role's dates",
            )
        return begin, end

    def _staff_row(self, table: Table, line: int, cells: list[str]) -> StaffRow | None:
        col = table.columns
        sid = cells[col["sourcedId"]].strip()
        given = cells[col["givenName"]].strip() if "givenName" in col else ""
        family = cells[col["familyName"]].strip() if "familyName" in col else ""
        status = self._status(table, line, cells)
        modified = self._modified(table, line, cells)
        ok = True
        if not sid:
            ok = False
        for name, value in (("givenName", given), ("familyName", family)):
            if not value and status != "tobedeleted":
                self.errors.add(
                    table.name,
                    line,
                    name,
                    "",
                    "is empty for a staff member",
                    "fill in the person's name",
                )
                ok = False
            elif len(value) > 100:
                self.errors.add(
                    table.name,
                    line,
                    name,
                    value,
                    "is longer than 100 characters",
                    "shorten the name",
                )
                ok = False
        enabled = True
        if "enabledUser" in col:
            raw = cells[col["enabledUser"]]
            try:
                enabled = parse_bool(raw)
            except ValueProblem as exc:
                problem = "is empty" if not raw.strip() else exc.problem
                self.errors.add(table.name, line, "enabledUser", raw.strip(), problem, exc.fix)
                ok = False
        email = cells[col["email"]].strip() if "email" in col else ""
        if email and ("@" not in email or " " in email or len(email) > 254):
            self.errors.add(
                table.name,
                line,
                "email",
                email,
                "is not an email address",
                "correct the address or leave the cell empty",
            )
            ok = False
        identifier = cells[col["identifier"]].strip() if "identifier" in col else ""
        if len(identifier) > 64:
            self.errors.add(
                table.name,
                line,
                "identifier",
                identifier,
                "is longer than 64 characters",
                "use the HR employee number",
            )
            ok = False
        preferred = cells[col["preferredGivenName"]].strip() if "preferredGivenName" in col else ""
        if not ok:
            return None
        return StaffRow(
            sourced_id=sid,
            line=line,
            given_name=given,
            family_name=family,
            preferred_name=preferred[:100],
            email=email.lower(),
            identifier=identifier,
            active=enabled and status != "tobedeleted",
            status=status,
            modified=modified,
        )

    def _keep_user(self, table: Table, line: int, cells: list[str], seen: dict[str, int]) -> bool:
        sid = cells[table.columns["sourcedId"]].strip()
        if not sid:
            self.errors.add(
                table.name, line, "sourcedId", "", "is empty", "give every staff member their id"
            )
            return False
        if sid in seen:
            if self.roster.mode == "delta":
                return True  # the later row (by dateLastModified) wins, see _users_*
            self.errors.add(
                table.name,
                line,
                "sourcedId",
                sid,
                f"already appears on line {seen[sid]}",
                "each user must appear once — remove the duplicate row",
            )
            return False
        seen[sid] = line
        return True

    def _put_staff(self, row: StaffRow) -> None:
        existing = self.roster.staff.get(row.sourced_id)
        if (
            existing is not None
            and existing.modified
            and row.modified
            and row.modified < existing.modified
        ):
            return
        self.roster.staff[row.sourced_id] = row
