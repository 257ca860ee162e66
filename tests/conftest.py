"""Shared fixtures: the persona cast and a client logged in as any persona."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.cast import Cast, build_cast


@pytest.fixture(autouse=True, scope="session")
def _private_files_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded evidence and import files written by tests go to a throwaway folder, never
    to the developer's var/private."""
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("private")


@pytest.fixture
def cast(db: Any) -> Cast:
    return build_cast()


@pytest.fixture
def client_for(cast: Cast) -> Callable[[str], Client]:
    """A test client signed in as the named persona (``anonymous`` stays signed out)."""

    def make(persona: str) -> Client:
        client = Client()
        user = cast.user(persona)
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


# --- browser tests: Debian's Chromium driven by Playwright (no `playwright install`) ---------
import os  # noqa: E402

# Playwright's sync API runs an event loop in the main thread; the ORM in test bodies would
# otherwise raise SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
