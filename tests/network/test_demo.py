"""The demo network holds what issue 15's "done when" lists, made by the apps' own actions:
two districts sharing comparisons, a library of at least ten real resources with sources, a
past convening with materials, a Teach to Lead idea with a team, a logic model and an action
plan, a curriculum unit through peer review, a trust pulse with two rounds, and a cabinet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from lattice.councils.models import BodyKind
from lattice.network import pulse_results
from lattice.network.models import (
    Convening,
    Idea,
    NetworkCabinet,
    PulseRound,
    Resource,
    SharingChoice,
    Unit,
    UnitReview,
    UnitStatus,
)
from lattice.people.models import District
from tests.demo.district import demo_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[District]:
    yield from demo_module(django_db_blocker)


def test_two_districts_share_comparisons(demo: District) -> None:
    sharing = SharingChoice.objects.filter(network=demo.network, shared=True)
    assert sharing.values("district").distinct().count() == 2


def test_the_library_holds_ten_real_resources_each_with_its_source(demo: District) -> None:
    resources = Resource.objects.filter(network=demo.network)
    assert resources.count() >= 10
    assert all(r.source_title and r.source_url.startswith("http") for r in resources)


def test_one_past_convening_has_its_materials(demo: District) -> None:
    past = Convening.objects.filter(network=demo.network, ends_on__lt=timezone.localdate())
    assert past.count() == 1
    assert past.get().materials.count() >= 2


def test_a_teach_to_lead_idea_has_a_team_a_logic_model_and_an_action_plan(demo: District) -> None:
    idea = Idea.objects.get(network=demo.network)
    assert idea.team.count() >= 2
    assert idea.logic_model_complete
    assert idea.steps.count() >= 2


def test_a_curriculum_unit_went_through_peer_review(demo: District) -> None:
    unit = Unit.objects.get(team__district=demo, status=UnitStatus.ADOPTED)
    reviews = UnitReview.objects.filter(version__unit=unit, submitted_on__isnull=False)
    assert reviews.count() >= 2
    assert unit.versions.count() == 2


def test_the_trust_pulse_has_two_closed_rounds_shown_for_the_district(demo: District) -> None:
    rounds = PulseRound.objects.filter(district=demo, closed=True)
    assert rounds.count() == 2
    assert all(pulse_results.round_results(r)[0].shown for r in rounds)


def test_the_network_has_a_cabinet_in_the_councils_app(demo: District) -> None:
    cabinet = NetworkCabinet.objects.get(network=demo.network)
    assert cabinet.body.kind == BodyKind.NETWORK_CABINET


def test_the_cabinet_seats_a_teacher_from_each_member_district(demo: District) -> None:
    body = NetworkCabinet.objects.get(network=demo.network).body
    today = timezone.localdate()
    held = [s for s in body.seats.select_related("holder") if s.held_on(today)]
    members = sorted(demo.network.districts.values_list("pk", flat=True))
    assert sorted(s.holder.district_id for s in held if s.holder) == members
    assert all(s.constituency_district_id == s.holder.district_id for s in held if s.holder)
