"""Access-matrix rows for every network URL (see tests/access.py and tests/network/world.py).

Both cast districts are members of the River Valley Network, so every signed-in persona with a
district, and the network officer, reads the network's pages; only talent offices copy, share,
join or leave, and only for their own district (Southport's officer posting for Northfield
gets 404); only the team of an idea writes its logic model and plan, and its critical friend
its feedback. The network office, with no staff record, cannot join a team.
"""

from __future__ import annotations

from lattice.network.models.curriculum import RUBRIC
from lattice.network.models.ideas import TeamRole
from tests.access import EVERYONE_SIGNED_IN, Row, allow
from tests.cast import Cast
from tests.network.world import UNIT, world

RUBRIC_KEYS = [key for key, _ in RUBRIC]

KEY = "river-valley"
SU = {"superuser": True}
NOT_SU = {"superuser": False}
STAFF = allow(
    "teacher",
    "teacher_other_school",
    "principal",
    "other_principal",
    "moved_principal",
    "reviewer",
)
OFFICERS = allow("officer", "other_officer")
NORTHFIELD = STAFF | allow("officer")


def _idea(cast: Cast) -> int:
    return world(cast).idea.pk


def _resource(cast: Cast) -> int:
    return world(cast).case_study.pk


ROWS = [
    Row("network:join", lambda c: "/network/join/", OFFICERS, extra=SU),
    Row("network:home", lambda c: f"/network/{KEY}/", EVERYONE_SIGNED_IN, extra=SU),
    Row("network:members", lambda c: f"/network/{KEY}/members/", EVERYONE_SIGNED_IN, extra=SU),
    Row(
        "network:leave",
        lambda c: f"/network/{KEY}/leave/",
        allow("officer"),
        method="POST",
        data=lambda c: {"district": "northfield"},  # unconfirmed: back to the page, no change
        ok_status=302,
        extra=SU,
    ),
    Row("network:sharing", lambda c: f"/network/{KEY}/sharing/", OFFICERS, extra=SU),
    Row(
        "network:library",
        lambda c: f"/network/{KEY}/library/?q=trust",
        EVERYONE_SIGNED_IN,
        extra=SU,
    ),
    Row(
        "network:resource-new",
        lambda c: f"/network/{KEY}/library/new/",
        OFFICERS | allow("network_officer"),
        extra=SU,
    ),
    Row(
        "network:resource",
        lambda c: f"/network/{KEY}/library/{_resource(c)}/",
        EVERYONE_SIGNED_IN,
        extra=SU,
    ),
    Row(
        "network:copy",
        lambda c: f"/network/{KEY}/library/{world(c).role.pk}/copy/",
        allow("officer"),
        method="POST",
        data=lambda c: {"district": "northfield"},
        ok_status=302,
        extra=SU,
    ),
    Row("network:compare", lambda c: f"/network/{KEY}/compare/", EVERYONE_SIGNED_IN, extra=SU),
    Row(
        "network:compare-csv", lambda c: f"/network/{KEY}/compare.csv", EVERYONE_SIGNED_IN, extra=SU
    ),
    Row("network:ideas", lambda c: f"/network/{KEY}/ideas/", EVERYONE_SIGNED_IN, extra=SU),
    Row(
        "network:idea", lambda c: f"/network/{KEY}/ideas/{_idea(c)}/", EVERYONE_SIGNED_IN, extra=SU
    ),
    Row(
        "network:idea-join",
        lambda c: f"/network/{KEY}/ideas/{_idea(c)}/join/",
        STAFF,
        method="POST",
        data=lambda c: {"role": TeamRole.MEMBER},
        ok_status=302,
        extra=NOT_SU,
        note="staff of a member district; the network office and officers have no staff record",
    ),
    Row(
        "network:logic-model",
        lambda c: f"/network/{KEY}/ideas/{_idea(c)}/logic-model/",
        allow("teacher", "teacher_other_school"),
        method="POST",
        data=lambda c: {"problem": "Practice stays behind closed doors."},
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "network:plan-step",
        lambda c: f"/network/{KEY}/ideas/{_idea(c)}/steps/",
        allow("teacher", "teacher_other_school"),
        method="POST",
        data=lambda c: {
            "description": "Book cover",
            "owner": world(c).lead_seat.pk,
            "due": "2026-02-01",
        },
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "network:feedback",
        lambda c: f"/network/{KEY}/ideas/{_idea(c)}/feedback/",
        allow("teacher", "teacher_other_school", "reviewer"),
        method="POST",
        data=lambda c: {"text": "Name one measure for the first round."},
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "network:convenings", lambda c: f"/network/{KEY}/convenings/", EVERYONE_SIGNED_IN, extra=SU
    ),
    Row(
        "network:convening",
        lambda c: f"/network/{KEY}/convenings/{world(c).convening.pk}/",
        EVERYONE_SIGNED_IN,
        extra=SU,
    ),
    Row(
        "network:session-add",
        lambda c: f"/network/{KEY}/convenings/{world(c).convening.pk}/sessions/",
        allow("network_officer"),
        method="POST",
        data=lambda c: {
            "title": "Keynote",
            "starts_at": world(c).session.starts_at.strftime("%Y-%m-%dT%H:%M"),
            "capacity": 40,
        },
        ok_status=302,
        extra=SU,
    ),
    Row(
        "network:material-add",
        lambda c: f"/network/{KEY}/convenings/{world(c).convening.pk}/materials/",
        allow("network_officer"),
        method="POST",
        data=lambda c: {"title": "Slides", "url": "https://example.org/slides"},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "network:register",
        lambda c: f"/network/{KEY}/sessions/{world(c).session.pk}/register/",
        STAFF,
        method="POST",
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "network:check-in",
        lambda c: f"/network/{KEY}/sessions/{world(c).session.pk}/check-in/",
        allow("teacher"),
        method="POST",
        ok_status=302,
        extra=NOT_SU,
        note="only a registrant checks in, and only themselves",
    ),
    Row(
        "network:propose-role",
        lambda c: f"/network/{KEY}/ideas/{_idea(c)}/propose-role/",
        allow("teacher", "teacher_other_school"),
        method="POST",
        ok_status=302,
        extra=NOT_SU,
        note="the world's logic model is unfinished: refused with a message, back to the idea",
    ),
    Row(
        "network:mine",
        lambda c: "/network/mine/",
        STAFF | OFFICERS,
        ok_status=302,
        note="to the user's network's home page",
    ),
    Row("network:curriculum", lambda c: "/network/curriculum/", EVERYONE_SIGNED_IN, extra=SU),
    Row(
        "network:team",
        lambda c: f"/network/curriculum/teams/{world(c).team.pk}/",
        NORTHFIELD,
        extra=SU,
        note="a district's own teams: its staff and talent office",
    ),
    Row(
        "network:team-member",
        lambda c: f"/network/curriculum/teams/{world(c).team.pk}/members/",
        allow("officer"),
        method="POST",
        data=lambda c: {"staff_member": c.teacher_other_school_staff.pk},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "network:unit-new",
        lambda c: f"/network/curriculum/teams/{world(c).team.pk}/units/",
        allow("teacher"),
        method="POST",
        data=lambda c: {"title": "Measurement", **UNIT},
        ok_status=302,
        extra=NOT_SU,
        note="the team's members draft units",
    ),
    Row(
        "network:unit",
        lambda c: f"/network/curriculum/units/{world(c).review_unit.pk}/",
        NORTHFIELD,
        extra=SU,
    ),
    Row(
        "network:version-new",
        lambda c: f"/network/curriculum/units/{world(c).draft_unit.pk}/versions/",
        allow("teacher"),
        method="POST",
        data=lambda c: {**UNIT, "change_note": "Shorter lessons."},
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "network:unit-reviewers",
        lambda c: f"/network/curriculum/units/{world(c).draft_unit.pk}/reviewers/",
        allow("teacher"),
        method="POST",
        data=lambda c: {"reviewers": [c.teacher_other_school_staff.pk, c.reviewer_staff.pk]},
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "network:unit-review",
        lambda c: f"/network/curriculum/reviews/{world(c).bens_review.pk}/",
        allow("teacher_other_school"),
        method="POST",
        data=lambda c: {**dict.fromkeys(RUBRIC_KEYS, 3), "comments": "Clear.", "ready": "yes"},
        ok_status=302,
        extra=NOT_SU,
        note="only the teacher asked writes the review",
    ),
    Row(
        "network:unit-pilot",
        lambda c: f"/network/curriculum/units/{world(c).review_unit.pk}/pilot/",
        allow("teacher"),
        method="POST",
        ok_status=302,
        extra=NOT_SU,
        note="one review of two is in: refused with a message, back to the unit",
    ),
    Row(
        "network:unit-teaching",
        lambda c: f"/network/curriculum/units/{world(c).pilot_unit.pk}/teaching/",
        STAFF,
        method="POST",
        data=lambda c: {"taught_on": world(c).convening.starts_on.isoformat(), "worked": "Yes."},
        ok_status=302,
        extra=NOT_SU,
        note="any teacher of the district who taught it reports; officers have no staff record",
    ),
    Row(
        "network:unit-adopt",
        lambda c: f"/network/curriculum/units/{world(c).pilot_unit.pk}/adopt/",
        allow("teacher"),
        method="POST",
        ok_status=302,
        extra=NOT_SU,
    ),
    Row("network:pulse", lambda c: "/network/pulse/", EVERYONE_SIGNED_IN, extra=SU),
    Row(
        "network:pulse-results",
        lambda c: f"/network/pulse/{world(c).closed_round.pk}/",
        NORTHFIELD,
        extra=SU,
    ),
    Row(
        "network:pulse-answer",
        lambda c: f"/network/pulse/{world(c).open_round.pk}/answer/",
        STAFF,
        extra=NOT_SU,
        note="the district's staff answer; officers and the superuser have no staff record",
    ),
    Row(
        "network:pulse-close",
        lambda c: f"/network/pulse/{world(c).open_round.pk}/close/",
        allow("officer"),
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row("network:cabinets", lambda c: f"/network/{KEY}/cabinets/", EVERYONE_SIGNED_IN, extra=SU),
    Row(
        "network:idea-council",
        lambda c: f"/network/{KEY}/ideas/{_idea(c)}/to-council/",
        allow("teacher"),
        method="POST",
        data=lambda c: {"body": world(c).council.pk},
        ok_status=302,
        extra=NOT_SU,
        note="only a team member who sits on a council",
    ),
]
