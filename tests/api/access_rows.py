"""Access-matrix rows for the API app: the talent office's token and webhook pages, and the
JSON endpoints as a signed-in session calls them (tokens are checked person by person in
tests/api/test_access.py).

The JSON endpoints answer an anonymous call 401 in problem details instead of a redirect to
the log-in page (``public`` with ``anonymous_status``); a session that has not entered its
second factor is sent to the code step like every page. A list answers 200 to every
signed-in persona — with only the rows that persona may see.
"""

from __future__ import annotations

from tests.access import EVERYONE_SIGNED_IN, Row, allow
from tests.api.world import world
from tests.councils.world import world as councils_world
from tests.pathways.world import w as pathways_world
from tests.recognition.world import world as recognition_world
from tests.roles.world import world as roles_world

OFFICERS = allow("officer", "other_officer")
SU = {"superuser": True}
JSON = {"superuser": True, "anonymous_status": 401}

ROWS = [
    Row("api:tokens", lambda c: "/api/tokens/", OFFICERS, extra=SU),
    Row(
        "api:token-revoke",
        lambda c: f"/api/tokens/{world(c).token.pk}/revoke/",
        allow("officer"),
        method="POST",
        ok_status=302,
        note="Southport's officer cannot revoke Northfield's token",
        extra=SU,
    ),
    Row("api:webhooks", lambda c: "/api/webhooks/", OFFICERS, extra=SU),
    Row(
        "api:webhook-toggle",
        lambda c: f"/api/webhooks/{world(c).subscription.pk}/toggle/",
        allow("officer"),
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row("api:staff-list", lambda c: "/api/v1/staff/", EVERYONE_SIGNED_IN, public=True, extra=JSON),
    Row(
        "api:staff-detail",
        lambda c: f"/api/v1/staff/{c.teacher_staff.pk}/",
        allow("teacher", "principal", "officer", "moved_principal"),
        public=True,
        note="as the person's page: Mo led Alder in 2024-25",
        extra=JSON,
    ),
    Row(
        "api:school-list", lambda c: "/api/v1/schools/", EVERYONE_SIGNED_IN, public=True, extra=JSON
    ),
    Row(
        "api:school-year-list",
        lambda c: "/api/v1/school-years/",
        EVERYONE_SIGNED_IN,
        public=True,
        extra=JSON,
    ),
    Row(
        "api:standing-list",
        lambda c: "/api/v1/standings/",
        EVERYONE_SIGNED_IN,
        public=True,
        extra=JSON,
    ),
    Row("api:payroll", lambda c: "/api/v1/payroll/", OFFICERS, public=True, extra=JSON),
    Row(
        "api:role-assignment-list",
        lambda c: "/api/v1/role-assignments/",
        EVERYONE_SIGNED_IN,
        public=True,
        extra=JSON,
    ),
    Row(
        "api:role-assignment-detail",
        lambda c: f"/api/v1/role-assignments/{roles_world(c).ada_held.pk}/",
        allow("teacher", "principal", "officer"),
        public=True,
        note="as the roles pages: Ada's own, her principal's school that year, the office",
        extra=JSON,
    ),
    Row("api:role-list", lambda c: "/api/v1/roles/", EVERYONE_SIGNED_IN, public=True, extra=JSON),
    Row(
        "api:role-detail",
        lambda c: f"/api/v1/roles/{roles_world(c).mentor.pk}/",
        allow(
            "teacher",
            "teacher_other_school",
            "principal",
            "other_principal",
            "moved_principal",
            "officer",
            "reviewer",
        ),
        public=True,
        note="as the catalogue page: an active role is open to its district's staff",
        extra=JSON,
    ),
    Row(
        "api:posting-list",
        lambda c: "/api/v1/postings/",
        EVERYONE_SIGNED_IN,
        public=True,
        extra=JSON,
    ),
    Row(
        "api:posting-detail",
        lambda c: f"/api/v1/postings/{roles_world(c).alder_posting.pk}/",
        allow("teacher", "principal", "officer", "reviewer"),
        public=True,
        note="as the posting's page: Alder's staff and principal this year, its panel",
        extra=JSON,
    ),
    Row(
        "api:audit-list",
        lambda c: "/api/v1/audit/",
        OFFICERS,
        public=True,
        note="as the audit log page: the talent office only",
        extra=JSON,
    ),
    Row(
        "api:import-list",
        lambda c: "/api/v1/imports/",
        EVERYONE_SIGNED_IN,
        public=True,
        note="only the talent office's list has rows",
        extra=JSON,
    ),
    Row(
        "api:import-detail",
        lambda c: f"/api/v1/imports/{world(c).import_run.pk}/",
        allow("officer"),
        public=True,
        note="as the import's page: its district's talent office",
        extra=JSON,
    ),
    Row(
        "api:import-hr",
        lambda c: "/api/v1/imports/hr/",
        EVERYONE_SIGNED_IN,
        ok_status=405,
        public=True,
        note="a GET is not allowed; HR rows are sent with tokens in tests/api/test_records.py",
        extra=JSON,
    ),
    Row(
        "api:import-oneroster",
        lambda c: "/api/v1/imports/oneroster/",
        EVERYONE_SIGNED_IN,
        ok_status=405,
        public=True,
        note="a GET is not allowed; uploads are sent with tokens in tests/api/test_starts.py",
        extra=JSON,
    ),
    Row(
        "api:import-apply",
        lambda c: f"/api/v1/imports/{world(c).import_run.pk}/apply/",
        EVERYONE_SIGNED_IN,
        ok_status=405,
        public=True,
        note="a GET is not allowed; applying is checked with tokens in tests/api/test_records.py",
        extra=JSON,
    ),
    Row(
        "api:forecast-list",
        lambda c: "/api/v1/forecasts/",
        EVERYONE_SIGNED_IN,
        public=True,
        note="only the talent office's list has rows; starts are sent with tokens in "
        "tests/api/test_starts.py",
        extra=JSON,
    ),
    Row(
        "api:forecast-detail",
        lambda c: f"/api/v1/forecasts/{world(c).forecast_run.pk}/",
        allow("officer"),
        public=True,
        note="as the forecast's page: its district's talent office",
        extra=JSON,
    ),
    Row(
        "api:decision-list",
        lambda c: "/api/v1/decisions/",
        EVERYONE_SIGNED_IN,
        public=True,
        note="with only the decisions of the bodies each persona may see",
        extra=JSON,
    ),
    Row(
        "api:decision-detail",
        lambda c: f"/api/v1/decisions/{councils_world(c).decision.pk}/",
        allow("teacher", "principal", "officer"),
        public=True,
        note="as the decision's page: Alder's council's, to Alder's staff and the office",
        extra=JSON,
    ),
    Row(
        "api:award-list",
        lambda c: "/api/v1/awards/",
        EVERYONE_SIGNED_IN,
        public=True,
        note="with only one's own awards, or the office's district's",
        extra=JSON,
    ),
    Row(
        "api:award-detail",
        lambda c: f"/api/v1/awards/{recognition_world(c).ada_award.pk}/",
        allow("teacher", "officer"),
        public=True,
        note="as the award's page: Ada's own, and her district's talent office",
        extra=JSON,
    ),
    Row("api:claim-list", lambda c: "/api/v1/claims/", EVERYONE_SIGNED_IN, public=True, extra=JSON),
    Row(
        "api:claim-detail",
        lambda c: f"/api/v1/claims/{pathways_world(c).pending_claim.pk}/",
        allow("teacher", "officer"),
        public=True,
        note="as the claim's page: the teacher who claimed it and her district's talent office",
        extra=JSON,
    ),
    Row(
        "api:rating-create",
        lambda c: "/api/v1/ratings/",
        EVERYONE_SIGNED_IN,
        ok_status=405,
        public=True,
        note="a GET is not allowed; writes are checked with tokens in tests/api/test_writes.py",
        extra=JSON,
    ),
    Row(
        "api:schema",
        lambda c: "/api/v1/schema/",
        EVERYONE_SIGNED_IN,
        public=True,
        extra={"superuser": True, "anonymous_status": 200},
    ),
    Row(
        "api:docs",
        lambda c: "/api/v1/docs/",
        EVERYONE_SIGNED_IN,
        public=True,
        extra={"superuser": True, "anonymous_status": 200},
    ),
    Row(
        "api:not-found",
        lambda c: "/api/v1/no-such-endpoint/",
        allow(),
        public=True,
        extra={"superuser": False, "anonymous_status": 404},
    ),
]
