"""The only place the councils app writes: each action is one transaction and one audit
entry (or more), and refuses bad input with a sentence naming the field and the fix."""

from lattice.councils.actions.attachments import KINDS as ATTACHMENT_KINDS
from lattice.councils.actions.attachments import MAX_BYTES as ATTACHMENT_MAX_BYTES
from lattice.councils.actions.attachments import MAX_FILES as ATTACHMENT_MAX_FILES
from lattice.councils.actions.attachments import OPEN as ATTACHABLE
from lattice.councils.actions.attachments import attach_files
from lattice.councils.actions.bodies import (
    add_seat,
    create_body,
    fill_seat,
    seat_checks,
    seat_school,
    vacate_seat,
)
from lattice.councils.actions.common import CouncilError
from lattice.councils.actions.decisions import (
    CARRY_OUTS,
    FIELD_LABELS,
    attendance_counts,
    carry_out,
    carry_out_preview,
    carry_out_preview_for,
    record_decision,
    reviews_due,
    update_decision,
)
from lattice.councils.actions.meetings import (
    MINUTES_ORDER,
    add_agenda_item,
    advance_minutes,
    current_minutes,
    members_on,
    quorum,
    record_attendance,
    schedule_meeting,
    write_minutes,
)
from lattice.councils.actions.votes import (
    OPTIONS_BY_KIND,
    call_election,
    cast_ballot,
    close_poll,
    count,
    election_rules,
    election_voters,
    figures,
    hide_results,
    nominate,
    open_voting,
    raise_proposal,
    score_spreads,
    second_proposal,
    start_poll,
)

__all__ = [
    "ATTACHABLE",
    "ATTACHMENT_KINDS",
    "ATTACHMENT_MAX_BYTES",
    "ATTACHMENT_MAX_FILES",
    "CARRY_OUTS",
    "FIELD_LABELS",
    "MINUTES_ORDER",
    "OPTIONS_BY_KIND",
    "CouncilError",
    "add_agenda_item",
    "add_seat",
    "advance_minutes",
    "attach_files",
    "attendance_counts",
    "call_election",
    "carry_out",
    "carry_out_preview",
    "carry_out_preview_for",
    "cast_ballot",
    "close_poll",
    "count",
    "create_body",
    "current_minutes",
    "election_rules",
    "election_voters",
    "figures",
    "fill_seat",
    "hide_results",
    "members_on",
    "nominate",
    "open_voting",
    "quorum",
    "raise_proposal",
    "record_attendance",
    "record_decision",
    "reviews_due",
    "schedule_meeting",
    "score_spreads",
    "seat_checks",
    "seat_school",
    "second_proposal",
    "start_poll",
    "update_decision",
    "vacate_seat",
    "write_minutes",
]
