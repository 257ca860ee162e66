"""The API tests' cast: built once per module (inside a transaction rolled back at its end)
where a module only reads, as the access matrix does."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from tests.cast import Cast, build_cast


@pytest.fixture(scope="module")
def shared_cast(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Cast]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_cast()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def once_cast(shared_cast: Cast, db: Any) -> Cast:
    return copy.copy(shared_cast)
