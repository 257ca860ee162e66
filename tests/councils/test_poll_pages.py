"""A poll's page offers only what can apply: a secret ballot shows its turnout, never a
running count, until it closes; an election cannot open voting while nobody stands; a seat
an election already runs for is not offered for another; nominating starts from no one."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from lattice.councils import actions
from tests.cast import Cast
from tests.councils.cabinet_world import world as cabinet
from tests.councils.world import world

Clients = Callable[[str], Client]


def test_a_secret_ballot_shows_only_its_turnout_while_voting_is_open(
    cast: Cast, client_for: Clients
) -> None:
    poll = cabinet(cast).open_poll
    actions.cast_ballot(None, poll, cast.reviewer_staff, {poll.options.get(meaning="yes").pk: 1})
    page = client_for("officer").get(f"/councils/polls/{poll.pk}/").content.decode()
    assert "1 of 2 eligible voters have voted" in page
    assert "Count so far" not in page
    assert "A secret ballot shows only how many have voted until the vote closes" in page


def test_a_secret_ballot_shows_its_count_once_closed(cast: Cast, client_for: Clients) -> None:
    poll = cabinet(cast).open_poll
    actions.cast_ballot(None, poll, cast.reviewer_staff, {poll.options.get(meaning="yes").pk: 1})
    actions.close_poll(None, poll)
    page = client_for("officer").get(f"/councils/polls/{poll.pk}/").content.decode()
    assert "<h2>Count</h2>" in page
    assert "Voting closed" in page


def test_an_open_ballot_shows_its_count_so_far_and_says_voting_is_open(
    cast: Cast, client_for: Clients
) -> None:
    poll = world(cast).open_poll
    page = client_for("teacher").get(f"/councils/polls/{poll.pk}/").content.decode()
    assert "Count so far" in page
    assert "Voting open" in page


def test_voting_cannot_be_opened_while_nobody_stands_and_the_page_says_why(
    cast: Cast, client_for: Clients
) -> None:
    page = client_for("officer").get(f"/councils/polls/{world(cast).election.pk}/").content
    text = page.decode()
    assert "Nobody is standing yet." in text
    assert '<li class="muted">' not in text
    assert 'disabled aria-describedby="open-why">Close nominations and open voting' in text
    assert "Voting opens once at least one candidate is standing." in text


def test_voting_can_be_opened_once_someone_stands(cast: Cast, client_for: Clients) -> None:
    election = world(cast).election
    actions.nominate(None, election, cast.teacher_staff, "")
    text = client_for("officer").get(f"/councils/polls/{election.pk}/").content.decode()
    assert f'action="/councils/polls/{election.pk}/open/"' in text


def test_an_office_nominating_starts_from_an_empty_choice_not_a_person(
    cast: Cast, client_for: Clients
) -> None:
    text = client_for("officer").get(f"/councils/polls/{world(cast).election.pk}/").content
    assert b'required><option value="">Choose a person\xe2\x80\xa6</option>' in text


def test_a_seat_an_election_runs_for_is_not_offered_for_another_election(
    cast: Cast, client_for: Clients
) -> None:
    text = client_for("officer").get(f"/councils/{world(cast).alder.pk}/").content.decode()
    assert "Call an election for vacant elected seats" not in text
    assert "Open nominations" not in text
