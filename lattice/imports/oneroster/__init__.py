"""OneRoster: the CSV package reader (1.1 and 1.2, checked per version), the REST rostering
client and sync (1.2), and a small REST provider that serves a CSV package (for tests,
benchmarks and trying the sync without an SIS).

Both ways in produce the same typed :class:`Roster`, which
:func:`lattice.imports.rosterplan.plan_roster` compares with the district.
"""

from lattice.imports.columns import ROLES_12, SESSIONS_12, USERS_11, USERS_12
from lattice.imports.oneroster.cells import (
    Known,
    Org,
    RoleRow,
    Roster,
    Session,
    StaffRow,
    position_for,
)
from lattice.imports.oneroster.reader import read_roster

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
