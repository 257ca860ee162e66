"""``lattice backup create OUT`` / ``restore IN`` / ``check IN``: the database and private files.

See ``lattice.lib.backup`` for what an archive holds and how a restore proves nothing is lost.
"""

from __future__ import annotations

from pathlib import Path

import click

from lattice.cli.demo import open_database


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"


@click.group("backup")
def backup() -> None:
    """Back up or restore the whole of Lattice: database and private files, one archive.

    The archive carries a manifest with every table's row count and checksum and every
    file's SHA-256; a restore checks them before writing and proves them after. SQLite is
    copied with its online backup API, PostgreSQL with pg_dump (the client must be installed).

    \b
    Examples:
      lattice backup create /backups/lattice-2026-12-01.tar.gz
      lattice backup check /backups/lattice-2026-12-01.tar.gz
      lattice backup restore /backups/lattice-2026-12-01.tar.gz      # into an empty database
      lattice backup restore --replace /backups/lattice-2026-12-01.tar.gz
    """


@backup.command("create")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def create(out: Path) -> None:
    """Write a backup archive (.tar.gz) of the database and LATTICE_VAR_DIR/private to OUT."""
    open_database()
    from django.conf import settings

    from lattice.lib import backup as engine

    try:
        outcome = engine.create(out, Path(settings.MEDIA_ROOT))
    except engine.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"backed up {outcome.vendor}: {outcome.tables} tables, {outcome.rows:,} rows; "
        f"{outcome.files:,} private files ({_size(outcome.file_bytes)})"
    )
    click.echo(
        f"wrote {outcome.archive} ({_size(outcome.archive_bytes)}) in {outcome.seconds:.1f} s"
    )


@backup.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--replace",
    is_flag=True,
    help="Overwrite a database that already has tables (its contents are lost) and set the "
    "current private folder aside. Without it, only an empty database is restored into.",
)
def restore(archive: Path, replace: bool) -> None:
    """Restore ARCHIVE into the configured database and LATTICE_VAR_DIR/private.

    Every checksum is verified before anything is written, and every table and file is
    compared with the manifest afterwards.
    """
    open_database(need_migrated=False)
    from django.conf import settings

    from lattice.lib import backup as engine

    try:
        outcome = engine.restore(archive, Path(settings.MEDIA_ROOT), replace=replace)
    except engine.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"restored {outcome.vendor}: {outcome.tables} tables, {outcome.rows:,} rows and "
        f"{outcome.files:,} private files ({_size(outcome.file_bytes)}), each matching the "
        f"manifest, in {outcome.seconds:.1f} s"
    )
    click.echo("If this Lattice is newer than the backup, run `lattice manage migrate` next.")


@backup.command("check")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check(archive: Path) -> None:
    """Verify ARCHIVE's checksums without restoring it (nothing is written)."""
    import tempfile

    from lattice.lib import backup as engine

    try:
        manifest = engine.read_manifest(archive)
        with tempfile.TemporaryDirectory(prefix="lattice-check-") as work:
            engine.verify_archive(archive, manifest, Path(work))
    except engine.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    tables = manifest.tables
    click.echo(
        f"{archive}: {manifest.vendor} backup of {manifest.data['source']} made "
        f"{manifest.data['created_at']}; {len(tables)} tables, "
        f"{sum(t.rows for t in tables.values()):,} rows, {len(manifest.files):,} private "
        "files; every checksum matches"
    )
