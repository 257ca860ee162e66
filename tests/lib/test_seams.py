"""The registries in lattice.lib that apps reach each other through."""

from __future__ import annotations

import datetime as dt

import pytest

from lattice.lib import facts, pay, schedule


@pytest.fixture
def clean_registries(monkeypatch):
    monkeypatch.setattr(facts, "_listeners", {})
    monkeypatch.setattr(pay, "_providers", {})
    monkeypatch.setattr(schedule, "_jobs", {})


def test_every_listener_hears_a_change_with_whose_facts_and_why(clean_registries):
    heard = []
    facts.listen("a", heard.append)
    facts.facts_changed(facts.Fact.RATING, district_id=3, staff_ids=[5, 6], reason="import")
    assert heard == [facts.FactsChanged(facts.Fact.RATING, 3, frozenset({5, 6}), None, "import")]


def test_a_change_for_nobody_is_not_announced(clean_registries):
    heard = []
    facts.listen("a", heard.append)
    facts.facts_changed(facts.Fact.RATING, district_id=3, staff_ids=[])
    assert heard == []


def test_a_change_for_everyone_says_so(clean_registries):
    heard = []
    facts.listen("a", heard.append)
    facts.facts_changed(facts.Fact.POLICY, district_id=3)
    assert heard[0].everyone


def test_pay_lines_from_every_provider_come_back_by_person_in_statement_order(clean_registries):
    def base(district_id, on, ids):
        yield pay.PayLine(1, pay.PayKind.BASE, 60000, "Base salary", "Interval 3.", "pathways")
        yield pay.PayLine(2, pay.PayKind.BASE, 50000, "Base salary", "Interval 1.", "pathways")

    def roles(district_id, on, ids):
        yield pay.PayLine(1, pay.PayKind.STIPEND, 5000, "Mentor stipend", "Mentor.", "roles")

    pay.register("roles", roles)
    pay.register("pathways", base)
    lines = pay.pay_lines(1, dt.date(2026, 9, 1))
    assert [line.kind for line in lines[1]] == [pay.PayKind.BASE, pay.PayKind.STIPEND]
    assert pay.total(lines[1]) == 65000
    assert pay.pay_lines(1, dt.date(2026, 9, 1), staff_ids=[2]) == {2: [lines[2][0]]}


def test_a_nightly_job_is_due_once_a_day_after_its_time(clean_registries):
    job = schedule.Periodic("n", dt.timedelta(days=1), lambda: None, "nightly", at=dt.time(2))
    utc = dt.UTC
    last = dt.datetime(2026, 12, 1, 2, 5, tzinfo=utc)
    assert not job.due(last, dt.datetime(2026, 12, 1, 23, 0, tzinfo=utc))
    assert not job.due(last, dt.datetime(2026, 12, 2, 1, 0, tzinfo=utc))
    assert job.due(last, dt.datetime(2026, 12, 2, 2, 6, tzinfo=utc))
    assert job.due(None, dt.datetime(2026, 12, 2, 3, 0, tzinfo=utc))
