"""`lattice backup create` / `restore`, as an operator runs them: back up a demo district,
restore it into a new, empty database and private folder ("a fresh machine"), and compare
every table and every file — on whichever database the suite runs on (SQLite, and
PostgreSQL under scripts/with-postgres.sh).

The comparison is the test's own (sqlite3 / psycopg and hashlib), not the backup module's.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.migrated import copy_migrated_sqlite, migrated_postgres_template

ROOT = Path(__file__).resolve().parents[2]
SERVER_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SERVER_URL.startswith(("postgres://", "postgresql://"))
pytestmark = pytest.mark.slow
DEMO = ["demo", "--teachers", "150", "--years", "3", "--seed", "11"]


class Side:
    """One Lattice installation: its own var folder and its own, initially empty, database."""

    def __init__(self, var_dir: Path, database_url: str | None) -> None:
        self.var_dir = var_dir
        self.database_url = database_url
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DEBUG": "1",
            "LATTICE_VAR_DIR": str(var_dir),
            "DJANGO_SETTINGS_MODULE": "lattice.settings",
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url

    def lattice(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "lattice", *args],
            cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip

    def tables(self) -> dict[str, tuple[int, str]]:
        """Every table: its row count and a hash of its rows (sorted, so order is irrelevant)."""
        if self.database_url is None:
            connection: Any = sqlite3.connect(self.var_dir / "lattice.sqlite3")
            names = [
                n
                for (n,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
        else:
            import psycopg

            connection = psycopg.connect(self.database_url)
            names = [
                n
                for (n,) in connection.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            ]
        try:
            out = {}
            for name in names:
                rows = sorted(repr(tuple(r)) for r in connection.execute(f'SELECT * FROM "{name}"'))
                out[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
            return out
        finally:
            connection.close()

    def files(self) -> dict[str, str]:
        private = self.var_dir / "private"
        return {
            p.relative_to(private).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in private.rglob("*")
            if p.is_file()
        }


@pytest.fixture(scope="module")
def databases() -> Iterator[Any]:
    """Makes fresh databases ("another machine"): SQLite files, or PostgreSQL databases on
    the suite's server, dropped at the end."""
    made: list[str] = []

    def new(var_dir: Path, *, migrated: bool = False) -> Side:
        """An installation with an empty database, or (``migrated``) one migrated as
        ``lattice manage migrate`` leaves it, copied from the session's template."""
        if not ON_POSTGRES:
            if migrated:
                copy_migrated_sqlite(var_dir)
            return Side(var_dir, None)
        import psycopg

        name = f"backup_{uuid.uuid4().hex[:12]}"
        template = f' TEMPLATE "{migrated_postgres_template(SERVER_URL)}"' if migrated else ""
        with psycopg.connect(SERVER_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"{template}')
        made.append(name)
        return Side(var_dir, urlsplit(SERVER_URL)._replace(path=f"/{name}").geturl())

    yield new
    if made:
        import psycopg

        with psycopg.connect(SERVER_URL, autocommit=True) as admin:
            for name in made:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def backed_up(databases: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Side, Path]:
    """A demo district (with an oddly named private file) and its backup archive."""
    source = databases(tmp_path_factory.mktemp("source"), migrated=True)
    assert source.lattice(*DEMO).returncode == 0
    odd = source.var_dir / "private" / "imports" / "Équipe — été 2026.csv"
    odd.parent.mkdir(parents=True, exist_ok=True)
    odd.write_bytes("Nom,Prénom\r\nDurand,Zoë\r\n".encode())
    archive = source.var_dir.parent / "lattice-backup.tar.gz"
    created = source.lattice("backup", "create", str(archive))
    assert created.returncode == 0, created.stderr
    assert "backed up" in created.stdout
    return source, archive


def test_a_restore_on_a_fresh_installation_loses_nothing(
    backed_up: tuple[Side, Path], databases: Any, tmp_path: Path
) -> None:
    source, archive = backed_up
    target = databases(tmp_path / "target")
    restored = target.lattice("backup", "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "each matching the manifest" in restored.stdout
    before, after = source.tables(), target.tables()
    assert after == before
    assert before["people_staffmember"][0] > 150
    assert source.files() == target.files()
    assert "imports/Équipe — été 2026.csv" in target.files()
    assert len(source.files()) > 1
    assert target.lattice("manage", "migrate", "--check").returncode == 0


def test_it_refuses_to_restore_over_a_database_with_data_unless_told_to(
    backed_up: tuple[Side, Path], databases: Any, tmp_path: Path
) -> None:
    source, archive = backed_up
    target = databases(tmp_path / "target", migrated=True)
    theirs = target.tables()

    refused = target.lattice("backup", "restore", str(archive))
    assert refused.returncode != 0
    assert "already has" in refused.stderr
    assert "--replace" in refused.stderr
    assert "Nothing was written" in refused.stderr
    assert target.tables() == theirs

    replaced = target.lattice("backup", "restore", "--replace", str(archive))
    assert replaced.returncode == 0, replaced.stderr
    assert target.tables() == source.tables()


def test_a_damaged_archive_is_refused_before_anything_is_written(
    backed_up: tuple[Side, Path], databases: Any, tmp_path: Path
) -> None:
    _, archive = backed_up
    damaged = tmp_path / "damaged.tar.gz"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    target = databases(tmp_path / "target")
    assert target.lattice("backup", "check", str(damaged)).returncode != 0
    assert target.lattice("backup", "restore", str(damaged)).returncode != 0
    assert target.tables() == {}
