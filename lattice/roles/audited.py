"""The roles app's audit actions (:mod:`lattice.audit.names`). The HR sync's writes are
``derived``: they follow an import by themselves, so undoing the import does not count them
as later changes."""

from lattice.audit.names import AuditAction

ACTIONS = (
    AuditAction("roles.role.create", "{actor} added the role {object} to the catalogue"),
    AuditAction("roles.role.update", "{actor} changed the role {object}"),
    AuditAction("roles.settings.save", "{actor} changed the role settings of {object}",
                formerly=("roles.settings",)),
    AuditAction("roles.posting.create", "{actor} posted {object}"),
    AuditAction("roles.posting.close", "{actor} closed the posting {object}"),
    AuditAction("roles.application.submit", "{actor} applied: {object}"),
    AuditAction("roles.application.withdraw", "{actor} withdrew the application {object}"),
    AuditAction("roles.application.give_feedback",
                "{actor} gave feedback on the application {object}",
                formerly=("roles.application.feedback",)),
    AuditAction("roles.panel_member.seat", "{actor} seated a panel member: {object}",
                formerly=("roles.panel.seat",)),
    AuditAction("roles.conflict.declare", "{actor} declared a conflict of interest: {object}",
                formerly=("roles.panel.conflict",)),
    AuditAction("roles.score.record", "{actor} scored {object}", formerly=("roles.score",)),
    AuditAction("roles.offer.make", "{actor} offered {person} the role: {object}",
                formerly=("roles.offer",)),
    AuditAction("roles.offer.accept", "{actor} accepted the offer {object}"),
    AuditAction("roles.offer.decline", "{actor} declined the offer {object}"),
    AuditAction("roles.assignment.create", "{actor} gave {person} the role {object}",
                formerly=("roles.assign",)),
    AuditAction("roles.reflection.record", "{actor} wrote a reflection on {object}",
                formerly=("roles.reflection",)),
    AuditAction("roles.renewal.decide", "{actor} decided the renewal of {object}",
                formerly=("roles.renewal",)),
    AuditAction("roles.interest.record", "{actor} stated an interest in leadership roles",
                formerly=("roles.interest",)),
    AuditAction("roles.proposal.submit", "{actor} proposed the role {object}"),
    AuditAction("roles.proposal.principal_review", "{actor} reviewed the proposal {object}"),
    AuditAction("roles.proposal.district_review", "{actor} reviewed the proposal {object}"),
    AuditAction(
        "roles.proposal.resubmit", "{actor} changed the proposal {object} and sent it again"
    ),
    AuditAction("roles.proposal.place", "{actor} placed {person} in the proposed role {object}"),
    AuditAction("roles.position_mapping.save", "{actor} mapped HR positions: {object}",
                formerly=("roles.hr_mapping",)),
    AuditAction("roles.assignment.create_from_hr",
                "{person} holds {object}, from the HR position", derived=True,
                formerly=("roles.hr_assign.sync",)),
    AuditAction("roles.assignment.link_to_hr", "An HR position now backs {object}: {summary}",
                derived=True, formerly=("roles.hr_adopt.sync",)),
    AuditAction("roles.assignment.update_from_hr", "{object} follows its HR position's FTE",
                derived=True, formerly=("roles.hr_update.sync",)),
    AuditAction("roles.assignment.end_from_hr", "{object} ended: {summary}", derived=True,
                formerly=("roles.hr_end.sync",)),
)  # fmt: skip
