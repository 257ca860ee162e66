"""Access-matrix rows for the people app's pages and the audit log (see tests/access.py).

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

from tests.access import EVERYONE_SIGNED_IN, Row, allow

TEACHERS = allow("teacher", "teacher_other_school", "reviewer")
PRINCIPALS = allow("principal", "other_principal")
OFFICERS = allow("officer", "other_officer")

SU = {"superuser": True}
NOT_SU = {"superuser": False}

ROWS = [
    # public pages
    Row(
        "people:healthz",
        lambda c: "/healthz",
        EVERYONE_SIGNED_IN,
        public=True,
        extra={"superuser": True, "awaiting_code": 200},
    ),
    # the landing page sends everyone to their persona's home
    Row("people:home", lambda c: "/", EVERYONE_SIGNED_IN, ok_status=302, extra=SU),
    # teacher home: anyone with their own staff record
    Row("people:me", lambda c: "/me/", TEACHERS | PRINCIPALS, extra=NOT_SU),
    # principal home: a school's staff list
    Row(
        "people:school",
        lambda c: f"/schools/{c.alder.pk}/",
        allow("principal", "officer"),
        extra=SU,
    ),
    Row(
        "people:school",
        lambda c: f"/schools/{c.birch.pk}/",
        allow("other_principal", "officer"),
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
        allow("teacher", "principal", "officer"),
        extra=SU,
    ),
    Row(
        "people:staff-detail",
        lambda c: f"/staff/{c.teacher_other_school_staff.pk}/",
        allow("teacher_other_school", "other_principal", "officer"),
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
        extra={"case": "principal", "superuser": True},
    ),
    # talent office
    Row("people:staff-list", lambda c: "/staff/", OFFICERS, extra=SU),
    Row("people:district", lambda c: "/district/", OFFICERS, extra=SU),
    Row("audit:log", lambda c: "/audit/", OFFICERS, extra=SU),
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
