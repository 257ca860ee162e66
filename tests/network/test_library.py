"""The library's writes: adding resources, and copying a role or a policy into a member
district through the roles and pathways apps' own actions, with the source kept."""

from __future__ import annotations

from typing import Any

import pytest

from lattice.audit.models import AuditEntry
from lattice.network import actions
from lattice.network.models import Resource, ResourceCopy, ResourceKind
from lattice.pathways.models import AdoptionDraft
from lattice.people import actions as people_actions
from lattice.roles.models import LeadershipRole, RoleStatus
from tests.network.world import world


def test_copying_a_role_description_adds_a_draft_role_citing_the_library(cast: Any) -> None:
    w = world(cast)
    made = actions.copy_into_district(cast.users["officer"], w.role, cast.district)
    role = LeadershipRole.objects.get(
        district=cast.district, title="Teaching and Learning Specialist"
    )
    assert role.status == RoleStatus.DRAFT
    assert role.release_percent == 50
    assert role.stipend_dollars == 3000
    assert role.duties == "Observe on request\nModel lessons"
    assert "River Valley Network library" in role.source
    assert "DESE, New Bedford case" in role.source
    assert made.link == f"/roles/catalogue/{role.pk}/"
    assert AuditEntry.objects.filter(action="roles.role.create", district=cast.district).exists()
    assert AuditEntry.objects.filter(action="network.resource.copy").exists()


def test_copying_a_role_the_district_already_has_is_refused_naming_it(cast: Any) -> None:
    w = world(cast)
    actions.copy_into_district(None, w.role, cast.district)
    with pytest.raises(
        actions.NetworkError, match="already has “Teaching and Learning Specialist”"
    ):
        actions.copy_into_district(None, w.role, cast.district)
    keys = list(LeadershipRole.objects.filter(district=cast.district).values_list("key", flat=True))
    assert keys == ["teaching-and-learning-specialist"]


def test_copying_a_policy_makes_an_adoption_draft_that_pays_nobody_yet(cast: Any) -> None:
    w = world(cast)
    made = actions.copy_into_district(cast.users["officer"], w.policy, cast.district)
    draft = AdoptionDraft.objects.get(district=cast.district)
    assert draft.policy_key == "iowa-tlc-2013"
    assert "River Valley Network library" in draft.origin
    assert "District copy for Northfield Public Schools" in draft.toml_text
    assert made.link == f"/pathways/office/policy/drafts/{draft.pk}/"
    assert not AuditEntry.objects.filter(action="pathways.policy.adopt").exists()


def test_a_case_study_is_read_not_copied(cast: Any) -> None:
    w = world(cast)
    with pytest.raises(actions.NetworkError, match="only role descriptions and policies"):
        actions.copy_into_district(None, w.case_study, cast.district)
    assert not ResourceCopy.objects.exists()


def test_a_district_outside_the_network_cannot_copy(cast: Any) -> None:
    w = world(cast)
    outsider = people_actions.create_district(None, key="elsewhere", name="Elsewhere Schools")
    with pytest.raises(actions.NetworkError, match="not a member"):
        actions.copy_into_district(None, w.role, outsider)
    assert not LeadershipRole.objects.filter(district=outsider).exists()


def test_a_policy_that_does_not_parse_is_refused_naming_the_problem(cast: Any) -> None:
    with pytest.raises(actions.NetworkError, match="policy_toml"):
        actions.add_resource(
            None, cast.network, kind=ResourceKind.POLICY, title="Broken", summary="x",
            source_title="y", policy_toml="[policy]\nkey = 3\n",
        )  # fmt: skip
    assert not Resource.objects.filter(title="Broken").exists()


def test_a_resource_needs_its_source(cast: Any) -> None:
    with pytest.raises(actions.NetworkError, match="source_title: required"):
        actions.add_resource(
            None, cast.network, kind=ResourceKind.CASE_STUDY, title="T", summary="S",
            source_title=" ",
        )  # fmt: skip


def test_the_copy_page_copies_for_the_officer_and_says_what_it_became(
    cast: Any, client_for: Any
) -> None:
    w = world(cast)
    client = client_for("officer")
    response = client.post(
        f"/network/river-valley/library/{w.role.pk}/copy/", {"district": "northfield"}, follow=True
    )
    assert (
        "Draft role “Teaching and Learning Specialist” in the catalogue"
        in response.content.decode()
    )


def test_another_districts_officer_cannot_copy_into_northfield(cast: Any, client_for: Any) -> None:
    w = world(cast)
    response = client_for("other_officer").post(
        f"/network/river-valley/library/{w.role.pk}/copy/", {"district": "northfield"}
    )
    assert response.status_code == 404
    assert not LeadershipRole.objects.filter(district=cast.district).exists()


def test_the_library_page_searches_and_filters_by_tag(cast: Any, client_for: Any) -> None:
    world(cast)
    client = client_for("teacher")
    page = client.get("/network/river-valley/library/", {"q": "trust"}).content.decode()
    assert "Slow and steady: building trust" in page
    assert "Iowa TLC (2013)" not in page
    page = client.get("/network/river-valley/library/", {"tag": "policy"}).content.decode()
    assert "Iowa TLC (2013)" in page
    assert "Slow and steady" not in page
