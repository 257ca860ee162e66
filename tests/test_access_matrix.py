"""Every URL × every persona: allowed or denied, as each app's ``access_rows.py`` says.

Every GET that answers 200 stays within its page's query budget (tests/query_budgets.py).

Rows come from every ``tests/*/access_rows.py`` module, so a new app's rows join by existing.
A completeness test walks the project's URL resolver and fails for any named URL without a
row (the Django admin's own pages are covered by the single ``admin:index`` row).
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from tests import query_budgets
from tests.access import Row
from tests.accounts.world import sso_world
from tests.api.world import world as api_world
from tests.cast import AWAITING_CODE, PERSONAS, Cast, build_cast
from tests.coaching.world import world as coaching_world
from tests.councils.cabinet_world import world as cabinet_world
from tests.councils.world import world as councils_world
from tests.network.world import world as network_world
from tests.pathways.world import w as pathways_world
from tests.recognition.world import world as recognition_world
from tests.roles.world import world as roles_world

TESTS_DIR = Path(__file__).resolve().parent
LOGIN_URL = "/accounts/login/"
CODE_STEP_URL = "/accounts/2fa/reauthenticate/"


def collect_rows() -> list[Row]:
    rows: list[Row] = []
    for module_path in sorted(TESTS_DIR.glob("*/access_rows.py")):
        module = importlib.import_module(f"tests.{module_path.parent.name}.access_rows")
        rows.extend(module.ROWS)
    return rows


ROWS = collect_rows()

# Each app's world (the data its rows' URLs are made of), built once for a run of that app's
# cases rather than once per case: a world rebuilt for each of the thousands of cases was most
# of the matrix's run time. Every world function caches its world on the cast it is given; a
# row that needs another app's world still builds it in its own case.
GROUP_WORLDS: dict[str, tuple[Callable[[Cast], Any], ...]] = {
    "roles": (roles_world,),
    "pathways": (pathways_world,),
    "councils": (councils_world, cabinet_world),
    "coaching": (coaching_world,),
    "recognition": (recognition_world,),
    "network": (network_world,),
    "api": (api_world,),
    "accounts": (sso_world,),
}


class SharedCast:
    """The cast built once per module, and the current app's world on a copy of it.

    The worlds live in a savepoint above the module's transaction; when the cases move on to
    another app's rows, the savepoint is rolled back and the next app's world is built."""

    def __init__(self, base: Cast) -> None:
        self.base = base
        self.group: str | None = None
        self.pristine = base
        self.savepoint: str | None = None

    def for_group(self, group: str) -> Cast:
        if group != self.group:
            if self.savepoint is not None:
                transaction.savepoint_rollback(self.savepoint)
            self.savepoint = transaction.savepoint()
            self.pristine = copy.deepcopy(self.base)
            for build in GROUP_WORLDS.get(group, ()):
                build(self.pristine)
            self.group = group
        return self.pristine


@pytest.fixture(scope="module")
def matrix_cast(django_db_setup: Any, django_db_blocker: Any) -> Iterator[SharedCast]:
    """The cast, built once for this module inside a transaction rolled back at its end.

    Each case still runs in its own savepoint (the ``db`` fixture), so a POST in one case
    cannot leak into the next; building the cast once saves most of the matrix's run time.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield SharedCast(build_cast())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def group_cast(
    request: pytest.FixtureRequest, matrix_cast: SharedCast, django_db_blocker: Any
) -> Cast:
    """The cast with this case's app's world, set up before the case's own savepoint."""
    row: Row = request.node.callspec.params["row"]
    with django_db_blocker.unblock():
        return matrix_cast.for_group(row.name.split(":")[0])


@pytest.fixture
def cast(group_cast: Cast, db: Any) -> Cast:
    # A deep copy per case: what a case changes on the Python objects never reaches the next,
    # and what it writes is rolled back with its savepoint.
    return copy.deepcopy(group_cast)


def _row_id(row: Row) -> str:
    case = row.extra.get("case")
    return f"{row.name}~{case}" if case else row.name


def _cases() -> list[Any]:
    cases = []
    for row in ROWS:
        personas = list(PERSONAS)
        if "superuser" in row.extra or "superuser" in row.allowed:
            personas.append("superuser")
        for persona in personas:
            cases.append(pytest.param(row, persona, id=f"{_row_id(row)}[{persona}]"))
    return cases


def expected_status(row: Row, persona: str) -> int:
    if persona == AWAITING_CODE:
        # Deny by default: only the pages that name the status stay open before the code.
        return row.extra.get("awaiting_code", 302)
    if persona == "anonymous":
        return row.extra.get("anonymous_status", row.ok_status) if row.public else 302
    if persona in row.extra.get("status_for", {}):
        return int(row.extra["status_for"][persona])
    if persona == "superuser":
        allowed = row.extra.get("superuser", "superuser" in row.allowed)
        return row.ok_status if allowed else row.denied_status
    return row.ok_status if persona in row.allowed else row.denied_status


@pytest.mark.parametrize(("row", "persona"), _cases())
def test_access(row: Row, persona: str, cast: Any, client_for: Any) -> None:
    client = client_for(persona)
    url = row.url(cast)
    data = row.data(cast) if row.data else {}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data) if row.method == "POST" else client.get(url, data)
    expected = expected_status(row, persona)
    assert response.status_code == expected, (
        f"{persona} {row.method} {url}: got {response.status_code}, expected {expected}"
    )
    if row.method == "GET" and response.status_code == 200:
        query_budgets.check(url, len(queries.captured_queries), f"for {persona}")
    if persona == "anonymous" and not row.public:
        login_url = row.extra.get("login_url", LOGIN_URL)
        assert response["Location"].startswith(login_url), response["Location"]
    if persona == AWAITING_CODE and "awaiting_code" not in row.extra:
        assert response["Location"].startswith(CODE_STEP_URL), response["Location"]


def named_urls(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    """Every named URL of the project as ``namespace:name``, walking includes recursively."""
    resolver = resolver or get_resolver()
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            names |= named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_named_url_has_a_row() -> None:
    covered = {row.name for row in ROWS}
    missing = sorted(
        name
        for name in named_urls()
        if not name.startswith("admin:") and not name.startswith("django") and name not in covered
    )
    assert not missing, f"URLs without an access-matrix row: {missing}"


def test_the_admin_has_a_row() -> None:
    assert "admin:index" in {row.name for row in ROWS}


def test_every_row_names_a_real_url() -> None:
    assert {row.name for row in ROWS} <= named_urls()


def test_every_query_budget_names_a_real_url() -> None:
    assert set(query_budgets.BUDGETS) <= named_urls() | {"admin:index"}
