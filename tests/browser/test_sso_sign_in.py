"""In Chromium: a teacher signs in to Lattice through a real OpenID Connect provider running
on 127.0.0.1 (tests/accounts/sso_provider), and a stranger is refused."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lattice.accounts import actions
from lattice.accounts.actions import ProviderSettings
from lattice.accounts.models import IdentityProvider
from lattice.people import actions as people_actions
from tests.accounts.sso_provider import serve
from tests.cast import build_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the provider exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer: {log.read_text()[-2000:]}")


LABEL = "Northfield staff account"
PROVIDER_ID = "northfield-oidc-northfield-staff-account"  # what save_identity_provider names it


@pytest.fixture(scope="module")
def provider_process(live_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The identity provider, started once for this module; yields its issuer address."""
    folder = tmp_path_factory.mktemp("sso-provider")
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    callback = f"{live_server.url}/accounts/oidc/{PROVIDER_ID}/login/callback/"
    log = folder / "provider.log"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "SSO_PROVIDER_DIR": str(folder),
        "DJANGO_SETTINGS_MODULE": "tests.accounts.sso_provider.settings",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.accounts.sso_provider.serve", str(port), callback],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(f"{issuer}/.well-known/openid-configuration", process, log)
        yield issuer
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def sso(live_server: Any, provider_process: str) -> dict[str, Any]:
    """The cast, with Northfield signing in through the provider; Ada's roster id is N-ADA."""
    cast = build_cast()
    provider = actions.save_identity_provider(
        None,
        cast.district,
        ProviderSettings(
            kind=IdentityProvider.Kind.OIDC,
            label=LABEL,
            client_id=serve.CLIENT_ID,
            secret=serve.CLIENT_SECRET,
            server_url=provider_process,
            roster_claim="sourcedId",
        ),
    )
    assert provider.app.provider_id == PROVIDER_ID
    people_actions.save_staff_member(
        None, cast.district, employee_id=cast.teacher_staff.employee_id, sourced_id="N-ADA"
    )
    return {"cast": cast, "base": live_server.url}


def _sign_in_through_the_provider(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("button", name=LABEL).click()
    page.wait_for_url("http://127.0.0.1:*/**")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(serve.PASSWORD)
    # the identity provider's own page (stock allauth, not Lattice's words)
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_load_state()


def test_a_teacher_signs_in_through_the_districts_provider(sso: dict[str, Any], shot_page: Any):
    _sign_in_through_the_provider(shot_page, sso["base"], "ada.sso")
    assert shot_page.url == f"{sso['base']}/me/"
    assert "Ada" in shot_page.locator("h1").first.inner_text()


def test_a_stranger_is_refused_with_a_clear_page(sso: dict[str, Any], shot_page: Any):
    _sign_in_through_the_provider(shot_page, sso["base"], "stranger.sso")
    assert shot_page.url == f"{sso['base']}/accounts/sign-in/refused/"
    assert shot_page.locator("h1").inner_text() == "Lattice could not sign you in"
    assert "nobody on its Lattice staff roster" in shot_page.content()
