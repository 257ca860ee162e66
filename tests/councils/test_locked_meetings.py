"""Once a meeting's minutes are published and locked, its record stands: the agenda and
attendance (and so its quorum) are read-only on its page, say why, and cannot be changed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from lattice.councils import actions
from tests.cast import Cast
from tests.councils.world import world

Clients = Callable[[str], Client]


def test_a_published_meetings_page_offers_no_agenda_or_attendance_edits_and_says_why(
    cast: Cast, client_for: Clients
) -> None:
    text = client_for("officer").get(f"/councils/meetings/{world(cast).held.pk}/").content
    page = text.decode()
    assert "Add an agenda item" not in page
    assert "Save attendance" not in page
    assert "The minutes are published and locked" in page


def test_a_coming_meeting_still_takes_agenda_items_and_attendance(
    cast: Cast, client_for: Clients
) -> None:
    page = client_for("officer").get(f"/councils/meetings/{world(cast).next.pk}/").content
    assert b"Add an agenda item" in page
    assert b"Save attendance" in page
    assert b'<p class="muted">No agenda yet.</p>' in page


def test_attendance_of_a_locked_meeting_cannot_be_changed(cast: Cast) -> None:
    with pytest.raises(actions.CouncilError, match="attendance: the minutes of October"):
        actions.record_attendance(None, world(cast).held, cast.teacher_staff, "absent")


def test_no_agenda_item_is_added_to_a_locked_meeting(cast: Cast) -> None:
    with pytest.raises(actions.CouncilError, match="agenda: the minutes of October meeting"):
        actions.add_agenda_item(None, world(cast).held, title="Late item")
