"""The pathways pages: what each shows, that reads never write, and query budgets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lattice.audit.models import AuditEntry
from lattice.pathways.models import Claim, Placement
from lattice.people.queries import today
from tests.cast import Cast
from tests.pathways.world import World, build_world, pdf

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world.with_args(build_world)]


@pytest.fixture
def world(cast: Cast) -> World:
    return build_world(cast)


def test_my_path_shows_standing_explanation_and_what_is_missing(
    world: World, client_for: Any
) -> None:
    page = client_for("teacher").get("/pathways/me/").content.decode()
    assert "Professional interval 4" in page
    assert '9 <span class="muted">(every 12 units move you up one interval' in page
    assert "Your 2025-26 rating of Effective earned you 9 units." in page
    assert "3 more units: e.g. 3 college credits or 45 PD hours" in page
    assert "<svg" in page


def test_the_what_if_panel_shows_the_result_and_saves_nothing(
    world: World, client_for: Any
) -> None:
    counts = (Claim.objects.count(), Placement.objects.count(), AuditEntry.objects.count())
    response = client_for("teacher").post(
        "/pathways/me/what-if/", {"credits": "3"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "Professional interval 5" in page
    assert "Your 3 college credits earned you 3 units." in page
    assert "you spent 12 units to move to Professional interval 5." in page
    assert counts == (Claim.objects.count(), Placement.objects.count(), AuditEntry.objects.count())


def test_the_what_if_panel_explains_bad_input(world: World, client_for: Any) -> None:
    response = client_for("teacher").post(
        "/pathways/me/what-if/", {"credits": "-4"}, HTTP_HX_REQUEST="true"
    )
    assert "College credits: Ensure this value is greater than or equal to 0." in (
        response.content.decode()
    )


def test_a_teacher_submits_a_claim_from_the_page(world: World, client_for: Any) -> None:
    response = client_for("teacher").post(
        "/pathways/me/claims/",
        {
            "kind": "credits",
            "title": "MAT 540",
            "quantity": "3",
            "completed": (today() - dt.timedelta(days=3)).isoformat(),
            "files": [pdf()],
        },
    )
    assert response.status_code == 302
    assert Claim.objects.filter(title="MAT 540", status="submitted").exists()


def test_a_late_claim_is_refused_on_the_page_with_the_policy_message(
    world: World, client_for: Any
) -> None:
    ended = today() - dt.timedelta(days=200)
    response = client_for("teacher").post(
        "/pathways/me/claims/",
        {
            "kind": "credits",
            "title": "MAT 540",
            "quantity": "3",
            "completed": ended.isoformat(),
            "files": [pdf()],
        },
    )
    assert f"this one ended on {ended} — ask the talent office for an exception" in (
        response.content.decode()
    )


def test_evidence_is_served_as_an_attachment_that_is_never_sniffed(
    world: World, client_for: Any
) -> None:
    response = client_for("officer").get(f"/pathways/files/{world.evidence_id}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_officer_queue_lists_the_oldest_claim_first_with_its_wait(
    world: World, client_for: Any
) -> None:
    page = client_for("officer").get("/pathways/office/claims/").content.decode()
    assert "EDU 610 Assessment" in page
    assert "Waited" in page


def test_verifying_from_the_queue_moves_the_teacher(world: World, client_for: Any) -> None:
    client_for("officer").post(f"/pathways/claims/{world.pending_claim.pk}/verify/")
    page = client_for("teacher").get("/pathways/me/").content.decode()
    assert '11 <span class="muted">(every 12 units move you up one interval' in page
    assert "Your 2 college credits earned you 2 units." in page


def test_a_principal_is_refused_the_application_page(world: World, client_for: Any) -> None:
    response = client_for("principal").get(f"/pathways/applications/{world.application.pk}/")
    assert response.status_code == 404


def test_the_applicant_sees_no_scores_before_the_decision(world: World, client_for: Any) -> None:
    from lattice.pathways import actions

    scores = dict.fromkeys(world.cohort.domains, 3)
    actions.submit_review(
        world.review.reviewer.user, world.review, scores=scores, comments="SECRET-COMMENT"
    )
    page = client_for("teacher").get(f"/pathways/applications/{world.application.pk}/")
    assert "SECRET-COMMENT" not in page.content.decode()


@pytest.mark.parametrize(
    ("persona", "url", "budget"),
    [
        ("teacher", "/pathways/me/", 40),
        ("officer", "/pathways/office/claims/", 20),
        ("officer", "/pathways/office/district/", 40),
        ("officer", "/pathways/office/payroll/", 20),
    ],
)
def test_busy_pages_stay_within_their_query_budget(
    world: World,
    client_for: Any,
    django_assert_max_num_queries: Any,
    persona: str,
    url: str,
    budget: int,
) -> None:
    client = client_for(persona)
    client.get(url)  # warm caches that are not per request
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_the_teacher_home_links_to_my_path_with_the_current_standing(
    world: World, client_for: Any
) -> None:
    page = client_for("teacher").get("/me/").content.decode()
    assert "Professional interval 4" in page
    assert 'href="/pathways/me/"' in page


def test_a_decision_never_redirects_off_site(world: World, client_for: Any) -> None:
    response = client_for("officer").post(
        f"/pathways/claims/{world.pending_claim.pk}/verify/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/pathways/office/claims/"


def test_the_claim_page_gives_the_same_wait_as_the_claims_queue(
    world: World, client_for: Any
) -> None:
    claim = Claim.objects.filter(status="submitted").order_by("submitted_on").first()
    assert claim is not None
    Claim.objects.filter(pk=claim.pk).update(submitted_on=today() - dt.timedelta(days=10))
    client = client_for("officer")
    queue = client.get("/pathways/office/claims/").context["rows"]
    assert next(r for r in queue if r.claim.pk == claim.pk).waited == "10 days"
    assert "waiting 10 days" in client.get(f"/pathways/claims/{claim.pk}/").content.decode()


def test_what_if_lists_a_contribution_even_when_its_wording_matches_one_shown_today() -> None:
    from lattice.pathways.views.teacher import added_lines

    class Line:
        def __init__(self, plain: str) -> None:
            self.plain, self.school_year = plain, "2025-26"
            self.unit = type("U", (), {"value": "units"})()

    same = Line("+1 unit from 3 college credits")
    again = Line("+1 unit from 3 college credits")
    assert added_lines([same], [same, again], "2025-26") == ["+1 unit from 3 college credits"]


def test_a_what_if_that_changes_no_pay_says_so_rather_than_zero_dollars(
    world: World, client_for: Any
) -> None:
    response = client_for("teacher").post(
        "/pathways/me/what-if/", {"pd_hours": "1"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "($0)" not in page
    if response.context.get("difference") == 0:
        assert "(no change in pay)" in page


def test_a_principal_who_never_taught_is_not_offered_my_path(world: World, client_for: Any) -> None:
    page = client_for("principal").get("/me/").content.decode()
    assert "Open My path" not in page
    assert 'href="/pathways/me/"' not in page


def test_the_my_path_chart_scales_with_the_page_and_does_not_scroll_sideways(
    world: World, client_for: Any
) -> None:
    page = client_for("teacher").get("/pathways/me/").content.decode()
    chart = page[page.index('<figure class="chart progress-chart"') :]
    chart = chart[: chart.index("</figure>")]
    assert 'viewBox="0 0 380 270"' in chart  # 14 px labels read at 12 px on a phone
    assert "scrolls sideways" not in chart
    assert "tabindex" not in chart


def test_a_cohort_names_its_move_in_words_not_its_policy_key(world: World, client_for: Any) -> None:
    page = client_for("officer").get("/pathways/office/cohorts/").content.decode()
    assert "<td>Peer review to model</td>" in page
    assert ">peer-review-to-model<" not in page


def test_on_a_phone_each_claim_is_a_card_with_its_columns_labelled(
    world: World, client_for: Any
) -> None:
    page = client_for("teacher").get("/pathways/me/claims/").content.decode()
    assert '<table class="cards-on-phone">' in page
    assert 'data-label="Status"' in page


def test_the_what_if_offers_the_district_labels_its_vocabulary_in_force_maps(
    world: World,
) -> None:
    from dataclasses import replace

    from lattice.pathways.compute import policy_of
    from lattice.pathways.queries import labels_in_use
    from lattice.people.models import District
    from lattice.rules.policy import Ratings, Vocabulary

    policy = policy_of(world.adoption)
    old = Vocabulary("old", dt.date(2000, 7, 1), dt.date(2020, 6, 30), (("Good", "2"),), "")
    new = Vocabulary("new", dt.date(2020, 7, 1), None, (("Effective", "2"), ("Exemplary", "3")), "")
    policy = replace(policy, ratings=Ratings(policy.ratings.levels, (old, new)))
    district = District(rating_labels=["Exemplary", "Good", "Unknown"])
    assert labels_in_use(policy, district, dt.date(2026, 1, 5)) == ["Exemplary"]
    assert labels_in_use(policy, district, dt.date(2010, 1, 5)) == ["Good"]
    # a district naming none of the vocabulary's labels is offered all of them
    assert labels_in_use(policy, District(rating_labels=[]), dt.date(2026, 1, 5)) == [
        "Effective",
        "Exemplary",
    ]


def _my_path(client_for: Any, who: str = "teacher", url: str = "/pathways/me/") -> str:
    return str(client_for(who).get(url).content.decode())


def _between(page: str, start: str, end: str) -> str:
    part = page[page.index(start) :]
    return part[: part.index(end)]


def test_on_a_phone_each_year_of_my_path_is_a_card_with_its_pay_in_view(
    world: World, client_for: Any
) -> None:
    page = _my_path(client_for)
    table = page[page.rindex("<table", 0, page.index("<caption>Year by year")) :]
    years = table[: table.index("</table>")]
    assert years.startswith('<table class="cards-on-phone">')
    assert 'data-label="Pay"' in years
    assert 'data-label="Units banked"' in years


def test_units_earned_in_all_is_the_engines_total_and_says_what_it_counts(
    world: World, cast: Cast, client_for: Any
) -> None:
    from lattice.pathways.compute import compute

    earned = compute(cast.teacher_staff, today(), with_moves=False).standing.units_earned
    page = _my_path(client_for)
    fact = _between(page, "<dt>Units earned in all</dt>", "</dd>")
    assert f"<dd>{earned} " in fact
    assert earned > 0
    assert "ratings, college credits, PD hours and verified claims have earned" in fact
    assert "Claims waiting for review count once they are verified" in fact  # Ada has one


def test_my_path_says_the_next_step_once(world: World, client_for: Any) -> None:
    page = _my_path(client_for)
    assert page.count("3 more units: e.g. 3 college credits or 45 PD hours") == 1
    assert "more move you to" not in page  # the banked sentence repeated the next step


def test_teacher_pages_name_the_policy_by_title_and_version_not_its_key(
    world: World, client_for: Any
) -> None:
    adoption = world.adoption
    for url in ("/pathways/me/", "/pathways/me/statement/"):
        page = _my_path(client_for, url=url)
        assert f"{adoption.policy_name}, version {adoption.version}" in page
        assert adoption.policy_key not in page, url


def test_the_office_sees_the_policy_key_beside_its_title(
    world: World, cast: Cast, client_for: Any
) -> None:
    page = _my_path(client_for, "officer", f"/pathways/office/staff/{cast.teacher_staff.pk}/")
    assert f"<code>{world.adoption.policy_key}</code>" in page


def test_a_principal_is_told_the_statement_is_for_teachers_and_offered_no_print(
    world: World, client_for: Any
) -> None:
    page = _my_path(client_for, "principal", "/pathways/me/statement/")
    assert "The career pathway statement is for teachers on a pathway" in page
    assert "Standing not computed yet" not in page
    assert "data-print" not in page
    assert "Printable statement" not in _my_path(client_for, "principal")


def test_a_principal_is_not_offered_the_claim_form_and_cannot_post_one(
    world: World, client_for: Any
) -> None:
    client = client_for("principal")
    page = client.get("/pathways/me/claims/").content.decode()
    assert "Claims count toward a teacher's career pathway" in page
    assert "Submit claim" not in page
    claims = Claim.objects.count()
    response = client.post("/pathways/me/claims/", {"kind": "credits", "title": "EDU 500"})
    assert response.status_code == 403
    assert Claim.objects.count() == claims
