"""The demo district's pathways: every page has real data to show."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from lattice.pathways.demo import populate_demo_pathways
from lattice.pathways.models import Application, Claim, ClaimStatus, Placement, PolicyAdoption
from lattice.pathways.queries import teaching_staff
from lattice.people.demo import load_demo
from lattice.people.models import District
from tests.pathways.world import private_media_in_tmp
from tests.people.demo_helpers import SMALL

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        private_media_in_tmp()
        load_demo(SMALL)
        district = District.objects.get(key="maplewood")
        report = populate_demo_pathways(district, seed=7)
    yield district, report
    with django_db_blocker.unblock():
        # The module shares one demo; empty the test database again for the tests after it.
        call_command("flush", verbosity=0, interactive=False)


def test_the_demo_district_adopts_baltimore_from_the_start_of_its_history(demo: Any) -> None:
    district, report = demo
    adoption = PolicyAdoption.objects.get(district=district)
    assert adoption.policy_key == "baltimore-2010"
    assert adoption.effective_from == district.school_years.order_by("start").first().start
    assert report["problems"] == []


def test_every_teacher_of_the_demo_district_is_placed(demo: Any) -> None:
    district, _ = demo
    placed = set(Placement.objects.filter(district=district).values_list("staff_member", flat=True))
    assert set(teaching_staff(district).values_list("pk", flat=True)) <= placed


def test_the_demo_has_a_verified_ledger_and_claims_waiting(demo: Any) -> None:
    district, _ = demo
    claims = Claim.objects.filter(district=district)
    assert claims.filter(status=ClaimStatus.VERIFIED, kind="credits").count() > 20
    assert claims.filter(status=ClaimStatus.VERIFIED, kind="pd_hours").count() > 20
    assert claims.filter(status=ClaimStatus.SUBMITTED).count() >= 8


def test_the_demo_model_cohort_has_an_application_scored_by_two_reviewers(demo: Any) -> None:
    district, _ = demo
    scored = Application.objects.filter(cohort__district=district, status="scored").get()
    assert scored.reviews.filter(submitted_at__isnull=False).count() == 2
    assert Application.objects.filter(cohort__district=district, status="reconcile").exists()


def test_the_demo_cannot_be_populated_twice(demo: Any) -> None:
    district, _ = demo
    with pytest.raises(ValidationError):
        populate_demo_pathways(district, seed=7)
