"""Schemathesis runs every operation of the committed OpenAPI schema against the app, with a
token holding every scope: no server error, every response matches the schema (status
codes, content types, bodies), and requests that break the schema are refused. A bounded
number of examples per operation keeps it quick."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from lattice.wsgi import application
from tests.api.tokens import token_secret
from tests.cast import Cast

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"

schema = schemathesis.openapi.from_path(str(SCHEMA))
schema.app = application


@pytest.fixture(autouse=True)
def _connection_kept_across_requests() -> Any:
    """Calls go straight to the WSGI app, whose request signals would close the test's
    database connection (and its transaction); Django's own test client unhooks them too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def secret(once_cast: Cast) -> str:
    return token_secret(once_cast, "officer")


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_schema(case: Any, secret: str) -> None:
    # Cursors are opaque: a string the schema allows may still be no cursor the API gave,
    # and is rightly refused (400), so "every schema-valid request is accepted" cannot hold.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {secret}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
