"""``lattice demo`` (load the demo network) and ``lattice users`` (list its log-ins).

Both need Django; they import it inside the command so ``lattice --help`` stays fast.
"""

from __future__ import annotations

import json
from typing import Any

import click

from lattice.cli import setup_django

DEFAULT_SEED = 2026  # mirrors lattice.demo.plan.DEFAULT_SEED (imported lazily: it needs Django)
# Mirrors lattice.demo.command.APP_DEMO_MAX_TEACHERS, for the help text.
APP_DEMO_MAX_TEACHERS = 5_000


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
    """:func:`lattice.demo.command.run_demo` with its refusals as click errors (a spec the
    generator cannot make is a bad parameter); shared by ``lattice demo`` and ``lattice run``."""
    from lattice.demo.command import BadDemoSpec, DemoRefused
    from lattice.demo.command import run_demo as load

    try:
        return load(
            seed=seed,
            teachers=teachers,
            years=years,
            schools=schools,
            reset=reset,
            people_only=people_only,
            echo=echo,
        )
    except BadDemoSpec as exc:
        raise click.BadParameter(str(exc)) from exc
    except DemoRefused as exc:
        raise click.ClickException(str(exc)) from exc


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
    from lattice.demo.personas import demo_logins

    rows = demo_logins()
    if not rows:
        raise click.ClickException("There are no demo log-ins: run `lattice demo` first.")
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    from lattice.demo.command import format_logins

    for line in format_logins(rows):
        click.echo(line)
