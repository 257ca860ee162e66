"""The recognition app's audit actions (:mod:`lattice.audit.names`)."""

from lattice.audit.names import AuditAction

ACTIONS = (
    AuditAction("recognition.achievement.define", "{actor} defined the achievement {object}"),
    AuditAction("recognition.award.issue", "{actor} issued the credential {object}"),
    AuditAction("recognition.award.revoke", "{actor} revoked the credential {object}"),
    AuditAction("recognition.award.publish", "{actor} changed who may see {object}"),
    AuditAction("recognition.key.rotate", "{actor} rotated the signing key {object}"),
    AuditAction("recognition.program.create", "{actor} opened the recognition program {object}"),
    AuditAction("recognition.program.advance", "{actor} moved {object} to its next stage"),
    AuditAction("recognition.nomination.submit", "{actor} submitted a nomination: {object}"),
    AuditAction("recognition.panel.seat", "{actor} seated a reviewer: {object}"),
    AuditAction("recognition.review.submit", "{actor} reviewed a nomination: {object}"),
    AuditAction("recognition.program.decide", "{actor} decided {object}"),
)
