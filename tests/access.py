"""The access matrix's row format: every URL × every persona, allowed or denied.

Each app lists its URLs in ``tests/<app>/access_rows.py`` as ``ROWS = [Row(...), ...]``;
``tests/test_access_matrix.py`` collects them all, checks each against every persona of the
cast, and fails when a named URL of the project has no row (so new pages must join).

Expectations per persona:
- in ``allowed``: the response has status ``ok_status`` (200 unless said otherwise);
- ``anonymous`` (when the page needs a log-in): a redirect to the log-in page;
- everyone else: 404 (``denied_status``), so existence does not leak.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.cast import Cast


@dataclass(frozen=True)
class Row:
    name: str  # URL name, e.g. "people:staff-detail"
    url: Callable[[Cast], str]  # builds the literal URL from the cast
    allowed: frozenset[str]  # personas that may use it
    method: str = "GET"
    data: Callable[[Cast], dict[str, Any]] | None = None  # POST body
    ok_status: int = 200
    denied_status: int = 404
    public: bool = False  # reachable without logging in (log-in page, health check)
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def allow(*personas: str) -> frozenset[str]:
    return frozenset(personas)


EVERYONE_SIGNED_IN = allow(
    "teacher",
    "teacher_other_school",
    "principal",
    "other_principal",
    "moved_principal",
    "officer",
    "other_officer",
    "network_officer",
    "reviewer",
)
