"""``lattice pay``: check and produce a district's pay from the shell.

- ``reconcile`` compares, for every teacher, the payroll file's lines with what their "My
  path" page shows, and each stored standing with what their facts give now; it prints each
  difference and ends with "N differences" (exit 1 when N > 0).
- ``recompute`` recomputes the district's standings as of today (or only the stale ones).
- ``export`` writes the payroll file; it refuses while standings are stale or not placed
  unless ``--exclude-blocked`` (the audit log names everyone left out).

Without ``--as`` the command acts as the system; with it, only that user's districts.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from lattice.cli.demo import open_database
from lattice.lib.actors import Actor


def _actor(as_username: str | None) -> Any:
    if not as_username:
        return None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=as_username, is_active=True).first()
    if user is None:
        raise click.ClickException(f"no active user {as_username!r} — check the username")
    return user


def _district(key: str, actor: Actor) -> Any:
    from lattice.people.access import can_administer_district
    from lattice.people.models import District

    district = District.objects.filter(key=key).first()
    if district is None:
        keys = ", ".join(District.objects.order_by("key").values_list("key", flat=True))
        raise click.ClickException(f"no district {key!r} — use one of: {keys or 'none yet'}")
    if actor is not None and not can_administer_district(actor, district):
        click.echo(
            f"{actor.get_username()} may not see {key!r}'s pay (only its talent officers may).",
            err=True,
        )
        sys.exit(2)
    return district


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-09-01") from None


@click.group("pay")
def pay_group() -> None:
    """Reconcile, recompute and export a district's pay."""


@pay_group.command("reconcile")
@click.option("--district", "key", required=True, help="The district's key, e.g. maplewood.")
@click.option("--as-of", "as_of", help="The pay date (default today), e.g. 2026-09-01.")
@click.option("--as", "as_username", help="Act as this user (checks their access).")
def reconcile_command(key: str, as_of: str | None, as_username: str | None) -> None:
    """Compare payroll with every teacher's My path; print each difference and the count."""
    open_database()
    from lattice.pathways.reconcile import reconcile

    actor = _actor(as_username)
    district = _district(key, actor)
    differences = reconcile(district, _date(as_of))
    for difference in differences:
        click.echo(difference.line())
    n = len(differences)
    click.echo(f"{n} difference" + ("" if n == 1 else "s"))
    sys.exit(1 if n else 0)


@pay_group.command("recompute")
@click.option("--district", "key", required=True, help="The district's key, e.g. maplewood.")
@click.option("--stale-only", is_flag=True, help="Only standings marked stale (and missing).")
@click.option("--as", "as_username", help="Act as this user (checks their access).")
def recompute_command(key: str, stale_only: bool, as_username: str | None) -> None:
    """Recompute the district's standings as of today through the one writer."""
    open_database()
    from lattice.pathways.actions import recompute_standings

    actor = _actor(as_username)
    district = _district(key, actor)
    report = recompute_standings(
        district, reason="recomputed from the command line", stale_only=stale_only, actor=actor
    )
    click.echo(report.line())
    for problem in report.problems[:20]:
        click.echo(f"  not placed: {problem}")


@pay_group.command("export")
@click.option("--district", "key", required=True, help="The district's key, e.g. maplewood.")
@click.option("--as-of", "as_of", help="The pay date (default today).")
@click.option("--format", "file_format", type=click.Choice(["csv", "xlsx"]), default="csv")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--exclude-blocked", is_flag=True, help="Leave stale or unplaced teachers out.")
@click.option("--as", "as_username", help="Act as this user (checks their access).")
def export_command(
    key: str, as_of: str | None, file_format: str, out: Path, exclude_blocked: bool,
    as_username: str | None,
) -> None:  # fmt: skip
    """Write the payroll file for a date (audited with its checksum)."""
    open_database()
    from lattice.pathways.actions import export_payroll
    from lattice.pathways.actions.payroll import PayrollBlocked
    from lattice.people.queries import today

    actor = _actor(as_username)
    district = _district(key, actor)
    try:
        name, data, _ = export_payroll(
            actor, district, effective_date=_date(as_of) or today(), file_format=file_format,
            exclude_blocked=exclude_blocked,
        )  # fmt: skip
    except PayrollBlocked as blocked:
        for b in blocked.blockers:
            click.echo(f"{b.employee_id} {b.name}: {b.why} — {b.fix}", err=True)
        raise click.ClickException(
            f"{len(blocked.blockers)} teachers block the export; fix them or pass "
            "--exclude-blocked to leave them out (audited)"
        ) from None
    out.write_bytes(data)
    click.echo(f"Wrote {out} ({len(data):,} bytes, {name}).")
