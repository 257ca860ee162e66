"""Adopting a policy: the preview first, then every standing recomputed with history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from lattice.audit.models import AuditEntry
from lattice.pathways import actions
from lattice.pathways.models import Placement, PolicyAdoption, Standing
from lattice.pathways.policies import district_copy, parse_policy, shipped_text
from lattice.pathways.preview import plan_adoption
from lattice.pathways.queries import standing_for
from tests.cast import Cast
from tests.pathways.world import START, adopt, northfield_policy

pytestmark = pytest.mark.django_db


def _plan(cast: Cast, text: str, effective: dt.date) -> object:
    return plan_adoption(cast.district, parse_policy(text), effective)


def test_the_preview_counts_who_changes_and_writes_nothing(cast: Cast) -> None:
    plan = _plan(cast, northfield_policy(cast), START)
    summary = plan.summary()  # type: ignore[attr-defined]
    assert summary["teachers"] == 3  # Ada, Ben and Rae teach; principals are not on pathways
    assert summary["gain"] == 3
    assert summary["cost"] == summary["after_total"]
    assert not Placement.objects.exists()
    assert not Standing.objects.exists()


def test_each_gain_in_the_preview_comes_with_its_explanation(cast: Cast) -> None:
    plan = _plan(cast, northfield_policy(cast), START)
    ada = next(r for r in plan.rows if r.staff_id == cast.teacher_staff.pk)  # type: ignore[attr-defined]
    assert ada.after == "Standard interval 2"
    assert "Your 2025-26 rating of Effective earned you 9 units." in ada.explanation


def test_a_second_policy_previews_who_gains_and_who_loses(cast: Cast) -> None:
    adopt(cast)
    text = northfield_policy(cast).replace("48349", "49349").replace("46774", "45774")
    plan = _plan(cast, text, dt.date(2025, 7, 1))
    moved = {r.staff_id: r.difference for r in plan.rows}  # type: ignore[attr-defined]
    assert moved == {
        cast.teacher_staff.pk: 1000,
        cast.teacher_other_school_staff.pk: 1000,
        cast.reviewer_staff.pk: -1000,
    }
    assert plan.summary()["cost"] == 1000  # type: ignore[attr-defined]


def test_adoption_places_every_teacher_year_by_year(cast: Cast) -> None:
    adoption = adopt(cast)
    rows = list(
        Placement.objects.filter(staff_member=cast.teacher_staff).order_by("effective_on", "id")
    )
    assert [r.standing_label for r in rows] == ["Standard interval 1", "Standard interval 2"]
    assert {r.adoption for r in rows} == {adoption}
    assert Standing.objects.get(staff_member=cast.teacher_staff).snapshot["explanation"]
    assert not Placement.objects.filter(staff_member=cast.principal_staff).exists()


def test_adoption_is_audited_with_the_policy_checksum(cast: Cast) -> None:
    adoption = adopt(cast)
    entry = AuditEntry.objects.get(action="pathways.policy.adopt")
    assert entry.after["sha256"] == adoption.sha256
    assert PolicyAdoption.objects.get().toml_text == northfield_policy(cast)


def test_a_date_outside_the_policy_is_refused_with_the_fix(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="adopt a district copy"):
        actions.adopt_policy(
            cast.user("officer"),
            cast.district,
            toml_text=shipped_text("baltimore-2010.toml"),
            effective_from=dt.date(2025, 7, 1),
            origin="baltimore-2010.toml",
        )
    assert not PolicyAdoption.objects.exists()


def test_a_broken_policy_names_the_line_and_the_fix(cast: Cast) -> None:
    text = northfield_policy(cast).replace('model = "ledger"', 'model = "ledgr"')
    with pytest.raises(ValidationError) as refused:
        actions.adopt_policy(
            cast.user("officer"),
            cast.district,
            toml_text=text,
            effective_from=START,
            origin="uploaded",
        )
    assert "line" in refused.value.messages[0]
    assert "model" in refused.value.messages[0]


def test_a_district_copy_keeps_the_rules_and_changes_only_the_dates(cast: Cast) -> None:
    original = shipped_text("baltimore-2010.toml")
    copy = district_copy(original, START, "Northfield")
    assert "effective_to" not in copy.split("[policy.sources]")[0]
    assert copy.split("[policy.sources]")[1] == original.split("[policy.sources]")[1]


def test_a_starting_placement_counts_only_later_facts(cast: Cast) -> None:
    actions.record_starting_placement(
        cast.user("officer"), cast.teacher_staff, on=START, pathway="professional", interval=3
    )
    adopt(cast)
    read = standing_for(cast.teacher_staff)
    assert read.fresh
    assert read.standing is not None
    assert read.standing.standing_label == "Professional interval 4"


def test_a_starting_placement_on_an_unknown_pathway_is_refused(cast: Cast) -> None:
    adopt(cast)
    with pytest.raises(ValidationError, match="use one of: standard, professional, model, lead"):
        actions.record_starting_placement(
            cast.user("officer"), cast.teacher_staff, on=START, pathway="expert"
        )


def test_the_adoption_preview_lists_changes_before_anything_is_saved(
    cast: Cast, client_for: Any
) -> None:
    client = client_for("officer")
    response = client.post(
        "/pathways/office/policy/",
        {"shipped": "baltimore-2010.toml", "effective_from": "2024-07-01", "district_copy": "on"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Preview: Baltimore City career pathways" in page
    assert "Ada Teacher" in page
    assert "Crosswalk" in page
    assert not Placement.objects.exists()
