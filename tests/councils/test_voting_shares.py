"""Voting shares: a seat's share is copied to the voters' snapshot when a poll opens, every
kind of count weighs each ballot by it (a ranked ballot of weight w counts w times in the
instant runoff), thresholds "of all filled seats" are the sum of the shares, and quorum still
counts people present.

The weighted council: Ada holds 2 votes, Pat 1, Ben 1 and Rae 3 — 7 in all.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lattice.councils import actions
from lattice.councils.counting import count_ranked, count_scores, first_preferences
from lattice.councils.models import Body, Poll, Seat
from tests.cast import Cast
from tests.councils.world import weighted_council, weighted_poll


@pytest.fixture
def council(cast: Cast) -> Body:
    return weighted_council(cast, proxies=False)


def _vote(poll: Poll, who, meaning: str) -> None:  # type: ignore[no-untyped-def]
    actions.cast_ballot(None, poll, who, {poll.options.get(meaning=meaning).pk: 1})


def test_the_snapshot_keeps_each_voters_share_from_when_the_poll_opened(
    cast: Cast, council: Body
) -> None:
    poll = weighted_poll(council, cast.teacher_staff, kind="yes_no")
    Seat.objects.filter(body=council, holder=cast.reviewer_staff).update(share=5)
    shares = dict(poll.eligible.values_list("voter__given_name", "share"))
    assert shares == {"Ada": 2, "Pat": 1, "Ben": 1, "Rae": 3}


def test_a_named_ballot_weighs_its_voters_share(cast: Cast, council: Body) -> None:
    poll = weighted_poll(council, cast.teacher_staff, kind="yes_no")
    _vote(poll, cast.teacher_staff, "yes")
    _vote(poll, cast.principal_staff, "no")
    _vote(poll, cast.teacher_other_school_staff, "no")
    outcome = actions.count(poll)
    assert (outcome.figures["yes"], outcome.figures["no"]) == (2, 2)
    assert not outcome.passed  # 2 of 4 votes cast is not more than half
    _vote(poll, cast.reviewer_staff, "yes")
    outcome = actions.count(poll)
    assert outcome.passed
    assert "5 yes of 7 (the votes cast)" in outcome.reason


def test_two_thirds_of_all_seats_is_two_thirds_of_the_shares_not_of_the_people(
    cast: Cast, council: Body
) -> None:
    people = weighted_poll(council, cast.teacher_staff, kind="yes_no", threshold="two_thirds")
    people.base = "seats"
    people.save()
    for who in (cast.teacher_staff, cast.principal_staff, cast.teacher_other_school_staff):
        _vote(people, who, "yes")
    outcome = actions.count(people)
    assert not outcome.passed  # 3 of 4 people, but 4 of 7 votes
    assert "4 yes of 7 (the votes of all filled seats)" in outcome.reason
    votes = weighted_poll(
        council, cast.teacher_staff, kind="yes_no", threshold="two_thirds", base="seats"
    )
    for who in (cast.teacher_staff, cast.reviewer_staff):
        _vote(votes, who, "yes")
    assert actions.count(votes).passed  # 2 of 4 people, but 5 of 7 votes


def test_a_threshold_of_those_present_counts_the_shares_of_the_members_present(
    cast: Cast, council: Body
) -> None:
    meeting = _meeting(council)
    for who, presence in (
        (cast.teacher_staff, "present"),
        (cast.reviewer_staff, "present"),
        (cast.principal_staff, "absent"),
        (cast.teacher_other_school_staff, "absent"),
    ):
        actions.record_attendance(None, meeting, who, presence)
    poll = weighted_poll(council, cast.teacher_staff, kind="yes_no", base="present")
    poll.meeting = meeting
    poll.save()
    assert actions.present_shares(poll) == 5
    _vote(poll, cast.reviewer_staff, "yes")
    assert actions.count(poll).passed  # 3 of the 5 votes present


def test_quorum_still_counts_people_present_whatever_their_shares(
    cast: Cast, council: Body
) -> None:
    meeting = _meeting(council)
    actions.record_attendance(None, meeting, cast.reviewer_staff, "present")
    actions.record_attendance(None, meeting, cast.teacher_staff, "absent")
    # Rae holds 3 of the 7 votes, but is 1 of 4 members: no quorum at more than half.
    assert actions.quorum(meeting) == (1, 4, False)


def test_a_weighted_objection_still_blocks_consent_and_is_counted_in_votes(
    cast: Cast, council: Body
) -> None:
    poll = weighted_poll(council, cast.teacher_staff, kind="consent")
    _vote(poll, cast.teacher_staff, "consent")
    _vote(poll, cast.principal_staff, "object")
    outcome = actions.count(poll)
    assert not outcome.passed
    assert outcome.figures == {"consent": 2, "object": 1}


def test_a_score_ballot_adds_its_scores_times_its_weight(cast: Cast, council: Body) -> None:
    poll = weighted_poll(council, cast.teacher_staff, kind="score", options=["Maps", "Novels"])
    maps, novels = poll.options.all()
    actions.cast_ballot(None, poll, cast.reviewer_staff, {maps.pk: 2, novels.pk: 1})  # 3 votes
    actions.cast_ballot(None, poll, cast.teacher_staff, {maps.pk: 0, novels.pk: 5})  # 2 votes
    outcome = actions.count(poll)
    assert outcome.figures == {str(novels.pk): 13, str(maps.pk): 6}
    assert outcome.winners == (novels.pk,)
    spread = {s.option: s for s in actions.score_spreads(poll)}
    assert spread[maps.pk].counts == (2, 0, 3, 0, 0, 0)
    assert spread[maps.pk].points == 6


def test_a_score_count_with_weights_equals_the_count_of_repeated_ballots() -> None:
    ballots = [{1: 4, 2: 1}, {1: 0, 2: 5}]
    assert count_scores([1, 2], ballots, [3, 1]) == count_scores(
        [1, 2], [ballots[0]] * 3 + [ballots[1]]
    )


def test_golden_a_ranked_ballot_of_weight_w_counts_w_times_in_the_runoff() -> None:
    """Options A=1, B=2, C=3. Rae (3 votes) ranks A>B>C, Ada (2) B>C>A, Pat (1) C>B>A,
    Ben (1) C>A>B. Weighted first preferences are A 3, B 2, C 2: B and C tie for last and
    both go, so A wins. Counted one person one vote, A and B tie for last and C wins."""
    rankings = [[1, 2, 3], [2, 3, 1], [3, 2, 1], [3, 1, 2]]
    weighted_outcome = count_ranked([1, 2, 3], rankings, [3, 2, 1, 1])
    assert weighted_outcome.winners == (1,)
    assert weighted_outcome.figures == {"1": 3, "2": 2, "3": 2}
    assert count_ranked([1, 2, 3], rankings).winners == (3,)
    repeated = [rankings[0]] * 3 + [rankings[1]] * 2 + rankings[2:]
    assert count_ranked([1, 2, 3], repeated) == weighted_outcome
    assert first_preferences([1, 2, 3], rankings, [3, 2, 1, 1]) == {"1": 3, "2": 2, "3": 2}


@pytest.mark.parametrize("secret", [False, True])
def test_golden_a_ranked_poll_of_the_weighted_council_is_won_by_the_weighted_first_choice(
    cast: Cast, council: Body, secret: bool
) -> None:
    poll = weighted_poll(
        council, cast.teacher_staff, kind="ranked", options=["A", "B", "C"], anonymous=secret
    )
    a, b, c = (o.pk for o in poll.options.all())
    for who, order in (
        (cast.reviewer_staff, (a, b, c)),
        (cast.teacher_staff, (b, c, a)),
        (cast.principal_staff, (c, b, a)),
        (cast.teacher_other_school_staff, (c, a, b)),
    ):
        actions.cast_ballot(None, poll, who, {o: r for r, o in enumerate(order, start=1)})
    assert poll.ballots.count() == (7 if secret else 4)
    poll = actions.close_poll(None, poll)
    assert poll.result["winner_names"] == ["A"]
    assert (poll.result["ballots"], poll.result["votes"]) == (4, 7)


def test_an_election_gives_each_teacher_of_the_electorate_one_vote(cast: Cast) -> None:
    body = weighted_council(cast, proxies=False)
    seat = actions.add_seat(
        None, body, label="Open seat", position="member", selection="elected", share=4
    )
    poll = actions.call_election(None, body, [seat])
    actions.nominate(None, poll, cast.teacher_staff, "I will listen.")
    actions.open_voting(None, poll)
    assert set(poll.eligible.values_list("share", flat=True)) == {1}


def test_a_seat_with_no_vote_is_refused_saying_why(cast: Cast, council: Body) -> None:
    with pytest.raises(actions.CouncilError, match="share: a seat carries at least one vote"):
        actions.add_seat(
            None, council, label="Observer", position="liaison", selection="appointed", share=0
        )


def test_the_seat_form_records_a_share_and_the_body_page_shows_it(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    body = weighted_council(cast, proxies=False)
    office = client_for("officer")
    data = {
        "label": "Two-school seat",
        "position": "member",
        "selection": "appointed",
        "term_years": "2",
        "term_limit": "2",
        "share": "0",
    }
    office.post(f"/councils/{body.pk}/seats/", data)
    assert not body.seats.filter(label="Two-school seat").exists()
    office.post(f"/councils/{body.pk}/seats/", data | {"share": "2"})
    assert body.seats.get(label="Two-school seat").share == 2
    page = office.get(f"/councils/{body.pk}/").content.decode()
    assert "3 votes" in page
    assert "7 votes in all" in page


def test_the_poll_page_says_how_many_votes_a_weighted_voter_casts(
    cast: Cast, council: Body, client_for
) -> None:  # type: ignore[no-untyped-def]
    poll = weighted_poll(council, cast.teacher_staff, kind="yes_no")
    _vote(poll, cast.teacher_staff, "yes")
    page = client_for("teacher").get(f"/councils/polls/{poll.pk}/").content.decode()
    assert "Your vote (2 votes)" in page
    assert "1 of 4 eligible voters have voted, casting 2 of 7 votes" in page
    assert "Ada Teacher (2 votes): Yes" in page


def _meeting(body: Body):  # type: ignore[no-untyped-def]
    when = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time(15))
    )
    return actions.schedule_meeting(
        None, body, title="Cabinet", starts_at=when, ends_at=when + dt.timedelta(hours=1)
    )


def test_a_weighted_score_pages_spread_counts_votes_and_says_so(
    cast: Cast, council: Body, client_for
) -> None:  # type: ignore[no-untyped-def]
    poll = weighted_poll(council, cast.teacher_staff, kind="score", options=["Maps", "Novels"])
    maps, novels = poll.options.all()
    actions.cast_ballot(None, poll, cast.reviewer_staff, {maps.pk: 2, novels.pk: 1})
    page = client_for("teacher").get(f"/councils/polls/{poll.pk}/").content.decode()
    assert '<th scope="col" class="num">Votes</th>' in page
    assert "the number after it counts the votes" in page
