"""A result remembered under a district's facts stamp is read again until a fact changes."""

from __future__ import annotations

import pytest

from lattice.lib import stamped
from lattice.lib.facts import Fact, facts_changed

pytestmark = pytest.mark.django_db


def _counting() -> tuple[list[int], object]:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    return calls, compute


def test_a_remembered_result_is_computed_once_while_nothing_changes() -> None:
    calls, compute = _counting()
    assert stamped.remember("test.thing", 1, ("a",), compute) == 1
    assert stamped.remember("test.thing", 1, ("a",), compute) == 1
    assert len(calls) == 1


def test_other_parts_or_another_district_compute_their_own() -> None:
    calls, compute = _counting()
    stamped.remember("test.thing", 1, ("a",), compute)
    stamped.remember("test.thing", 1, ("b",), compute)
    stamped.remember("test.thing", 2, ("a",), compute)
    assert len(calls) == 3


def test_a_fact_change_in_the_district_gives_a_new_stamp() -> None:
    _, compute = _counting()
    stamped.remember("test.thing", 1, (), compute)
    stamped.remember("test.thing", 2, (), compute)
    facts_changed(Fact.RATING, district_id=1, staff_ids=[5], reason="a new rating")
    assert stamped.remember("test.thing", 1, (), compute) == 3  # computed again
    assert stamped.remember("test.thing", 2, (), compute) == 2  # the other district kept


def test_the_stamp_changes_again_when_the_writer_commits(
    django_capture_on_commit_callbacks: object,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        facts_changed(Fact.RATING, district_id=1, staff_ids=[5], reason="a new rating")
        during = stamped.stamp(1)
    assert stamped.stamp(1) != during


def test_a_result_kept_in_the_process_is_the_same_object_without_reading_the_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls, compute = _counting()
    first = stamped.remember("test.kept", 1, ("a",), lambda: [compute()], in_process=True)
    reads: list[str] = []
    real_get = stamped.cache.get

    def reading(key: str, *default: object) -> object:
        reads.append(key)
        return real_get(key, *default)

    monkeypatch.setattr(stamped.cache, "get", reading)
    again = stamped.remember("test.kept", 1, ("a",), lambda: [compute()], in_process=True)
    assert again is first
    assert len(calls) == 1
    assert reads == [stamped._stamp_key(1)]  # only the stamp is read from the shared cache


def test_a_result_kept_in_the_process_is_not_read_once_a_fact_changes() -> None:
    _, compute = _counting()
    assert stamped.remember("test.kept", 1, (), compute, in_process=True) == 1
    facts_changed(Fact.RATING, district_id=1, staff_ids=[5], reason="a new rating")
    assert stamped.remember("test.kept", 1, (), compute, in_process=True) == 2


def test_only_the_most_recent_results_are_kept_in_the_process() -> None:
    _, compute = _counting()
    for n in range(stamped.IN_PROCESS_ENTRIES + 3):
        stamped.remember("test.kept", 1, (n,), compute, in_process=True)
    assert len(stamped._in_process) <= stamped.IN_PROCESS_ENTRIES
