"""The forecast page: an officer runs a forecast in the background and reads its results."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone

from lattice.audit.models import AuditEntry
from lattice.forecasts.models import ForecastRun
from tests.forecasts.access_rows import BASE, FORM
from tests.forecasts.helpers import finished_run


def test_an_officer_runs_a_forecast_and_sees_its_charts(cast: Any, client_for: Any) -> None:
    client = client_for("officer")
    response = client.post(f"{BASE}/", FORM | {"vs": FORM["policy"], "runs": "20"})
    run = ForecastRun.objects.get(district=cast.district)
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/runs/{run.pk}/"
    assert run.status == ForecastRun.Status.DONE  # tests run tasks immediately
    page = client.get(response["Location"]).content.decode()
    assert "Payroll by school year: median and 80% band of runs" in page
    assert "compared with Baltimore City career pathways (BTU 2010 contract)" in page
    assert "minus Baltimore City career pathways" in page  # the sign explained
    assert "Download CSV" in page
    assert "synthetic 20 teachers" in page


def test_requesting_a_forecast_is_audited(cast: Any, client_for: Any) -> None:
    client_for("officer").post(f"{BASE}/", FORM)
    run = ForecastRun.objects.get(district=cast.district)
    actions = set(
        AuditEntry.objects.filter(
            object_id=str(run.pk), object_type="forecasts.ForecastRun"
        ).values_list("action", flat=True)
    )
    assert actions == {"forecasts.run.request", "forecasts.run.finish"}


def test_bad_inputs_are_shown_next_to_their_fields(cast: Any, client_for: Any) -> None:
    response = client_for("officer").post(f"{BASE}/", FORM | {"years": "0", "runs": "many"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Please fix the fields marked below." in page
    assert "Ensure this value is greater than or equal to 1." in page
    assert "Enter a whole number." in page
    assert not ForecastRun.objects.exists()


def test_a_district_without_an_adopted_policy_gets_a_clear_failure(
    cast: Any, client_for: Any
) -> None:
    client = client_for("officer")
    response = client.post(f"{BASE}/", FORM | {"workforce": "district"})
    run = ForecastRun.objects.get(district=cast.district)
    page = client.get(response["Location"]).content.decode()
    if run.status == ForecastRun.Status.FAILED:
        assert "has not adopted a career policy yet" in run.message
        assert "The forecast could not run" in page
    else:  # the cast adopted a policy: the forecast ran on its teachers
        assert "teachers on" in page


def test_past_forecasts_are_listed_and_reopen(cast: Any, client_for: Any) -> None:
    run = finished_run(cast)
    client = client_for("officer")
    page = client.get(f"{BASE}/").content.decode()
    assert f'href="{BASE}/runs/{run.pk}/"' in page
    assert "Baltimore vs itself" in page
    assert "Who gains and who loses" in client.get(f"{BASE}/runs/{run.pk}/").content.decode()


def test_a_running_forecast_polls_its_progress(cast: Any, client_for: Any) -> None:
    run = ForecastRun.objects.create(
        district=cast.district,
        title="waiting",
        inputs={},
        status="running",
        progress=0.42,
        worker="elsewhere:1",
        lease_expires_at=timezone.now() + dt.timedelta(minutes=1),
    )
    page = client_for("officer").get(f"{BASE}/runs/{run.pk}/progress/").content.decode()
    assert f'hx-get="{BASE}/runs/{run.pk}/progress/"' in page
    assert 'value="42"' in page


def test_the_downloads_carry_the_results(cast: Any, client_for: Any) -> None:
    run = finished_run(cast)
    client = client_for("officer")
    csv = client.get(f"{BASE}/runs/{run.pk}/results.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert b"# summary" in csv.content
    xlsx = client.get(f"{BASE}/runs/{run.pk}/results.xlsx")
    assert xlsx.content[:2] == b"PK"


def test_another_districts_officer_cannot_reach_a_run(cast: Any, client_for: Any) -> None:
    run = finished_run(cast)
    response = client_for("other_officer").get(f"/forecasts/southport/runs/{run.pk}/")
    assert response.status_code == 404


def test_a_run_without_results_has_no_download(cast: Any, client_for: Any) -> None:
    run = ForecastRun.objects.create(district=cast.district, title="x", inputs={})
    assert client_for("officer").get(f"{BASE}/runs/{run.pk}/results.csv").status_code == 404


def test_an_oversized_forecast_is_refused_with_a_smaller_suggestion(
    cast: Any, client_for: Any
) -> None:
    response = client_for("officer").post(
        f"{BASE}/", FORM | {"teachers": "100000", "years": "20", "runs": "5000"}
    )
    assert response.status_code == 400
    assert "10,000,000,000 teacher-years" in response.content.decode()
    assert not ForecastRun.objects.exists()


def test_a_running_forecast_says_how_long_it_has_left_and_can_be_cancelled(
    cast: Any, client_for: Any
) -> None:
    run = ForecastRun.objects.create(
        district=cast.district,
        worker="elsewhere:1",
        lease_expires_at=timezone.now() + dt.timedelta(minutes=1),
        title="long",
        inputs={"teachers": 1000, "years": 10, "runs": 1000},
        status="running",
        progress=0.5,
        started_at=timezone.now() - dt.timedelta(seconds=30),
    )
    client = client_for("officer")
    page = client.get(f"{BASE}/runs/{run.pk}/progress/").content.decode()
    # Half done after 30 s: as long again — plus however long this test took to ask.
    left = re.search(r"About (\d+) seconds left\.", page)
    assert left is not None, page
    assert 30 <= int(left.group(1)) <= 60
    assert f'action="{BASE}/runs/{run.pk}/cancel/"' in page
    assert client.post(f"{BASE}/runs/{run.pk}/cancel/").status_code == 302
    run.refresh_from_db()
    assert run.cancel_requested
    assert AuditEntry.objects.filter(action="forecasts.run.cancel", object_id=str(run.pk)).exists()


def test_a_finished_run_asks_htmx_to_show_its_result(cast: Any, client_for: Any) -> None:
    run = finished_run(cast)
    response = client_for("officer").get(f"{BASE}/runs/{run.pk}/progress/", HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


def test_a_queued_forecast_cancelled_never_runs(cast: Any, client_for: Any) -> None:
    run = ForecastRun.objects.create(district=cast.district, title="waiting", inputs={})
    client_for("officer").post(f"{BASE}/runs/{run.pk}/cancel/")
    run.refresh_from_db()
    assert run.status == ForecastRun.Status.CANCELLED
    page = client_for("officer").get(f"{BASE}/runs/{run.pk}/").content.decode()
    assert "cancelled before it finished" in page
