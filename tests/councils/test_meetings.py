"""Meetings: quorum computed from attendance, minutes staged and locked when published,
the published minutes as PDF and the invite as iCalendar."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from lattice.councils import actions
from tests.cast import Cast
from tests.councils.world import world


def test_quorum_is_computed_from_attendance(cast: Cast) -> None:
    meeting = world(cast).next
    assert actions.quorum(meeting) == (0, 2, False)
    actions.record_attendance(None, meeting, cast.teacher_staff, "present")
    assert actions.quorum(meeting) == (1, 2, False)
    actions.record_attendance(None, meeting, cast.principal_staff, "present")
    assert actions.quorum(meeting) == (2, 2, True)


def test_attendance_is_for_members_only(cast: Cast) -> None:
    with pytest.raises(actions.CouncilError, match="held no seat"):
        actions.record_attendance(None, world(cast).next, cast.reviewer_staff, "present")


def test_a_vote_at_a_meeting_without_quorum_cannot_be_closed(cast: Cast) -> None:
    w = world(cast)
    p = actions.raise_proposal(
        None, w.alder, cast.teacher_staff, title="T", problem="p", proposal="q", meeting=w.next
    )
    poll = actions.start_poll(None, p, kind="consent", meeting=w.next)
    with pytest.raises(actions.CouncilError, match="no quorum"):
        actions.close_poll(None, poll)


def test_minutes_move_through_four_stages_and_lock_when_published(cast: Cast) -> None:
    meeting = world(cast).next
    actions.write_minutes(None, meeting, "Draft notes", None)
    stages = [actions.advance_minutes(None, meeting, None).stage for _ in range(3)]
    assert stages == ["prepared", "review", "published"]
    with pytest.raises(actions.CouncilError, match="locked"):
        actions.write_minutes(None, meeting, "A late change", None)
    assert meeting.minutes.count() == 5  # every version is kept


def test_unpublished_minutes_are_for_members_only(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from django.utils import timezone

    body = world(cast).district  # Ben sits on it; Rae, at Birch too, sees it but does not sit
    start = timezone.now() + dt.timedelta(days=3)
    meeting = actions.schedule_meeting(
        None, body, title="Planning", starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    actions.write_minutes(None, meeting, "Confidential draft about the budget", None)
    url = f"/councils/meetings/{meeting.pk}/"
    assert "Confidential draft" in client_for("teacher_other_school").get(url).content.decode()
    outsider = client_for("reviewer").get(url)
    assert outsider.status_code == 200
    assert "Confidential draft" not in outsider.content.decode()


def test_the_published_minutes_download_as_a_pdf(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("teacher").get(f"/councils/meetings/{world(cast).held.pk}/minutes.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_draft_minutes_have_no_pdf(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("teacher").get(f"/councils/meetings/{world(cast).next.pk}/minutes.pdf")
    assert response.status_code == 404


def test_the_invite_is_an_icalendar_event_with_the_agenda(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = world(cast).held
    response = client_for("teacher").get(f"/councils/meetings/{meeting.pk}/invite.ics")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Alder Leadership Council: October meeting"
    assert "PLC time" in str(event["DESCRIPTION"])
    assert event.decoded("DTSTART") == meeting.starts_at
