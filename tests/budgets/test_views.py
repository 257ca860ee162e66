"""Budget pages: an officer builds a plan, sees its cliff year, and every change is audited."""

from __future__ import annotations

from typing import Any

from lattice.audit.models import AuditEntry
from lattice.budgets.models import BudgetScenario, FundingSource
from tests.budgets.access_rows import BASE, NEW, SOURCE
from tests.budgets.helpers import scenario


def test_a_scenario_with_a_grant_funded_role_shows_its_cliff_year(
    cast: Any, client_for: Any
) -> None:
    made = scenario(cast)
    page = client_for("officer").get(f"{BASE}/{made.pk}/").content.decode()
    assert "Not sustainable as planned" in page
    assert "Cliff year:</strong> Multi-classroom leader supplements in 2029-30" in page
    assert "one-time money" in page
    assert 'aria-labelledby="budget-cost-title budget-cost-desc"' in page
    assert "2027-28" in page


def test_creating_a_scenario_goes_through_an_audited_action(cast: Any, client_for: Any) -> None:
    response = client_for("officer").post(f"{BASE}/", NEW)
    made = BudgetScenario.objects.get(district=cast.district, name="Plan")
    assert response["Location"] == f"{BASE}/{made.pk}/"
    assert AuditEntry.objects.filter(
        action="budgets.scenario.create", object_id=str(made.pk)
    ).exists()


def test_a_one_time_source_without_its_last_year_is_refused_next_to_the_field(
    cast: Any, client_for: Any
) -> None:
    made = scenario(cast)
    data = {k: v for k, v in SOURCE.items() if k != "source-recurring"}
    response = client_for("officer").post(f"{BASE}/{made.pk}/source/add/", data)
    assert response.status_code == 400
    assert "One-time money needs the last school year it pays for." in response.content.decode()
    assert not FundingSource.objects.filter(scenario=made, key="bond").exists()


def test_a_source_still_paying_for_a_position_is_not_removed(cast: Any, client_for: Any) -> None:
    made = scenario(cast)
    grant = made.sources.get(key="grant")
    client = client_for("officer")
    response = client.post(f"{BASE}/{made.pk}/source/{grant.pk}/remove/")
    assert response.status_code == 302
    assert FundingSource.objects.filter(pk=grant.pk).exists()
    page = client.get(f"{BASE}/{made.pk}/").content.decode()
    assert "still pays for positions or levers" in page


def test_the_check_downloads_with_plain_headers(cast: Any, client_for: Any) -> None:
    made = scenario(cast)
    body = client_for("officer").get(f"{BASE}/{made.pk}/check.csv").content.decode()
    assert body.startswith("School year,Budget line,Plan cost (10th percentile),")
    assert "\r\n2027-28," in body


def test_another_districts_officer_cannot_see_a_scenario(cast: Any, client_for: Any) -> None:
    made = scenario(cast)
    assert client_for("other_officer").get(f"/budgets/southport/{made.pk}/").status_code == 404


def test_a_plan_on_the_districts_own_teachers_says_why_it_cannot_be_checked(
    cast: Any, client_for: Any
) -> None:
    made = scenario(cast)
    made.workforce = "district"
    made.save(update_fields=["workforce"])  # test setup, not a user write
    page = client_for("officer").get(f"{BASE}/{made.pk}/").content.decode()
    if "The plan could not be checked" in page:
        assert "adopt one on the pathways page" in page
    else:  # the cast's district has adopted a policy: the check ran on its teachers
        assert "Checked against" in page
