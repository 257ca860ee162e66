"""A database migrated once per test session, copied by every test that starts Lattice in a
subprocess on a fresh installation.

Migrating an empty database takes about half a minute of CPU (Django renders the model state
after each of some eighty migrations), and the suite runs in parallel workers on two cores. The
tests that run ``lattice`` or ``manage.py`` in a subprocess (backup and restore, a killed worker,
``lattice run``) would each pay it; instead the first of them to ask migrates one template, under
a file lock the parallel workers share, and the rest copy it. Making the template is itself a
real ``manage.py migrate`` on an empty database, so the path a new installation takes is still
exercised (and ``tests/browser/test_make_run_way.py`` runs ``lattice run`` on a fresh folder
without any template).

The template is named by a hash of the migration files, so a new migration makes a new one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from filelock import FileLock

ROOT = Path(__file__).resolve().parents[1]
SQLITE_NAME = "lattice.sqlite3"


def _migrations_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("lattice/*/migrations/*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _templates_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "lattice-test-templates"
    folder.mkdir(exist_ok=True)
    return folder


def _migrate(env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"migrating an empty database failed:\n{done.stdout}{done.stderr}"


def _subprocess_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "LATTICE_VAR_DIR", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(DEBUG="1", DJANGO_SETTINGS_MODULE="lattice.settings", **extra)
    return env


def migrated_sqlite_file() -> Path:
    """The path of a migrated SQLite database file (made on first use; do not write to it)."""
    folder = _templates_folder()
    template = folder / f"sqlite-{_migrations_hash()}" / SQLITE_NAME
    with FileLock(str(folder / "sqlite.lock"), timeout=900):
        if not template.exists():
            building = Path(tempfile.mkdtemp(dir=folder, prefix="building-"))
            _migrate(_subprocess_env(LATTICE_VAR_DIR=str(building)))
            template.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(building / SQLITE_NAME, template)
            shutil.rmtree(building, ignore_errors=True)
    return template


def copy_migrated_sqlite(var_dir: Path) -> Path:
    """Put a migrated, empty SQLite database where Lattice looks for it in ``var_dir``."""
    var_dir.mkdir(parents=True, exist_ok=True)
    target = var_dir / SQLITE_NAME
    shutil.copyfile(migrated_sqlite_file(), target)
    return target


def migrated_postgres_template(server_url: str) -> str:
    """The name of a migrated PostgreSQL database on the suite's server, to be used as
    ``CREATE DATABASE … TEMPLATE <name>`` (made on first use; nobody connects to it after)."""

    import psycopg

    name = f"lattice_template_{_migrations_hash()}"
    with (
        FileLock(
            str(_templates_folder() / f"postgres-{urlsplit(server_url).port}.lock"), timeout=900
        ),
        psycopg.connect(server_url, autocommit=True) as admin,
    ):
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists is None:
            building = f"{name}_building"
            admin.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{building}"')
            url = urlsplit(server_url)._replace(path=f"/{building}").geturl()
            _migrate(_subprocess_env(DATABASE_URL=url))
            admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    return name
