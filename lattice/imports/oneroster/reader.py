"""Reading a OneRoster 1.2 or 1.1 CSV package into staff rows Lattice can store, checking it
as the version's CSV specification defines it.

Only what Lattice needs is kept: district and school orgs, school years, and users with a
staff role with their roles. Students, parents, guardians and relatives are counted while
streaming and never kept — not even their values in error messages; to check references to
them (roles' and enrolments' users) the reader keeps only a per-process hash of each id.
Classes, courses and enrolments are checked, not stored. Every other file is listed as
ignored. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt

from lattice.imports.columns import ORGS, ROLES_12, SESSIONS_12, USERS_11, USERS_12
from lattice.imports.csvsource import Source, Table, open_table
from lattice.imports.errors import ErrorLog
from lattice.imports.oneroster import vocab
from lattice.imports.oneroster.cells import (
    CHECKED_FILES,
    EXT_ROLE_HINT,
    NEVER_STORED,
    OTHER_ROLES,
    USED_FILES,
    CellReader,
    Known,
    Org,
    Progress,
    RoleRow,
    Roster,
    Session,
    StaffRow,
    position_for,
    unknown_ext_role,
)
from lattice.imports.values import DateOrder, ValueProblem
from lattice.people.models import Position

__all__ = [
    "ROLES_12",
    "SESSIONS_12",
    "USERS_11",
    "USERS_12",
    "Known",
    "Org",
    "RoleRow",
    "Roster",
    "Session",
    "StaffRow",
    "position_for",
    "read_roster",
]

# manifest.csv property → the file it describes
MANIFEST_FILES = {
    "file.academicSessions": "academicSessions.csv",
    "file.categories": "categories.csv",
    "file.classes": "classes.csv",
    "file.classResources": "classResources.csv",
    "file.courses": "courses.csv",
    "file.courseResources": "courseResources.csv",
    "file.demographics": "demographics.csv",
    "file.enrollments": "enrollments.csv",
    "file.lineItems": "lineItems.csv",
    "file.orgs": "orgs.csv",
    "file.resources": "resources.csv",
    "file.results": "results.csv",
    "file.users": "users.csv",
    "file.roles": "roles.csv",
    "file.userProfiles": "userProfiles.csv",
}
STAFF_ROLE_HINT = {
    vocab.V11: "teacher, administrator, aide, student, … or an ext: role",
    vocab.V12: "teacher, principal, siteAdministrator, aide, counselor, districtAdministrator, "
    "student, … or an ext: role",
}


class _Reader(CellReader):
    # -- steps -----------------------------------------------------------------------------
    def read(self) -> Roster:
        self._manifest()
        self._orgs()
        self._sessions()
        if self.roster.version == "1.1":
            self._users_11()
        else:
            staff_roles = self._roles_12()
            self._users_12(staff_roles)
        self._check_role_users()
        self._check_roles()
        self.references.check_package(self)
        for name in sorted(self.sources):
            if name not in USED_FILES and name not in CHECKED_FILES:
                self.roster.ignored_files.append(name)
        self.roster.checked_files = sorted(n for n in self.sources if n in CHECKED_FILES)
        self.roster.files = sorted(n for n in self.sources if n in USED_FILES)
        return self.roster

    # -- manifest ----------------------------------------------------------------------------
    def _manifest(self) -> None:
        roster = self.roster
        values: dict[str, tuple[int, str]] = {}
        source = self.sources.get("manifest.csv")
        if source is None:
            roster.notes.append("No manifest.csv: the version was read from the headers.")
        else:
            table = open_table(source, self.errors, ["propertyName", "value"])
            if table is not None:
                if not (table.has("propertyName") and table.has("value")):
                    self.errors.add(
                        "manifest.csv",
                        1,
                        "",
                        ",".join(table.header)[:80],
                        "has no propertyName and value columns",
                        "write the header propertyName,value",
                    )
                    table.close()
                else:
                    p, v = table.columns["propertyName"], table.columns["value"]
                    for line, cells in table.rows(self.errors):
                        values[cells[p].strip()] = (line, cells[v].strip())
        version = values.get("oneroster.version", (0, ""))[1]
        roster.source_system = values.get("source.systemName", (0, ""))[1]
        users = self.sources.get("users.csv")
        header_version = ""
        if users is not None:
            table = open_table(users, ErrorLog(), ["role", "orgSourcedIds"])
            if table is not None:
                header_version = (
                    "1.1" if table.has("role") and table.has("orgSourcedIds") else "1.2"
                )
                table.close()

        if version and version not in ("1.1", "1.2", "1.0"):
            self.errors.add(
                "manifest.csv",
                values["oneroster.version"][0],
                "oneroster.version",
                version,
                "is not a OneRoster version Lattice reads",
                "export OneRoster 1.2 or 1.1 CSV",
            )
        if header_version and version and header_version != version and version != "1.0":
            roster.notes.append(
                f"manifest.csv says OneRoster {version} but users.csv has "
                f"{header_version} columns; read as {header_version}."
            )
        roster.version = header_version or (version if version in ("1.1", "1.2") else "1.2")
        self._file_modes(values)
        manifest_mode = values.get("file.users", (0, ""))[1].lower()
        if self.forced_mode:
            roster.mode = self.forced_mode
        elif manifest_mode in ("bulk", "delta"):
            roster.mode = manifest_mode
        else:
            roster.mode = "bulk"
        if roster.mode == "delta":
            return  # a delta sends only the files that changed
        if users is None:
            self.errors.add(
                "users.csv",
                None,
                "",
                "",
                "is missing from the package",
                "add users.csv (and manifest.csv, orgs.csv, academicSessions.csv)",
            )
        if "orgs.csv" not in self.sources:
            self.errors.add(
                "orgs.csv",
                None,
                "",
                "",
                "is missing from the package",
                "add orgs.csv with the district and its schools",
            )
        if roster.version == "1.2" and users is not None and "roles.csv" not in self.sources:
            self.errors.add(
                "roles.csv",
                None,
                "",
                "",
                "is missing from a OneRoster 1.2 package",
                "add roles.csv (1.2 keeps each user's roles there)",
            )

    def _file_modes(self, values: dict[str, tuple[int, str]]) -> None:
        """Each ``file.*`` of the manifest is bulk, delta or absent, and agrees with the files."""
        if "manifest.csv" not in self.sources:
            return
        for prop, (line, raw) in sorted(values.items()):
            if not prop.startswith("file."):
                continue
            mode = raw.lower()
            name = MANIFEST_FILES.get(prop)
            if mode not in vocab.FILE_MODES:
                self.errors.add(
                    "manifest.csv",
                    line,
                    prop,
                    raw,
                    "is not bulk, delta or absent",
                    f"write bulk (the whole {name or 'file'}), delta (changes only) or absent",
                )
                continue
            if name is None:
                continue
            if mode == "absent" and name in self.sources:
                self.errors.add(
                    "manifest.csv",
                    line,
                    prop,
                    raw,
                    f"says {name} is absent, but the package holds {name}",
                    f"remove {name}, or set {prop} to bulk or delta",
                )
            elif mode != "absent" and name not in self.sources:
                self.errors.add(
                    "manifest.csv",
                    line,
                    prop,
                    raw,
                    f"says {name} is sent ({mode}), but the package has no {name}",
                    f"add {name}, or set {prop} to absent",
                )

    # -- orgs --------------------------------------------------------------------------------
    def _orgs(self) -> None:
        table = self._open("orgs.csv", ORGS, ["sourcedId", "name", "type"])
        if table is None:
            return
        col = table.columns
        version = self.roster.version
        seen: dict[str, int] = {}
        for line, cells in table.rows(self.errors):
            sid = cells[col["sourcedId"]].strip()
            if not sid:
                self.errors.add(
                    table.name, line, "sourcedId", "", "is empty", "give every org its id"
                )
                continue
            if sid in seen:
                self.errors.add(
                    table.name,
                    line,
                    "sourcedId",
                    sid,
                    f"already appears on line {seen[sid]}",
                    "each org must appear once — remove the duplicate row",
                )
                continue
            seen[sid] = line
            status = self._status(table, line, cells)
            self._modified(table, line, cells)
            kind = cells[col["type"]].strip()
            name = cells[col["name"]].strip()
            if not kind:
                self.errors.add(
                    table.name,
                    line,
                    "type",
                    "",
                    "is empty",
                    "write the org's type: " + vocab.listing(vocab.ORG_TYPES[version]),
                )
            elif not vocab.in_vocabulary(kind, vocab.ORG_TYPES[version]):
                self.errors.add(
                    table.name,
                    line,
                    "type",
                    kind,
                    f"is not a OneRoster {version} org type",
                    "write one of " + vocab.listing(vocab.ORG_TYPES[version]) + ", or ext:…",
                )
            if not name:
                self.errors.add(table.name, line, "name", "", "is empty", "give every org its name")
            self.roster.orgs[sid] = Org(
                sourced_id=sid,
                name=name[:200],
                type=kind.lower(),
                identifier=cells[col["identifier"]].strip() if "identifier" in col else "",
                parent=cells[col["parentSourcedId"]].strip() if "parentSourcedId" in col else "",
                line=line,
                active=status != "tobedeleted",
            )
        self._no_rows(table)
        self._check_org_parents()

    def _org_type(self, sid: str) -> str:
        org = self.roster.orgs.get(sid)
        return org.type if org is not None else self.known.org_types.get(sid, "")

    def _check_org_parents(self) -> None:
        orgs = self.roster.orgs
        for org in orgs.values():
            if not org.parent:
                continue
            if org.parent not in orgs and org.parent not in self.known.org_types:
                self.errors.add(
                    "orgs.csv",
                    org.line,
                    "parentSourcedId",
                    org.parent,
                    "is not in orgs.csv",
                    "add the parent org to orgs.csv, correct the id, or leave it empty",
                )
                continue
            if org.parent == org.sourced_id:
                self.errors.add(
                    "orgs.csv",
                    org.line,
                    "parentSourcedId",
                    org.parent,
                    "is the org itself",
                    "set parentSourcedId to the org above it",
                )
                continue
            parent_type = self._org_type(org.parent)
            if org.type == "school" and parent_type != "district":
                where = f" (orgs.csv line {orgs[org.parent].line})" if org.parent in orgs else ""
                self.errors.add(
                    "orgs.csv",
                    org.line,
                    "parentSourcedId",
                    org.parent,
                    f"is a {parent_type or 'org without a type'}{where}, not a district — a "
                    "school's parent must be its district",
                    "set parentSourcedId to the district's sourcedId",
                )

    # -- academic sessions ------------------------------------------------------------------
    def _sessions(self) -> None:
        name = "academicSessions.csv"
        table = self._open(name, SESSIONS_12, ["sourcedId", "type", "startDate", "endDate"])
        if table is None:
            if name not in self.sources:
                self.roster.notes.append(
                    "No academicSessions.csv: assignments use the school years already in Lattice."
                )
            return
        col = table.columns
        version = self.roster.version
        if "schoolYear" not in col:
            self.errors.add(
                name,
                1,
                "schoolYear",
                "",
                "is missing from the header",
                "add the schoolYear column (the year each session's school year ends, e.g. 2026)",
            )
        order = DateOrder()
        rows: list[tuple[int, list[str], str]] = []
        seen: dict[str, int] = {}
        for line, cells in table.rows(self.errors):
            sid = cells[col["sourcedId"]].strip()
            if not sid:
                self.errors.add(
                    name, line, "sourcedId", "", "is empty", "give every session its id"
                )
                continue
            if sid in seen:
                self.errors.add(
                    name,
                    line,
                    "sourcedId",
                    sid,
                    f"already appears on line {seen[sid]}",
                    "each session must appear once — remove the duplicate row",
                )
                continue
            seen[sid] = line
            self.session_ids.add(sid)
            kind = cells[col["type"]].strip()
            if not vocab.in_vocabulary(kind, vocab.SESSION_TYPES[version]):
                self.errors.add(
                    name,
                    line,
                    "type",
                    kind,
                    "is empty" if not kind else f"is not a OneRoster {version} session type",
                    "write one of " + vocab.listing(vocab.SESSION_TYPES[version]),
                )
                continue
            self._modified(table, line, cells)
            if self._status(table, line, cells) == "tobedeleted":
                continue
            if "title" in col and not cells[col["title"]].strip():
                self.errors.add(
                    name, line, "title", "", "is empty", "give the session its title, e.g. 2025-26"
                )
            order.observe(cells[col["startDate"]])
            order.observe(cells[col["endDate"]])
            rows.append((line, cells, kind))
        self._no_rows(table)
        parsed: list[tuple[int, list[str], str, dt.date, dt.date, int | None]] = []
        for line, cells, kind in rows:
            dates = []
            for column in ("startDate", "endDate"):
                raw = cells[col[column]].strip()
                try:
                    dates.append(order.parse(raw))
                except ValueProblem as exc:
                    self.errors.add(name, line, column, raw, exc.problem, exc.fix)
            if len(dates) != 2:
                continue
            start, end = dates
            if end <= start:
                self.errors.add(
                    name,
                    line,
                    "endDate",
                    cells[col["endDate"]],
                    "is not after startDate",
                    "correct the session's dates",
                )
                continue
            year = self._school_year_value(table, line, cells, start, end)
            if (
                kind.lower() == "schoolyear"
                and year is not None
                and year
                not in (
                    start.year,
                    end.year,
                )
            ):
                self.errors.add(
                    name,
                    line,
                    "schoolYear",
                    str(year),
                    f"does not match the school year's dates ({start} to {end})",
                    f"write {end.year} (the year the school year ends), or correct the dates",
                )
            parsed.append((line, cells, kind, start, end, year))
        self._check_session_parents(table, parsed)
        years = [p for p in parsed if p[2].lower() == "schoolyear"]
        if years:
            self._school_years(table, years)
        elif parsed:
            self._derived_school_years(parsed)

    def _school_year_value(
        self, table: Table, line: int, cells: list[str], start: dt.date, end: dt.date
    ) -> int | None:
        if "schoolYear" not in table.columns:
            return None
        raw = cells[table.columns["schoolYear"]].strip()
        if not vocab.SCHOOL_YEAR.match(raw):
            self.errors.add(
                table.name,
                line,
                "schoolYear",
                raw,
                "is empty" if not raw else "is not a year (four digits)",
                "write the year the school year ends, e.g. 2026 for 2025-26",
            )
            return None
        year = int(raw)
        # A school year's schoolYear is the year it ends (or starts, in some SIS); a term's
        # may be the next calendar year (a fall term of 2025-26 has schoolYear 2026).
        if year not in (start.year, end.year, start.year + 1, end.year + 1):
            self.errors.add(
                table.name,
                line,
                "schoolYear",
                raw,
                f"does not match the session's dates ({start} to {end})",
                f"write {end.year} (the year the school year ends), or correct the dates",
            )
            return None
        return year

    def _check_session_parents(self, table: Table, parsed: list) -> None:
        if "parentSourcedId" not in table.columns or self.roster.mode == "delta":
            return
        ids = {cells[table.columns["sourcedId"]].strip() for _, cells, *_ in parsed}
        for line, cells, *_ in parsed:
            parent = cells[table.columns["parentSourcedId"]].strip()
            if parent and parent not in ids:
                self.errors.add(
                    table.name,
                    line,
                    "parentSourcedId",
                    parent,
                    "is not a session in academicSessions.csv",
                    "add the parent session (e.g. the school year) or correct the id",
                )

    def _school_years(self, table: Table, years: list) -> None:
        labels: dict[str, int] = {}
        for line, cells, _, start, end, _ in years:
            label = f"{start.year}-{(start.year + 1) % 100:02d}"
            if label in labels:
                self.errors.add(
                    table.name,
                    line,
                    "startDate",
                    cells[table.columns["startDate"]],
                    f"starts school year {label} again (line {labels[label]})",
                    "keep one schoolYear session per year",
                )
                continue
            labels[label] = line
            self.roster.sessions.append(
                Session(cells[table.columns["sourcedId"]].strip(), label, start, end, line)
            )

    def _derived_school_years(self, parsed: list) -> None:
        """No schoolYear session: each distinct ``schoolYear`` of the terms is a school year."""
        spans: dict[int, list] = {}
        for line, _, _, start, end, year in parsed:
            if year is None:
                continue
            span = spans.setdefault(year, [start, end, line])
            span[0], span[1] = min(span[0], start), max(span[1], end)
        for year in sorted(spans):
            start, end, line = spans[year]
            self.roster.sessions.append(
                Session("", f"{year - 1}-{year % 100:02d}", start, end, line)
            )
        if spans:
            self.roster.notes.append(
                "academicSessions.csv has no schoolYear session: school years "
                + ", ".join(f"{y - 1}-{y % 100:02d}" for y in sorted(spans))
                + " come from the schoolYear column of its terms."
            )

    # -- roles and users (1.2) ---------------------------------------------------------------
    def _roles_12(self) -> dict[str, list[tuple[int, list[str]]]]:
        """Stream roles.csv; keep staff roles (by user), count the rest."""
        table = self._open("roles.csv", ROLES_12, ["userSourcedId", "role", "orgSourcedId"])
        kept: dict[str, list[tuple[int, list[str]]]] = {}
        if table is None:
            return kept
        self._order = DateOrder()
        col = table.columns
        i_user, i_role, i_org = col["userSourcedId"], col["role"], col["orgSourcedId"]
        i_type = col.get("roleType")
        counted = self.roster.counted
        orgs = self.roster.orgs
        known_orgs = self.known.org_types
        deferred = self.deferred_users
        delta = self.roster.mode == "delta"
        source = self.sources["roles.csv"]
        allowed = vocab.ROLES["1.2"]
        for line, cells in table.rows(self.errors, lambda pos: self._report("roles.csv", pos)):
            role = cells[i_role]
            org = cells[i_org]
            if org not in orgs:
                org = org.strip()
                if org not in orgs and org not in known_orgs:
                    self.errors.add(
                        table.name,
                        line,
                        "orgSourcedId",
                        org,
                        "is empty" if not org else "is not in orgs.csv",
                        "add the school or correct the id",
                    )
            if i_type is not None:
                kind = cells[i_type]
                if kind not in vocab.ROLE_TYPES and kind.strip().lower() not in vocab.ROLE_TYPES:
                    self.errors.add(
                        table.name,
                        line,
                        "roleType",
                        kind.strip(),
                        "is empty" if not kind.strip() else "is not primary or secondary",
                        "write primary (the person's main role) or secondary",
                    )
            if role in NEVER_STORED:  # the common case, exactly as the standard spells it
                counted[role] += 1
                if not delta:
                    deferred.add(cells[i_user].strip(), line)
                continue
            role = role.strip()
            low = role.lower()
            if low in NEVER_STORED:
                counted[low] += 1
                if not delta:
                    deferred.add(cells[i_user].strip(), line)
                continue
            if not vocab.in_vocabulary(role, allowed):
                self._bad_role(table.name, line, "role", role)
                continue
            if position_for(role) is None:
                counted[low] += 1
                if not delta:
                    deferred.add(cells[i_user].strip(), line)
                continue
            self._warn_unknown_ext_role(table.name, line, role)
            for name in ("beginDate", "endDate"):
                if name in col:
                    self._order.observe(cells[col[name]])
            kept.setdefault(cells[i_user].strip(), []).append((line, cells))
        self._roles_table = table
        self._no_rows(table)
        self._finish(source)
        return kept

    def _warn_unknown_ext_role(self, file: str, line: int, role: str) -> None:
        """An extension role Lattice has no position for is kept as other staff, and said."""
        if unknown_ext_role(role):
            self.warnings.add(
                file,
                line,
                "role",
                role,
                "is an extension role Lattice has no position for, so the person is kept as "
                "other staff",
                f"send one of {EXT_ROLE_HINT}, or leave it if other staff is right",
            )

    def _bad_role(self, file: str, line: int, column: str, role: str) -> None:
        version = self.roster.version
        other = vocab.other_version(role, version, vocab.ROLES)
        problem = (
            "is empty"
            if not role
            else (
                f"is a OneRoster {other} role, not a {version} one"
                if other
                else f"is not a OneRoster {version} role"
            )
        )
        fix = "use " + STAFF_ROLE_HINT[version]
        if other == "1.1" and role.lower() == "administrator":
            fix = "write siteAdministrator or districtAdministrator (1.2), or export OneRoster 1.1"
        elif other == "1.2":
            fix = "write administrator, teacher or aide (1.1), or export OneRoster 1.2"
        self.errors.add(file, line, column, role, problem, fix)

    def _users_12(self, staff_roles: dict[str, list[tuple[int, list[str]]]]) -> None:
        table = self._open(
            "users.csv", USERS_12, ["sourcedId", "givenName", "familyName", "enabledUser"]
        )
        if table is not None:
            self._read_users_12(table, staff_roles)
        elif "users.csv" in self.sources:
            return  # unreadable: its error is recorded
        self._staff_roles_12(staff_roles)

    def _read_users_12(
        self, table: Table, staff_roles: dict[str, list[tuple[int, list[str]]]]
    ) -> None:
        col = table.columns
        i_sid = col["sourcedId"]
        i_primary = col.get("primaryOrgSourcedId")
        i_enabled = col["enabledUser"]
        known = self.known.staff_ids if self.roster.mode == "delta" else set()
        orgs = self.roster.orgs
        known_orgs = self.known.org_types
        user_ids = self.user_ids
        seen: dict[str, int] = {}
        skipped = 0
        for line, cells in table.rows(self.errors, lambda pos: self._report("users.csv", pos)):
            sid = cells[i_sid]
            user_ids.add(sid.strip())
            if i_primary is not None:
                primary = cells[i_primary]
                if primary and primary not in orgs:
                    primary = primary.strip()
                    if primary and primary not in orgs and primary not in known_orgs:
                        self.errors.add(
                            table.name,
                            line,
                            "primaryOrgSourcedId",
                            primary,
                            "is not in orgs.csv",
                            "correct the id or leave it empty",
                        )
            if sid not in staff_roles and sid not in known:
                sid = sid.strip()
                if sid not in staff_roles and sid not in known:
                    enabled = cells[i_enabled]
                    if enabled not in ("true", "false") and not self._bool_ok(enabled):
                        self.errors.add(
                            table.name,
                            line,
                            "enabledUser",
                            enabled.strip()[:20],
                            "is not true or false",
                            "write true or false",
                        )
                    skipped += 1
                    continue
            if not self._keep_user(table, line, cells, seen):
                continue
            row = self._staff_row(table, line, cells)
            if row is None:
                self.failed_users.add(sid)
            else:
                self._put_staff(row)
        self.roster.counted["users without a staff role"] += skipped
        self._no_rows(table)
        self._finish(self.sources["users.csv"])

    def _staff_roles_12(self, staff_roles: dict[str, list[tuple[int, list[str]]]]) -> None:
        """The roles of kept users, read now that the file's date order is known."""
        roles_table = getattr(self, "_roles_table", None)
        if roles_table is None:
            return
        col = roles_table.columns
        seen_roles: dict[str, int] = {}
        for user, rows in staff_roles.items():
            for line, cells in rows:
                sid = cells[col["sourcedId"]].strip() if "sourcedId" in col else ""
                if sid and sid in seen_roles:
                    self.errors.add(
                        "roles.csv",
                        line,
                        "sourcedId",
                        sid,
                        f"already appears on line {seen_roles[sid]}",
                        "each role must appear once — remove the duplicate row",
                    )
                    continue
                if sid:
                    seen_roles[sid] = line
                status = self._status(roles_table, line, cells)
                self._modified(roles_table, line, cells)
                begin, end = self._dates(roles_table, line, cells, self._order)
                role = cells[col["role"]].strip()
                self.roster.roles.append(
                    RoleRow(
                        sourced_id=sid or f"{user}|{cells[col['orgSourcedId']].strip()}|{role}",
                        file="roles.csv",
                        line=line,
                        user=user,
                        role=role,
                        position=position_for(role) or Position.OTHER,
                        org=cells[col["orgSourcedId"]].strip(),
                        begin=begin,
                        end=end,
                        status=status,
                    )
                )

    # -- users (1.1) ------------------------------------------------------------------------
    def _users_11(self) -> None:
        table = self._open(
            "users.csv",
            USERS_11,
            ["sourcedId", "role", "orgSourcedIds", "givenName", "familyName", "enabledUser"],
        )
        if table is None:
            return
        col = table.columns
        i_role, i_orgs, i_sid = col["role"], col["orgSourcedIds"], col["sourcedId"]
        counted = self.roster.counted
        orgs = self.roster.orgs
        known_orgs = self.known.org_types
        allowed = vocab.ROLES["1.1"]
        seen: dict[str, int] = {}
        for line, cells in table.rows(self.errors, lambda pos: self._report("users.csv", pos)):
            self.user_ids.add(cells[i_sid].strip())
            role = cells[i_role].strip()
            low = role.lower()
            if low in NEVER_STORED or low in OTHER_ROLES:
                counted[low] += 1
                for org in cells[i_orgs].split(","):
                    org = org.strip()
                    if org and org not in orgs and org not in known_orgs:
                        self.errors.add(
                            table.name,
                            line,
                            "orgSourcedIds",
                            org,
                            "is not in orgs.csv",
                            "add the school or correct the id",
                        )
                continue
            position = position_for(role) if vocab.in_vocabulary(role, allowed) else None
            if position is None:
                self._bad_role(table.name, line, "role", role)
                continue
            self._warn_unknown_ext_role(table.name, line, role)
            if not self._keep_user(table, line, cells, seen):
                continue
            row = self._staff_row(table, line, cells)
            if row is None:
                self.failed_users.add(cells[i_sid].strip())
                continue
            self._put_staff(row)
            user_orgs = [o.strip() for o in cells[i_orgs].split(",") if o.strip()]
            if not user_orgs:
                self.errors.add(
                    table.name,
                    line,
                    "orgSourcedIds",
                    "",
                    "is empty",
                    "list the school(s) the person works at",
                )
            for org in user_orgs:
                self.roster.roles.append(
                    RoleRow(
                        sourced_id=f"{row.sourced_id}|{org}|{low}",
                        file="users.csv",
                        line=line,
                        user=row.sourced_id,
                        role=role,
                        position=position,
                        org=org,
                        begin=None,
                        end=None,
                        status=row.status,
                    )
                )
        self._no_rows(table)
        self._finish(self.sources["users.csv"])

    # -- references --------------------------------------------------------------------------
    def _check_role_users(self) -> None:
        """Every non-staff role's user is in users.csv (checked by hashed id, never kept)."""
        if "users.csv" not in self.sources:
            return
        for line in self.deferred_users.missing_from(self.user_ids):
            self.errors.add(
                "roles.csv",
                line,
                "userSourcedId",
                "",
                "names a user who is not in users.csv (the id is not shown: it is not staff)",
                "add the user to users.csv or remove the role",
            )

    def _check_roles(self) -> None:
        orgs = self.roster.orgs
        staff = self.roster.staff
        delta = self.roster.mode == "delta"
        for role in self.roster.roles:
            column = "orgSourcedIds" if role.file == "users.csv" else "orgSourcedId"
            if (
                role.file == "users.csv"
                and role.org not in orgs
                and role.org not in self.known.org_types
            ):
                self.errors.add(
                    role.file,
                    role.line,
                    column,
                    role.org,
                    "is not in orgs.csv",
                    "add the school or correct the id",
                )
            if (
                role.file == "roles.csv"
                and role.user not in staff
                and role.user not in self.failed_users
                and not (delta and role.user in self.known.staff_ids)
            ):
                self.errors.add(
                    "roles.csv",
                    role.line,
                    "userSourcedId",
                    role.user,
                    "is not in users.csv",
                    "add the user to users.csv or remove the role",
                )


def read_roster(
    sources: dict[str, Source],
    errors: ErrorLog,
    *,
    mode: str | None = None,
    known: Known | None = None,
    progress: Progress | None = None,
    warnings: ErrorLog | None = None,
) -> Roster:
    """Read a OneRoster package's files (by base name) into a :class:`Roster`."""
    reader = _Reader(
        sources,
        errors,
        mode,
        known or Known(),
        progress,
        warnings if warnings is not None else ErrorLog(),
    )
    return reader.read()
