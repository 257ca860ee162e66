"""Access-matrix rows for every roles URL (see tests/access.py and tests/roles/world.py).

Northfield's staff and officer see its catalogue and postings; Southport's officer sees only
Southport (an empty roles area of their own) and gets 404 for every Northfield object; the
network officer, who sees aggregates only, has no roles pages.

Mo Moved (``moved_principal``) led Alder in 2024-25 and co-leads Birch now: she runs Birch's
current postings and reviews its proposals, reads Alder's 2024-25 posting and proposal (the
year she led it) but acts on neither, and reaches nothing at Alder this year.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lattice.roles import actions
from lattice.roles.models import Posting, RoleProposal
from tests.access import Row, allow
from tests.cast import Cast
from tests.roles.world import world

SU = {"superuser": True}
NOT_SU = {"superuser": False}

WITH_DISTRICT = allow(
    "teacher",
    "teacher_other_school",
    "principal",
    "other_principal",
    "moved_principal",
    "officer",
    "other_officer",
    "reviewer",
)
PRINCIPALS = allow("principal", "other_principal", "moved_principal")
NORTHFIELD = allow("teacher", "teacher_other_school", "officer", "reviewer") | PRINCIPALS
STAFF = allow("teacher", "teacher_other_school", "reviewer") | PRINCIPALS
BIRCH_LEADS = allow("other_principal", "moved_principal")
OFFICERS = allow("officer", "other_officer")


def ada_offer(cast: Cast) -> Any:
    """Rae scores Ada's mentor application and the officer offers her the position."""
    w = world(cast)
    found = w.ada_app.offers.first()
    if found is None:
        actions.record_scores(None, w.rae_alder, w.ada_app, {"practice": 4, "peers": 4, "plan": 3})
        found = actions.offer_next(None, w.alder_posting)
    return found


def posting(cast: Cast) -> int:
    return world(cast).alder_posting.pk


def birch_posting(cast: Cast) -> int:
    """A mentor opening at Birch this year (Olive's and Mo's school now)."""
    found = Posting.objects.filter(school=cast.birch, school_year=cast.year).first()
    if found is None:
        w = world(cast)
        found = actions.create_posting(
            None,
            w.mentor,
            school=cast.birch,
            school_year=cast.year,
            opens_on=w.alder_posting.opens_on,
            closes_on=w.alder_posting.closes_on,
        )
    return found.pk


def old_alder_posting(cast: Cast) -> int:
    """Alder's mentor opening of 2024-25, the year Mo led Alder (still open on paper)."""
    found = Posting.objects.filter(school=cast.alder, school_year=cast.last_year).first()
    if found is None:
        found = actions.create_posting(
            None,
            world(cast).mentor,
            school=cast.alder,
            school_year=cast.last_year,
            opens_on=dt.date(2025, 3, 1),
            closes_on=dt.date(2025, 3, 31),
        )
    return found.pk


def _proposal(cast: Cast, proposer: Any, school: Any, title: str) -> RoleProposal:
    found = RoleProposal.objects.filter(school=school, title=title).first()
    return found or actions.submit_proposal(
        None,
        proposer,
        school=school,
        co_proposers=[],
        title=title,
        problem="New teachers leave in their first year.",
        duties="Meet each new teacher weekly",
        release_percent=10,
        extra_days=2,
        stipend_dollars=1000,
        success_measure="Every new teacher returns next year.",
    )


def birch_proposal(cast: Cast) -> int:
    """Ben's proposal at Birch, waiting for the principal."""
    return _proposal(cast, cast.teacher_other_school_staff, cast.birch, "Induction lead").pk


def old_alder_proposal(cast: Cast) -> int:
    """Ada's proposal at Alder in January 2025 (Mo's year there), declined back then."""
    found = _proposal(cast, cast.teacher_staff, cast.alder, "Family liaison")
    RoleProposal.objects.filter(pk=found.pk).update(
        status="declined", created_at=dt.datetime(2025, 1, 15, 12, tzinfo=dt.UTC)
    )
    return found.pk


def returned_proposal(cast: Cast) -> int:
    """Ada's proposal at Alder, returned by Pat for changes: hers to edit and send again."""
    found = _proposal(cast, cast.teacher_staff, cast.alder, "Reading corner lead")
    if found.status == "submitted":
        actions.review_proposal(
            cast.user("principal"), found, stage="principal", decision="return", note="Cost it."
        )
    return found.pk


def district_proposal(cast: Cast) -> int:
    """Ada's proposal at Alder, approved by Pat: waiting for the district."""
    found = _proposal(cast, cast.teacher_staff, cast.alder, "Math night lead")
    if found.status == "submitted":
        actions.review_proposal(None, found, stage="principal", decision="approve", note="")
    return found.pk


def approved_proposal(cast: Cast) -> int:
    """Ada's proposal at Alder, approved by Pat and the district: its proposer to place."""
    pk = district_proposal(cast)
    found = RoleProposal.objects.get(pk=pk)
    if found.status == "principal_ok":
        actions.review_proposal(None, found, stage="district", decision="approve", note="")
    return pk


ROWS = [
    Row("roles:home", lambda c: "/roles/", WITH_DISTRICT, extra=SU),
    Row("roles:catalogue", lambda c: "/roles/catalogue/", WITH_DISTRICT, extra=SU),
    Row("roles:role-new", lambda c: "/roles/catalogue/new/", OFFICERS, extra=SU),
    Row(
        "roles:role-from-template",
        lambda c: "/roles/catalogue/from-template/",
        OFFICERS,
        method="POST",
        data=lambda c: {"template": "coach"},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "roles:role-detail",
        lambda c: f"/roles/catalogue/{world(c).mentor.pk}/",
        NORTHFIELD,
        extra=SU,
    ),
    Row(
        "roles:role-detail",
        lambda c: "/roles/catalogue/999999/",
        allow(),
        extra={"case": "missing", "superuser": False},
    ),
    Row(
        "roles:role-edit",
        lambda c: f"/roles/catalogue/{world(c).mentor.pk}/edit/",
        allow("officer"),
        extra=SU,
    ),
    Row("roles:settings", lambda c: "/roles/settings/", OFFICERS, extra=SU),
    Row("roles:postings", lambda c: "/roles/postings/", WITH_DISTRICT, extra=SU),
    Row(
        "roles:posting-new",
        lambda c: "/roles/postings/new/",
        OFFICERS | PRINCIPALS,
        extra=SU,
    ),
    Row(
        "roles:posting-detail",
        lambda c: f"/roles/postings/{posting(c)}/",
        allow("teacher", "principal", "officer", "reviewer"),
        note="Alder's mentor posting",
        extra=SU,
    ),
    Row(
        "roles:posting-detail",
        lambda c: f"/roles/postings/{world(c).district_posting.pk}/",
        NORTHFIELD,
        extra={"case": "district-wide", "superuser": True},
    ),
    Row(
        "roles:posting-detail",
        lambda c: f"/roles/postings/{birch_posting(c)}/",
        allow("teacher_other_school", "officer", "reviewer") | BIRCH_LEADS,
        note="Birch's opening this year: both its principals",
        extra={"case": "birch", "superuser": True},
    ),
    Row(
        "roles:posting-detail",
        lambda c: f"/roles/postings/{old_alder_posting(c)}/",
        allow("teacher", "officer", "moved_principal"),
        note="Alder's 2024-25 opening: Mo led Alder then, Pat did not",
        extra={"case": "alder-2024", "superuser": True},
    ),
    Row(
        "roles:apply",
        lambda c: f"/roles/postings/{posting(c)}/apply/",
        allow("teacher", "principal", "reviewer"),
        note="staff who can see the posting",
        extra=NOT_SU,
    ),
    Row(
        "roles:seat",
        lambda c: f"/roles/postings/{posting(c)}/panel/",
        allow("officer", "principal"),
        method="POST",
        data=lambda c: {"reviewer": c.other_principal_staff.pk},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "roles:reviewer-candidates",
        lambda c: f"/roles/postings/{posting(c)}/panel/candidates/?reviewer_q=a",
        allow("officer", "principal"),
        extra=SU,
    ),
    Row(
        "roles:conflict",
        lambda c: f"/roles/postings/{posting(c)}/conflict/",
        allow("reviewer"),
        method="POST",
        data=lambda c: {"application": world(c).ada_app.pk, "reason": "my mentee"},
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "roles:offer-next",
        lambda c: f"/roles/postings/{posting(c)}/offer/",
        allow("officer", "principal"),
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "roles:close",
        lambda c: f"/roles/postings/{posting(c)}/close/",
        allow("officer", "principal"),
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "roles:close",
        lambda c: f"/roles/postings/{birch_posting(c)}/close/",
        allow("officer") | BIRCH_LEADS,
        method="POST",
        ok_status=302,
        extra={"case": "birch", "superuser": True},
    ),
    Row(
        "roles:close",
        lambda c: f"/roles/postings/{old_alder_posting(c)}/close/",
        allow("officer"),
        method="POST",
        ok_status=302,
        note="a past year's posting is the office's; the principal who led then only reads it",
        extra={"case": "alder-2024", "superuser": True},
    ),
    Row(
        "roles:application",
        lambda c: f"/roles/applications/{world(c).ada_app.pk}/",
        allow("teacher", "principal", "officer", "reviewer"),
        note="a reviewer from another school sees it",
        extra=SU,
    ),
    Row(
        "roles:application",
        lambda c: f"/roles/applications/{world(c).ben_app.pk}/",
        allow("teacher_other_school", "officer"),
        note="district-wide posting: no principal; Rae is from Ben's school",
        extra={"case": "same-school", "superuser": True},
    ),
    Row(
        "roles:withdraw",
        lambda c: f"/roles/applications/{world(c).ada_app.pk}/withdraw/",
        allow("teacher"),
        method="POST",
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "roles:score",
        lambda c: f"/roles/applications/{world(c).ada_app.pk}/score/",
        allow("reviewer"),
        extra=NOT_SU,
    ),
    Row(
        "roles:score",
        lambda c: f"/roles/applications/{world(c).ben_app.pk}/score/",
        allow(),
        note="never someone from the reviewer's own school",
        extra={"case": "same-school", "superuser": False},
    ),
    Row(
        "roles:feedback",
        lambda c: f"/roles/applications/{world(c).ada_app.pk}/feedback/",
        allow("officer", "principal"),
        method="POST",
        data=lambda c: {"feedback": "Strong; add evidence of growth."},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "roles:evidence",
        lambda c: f"/roles/evidence/{world(c).ben_app.evidence.get().pk}/",
        allow("teacher_other_school", "officer"),
        extra=SU,
    ),
    Row(
        "roles:respond",
        lambda c: f"/roles/offers/{ada_offer(c).pk}/respond/",
        allow("teacher"),
        method="POST",
        data=lambda c: {"answer": "decline"},
        ok_status=302,
        extra=NOT_SU,
    ),
    Row("roles:assignments", lambda c: "/roles/assignments/", WITH_DISTRICT, extra=SU),
    Row(
        "roles:assignment",
        lambda c: f"/roles/assignments/{world(c).ada_held.pk}/",
        allow("teacher", "principal", "officer"),
        extra=SU,
    ),
    Row(
        "roles:renewal",
        lambda c: f"/roles/assignments/{world(c).ada_held.pk}/renewal/",
        allow("principal", "officer"),
        method="POST",
        data=lambda c: {"decision": "renew", "note": "Strong year"},
        ok_status=302,
        extra=SU,
    ),
    Row("roles:interest", lambda c: "/roles/interest/", STAFF, extra=NOT_SU),
    Row("roles:dashboard", lambda c: "/roles/dashboard/", OFFICERS, extra=SU),
    Row("roles:pipeline", lambda c: "/roles/dashboard/pipeline/", OFFICERS, extra=SU),
    Row("roles:suggestions", lambda c: "/roles/suggestions/", OFFICERS, extra=SU),
    Row("roles:hr", lambda c: "/roles/hr-positions/", OFFICERS, extra=SU),
    Row(
        "roles:hr",
        lambda c: "/roles/hr-positions/",
        OFFICERS,
        method="POST",
        data=lambda c: {"role_teacher": "none"},
        ok_status=302,
        extra={**SU, "case": "save"},
    ),
    Row(
        "roles:hr-sync",
        lambda c: "/roles/hr-positions/sync/",
        OFFICERS,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row("roles:proposals", lambda c: "/roles/proposals/", WITH_DISTRICT, extra=SU),
    Row("roles:proposal-new", lambda c: "/roles/proposals/new/", STAFF, extra=NOT_SU),
    Row(
        "roles:proposal",
        lambda c: f"/roles/proposals/{world(c).proposal.pk}/",
        allow("teacher", "principal", "officer"),
        extra=SU,
    ),
    Row(
        "roles:proposal",
        lambda c: f"/roles/proposals/{birch_proposal(c)}/",
        allow("teacher_other_school", "officer") | BIRCH_LEADS,
        extra={"case": "birch", "superuser": True},
    ),
    Row(
        "roles:proposal",
        lambda c: f"/roles/proposals/{old_alder_proposal(c)}/",
        allow("teacher", "officer", "moved_principal"),
        note="submitted in 2024-25, when Mo led Alder; decided, so not Pat's to see",
        extra={"case": "alder-2024", "superuser": True},
    ),
    Row(
        "roles:proposal-review",
        lambda c: f"/roles/proposals/{world(c).proposal.pk}/review/",
        allow("principal"),
        method="POST",
        data=lambda c: {"stage": "principal", "decision": "approve", "note": ""},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "roles:proposal-review",
        lambda c: f"/roles/proposals/{birch_proposal(c)}/review/",
        BIRCH_LEADS,
        method="POST",
        data=lambda c: {"stage": "principal", "decision": "approve", "note": ""},
        ok_status=302,
        extra={"case": "birch", "superuser": True},
    ),
    Row(
        "roles:proposal-edit",
        lambda c: f"/roles/proposals/{returned_proposal(c)}/edit/",
        allow("teacher"),
        note="only its proposers change a returned proposal",
        extra=NOT_SU,
    ),
    Row(
        "roles:proposal-edit",
        lambda c: f"/roles/proposals/{returned_proposal(c)}/edit/",
        allow("teacher"),
        method="POST",
        data=lambda c: {
            "title": "Reading corner lead",
            "problem": "New teachers leave in their first year.",
            "duties": "Meet each new teacher weekly",
            "scope": "pilot",
            "positions": "1",
            "release_percent": "10",
            "extra_days": "2",
            "stipend_dollars": "1200",
            "success_measure": "Every new teacher returns next year.",
            "resubmit_note": "Costed.",
        },
        ok_status=302,
        extra={"case": "resubmit", "superuser": False},
    ),
    Row(
        "roles:proposal-review",
        lambda c: f"/roles/proposals/{district_proposal(c)}/review/",
        allow("officer"),
        method="POST",
        data=lambda c: {"stage": "district", "decision": "return", "note": "Add a cost."},
        ok_status=302,
        extra={"case": "district-waiting", "superuser": True},
    ),
    Row(
        "roles:proposal-place",
        lambda c: f"/roles/proposals/{approved_proposal(c)}/place/",
        allow("officer"),
        method="POST",
        data=lambda c: {"how": "assign"},
        ok_status=302,
        extra=SU,
    ),
]
