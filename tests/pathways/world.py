"""Pathways data on top of the persona cast, made only through the app's actions.

Northfield adopts a district copy of ``baltimore-2010`` from 2024-07-01 (the shipped file ends
in 2024; the copy keeps every rule and drops the end date). Then:

- Ada Teacher (``teacher``, Alder) was placed on Professional interval 3 when the policy
  started, holds an SPC, and has 9 units banked from 135 verified PD hours; she has one
  claim waiting (2 college credits with a transcript) and a submitted Model application that
  Rae Reviewer (``reviewer``, Birch) is assigned to;
- Ben Other and Rae Reviewer sit on the review panel (both at Birch, so both may review Ada).

Built once per cast (the access matrix calls the row URLs many times).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from lattice.pathways import actions
from lattice.pathways.models import Application, Claim, Cohort, PolicyAdoption, ReviewAssignment
from lattice.pathways.policies import district_copy, shipped_text
from lattice.people import actions as people_actions
from lattice.people.queries import today
from tests.cast import Cast
from tests.files import pdf_bytes, png_bytes

START = dt.date(2024, 7, 1)
PDF = pdf_bytes()
PNG = png_bytes()


def pdf(name: str = "transcript.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def northfield_policy(cast: Cast) -> str:
    return district_copy(shipped_text("baltimore-2010.toml"), START, cast.district.name)


@dataclass
class World:
    adoption: PolicyAdoption
    pending_claim: Claim
    cohort: Cohort
    application: Application
    review: ReviewAssignment

    @property
    def evidence_id(self) -> int:
        return self.pending_claim.evidence.get().pk


def adopt(cast: Cast) -> PolicyAdoption:
    adoption, _, problems = actions.adopt_policy(
        cast.user("officer"),
        cast.district,
        toml_text=northfield_policy(cast),
        effective_from=START,
        origin="baltimore-2010.toml",
    )
    assert problems == []
    return adoption


def private_media_in_tmp() -> None:
    """Keep test uploads out of the repository's ``var/private`` (once per process)."""
    if not str(settings.MEDIA_ROOT).startswith(tempfile.gettempdir()):
        override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="lattice-test-media-")).enable()


def build_world(cast: Cast) -> World:
    existing = getattr(cast, "_pathways_world", None)
    if existing is not None:
        return existing
    private_media_in_tmp()
    officer = cast.user("officer")
    ada = cast.teacher_staff
    people_actions.add_certificate(
        None, ada, kind="Standard Professional Certificate", issued=dt.date(2020, 7, 1)
    )
    actions.record_starting_placement(
        officer, ada, on=START, pathway="professional", interval=3, reason="conversion"
    )
    adoption = adopt(cast)
    on = today()
    pd = actions.submit_claim(
        ada.user,
        ada,
        kind="pd_hours",
        title="Literacy institute",
        quantity=135,
        completed=on - dt.timedelta(days=20),
        files=[pdf("certificate.pdf")],
    )
    actions.verify_claim(officer, pd)
    pending = actions.submit_claim(
        ada.user,
        ada,
        kind="credits",
        title="EDU 610 Assessment",
        provider="State University",
        quantity=2,
        completed=on - dt.timedelta(days=10),
        files=[pdf()],
    )
    for staff in (cast.reviewer_staff, cast.teacher_other_school_staff):
        actions.add_panel_member(officer, cast.district, staff)
    cohort = actions.create_cohort(
        officer,
        cast.district,
        name="Model cohort 1",
        transition_key="peer-review-to-model",
        register_opens=on - dt.timedelta(days=5),
        register_closes=on + dt.timedelta(days=30),
        submit_opens=on - dt.timedelta(days=5),
        submit_closes=on + dt.timedelta(days=90),
        cut_score=Decimal("12"),
        reconcile_margin=Decimal("3"),
    )
    application = actions.register_application(ada.user, ada, cohort)
    for domain in cohort.domains:
        actions.add_artifact(
            ada.user,
            application,
            domain=domain,
            title=f"{domain}: evidence",
            description="What my students did.",
            link="https://video.example.org/lesson",
        )
    application = actions.submit_application(ada.user, application)
    review = actions.assign_reviewer(officer, application, cast.reviewer_staff)
    world = World(adoption, pending, cohort, application, review)
    cast._pathways_world = world  # type: ignore[attr-defined]
    return world


def w(cast: Cast) -> World:
    return build_world(cast)


def data(**values: Any) -> Any:
    return lambda cast: values


def draft(cast: Cast) -> Any:
    """A preview of switching Northfield to Prince William County's step-and-lane scale from
    today (a district copy), on top of the world; built once per cast."""
    existing = getattr(cast, "_pathways_draft", None)
    if existing is not None:
        return existing
    build_world(cast)
    text = district_copy(shipped_text("step-and-lane-pwcs-2020.toml"), today(), cast.district.name)
    made = actions.save_adoption_draft(
        cast.user("officer"), cast.district, toml_text=text, effective_from=today(),
        origin="step-and-lane-pwcs-2020.toml (district copy)",
    )  # fmt: skip
    cast._pathways_draft = made  # type: ignore[attr-defined]
    return made
