"""The notifications app's audit actions (:mod:`lattice.audit.names`)."""

from lattice.audit.names import AuditAction

ACTIONS = (
    AuditAction(
        "notifications.notice.mark_read",
        "{actor} read their notifications",
        formerly=("pathways.notification.mark_read", "pathways.mark_notifications_read"),
    ),
    AuditAction(
        "notifications.preference.change",
        "{actor} chose how to receive notifications: {summary}",
    ),
)
