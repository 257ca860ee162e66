"""Access-matrix rows for every recognition URL (see tests/access.py and world.py here).

The talent office runs achievements, awards and programs for its own district (Southport's
officer has an empty area of their own and 404 for Northfield's objects). A credential is
its holder's: only Ada and Northfield's officer open Ada's award page, only Ada downloads
or publishes it. Nominations and panel scores are confidential: principals nominate but
never see them; only the seated reviewer reviews. The public pages (a credential its holder
made public, the issuer's profile, keys and status list) answer everyone, signed in or not;
a private credential answers nobody.
"""

from __future__ import annotations

from tests.access import EVERYONE_SIGNED_IN, Row, allow
from tests.cast import Cast
from tests.recognition.world import world

SU = {"superuser": True}
NOT_SU = {"superuser": False}
OFFICERS = allow("officer", "other_officer")
STAFF = allow(
    "teacher",
    "teacher_other_school",
    "principal",
    "other_principal",
    "moved_principal",
    "reviewer",
)
# A session still owing its second factor is sent to finish signing in, public page or not.
PUBLIC = {"superuser": True}


def ada(c: Cast) -> int:
    return world(c).ada_award.pk


def clr(c: Cast, name: str) -> str:
    """The transcript download, with the world built so that Ada holds a credential."""
    world(c)
    return f"/recognition/transcript/{name}"


def ada_public(c: Cast) -> str:
    return str(world(c).ada_award.public_id)


def program(c: Cast) -> int:
    return world(c).program.pk


def public(name: str, url: object) -> Row:
    return Row(name, url, EVERYONE_SIGNED_IN, public=True, extra=PUBLIC)  # type: ignore[arg-type]


ROWS = [
    Row("recognition:office", lambda c: "/recognition/", OFFICERS, extra=SU),
    Row(
        "recognition:achievement-new",
        lambda c: "/recognition/achievements/new/",
        OFFICERS,
        method="POST",
        ok_status=302,
        extra=SU,
        data=lambda c: {
            "key": "coach-term",
            "name": "Coach",
            "description": "d",
            "criteria": "c",
            "achievement_type": "Competency",
        },
    ),
    Row(
        "recognition:award-new",
        lambda c: "/recognition/awards/new/",
        allow("officer"),
        method="POST",
        ok_status=302,
        extra=SU,
        data=lambda c: {"achievement": world(c).curriculum.pk, "staff": c.reviewer_staff.pk},
    ),
    Row(
        "recognition:run-automatic",
        lambda c: "/recognition/awards/automatic/",
        OFFICERS,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "recognition:award",
        lambda c: f"/recognition/awards/{ada(c)}/",
        allow("officer", "teacher"),
        extra=SU,
    ),
    Row(
        "recognition:revoke",
        lambda c: f"/recognition/awards/{ada(c)}/revoke/",
        allow("officer"),
        method="POST",
        data=lambda c: {"reason": "awarded in error"},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "recognition:rotate-key",
        lambda c: "/recognition/keys/rotate/",
        OFFICERS,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row("recognition:mine", lambda c: "/recognition/mine/", STAFF, extra=NOT_SU),
    Row(
        "recognition:publish",
        lambda c: f"/recognition/awards/{ada(c)}/publish/",
        allow("teacher"),
        method="POST",
        data=lambda c: {"public": "0"},
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "recognition:download-json",
        lambda c: f"/recognition/awards/{ada(c)}/credential.json",
        allow("teacher"),
        extra=NOT_SU,
    ),
    Row(
        "recognition:download-jwt",
        lambda c: f"/recognition/awards/{ada(c)}/credential.jwt",
        allow("teacher"),
        extra=NOT_SU,
    ),
    Row(
        "recognition:download-png",
        lambda c: f"/recognition/awards/{ada(c)}/badge.png",
        allow("teacher"),
        extra=NOT_SU,
    ),
    Row("recognition:transcript", lambda c: "/recognition/transcript/", STAFF, extra=NOT_SU),
    # A CLR lists at least one credential: Ada and Ben hold one; the rest have none to list.
    Row(
        "recognition:transcript-json",
        lambda c: clr(c, "clr.json"),
        allow("teacher", "teacher_other_school"),
        extra=NOT_SU,
    ),
    Row(
        "recognition:transcript-jwt",
        lambda c: clr(c, "clr.jwt"),
        allow("teacher", "teacher_other_school"),
        extra=NOT_SU,
    ),
    Row("recognition:programs", lambda c: "/recognition/programs/", STAFF | OFFICERS, extra=SU),
    Row(
        "recognition:program-new",
        lambda c: "/recognition/programs/new/",
        OFFICERS,
        method="POST",
        ok_status=302,
        extra=SU,
        data=lambda c: {
            "name": "Award",
            "level": "state",
            "criteria": "c",
            "opens": "2025-09-01",
            "closes": "2025-10-01",
            "decide_by": "2025-11-01",
        },
    ),
    Row(
        "recognition:program",
        lambda c: f"/recognition/programs/{program(c)}/",
        STAFF | allow("officer"),
        extra=SU,
    ),
    Row(
        "recognition:nominate",
        lambda c: f"/recognition/programs/{program(c)}/nominate/",
        STAFF,
        method="POST",
        ok_status=302,
        extra=NOT_SU,
        data=lambda c: {"kind": "self", "statement": "I built our school's reading programme."},
    ),
    Row(
        "recognition:seat",
        lambda c: f"/recognition/programs/{program(c)}/seat/",
        allow("officer"),
        method="POST",
        ok_status=302,
        extra=SU,
        data=lambda c: {"reviewer": c.other_principal_staff.pk},
    ),
    Row(
        "recognition:advance",
        lambda c: f"/recognition/programs/{program(c)}/advance/",
        allow("officer"),
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "recognition:decide",
        lambda c: f"/recognition/programs/{program(c)}/decide/",
        allow("officer"),
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "recognition:review",
        lambda c: f"/recognition/nominations/{world(c).ada_nomination.pk}/review/",
        allow("reviewer"),
        method="POST",
        ok_status=302,
        extra=NOT_SU,
        data=lambda c: {"impact": "4", "colleagues": "3", "community": "3"},
    ),
    public("recognition:credential", lambda c: f"/recognition/credentials/{ada_public(c)}/"),
    Row(
        "recognition:credential",
        lambda c: f"/recognition/credentials/{world(c).ben_award.public_id}/",
        frozenset(),
        public=True,
        extra={
            "case": "private",
            "superuser": False,
            "anonymous_status": 404,
        },
    ),
    public("recognition:verify", lambda c: f"/recognition/credentials/{ada_public(c)}/verify.json"),
    public(
        "recognition:public-jwt",
        lambda c: f"/recognition/credentials/{ada_public(c)}/credential.jwt",
    ),
    public(
        "recognition:public-png", lambda c: f"/recognition/credentials/{ada_public(c)}/badge.png"
    ),
    public("recognition:issuer", lambda c: f"/recognition/issuers/{c.district.key}/"),
    public("recognition:jwks", lambda c: f"/recognition/issuers/{c.district.key}/jwks.json"),
    public(
        "recognition:issuer-key",
        lambda c: f"/recognition/issuers/{c.district.key}/keys/{world(c).ada_award.key_id}.json",
    ),
    public(
        "recognition:status-list",
        lambda c: f"/recognition/issuers/{c.district.key}/status/revocation",
    ),
    public(
        "recognition:achievement-public",
        lambda c: f"/recognition/issuers/{c.district.key}/achievements/{world(c).curriculum.key}/",
    ),
]
