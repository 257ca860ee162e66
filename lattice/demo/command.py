"""Loading the demo as the commands do it (``lattice demo``, ``manage.py demo``, ``lattice
run``): replace or keep what is there, say what was made, print the log-ins.

Errors are :class:`DemoRefused` with a message that says why and what to do; each command
turns them into its own kind of error (click's, Django's ``CommandError``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import ProtectedError

from lattice.demo.generator import DemoSpec
from lattice.demo.load import DemoExists, LoadReport, demo_exists, load_demo, reset_demo
from lattice.demo.personas import DEMO_WARNING
from lattice.people.models import District

Echo = Callable[[str], Any]

# Above this size the demo is for benchmarks: people only, no pathways or roles content.
APP_DEMO_MAX_TEACHERS = 5_000


class DemoRefused(RuntimeError):
    """The demo cannot be loaded as asked; the message says why and what to do."""


class BadDemoSpec(DemoRefused):
    """The size or shape asked for is not a district the generator can make."""


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def describe_load(report: LoadReport) -> list[str]:
    """Plain-English lines about a finished generation run."""
    spec = report.spec
    rate = report.rows / report.seconds if report.seconds else 0
    lines = [
        f"Generated the demo network in {report.seconds:.1f} s: {report.rows:,} rows "
        f"({rate:,.0f} rows/s), seed {spec.seed}, school years "
        f"{report.result.school_years[0]} to {report.result.school_years[-1]}."
    ]
    for key in report.result.district_keys:
        district = District.objects.get(key=key)
        lines.append(
            f"  {district.name}: {_plural(district.schools.count(), 'school')}, "
            f"{report.result.teachers_now.get(key, 0):,} teachers this year"
        )
    lines.append("Run `lattice users` for the demo log-ins.")
    return lines


def run_demo(
    *,
    seed: int,
    teachers: int,
    years: int,
    schools: int | None,
    reset: bool,
    people_only: bool = False,
    echo: Echo = print,
) -> bool:
    """Load the demo network unless present (or replace it with ``reset``); True if loaded."""
    try:
        spec = DemoSpec(
            seed=seed,
            teachers=teachers,
            years=years,
            schools=schools,
            apps=not people_only and teachers <= APP_DEMO_MAX_TEACHERS,
        )
    except ValueError as exc:
        raise BadDemoSpec(str(exc)) from exc
    if reset and demo_exists():
        try:
            removed = reset_demo()
        except ProtectedError as exc:
            raise DemoRefused(
                f"Cannot remove the demo districts: {len(exc.protected_objects)} records "
                "(such as audit entries written while using the demo) still refer to them, "
                "and the audit log is append-only. Start from an empty database instead "
                "(`make reset`, or delete var/lattice.sqlite3)."
            ) from exc
        echo(f"Removed the demo districts ({removed['staff']:,} staff members).")
    try:
        if spec.teachers >= 10_000:
            echo(f"Generating {spec.teachers:,} teachers over {spec.years} school years…")
        report = load_demo(spec, progress=echo if spec.teachers >= 10_000 else None)
    except DemoExists:
        echo(
            "The demo districts are already loaded; nothing was changed. "
            "Use `lattice demo --reset` to generate them again."
        )
        return False
    for line in describe_load(report):
        echo(line)
    return True


def format_logins(rows: list[dict[str, str]]) -> list[str]:
    """The demo log-ins as a readable table, with the demo-password warning."""
    headers = ("Persona", "Username", "Password", "Home page", "Sees")
    table = [(r["label"], r["username"], r["password"], r["home"], r["sees"]) for r in rows]
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(headers)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in table
    ]
    keys = sorted({r["two_factor_key"] for r in rows if r.get("two_factor_key")})
    if keys:
        from lattice.accounts.totp import current_code

        names = ", ".join(r["username"] for r in rows if r.get("two_factor_key"))
        lines += [
            "",
            f"Two-factor sign-in: {names} must enter a code after the password. Add the key "
            f"{' '.join(keys)} to any authenticator app, or use the code it shows now: "
            f"{' '.join(current_code(k) for k in keys)} (a new one every 30 seconds; run "
            "`lattice users` again).",
        ]
    lines += ["", DEMO_WARNING]
    return lines
