"""The teacher's home page: their own profile and the "My path" placeholder text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lattice.people import actions
from lattice.people.models import CreditRecord, Degree, DegreeLevel


def test_teacher_home_shows_school_assignment_and_rating_history(cast, client_for):
    page = client_for("teacher").get("/me/").content.decode()
    assert "Ada Teacher" in page
    assert "Assignment in 2025-26" in page
    assert "Alder Elementary" in page
    assert "Developing" in page
    assert "Effective" in page


def test_teacher_home_has_a_my_path_section(cast, client_for):
    page = client_for("teacher").get("/me/").content.decode()
    assert 'id="path-heading">My path</h2>' in page


def test_teacher_home_shows_highest_degree_and_summed_graduate_credits(cast, client_for):
    staff = cast.teacher_staff
    Degree.objects.create(staff_member=staff, level=DegreeLevel.BACHELOR, field="History")
    Degree.objects.create(staff_member=staff, level=DegreeLevel.MASTER, field="Education")
    CreditRecord.objects.create(
        staff_member=staff, credits=Decimal("6"), earned_on=dt.date(2023, 5, 1)
    )
    CreditRecord.objects.create(
        staff_member=staff, credits=Decimal("9.5"), earned_on=dt.date(2024, 5, 1)
    )
    response = client_for("teacher").get("/me/")
    profile = response.context["profile"]
    assert profile.highest_degree == "Master's"
    assert profile.graduate_credits == Decimal("15.5")
    assert "15.5" in response.content.decode()


def test_teacher_home_counts_years_in_district_and_prior_years(cast, client_for):
    profile = client_for("teacher").get("/me/").context["profile"]
    assert profile.prior_years == Decimal("2")
    assert profile.years_in_district == cast.teacher_staff.years_of_service(dt.date.today())
    assert profile.total_years == profile.years_in_district + 2


def test_teacher_home_flags_expired_and_soon_expiring_certificates(cast, client_for):
    today = dt.date.today()
    staff = cast.teacher_staff
    actions.add_certificate(
        None,
        staff,
        kind="Old licence",
        issued=today.replace(year=2015),
        expires=today - dt.timedelta(days=1),
    )
    actions.add_certificate(
        None,
        staff,
        kind="Renewing licence",
        issued=today.replace(year=2020),
        expires=today + dt.timedelta(days=30),
    )
    actions.add_certificate(None, staff, kind="Lifetime licence", issued=today.replace(year=2021))
    page = client_for("teacher").get("/me/").content.decode()
    statuses = {
        c.kind: c.status for c in client_for("teacher").get("/me/").context["profile"].certificates
    }
    assert statuses == {
        "Old licence": "expired",
        "Renewing licence": "expiring",
        "Lifetime licence": "current",
    }
    assert "Expired" in page
    assert "Expires within 90 days" in page


def test_an_officer_without_a_staff_record_has_no_teacher_home(cast, client_for):
    assert client_for("officer").get("/me/").status_code == 404


def test_a_position_and_its_title_are_said_once_and_grades_not_twice(cast):
    from lattice.people.models import Assignment

    coach = Assignment(position="instructional_coach", title="Instructional coach (Grade 1)")
    coach.subject, coach.grades = "Grade 1", "1"
    assert coach.job_words == "Instructional coach (Grade 1)"
    assert coach.grades_words == ""
    teacher = Assignment(position="teacher", title="", subject="Math", grades="6-8")
    assert teacher.grades_words == "grades 6-8"


def test_on_a_phone_the_assignments_table_is_a_card_per_year_with_its_columns_labelled(
    cast, client_for
):
    page = client_for("teacher").get("/me/").content.decode()
    table = page[page.rindex("<table", 0, page.index("<caption>All assignments")) :]
    table = table[: table.index("</table>")]
    assert table.startswith('<table class="cards-on-phone">')
    for column in ("School", "Position", "Subject", "Grades", "FTE"):
        assert f'data-label="{column}"' in table
