"""Counting votes: plain values in, an outcome with its reasons out; nothing here writes.

Ranked choice is counted by the pref-voting library's instant runoff (golden-tested in
tests/councils/test_counting.py); the rest are the councils' usual rules: yes/no against a
threshold of a base (votes cast, members present, all filled seats), consent (any objection
blocks), scores, and elections that fill the N seats with the N most-voted candidates.

Voting shares: every count takes an optional ``weights``, one a ballot (default 1 each), and
counts a ballot of weight w as w ballots — a ranked one included (pref-voting's ``rcounts``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import repeat
from typing import TypeVar

T = TypeVar("T")


def weighted(ballots: Iterable[T], weights: Iterable[int] | None) -> list[tuple[T, int]]:
    """Pair each ballot with its weight (1 when no weights are given; one weight a ballot
    when they are)."""
    if weights is None:
        return list(zip(ballots, repeat(1)))
    return list(zip(ballots, weights, strict=True))


@dataclass(frozen=True)
class Outcome:
    passed: bool
    reason: str
    winners: tuple[int, ...] = ()  # option ids, in order
    tied: tuple[int, ...] = ()  # option ids tied for the last place that counts
    figures: Mapping[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "passed": self.passed,
            "reason": self.reason,
            "winners": list(self.winners),
            "tied": list(self.tied),
            "figures": dict(self.figures),
        }


THRESHOLDS = {
    "majority": (Fraction(1, 2), False, "more than half"),
    "two_thirds": (Fraction(2, 3), True, "at least two-thirds"),
    "unanimous": (Fraction(1), True, "all"),
}
# In votes, not people: a seat with a share of 2 brings 2 to "all filled seats".
BASES = {
    "cast": "the votes cast",
    "present": "the votes of the members present",
    "seats": "the votes of all filled seats",
}


def quorum_met(present: int, filled_seats: int, percent: int) -> bool:
    """More than ``percent`` % of the filled seats are present (and at least one person)."""
    return present > 0 and present * 100 > filled_seats * percent


def count_yes_no(
    yes: int, no: int, abstain: int, *, threshold: str, base: str, present: int, seats: int
) -> Outcome:
    share, inclusive, words = THRESHOLDS[threshold]
    denominator = {"cast": yes + no, "present": present, "seats": seats}[base]
    figures = {"yes": yes, "no": no, "abstain": abstain, "base": denominator}
    if denominator <= 0:
        return Outcome(False, f"No one to count: {BASES[base]} are zero.", figures=figures)
    ratio = Fraction(yes, denominator)
    passed = ratio >= share if inclusive else ratio > share
    verdict = "passed" if passed else "failed"
    return Outcome(
        passed,
        f"{verdict.capitalize()}: {yes} yes of {denominator} ({BASES[base]}); "
        f"it needed {words}. {no} no, {abstain} abstained.",
        figures=figures,
    )


def count_consent(agree: int, objections: int) -> Outcome:
    figures = {"consent": agree, "object": objections}
    if objections:
        word = "objection" if objections == 1 else "objections"
        return Outcome(
            False, f"Blocked: {objections} {word}. Resolve them and ask again.", figures=figures
        )
    if not agree:
        return Outcome(False, "No one gave consent.", figures=figures)
    return Outcome(True, f"Consented: {agree} consent, no objection.", figures=figures)


def count_scores(
    options: Sequence[int],
    ballots: Iterable[Mapping[int, int]],
    weights: Iterable[int] | None = None,
) -> Outcome:
    totals = Counter({o: 0 for o in options})
    for ballot, w in weighted(ballots, weights):
        for option, score in ballot.items():
            totals[option] += score * w
    return _top(options, totals, 1, "points")


TOP_SCORE = 5


@dataclass(frozen=True)
class ScoreSpread:
    """How the ballots scored one option: ``counts[k]`` votes (ballots times their
    weights) gave it ``k`` points."""

    option: int
    counts: tuple[int, ...]

    @property
    def ballots(self) -> int:
        return sum(self.counts)

    @property
    def points(self) -> int:
        return sum(k * n for k, n in enumerate(self.counts))

    @property
    def mean(self) -> float | None:
        return self.points / self.ballots if self.ballots else None


def score_spreads(
    options: Sequence[int],
    ballots: Iterable[Mapping[int, int]],
    top: int = TOP_SCORE,
    weights: Iterable[int] | None = None,
) -> list[ScoreSpread]:
    """The spread of scores each option received, beyond its total: a contested option
    (many 0s and 5s) and a lukewarm one (all 2s and 3s) can share a total."""
    counts = {o: [0] * (top + 1) for o in options}
    for ballot, w in weighted(ballots, weights):
        for option, score in ballot.items():
            if option in counts and 0 <= score <= top:
                counts[option][score] += w
    return [ScoreSpread(o, tuple(counts[o])) for o in options]


def count_election(
    options: Sequence[int],
    ballots: Iterable[Iterable[int]],
    seats: int,
    weights: Iterable[int] | None = None,
) -> Outcome:
    """Each ballot marks up to ``seats`` candidates; the ``seats`` most-marked win. A tie
    across the last winning place fills none of the tied places (hold a run-off)."""
    totals = Counter({o: 0 for o in options})
    for ballot, w in weighted(ballots, weights):
        for option in set(ballot):
            totals[option] += w
    return _top(options, totals, seats, "votes")


def _top(options: Sequence[int], totals: Counter[int], places: int, unit: str) -> Outcome:
    ranked = sorted(options, key=lambda o: (-totals[o], options.index(o)))
    figures = {str(o): totals[o] for o in ranked}
    if not ranked or sum(totals.values()) == 0:
        return Outcome(False, "No votes were cast.", figures=figures)
    if len(ranked) <= places:
        return Outcome(
            True,
            "Every candidate wins: no more candidates than places.",
            winners=tuple(ranked),
            figures=figures,
        )
    cut = totals[ranked[places - 1]]
    above = tuple(o for o in ranked if totals[o] > cut)
    at_cut = tuple(o for o in ranked if totals[o] == cut)
    if len(above) + len(at_cut) == places:
        top = totals[ranked[0]]
        words = (
            f"The one with the most {unit} ({top}) wins."
            if places == 1
            else f"The {places} with the most {unit} win."
        )
        return Outcome(True, words, winners=above + at_cut, figures=figures)
    open_places = places - len(above)
    return Outcome(
        bool(above),
        f"Tied: {len(at_cut)} options have {cut} {unit} for {open_places} "
        f"place{'s' if open_places != 1 else ''}; hold a run-off between them.",
        winners=above,
        tied=at_cut,
        figures=figures,
    )


def first_preferences(
    options: Sequence[int],
    rankings: Iterable[Sequence[int]],
    weights: Iterable[int] | None = None,
) -> dict[str, int]:
    first: Counter[int] = Counter()
    for r, w in weighted(rankings, weights):
        if r:
            first[r[0]] += w
    return {str(o): first[o] for o in options}


def count_ranked(
    options: Sequence[int],
    rankings: Iterable[Sequence[int]],
    weights: Iterable[int] | None = None,
) -> Outcome:
    """Instant runoff over the rankings (each a list of option ids, first preference first;
    unranked options count as below every ranked one), counted by pref-voting; a ranking
    of weight w is w voters' ballots (the profile's ``rcounts``)."""
    from pref_voting.profiles_with_ties import ProfileWithTies
    from pref_voting.voting_methods import instant_runoff_for_truncated_linear_orders

    index = {o: i for i, o in enumerate(options)}
    pairs = [
        ({index[o]: rank for rank, o in enumerate(r, start=1) if o in index}, w)
        for r, w in weighted(rankings, weights)
    ]
    pairs = [(o, w) for o, w in pairs if o and w > 0]
    orders = [o for o, _ in pairs]
    first: Counter[int] = Counter()
    for o, w in pairs:
        first[min(o, key=o.__getitem__)] += w
    figures = {str(options[i]): first[i] for i in range(len(options))}
    if not orders:
        return Outcome(False, "No ballots were cast.", figures=figures)
    profile = ProfileWithTies(
        orders, rcounts=[w for _, w in pairs], candidates=list(range(len(options)))
    )
    winners = instant_runoff_for_truncated_linear_orders(profile)
    if len(winners) == 1:
        return Outcome(
            True, "Won the instant runoff.", winners=(options[winners[0]],), figures=figures
        )
    tied = tuple(options[w] for w in winners)
    return Outcome(
        False,
        "The instant runoff ended in a tie; vote again between the tied.",
        tied=tied,
        figures=figures,
    )
