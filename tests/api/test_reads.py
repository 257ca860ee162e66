"""Reads: standings and pay equal what My path and payroll show; cursor pages; updated since."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from lattice.pathways import actions
from lattice.pathways.queries import pay_statement
from lattice.people import actions as people_actions
from lattice.people.queries import today
from lattice.roles import actions as role_actions
from tests.api.tokens import api, token_secret
from tests.cast import Cast
from tests.pathways.test_payroll import this_school_year
from tests.pathways.world import adopt


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    def run(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def adopted(cast: Cast, committed: Callable[..., Any]) -> Cast:
    """Northfield on Baltimore's rules; Ada holds the Mentor role (a stipend on top)."""
    adopt(cast)
    officer = cast.user("officer")
    mentor = role_actions.install_template(officer, cast.district, "iowa-mentor", activate=True)
    year = committed(this_school_year, cast)
    committed(role_actions.assign_role, officer, mentor, cast.teacher_staff, year)
    return cast


def _export_rows(cast: Cast) -> list[dict[str, str]]:
    _, data, _ = actions.export_payroll(
        cast.user("officer"), cast.district, effective_date=today(), file_format="csv"
    )
    return list(csv.DictReader(io.StringIO(data.decode())))


def test_a_standing_carries_the_pay_lines_my_path_shows(adopted: Cast) -> None:
    body = api(token_secret(adopted, "officer", ["pay:read"])).get("/api/v1/standings/").json()
    ada = next(row for row in body["results"] if row["staff_id"] == adopted.teacher_staff.pk)
    shown = pay_statement(adopted.teacher_staff)
    assert [(line["label"], line["amount"]) for line in ada["pay_lines"]] == [
        (line.label, line.amount) for line in shown.lines
    ]
    assert ada["pay_total"] == shown.total
    assert ada["status"] == "placed"
    assert ada["fresh"] is True
    assert ada["where"]


def test_the_payroll_lines_are_the_export_rows(adopted: Cast) -> None:
    token = api(token_secret(adopted, "officer", ["pay:read"]))
    lines: list[dict[str, Any]] = []
    url = "/api/v1/payroll/?page_size=1"
    while url:
        body = token.get(url).json()
        lines += body["results"]
        url = body["next"]
    exported = _export_rows(adopted)
    assert [(r["employee_id"], r["label"], r["amount"], r["annual_total"]) for r in lines] == [
        (r["employee_id"], r["pay_line"], int(r["amount"]), int(r["annual_total"]))
        for r in exported
    ]
    assert body["complete"] is True


def test_a_rating_written_through_the_api_moves_my_path_and_payroll_together(
    adopted: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    token = api(token_secret(adopted, "officer"))
    year = adopted.district.school_years.get(start__lte=today(), end__gte=today())
    with django_capture_on_commit_callbacks(execute=True):
        response = token.post(
            "/api/v1/ratings/",
            {"employee_id": "N1001", "school_year": year.label, "label": "Ineffective"},
            content_type="application/json",
        )
    assert response.status_code in (200, 201), response.content
    body = token.get("/api/v1/standings/?employee_id=N1001").json()
    ada = next(row for row in body["results"] if row["staff_id"] == adopted.teacher_staff.pk)
    exported = [r for r in _export_rows(adopted) if r["employee_id"] == "N1001"]
    assert ada["fresh"] is True
    assert ada["pay_total"] == int(exported[0]["annual_total"])
    assert ada["pay_total"] == pay_statement(adopted.teacher_staff).total


def test_payroll_is_the_talent_offices_only(adopted: Cast) -> None:
    assert api(token_secret(adopted, "teacher")).get("/api/v1/payroll/").status_code == 404
    assert api(token_secret(adopted, "principal")).get("/api/v1/payroll/").status_code == 404


def test_cursor_pages_list_everyone_once(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", ["people:read"]))
    seen: list[int] = []
    url = "/api/v1/staff/?page_size=2"
    while url:
        body = token.get(url).json()
        assert len(body["results"]) <= 2
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == cast.district.staff.count()


def test_updated_since_lists_only_the_people_changed_since(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", ["people:read"]))
    since = timezone.now()
    people_actions.save_staff_member(
        None, cast.district, employee_id="N1002", preferred_name="Benny"
    )
    stamp = since.isoformat().replace("+00:00", "Z")
    body = token.get("/api/v1/staff/", {"updated_since": stamp}).json()
    assert [row["employee_id"] for row in body["results"]] == ["N1002"]
    later = (since + dt.timedelta(hours=1)).isoformat()
    assert token.get("/api/v1/staff/", {"updated_since": later}).json()["results"] == []


def test_a_bad_updated_since_names_the_parameter_and_the_fix(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", ["people:read"]))
    response = token.get("/api/v1/staff/?updated_since=last-tuesday")
    assert response.status_code == 400
    problem = response.json()
    assert problem["errors"] == [
        {
            "field": "updated_since",
            "message": "“last-tuesday” is not a date and time.",
            "fix": "Write it as ISO 8601, e.g. 2026-09-01T00:00:00Z.",
        }
    ]


def test_a_principal_sees_only_the_years_they_lead(cast: Cast) -> None:
    """Mo led Alder in 2024-25 and co-leads Birch now: Ada's Alder assignment of 2024-25 is
    hers to read, Ada's Alder assignment of this year is not."""
    token = api(token_secret(cast, "moved_principal", ["people:read"]))
    body = token.get(f"/api/v1/staff/{cast.teacher_staff.pk}/").json()
    assert [(a["school"], a["school_year"]) for a in body["assignments"]] == [("alder", "2024-25")]
