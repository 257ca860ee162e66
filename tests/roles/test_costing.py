"""Iowa TLC's worked examples (a 200-teacher and a 37-teacher district under the default state
model), computed from the district catalogue."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lattice.roles import actions, costing
from lattice.roles.models import LeadershipRole, RoleStatus
from lattice.roles.role_templates import IOWA_TEMPLATE_KEYS, TEMPLATES
from tests.cast import Cast


def iowa_spec(cast: Cast) -> costing.CatalogueSpec:
    for key in IOWA_TEMPLATE_KEYS:
        actions.install_template(None, cast.district, key, activate=True)
    catalogue = LeadershipRole.objects.filter(district=cast.district, status=RoleStatus.ACTIVE)
    return costing.spec_for(cast.district.key, catalogue, target_share_percent=25, round_up=True)


@pytest.mark.django_db
def test_iowa_worked_example_200_teachers_from_the_catalogue(cast: Cast) -> None:
    plan = costing.plan(iowa_spec(cast), teachers=200)
    assert plan.required_in_roles >= 50
    assert plan.in_roles == 50
    assert {line.role: line.count for line in plan.lines} == {
        "iowa-model": 20,
        "iowa-mentor": 20,
        "iowa-lead": 10,
    }
    assert plan.supplements == 240_000
    assert costing.to_decimal(plan.coverage_fte) == Decimal("10.00")
    assert plan.extra_days == 450
    assert plan.share_met


@pytest.mark.django_db
def test_37_teachers_need_at_least_10_leaders_when_rounding_up_an_assumption(cast: Cast) -> None:
    # 25% of 37 = 9.25; rounding up is ASSUMPTION [U] (the law states no rounding rule).
    assert costing.leaders_required(iowa_spec(cast), 37) == 10


@pytest.mark.django_db
def test_a_draft_role_is_not_part_of_the_costed_catalogue(cast: Cast) -> None:
    actions.install_template(None, cast.district, "coach")
    plan = costing.plan(iowa_spec(cast), teachers=200)
    assert plan.supplements == 240_000


def test_every_template_cites_a_public_source() -> None:
    for t in TEMPLATES:
        assert "https://" in t.source, t.key


def test_system_cost_adds_supplements_coverage_and_extra_days() -> None:
    cost = costing.system_cost(
        supplements=240_000,
        coverage_fte=Decimal(10),
        extra_days=450,
        coverage_fte_cost=65_000,
        extra_day_cost=350,
    )
    assert cost.total == 240_000 + 650_000 + 157_500
