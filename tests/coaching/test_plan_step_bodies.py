"""A plan step forms the council it asks for, or links one the district has, and the plan
shows how far it has come — with the real councils app behind the registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lattice.audit.models import AuditEntry
from lattice.coaching import actions, queries
from lattice.coaching.models import PlanStep
from lattice.councils import actions as council_actions
from lattice.councils.models import Body
from lattice.lib import plan_links
from lattice.lib.plan_links import BodyStage
from tests import query_budgets
from tests.cast import Cast
from tests.coaching.world import World, world

pytestmark = pytest.mark.django_db

DRAFT = {
    "former": "councils",
    "name": "Alder curriculum council",
    "kind": "curriculum_council",
    "purpose": "Recommends the units Alder teaches.",
}


@pytest.fixture
def w(cast: Cast) -> World:
    return world(cast)


@pytest.fixture
def step(cast: Cast, w: World) -> PlanStep:
    return actions.add_step(
        None, w.plan, title="Form a curriculum council", due_on=cast.year.end,
        measure="It recommends the units",
    )  # fmt: skip


def _status(step: PlanStep) -> plan_links.LinkedBody | None:
    step.refresh_from_db()
    return queries.plan_summary(step.plan).bodies.get(step.pk)


def test_the_step_page_offers_a_draft_named_after_the_school_with_the_kind_its_title_names(
    cast: Cast, step: PlanStep, client_for: Callable[[str], Client]
) -> None:
    page = client_for("officer").get(f"/coaching/steps/{step.pk}/body/").content.decode()
    assert f'value="{cast.alder.name} curriculum council"' in page
    assert '<option value="curriculum_council" selected>' in page
    assert "District curriculum council" in page  # one to link instead


def test_the_office_previews_then_forms_the_council_and_the_plan_shows_it_formed(
    cast: Cast, step: PlanStep, client_for: Callable[[str], Client]
) -> None:
    office = client_for("officer")
    url = f"/coaching/steps/{step.pk}/body/"
    preview = office.post(url, DRAFT)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "What it writes in the councils register" in text
    assert cast.alder.name in text  # it serves the plan's school
    assert not Body.objects.filter(name=DRAFT["name"]).exists()  # a preview writes nothing

    formed = office.post(url, DRAFT | {"confirm": "yes"})
    assert formed["Location"] == f"/coaching/plans/{step.plan_id}/"
    body = Body.objects.get(name=DRAFT["name"])
    assert (body.kind, body.scope) == ("curriculum_council", "school")
    assert body.school_id == cast.alder.pk
    linked = _status(step)
    assert linked is not None
    assert (step.body_former, step.body_ref) == ("councils", body.pk)
    assert linked.stage is BodyStage.FORMED
    assert linked.status.endswith("no seats yet")
    actions_logged = set(
        AuditEntry.objects.filter(
            action__in=["councils.body.create", "coaching.plan_step.form"]
        ).values_list("action", flat=True)
    )
    assert actions_logged == {"councils.body.create", "coaching.plan_step.form"}
    with CaptureQueriesContext(connection) as ran:
        plan_page = office.get(f"/coaching/plans/{step.plan_id}/").content.decode()
    query_budgets.check(f"/coaching/plans/{step.plan_id}/", len(ran), "with a linked council")
    assert f'href="/councils/{body.pk}/"' in plan_page
    assert "Formed" in plan_page


def test_a_step_forms_one_body_only(
    cast: Cast, step: PlanStep, client_for: Callable[[str], Client]
) -> None:
    office = client_for("officer")
    url = f"/coaching/steps/{step.pk}/body/"
    office.post(url, DRAFT | {"confirm": "yes"})
    again = office.post(url, DRAFT | {"name": "A second council", "confirm": "yes"})
    assert again.status_code == 200
    assert "already links a body" in again.content.decode()
    assert not Body.objects.filter(name="A second council").exists()


def test_a_name_the_district_already_has_is_refused_in_the_preview_and_nothing_is_written(
    step: PlanStep, client_for: Callable[[str], Client]
) -> None:
    response = client_for("officer").post(
        f"/coaching/steps/{step.pk}/body/",
        DRAFT | {"name": "District curriculum council", "confirm": "yes"},
    )
    assert response.status_code == 200
    assert "already has a body called" in unescape(response.content.decode())
    assert Body.objects.filter(name="District curriculum council").count() == 1
    step.refresh_from_db()
    assert step.body_former == ""


def test_the_principal_links_an_existing_council_but_the_office_forms_them(
    w: World, step: PlanStep, client_for: Callable[[str], Client]
) -> None:
    pat = client_for("principal")
    refused = pat.post(f"/coaching/steps/{step.pk}/body/", DRAFT | {"confirm": "yes"})
    assert "Only the district's talent office forms a council" in unescape(refused.content.decode())
    assert not Body.objects.filter(name=DRAFT["name"]).exists()

    linked = pat.post(
        f"/coaching/steps/{step.pk}/body/link/", {"former": "councils", "body": w.council.pk}
    )
    assert linked.status_code == 302
    status = _status(step)
    assert status is not None
    assert status.name == "District curriculum council"
    entry = AuditEntry.objects.get(action="coaching.plan_step.link")
    assert entry.summary == "District curriculum council"


def test_the_status_follows_the_council_from_formed_to_seated_to_first_meeting_held(
    cast: Cast, w: World, step: PlanStep
) -> None:
    actions.link_step_body(None, step, "councils", w.council.pk)
    seat = council_actions.add_seat(
        None, w.council, label="Teacher seat", position="member", selection="appointed"
    )
    assert _status(step).stage is BodyStage.FORMED  # type: ignore[union-attr]
    assert "0 of 1 seat filled" in _status(step).status  # type: ignore[union-attr]
    start = timezone.localdate() - dt.timedelta(days=10)
    council_actions.fill_seat(None, seat, cast.teacher_staff, start=start)
    seated = _status(step)
    assert seated is not None
    assert seated.stage is BodyStage.SEATED
    assert seated.status == "Its one seat filled; no meeting held yet"

    began = timezone.now() - dt.timedelta(days=2)
    meeting = council_actions.schedule_meeting(
        None, w.council, title="First meeting", starts_at=began,
        ends_at=began + dt.timedelta(hours=1),
    )  # fmt: skip
    assert _status(step).stage is BodyStage.SEATED  # type: ignore[union-attr]  # nobody recorded
    council_actions.record_attendance(None, meeting, cast.teacher_staff, "present")
    met = _status(step)
    assert met is not None
    assert met.stage is BodyStage.MET
    assert met.status.startswith("First meeting held on ")


def test_a_council_of_another_district_cannot_be_linked(cast: Cast, step: PlanStep) -> None:
    far = council_actions.create_body(
        None, cast.other_district, name="Far council", kind="curriculum_council", purpose="x"
    )
    with pytest.raises(actions.CoachingError, match="open council of this district"):
        actions.link_step_body(None, step, "councils", far.pk)
    step.refresh_from_db()
    assert step.body_ref is None


def test_without_an_app_that_keeps_bodies_the_plan_offers_none(
    monkeypatch: pytest.MonkeyPatch, step: PlanStep, client_for: Callable[[str], Client]
) -> None:
    monkeypatch.setattr(plan_links, "_formers", {})
    office = client_for("officer")
    assert "Form or link" not in office.get(f"/coaching/plans/{step.plan_id}/").content.decode()
    assert office.get(f"/coaching/steps/{step.pk}/body/").status_code == 404
