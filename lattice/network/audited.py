"""The network app's audit actions (:mod:`lattice.audit.names`)."""

from lattice.audit.names import AuditAction

ACTIONS = (
    AuditAction("network.membership.join", "{actor} brought {object} into the network"),
    AuditAction("network.membership.leave", "{actor} took {object} out of the network"),
    AuditAction("network.resource.add", "{actor} added {object} to the network library"),
    AuditAction("network.resource.copy", "{actor} copied {object} into their district"),
    AuditAction("network.sharing.save", "{actor} changed what {object} shares with the network"),
    AuditAction("network.idea.post", "{actor} posted the Teach to Lead idea {object}"),
    AuditAction("network.team.join", "{actor} joined a Teach to Lead team: {object}"),
    AuditAction("network.logic_model.save", "{actor} saved the logic model of {object}"),
    AuditAction("network.plan_step.add", "{actor} added a step to an action plan: {object}"),
    AuditAction("network.convening.create", "{actor} announced the convening {object}"),
    AuditAction("network.session.add", "{actor} added a session to a convening: {object}"),
    AuditAction("network.registration.create", "{actor} registered for {object}"),
    AuditAction("network.attendance.record", "{actor} checked in at {object}"),
    AuditAction("network.material.add", "{actor} shared material from a convening: {object}"),
    AuditAction("network.feedback.give", "{actor} wrote on a Teach to Lead idea: {object}"),
)
