"""Rubric descriptors: a cohort's rubric says what each score means, the office words it
where it creates the cohort, and the reviewer reads each meaning beside its score."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lattice.pathways.forms import ReviewForm
from lattice.pathways.models import Cohort
from lattice.pathways.models.applications import FOUR_LEVELS
from tests.cast import Cast
from tests.pathways.world import World, build_world

pytestmark = pytest.mark.shared_world.with_args(build_world)


@pytest.fixture
def world(cast: Cast) -> World:
    return build_world(cast)


def _new_cohort(client: Any, **fields: Any) -> Any:
    today = dt.date.today()
    body = {
        "form": "cohort",
        "name": "Model cohort 2",
        "transition_key": "peer-review-to-model",
        "register_opens": today,
        "register_closes": today + dt.timedelta(days=30),
        "submit_opens": today,
        "submit_closes": today + dt.timedelta(days=90),
        "domains": "",
        "max_per_domain": 4,
        "cut_score": 12,
        "reconcile_margin": 3,
        "level_descriptors": "",
    } | fields
    return client.post("/pathways/office/cohorts/", body)


def test_the_reviewer_reads_what_each_score_means_beside_it(world: World, client_for: Any) -> None:
    page = client_for("reviewer").get(f"/pathways/reviews/{world.review.pk}/").content.decode()
    assert f"1 (lowest) — {FOUR_LEVELS[0]}" in page
    assert f"3 — {FOUR_LEVELS[2]}" in page
    assert "4 (highest) — Leading: shown consistently and shared" in page


def test_a_cohort_made_without_descriptors_gets_lattices_four_levels(
    world: World, client_for: Any
) -> None:
    assert _new_cohort(client_for("officer")).status_code == 302
    assert Cohort.objects.get(name="Model cohort 2").level_descriptors == FOUR_LEVELS


def test_the_office_words_its_own_levels_and_the_review_form_shows_them(
    world: World, client_for: Any
) -> None:
    words = "Not seen\nBeginning\nSolid\nStrong\nExemplary"
    response = _new_cohort(
        client_for("officer"), max_per_domain=5, cut_score=15, level_descriptors=words
    )
    assert response.status_code == 302
    cohort = Cohort.objects.get(name="Model cohort 2")
    assert cohort.level_descriptors == words.splitlines()
    form = ReviewForm(domains=cohort.domains, top=5, descriptors=cohort.level_descriptors)
    labels = [label for _, label in form.fields["score_0"].choices]
    assert labels == ["1 (lowest) — Not seen", "2 — Beginning", "3 — Solid", "4 — Strong",
                      "5 (highest) — Exemplary"]  # fmt: skip


def test_a_line_too_few_names_the_field_and_how_many_lines_it_needs(
    world: World, client_for: Any
) -> None:
    response = _new_cohort(client_for("officer"), level_descriptors="Not seen\nSolid")
    assert response.status_code == 200
    assert "write one line for each score from 1 to 4 (4 lines, not 2)" in response.content.decode()
    assert not Cohort.objects.filter(name="Model cohort 2").exists()
