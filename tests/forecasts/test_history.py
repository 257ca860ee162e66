"""The forecasts' history says why a run failed, and a one-district officer skips the index."""

from __future__ import annotations

from typing import Any

from lattice.forecasts.models import ForecastRun
from tests.forecasts.access_rows import BASE


def test_a_failed_forecast_in_the_history_says_why_and_what_to_do(
    cast: Any, client_for: Any
) -> None:
    ForecastRun.objects.create(
        district=cast.district,
        title="Five years on the current rules",
        status=ForecastRun.Status.FAILED,
        message="The district has not adopted a career policy yet.",
    )
    page = client_for("officer").get(f"{BASE}/").content.decode()
    assert "The district has not adopted a career policy yet." in page
    assert "Open it to try again" in page


def test_an_officer_of_one_district_goes_straight_to_its_forecasts(
    cast: Any, client_for: Any
) -> None:
    response = client_for("officer").get("/forecasts/")
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/"
