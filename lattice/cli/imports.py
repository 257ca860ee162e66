"""``lattice import``: bring a district's OneRoster roster or HR file in from the shell.

Each verb reads the files with a progress bar, prints the preview (and every error, up to a
cap), then applies unless ``--dry-run``. It exits 1 when the files have errors (nothing is
written), 2 when ``--as`` names someone who may not import into that district, and 3 when the
import would deactivate or end more than the district's limit and ``--allow-deactivate N``
does not cover it (nothing is written). Without ``--as`` the command acts as the system.
``lattice import undo RUN`` undoes an applied import; ``lattice import sync DISTRICT`` runs the
district's roster sync now.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from lattice.cli import setup_django
from lattice.lib.actors import Actor


class _Bar:
    """A tqdm bar fed fractions 0–1 with a label (quiet when stderr is not a terminal)."""

    def __init__(self, quiet: bool) -> None:
        from tqdm import tqdm

        self.bar = tqdm(
            total=100,
            unit="%",
            disable=quiet,
            file=sys.stderr,
            bar_format="{desc:<28}{percentage:3.0f}%|{bar}| {elapsed}",
        )
        self.shown = 0

    def __call__(self, fraction: float, label: str) -> None:
        target = int(fraction * 100)
        if target > self.shown:
            self.bar.update(target - self.shown)
            self.shown = target
        self.bar.set_description_str(label, refresh=False)

    def close(self) -> None:
        self(1.0, "Read")
        self.bar.close()


def _actor(as_username: str | None) -> Any:
    if not as_username:
        return None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=as_username, is_active=True).first()
    if user is None:
        raise click.ClickException(f"no active user {as_username!r} — check the username")
    return user


def _district(key: str | None, actor: Actor) -> Any:
    from lattice.people.access import can_administer_district
    from lattice.people.models import District

    if key is None:
        if actor is not None and not actor.is_superuser:
            raise click.ClickException("--district is required with --as")
        return None
    district = District.objects.filter(key=key).first()
    if district is None or (actor is not None and not can_administer_district(actor, district)):
        if actor is not None:
            click.echo(
                f"{actor.get_username()} may not import into district {key!r} "
                "(only its talent officers may).",
                err=True,
            )
            sys.exit(2)
        raise click.ClickException(
            f"no district {key!r} — check the key, or leave --district "
            "out to create the district from orgs.csv"
        )
    return district


def _finish(
    plan: Any,
    actor: Actor,
    *,
    kind: str,
    files: list[str],
    dry_run: bool,
    mode: str = "",
    allow: int | None = None,
) -> None:
    from lattice.imports import actions, safety
    from lattice.imports.report import error_lines, preview_lines

    preview = plan.preview()
    for line in preview_lines(preview):
        click.echo(line)
    for warning in plan.warnings:
        click.echo(f"  warning: {warning}", err=True)
    if plan.errors:
        click.echo(f"\n{plan.errors.total} errors — nothing was written:", err=True)
        for line in error_lines(plan.errors):
            click.echo(f"  {line}", err=True)
        if not dry_run:
            run = actions.create_run(
                actor, kind=kind, district=plan.district, origin="cli", file_names=files, mode=mode
            )
            actions.store_preview(run, plan)
        sys.exit(1)
    guard = safety.check(plan)
    if guard.exceeded:
        click.echo(f"\n{guard.message}", err=True)
        click.echo(guard.cause, err=True)
    if dry_run:
        click.echo("Dry run: nothing was written.")
        return
    run = actions.create_run(
        actor, kind=kind, district=plan.district, origin="cli", file_names=files, mode=plan.mode
    )
    actions.store_preview(run, plan)
    if not guard.allows(allow):
        click.echo(
            f"Nothing was written. To apply it anyway, run the command again with "
            f"--allow-deactivate {guard.confirm_count} (the number of {guard.confirm_what}).",
            err=True,
        )
        sys.exit(3)
    click.echo("Applying (one transaction)…", err=True)
    actions.apply_plan(actor, plan, run, confirmed=allow)
    if plan.has_changes:
        click.echo(f"Applied as import #{run.pk}.")
    else:
        click.echo(f"Nothing changed: everything was already up to date (import #{run.pk}).")


@click.group("import")
def import_group() -> None:
    """Bring a district's real data in: OneRoster rosters and HR/evaluation files."""


@import_group.command("oneroster")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--district", "district_key", help="District key (default: from orgs.csv).")
@click.option("--dry-run", is_flag=True, help="Show the preview and errors; write nothing.")
@click.option(
    "--mode",
    type=click.Choice(["bulk", "delta"]),
    help="Override the manifest: bulk replaces the roster, delta applies changes.",
)
@click.option("--as", "as_username", help="Act as this talent officer (checked).")
@click.option(
    "--allow-deactivate",
    "allow",
    type=click.IntRange(min=0),
    help="Apply even if it deactivates (or ends) up to N records, above the district's limit.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
def oneroster(
    path: Path,
    district_key: str | None,
    dry_run: bool,
    mode: str | None,
    as_username: str | None,
    allow: int | None,
    quiet: bool,
) -> None:
    """Import a OneRoster 1.2 or 1.1 CSV package (a ZIP or a folder with manifest.csv)."""
    setup_django()
    from lattice.imports.package import find_sources
    from lattice.imports.service import prepare_oneroster

    actor = _actor(as_username)
    district = _district(district_key, actor)
    bar = _Bar(quiet)
    try:
        plan = prepare_oneroster(path, district, mode=mode, progress=bar)
    finally:
        bar.close()
    if actor is not None and plan.district is None and not actor.is_superuser:
        click.echo("Only an administrator may create a district from a roster.", err=True)
        sys.exit(2)
    try:
        files = sorted(find_sources(path))
    except ValueError:
        files = [path.name]
    _finish(plan, actor, kind="oneroster", files=files, dry_run=dry_run, allow=allow)


@import_group.command("hr")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--district", "district_key", required=True, help="District key.")
@click.option(
    "--mapping",
    "mappings",
    multiple=True,
    help='"File header=lattice_column" (repeatable) or a JSON file of such pairs.',
)
@click.option("--save-mapping", is_flag=True, help="Remember the mapping for this district.")
@click.option("--dry-run", is_flag=True, help="Show the preview and errors; write nothing.")
@click.option("--as", "as_username", help="Act as this talent officer (checked).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def hr(
    file: Path,
    district_key: str,
    mappings: tuple[str, ...],
    save_mapping: bool,
    dry_run: bool,
    as_username: str | None,
    quiet: bool,
) -> None:
    """Import an HR and evaluation file (CSV or XLSX; see docs/imports.md for the columns)."""
    setup_django()
    from lattice.imports import actions
    from lattice.imports.hr.columns import parse_mapping_options, saved_mapping
    from lattice.imports.service import prepare_hr

    actor = _actor(as_username)
    district = _district(district_key, actor)
    try:
        mapping = {**saved_mapping(district), **parse_mapping_options(mappings)}
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    bar = _Bar(quiet)
    try:
        plan = prepare_hr(file, district, mapping=mapping, progress=bar)
    finally:
        bar.close()
    if save_mapping and mappings and not dry_run and not plan.errors:
        actions.save_column_mapping(actor, district, mapping)
    _finish(plan, actor, kind="hr", files=[file.name], dry_run=dry_run)


@import_group.command("undo")
@click.argument("run_id", type=int)
@click.option("--as", "as_username", help="Act as this talent officer (checked).")
def undo(run_id: int, as_username: str | None) -> None:
    """Undo an applied import (refused, with the reasons, when later changes touched its rows)."""
    setup_django()
    from lattice.imports.models import ImportRun
    from lattice.imports.undo import UndoRefused, undo_import

    actor = _actor(as_username)
    run = ImportRun.objects.select_related("district").filter(pk=run_id).first()
    if run is None or run.district is None:
        raise click.ClickException(f"no import #{run_id}")
    _district(run.district.key, actor)
    try:
        counts = undo_import(actor, run)
    except UndoRefused as exc:
        click.echo(f"Not undone: {exc}", err=True)
        sys.exit(1)
    click.echo(
        f"Undid import #{run_id}: "
        + (", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "nothing to put back")
    )


@import_group.command("sync")
@click.argument("district_key")
@click.option("--full", is_flag=True, help="A full (bulk) sync instead of changes since the last.")
@click.option("--as", "as_username", help="Act as this talent officer (checked).")
def sync_command(district_key: str, full: bool, as_username: str | None) -> None:
    """Run the district's OneRoster REST sync now and print what it did."""
    setup_django()
    from lattice.imports.models import RosterConnection
    from lattice.imports.oneroster.sync import sync

    actor = _actor(as_username)
    district = _district(district_key, actor)
    connection = RosterConnection.objects.filter(district=district).first()
    if connection is None:
        raise click.ClickException(
            f"{district.name} has no roster connection — set it up at "
            f"/imports/{district.key}/connection/"
        )
    run = sync(connection.pk, actor=actor, full=full)
    connection.refresh_from_db()
    click.echo(f"{connection.get_health_display()}: {connection.last_message}")
    if run is not None:
        click.echo(f"Import #{run.pk}: {run.get_status_display()}")
    sys.exit(0 if connection.health == RosterConnection.Health.OK else 1)
