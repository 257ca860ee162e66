"""The sign-in app's audit actions (:mod:`lattice.audit.names`)."""

from lattice.audit.names import AuditAction

ACTIONS = (
    AuditAction("accounts.two_factor.turn_on", "{actor} turned on two-factor sign-in: {summary}",
                formerly=("account.two_factor_on",)),
    AuditAction("accounts.two_factor.turn_off",
                "{actor} turned off two-factor sign-in: {summary}",
                formerly=("account.two_factor_off",)),
    AuditAction("accounts.sign_in_policy.save", "{actor} changed the sign-in rules: {summary}",
                formerly=("accounts.policy_saved",)),
    AuditAction("accounts.identity_provider.save", "{actor} saved the sign-in provider {object}",
                formerly=("accounts.provider_saved",)),
    AuditAction("accounts.identity_provider.enable",
                "{actor} turned on sign-in with {object}", formerly=("accounts.provider_enabled",)),
    AuditAction("accounts.identity_provider.disable",
                "{actor} turned off sign-in with {object}",
                formerly=("accounts.provider_disabled",)),
    AuditAction("accounts.sso_link.create", "{actor} linked a single sign-on to {object}",
                formerly=("accounts.sso_linked",)),
    AuditAction("accounts.sso_sign_in.refuse", "A single sign-on was refused: {summary}",
                formerly=("accounts.sso_refused",)),
    AuditAction("accounts.link_request.create", "{summary}",
                formerly=("accounts.link_requested",)),
    AuditAction("accounts.link_request.reject", "{actor}: {summary}",
                formerly=("accounts.link_rejected",)),
)  # fmt: skip
