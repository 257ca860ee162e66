"""A principal who moved schools: the school they lead now is home; the old one keeps only its
past years (Mo Moved led Alder in 2024-25 and co-leads Birch in 2025-26)."""

from __future__ import annotations

from lattice.people.access import ratings_visible_to, scope_for


def test_a_moved_principal_lands_on_the_school_she_leads_now(cast, client_for):
    response = client_for("moved_principal").get("/")
    assert response["Location"] == f"/schools/{cast.birch.pk}/"


def test_her_navigation_names_the_school_she_leads_now_first(cast, client_for):
    page = client_for("moved_principal").get(f"/schools/{cast.birch.pk}/").content.decode()
    assert page.index("Birch Middle") < page.index("Alder Elementary")


def test_she_reads_her_old_schools_ratings_only_for_the_year_she_led_it(cast):
    ratings = ratings_visible_to(cast.user("moved_principal"), cast.teacher_staff)
    assert [r.school_year.label for r in ratings] == ["2024-25"]


def test_she_leads_birch_now_and_alder_no_longer(cast):
    scope = scope_for(cast.user("moved_principal"))
    assert scope.current_led_school_ids() == {cast.birch.pk}
    assert scope.leads(cast.alder.pk, cast.last_year.pk)
    assert not scope.leads(cast.alder.pk, cast.year.pk)
