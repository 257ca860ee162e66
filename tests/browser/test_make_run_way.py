"""Start Lattice the way `make run` does, then log in as every demo persona in Chromium.

Contract with `lattice run` (lattice/cli/run.py): `lattice run --host H --port P [--teachers N]`
migrates the SQLite database under $LATTICE_VAR_DIR, loads the demo district when empty,
starts the task worker and the web server; `lattice users --json` prints
`[{"persona", "username", "password", "home"}, ...]`.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import enter_code_if_asked, save_failure_screenshot

ROOT = Path(__file__).resolve().parents[2]
LATTICE = Path(sys.executable).with_name("lattice")

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 300) -> None:
    """Wait for the server; a fresh machine migrates and loads the demo first (about a minute
    idle, several on a loaded two-core machine), so the wait is long and says what it saw."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"`lattice run` exited early with code {process.returncode}: "
                f"{log.read_text(errors='replace')[-2000:]}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(
        f"{url} did not answer within {seconds:.0f} s: {log.read_text(errors='replace')[-2000:]}"
    )


@pytest.fixture
def running_app(tmp_path: Path) -> Iterator[dict[str, Any]]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    # the app's own settings, not the test settings pytest runs under
    env |= {
        "LATTICE_VAR_DIR": str(tmp_path / "var"),
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "lattice.settings",
    }
    port = _free_port()
    log = (tmp_path / "run.log").open("wb")
    process = subprocess.Popen(
        [str(LATTICE), "run", "--host", "127.0.0.1", "--port", str(port), "--teachers", "80"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/healthz", process, tmp_path / "run.log")
        users = json.loads(
            subprocess.run(
                [str(LATTICE), "users", "--json"],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                timeout=60,
            ).stdout
        )
        yield {"base": base, "users": users, "log": tmp_path / "run.log"}
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


def test_make_run_way(
    running_app: dict[str, Any], browser: Any, request: pytest.FixtureRequest
) -> None:
    base, users = running_app["base"], running_app["users"]
    assert {u["persona"] for u in users} >= {"teacher", "principal", "officer", "network"}
    for login in users:
        context = browser.new_context()
        page = context.new_page()
        try:
            page.goto(f"{base}/accounts/login/")
            page.get_by_label("Username").fill(login["username"])
            page.get_by_label("Password").fill(login["password"])
            page.get_by_role("button", name="Log in", exact=True).click()
            page.wait_for_load_state()
            if login.get("two_factor_key"):
                enter_code_if_asked(page, login["two_factor_key"])
            assert page.url == f"{base}{login['home']}", login["persona"]
            assert page.locator("h1").first.inner_text().strip(), login["persona"]
        except AssertionError:
            request.node.rep_call = type("Failed", (), {"failed": True})()
            save_failure_screenshot(request, page, suffix=f"-{login['persona']}")
            raise
        finally:
            context.close()
