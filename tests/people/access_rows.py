"""Access-matrix rows for the people app's pages and the audit log (see tests/access.py).
The landing page and the health check are the site shell's (tests/site/access_rows.py).

``extra`` keys the matrix understands: ``case`` (a short name when one URL has several rows),
``superuser`` (True/False: whether the superuser is allowed; absent: not checked),
``anonymous_status`` (what a signed-out visitor gets on a public page), ``login_url``
(where a signed-out visitor is sent, when it is not Lattice's own log-in page) and
``awaiting_code`` (the status a session that has not entered its second factor gets, on the
few pages that stay open to it; every other page sends it to the code step).

The log-in, log-out, password and two-factor pages are the accounts app's
(tests/accounts/access_rows.py).
"""

from __future__ import annotations

from tests.access import Row, allow

TEACHERS = allow("teacher", "teacher_other_school", "reviewer")
PRINCIPALS = allow("principal", "other_principal", "moved_principal")
OFFICERS = allow("officer", "other_officer")

SU = {"superuser": True}
NOT_SU = {"superuser": False}

ROWS = [
    # teacher home: anyone with their own staff record
    Row("people:me", lambda c: "/me/", TEACHERS | PRINCIPALS, extra=NOT_SU),
    # principal home: a school's staff list
    Row(
        "people:school",
        lambda c: f"/schools/{c.alder.pk}/",
        allow("principal", "officer", "moved_principal"),
        note="Mo led Alder in 2024-25: she sees that year's list only",
        extra=SU,
    ),
    Row(
        "people:school",
        lambda c: f"/schools/{c.birch.pk}/",
        allow("other_principal", "officer", "moved_principal"),
        extra={"case": "birch", "superuser": True},
    ),
    Row(
        "people:school",
        lambda c: f"/schools/{c.harbor.pk}/",
        allow("other_officer"),
        extra={"case": "other-district", "superuser": True},
    ),
    Row(
        "people:school",
        lambda c: "/schools/999999/",
        allow(),
        extra={"case": "missing", "superuser": False},
    ),
    # a person's page
    Row(
        "people:staff-detail",
        lambda c: f"/staff/{c.teacher_staff.pk}/",
        allow("teacher", "principal", "officer", "moved_principal"),
        note="Ada taught at Alder in 2024-25, when Mo led it",
        extra=SU,
    ),
    Row(
        "people:staff-detail",
        lambda c: f"/staff/{c.teacher_other_school_staff.pk}/",
        allow("teacher_other_school", "other_principal", "officer", "moved_principal"),
        extra={"case": "other-school", "superuser": True},
    ),
    Row(
        "people:staff-detail",
        lambda c: f"/staff/{c.other_district_teacher_staff.pk}/",
        allow("other_officer"),
        extra={"case": "other-district", "superuser": True},
    ),
    Row(
        "people:staff-detail",
        lambda c: f"/staff/{c.principal_staff.pk}/",
        allow("principal", "officer"),
        note="Pat arrived at Alder in 2025-26, after Mo left: she never led him",
        extra={"case": "principal", "superuser": True},
    ),
    Row(
        "people:staff-detail",
        lambda c: f"/staff/{c.moved_principal_staff.pk}/",
        allow("moved_principal", "other_principal", "officer"),
        note="Olive co-leads Birch with Mo this year; Pat never worked with her",
        extra={"case": "moved-principal", "superuser": True},
    ),
    # talent office
    Row("people:staff-list", lambda c: "/staff/", OFFICERS, extra=SU),
    Row("people:district", lambda c: "/district/", OFFICERS, extra=SU),
    Row("people:audit-log", lambda c: "/audit/", OFFICERS, extra=SU),
    # network office
    Row("people:network", lambda c: "/network/", allow("network_officer"), extra=SU),
    # the Django admin: superusers only; everyone else is sent to the admin's log-in page
    Row(
        "admin:index",
        lambda c: "/admin/",
        allow(),
        denied_status=302,
        extra={"superuser": True, "login_url": "/admin/login/"},
    ),
]
