"""A small leadership-roles world on top of the persona cast, built by named actions.

- catalogue: Iowa mentor (per school), lead (per school) and a district-wide council role;
- ``alder_posting``: a mentor opening at Alder (Pat Principal's school), window open today;
- ``district_posting``: council seats, district-wide, window open today;
- Ada (teacher, Alder) applied to both; Ben (teacher_other_school, Birch) to the council;
- Rae Reviewer (Birch) sits on both panels: she may review Ada but never Ben (same school);
- Ben attached one evidence file;
- Ada holds a lead-teacher role in 2025-26 and proposed a role at Alder.
"""

from __future__ import annotations

import atexit
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lattice.lib.uploads import CheckedUpload
from lattice.roles import actions
from lattice.roles.evidence import check_upload
from lattice.roles.models import (
    Application,
    LeadershipRole,
    PanelMember,
    Posting,
    RoleAssignment,
    RoleProposal,
)
from tests.cast import Cast


@dataclass
class World:
    mentor: LeadershipRole
    lead: LeadershipRole
    council: LeadershipRole
    alder_posting: Posting
    district_posting: Posting
    ada_app: Application
    ada_council_app: Application
    ben_app: Application
    rae_alder: PanelMember
    rae_council: PanelMember
    ada_held: RoleAssignment
    proposal: RoleProposal


def today() -> dt.date:
    return timezone.localdate()


def build_world(cast: Cast) -> World:
    d = cast.district
    mentor = actions.install_template(None, d, "iowa-mentor", activate=True)
    lead = actions.install_template(None, d, "iowa-lead", activate=True)
    council = actions.install_template(None, d, "council", activate=True)
    t = today()
    window = {"opens_on": t - dt.timedelta(days=3), "closes_on": t + dt.timedelta(days=10)}
    alder_posting = actions.create_posting(
        None, mentor, school=cast.alder, school_year=cast.year, **window
    )
    district_posting = actions.create_posting(
        None, council, school=None, school_year=cast.year, positions=2, **window
    )
    ada_app = actions.submit_application(
        None,
        alder_posting,
        cast.teacher_staff,
        statement="I mentor new teachers.",
        files=[],
        today=t,
    )
    ada_council = actions.submit_application(
        None, district_posting, cast.teacher_staff, statement="I want to serve.", files=[], today=t
    )
    ben_app = actions.submit_application(
        None,
        district_posting,
        cast.teacher_other_school_staff,
        statement="Council work matters.",
        files=[_evidence_file()],
        today=t,
    )
    for ev in ben_app.evidence.all():  # keep MEDIA_ROOT clean when the run ends normally
        atexit.register(ev.file.storage.delete, ev.file.name)
    rae_alder = actions.seat_reviewer(None, alder_posting, cast.reviewer_staff)
    rae_council = actions.seat_reviewer(None, district_posting, cast.reviewer_staff)
    ada_held = actions.assign_role(None, lead, cast.teacher_staff, cast.year)
    proposal = actions.submit_proposal(
        None,
        cast.teacher_staff,
        school=cast.alder,
        co_proposers=[],
        title="Data coach",
        problem="Teams do not use assessment data.",
        duties="Lead data meetings",
        release_percent=10,
        extra_days=3,
        stipend_dollars=1500,
        success_measure="Every team sets goals from data by October.",
    )
    return World(
        mentor,
        lead,
        council,
        alder_posting,
        district_posting,
        ada_app,
        ada_council,
        ben_app,
        rae_alder,
        rae_council,
        ada_held,
        proposal,
    )


def _evidence_file() -> CheckedUpload:
    upload = SimpleUploadedFile("reflection.txt", b"What I learned leading my team.", "text/plain")
    return check_upload(upload)


def world(cast: Cast) -> World:
    """The world for this cast, built once (the access matrix calls it from URL builders)."""
    found: Any = getattr(cast, "_roles_world", None)
    if found is None:
        found = build_world(cast)
        cast._roles_world = found  # type: ignore[attr-defined]
    return found
