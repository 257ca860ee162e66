"""Access-matrix rows for every councils URL (see tests/access.py and tests/councils/world.py).

Alder's council is a school body: Alder's staff this year (Ada, Pat), the district office
and the superuser see it; Birch's people, Mo (who left Alder) and Southport see nothing of it.
The curriculum council is district-wide: every Northfield staff member sees it. Drafts
(proposals, open votes) are for members (Ada, Pat) and those who administer the body (the
office, Pat as Alder's principal). Acting needs a staff record where a member acts (raising,
seconding, voting, giving a proxy): the office and the superuser administer but do not vote.
The weighted council (``proxy_world``) is a district body whose bylaws allow proxies.
"""

from __future__ import annotations

from tests.access import Row, allow
from tests.cast import Cast
from tests.councils.cabinet_world import world as cabinet
from tests.councils.world import proxy_world, stipend_decision, text_file, world

SU = {"superuser": True}
NOT_SU = {"superuser": False}
STAFF = allow(
    "teacher", "teacher_other_school", "principal", "other_principal", "moved_principal", "reviewer"
)
SIGNED_IN = STAFF | allow("officer", "other_officer")
NORTHFIELD = STAFF | allow("officer")
# The list of bodies and the register: the network office finds its networks' cabinets there.
READERS = SIGNED_IN | allow("network_officer")
ALDER = allow("teacher", "principal", "officer")
ALDER_MEMBERS = allow("teacher", "principal")
ALDER_ADMIN = allow("principal", "officer")
# The River Valley cabinet (tests/councils/cabinet_world.py), kept by Northfield: every member
# district's staff and office and the network office read its public side; its members (Rae;
# Southport's Cy has no login) and Northfield's office, which administers it, its drafts.
CABINET_PUBLIC = NORTHFIELD | allow("other_officer", "network_officer")
CABINET_DRAFTS = allow("reviewer", "officer")
# The weighted council (a district body): Ada, Pat, Ben and Rae sit on it; the office runs it.
WEIGHTED_MEMBERS = allow("teacher", "principal", "teacher_other_school", "reviewer")


def alder(c: Cast) -> int:
    return world(c).alder.pk


def seat_data(c: Cast) -> dict[str, str]:
    return {
        "label": "Union seat",
        "position": "member",
        "selection": "appointed",
        "term_years": "2",
        "term_limit": "2",
    }


ROWS = [
    Row("councils:home", lambda c: "/councils/", READERS, extra=SU),
    Row(
        "councils:body-new", lambda c: "/councils/new/", allow("officer", "other_officer"), extra=SU
    ),
    Row("councils:body", lambda c: f"/councils/{alder(c)}/", ALDER, extra=SU),
    Row(
        "councils:body",
        lambda c: f"/councils/{world(c).district.pk}/",
        NORTHFIELD,
        extra=SU | {"case": "district"},
    ),
    Row(
        "councils:seat-new",
        lambda c: f"/councils/{alder(c)}/seats/",
        ALDER_ADMIN,
        method="POST",
        data=seat_data,
        ok_status=302,
        extra=SU,
    ),
    Row(
        "councils:seat-fill",
        lambda c: f"/councils/seats/{world(c).vacant.pk}/fill/",
        ALDER_ADMIN,
        method="POST",
        data=lambda c: {"person": str(c.teacher_staff.pk)},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "councils:election-call",
        lambda c: f"/councils/{alder(c)}/elections/",
        ALDER_ADMIN,
        method="POST",
        data=lambda c: {"seats": [str(world(c).vacant.pk)]},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "councils:meeting-new",
        lambda c: f"/councils/{alder(c)}/meetings/new/",
        allow("teacher", "principal", "officer"),
        extra=SU,
    ),
    Row(
        "councils:proposal-new",
        lambda c: f"/councils/{alder(c)}/proposals/new/",
        ALDER_MEMBERS,
        extra=NOT_SU,
    ),
    Row("councils:meeting", lambda c: f"/councils/meetings/{world(c).held.pk}/", ALDER, extra=SU),
    Row(
        "councils:agenda-add",
        lambda c: f"/councils/meetings/{world(c).next.pk}/agenda/",
        ALDER,
        method="POST",
        data=lambda c: {"title": "Budget"},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "councils:attendance",
        lambda c: f"/councils/meetings/{world(c).next.pk}/attendance/",
        ALDER,
        method="POST",
        data=lambda c: {f"presence-{c.teacher_staff.pk}": "present"},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "councils:minutes-write",
        lambda c: f"/councils/meetings/{world(c).next.pk}/minutes/",
        ALDER,
        method="POST",
        data=lambda c: {"text": "Notes"},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "councils:minutes-advance",
        lambda c: f"/councils/meetings/{world(c).next.pk}/minutes/advance/",
        ALDER,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "councils:minutes-pdf",
        lambda c: f"/councils/meetings/{world(c).held.pk}/minutes.pdf",
        ALDER,
        extra=SU,
    ),
    Row(
        "councils:invite",
        lambda c: f"/councils/meetings/{world(c).next.pk}/invite.ics",
        ALDER,
        extra=SU,
    ),
    Row(
        "councils:proposal",
        lambda c: f"/councils/proposals/{world(c).open_proposal.pk}/",
        ALDER,
        extra=SU,
    ),
    Row(
        "councils:proposal-second",
        lambda c: f"/councils/proposals/{world(c).open_proposal.pk}/second/",
        ALDER_MEMBERS,
        method="POST",
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "councils:proposal-attach",
        lambda c: f"/councils/proposals/{world(c).open_proposal.pk}/attachments/",
        ALDER,  # Ada raised it; Pat and the office run the body
        method="POST",
        data=lambda c: {"files": text_file("notes.txt", "Notes from the PLC leads.")},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "councils:attachment",
        lambda c: f"/councils/attachments/{world(c).attachment.pk}/",
        ALDER,
        extra=SU,
    ),
    Row(
        "councils:poll-start",
        lambda c: f"/councils/proposals/{world(c).open_proposal.pk}/vote/",
        ALDER,
        method="POST",
        data=lambda c: {"kind": "yes_no", "threshold": "majority", "base": "cast"},
        ok_status=302,
        extra=SU,
    ),
    Row("councils:poll", lambda c: f"/councils/polls/{world(c).open_poll.pk}/", ALDER, extra=SU),
    Row(
        "councils:poll",
        lambda c: f"/councils/polls/{world(c).election.pk}/",
        ALDER,
        extra=SU | {"case": "election"},
    ),
    Row(
        "councils:poll-vote",
        lambda c: f"/councils/polls/{world(c).open_poll.pk}/ballot/",
        ALDER_MEMBERS,
        method="POST",
        data=lambda c: {"option": str(world(c).open_poll.options.first().pk)},
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "councils:poll",
        lambda c: f"/councils/polls/{proxy_world(c).pk}/",
        WEIGHTED_MEMBERS | allow("officer"),
        extra=SU | {"case": "proxy"},
    ),
    Row(
        "councils:poll-proxy",
        lambda c: f"/councils/polls/{proxy_world(c).pk}/proxy/",
        WEIGHTED_MEMBERS,  # members give their own vote; the office votes not
        method="POST",
        data=lambda c: {"holder": str(c.teacher_other_school_staff.pk)},
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "councils:poll-proxy-revoke",
        lambda c: f"/councils/polls/{proxy_world(c).pk}/proxy/revoke/",
        WEIGHTED_MEMBERS,
        method="POST",
        ok_status=302,
        extra=NOT_SU,
    ),
    Row(
        "councils:poll-nominate",
        lambda c: f"/councils/polls/{world(c).election.pk}/nominate/",
        ALDER,
        method="POST",
        data=lambda c: {"candidate": str(c.teacher_staff.pk), "statement": "I will listen."},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "councils:poll-open",
        lambda c: f"/councils/polls/{world(c).election.pk}/open/",
        ALDER,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "councils:poll-close",
        lambda c: f"/councils/polls/{world(c).open_poll.pk}/close/",
        ALDER,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row("councils:register", lambda c: "/councils/decisions/", READERS, extra=SU),
    Row("councils:register-csv", lambda c: "/councils/decisions.csv", READERS, extra=SU),
    Row(
        "councils:decision",
        lambda c: f"/councils/decisions/{world(c).decision.pk}/",
        ALDER,
        extra=SU,
    ),
    Row(
        "councils:decision-update",
        lambda c: f"/councils/decisions/{world(c).decision.pk}/update/",
        ALDER,
        method="POST",
        data=lambda c: {"status": "in_progress", "review_on": "2027-01-31"},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "councils:carry-out",
        lambda c: f"/councils/decisions/{world(c).decision.pk}/carry-out/",
        ALDER_ADMIN,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "councils:body",
        lambda c: f"/councils/{cabinet(c).body.pk}/",
        CABINET_PUBLIC,
        extra=SU | {"case": "cabinet"},
    ),
    Row(
        "councils:meeting",
        lambda c: f"/councils/meetings/{cabinet(c).held.pk}/",
        CABINET_PUBLIC,
        extra=SU | {"case": "cabinet"},
    ),
    Row(
        "councils:decision",
        lambda c: f"/councils/decisions/{cabinet(c).decision.pk}/",
        CABINET_PUBLIC,
        extra=SU | {"case": "cabinet"},
    ),
    Row(
        "councils:proposal",
        lambda c: f"/councils/proposals/{cabinet(c).open_proposal.pk}/",
        CABINET_DRAFTS,
        extra=SU | {"case": "cabinet"},
    ),
    Row(
        "councils:poll",
        lambda c: f"/councils/polls/{cabinet(c).open_poll.pk}/",
        CABINET_DRAFTS,
        extra=SU | {"case": "cabinet"},
    ),
    Row(
        "councils:seat-fill",
        lambda c: f"/councils/seats/{cabinet(c).southport_seat.pk}/fill/",
        allow("other_officer"),
        method="POST",
        data=lambda c: {"person": str(c.other_district_teacher_staff.pk)},
        ok_status=302,
        extra=SU | {"case": "cabinet-southport-seat"},
    ),
    # A change of pay: the district council's passed stipend decision is read by Northfield's
    # staff and carried out by the talent office alone (not a principal, not a member).
    Row(
        "councils:decision",
        lambda c: f"/councils/decisions/{stipend_decision(c).pk}/",
        NORTHFIELD,
        extra=SU | {"case": "stipend"},
    ),
    Row(
        "councils:carry-out",
        lambda c: f"/councils/decisions/{stipend_decision(c).pk}/carry-out/",
        allow("officer"),
        method="POST",
        data=lambda c: {"confirm": "on"},
        ok_status=302,
        extra=SU | {"case": "stipend"},
    ),
]
