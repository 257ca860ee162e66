"""Where a posting stands, in words, on a given day — and what its manager can do next.

A posting's stored ``status`` only says whether selection is still running ("open"), finished
or cancelled; whether it takes applications follows its window. Every page that shows a
posting (the list of openings, the posting's page, the staffing suggestions) asks
:func:`posting_state`, so a posting whose window closed in March never reads "Open" in
December. :func:`next_steps` decides which selection buttons can do something, and says in
words what comes next when none can (a button that would do nothing is never shown).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lattice.lib.formatting import day
from lattice.roles.models import Posting, PostingStatus


@dataclass(frozen=True)
class PostingState:
    """``label`` is the short state shown in a badge or a table cell; ``taking`` whether
    applications are taken today (the badge is highlighted then)."""

    label: str
    taking: bool = False

    def __str__(self) -> str:
        return self.label


def posting_state(
    posting: Posting,
    on: dt.date,
    *,
    applicants: int | None = None,
    open_positions: int | None = None,
) -> PostingState:
    """The posting's state on ``on``. ``applicants`` (active applications) and
    ``open_positions`` (positions without an accepted or pending offer) refine it when the
    caller knows them: a posting whose positions are all taken is "Filled"; one whose window
    closed with applications is "In review"."""
    if posting.status == PostingStatus.CANCELLED:
        return PostingState("Cancelled")
    if posting.status == PostingStatus.CLOSED:
        return PostingState("Filled" if open_positions == 0 else "Selection finished")
    if on < posting.opens_on:
        return PostingState(f"Opens {day(posting.opens_on)}")
    if on <= posting.closes_on:
        return PostingState("Taking applications", taking=True)
    if open_positions == 0:
        return PostingState("Filled")
    if applicants == 0:
        return PostingState(f"Closed {day(posting.closes_on)}; nobody applied")
    if applicants is None:
        return PostingState(f"Closed for applications {day(posting.closes_on)}")
    return PostingState("In review")


@dataclass(frozen=True)
class NextSteps:
    """What a posting's manager sees under the ranking: which buttons can do something now
    (``can_offer``, ``can_finish`` with its ``finish_label``), and ``words`` saying what is
    next whenever the buttons alone do not (waiting for applications, a panel, scores)."""

    can_offer: bool
    can_finish: bool
    finish_label: str
    words: str


def next_steps(
    posting: Posting,
    on: dt.date,
    *,
    applicants: int,
    reviewers: int,
    waiting: int,
    open_positions: int,
    seated_decider: bool,
) -> NextSteps:
    """``applicants``: active applications; ``reviewers``: panel members; ``waiting``: scored
    applicants not yet offered (the waitlist); ``seated_decider``: the viewer sits on the
    panel, so someone else makes the offers."""
    if posting.status != PostingStatus.OPEN:
        return NextSteps(False, False, "", "")
    window_closed = on > posting.closes_on
    can_offer = open_positions > 0 and waiting > 0 and not seated_decider
    # Finishing closes selection: only once applications are no longer taken, or when every
    # position is taken (closing earlier would shut out people still applying).
    can_finish = window_closed or open_positions == 0
    finish_label = "Finish selection" if applicants else "Close the posting"
    words = ""
    if open_positions == 0:
        words = "Every position is filled or has an offer out."
    elif applicants == 0:
        words = (
            f"Nobody applied; the window closed on {day(posting.closes_on)}. Close the "
            "posting, or post the role again with a new window."
            if window_closed
            else f"No applications yet; the window closes on {day(posting.closes_on)}."
            if on >= posting.opens_on
            else f"The window opens on {day(posting.opens_on)} and closes on "
            f"{day(posting.closes_on)}."
        )
    elif reviewers == 0:
        words = (
            f"{applicants} application{'' if applicants == 1 else 's'}, and no review panel "
            "yet: seat reviewers below so the applications can be scored."
        )
    elif waiting == 0:
        words = (
            "Waiting for the panel's scores: an applicant can be offered the role once a "
            "reviewer has scored every criterion of their application."
        )
    elif seated_decider:
        words = (
            f"{waiting} scored applicant{'' if waiting == 1 else 's'} waiting; you sit on the "
            "panel, so the talent office makes the offer."
        )
    if not window_closed and not words and on >= posting.opens_on:
        words = f"Applications are taken until {day(posting.closes_on)}."
    return NextSteps(can_offer, can_finish, finish_label, words)
