"""Access-matrix rows for the notifications app: every signed-in person has their own list
and their own settings, and reads nobody else's (the pages take no id)."""

from __future__ import annotations

from tests.access import EVERYONE_SIGNED_IN, Row

SU = {"superuser": True}

ROWS = [
    Row("notifications:list", lambda c: "/notifications/", EVERYONE_SIGNED_IN, extra=SU),
    Row(
        "notifications:list",
        lambda c: "/notifications/",
        EVERYONE_SIGNED_IN,
        method="POST",
        data=lambda c: {},
        ok_status=302,
        extra={"superuser": True, "case": "mark read"},
    ),
    Row(
        "notifications:preferences",
        lambda c: "/notifications/settings/",
        EVERYONE_SIGNED_IN,
        extra=SU,
    ),
    Row(
        "notifications:preferences",
        lambda c: "/notifications/settings/",
        EVERYONE_SIGNED_IN,
        method="POST",
        data=lambda c: {"delivery": "daily"},
        ok_status=302,
        extra={"superuser": True, "case": "choose"},
    ),
]
