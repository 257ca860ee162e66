"""Rubric descriptors on role postings: the officer words what each score of each criterion
looks like on the posting form, a bad rubric is refused with a sentence naming the line and
the fix, a seated reviewer picks each score by its sentence, and totals add up as before."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

import pytest

from lattice.roles import actions, queries
from lattice.roles.forms import NOTHING_SHOWS_IT, parse_rubric, score_form
from lattice.roles.models import DEFAULT_RUBRIC, Posting
from tests.cast import Cast
from tests.roles.world import World, today, world

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world.with_args(world)]

ROUTES = ["Names no school", "Names two schools", "Names most schools", "Knows every school"]


def _rubric_text(top: int = 4, levels: list[str] | None = None) -> str:
    lines = [f"Knows the schools | {top}"]
    lines += [f"{n}: {words}" for n, words in enumerate(levels or ROUTES, start=1)]
    return "\n".join(lines)


def _post(client: Any, w: World, cast: Cast, rubric: str) -> Any:
    return client.post(
        "/roles/postings/new/",
        {
            "role": w.council.pk,
            "school": "",
            "school_year": cast.year.pk,
            "opens_on": today(),
            "closes_on": today(),
            "positions": 1,
            "rubric": rubric,
        },
    )


def test_the_officer_words_each_level_and_the_posting_keeps_them(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    assert _post(client_for("officer"), w, cast, _rubric_text()).status_code == 302
    posting = w.council.postings.order_by("-pk").first()
    assert posting is not None
    assert posting.rubric == [
        {"key": "knows-the-schools", "label": "Knows the schools", "max": 4, "levels": ROUTES}
    ]


def test_the_posting_form_starts_with_the_standard_rubric_worded_level_by_level(
    client_for: Any,
) -> None:
    page = client_for("officer").get("/roles/postings/new/").content.decode()
    practice = DEFAULT_RUBRIC[0]
    assert f"{practice['label']} | 4" in page
    assert f"1: {practice['levels'][0]}" in page
    assert parse_rubric("") == DEFAULT_RUBRIC


@pytest.mark.parametrize(
    ("rubric", "sentence"),
    [
        (
            "Knows the schools | 4\n1: Names no school\n2: Names two schools",
            "Line 1: under “Knows the schools”, write one line for each score from 1 to 4 "
            "(4 lines, not 2), each like '3: what a 3 looks like' (still to write: 3, 4).",
        ),
        (
            "Knows the schools | 2\n1: Names no school\n3: Knows them all",
            "Line 3: describe the scores of “Knows the schools” in order from 1; this line "
            "should start '2:', not '3:'.",
        ),
        (
            "Knows the schools | 1\n1: Names one\n2: Names two",
            "Line 3: “Knows the schools” goes up to 1 points, so it has no score 2; raise its "
            "most points or remove the line.",
        ),
        (
            "1: Names no school\nKnows the schools | 1",
            "Line 1: a score's description goes under its criterion",
        ),
        ("Knows the schools | 1\n1:", "Line 2: say what a 1 looks like after '1:'."),
    ],
)
def test_a_rubric_whose_levels_do_not_fit_is_refused_with_the_line_and_the_fix(
    cast: Cast, client_for: Any, rubric: str, sentence: str
) -> None:
    w = world(cast)
    before = Posting.objects.count()
    response = _post(client_for("officer"), w, cast, rubric)
    assert response.status_code == 200
    assert sentence in html.unescape(response.content.decode())
    assert Posting.objects.count() == before


def test_a_posting_made_without_the_form_cannot_skip_a_level(cast: Cast) -> None:
    w = world(cast)
    criterion = {"key": "schools", "label": "Knows the schools", "max": 4, "levels": ROUTES[:3]}
    with pytest.raises(actions.RoleError, match="4 lines, not 3"):
        actions.create_posting(
            None,
            w.council,
            school=None,
            school_year=cast.year,
            opens_on=today(),
            closes_on=today(),
            rubric=[criterion],
        )


def test_a_seated_reviewer_picks_each_score_by_what_it_looks_like(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    response = client_for("reviewer").get(f"/roles/applications/{w.ada_app.pk}/score/")
    page = html.unescape(response.content.decode())
    for criterion in w.alder_posting.rubric:
        assert f"<legend>{criterion['label']}</legend>" in page
        for level in criterion["levels"]:
            assert level in page
    assert "1 (lowest)" not in page  # 0 is the lowest: nothing in the application shows it
    assert f"0 (lowest) — {NOTHING_SHOWS_IT}" in page
    assert "4 (highest) — " + DEFAULT_RUBRIC[2]["levels"][3] in page
    assert 'type="radio" name="points_practice" value="3"' in page
    assert 'type="number"' not in page


def test_someone_not_on_the_panel_never_sees_the_scoring_page(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    assert (
        client_for("teacher").get(f"/roles/applications/{w.ada_app.pk}/score/").status_code == 404
    )


def test_scores_picked_by_descriptor_add_up_as_before(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    url = f"/roles/applications/{w.ada_app.pk}/score/"
    data = {"points_practice": "3", "points_peers": "0", "points_plan": "4"}
    assert client_for("reviewer").post(url, data).status_code == 302
    [ranked] = [r for r in queries.ranking(w.alder_posting) if r.application == w.ada_app]
    assert ranked.mean_total == Decimal("7.00")
    assert w.alder_posting.max_points() == 12


def test_a_missing_score_names_the_criterion(cast: Cast) -> None:
    form = score_form(DEFAULT_RUBRIC, {"points_practice": "3", "points_plan": "4"})
    assert not form.is_valid()
    assert form.errors["points_peers"] == [f"Choose a score for “{DEFAULT_RUBRIC[1]['label']}”."]


def test_a_criterion_written_before_descriptors_still_scores_by_number() -> None:
    form = score_form([{"key": "old", "label": "Old criterion", "max": 3}], {"points_old": "2"})
    labels = [label for _, label in form.fields["points_old"].choices]
    assert labels == [f"0 (lowest) — {NOTHING_SHOWS_IT}", "1", "2", "3 (highest)"]
    assert form.is_valid()
    assert form.cleaned_data["points_old"] == 2
