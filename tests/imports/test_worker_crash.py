"""Killing the task worker mid-import: the run does not stay "Applying…" forever.

A real ``manage.py db_worker`` process applies a 10,000-person roster; the test kills it with
SIGKILL while the run is applying. Once the run's lease expires it is marked failed with a
plain message (nothing was written: applying is one transaction), and the officer's retry
applies it with a new worker. SQLite runs in its own database file; PostgreSQL in the test
database (committed rows, so the worker sees them).
"""

from __future__ import annotations

import csv
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from lattice.imports.columns import ROLES_12, SESSIONS_12, USERS_12
from tests.imports.files import ORGS_HEADER
from tests.migrated import copy_migrated_sqlite

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
STAFF = 10_000
LEASE_SECONDS = 2


def _package(folder: Path) -> None:
    folder.mkdir(parents=True)

    def write(name: str, header: list[str], rows: Any) -> None:
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(header)
            out.writerows(rows)

    write(
        "manifest.csv",
        ["propertyName", "value"],
        [["manifest.version", "1.0"], ["oneroster.version", "1.2"], ["file.users", "bulk"]],
    )
    write(
        "orgs.csv",
        ORGS_HEADER,
        [["d-crash", "", "", "Crash County", "district", "crash", ""]]
        + [[f"s-{n}", "", "", f"School {n}", "school", f"s{n}", "d-crash"] for n in range(20)],
    )
    write(
        "academicSessions.csv",
        SESSIONS_12,
        [["sy", "", "", "2025-26", "schoolYear", "2025-07-01", "2026-06-30", "", "2026"]],
    )
    blank = [""] * len(USERS_12)
    users = []
    for n in range(STAFF):
        row = list(blank)
        row[0], row[3], row[6], row[7], row[9] = f"u-{n}", "true", f"G{n}", f"F{n}", f"E{n}"
        users.append(row)
    write("users.csv", USERS_12, users)
    write(
        "roles.csv",
        ROLES_12,
        [
            [f"r-{n}", "", "", f"u-{n}", "primary", "teacher", "", "", f"s-{n % 20}", ""]
            for n in range(STAFF)
        ],
    )


SETUP = """
from pathlib import Path
from django.conf import settings
from lattice.imports import actions, lifecycle
from lattice.imports.models import ImportRun
from lattice.imports.tasks import apply_run, build_plan
from lattice.people import actions as people
district = people.create_district(None, key="crash", name="Crash County")
run = actions.create_run(None, kind="oneroster", district=district, origin="web",
                         file_names=["roster"], storage="imports/crash")
plan = build_plan(run)
assert not plan.errors, [str(e) for e in plan.errors][:5]
actions.store_preview(run, plan)
lifecycle.queue_apply(None, run, None)
apply_run.enqueue(run.pk, None)
print(run.pk)
"""
RETRY = """
from lattice.imports import actions
from lattice.imports.models import ImportRun
from lattice.imports.tasks import apply_run
run = ImportRun.objects.get(pk={pk})
print(actions.retry_run(None, run))
apply_run.enqueue(run.pk, None)
"""
REAP = "from lattice.imports import actions; print(actions.reap())"


class World:
    def __init__(self, tmp_path: Path) -> None:
        self.var = tmp_path / "var"
        self.env = {
            **os.environ,
            "SECRET_KEY": secrets.token_urlsafe(40),
            "LATTICE_VAR_DIR": str(self.var),
            "LATTICE_JOB_LEASE_SECONDS": str(LEASE_SECONDS),
            "DJANGO_SETTINGS_MODULE": "lattice.settings",
        }
        self.env.pop("DEBUG", None)
        self.env.pop("LATTICE_TASKS_IMMEDIATE", None)
        self.sqlite = connection.vendor == "sqlite"
        if self.sqlite:
            self.env.pop("DATABASE_URL", None)
            copy_migrated_sqlite(self.var)
        else:
            s = connection.settings_dict
            self.env["DATABASE_URL"] = (
                f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
            )
        _package(self.var / "private" / "imports" / "crash")

    def manage(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert not check or done.returncode == 0, done.stdout + done.stderr
        return done.stdout.strip()

    def shell(self, code: str) -> str:
        return self.manage("shell", "-c", code).splitlines()[-1]

    def worker(self, *extra: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "db_worker",
                "--no-reload",
                "--interval",
                "0.2",
                *extra,
            ],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def query(self, sql: str) -> Any:
        if self.sqlite:
            with sqlite3.connect(self.var / "lattice.sqlite3", timeout=30) as db:
                return db.execute(sql).fetchone()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()

    def run_row(self, pk: int) -> tuple[str, str, str]:
        return self.query(
            f"SELECT status, message, failed_during FROM imports_importrun WHERE id = {pk}"
        )

    def staff(self) -> int:
        return self.query(
            "SELECT COUNT(*) FROM people_staffmember s JOIN people_district d "
            "ON s.district_id = d.id WHERE d.key = 'crash'"
        )[0]


def _wait(predicate: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_worker_killed_mid_apply_leaves_a_failed_run_the_officer_can_retry(tmp_path):
    world = World(tmp_path)
    pk = int(world.shell(SETUP))
    worker = world.worker()
    try:
        _wait(lambda: world.run_row(pk)[0] == "applying", 120, "the worker to start applying")
        time.sleep(0.3)  # well inside the one-transaction write
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    status, _, _ = world.run_row(pk)
    assert status == "applying"  # what the page showed forever before
    assert world.staff() == 0  # the transaction died with the worker
    time.sleep(LEASE_SECONDS + 0.5)
    assert world.shell(REAP) == f"[{pk}]"
    status, message, failed_during = world.run_row(pk)
    assert (status, failed_during) == ("failed", "apply")
    assert message == (
        "The background worker stopped while applying this import (the server was restarted "
        "or crashed). Applying is one transaction, so nothing was written. Try again."
    )
    assert world.shell(RETRY.format(pk=pk)) == "apply"
    retry = world.worker("--batch")
    assert retry.wait(timeout=240) == 0
    assert world.run_row(pk)[0] == "applied"
    assert world.staff() == STAFF
