"""Reading a OneRoster 1.2 or 1.1 CSV package into staff rows Lattice can store.

Only what Lattice needs is kept: district and school orgs, school-year sessions, and users
with a staff role with their roles. Students, parents, guardians and relatives are counted
while streaming and never kept — not even their values in error messages. Every other file of
the package is listed as ignored. Nothing here touches the database.
"""

from __future__ import annotations

from lattice.imports.columns import ORGS, ROLES_12, SESSIONS_12, USERS_11, USERS_12
from lattice.imports.csvsource import Source, open_table
from lattice.imports.errors import ErrorLog
from lattice.imports.rostercells import (
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
        self._check_roles()
        for name in sorted(self.sources):
            if name not in USED_FILES:
                self.roster.ignored_files.append(name)
        self.roster.files = sorted(n for n in self.sources if n in USED_FILES)
        return self.roster

    def _manifest(self) -> None:
        roster = self.roster
        values: dict[str, str] = {}
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
                        "",
                        "has no propertyName and value columns",
                        "write the header propertyName,value",
                    )
                    table.close()
                else:
                    p, v = table.columns["propertyName"], table.columns["value"]
                    for _, cells in table.rows(self.errors):
                        values[cells[p].strip()] = cells[v].strip()
        version = values.get("oneroster.version", "")
        roster.source_system = values.get("source.systemName", "")
        users = self.sources.get("users.csv")
        header_version = ""
        if users is not None:
            table = open_table(users, self.errors, ["role", "orgSourcedIds"])
            if table is not None:
                header_version = (
                    "1.1" if table.has("role") and table.has("orgSourcedIds") else "1.2"
                )
                table.close()
        else:
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
        if version and version not in ("1.1", "1.2", "1.0"):
            self.errors.add(
                "manifest.csv",
                None,
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
        roster.version = header_version or version or "1.2"
        if roster.version == "1.2" and users is not None and "roles.csv" not in self.sources:
            self.errors.add(
                "roles.csv",
                None,
                "",
                "",
                "is missing from a OneRoster 1.2 package",
                "add roles.csv (1.2 keeps each user's roles there)",
            )
        manifest_mode = values.get("file.users", "").lower()
        if self.forced_mode:
            roster.mode = self.forced_mode
        elif manifest_mode in ("bulk", "delta"):
            roster.mode = manifest_mode
        else:
            roster.mode = "bulk"

    def _orgs(self) -> None:
        table = self._open("orgs.csv", ORGS, ["sourcedId", "name", "type"])
        if table is None:
            return
        col = table.columns
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
            if kind.lower() in ("district", "school") and not name:
                self.errors.add(
                    table.name, line, "name", "", "is empty", "give the district or school its name"
                )
            self.roster.orgs[sid] = Org(
                sourced_id=sid,
                name=name[:200],
                type=kind.lower(),
                identifier=cells[col["identifier"]].strip() if "identifier" in col else "",
                parent=cells[col["parentSourcedId"]].strip() if "parentSourcedId" in col else "",
                line=line,
                active=status != "tobedeleted",
            )
        for org in self.roster.orgs.values():
            if (
                org.type == "school"
                and org.parent
                and org.parent not in self.roster.orgs
                and org.parent not in self.known.org_types
            ):
                self.errors.add(
                    "orgs.csv",
                    org.line,
                    "parentSourcedId",
                    org.parent,
                    "is not in orgs.csv",
                    "add the district to orgs.csv or correct the id",
                )

    def _sessions(self) -> None:
        table = self._open(
            "academicSessions.csv", SESSIONS_12, ["sourcedId", "type", "startDate", "endDate"]
        )
        if table is None:
            if "academicSessions.csv" not in self.sources:
                self.roster.notes.append(
                    "No academicSessions.csv: assignments use the school years already in Lattice."
                )
            return
        col = table.columns
        order = DateOrder()
        kept: list[tuple[int, list[str]]] = []
        for line, cells in table.rows(self.errors):
            if cells[col["type"]].strip().lower() != "schoolyear":
                continue
            self._modified(table, line, cells)
            if self._status(table, line, cells) == "tobedeleted":
                continue
            order.observe(cells[col["startDate"]])
            order.observe(cells[col["endDate"]])
            kept.append((line, cells))
        labels: dict[str, int] = {}
        for line, cells in kept:
            dates = []
            for name in ("startDate", "endDate"):
                raw = cells[col[name]].strip()
                try:
                    dates.append(order.parse(raw))
                except ValueProblem as exc:
                    self.errors.add(table.name, line, name, raw, exc.problem, exc.fix)
            if len(dates) != 2:
                continue
            start, end = dates
            if end <= start:
                self.errors.add(
                    table.name,
                    line,
                    "endDate",
                    cells[col["endDate"]],
                    "is not after startDate",
                    "correct the school year's dates",
                )
                continue
            label = f"{start.year}-{(start.year + 1) % 100:02d}"
            if label in labels:
                self.errors.add(
                    table.name,
                    line,
                    "startDate",
                    cells[col["startDate"]],
                    f"starts school year {label} again (line {labels[label]})",
                    "keep one schoolYear session per year",
                )
                continue
            labels[label] = line
            self.roster.sessions.append(
                Session(cells[col["sourcedId"]].strip(), label, start, end, line)
            )

    def _roles_12(self) -> dict[str, list[tuple[int, list[str]]]]:
        """Stream roles.csv; keep staff roles (by user), count the rest."""
        table = self._open("roles.csv", ROLES_12, ["userSourcedId", "role", "orgSourcedId"])
        kept: dict[str, list[tuple[int, list[str]]]] = {}
        if table is None:
            return kept
        self._order = DateOrder()
        col = table.columns
        i_user, i_role = col["userSourcedId"], col["role"]
        counted = self.roster.counted
        source = self.sources["roles.csv"]
        for line, cells in table.rows(self.errors, lambda pos: self._report("roles.csv", pos)):
            role = cells[i_role]
            if role in NEVER_STORED:  # the common case, exactly as the standard spells it
                counted[role] += 1
                continue
            role = role.strip()
            low = role.lower()
            if low in NEVER_STORED:
                counted[low] += 1
                continue
            if position_for(role) is None:
                if low in OTHER_ROLES:
                    counted[low] += 1
                else:
                    self.errors.add(
                        table.name,
                        line,
                        "role",
                        role,
                        "is not a OneRoster role",
                        "use teacher, principal, siteAdministrator, aide, counselor,"
                        " districtAdministrator, student, … or an ext: role",
                    )
                continue
            for name in ("beginDate", "endDate"):
                if name in col:
                    self._order.observe(cells[col[name]])
            kept.setdefault(cells[i_user].strip(), []).append((line, cells))
        self._roles_table = table
        self._finish(source)
        return kept

    def _users_12(self, staff_roles: dict[str, list[tuple[int, list[str]]]]) -> None:
        table = self._open("users.csv", USERS_12, ["sourcedId", "givenName", "familyName"])
        if table is None:
            return
        i_sid = table.columns["sourcedId"]
        known = self.known.staff_ids if self.roster.mode == "delta" else set()
        seen: dict[str, int] = {}
        skipped = 0
        for line, cells in table.rows(self.errors, lambda pos: self._report("users.csv", pos)):
            sid = cells[i_sid]
            if sid not in staff_roles and sid not in known:
                sid = sid.strip()
                if sid not in staff_roles and sid not in known:
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
        self._finish(self.sources["users.csv"])
        # Now the roles of kept users, with the file's date order known.
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

    def _users_11(self) -> None:
        table = self._open(
            "users.csv", USERS_11, ["sourcedId", "role", "orgSourcedIds", "givenName", "familyName"]
        )
        if table is None:
            return
        col = table.columns
        i_role, i_orgs = col["role"], col["orgSourcedIds"]
        counted = self.roster.counted
        seen: dict[str, int] = {}
        for line, cells in table.rows(self.errors, lambda pos: self._report("users.csv", pos)):
            role = cells[i_role].strip()
            low = role.lower()
            if low in NEVER_STORED or low in OTHER_ROLES:
                counted[low] += 1
                continue
            position = position_for(role)
            if position is None:
                self.errors.add(
                    table.name,
                    line,
                    "role",
                    role,
                    "is not a OneRoster role",
                    "use teacher, administrator, aide, student, … or an ext: role",
                )
                continue
            if not self._keep_user(table, line, cells, seen):
                continue
            row = self._staff_row(table, line, cells)
            if row is None:
                self.failed_users.add(cells[col["sourcedId"]].strip())
                continue
            self._put_staff(row)
            orgs = [o.strip() for o in cells[i_orgs].split(",") if o.strip()]
            if not orgs:
                self.errors.add(
                    table.name,
                    line,
                    "orgSourcedIds",
                    "",
                    "is empty",
                    "list the school(s) the person works at",
                )
            for org in orgs:
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
        self._finish(self.sources["users.csv"])

    def _check_roles(self) -> None:
        orgs = self.roster.orgs
        staff = self.roster.staff
        delta = self.roster.mode == "delta"
        for role in self.roster.roles:
            column = "orgSourcedIds" if role.file == "users.csv" else "orgSourcedId"
            if role.org not in orgs and role.org not in self.known.org_types:
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
) -> Roster:
    """Read a OneRoster package's files (by base name) into a :class:`Roster`."""
    return _Reader(sources, errors, mode, known or Known(), progress).read()
