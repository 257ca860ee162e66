"""Access-matrix rows for the pathways app (see tests/access.py and tests/pathways/world.py).

The rule that matters most: principals never see applications or scores (Baltimore's peer
review gives principals no input), and nobody sees another teacher's ledger but the talent
office. Rows that need objects build the pathways world on top of the cast.
"""

from __future__ import annotations

from tests.access import Row, allow
from tests.pathways.world import draft, w

TEACHERS = allow("teacher", "teacher_other_school", "reviewer")
PRINCIPALS = allow("principal", "other_principal", "moved_principal")
STAFF = TEACHERS | PRINCIPALS
OFFICERS = allow("officer", "other_officer")
NORTHFIELD_OFFICE = allow("officer")

SU = {"superuser": True}
NOT_SU = {"superuser": False}

ROWS = [
    # the teacher's own pages: anyone with a staff record (principals learn pathways are for
    # teachers); accounts without one get 404
    Row("pathways:my-path", lambda c: (w(c), "/pathways/me/")[1], STAFF, extra=NOT_SU),
    Row("pathways:statement", lambda c: (w(c), "/pathways/me/statement/")[1], STAFF, extra=NOT_SU),
    Row("pathways:my-claims", lambda c: "/pathways/me/claims/", STAFF, extra=NOT_SU),
    Row("pathways:my-applications", lambda c: "/pathways/me/applications/", STAFF, extra=NOT_SU),
    Row(
        "pathways:what-if",
        lambda c: (w(c), "/pathways/me/what-if/")[1],
        TEACHERS,
        method="POST",
        data=lambda c: {"credits": "3"},
        extra=NOT_SU,
    ),
    # one teacher's claim and its evidence: the teacher and her district's talent office
    Row(
        "pathways:claim",
        lambda c: f"/pathways/claims/{w(c).pending_claim.pk}/",
        allow("teacher", "officer"),
        extra=SU,
    ),
    Row(
        "pathways:evidence",
        lambda c: f"/pathways/files/{w(c).evidence_id}/",
        allow("teacher", "officer"),
        extra=SU,
    ),
    Row(
        "pathways:evidence",
        lambda c: "/pathways/files/999999/",
        allow(),
        extra={"case": "missing", "superuser": False},
    ),
    # the talent office (each officer sees their own district's pages)
    Row("pathways:queue", lambda c: "/pathways/office/claims/", OFFICERS, extra=SU),
    Row(
        "pathways:verify",
        lambda c: f"/pathways/claims/{w(c).pending_claim.pk}/verify/",
        NORTHFIELD_OFFICE,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "pathways:reject",
        lambda c: f"/pathways/claims/{w(c).pending_claim.pk}/reject/",
        NORTHFIELD_OFFICE,
        method="POST",
        data=lambda c: {"reason": "Transcript unreadable"},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "pathways:staff-path",
        lambda c: f"/pathways/office/staff/{c.teacher_staff.pk}/",
        NORTHFIELD_OFFICE,
        extra=SU,
    ),
    Row(
        "pathways:staff-path",
        lambda c: f"/pathways/office/staff/{c.other_district_teacher_staff.pk}/",
        allow("other_officer"),
        extra={"case": "other-district", "superuser": True},
    ),
    Row("pathways:adopt", lambda c: "/pathways/office/policy/", OFFICERS, extra=SU),
    # an adoption preview (a draft) belongs to its district's talent office
    Row(
        "pathways:adopt-draft",
        lambda c: f"/pathways/office/policy/drafts/{draft(c).pk}/",
        NORTHFIELD_OFFICE,
        extra=SU,
    ),
    Row(
        "pathways:adopt-draft",
        lambda c: f"/pathways/office/policy/drafts/{draft(c).pk}/?outcome=lose&page=1",
        NORTHFIELD_OFFICE,
        extra={"case": "filtered", "superuser": True},
    ),
    Row(
        "pathways:adopt-csv",
        lambda c: f"/pathways/office/policy/drafts/{draft(c).pk}/preview.csv",
        NORTHFIELD_OFFICE,
        extra=SU,
    ),
    Row(
        "pathways:adopt-crosswalk",
        lambda c: f"/pathways/office/policy/drafts/{draft(c).pk}/crosswalk/",
        NORTHFIELD_OFFICE,
        method="POST",
        data=lambda c: {"position-0": "pay"},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "pathways:adopt-confirm",
        lambda c: f"/pathways/office/policy/drafts/{draft(c).pk}/adopt/",
        NORTHFIELD_OFFICE,
        method="POST",
        ok_status=302,
        extra=SU,
        note="without the reviewed box ticked nothing is adopted",
    ),
    Row(
        "pathways:recompute",
        lambda c: (w(c), "/pathways/office/recompute/")[1],
        OFFICERS,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row("pathways:district", lambda c: (w(c), "/pathways/office/district/")[1], OFFICERS, extra=SU),
    Row("pathways:payroll", lambda c: "/pathways/office/payroll/", OFFICERS, extra=SU),
    Row(
        "pathways:payroll",
        lambda c: (w(c), "/pathways/office/payroll/")[1],
        OFFICERS,
        method="POST",
        data=lambda c: {"effective_date": "2026-07-01", "file_format": "csv"},
        extra={"case": "export", "superuser": True},
    ),
    Row("pathways:cohorts", lambda c: "/pathways/office/cohorts/", OFFICERS, extra=SU),
    Row(
        "pathways:cohort",
        lambda c: f"/pathways/office/cohorts/{w(c).cohort.pk}/",
        NORTHFIELD_OFFICE,
        extra=SU,
    ),
    # applications: the applicant, the assigned reviewer and the talent office; never a
    # principal, not even the applicant's own (Pat leads Alder, Ada's school)
    Row(
        "pathways:application",
        lambda c: f"/pathways/applications/{w(c).application.pk}/",
        allow("teacher", "reviewer", "officer"),
        extra=SU,
        note="principals cannot see applications or scores",
    ),
    Row(
        "pathways:register",
        lambda c: f"/pathways/cohorts/{w(c).cohort.pk}/register/",
        STAFF,
        method="POST",
        ok_status=302,
        extra=NOT_SU,
        note="registering is checked by the rules; ineligible people are told why",
    ),
    Row(
        "pathways:submit",
        lambda c: f"/pathways/applications/{w(c).application.pk}/submit/",
        allow("teacher"),
        method="POST",
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "pathways:appeal",
        lambda c: f"/pathways/applications/{w(c).application.pk}/appeal/",
        allow("teacher"),
        method="POST",
        data=lambda c: {"text": "Please look again."},
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "pathways:assign",
        lambda c: f"/pathways/applications/{w(c).application.pk}/assign/",
        NORTHFIELD_OFFICE,
        method="POST",
        data=lambda c: {"reviewer": c.teacher_other_school_staff.pk},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "pathways:reconcile",
        lambda c: f"/pathways/applications/{w(c).application.pk}/reconcile/",
        NORTHFIELD_OFFICE,
        method="POST",
        data=lambda c: {"score": "12", "note": "agreed"},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "pathways:decide",
        lambda c: f"/pathways/applications/{w(c).application.pk}/decide/",
        NORTHFIELD_OFFICE,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "pathways:decide-appeal",
        lambda c: f"/pathways/applications/{w(c).application.pk}/appeal/decide/",
        NORTHFIELD_OFFICE,
        method="POST",
        data=lambda c: {"upheld": "0", "outcome": "no"},
        ok_status=302,
        extra=SU,
    ),
    # the reviewer's scoring page: only the assigned reviewer (not even the office)
    Row(
        "pathways:review",
        lambda c: f"/pathways/reviews/{w(c).review.pk}/",
        allow("reviewer"),
        extra=NOT_SU,
    ),
]
