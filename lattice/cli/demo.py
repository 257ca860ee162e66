"""``lattice demo`` (load the demo network) and ``lattice users`` (list its log-ins).

Both need Django; they import it inside the command so ``lattice --help`` stays fast.
"""

from __future__ import annotations

import json
from typing import Any

import click

from lattice.cli import setup_django

DEFAULT_SEED = 2026  # mirrors lattice.people.demo.generator.DEFAULT_SEED (imported lazily)


def open_database(*, need_migrated: bool = True) -> None:
    """Set Django up and check the database is reachable and migrated; exit with advice."""
    from django.core.exceptions import ImproperlyConfigured

    try:
        setup_django()
    except ImproperlyConfigured as exc:
        raise click.ClickException(f"Lattice is not configured: {exc}") from exc
    if not need_migrated:
        return
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor
    from django.db.utils import OperationalError

    connection = connections[DEFAULT_DB_ALIAS]
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except OperationalError as exc:
        raise click.ClickException(
            f"Cannot open the database ({exc}). Check DATABASE_URL, or unset it to use "
            "SQLite under var/."
        ) from exc
    if pending:
        raise click.ClickException(
            f"The database is not set up yet ({len(pending)} migrations to apply). "
            "Run `lattice manage migrate` first, or `lattice run`, which does it for you."
        )


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def describe_load(report: Any) -> list[str]:
    """Plain-English lines about a finished generation run."""
    from lattice.people.models import District

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


# Above this size the demo is for benchmarks: people only, no pathways or roles content.
APP_DEMO_MAX_TEACHERS = 5_000


def run_demo(
    *,
    seed: int,
    teachers: int,
    years: int,
    schools: int | None,
    reset: bool,
    people_only: bool = False,
    echo: Any = click.echo,
) -> bool:
    """Load the demo network unless present (or replace it with ``reset``); True if loaded.

    Shared by ``lattice demo``, ``manage.py demo`` and ``lattice run``.
    """
    from django.db.models import ProtectedError

    from lattice.people.demo import DemoExists, demo_exists, load_demo, reset_demo
    from lattice.people.demo.generator import DemoSpec

    try:
        spec = DemoSpec(
            seed=seed,
            teachers=teachers,
            years=years,
            schools=schools,
            apps=not people_only and teachers <= APP_DEMO_MAX_TEACHERS,
        )
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    if reset and demo_exists():
        try:
            removed = reset_demo()
        except ProtectedError as exc:
            raise click.ClickException(
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


@click.command("demo")
@click.option(
    "--seed",
    type=int,
    default=DEFAULT_SEED,
    show_default=True,
    help="Random seed: the same seed always gives the same district.",
)
@click.option(
    "--teachers",
    type=click.IntRange(10, 2_000_000),
    default=1100,
    show_default=True,
    help="Teachers in the main district (the second district gets ~18% as many).",
)
@click.option(
    "--years",
    type=click.IntRange(1, 40),
    default=5,
    show_default=True,
    help="School years of history, ending with the current one.",
)
@click.option(
    "--schools",
    type=click.IntRange(1, 100_000),
    default=None,
    help="Schools in the main district  [default: one per ~80 teachers]",
)
@click.option(
    "--reset",
    is_flag=True,
    help="Remove the demo districts and their log-ins first, then generate again.",
)
@click.option(
    "--people-only",
    is_flag=True,
    help="Leave out the pathways and leadership-roles demo content (always left out above "
    f"{APP_DEMO_MAX_TEACHERS:,} teachers: it recomputes every placement).",
)
def demo(
    seed: int, teachers: int, years: int, schools: int | None, reset: bool, people_only: bool
) -> None:
    """Load the demo district: an invented, realistic district to try Lattice on.

    Makes Maplewood Unified School District (14 schools, ~1,100 teachers, principals and a
    talent office, five school years of hires, exits, transfers, degrees, credits,
    certificates and ratings; a Baltimore-style pathway policy with its ledger, claims and a
    Model cohort; leadership roles and an open posting) and the smaller Cedar Falls
    Community Schools, both in the Lakes Region Teacher Leadership Network, plus one demo
    log-in per persona. Does nothing when the demo districts are already there.

    \b
    Examples:
      lattice demo                          # the default district (a few seconds)
      lattice demo --reset --seed 7         # replace it with a different one
      lattice demo --reset --teachers 100000 --years 10   # a large district for benchmarks
    """
    open_database()
    run_demo(
        seed=seed,
        teachers=teachers,
        years=years,
        schools=schools,
        reset=reset,
        people_only=people_only,
    )


def format_logins(rows: list[dict[str, str]]) -> list[str]:
    """The demo log-ins as a readable table, with the demo-password warning."""
    from lattice.people.demo.personas import DEMO_WARNING

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


@click.command("users")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print JSON: [{"persona", "username", "password", "home", ...}].',
)
def users(as_json: bool) -> None:
    """List the demo log-ins: one per persona, with password and home page.

    \b
    Examples:
      lattice users          # a table to read
      lattice users --json   # for scripts and browser tests
    """
    open_database()
    from lattice.people.demo.personas import demo_logins

    rows = demo_logins()
    if not rows:
        raise click.ClickException("There are no demo log-ins: run `lattice demo` first.")
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for line in format_logins(rows):
        click.echo(line)
