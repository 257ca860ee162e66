"""Counting votes: thresholds, consent, elections with ties, and ranked choice counted by
pref-voting's instant runoff against known results."""

from __future__ import annotations

from lattice.councils.counting import (
    count_consent,
    count_election,
    count_ranked,
    count_yes_no,
    quorum_met,
    score_spreads,
)


def test_a_majority_of_votes_cast_ignores_abstentions() -> None:
    outcome = count_yes_no(3, 2, 4, threshold="majority", base="cast", present=9, seats=9)
    assert outcome.passed
    assert "3 yes of 5" in outcome.reason


def test_a_majority_of_those_present_counts_abstentions_against() -> None:
    outcome = count_yes_no(3, 2, 4, threshold="majority", base="present", present=9, seats=9)
    assert not outcome.passed


def test_two_thirds_is_met_by_exactly_two_thirds() -> None:
    assert count_yes_no(4, 2, 0, threshold="two_thirds", base="cast", present=6, seats=6).passed
    assert not count_yes_no(3, 2, 0, threshold="two_thirds", base="cast", present=5, seats=5).passed


def test_unanimity_of_all_seats_fails_when_a_member_is_missing() -> None:
    outcome = count_yes_no(6, 0, 0, threshold="unanimous", base="seats", present=6, seats=7)
    assert not outcome.passed


def test_one_objection_blocks_consent() -> None:
    outcome = count_consent(8, 1)
    assert not outcome.passed
    assert "1 objection" in outcome.reason


def test_quorum_needs_more_than_the_share_of_filled_seats() -> None:
    assert not quorum_met(3, 6, 50)
    assert quorum_met(4, 6, 50)
    assert not quorum_met(0, 0, 50)


def test_an_election_fills_its_places_with_the_most_voted() -> None:
    outcome = count_election([1, 2, 3], [[1, 2], [1, 3], [1, 2]], seats=2)
    assert outcome.winners == (1, 2)


def test_a_tie_across_the_last_place_fills_none_of_the_tied_places() -> None:
    outcome = count_election([1, 2, 3], [[1, 2], [1, 3]], seats=2)
    assert outcome.winners == (1,)
    assert set(outcome.tied) == {2, 3}
    assert "run-off" in outcome.reason


def test_instant_runoff_transfers_the_eliminated_preferences() -> None:
    # First preferences: A 4, B 3, C 2. C is eliminated; both C ballots rank B next, so
    # B wins 5 to 4 although A led on first preferences (the classic IRV example).
    a, b, c = 10, 20, 30
    rankings = [[a, b, c]] * 4 + [[b, a, c]] * 3 + [[c, b, a]] * 2
    outcome = count_ranked([a, b, c], rankings)
    assert outcome.passed
    assert outcome.winners == (b,)
    assert outcome.figures == {"10": 4, "20": 3, "30": 2}


def test_instant_runoff_drops_every_option_tied_for_last_at_once() -> None:
    # A 3, B 2, C 2 on first preferences. pref-voting's instant runoff eliminates every
    # option tied for last together, so B and C go out in one round and A wins with 3 votes;
    # the truncated ballots (A alone) count only for A.
    a, b, c = 1, 2, 3
    rankings = [[a]] * 3 + [[b, c]] * 2 + [[c, b]] * 2
    assert count_ranked([a, b, c], rankings).winners == (a,)


def test_an_even_split_is_a_tie_not_a_winner() -> None:
    outcome = count_ranked([1, 2], [[1, 2], [2, 1]])
    assert not outcome.passed
    assert set(outcome.tied) == {1, 2}


def test_score_spreads_show_what_a_total_hides() -> None:
    # Two options share a total of 10 points from four ballots: one loved and refused,
    # one liked by everyone a little.
    ballots = [{1: 5, 2: 3}, {1: 5, 2: 2}, {1: 0, 2: 3}, {1: 0, 2: 2}]
    contested, lukewarm = score_spreads([1, 2], ballots)
    assert contested.counts == (2, 0, 0, 0, 0, 2)
    assert lukewarm.counts == (0, 0, 2, 2, 0, 0)
    assert contested.points == lukewarm.points == 10
    assert contested.mean == lukewarm.mean == 2.5
    assert score_spreads([1], [])[0].mean is None
