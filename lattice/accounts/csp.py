"""The Content-Security-Policy's ``form-action`` on the pages that start a single sign-on.

A sign-in button is a form posted to Lattice, which answers with a redirect to the district's
identity provider. Browsers check ``form-action`` against every redirect of a form's
submission (CSP Level 3, "form-action"), so under the site-wide ``form-action 'self'`` the
button does nothing — Chromium blocks the redirect and reports "Sending form data to … violates
the following Content Security Policy directive: form-action 'self'". On the pages that hold
such a form, and only there, the policy also names the origins of the enabled providers'
sign-in pages; every other directive, and every other page, keeps the strict policy.

django-csp's middleware is extended where its docstring says to (subclass and extend
``get_policy_parts``), not bypassed: the policy is still the one in
``settings.CONTENT_SECURITY_POLICY``. See
docs/decisions/0007-sign-in-under-the-strict-content-security-policy.md.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from lattice.accounts.models import IdentityProvider
from lattice.accounts.sso_urls import sign_in_origins

# The log-in page shows every enabled provider's button; a provider's own start page (what
# allauth shows on a GET) has one "Continue" form for that provider.
LOG_IN_PAGE = "account_login"
START_PAGES = {
    "openid_connect_login": "provider_id",
    "saml_login": "organization_slug",
    "clever_login": "",
    "classlink_login": "",
}


def providers_started_from(request: HttpRequest) -> QuerySet[IdentityProvider]:
    """The enabled providers a form on this page may send the browser to."""
    match = request.resolver_match
    name = match.view_name if match else ""
    enabled = IdentityProvider.objects.filter(enabled=True).select_related("app")
    if name == LOG_IN_PAGE:
        return enabled
    if name not in START_PAGES:
        return enabled.none()
    kwarg = START_PAGES[name]
    if kwarg:
        assert match is not None
        return enabled.filter(app__provider_id=match.kwargs.get(kwarg, ""))
    return enabled.filter(kind=name.removesuffix("_login"))


class SignInCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the identity providers in ``form-action`` where a page
    starts a sign-in with them."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or response.status_code != 200:
            # Lattice sends no report-only policy; a redirect or an error holds no form.
            return parts
        origins = sorted({o for p in providers_started_from(request) for o in sign_in_origins(p)})
        if origins:
            update = dict(parts.update or {})
            update["form-action"] = [*update.get("form-action", []), *origins]
            parts.update = update
        return parts
