"""Every page carries a strict Content-Security-Policy and a Permissions-Policy, and every page
behind the log-in tells browsers and proxies not to keep it (Cache-Control: no-store); no
template holds an inline script, a style attribute or an event-handler attribute."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests import test_access_matrix
from tests.access import Row
from tests.test_access_matrix import ROWS

# The access matrix's cast, built once for the module (each case runs in its own savepoint).
matrix_cast = test_access_matrix.matrix_cast
group_cast = test_access_matrix.group_cast
cast = test_access_matrix.cast

LATTICE = Path(__file__).resolve().parents[2] / "lattice"
DOWNLOADS = {"imports:errors", "imports:file", "imports:hr-template", "forecasts:csv",
             "forecasts:xlsx", "pathways:evidence", "roles:evidence"}  # fmt: skip


def _first_allowed(row: Row) -> str | None:
    return next(iter(sorted(row.allowed)), None)


PAGES = [
    pytest.param(row, id=f"{row.name}~{row.extra.get('case', '')}")
    for row in ROWS
    if row.method == "GET" and row.ok_status == 200 and not row.public and _first_allowed(row)
]


@pytest.mark.parametrize("row", PAGES)
def test_every_signed_in_page_is_not_stored_and_carries_the_policies(
    row: Row, cast: Any, client_for: Any
) -> None:
    persona = _first_allowed(row)
    response = client_for(persona).get(row.url(cast), row.data(cast) if row.data else {})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]
    if row.name not in DOWNLOADS:
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "'unsafe-inline'" not in policy
        assert "'unsafe-eval'" not in policy
        assert "frame-ancestors 'none'" in policy


def test_the_log_in_page_carries_the_policies_too(client: Any, db: Any) -> None:
    response = client.get("/accounts/login/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_passkeys_stay_usable_on_lattices_own_pages(client: Any, db: Any) -> None:
    # The log-in page asks for a passkey and the passkey page creates one; a feature switched
    # off with "()" fails both in the browser with NotAllowedError.
    policy = client.get("/accounts/login/")["Permissions-Policy"]
    assert "publickey-credentials-get=(self)" in policy
    assert "publickey-credentials-create=(self)" in policy


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle=", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"<[^>]*\son[a-z]+=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)


@pytest.mark.parametrize("template", sorted(LATTICE.rglob("templates/**/*.html")), ids=str)
def test_no_template_has_inline_script_or_style(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    for pattern in (INLINE_SCRIPT, STYLE_ATTRIBUTE, HANDLER_ATTRIBUTE, STYLE_ELEMENT):
        found = pattern.search(text)
        assert found is None, f"{template.relative_to(LATTICE)}: {found.group(0)[:80]}"
