"""A principal who moved from Alder (2024-25) to Birch (2025-26) keeps no leadership-role power
at Alder: not its current postings, applications, panels, role assignments or proposals."""

from __future__ import annotations

from typing import Any

import pytest

from lattice.roles import access
from tests.cast import Cast
from tests.roles.world import world

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world.with_args(world)]


def test_she_sees_none_of_her_old_schools_current_applications_or_assignments(
    cast: Cast,
) -> None:
    w = world(cast)
    mo = cast.user("moved_principal")
    assert w.ada_app not in set(access.applications_visible_to(mo))
    assert w.ada_held not in set(access.role_assignments_visible_to(mo))
    assert w.alder_posting not in set(access.postings_visible_to(mo))
    assert not access.can_manage_posting(mo, w.alder_posting)
    assert not access.can_decide_renewal(mo, w.ada_held)
    assert not access.can_review_as_principal(mo, w.proposal)


def test_she_cannot_post_at_her_old_school_this_year(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    client = client_for("moved_principal")
    form = client.get("/roles/postings/new/").context["form"]
    assert list(form.fields["school"].queryset) == [cast.birch]
    response = client.post(
        "/roles/postings/new/",
        {
            "role": w.mentor.pk,
            "school": cast.alder.pk,
            "school_year": cast.year.pk,
            "opens_on": "2026-12-01",
            "closes_on": "2026-12-20",
            "positions": 1,
        },
    )
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert not w.mentor.postings.filter(school=cast.alder).exclude(pk=w.alder_posting.pk)


def test_she_runs_her_new_schools_postings(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    response = client_for("moved_principal").post(
        "/roles/postings/new/",
        {
            "role": w.mentor.pk,
            "school": cast.birch.pk,
            "school_year": cast.year.pk,
            "opens_on": "2026-12-01",
            "closes_on": "2026-12-20",
            "positions": 1,
            "rubric": "",
        },
    )
    assert response.status_code == 302
    posting = w.mentor.postings.get(school=cast.birch)
    assert access.can_manage_posting(cast.user("moved_principal"), posting)
