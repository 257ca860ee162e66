"""Absentee votes: a member recorded absent or excused from a meeting votes in its polls
only where the body's bylaws allow it; quorum still counts those present, and the result
says how many ballots were absentee without saying which."""

from __future__ import annotations

import pytest

from lattice.councils import actions
from lattice.councils.models import Ballot, Body, Poll
from tests.cast import Cast
from tests.councils.world import world


def _meeting_poll(cast: Cast, *, anonymous: bool = False) -> Poll:
    w = world(cast)
    meeting = w.next
    actions.record_attendance(None, meeting, cast.teacher_staff, "present")
    actions.record_attendance(None, meeting, cast.principal_staff, "excused")
    p = actions.raise_proposal(
        None, w.alder, cast.teacher_staff, title="Absent", problem="p", proposal="q"
    )
    return actions.start_poll(None, p, kind="yes_no", meeting=meeting, anonymous=anonymous)


def test_an_absent_member_is_refused_when_the_bylaws_allow_no_absentee_votes(
    cast: Cast,
) -> None:
    poll = _meeting_poll(cast)
    yes = poll.options.get(meaning="yes")
    with pytest.raises(actions.CouncilError, match="allow no absentee votes"):
        actions.cast_ballot(None, poll, cast.principal_staff, {yes.pk: 1})
    assert not Ballot.objects.filter(poll=poll).exists()
    actions.cast_ballot(None, poll, cast.teacher_staff, {yes.pk: 1})
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_where_the_bylaws_allow_it_the_absentee_votes_and_is_counted_apart(
    cast: Cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    poll = _meeting_poll(cast, anonymous=True)
    Body.objects.filter(pk=poll.body_id).update(allows_absentee_votes=True)
    yes, no = poll.options.get(meaning="yes"), poll.options.get(meaning="no")
    actions.cast_ballot(None, poll, cast.principal_staff, {no.pk: 1})
    actions.cast_ballot(None, poll, cast.teacher_staff, {yes.pk: 1})
    poll.refresh_from_db()
    assert poll.absentee_ballots == 1
    assert set(Ballot.objects.filter(poll=poll).values_list("voter", flat=True)) == {None}
    page = client_for("teacher").get(f"/councils/polls/{poll.pk}/").content.decode()
    assert "1 of the ballots was cast by members absent from" in page


def test_quorum_counts_only_members_present_even_with_absentee_ballots(cast: Cast) -> None:
    poll = _meeting_poll(cast)
    Body.objects.filter(pk=poll.body_id).update(allows_absentee_votes=True)
    yes = poll.options.get(meaning="yes")
    actions.cast_ballot(None, poll, cast.principal_staff, {yes.pk: 1})
    actions.cast_ballot(None, poll, cast.teacher_staff, {yes.pk: 1})
    assert actions.quorum(poll.meeting) == (1, 2, False)  # type: ignore[arg-type]
    with pytest.raises(actions.CouncilError, match="no quorum"):
        actions.close_poll(None, poll)


def test_a_changed_named_absentee_vote_is_counted_once(cast: Cast) -> None:
    poll = _meeting_poll(cast)
    Body.objects.filter(pk=poll.body_id).update(allows_absentee_votes=True)
    yes, no = poll.options.get(meaning="yes"), poll.options.get(meaning="no")
    actions.cast_ballot(None, poll, cast.principal_staff, {yes.pk: 1})
    actions.cast_ballot(None, poll, cast.principal_staff, {no.pk: 1})
    poll.refresh_from_db()
    assert poll.absentee_ballots == 1


def test_a_poll_outside_a_meeting_has_no_absentees(cast: Cast) -> None:
    poll = world(cast).open_poll
    assert not actions.is_absentee(poll, cast.principal_staff)
