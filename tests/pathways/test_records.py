"""The adapter from the database to the engine's TeacherRecord, and ``standing_for``."""

from __future__ import annotations

import datetime as dt

import pytest

from lattice.pathways import actions
from lattice.pathways.compute import adoption_in_force, policy_of
from lattice.pathways.queries import standing_for
from lattice.pathways.records import WhatIf, build_record, facts_of
from lattice.people import actions as people_actions
from lattice.people.queries import today
from tests.cast import Cast
from tests.pathways.world import World, adopt, build_world, pdf

pytestmark = pytest.mark.django_db


def _record(cast: Cast, **kwargs: object) -> object:
    adoption = adoption_in_force(cast.district, today())
    assert adoption is not None
    person = facts_of(cast.teacher_staff)
    assert person is not None
    return build_record(person, policy_of(adoption), adoption_id=adoption.pk, **kwargs)  # type: ignore[arg-type]


def test_only_verified_claims_reach_the_engine(cast: Cast) -> None:
    world: World = build_world(cast)
    record = _record(cast)
    assert [c.credits for c in record.credits] == []  # the 2 credits still wait
    assert [p.hours for p in record.pd_hours] == [135]
    actions.verify_claim(cast.user("officer"), world.pending_claim)
    assert [c.credits for c in _record(cast).credits] == [2]


def test_ratings_keep_their_school_year_and_label(cast: Cast) -> None:
    adopt(cast)
    record = _record(cast)
    assert [(r.school_year, r.label) for r in record.ratings] == [
        (2024, "Developing"),
        (2025, "Effective"),
    ]


def test_a_certificate_is_also_known_by_the_initials_the_policy_uses(cast: Cast) -> None:
    people_actions.add_certificate(
        None,
        cast.teacher_staff,
        kind="Standard Professional Certificate",
        issued=dt.date(2020, 7, 1),
    )
    adopt(cast)
    kinds = {c.kind for c in _record(cast).certificates}
    assert kinds == {"Standard Professional Certificate", "SPC"}


def test_a_late_claim_accepted_as_an_exception_counts_as_on_time(cast: Cast) -> None:
    adopt(cast)
    ended = today() - dt.timedelta(days=200)
    claim = actions.submit_claim(
        cast.user("officer"),
        cast.teacher_staff,
        kind="credits",
        title="EDU 610",
        quantity=3,
        completed=ended,
        files=[pdf()],
        exception_reason="College closed for a semester",
    )
    actions.verify_claim(cast.user("officer"), claim)
    (credit,) = _record(cast).credits
    assert credit.submitted == ended + dt.timedelta(days=90)


def test_what_if_adds_facts_without_touching_the_database(cast: Cast) -> None:
    adopt(cast)
    record = _record(cast, what_if=WhatIf(rating="Highly Effective", credits=3, on=today()))
    assert record.ratings[-1].label == "Highly Effective"
    assert record.credits[-1].credits == 3
    assert not cast.teacher_staff.claims.exists()


def test_there_is_no_standing_before_any_policy(cast: Cast) -> None:
    read = standing_for(cast.teacher_staff)
    assert read.standing is None
    assert not read.fresh
    assert "not adopted" in read.why


def test_the_stored_standing_is_fresh_after_adoption(cast: Cast) -> None:
    adopt(cast)
    read = standing_for(cast.teacher_staff)
    assert read.fresh
    standing = read.standing
    assert standing is not None
    assert (standing.pathway, standing.interval, standing.units_banked) == ("standard", 2, 0)
    assert standing.base_salary == 48349


def test_a_standing_for_another_date_is_computed_and_not_stored(cast: Cast) -> None:
    adopt(cast)
    read = standing_for(cast.teacher_staff, on=dt.date(2025, 1, 1))
    assert read.fresh
    assert read.standing is not None
    assert read.standing.interval == 1
    assert read.standing.pk is None


def test_a_degree_is_spelled_as_the_engine_spells_it(cast: Cast) -> None:
    people_actions.add_degree(None, cast.teacher_staff, level="masters",
                              conferred_on=dt.date(2015, 5, 1))  # fmt: skip
    adopt(cast)
    (degree,) = _record(cast).degrees  # type: ignore[attr-defined]
    assert degree.degree.value == "masters"
