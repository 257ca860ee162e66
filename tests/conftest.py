"""Shared fixtures: the persona cast and a client logged in as any persona."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from tests.cast import AWAITING_CODE, Cast, build_cast, sign_in


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` run first: the parallel workers take tests in collection order,
    and a long test drawn last keeps one worker busy while the other has finished.

    Within a module, the tests that do not use the persona cast run before those that do:
    the cast is built once per module (``module_cast``) and stays in the database until the
    module ends, so a test that never asked for it must not find it there. Each worker runs
    a subsequence of this order, so the rule holds on every worker."""
    first_of_module: dict[Any, int] = {}
    for index, item in enumerate(items):
        first_of_module.setdefault(item.getparent(pytest.Module), index)
    items.sort(
        key=lambda item: (
            item.get_closest_marker("slow") is None,
            first_of_module[item.getparent(pytest.Module)],
            "cast" in getattr(item, "fixturenames", ()),
        )
    )


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


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(marker.kwargs.get("transaction", marker.args[0] if marker.args else False))


@pytest.fixture(scope="module")
def module_cast(
    request: pytest.FixtureRequest, django_db_setup: Any, django_db_blocker: Any
) -> Iterator[Cast | None]:
    """The cast, built once for a test module inside a transaction rolled back at its end.

    Building the cast is ~0.2 s of database writes; most tests need it and change little, so
    a module's tests share one build. Each test still runs in its own savepoint (the ``db``
    fixture), so what a test writes is rolled back before the next. A module with a
    transactional test (real commits, a flush at its end) cannot sit inside a transaction:
    its tests build their own cast (``None`` here)."""
    module = request.node
    if any(
        _is_transactional(item)
        for item in request.session.items
        if item.getparent(pytest.Module) is module
    ):
        yield None
        return
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            shared = build_cast()
            # ``pytest.mark.shared_world.with_args(builder, ...)`` on a module: each builder
            # (a world function that caches its world on the cast) runs once here, inside the
            # module's transaction, so each test's deep copy of the cast carries the world.
            for marker in module.iter_markers("shared_world"):
                for build in marker.args:
                    build(shared)
            yield shared
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def cast(module_cast: Cast | None, db: Any) -> Cast:
    """The persona cast: the module's shared build, deep-copied so that what one test changes
    on the Python objects (a field set, a cached relation) never reaches the next; what it
    writes to the database is rolled back with its savepoint."""
    if module_cast is None:
        return build_cast()
    return copy.deepcopy(module_cast)


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
