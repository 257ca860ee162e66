"""The councils speak in words, not codes: a new role's kind by its catalogue label, audit
entries that finish their sentence and name the options chosen, a yes/no vote without
"winners", how a body decides its proposals in a sentence, and the standard button."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from lattice.audit.models import AuditEntry
from lattice.councils import actions
from tests.cast import Cast
from tests.councils.world import world

Clients = Callable[[str], Client]


def test_the_carry_out_preview_names_the_kind_of_role_by_its_label(cast: Cast) -> None:
    found = actions.carry_out_preview(world(cast).decision)
    assert found is not None
    preview = dict(found.preview.lines)
    assert preview["Kind of role"] == "Instructional coach"


def test_moving_the_minutes_on_says_from_which_stage_to_which(cast: Cast) -> None:
    world(cast)
    entry = AuditEntry.objects.filter(action="councils.minutes.advance").order_by("pk").last()
    assert entry is not None
    assert entry.sentence.endswith(": from in review by attendees to published (locked)")


def test_a_named_ballot_is_audited_with_the_options_names(cast: Cast) -> None:
    poll = world(cast).open_poll
    actions.cast_ballot(None, poll, cast.teacher_staff, {poll.options.get(meaning="no").pk: 1})
    entry = AuditEntry.objects.filter(action="councils.ballot.cast").order_by("pk").last()
    assert entry is not None
    assert entry.after == {"choices": {"No": 1}}


def test_a_closed_yes_no_vote_is_audited_with_its_reason_and_no_winners(cast: Cast) -> None:
    poll = world(cast).open_poll
    actions.cast_ballot(None, poll, cast.teacher_staff, {poll.options.get(meaning="yes").pk: 1})
    actions.close_poll(None, poll)
    entry = AuditEntry.objects.filter(action="councils.poll.close").order_by("pk").last()
    assert entry is not None
    assert set(entry.after) == {"reason"}


def test_a_body_says_in_words_how_its_proposals_are_decided(
    cast: Cast, client_for: Clients
) -> None:
    page = client_for("teacher").get(f"/councils/{world(cast).alder.pk}/").content.decode()
    assert "How proposals are decided" in page
    assert "The chair puts each proposal to a vote" in page
    assert "submitted →" not in page


def test_the_follow_up_save_is_the_standard_secondary_button(
    cast: Cast, client_for: Clients
) -> None:
    page = client_for("teacher").get(f"/councils/decisions/{world(cast).decision.pk}/")
    assert b'<button type="submit" class="button button-secondary">Save</button>' in page.content
