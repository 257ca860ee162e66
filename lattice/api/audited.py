"""The API app's audit actions (:mod:`lattice.audit.names`)."""

from lattice.audit.names import AuditAction

ACTIONS = (
    AuditAction("api.token.create", "{actor} created the API token {object}"),
    AuditAction("api.token.revoke", "{actor} revoked the API token {object}"),
    AuditAction("api.webhook.create", "{actor} subscribed {object} to changes"),
    AuditAction("api.webhook.disable", "{actor} turned off the webhook {object}"),
    AuditAction("api.webhook.enable", "{actor} turned on the webhook {object}"),
)
