"""Access-matrix rows for the accounts app: log-in and log-out, passwords, two-factor
(allauth's MFA pages), single sign-on callbacks and the talent office's sign-in settings.

Many allauth pages first ask a signed-in user to confirm their password (a 302 to
/accounts/reauthenticate/) before they change a second factor; the matrix checks that first
answer. ``awaiting_code`` marks the pages a session that has not entered its second factor
may still open (lattice/accounts/middleware.py); every other page sends it to the code step.
"""

from __future__ import annotations

from tests.access import EVERYONE_SIGNED_IN, Row, allow
from tests.accounts.world import sso_world

OFFICERS = allow("officer", "other_officer")
ENROLLED = allow("officer", "other_officer", "network_officer")  # tests/cast.py enrols them
SU = {"superuser": True}
NOT_SU = {"superuser": False}


def _oidc(cast):
    return sso_world(cast).provider.app.provider_id


def _saml(cast):
    return sso_world(cast).saml.app.provider_id


ROWS = [
    Row(
        "accounts:session",
        lambda c: "/accounts/session/",
        EVERYONE_SIGNED_IN,
        note="one's own session: every signed-in person",
        extra={"superuser": True},
    ),
    # log-in and log-out
    Row(
        "account_login",
        lambda c: "/accounts/login/",
        EVERYONE_SIGNED_IN,
        public=True,
        ok_status=302,
        note="signed-in users are sent home",
        extra={"anonymous_status": 200, "superuser": True, "awaiting_code": 302},
    ),
    Row(
        "account_logout",
        lambda c: "/accounts/logout/",
        EVERYONE_SIGNED_IN,
        note="a page asking to confirm",
        extra={"superuser": True, "awaiting_code": 200},
    ),
    Row(
        "account_logout",
        lambda c: "/accounts/logout/",
        EVERYONE_SIGNED_IN,
        method="POST",
        ok_status=302,
        extra={"case": "post", "superuser": True, "awaiting_code": 302},
    ),
    Row(
        "account_inactive",
        lambda c: "/accounts/inactive/",
        EVERYONE_SIGNED_IN,
        public=True,
        ok_status=302,
        note="signed-in users are sent home",
        extra={"anonymous_status": 200, "superuser": True},
    ),
    Row(
        "account_reauthenticate",
        lambda c: "/accounts/reauthenticate/",
        EVERYONE_SIGNED_IN,
        extra=SU,
    ),
    Row(
        "account_change_password",
        lambda c: "/accounts/password/change/",
        EVERYONE_SIGNED_IN,
        extra=SU,
    ),
    Row(
        "account_set_password",
        lambda c: "/accounts/password/set/",
        EVERYONE_SIGNED_IN,
        ok_status=302,
        note="everyone in the cast has a password: sent to change it",
        extra=SU,
    ),
    # two-factor
    Row("mfa_index", lambda c: "/accounts/2fa/", EVERYONE_SIGNED_IN, extra=SU),
    Row(
        "mfa_authenticate",
        lambda c: "/accounts/2fa/authenticate/",
        EVERYONE_SIGNED_IN,
        ok_status=302,
        note="only during a sign-in that waits for its code",
        extra=SU,
    ),
    Row(
        "mfa_reauthenticate",
        lambda c: "/accounts/2fa/reauthenticate/",
        ENROLLED,
        denied_status=302,
        note="the code step; without a second factor, the password step instead",
        extra={"superuser": True, "awaiting_code": 200},
    ),
    Row(
        "mfa_activate_totp",
        lambda c: "/accounts/2fa/totp/activate/",
        EVERYONE_SIGNED_IN,
        ok_status=302,
        note="asks for the password first",
        extra=SU,
    ),
    Row(
        "mfa_deactivate_totp",
        lambda c: "/accounts/2fa/totp/deactivate/",
        ENROLLED,
        ok_status=302,
        note="asks for the password first; nothing to turn off without an app",
        extra=SU,
    ),
    Row(
        "mfa_view_recovery_codes",
        lambda c: "/accounts/2fa/recovery-codes/",
        allow(),
        note="nobody in the cast has recovery codes",
        extra=NOT_SU,
    ),
    Row(
        "mfa_generate_recovery_codes",
        lambda c: "/accounts/2fa/recovery-codes/generate/",
        EVERYONE_SIGNED_IN,
        ok_status=302,
        extra=SU,
    ),
    Row(
        "mfa_download_recovery_codes",
        lambda c: "/accounts/2fa/recovery-codes/download/",
        allow(),
        note="nobody in the cast has recovery codes",
        extra=NOT_SU,
    ),
    Row("mfa_list_webauthn", lambda c: "/accounts/2fa/webauthn/", EVERYONE_SIGNED_IN, extra=SU),
    Row(
        "mfa_add_webauthn",
        lambda c: "/accounts/2fa/webauthn/add/",
        EVERYONE_SIGNED_IN,
        ok_status=302,
        extra=SU,
    ),
    Row(
        "mfa_reauthenticate_webauthn",
        lambda c: "/accounts/2fa/webauthn/reauthenticate/",
        EVERYONE_SIGNED_IN,
        ok_status=302,
        note="without a passkey, the password step",
        extra={"superuser": True, "awaiting_code": 302},
    ),
    Row(
        "mfa_remove_webauthn",
        lambda c: "/accounts/2fa/webauthn/keys/999999/remove/",
        EVERYONE_SIGNED_IN,
        ok_status=302,
        extra=SU,
    ),
    Row(
        "mfa_edit_webauthn",
        lambda c: "/accounts/2fa/webauthn/keys/999999/edit/",
        EVERYONE_SIGNED_IN,
        ok_status=302,
        extra=SU,
    ),
    Row(
        "mfa_login_webauthn",
        lambda c: "/accounts/2fa/webauthn/login/",
        EVERYONE_SIGNED_IN,
        ok_status=302,
        note="passkey log-in is a POST from the log-in page",
        extra=SU,
    ),
    # single sign-on
    Row(
        "socialaccount_login_cancelled",
        lambda c: "/accounts/3rdparty/login/cancelled/",
        EVERYONE_SIGNED_IN,
        public=True,
        extra={"anonymous_status": 200, "superuser": True},
    ),
    Row(
        "socialaccount_login_error",
        lambda c: "/accounts/3rdparty/login/error/",
        EVERYONE_SIGNED_IN,
        ok_status=401,
        extra=SU,
    ),
    Row(
        "openid_connect_login",
        lambda c: f"/accounts/oidc/{_oidc(c)}/login/",
        EVERYONE_SIGNED_IN,
        public=True,
        note="a page that continues to the provider with a POST",
        extra={"anonymous_status": 200, "superuser": True},
    ),
    Row(
        "openid_connect_login",
        lambda c: "/accounts/oidc/no-such-provider/login/",
        allow(),
        public=True,
        extra={"case": "unknown", "anonymous_status": 404, "superuser": False},
    ),
    Row(
        "openid_connect_callback",
        lambda c: f"/accounts/oidc/{_oidc(c)}/login/callback/",
        EVERYONE_SIGNED_IN,
        public=True,
        ok_status=401,
        note="a callback without the state Lattice sent is refused",
        extra={"anonymous_status": 401, "superuser": True},
    ),
    Row(
        "saml_login",
        lambda c: f"/accounts/saml/{_saml(c)}/login/",
        EVERYONE_SIGNED_IN,
        public=True,
        extra={"anonymous_status": 200, "superuser": True},
    ),
    Row(
        "saml_metadata",
        lambda c: f"/accounts/saml/{_saml(c)}/metadata/",
        EVERYONE_SIGNED_IN,
        public=True,
        note="the service provider metadata a district gives its ADFS or Shibboleth",
        extra={"anonymous_status": 200, "superuser": True},
    ),
    Row(
        "saml_acs",
        lambda c: f"/accounts/saml/{_saml(c)}/acs/",
        EVERYONE_SIGNED_IN,
        public=True,
        ok_status=302,
        extra={"anonymous_status": 302, "superuser": True},
    ),
    Row(
        "saml_finish_acs",
        lambda c: f"/accounts/saml/{_saml(c)}/acs/finish/",
        EVERYONE_SIGNED_IN,
        public=True,
        ok_status=401,
        note="no assertion: refused",
        extra={"anonymous_status": 401, "superuser": True},
    ),
    Row(
        "saml_sls",
        lambda c: f"/accounts/saml/{_saml(c)}/sls/",
        EVERYONE_SIGNED_IN,
        public=True,
        ok_status=400,
        note="no logout message: refused",
        extra={"anonymous_status": 400, "superuser": True},
    ),
    Row(
        "clever_login",
        lambda c: "/accounts/clever/login/",
        allow(),
        public=True,
        note="no district of the cast uses Clever",
        extra={"anonymous_status": 404, "superuser": False},
    ),
    Row(
        "clever_callback",
        lambda c: "/accounts/clever/login/callback/?code=from-the-portal",
        allow(),
        public=True,
        extra={"anonymous_status": 404, "superuser": False},
    ),
    Row(
        "classlink_login",
        lambda c: "/accounts/classlink/login/",
        allow(),
        public=True,
        extra={"anonymous_status": 404, "superuser": False},
    ),
    Row(
        "classlink_callback",
        lambda c: "/accounts/classlink/login/callback/",
        allow(),
        public=True,
        extra={"anonymous_status": 404, "superuser": False},
    ),
    Row(
        "accounts:sign-in-refused",
        lambda c: "/accounts/sign-in/refused/",
        EVERYONE_SIGNED_IN,
        public=True,
        ok_status=302,
        note="signed-in users are sent home",
        extra={"anonymous_status": 403, "superuser": True},
    ),
    Row(
        "accounts:sign-in-waiting",
        lambda c: "/accounts/sign-in/waiting/",
        EVERYONE_SIGNED_IN,
        public=True,
        ok_status=302,
        note="signed-in users are sent home",
        extra={"anonymous_status": 200, "superuser": True},
    ),
    # the talent office's sign-in settings
    Row("accounts:settings", lambda c: "/accounts/sign-in-settings/", OFFICERS, extra=SU),
    Row(
        "accounts:policy",
        lambda c: "/accounts/sign-in-settings/policy/",
        OFFICERS,
        method="POST",
        ok_status=302,
        data=lambda c: {"two_factor_for_officers": "on", "two_factor_for_principals": "on"},
        extra=SU,
    ),
    Row(
        "accounts:provider-new",
        lambda c: "/accounts/sign-in-settings/providers/new/?kind=google",
        OFFICERS,
        extra=SU,
    ),
    Row(
        "accounts:provider-edit",
        lambda c: f"/accounts/sign-in-settings/providers/{sso_world(c).provider.pk}/",
        allow("officer"),
        extra=SU,
    ),
    Row(
        "accounts:provider-edit",
        lambda c: f"/accounts/sign-in-settings/providers/{sso_world(c).other_provider.pk}/",
        allow("other_officer"),
        extra={"case": "other-district", "superuser": True},
    ),
    Row(
        "accounts:provider-toggle",
        lambda c: f"/accounts/sign-in-settings/providers/{sso_world(c).provider.pk}/toggle/",
        allow("officer"),
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "accounts:link-confirm",
        lambda c: f"/accounts/sign-in-settings/links/{sso_world(c).link.pk}/confirm/",
        allow("officer"),
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "accounts:link-reject",
        lambda c: f"/accounts/sign-in-settings/links/{sso_world(c).link.pk}/reject/",
        allow("officer"),
        method="POST",
        ok_status=302,
        extra=SU,
    ),
]
