"""`lattice run`: the steps before serving, and the real thing in a subprocess."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from django.test import override_settings

from lattice.cli import main
from lattice.cli.run import check_port_free, prepare, static_files_needed
from lattice.people.models import StaffMember
from tests.migrated import copy_migrated_sqlite

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_prepare_loads_the_demo_once_and_reuses_it_after() -> None:
    lines: list[str] = []
    prepare(teachers=60, echo=lines.append)
    count = StaffMember.objects.count()
    assert count > 60
    prepare(teachers=60, echo=lines.append)
    assert StaffMember.objects.count() == count
    assert any("reusing them (no data added)" in line for line in lines)


@pytest.mark.django_db
def test_prepare_only_prints_the_log_ins_and_exits() -> None:
    result = CliRunner().invoke(main, ["run", "--prepare-only", "--teachers", "60"])
    assert result.exit_code == 0, result.output
    assert "lattice-demo" in result.output
    assert "Lattice is running" not in result.output


def test_static_files_are_collected_only_without_debug() -> None:
    with override_settings(DEBUG=True):
        assert not static_files_needed()
    with override_settings(DEBUG=False):
        assert static_files_needed()


def test_a_busy_port_is_reported_with_the_fix() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(click.ClickException, match=f"--port {port + 1}"):
            check_port_free("127.0.0.1", port)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow
def test_lattice_run_serves_and_stops_its_worker_and_server(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DEBUG="1", LATTICE_VAR_DIR=str(tmp_path / "var"), DJANGO_SETTINGS_MODULE="lattice.settings"
    )
    # A migrated database, as the first `lattice run` leaves it (the fresh-folder path, migrations
    # included, is the browser test of `make run`'s way).
    copy_migrated_sqlite(tmp_path / "var")
    log = (tmp_path / "run.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "lattice", "run", "--port", str(port), "--teachers", "60"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while "Lattice is running" not in (tmp_path / "run.log").read_text():
            assert process.poll() is None, (tmp_path / "run.log").read_text()
            assert time.monotonic() < deadline, (tmp_path / "run.log").read_text()
            time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            assert json.load(response) == {"status": "ok"}
        output = (tmp_path / "run.log").read_text()
        assert f"Lattice is running at http://127.0.0.1:{port}" in output
        worker_pid = int(re.search(r"Background worker started \(pid (\d+)\)", output)[1])
        assert _alive(worker_pid)
        users = subprocess.run(
            [sys.executable, "-m", "lattice", "users", "--json"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert "teacher" in {row["persona"] for row in json.loads(users.stdout)}
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
    deadline = time.monotonic() + 10
    while _alive(worker_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(worker_pid)
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
