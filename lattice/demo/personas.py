"""The demo log-ins: one account per persona, all with one documented demo password.

The password is for the generated demo district only; it is printed by ``lattice users``
with a warning. Real accounts are created by a talent office with their own passwords.
The office roles and the superuser must use two-factor sign-in (the default sign-in policy),
so their demo accounts come enrolled with an authenticator app whose key is
``DEMO_TOTP_SECRET``; ``lattice users`` prints the key and the code it shows now.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from lattice.lib.actors import Actor

DEMO_PASSWORD = "lattice-demo"  # the documented demo password: demo data only
# The authenticator-app key of the demo accounts that must use two-factor sign-in (the
# office roles and the superuser). Demo data only; `lattice users` prints it and the code.
DEMO_TOTP_SECRET = "LATTICEDEMOKEYSLATTICEDEMOKEYS23"
DEMO_WARNING = (
    f"Warning: these are demo log-ins for invented people, all with the password "
    f"{DEMO_PASSWORD!r}. Never load the demo into a database that holds real people."
)


@dataclass(frozen=True)
class DemoPersona:
    key: str
    username: str
    label: str
    sees: str
    needs_staff: bool = True  # linked to a generated staff member
    superuser: bool = False
    two_factor: bool = False  # enrolled with an authenticator app holding DEMO_TOTP_SECRET
    first_name: str = ""
    last_name: str = ""


PERSONAS: tuple[DemoPersona, ...] = (
    DemoPersona(
        "teacher",
        "teacher",
        "Teacher",
        "own profile: school, assignments, degrees, credits, certificates, ratings",
    ),
    DemoPersona(
        "teacher2",
        "teacher2",
        "Teacher at another school",
        "own profile (a different school from the principal's)",
    ),
    DemoPersona(
        "principal",
        "principal",
        "Principal",
        "their school's staff and each person's page (teacher works there)",
    ),
    DemoPersona(
        "principal2", "principal2", "Principal of another school", "their own school's staff only"
    ),
    DemoPersona(
        "officer",
        "officer",
        "District talent officer",
        "all Maplewood schools, the staff directory and the audit log",
        two_factor=True,
    ),
    DemoPersona(
        "officer2",
        "officer2",
        "Talent officer of the second district",
        "Cedar Falls only; Maplewood's records are invisible",
        two_factor=True,
    ),
    DemoPersona(
        "network",
        "network",
        "Network officer",
        "the network's districts with aggregate counts only",
        needs_staff=False,
        two_factor=True,
        first_name="Noor",
        last_name="Halvorsrud",
    ),
    DemoPersona(
        "admin",
        "admin",
        "Superuser",
        "the Django admin",
        needs_staff=False,
        superuser=True,
        two_factor=True,
        first_name="Demo",
        last_name="Administrator",
    ),
)
USERNAMES = tuple(p.username for p in PERSONAS)


@functools.lru_cache(maxsize=1)
def demo_password_hash() -> str:
    """One hash of the demo password, shared by the demo accounts (hashing is slow by
    design; the accounts share the password anyway)."""
    from django.contrib.auth.hashers import make_password

    return make_password(DEMO_PASSWORD)


def home_url(user: Actor) -> str:
    """The page a persona lands on after logging in: where ``/`` sends them (the site
    shell's home routing), or ``/`` for an account with no access yet."""
    from lattice.people.access import scope_for
    from lattice.site.home import home_url as site_home_url

    return site_home_url(scope_for(user)) or "/"


def demo_logins() -> list[dict[str, str]]:
    """The demo accounts that exist in the database, in persona order."""
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
    rows = []
    for persona in PERSONAS:
        user = users.get(persona.username)
        if user is None:
            continue
        rows.append(
            {
                "persona": persona.key,
                "label": persona.label,
                "username": persona.username,
                "password": DEMO_PASSWORD,
                "name": user.get_full_name(),
                "sees": persona.sees,
                "home": home_url(user),
                "two_factor_key": DEMO_TOTP_SECRET if persona.two_factor else "",
            }
        )
    return rows
