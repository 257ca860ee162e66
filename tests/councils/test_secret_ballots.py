"""A secret ballot reveals nobody's vote to anyone, the superuser reading the database
included: the ballot row holds no person, no user and no time, and the receipt that says
who voted holds no choice. With voting shares and proxies too: a secret ballot is one
weight-1 row per share, naming neither the giver nor the holder of a proxy."""

from __future__ import annotations

import pytest
from django.db import connection

from lattice.audit.models import AuditEntry
from lattice.councils import actions
from lattice.councils.models import Ballot, EligibleVoter, Proxy
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
