"""A NUL character in an address's query string is answered 400, naming the parameter, on
every page and API call: PostgreSQL refuses to compare text holding NUL, so before this guard
``?district=%00`` crashed the pages that filter by it (found by schemathesis on the API)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cast import Cast

pytestmark = pytest.mark.django_db


def test_a_page_refuses_a_nul_in_its_address_and_says_which_parameter(
    cast: Cast, client_for: Any
) -> None:
    response = client_for("officer").get("/staff/?q=Ada&year=%00")
    assert response.status_code == 400
    page = response.content.decode()
    assert "The address could not be read" in page
    assert "parameter &#x27;year&#x27; holds a NUL character" in page
    assert 'href="/staff/"' in page


def test_the_api_answers_a_nul_in_the_query_with_problem_details(
    cast: Cast, client_for: Any
) -> None:
    response = client_for("officer").get("/api/v1/awards/?employee_id=x%00y")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"].endswith("/problems/invalid")
    assert body["errors"][0]["field"] == "employee_id"
    assert "Remove the NUL character" in body["errors"][0]["fix"]


def test_an_address_without_nul_reaches_its_page(cast: Cast, client_for: Any) -> None:
    assert client_for("officer").get("/staff/?q=Ada").status_code == 200
