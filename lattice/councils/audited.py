"""The councils app's audit actions (:mod:`lattice.audit.names`). A secret ballot's entry
says who voted, never how; a proxy's entries say who gave whom their vote and who cast it,
never how in a secret poll."""

from lattice.audit.names import AuditAction

ACTIONS = (
    AuditAction("councils.body.create", "{actor} created the body {object}"),
    AuditAction("councils.seat.create", "{actor} added the seat {object}"),
    AuditAction("councils.seat.fill", "{actor} seated {person}: {object}"),
    AuditAction("councils.seat.vacate", "{actor} ended {person}'s term: {object}"),
    AuditAction("councils.meeting.schedule", "{actor} scheduled {object}"),
    AuditAction("councils.agenda_item.add", "{actor} added {object} to an agenda"),
    AuditAction("councils.attendance.record", "{actor} recorded {person}'s attendance at {object}"),
    AuditAction("councils.minutes.write", "{actor} wrote the minutes of {object}"),
    AuditAction("councils.minutes.advance", "{actor} advanced the minutes of {object}: {summary}"),
    AuditAction("councils.proposal.raise", "{actor} raised the proposal {object}"),
    AuditAction("councils.proposal.attach", "{actor} attached a file to the proposal {object}"),
    AuditAction("councils.proposal.second", "{actor} seconded the proposal {object}"),
    AuditAction("councils.election.call", "{actor} called {object}"),
    AuditAction("councils.candidacy.submit", "{person} stands in {object}"),
    AuditAction("councils.poll.open", "{actor} opened the vote {object}"),
    AuditAction("councils.poll.hide_results", "{actor} hid the results of {object}"),
    AuditAction("councils.ballot.cast", "{person} voted in {object}"),
    AuditAction("councils.proxy.give", "{person} gave their vote in {object} as a proxy"),
    AuditAction("councils.proxy.revoke", "{person} revoked their proxy in {object}"),
    AuditAction("councils.proxy.cast", "{person}'s vote in {object} was cast by proxy"),
    AuditAction("councils.poll.close", "{actor} closed the vote {object}: {summary}"),
    AuditAction("councils.decision.record", "{actor} entered the decision {object}"),
    AuditAction("councils.decision.update", "{actor} updated the decision {object}"),
    AuditAction("councils.decision.review_reminder", "Review due: {object}; told {summary}"),
    AuditAction("councils.decision.carry_out", "{actor} carried out the decision {object}"),
)  # fmt: skip
