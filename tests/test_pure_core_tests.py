"""The pure core's tests reach no database, so the PostgreSQL stage of `make test` may skip them.

`lattice/rules` and `lattice/forecast` import no Django (the import-linter contract), and
pytest-django refuses database access to a test that did not ask for it; a test asks through a
``django_db`` mark or a database fixture. None under tests/rules or tests/forecast may, or the
Makefile's ``PURE_CORE_TESTS`` would hide it from PostgreSQL.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PURE_CORE_TESTS = ("tests/rules", "tests/forecast")
ASKS_FOR_A_DATABASE = re.compile(
    r"django_db|\b(db|transactional_db|django_db_setup|live_server|client|admin_client|cast"
    r"|client_for)\b\s*[:,)]"
)


def test_the_makefile_skips_on_postgresql_only_the_pure_core_tests() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"PURE_CORE_TESTS := {' '.join(PURE_CORE_TESTS)}\n" in makefile


def test_no_pure_core_test_asks_for_a_database() -> None:
    asking = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in PURE_CORE_TESTS
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ASKS_FOR_A_DATABASE.search(line)
    ]
    assert not asking, "\n".join(asking)
