"""Backing up and restoring a whole Lattice: the database and the private files, one archive.

An archive (``.tar.gz``) holds ``manifest.json``, the database and ``private/…``:

- **SQLite**: a consistent copy made with SQLite's online backup API (readers and writers may
  carry on meanwhile), stored as ``database/lattice.sqlite3``;
- **PostgreSQL**: ``pg_dump --format=custom`` of a snapshot, stored as
  ``database/lattice.pgdump``; the table figures are read in the same snapshot
  (``pg_export_snapshot``), so they describe exactly what was dumped;
- the **private files** (``MEDIA_ROOT``: evidence, import uploads) with their SHA-256.

The manifest records every member's SHA-256 and size, and every table's row count and a
content checksum. A restore checks all of them before writing anything, refuses to write
over a database that has tables or a private folder that has files unless ``replace`` is
given (the old private folder is then kept beside the new one), and after restoring reads
the database back and compares each table with the manifest: nothing is lost silently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = "lattice-backup/1"
SQLITE_MEMBER = "database/lattice.sqlite3"
PG_MEMBER = "database/lattice.pgdump"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class TableFigure:
    rows: int
    sha256: str


@dataclass(frozen=True)
class Outcome:
    """What a create or restore did, for the command to print."""

    archive: Path
    vendor: str
    tables: int
    rows: int
    files: int
    file_bytes: int
    archive_bytes: int
    seconds: float


# --- checksums -----------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _row_text(row: tuple[Any, ...]) -> bytes:
    # One vendor's values read the same way give the same text: enough to compare a database
    # with its restored copy (which is always of the same vendor).
    return json.dumps([_plain(v) for v in row], default=str, ensure_ascii=False).encode()


def _plain(value: Any) -> Any:
    if isinstance(value, memoryview):
        return value.tobytes().hex()
    if isinstance(value, bytes):
        return value.hex()
    return value


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_figures(cursor: Any, tables: list[str]) -> dict[str, TableFigure]:
    """Row count and content checksum of each table (rows in order of all their columns)."""
    out: dict[str, TableFigure] = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT * FROM {_quote(table)} WHERE 1 = 0")
        columns = [c[0] for c in cursor.description]
        order = ", ".join(str(n) for n in range(1, len(columns) + 1))
        cursor.execute(f"SELECT * FROM {_quote(table)} ORDER BY {order}")
        digest = hashlib.sha256()
        rows = 0
        while batch := cursor.fetchmany(2000):
            for row in batch:
                digest.update(_row_text(tuple(row)))
                digest.update(b"\n")
            rows += len(batch)
        out[table] = TableFigure(rows, digest.hexdigest())
    return out


def sqlite_tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [name for (name,) in rows]


def sqlite_figures(path: Path) -> dict[str, TableFigure]:
    with _sqlite(path) as connection:
        return table_figures(connection.cursor(), sqlite_tables(connection))


@contextmanager
def _sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path)
    try:
        yield connection
    finally:
        connection.close()


def private_files(root: Path) -> dict[str, dict[str, Any]]:
    """Every file under ``root`` (relative POSIX path → size and SHA-256)."""
    if not root.is_dir():
        return {}
    found = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        found[path.relative_to(root).as_posix()] = {
            "size": path.stat().st_size,
            "sha256": file_sha256(path),
        }
    return found


# --- the configured database ----------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    """The database Lattice is configured with (``settings.DATABASES['default']``)."""

    vendor: str  # "sqlite" | "postgresql"
    settings: dict[str, Any]

    @classmethod
    def configured(cls) -> Database:
        from django.db import connection

        return cls(connection.vendor, dict(connection.settings_dict))

    @property
    def label(self) -> str:
        if self.vendor == "sqlite":
            return f"SQLite {self.settings['NAME']}"
        host = self.settings.get("HOST") or "local socket"
        return f"PostgreSQL {self.settings['NAME']} on {host}"

    def pg_args(self) -> tuple[list[str], dict[str, str]]:
        s = self.settings
        args = ["--dbname", str(s["NAME"])]
        if s.get("HOST"):
            args += ["--host", str(s["HOST"])]
        if s.get("PORT"):
            args += ["--port", str(s["PORT"])]
        if s.get("USER"):
            args += ["--username", str(s["USER"])]
        env = {**os.environ, "PGPASSWORD": str(s.get("PASSWORD") or "")}
        return args, env

    def tables(self) -> list[str]:
        from django.db import connection

        with connection.cursor() as cursor:
            return connection.introspection.table_names(cursor)


def pg_tool(name: str) -> str:
    """The PostgreSQL client program ``name`` (``LATTICE_PG_BIN`` overrides the search)."""
    folder = os.environ.get("LATTICE_PG_BIN")
    candidates = [Path(folder) / name] if folder else []
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    candidates += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupError(
        f"{name} is not installed; install the PostgreSQL client (apt-get install "
        "postgresql-client) or set LATTICE_PG_BIN to the folder holding it."
    )


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


# --- create --------------------------------------------------------------------------------


def create(out: Path, media_root: Path) -> Outcome:
    """Write one archive of the configured database and ``media_root`` to ``out``."""
    started = time.monotonic()
    database = Database.configured()
    out = out.resolve()
    if out.exists():
        raise BackupError(f"{out} already exists; choose a new file name (nothing was written).")
    with tempfile.TemporaryDirectory(prefix="lattice-backup-", dir=out.parent) as work:
        staging = Path(work)
        if database.vendor == "sqlite":
            member, figures = SQLITE_MEMBER, _dump_sqlite(database, staging / "db")
        elif database.vendor == "postgresql":
            member, figures = PG_MEMBER, _dump_postgresql(database, staging / "db")
        else:
            raise BackupError(f"backing up a {database.vendor} database is not supported")
        files = private_files(media_root)
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "vendor": database.vendor,
            "source": database.label,
            "lattice_version": _version(),
            "migrations": _applied_migrations(),
            "database": {
                "member": member,
                "size": (staging / "db").stat().st_size,
                "sha256": file_sha256(staging / "db"),
            },
            "tables": {t: {"rows": f.rows, "sha256": f.sha256} for t, f in figures.items()},
            "files": files,
        }
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
            archive.addfile(info, io.BytesIO(data))
            archive.add(staging / "db", arcname=member, recursive=False)
            for relative in files:
                archive.add(media_root / relative, arcname=f"private/{relative}", recursive=False)
        os.chmod(partial, 0o600)  # personnel data: readable by its owner only
        partial.replace(out)
    return Outcome(
        out,
        database.vendor,
        len(figures),
        sum(f.rows for f in figures.values()),
        len(files),
        sum(f["size"] for f in files.values()),
        out.stat().st_size,
        time.monotonic() - started,
    )


def _dump_sqlite(database: Database, target: Path) -> dict[str, TableFigure]:
    from django.db import connection

    connection.ensure_connection()
    source = connection.connection  # the live sqlite3 connection: backup() copies consistently
    with _sqlite(target) as copy:
        source.backup(copy)
    return sqlite_figures(target)


def _dump_postgresql(database: Database, target: Path) -> dict[str, TableFigure]:
    from django.db import connection, transaction

    args, env = database.pg_args()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        _run(
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
             f"--snapshot={snapshot}", "--file", str(target), *args],
            env,
        )  # fmt: skip
        return table_figures(cursor, connection.introspection.table_names(cursor))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lattice")
    except PackageNotFoundError:
        return "unknown"


def _applied_migrations() -> list[str]:
    from django.db.migrations.recorder import MigrationRecorder

    return sorted(f"{app}.{name}" for app, name in MigrationRecorder.Migration.objects.values_list(
        "app", "name"
    ))  # fmt: skip


# --- restore -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    data: dict[str, Any]

    @property
    def vendor(self) -> str:
        return str(self.data["vendor"])

    @property
    def tables(self) -> dict[str, TableFigure]:
        return {t: TableFigure(v["rows"], v["sha256"]) for t, v in self.data["tables"].items()}

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        return dict(self.data["files"])


def read_manifest(archive_path: Path) -> Manifest:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile("manifest.json")
            if member is None:
                raise KeyError("manifest.json")
            data = json.loads(member.read())
    except (OSError, tarfile.TarError, KeyError, json.JSONDecodeError) as exc:
        raise BackupError(
            f"{archive_path} is not a Lattice backup (no readable manifest.json): {exc}"
        ) from exc
    if data.get("format") != FORMAT:
        raise BackupError(f"{archive_path} is a {data.get('format')!r} archive; expected {FORMAT}")
    return Manifest(data)


def restore(archive_path: Path, media_root: Path, *, replace: bool = False) -> Outcome:
    """Restore ``archive_path`` into the configured database and ``media_root``."""
    started = time.monotonic()
    archive_path = archive_path.resolve()
    manifest = read_manifest(archive_path)
    database = Database.configured()
    if manifest.vendor != database.vendor:
        raise BackupError(
            f"{archive_path.name} holds a {manifest.vendor} database but Lattice is configured "
            f"for {database.label}; set DATABASE_URL to a {manifest.vendor} database."
        )
    existing = database.tables()
    existing_files = (
        [p for p in media_root.rglob("*") if p.is_file()] if media_root.is_dir() else []
    )
    if (existing or existing_files) and not replace:
        held = []
        if existing:
            held.append(f"{database.label} already has {len(existing)} tables")
        if existing_files:
            held.append(f"{media_root} already holds {len(existing_files)} files")
        raise BackupError(
            "; ".join(held) + ". Restore into an empty database and private folder, or pass "
            "--replace to overwrite them (the database's current contents are lost; the old "
            "private folder is kept beside the new one). Nothing was written."
        )
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lattice-restore-", dir=media_root.parent) as work:
        staging = Path(work)
        verify_archive(archive_path, manifest, staging)
        db_file = staging / manifest.data["database"]["member"]
        if database.vendor == "sqlite":
            _restore_sqlite(database, db_file)
        else:
            _restore_postgresql(database, db_file, replace=bool(existing))
        _restore_files(staging / "private", media_root, keep_old=bool(existing_files))
    figures = _figures_now(database)
    _compare(manifest, figures, media_root)
    files = manifest.files
    return Outcome(
        archive_path,
        database.vendor,
        len(figures),
        sum(f.rows for f in figures.values()),
        len(files),
        sum(f["size"] for f in files.values()),
        archive_path.stat().st_size,
        time.monotonic() - started,
    )


def verify_archive(archive_path: Path, manifest: Manifest, staging: Path) -> None:
    """Extract ``archive_path`` into ``staging`` and check every member against the manifest."""
    expected = {manifest.data["database"]["member"]: manifest.data["database"]}
    expected |= {f"private/{name}": meta for name, meta in manifest.files.items()}
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            names = {m.name for m in archive.getmembers() if m.isfile()} - {"manifest.json"}
            missing, extra = set(expected) - names, names - set(expected)
            if missing or extra:
                raise BackupError(
                    f"{archive_path.name} is damaged or incomplete: {len(missing)} of the "
                    f"{len(expected)} parts its manifest lists cannot be read"
                    + (f" and {len(extra)} parts are not listed" if extra else "")
                    + f" (e.g. {sorted(missing or extra)[0]}). Nothing was written."
                )
            archive.extractall(staging, filter="data")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise BackupError(
            f"{archive_path.name} is damaged ({exc}); use another copy. Nothing was written."
        ) from exc
    for name, meta in expected.items():
        path = staging / name
        if path.stat().st_size != meta["size"] or file_sha256(path) != meta["sha256"]:
            raise BackupError(
                f"{name} in {archive_path.name} fails its checksum: the archive is damaged. "
                "Nothing was written."
            )


def _restore_sqlite(database: Database, db_file: Path) -> None:
    from django.db import connection

    connection.close()
    target = Path(database.settings["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    with _sqlite(db_file) as source, _sqlite(target) as destination:
        source.backup(destination)


def _restore_postgresql(database: Database, dump: Path, *, replace: bool) -> None:
    from django.db import connection

    if replace:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    connection.close()
    args, env = database.pg_args()
    _run(
        [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction",
         "--exit-on-error", *args, str(dump)],
        env,
    )  # fmt: skip


def _restore_files(source: Path, media_root: Path, *, keep_old: bool) -> None:
    source.mkdir(exist_ok=True)
    if media_root.exists():
        if keep_old:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            media_root.rename(media_root.with_name(f"{media_root.name}.replaced-{stamp}"))
        else:
            shutil.rmtree(media_root)  # an empty folder tree: nothing to keep
    source.rename(media_root)


def _figures_now(database: Database) -> dict[str, TableFigure]:
    if database.vendor == "sqlite":
        return sqlite_figures(Path(database.settings["NAME"]))
    from django.db import connection

    with connection.cursor() as cursor:
        return table_figures(cursor, connection.introspection.table_names(cursor))


def _compare(manifest: Manifest, figures: dict[str, TableFigure], media_root: Path) -> None:
    wrong = [t for t, f in manifest.tables.items() if figures.get(t) != f]
    if wrong or set(figures) != set(manifest.tables):
        raise BackupError(
            f"the restored database differs from the backup in {len(wrong)} tables "
            f"({', '.join(sorted(wrong)[:5])}); keep the archive and report this."
        )
    restored = private_files(media_root)
    if restored != manifest.files:
        raise BackupError("the restored private files differ from the backup's manifest.")
