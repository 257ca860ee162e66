"""SQLite gets the same locking options whether it is the default or named by DATABASE_URL.

Without them, two requests that read and then write at the same time fail with "database is
locked" (the probe saw 4 of 24 parallel approvals answer 500 on gunicorn -w 2).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from lattice.lib.env import SQLITE_OPTIONS, database_from_url

ROOT = Path(__file__).resolve().parents[2]


def test_a_sqlite_database_url_gets_the_default_paths_locking_options(tmp_path):
    from_url = database_from_url(f"sqlite://{tmp_path}/lattice.sqlite3", tmp_path / "unused")
    default = database_from_url("", tmp_path / "lattice.sqlite3")
    assert from_url["OPTIONS"] == default["OPTIONS"] == SQLITE_OPTIONS
    assert SQLITE_OPTIONS == {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
    assert from_url["NAME"] == tmp_path / "lattice.sqlite3"


def test_a_sqlite_file_keeps_a_write_ahead_log_synced_at_checkpoints(tmp_path):
    """Every signed-in page saves its session: a commit appends to the log, with no flush of
    the disk per page."""
    import sqlite3

    path = tmp_path / "wal.sqlite3"
    options = database_from_url("", path)["OPTIONS"]
    connection = sqlite3.connect(path)
    for statement in str(options["init_command"]).split(";"):  # type: ignore[index]
        connection.execute(statement)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    connection.close()


def test_two_configurations_never_share_one_options_dict(tmp_path):
    first = database_from_url("", tmp_path / "a.sqlite3")
    first["OPTIONS"]["timeout"] = 1  # type: ignore[index]
    assert database_from_url("", tmp_path / "b.sqlite3")["OPTIONS"] == SQLITE_OPTIONS


# Each process reads, waits until both have read, then writes: with SQLite's default deferred
# transactions the second writer cannot upgrade its lock and fails at once ("database is
# locked", no timeout helps); with BEGIN IMMEDIATE the second simply waits its turn.
WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    import django
    django.setup()
    from django.db import connection, transaction
    barrier = Path(sys.argv[1])
    with transaction.atomic():
        with connection.cursor() as c:
            c.execute("SELECT count(*) FROM approvals")
            barrier.joinpath(str(os.getpid())).touch()
            deadline = time.monotonic() + 2
            while len(list(barrier.iterdir())) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
            c.execute("INSERT INTO approvals (who) VALUES (%s)", [os.getpid()])
    print("wrote")
    """
)


def test_parallel_read_then_write_transactions_on_a_database_url_all_succeed(tmp_path):
    database = tmp_path / "lattice.sqlite3"
    import sqlite3

    with sqlite3.connect(database) as setup:
        setup.execute("CREATE TABLE approvals (who INTEGER)")
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "1",
        "LATTICE_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "lattice.settings",
        "DATABASE_URL": f"sqlite://{database}",
    }
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(barrier)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outcomes = [w.communicate(timeout=60) for w in writers]
    for writer, (out, err) in zip(writers, outcomes, strict=True):
        assert writer.returncode == 0, err
        assert out.strip() == "wrote"
        assert "database is locked" not in err
    with sqlite3.connect(database) as check:
        assert check.execute("SELECT count(*) FROM approvals").fetchone() == (2,)
