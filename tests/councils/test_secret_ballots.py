"""A secret ballot reveals nobody's vote to anyone, the superuser reading the database
included: the ballot row holds no person, no user and no time, and the receipt that says
who voted holds no choice. With voting shares and proxies too: a secret ballot is one
weight-1 row per share, naming neither the giver nor the holder of a proxy. And nothing the
database keeps besides its columns gives the order of voting away: read in storage order
(SQLite's rowid, PostgreSQL's ctid) after closing, the ballots are a shuffle under new ids
and the snapshot of who voted is in register order."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest
from django.db import connection
from django.utils import timezone

from lattice.audit.models import AuditEntry
from lattice.councils import actions
from lattice.councils.models import Ballot, EligibleVoter, Poll, Proxy
from lattice.people.models import StaffMember
from tests.cast import Cast
from tests.councils.world import weighted_council, weighted_poll, world


@pytest.fixture
def secret(cast: Cast):  # type: ignore[no-untyped-def]
    w = world(cast)
    p = actions.raise_proposal(
        None, w.alder, cast.teacher_staff, title="Secret", problem="p", proposal="q"
    )
    poll = actions.start_poll(None, p, kind="yes_no", anonymous=True)
    yes = poll.options.get(meaning="yes")
    no = poll.options.get(meaning="no")
    actions.cast_ballot(None, poll, cast.teacher_staff, {yes.pk: 1})
    actions.cast_ballot(None, poll, cast.principal_staff, {no.pk: 1})
    return poll


def test_no_column_of_a_ballot_points_at_a_person_or_a_time(secret) -> None:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        columns = [
            c.name
            for c in connection.introspection.get_table_description(cursor, Ballot._meta.db_table)
        ]
        cursor.execute(
            f"SELECT voter_id FROM {Ballot._meta.db_table} WHERE poll_id = %s", [secret.pk]
        )
        voters = [row[0] for row in cursor.fetchall()]
    assert sorted(columns) == [
        "cast_by_id",
        "choices",
        "id",
        "poll_id",
        "reason",
        "voter_id",
        "weight",
    ]
    assert voters == [None, None]


@pytest.fixture
def secret_weighted(cast: Cast):  # type: ignore[no-untyped-def]
    """Ada (2 votes) votes yes herself; Rae (3 votes) gives her vote to Ben (1 vote), who
    casts Rae's as no and his own as yes; Pat (1 vote) does not vote."""
    body = weighted_council(cast)
    poll = weighted_poll(body, cast.teacher_staff, kind="yes_no", anonymous=True)
    yes, no = poll.options.get(meaning="yes"), poll.options.get(meaning="no")
    actions.cast_ballot(None, poll, cast.teacher_staff, {yes.pk: 1})
    actions.give_proxy(None, poll, cast.reviewer_staff, cast.teacher_other_school_staff)
    actions.cast_proxy_ballot(
        None, poll, cast.teacher_other_school_staff, cast.reviewer_staff, {no.pk: 1}
    )
    actions.cast_ballot(None, poll, cast.teacher_other_school_staff, {yes.pk: 1})
    return poll


def test_a_secret_ballot_with_shares_or_by_proxy_is_rows_of_weight_one_naming_nobody(
    secret_weighted,
) -> None:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT voter_id, cast_by_id, weight FROM {Ballot._meta.db_table} WHERE poll_id = %s",
            [secret_weighted.pk],
        )
        rows = cursor.fetchall()
    assert rows == [(None, None, 1)] * 6  # 2 (Ada) + 3 (Rae, by proxy) + 1 (Ben)
    outcome = actions.count(secret_weighted)
    assert (outcome.figures["yes"], outcome.figures["no"]) == (3, 3)


def test_the_proxy_and_its_audit_say_who_gave_and_who_cast_never_how(
    secret_weighted, cast: Cast
) -> None:  # type: ignore[no-untyped-def]
    proxy_columns = {f.column for f in Proxy._meta.concrete_fields}
    assert proxy_columns == {"id", "poll_id", "giver_id", "holder_id", "given_at"}
    cast_entry = AuditEntry.objects.get(
        action="councils.proxy.cast", object_id=str(secret_weighted.pk)
    )
    assert cast_entry.after == {"cast_by": str(cast.teacher_other_school_staff)}
    ballots = AuditEntry.objects.filter(
        action="councils.ballot.cast", object_id=str(secret_weighted.pk)
    )
    assert [e.after for e in ballots] == [{}, {}]
    secret_weighted.refresh_from_db()
    assert secret_weighted.proxy_ballots == 1


def test_ballot_ids_are_random_so_their_order_gives_nobody_away(secret) -> None:  # type: ignore[no-untyped-def]
    ids = list(Ballot.objects.filter(poll=secret).values_list("id", flat=True))
    assert all(i.version == 4 for i in ids)


def test_the_snapshot_and_the_audit_log_say_who_voted_never_how(secret, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    snapshot_columns = {f.column for f in EligibleVoter._meta.concrete_fields}
    assert snapshot_columns == {"id", "poll_id", "voter_id", "share", "voted"}
    voted = secret.eligible.filter(voted=True).values_list("voter_id", flat=True)
    assert set(voted) == {cast.teacher_staff.pk, cast.principal_staff.pk}
    entries = AuditEntry.objects.filter(action="councils.ballot.cast", object_id=str(secret.pk))
    assert entries.count() == 2
    assert all(e.after == {} for e in entries)


def test_a_secret_ballot_cannot_be_cast_twice(secret, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    yes = secret.options.get(meaning="yes")
    with pytest.raises(actions.CouncilError, match="cannot be changed"):
        actions.cast_ballot(None, secret, cast.teacher_staff, {yes.pk: 1})
    assert Ballot.objects.filter(poll=secret).count() == 2


def test_the_superusers_poll_page_names_no_secret_voter(secret, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("superuser").get(f"/councils/polls/{secret.pk}/").content.decode()
    assert "Who voted what" not in page


def test_a_named_vote_can_be_changed_and_shows_who_voted_what(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    poll = world(cast).open_poll
    yes, no = poll.options.get(meaning="yes"), poll.options.get(meaning="no")
    actions.cast_ballot(None, poll, cast.teacher_staff, {yes.pk: 1})
    actions.cast_ballot(None, poll, cast.teacher_staff, {no.pk: 1}, "Changed my mind")
    assert Ballot.objects.filter(poll=poll).count() == 1
    page = client_for("principal").get(f"/councils/polls/{poll.pk}/").content.decode()
    assert "Ada Teacher: No" in page


def test_only_those_eligible_when_it_opened_may_vote(cast: Cast) -> None:
    poll = world(cast).open_poll
    yes = poll.options.get(meaning="yes")
    with pytest.raises(actions.CouncilError, match="not eligible"):
        actions.cast_ballot(None, poll, cast.teacher_other_school_staff, {yes.pk: 1})


# --- Storage order: what a database keeps besides its columns ----------------------------

SHARES = (3, 1, 2, 1, 1, 1, 2, 1, 1, 1, 1, 1)  # twelve seats, three of them weighted
# The order people vote in (seat numbers): seat 4 gives seat 6 a proxy, which 6 casts after
# their own vote; seat 11 never votes.
VOTING_ORDER = (5, 0, 9, 3, 7, 2, 1, 10, 8, 6, "proxy")


def _rows_in_storage_order(table: str, column: str, poll_id: int) -> list[object]:
    """``column`` of the poll's rows of ``table`` in the order the database stores them:
    SQLite's implicit rowid, PostgreSQL's physical position (ctid)."""
    order = {"sqlite": "rowid", "postgresql": "ctid"}[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {table} WHERE poll_id = %s ORDER BY {order}", [poll_id]
        )
        return [row[0] for row in cursor.fetchall()]


def _ballot_ids_in_storage_order(poll_id: int) -> list[uuid.UUID]:
    raw = _rows_in_storage_order(Ballot._meta.db_table, "id", poll_id)
    return [uuid.UUID(str(i)) for i in raw]


@dataclass
class Voted:
    poll: Poll
    people: list[StaffMember]
    rows_in_voting_order: list[tuple[int, ...]]  # each ballot row's scores, as cast
    ids_while_open: set[uuid.UUID]
    new_ids_at_each_vote: list[bool]


def _scores(poll: Poll, choices: dict[str, int]) -> tuple[int, ...]:
    return tuple(choices[str(pk)] for pk in poll.options.values_list("pk", flat=True))


@pytest.fixture
def voted(cast: Cast) -> Voted:
    """A secret score vote of a twelve-seat council, every voter scoring the three options
    their own way (so the test, and only the test, can tell whose ballot a row is)."""
    body = actions.create_body(
        None,
        cast.district,
        name="Twelve Council",
        kind="advisory_cabinet",
        purpose="Advises the district.",
        scope="district",
        allows_proxies=True,
        proxies_per_holder=1,
    )
    start = timezone.localdate() - dt.timedelta(days=30)
    people = []
    for i, share in enumerate(SHARES):
        person = StaffMember.objects.create(
            district=cast.district,
            employee_id=f"T12-{i}",
            given_name=f"Member{i}",
            family_name="Twelve",
        )
        seat = actions.add_seat(
            None, body, label=f"Seat {i}", position="member", selection="appointed", share=share
        )
        actions.fill_seat(None, seat, person, start=start)
        people.append(person)
    poll = weighted_poll(
        body, people[0], kind="score", anonymous=True, options=["Maps", "Mentors", "Money"]
    )
    option_ids = list(poll.options.values_list("pk", flat=True))
    actions.give_proxy(None, poll, people[4], people[6])
    rows: list[tuple[int, ...]] = []
    new_ids: list[bool] = []
    for who in VOTING_ORDER:
        voter = people[4] if who == "proxy" else people[int(who)]
        i = people.index(voter)
        scores = {pk: v for pk, v in zip(option_ids, (i // 6, i % 6, 3), strict=True)}
        before = set(Ballot.objects.filter(poll=poll).values_list("id", flat=True))
        if who == "proxy":
            actions.cast_proxy_ballot(None, poll, people[6], voter, scores)
        else:
            actions.cast_ballot(None, poll, voter, scores)
        after = set(Ballot.objects.filter(poll=poll).values_list("id", flat=True))
        new_ids.append(not before & after)
        rows += [(i // 6, i % 6, 3)] * SHARES[i]
    ids = set(Ballot.objects.filter(poll=poll).values_list("id", flat=True))
    return Voted(poll, people, rows, ids, new_ids)


def test_every_secret_vote_rewrites_the_polls_ballots_under_new_ids(voted: Voted) -> None:
    assert voted.new_ids_at_each_vote == [True] * len(VOTING_ORDER)


def test_after_closing_the_ballots_storage_order_does_not_follow_the_voting_order(
    voted: Voted,
) -> None:
    actions.close_poll(None, voted.poll)
    ids = _ballot_ids_in_storage_order(voted.poll.pk)
    by_id = {b.id: _scores(voted.poll, b.choices) for b in Ballot.objects.filter(poll=voted.poll)}
    stored = [by_id[i] for i in ids]
    assert not set(ids) & voted.ids_while_open  # every id is new
    assert sorted(stored) == sorted(voted.rows_in_voting_order)  # the same ballots
    # ...in another order: 15 rows (three voters' shares alike) can lie in 15!/(3!·2!·2!)
    # ≈ 5·10^10 distinguishable orders, so a shuffle lands on the voting order by chance
    # about once in fifty billion runs.
    assert stored != voted.rows_in_voting_order
    assert all(i.version == 4 for i in ids)


def test_closing_rewrites_the_snapshot_in_register_order_with_nobodys_voting_order(
    voted: Voted,
) -> None:
    table = EligibleVoter._meta.db_table
    ids_open = set(_rows_in_storage_order(table, "id", voted.poll.pk))
    actions.close_poll(None, voted.poll)
    voters = _rows_in_storage_order(table, "voter_id", voted.poll.pk)
    ids = _rows_in_storage_order(table, "id", voted.poll.pk)
    assert voters == sorted(p.pk for p in voted.people)
    assert not set(ids) & ids_open
    voted_ids = set(voted.poll.eligible.filter(voted=True).values_list("voter_id", flat=True))
    assert voted_ids == {p.pk for p in voted.people} - {voted.people[11].pk}
    shares = dict(voted.poll.eligible.values_list("voter_id", "share"))
    assert [shares[p.pk] for p in voted.people] == list(SHARES)


def test_the_rewrite_leaves_the_count_and_the_result_as_they_were(voted: Voted) -> None:
    before = actions.count(voted.poll)
    poll = actions.close_poll(None, voted.poll)
    assert poll.result["figures"] == before.figures
    assert poll.result["winner_names"] == [
        o.name for o in poll.options.all() if o.pk in before.winners
    ]
    assert actions.count(poll).figures == before.figures
    assert (poll.result["ballots"], poll.result["votes"], poll.result["eligible"]) == (11, 15, 12)
    assert poll.result["proxy"] == 1
    assert Ballot.objects.filter(poll=poll, voter__isnull=True, weight=1).count() == 15


def test_a_named_polls_ballots_are_not_rewritten_at_closing(cast: Cast) -> None:
    poll = world(cast).open_poll
    yes = poll.options.get(meaning="yes")
    ballot = actions.cast_ballot(None, poll, cast.teacher_staff, {yes.pk: 1})
    actions.close_poll(None, poll)
    assert list(Ballot.objects.filter(poll=poll).values_list("id", "voter_id")) == [
        (ballot.id, cast.teacher_staff.pk)
    ]
