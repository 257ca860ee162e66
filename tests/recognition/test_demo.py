"""The demo district's recognition: a decided Teacher of the Year program, five achievements
(three earned automatically from the demo's roles and pathways), the teacher's public
credential that verifies and a revoked one that shows as revoked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from lattice.people.models import District
from lattice.recognition.models import Achievement, Award, EarnedBy, Program, ProgramStatus
from tests.demo.district import demo_module
from tests.recognition import verifier

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[District]:
    yield from demo_module(django_db_blocker)


def test_the_demo_has_five_achievements_three_earned_from_facts(demo: District) -> None:
    """A role served, a pathway reached and a verified ledger claim each earn one."""
    achievements = Achievement.objects.filter(district=demo)
    assert achievements.count() == 5
    from_facts = (EarnedBy.ROLE_SERVED, EarnedBy.PATHWAY, EarnedBy.LEDGER_CLAIM)
    automatic = [a for a in achievements if a.earned_by in from_facts]
    assert sorted(a.earned_by for a in automatic) == sorted(from_facts)
    assert all(Award.objects.filter(achievement=a).exists() for a in automatic)


def test_the_demo_program_is_decided_by_its_panel(demo: District) -> None:
    program = Program.objects.get(district=demo)
    assert program.status == ProgramStatus.DECIDED
    assert program.seats.count() == 3
    assert program.nominations.filter(selected=True).exists()


def test_the_teachers_public_credential_verifies(demo: District) -> None:
    award = Award.objects.get(
        staff_member__user__username="teacher", public=True, revoked_at__isnull=True
    )
    result = verifier.verify(Client(), award.credential_jwt, now=timezone.now())
    assert all(result.values()), result
    assert (
        "Verified" in Client().get(f"/recognition/credentials/{award.public_id}/").content.decode()
    )


def test_the_revoked_demo_credential_shows_as_revoked(demo: District) -> None:
    award = Award.objects.get(achievement__district=demo, revoked_at__isnull=False)
    result = verifier.verify(Client(), award.credential_jwt, now=timezone.now())
    assert result["not_revoked"] is False
    page = Client().get(f"/recognition/credentials/{award.public_id}/").content.decode()
    assert "Revoked" in page
