"""The trust pulse: answers are shown only in groups of at least ten, only after the round
closes; and nobody, with the whole database in hand, can link an answer to the person who gave
it: the receipt and the answers share no column, no order and no time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection

from lattice.audit.models import AuditEntry
from lattice.network import actions, pulse_results
from lattice.network.models import PulseReceipt, PulseResponse
from lattice.network.models.pulse import QUESTIONS
from tests.cast import _person

ON = dt.date(2026, 3, 2)
KEYS = [k for k, _ in QUESTIONS]


def _round(cast: Any) -> Any:
    return actions.open_round(
        None, cast.district, title="Spring pulse", opens_on=ON, closes_on=ON + dt.timedelta(14)
    )


def _staff(cast: Any, school: Any, n: int, prefix: str) -> list[Any]:
    return [
        _person(cast.district, f"{prefix}{i:03}", "Pat", f"{prefix}{i}", school, [cast.year])[0]
        for i in range(n)
    ]


def _answer_all(pulse: Any, people: list[Any], value: int = 4) -> None:
    for person in people:
        actions.answer_pulse(None, pulse, person, dict.fromkeys(KEYS, value), on=ON)


def test_a_person_answers_once(cast: Any) -> None:
    pulse = _round(cast)
    _answer_all(pulse, [cast.teacher_staff])
    with pytest.raises(actions.NetworkError, match="answered this round"):
        _answer_all(pulse, [cast.teacher_staff], 2)
    assert PulseResponse.objects.filter(round=pulse).count() == 1


def test_a_school_with_ten_answers_is_shown_and_one_with_fewer_is_not(cast: Any) -> None:
    pulse = _round(cast)
    _answer_all(pulse, _staff(cast, cast.alder, 10, "A"), 4)
    _answer_all(pulse, _staff(cast, cast.birch, 3, "B"), 1)
    actions.close_round(None, pulse)
    district, schools = pulse_results.round_results(pulse)
    shown = {result.label: result for _, result in schools}
    assert shown["Alder Elementary"].shown
    assert shown["Alder Elementary"].overall == 4.0
    assert "Birch Middle" not in shown  # under ten: pooled, then discarded as a pool under ten
    assert district.responses == 10


def test_nothing_shows_before_the_round_closes(cast: Any) -> None:
    pulse = _round(cast)
    _answer_all(pulse, _staff(cast, cast.alder, 10, "A"))
    district, schools = pulse_results.round_results(pulse)
    assert (district.shown, schools) == (False, [])


def test_small_schools_answers_lose_their_school_at_close(cast: Any) -> None:
    pulse = _round(cast)
    _answer_all(pulse, _staff(cast, cast.alder, 6, "A"))
    _answer_all(pulse, _staff(cast, cast.birch, 5, "B"))
    counts = actions.close_round(None, pulse)
    assert counts == {"kept": 0, "pooled": 11, "discarded": 0}
    assert set(PulseResponse.objects.filter(round=pulse).values_list("school", flat=True)) == {None}


def test_at_the_database_level_no_answer_joins_to_a_person(cast: Any) -> None:
    pulse = _round(cast)
    people = _staff(cast, cast.alder, 10, "A")
    for i, person in enumerate(people):
        actions.answer_pulse(None, pulse, person, dict.fromkeys(KEYS, 1 + i % 5), on=ON)
    actions.close_round(None, pulse)
    with connection.cursor() as cursor:
        columns = {
            c.name for c in connection.introspection.get_table_description(
                cursor, PulseResponse._meta.db_table
            )
        }  # fmt: skip
        relations = connection.introspection.get_relations(cursor, PulseResponse._meta.db_table)
    # the answers' table: a random id, the round, the school, the answers; nothing else
    assert columns == {"id", "round_id", "school_id", "answers"}
    assert {target for _, target in relations.values()} <= {"network_pulseround", "people_school"}
    # the receipts' table names the person and no answer, and nothing points between the two
    receipt_columns = {f.column for f in PulseReceipt._meta.concrete_fields}
    assert receipt_columns == {"id", "round_id", "staff_member_id"}
    # the only column the tables share is the round (the same for all ten)
    assert columns & receipt_columns == {"id", "round_id"}
    assert all(isinstance(r.id, type(PulseResponse().id)) for r in PulseResponse.objects.all())
    # and the audit log says who answered, never what
    entries = AuditEntry.objects.filter(action="network.pulse.answer")
    assert entries.count() == 10
    assert all(not e.after and not e.before for e in entries)


def test_closing_rewrites_the_answers_under_new_ids(cast: Any) -> None:
    pulse = _round(cast)
    _answer_all(pulse, _staff(cast, cast.alder, 10, "A"))
    before = set(PulseResponse.objects.filter(round=pulse).values_list("id", flat=True))
    actions.close_round(None, pulse)
    after = set(PulseResponse.objects.filter(round=pulse).values_list("id", flat=True))
    assert len(after) == 10
    assert not before & after


def test_the_trend_runs_over_closed_rounds_beside_the_schools_leaders(cast: Any) -> None:
    people = _staff(cast, cast.alder, 10, "A")
    first = _round(cast)
    _answer_all(first, people, 3)
    actions.close_round(None, first)
    second = actions.open_round(
        None, cast.district, title="Autumn pulse", opens_on=ON + dt.timedelta(30),
        closes_on=ON + dt.timedelta(44),
    )  # fmt: skip
    for person in people:
        actions.answer_pulse(None, second, person, dict.fromkeys(KEYS, 5), on=ON + dt.timedelta(31))
    actions.close_round(None, second)
    points = pulse_results.trend(cast.district, cast.alder)
    assert [(p.round_title, p.overall, p.leaders) for p in points] == [
        ("Spring pulse", 3.0, 0),
        ("Autumn pulse", 5.0, 0),
    ]


def test_the_results_page_shows_a_chart_and_hides_small_groups(cast: Any, client_for: Any) -> None:
    pulse = _round(cast)
    _answer_all(pulse, _staff(cast, cast.alder, 10, "A"))
    actions.close_round(None, pulse)
    page = client_for("teacher").get(f"/network/pulse/{pulse.pk}/").content.decode()
    assert "<svg" in page
    assert "10 answers" in page
    assert client_for("other_officer").get(f"/network/pulse/{pulse.pk}/").status_code == 404


def test_my_profile_asks_me_to_answer_an_open_round_until_i_have(
    cast: Any, client_for: Any
) -> None:
    from django.utils import timezone

    on = timezone.localdate()
    pulse = actions.open_round(
        None, cast.district, title="Today's pulse", opens_on=on, closes_on=on + dt.timedelta(7)
    )
    client = client_for("teacher")
    assert f"/network/pulse/{pulse.pk}/answer/" in client.get("/me/").content.decode()
    actions.answer_pulse(None, pulse, cast.teacher_staff, dict.fromkeys(KEYS, 3), on=on)
    assert f"/network/pulse/{pulse.pk}/answer/" not in client.get("/me/").content.decode()


def test_a_round_no_one_answered_says_so_instead_of_hiding_small_groups(
    cast: Any, client_for: Any
) -> None:
    pulse = _round(cast)
    actions.close_round(None, pulse)
    page = client_for("teacher").get(f"/network/pulse/{pulse.pk}/").content.decode()
    assert "No one answered this round." in page
    assert "Fewer than 10 answers" not in page


def test_the_rounds_page_puts_answer_now_above_the_table_and_asks_to_close_before_opening(
    cast: Any, client_for: Any
) -> None:
    from django.utils import timezone

    on = timezone.localdate()
    pulse = actions.open_round(
        None, cast.district, title="Today's pulse", opens_on=on, closes_on=on + dt.timedelta(7)
    )
    teacher_page = client_for("teacher").get("/network/pulse/").content.decode()
    assert teacher_page.index(f"/network/pulse/{pulse.pk}/answer/") < teacher_page.index("<table")
    office_page = client_for("officer").get("/network/pulse/").content.decode()
    assert "Close Today&#x27;s pulse first" in office_page
    assert "Open the round</button>" not in office_page
