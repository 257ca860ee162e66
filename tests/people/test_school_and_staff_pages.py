"""The principal's school page, the person page and the talent office's directory."""

from __future__ import annotations

from lattice.people import actions
from lattice.people.models import Position


def _add_teacher(
    cast, employee_id, given, family, school, subject, grades, year=None, position=Position.TEACHER
):
    staff, _ = actions.save_staff_member(
        None, cast.district, employee_id=employee_id, given_name=given, family_name=family
    )
    actions.add_assignment(
        None,
        staff,
        school=school,
        school_year=year or cast.year,
        position=position,
        subject=subject,
        grades=grades,
    )
    return staff


def test_principal_sees_their_school_staff_for_the_current_year(cast, client_for):
    response = client_for("principal").get(f"/schools/{cast.alder.pk}/")
    names = {p.display_name for p in response.context["page"].object_list}
    assert names == {"Ada Teacher", "Pat Principal"}
    assert response.context["year"] == cast.year


def test_principal_searches_by_name_and_employee_id(cast, client_for):
    _add_teacher(cast, "N3001", "Cleo", "Nguyen", cast.alder, "Science", "6-8")
    client = client_for("principal")
    url = f"/schools/{cast.alder.pk}/"
    by_name = client.get(url, {"q": "nguy"}).context["page"].object_list
    by_id = client.get(url, {"q": "N1001"}).context["page"].object_list
    assert [p.family_name for p in by_name] == ["Nguyen"]
    assert [p.family_name for p in by_id] == ["Teacher"]


def test_principal_filters_by_subject_grades_and_position(cast, client_for):
    _add_teacher(cast, "N3001", "Cleo", "Nguyen", cast.alder, "Science", "6-8")
    client = client_for("principal")
    url = f"/schools/{cast.alder.pk}/"

    def names(**params):
        return {p.family_name for p in client.get(url, params).context["page"].object_list}

    assert names(subject="Science") == {"Nguyen"}
    assert names(grades="3-5") == {"Teacher", "Principal"}
    assert names(position="principal") == {"Principal"}
    assert names(subject="Science", grades="3-5") == set()


def test_an_unknown_filter_value_is_ignored_rather_than_failing(cast, client_for):
    response = client_for("principal").get(
        f"/schools/{cast.alder.pk}/", {"subject": "Alchemy", "sort": "bogus"}
    )
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 2


def test_htmx_requests_get_only_the_results_partial(cast, client_for):
    client = client_for("principal")
    url = f"/schools/{cast.alder.pk}/"
    full = client.get(url, {"q": "Ada"}).content.decode()
    partial = client.get(url, {"q": "Ada"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full
    assert 'hx-trigger="input changed delay:300ms' in full
    assert "<html" not in partial
    assert partial.strip().startswith('<div id="staff-results"')
    assert "Teacher, Ada" in partial


def test_the_filter_form_works_without_javascript(cast, client_for):
    page = client_for("principal").get(f"/schools/{cast.alder.pk}/").content.decode()
    assert f'<form method="get" action="/schools/{cast.alder.pk}/"' in page
    assert '<button type="submit" class="button">Show staff</button>' in page


def test_principal_gets_404_for_a_teacher_at_another_school(cast, client_for):
    client = client_for("principal")
    assert client.get(f"/staff/{cast.teacher_other_school_staff.pk}/").status_code == 404


def test_principal_gets_404_for_another_districts_person(cast, client_for):
    client = client_for("principal")
    assert client.get(f"/staff/{cast.other_district_teacher_staff.pk}/").status_code == 404


def test_teacher_gets_404_for_a_colleague(cast, client_for):
    assert client_for("teacher").get(f"/staff/{cast.principal_staff.pk}/").status_code == 404


def test_network_officer_gets_404_for_any_person_page(cast, client_for):
    client = client_for("network_officer")
    for staff in (cast.teacher_staff, cast.other_district_teacher_staff, cast.principal_staff):
        assert client.get(f"/staff/{staff.pk}/").status_code == 404


def test_principal_sees_ratings_only_for_years_they_led_the_school(cast, client_for):
    # Pat leads Alder in 2025-26 only; Ada was rated in 2024-25 and 2025-26.
    response = client_for("principal").get(f"/staff/{cast.teacher_staff.pk}/")
    profile = response.context["profile"]
    assert [r.school_year.label for r in profile.ratings] == ["2025-26"]
    assert [a.school_year.label for a in profile.assignments] == ["2025-26"]
    assert not response.context["show_credentials"]


def test_officer_sees_a_persons_full_history(cast, client_for):
    profile = client_for("officer").get(f"/staff/{cast.teacher_staff.pk}/").context["profile"]
    assert [r.school_year.label for r in profile.ratings] == ["2025-26", "2024-25"]


def test_directory_lists_the_whole_district_with_a_school_filter(cast, client_for):
    client = client_for("officer")
    everyone = {p.family_name for p in client.get("/staff/").context["page"].object_list}
    birch = {
        p.family_name
        for p in client.get("/staff/", {"school": cast.birch.pk}).context["page"].object_list
    }
    assert everyone == {"Teacher", "Other", "Principal", "Head", "Moved", "Reviewer"}
    assert birch == {"Other", "Head", "Moved", "Reviewer"}


def test_directory_never_shows_another_districts_staff(cast, client_for):
    listed = client_for("other_officer").get("/staff/").context["page"].object_list
    assert [p.family_name for p in listed] == ["Faraway"]


def test_directory_sorts_by_employee_id_and_by_school(cast, client_for):
    client = client_for("officer")
    by_id = [
        p.employee_id
        for p in client.get("/staff/", {"sort": "-employee"}).context["page"].object_list
    ]
    assert by_id == sorted(by_id, reverse=True)
    by_school = [
        p.school_name for p in client.get("/staff/", {"sort": "school"}).context["page"].object_list
    ]
    assert by_school == sorted(by_school)


def test_directory_paginates_fifty_to_a_page(cast, client_for):
    for n in range(60):
        _add_teacher(cast, f"P{n:03d}", "Pat", f"Page{n:03d}", cast.birch, "Art", "6-8")
    client = client_for("officer")
    first = client.get("/staff/")
    second = client.get("/staff/", {"page": 2})
    assert len(first.context["page"].object_list) == 50
    assert (
        len(second.context["page"].object_list) == 66 - 50
    )  # the cast's six Northfield staff and sixty more
    assert "Page 1 of 2" in first.content.decode()


def test_the_directory_pages_both_ways_by_number_keeping_the_search(cast, client_for):
    for n in range(120):
        _add_teacher(cast, f"P{n:03d}", "Pat", f"Page{n:03d}", cast.birch, "Art", "6-8")
    client = client_for("officer")
    page = client.get("/staff/", {"q": "Page", "subject": "Art", "page": 2}).content.decode()
    assert "Page 2 of 3" in page
    assert 'href="?q=Page&amp;subject=Art&amp;page=1" rel="prev"' in page
    assert 'href="?q=Page&amp;subject=Art&amp;page=3" rel="next"' in page
    assert '<span class="visually-hidden">Page </span>3</a>' in page  # the numbers link too
    assert '<span aria-current="page"><span class="visually-hidden">Page </span>2' in page
    last = client.get("/staff/", {"q": "Page", "subject": "Art", "page": 3}).content.decode()
    assert 'rel="prev"' in last
    assert 'rel="next"' not in last


def test_school_page_for_an_earlier_year_the_principal_led(cast, client_for):
    response = client_for("other_principal").get(f"/schools/{cast.birch.pk}/", {"year": "2024-25"})
    assert response.context["year"] == cast.last_year
    assert {p.family_name for p in response.context["page"].object_list} == {"Head", "Reviewer"}


def test_principal_cannot_open_a_year_they_did_not_lead(cast, client_for):
    # Pat led Alder only in 2025-26: asking for 2024-25 falls back to the year they led.
    response = client_for("principal").get(f"/schools/{cast.alder.pk}/", {"year": "2024-25"})
    assert response.context["year"] == cast.year
    assert [y.label for y in response.context["years"]] == ["2025-26"]


def test_school_page_query_budget(cast, client_for, django_assert_max_num_queries):
    for n in range(30):
        _add_teacher(cast, f"Q{n:03d}", "Quinn", f"Budget{n:03d}", cast.alder, "Art", "K-2")
    client = client_for("principal")
    with django_assert_max_num_queries(30):  # 20 + the header + "Waiting for you" (votes, proxies)
        response = client.get(f"/schools/{cast.alder.pk}/")
    assert len(response.context["page"].object_list) == 32


def test_directory_query_budget(cast, client_for, django_assert_max_num_queries):
    for n in range(40):
        _add_teacher(
            cast,
            f"Q{n:03d}",
            "Quinn",
            f"Budget{n:03d}",
            cast.alder if n % 2 else cast.birch,
            "Art",
            "K-2",
        )
    client = client_for("officer")
    with django_assert_max_num_queries(20):
        response = client.get("/staff/", {"sort": "school"})
    assert len(response.context["page"].object_list) == 46  # the cast's six and forty more
