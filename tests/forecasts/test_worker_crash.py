"""Killing the task worker mid-forecast: another worker starts the run again and finishes it.

A real ``manage.py db_worker`` process runs a forecast of 5,000 synthetic teachers; the test
kills it with SIGKILL once the run has reported progress. Once the run's lease expires,
``restart_orphans`` (what the pages and the periodic job call) puts it back in the queue, a new
worker runs it from the beginning, and the result equals an uninterrupted run's: a forecast
depends only on its inputs and seed. SQLite runs in its own database file; PostgreSQL in the
test database (committed rows, so the worker sees them).
"""

from __future__ import annotations

import json
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

from tests.migrated import copy_migrated_sqlite

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 2
INPUTS = {
    "policy": "shipped:baltimore-2010",
    "vs": "shipped:step-and-lane-pwcs-2020",
    "workforce": "synthetic",
    "teachers": 5_000,
    "years": 10,
    "runs": 100,
    "seed": 7,
    "assumptions": {},
}
SETUP = f"""
from lattice.forecasts import actions
from lattice.forecasts.tasks import run_forecast
from lattice.people import actions as people
from lattice.people.models import District
district = (District.objects.filter(key="crash").first()
            or people.create_district(None, key="crash", name="Crash County"))
run = actions.request_forecast(None, district, "Crash test", {INPUTS!r})
run_forecast.enqueue(run.pk)
print(run.pk)
"""
RESTART = "from lattice.forecasts.tasks import restart_orphans; print(restart_orphans())"


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

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
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

    def run_row(self, pk: int) -> tuple[Any, ...]:
        sql = (
            "SELECT status, progress, attempts, message, result FROM forecasts_forecastrun "
            f"WHERE id = {pk}"
        )
        if self.sqlite:
            with sqlite3.connect(self.var / "lattice.sqlite3", timeout=30) as db:
                return tuple(db.execute(sql).fetchone())
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return tuple(cursor.fetchone())


def _wait(predicate: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _result(raw: Any) -> dict[str, Any]:
    return raw if isinstance(raw, dict) else json.loads(raw)


def test_a_worker_killed_mid_forecast_hands_the_run_to_another_worker(tmp_path):
    world = World(tmp_path)
    pk = int(world.shell(SETUP))
    worker = world.worker()
    try:
        _wait(
            lambda: world.run_row(pk)[0] == "running" and world.run_row(pk)[1] > 0.05,
            120,
            "the worker to report progress",
        )
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    status, progress, attempts, _, result = world.run_row(pk)
    assert (status, attempts, result) == ("running", 1, None)  # what the page showed forever
    assert 0.05 < progress < 1.0
    time.sleep(LEASE_SECONDS + 0.5)
    assert world.shell(RESTART) == f"[{pk}]"
    status, progress, attempts, message, _ = world.run_row(pk)
    assert (status, attempts) == ("queued", 1)
    assert message.startswith("The background worker stopped while running this forecast")
    second = world.worker("--batch")
    assert second.wait(timeout=240) == 0
    status, progress, attempts, _, result = world.run_row(pk)
    assert (status, progress, attempts) == ("done", 1.0, 2)
    # the same inputs and seed, uninterrupted, in this process: the same result
    again = int(world.shell(SETUP))
    assert world.worker("--batch").wait(timeout=240) == 0
    uninterrupted = world.run_row(again)
    assert uninterrupted[0] == "done"
    assert _result(result)["policies"] == _result(uninterrupted[4])["policies"]
