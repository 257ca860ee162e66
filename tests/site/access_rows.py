"""Access-matrix rows for the site shell: the landing page and the health check (see
tests/access.py and the ``extra`` keys described in tests/people/access_rows.py)."""

from __future__ import annotations

from tests.access import EVERYONE_SIGNED_IN, Row

SU = {"superuser": True}

ROWS = [
    # public pages
    Row(
        "site:healthz",
        lambda c: "/healthz",
        EVERYONE_SIGNED_IN,
        public=True,
        extra={"superuser": True, "awaiting_code": 200},
    ),
    # the landing page sends everyone to their persona's home
    Row("site:home", lambda c: "/", EVERYONE_SIGNED_IN, ok_status=302, extra=SU),
]
