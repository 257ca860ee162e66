"""Shared fixtures: the persona cast and a client logged in as any persona."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.cast import AWAITING_CODE, Cast, build_cast, sign_in


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` run first: the parallel workers take tests in collection order,
    and a long test drawn last keeps one worker busy while the other has finished."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True, scope="session")
def _private_files_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded evidence and import files written by tests go to a throwaway folder, never
    to the developer's var/private."""
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("private")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with an empty cache: allauth keeps rate limits and used two-factor
    codes there, and a code used in one test must not be "already used" in the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def cast(db: Any) -> Cast:
    return build_cast()


@pytest.fixture
def client_for(cast: Cast) -> Callable[[str], Client]:
    """A test client signed in as the named persona (``anonymous`` stays signed out).

    A persona with two-factor sign-in has entered its second factor in the session, except
    ``officer_awaiting_code``, which has entered only the password."""

    def make(persona: str) -> Client:
        # Browsers always send Host; allauth's SAML views read it.
        client = Client(HTTP_HOST="testserver")
        user = cast.user(persona)
        if user is not None:
            sign_in(client, user, second_factor=persona != AWAITING_CODE)
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
