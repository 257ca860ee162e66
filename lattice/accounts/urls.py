"""The sign-in URLs, all under /accounts/: allauth's views (only those Lattice uses, so every
one has an access-matrix row in tests/accounts/access_rows.py) and Lattice's own pages
(namespace ``accounts``).

allauth's views keep allauth's URL names (``account_login``, ``mfa_index``…), which its
code and templates reverse.
"""

from __future__ import annotations

from allauth.account import views as account_views
from allauth.socialaccount import views as social_views
from django.urls import include, path

from lattice.accounts.views import clever, session, settings, signin

lattice_patterns = [
    path("session/", session.session, name="session"),
    path("sign-in/refused/", signin.refused, name="sign-in-refused"),
    path("sign-in/waiting/", signin.waiting, name="sign-in-waiting"),
    path("sign-in-settings/", settings.sign_in_settings, name="settings"),
    path("sign-in-settings/policy/", settings.save_policy, name="policy"),
    path("sign-in-settings/providers/new/", settings.new_provider, name="provider-new"),
    path("sign-in-settings/providers/<int:pk>/", settings.edit_provider, name="provider-edit"),
    path(
        "sign-in-settings/providers/<int:pk>/toggle/",
        settings.toggle_provider,
        name="provider-toggle",
    ),
    path("sign-in-settings/links/<int:pk>/confirm/", settings.confirm_link, name="link-confirm"),
    path("sign-in-settings/links/<int:pk>/reject/", settings.reject_link, name="link-reject"),
]

allauth_patterns = [
    path("login/", account_views.login, name="account_login"),
    path("logout/", account_views.logout, name="account_logout"),
    path("inactive/", signin.inactive, name="account_inactive"),
    path("reauthenticate/", account_views.reauthenticate, name="account_reauthenticate"),
    path("password/change/", account_views.password_change, name="account_change_password"),
    path("password/set/", account_views.password_set, name="account_set_password"),
    path("2fa/", include("allauth.mfa.urls")),
    path(
        "3rdparty/login/cancelled/",
        social_views.login_cancelled,
        name="socialaccount_login_cancelled",
    ),
    path("3rdparty/login/error/", social_views.login_error, name="socialaccount_login_error"),
    # Identity providers: OpenID Connect (Google, Entra ID, others), SAML, Clever, ClassLink.
    path("", include("allauth.socialaccount.providers.openid_connect.urls")),
    path("", include("allauth.socialaccount.providers.saml.urls")),
    path("clever/login/", clever.clever_login, name="clever_login"),
    path("clever/login/callback/", clever.clever_callback, name="clever_callback"),
    path("classlink/login/", clever.classlink_login, name="classlink_login"),
    path("classlink/login/callback/", clever.classlink_callback, name="classlink_callback"),
]

urlpatterns = [
    path("", include((lattice_patterns, "accounts"))),
    *allauth_patterns,
]
