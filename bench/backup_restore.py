"""Benchmark: back up the demo district and restore it on "a fresh machine"; print the figures.

    .venv/bin/python bench/backup_restore.py                               # SQLite
    scripts/with-postgres.sh .venv/bin/python bench/backup_restore.py      # PostgreSQL
    .venv/bin/python bench/backup_restore.py --teachers 20000              # a larger district

Loads the demo (default size: ~1,100 teachers × 5 years) into an empty database of its own,
runs `lattice backup create`, then `lattice backup restore` into another empty database and
private folder, exactly as an operator would; the restore itself proves every table and file
against the manifest. With DATABASE_URL pointing at PostgreSQL, both databases are created on
that server and dropped afterwards. Loading the demo is not timed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def lattice(env: dict[str, str], *args: str) -> tuple[float, str]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "lattice", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        sys.exit(f"lattice {' '.join(args)} failed:\n{result.stderr}")
    return time.monotonic() - started, result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=1100)
    parser.add_argument("--years", type=int, default=5)
    options = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "")
    postgres = server.startswith(("postgres://", "postgresql://"))
    made: list[str] = []

    def database() -> str | None:
        if not postgres:
            return None
        import psycopg

        name = f"bench_backup_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return urlsplit(server)._replace(path=f"/{name}").geturl()

    try:
        with tempfile.TemporaryDirectory(prefix="lattice-bench-backup-") as work:
            envs = []
            for side in ("source", "target"):
                env = {**os.environ, "DEBUG": "1", "LATTICE_VAR_DIR": f"{work}/{side}"}
                url = database()
                if url:
                    env["DATABASE_URL"] = url
                else:
                    env.pop("DATABASE_URL", None)
                envs.append(env)
            source, target = envs
            archive = Path(work) / "lattice-backup.tar.gz"
            lattice(source, "manage", "migrate", "-v0")
            lattice(source, "demo", "--teachers", str(options.teachers), "--years",
                    str(options.years))  # fmt: skip
            create_s, create_out = lattice(source, "backup", "create", str(archive))
            restore_s, restore_out = lattice(target, "backup", "restore", str(archive))
            vendor = "PostgreSQL" if postgres else "SQLite"
            print(f"backup/restore of the demo district ({options.teachers:,} teachers × "
                  f"{options.years} years) on {vendor}")  # fmt: skip
            for line in create_out.splitlines():
                print(f"  {line}")
            print(f"  create:  {create_s:6.1f} s wall (command included), archive "
                  f"{archive.stat().st_size / 1024 / 1024:.2f} MB")  # fmt: skip
            print(f"  restore: {restore_s:6.1f} s wall (command included), every table and "
                  "file checked against the manifest")  # fmt: skip
            print(f"  {restore_out.splitlines()[0]}")  # the engine's own time is in it
    finally:
        if made:
            import psycopg

            with psycopg.connect(server, autocommit=True) as admin:
                for name in made:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
