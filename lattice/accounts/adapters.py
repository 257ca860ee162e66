"""Lattice's hooks into django-allauth: closed sign-up, the sign-in throttle, and the
district rules every single sign-on passes before it signs anyone in."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from lattice.accounts import actions, claims, linking, throttle
from lattice.accounts.models import IdentityProvider

REFUSAL_KEY = "lattice_sign_in_refused"
WAITING_KEY = "lattice_sign_in_waiting"


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by a talent office or an imported roster, never by signing up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        # Replaces allauth's per-username lock-out with Lattice's delays (accounts.throttle).
        wait = throttle.seconds_to_wait(request, credentials.get("username", ""))
        if wait:
            minutes, seconds = divmod(wait, 60)
            when = f"{minutes} min {seconds} s" if minutes else f"{seconds} seconds"
            raise self.validation_error("too_many_login_attempts_wait", when)

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        throttle.record_failure(request, credentials.get("username", ""))

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts_wait": (
            "Too many wrong passwords for this account or from this network. Wait %s, "
            "then try again. On a computer you have signed in from before, you are not "
            "slowed down."
        ),
    }


def _rules(provider: IdentityProvider) -> claims.Rules:
    return claims.Rules(
        kind=provider.kind,
        provider_name=provider.get_kind_display(),
        hosted_domain=provider.hosted_domain,
        tenant_id=provider.tenant_id,
        external_district_id=provider.external_district_id,
        email_domains=tuple(provider.email_domain_list()),
        roster_claim=provider.roster_claim,
    )


def _refuse(request: HttpRequest, provider: IdentityProvider | None, identity: Any, reason: str):
    actions.record_refused_sign_in(provider, identity, reason)
    request.session[REFUSAL_KEY] = {
        "reason": reason,
        "provider": provider.label if provider else "",
        "district": provider.district.name if provider else "",
    }
    return ImmediateHttpResponse(HttpResponseRedirect(reverse("accounts:sign-in-refused")))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Every single sign-on is checked against its district's provider before allauth signs
    the person in; nobody is created by signing in (linking.py says who matches whom)."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def is_auto_signup_allowed(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def list_apps(self, request: HttpRequest, provider: Any = None, client_id: Any = None):
        """Only apps that an enabled district provider uses can start a sign-in."""
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        enabled = set(
            IdentityProvider.objects.filter(enabled=True).values_list("app_id", flat=True)
        )
        return [app for app in apps if app.pk in enabled]

    def _district_provider(
        self, app: SocialApp, sociallogin: SocialLogin
    ) -> tuple[IdentityProvider | None, claims.Identity | None]:
        """The district provider this sign-in came through, and the person it describes.

        Clever and ClassLink share one app per Lattice: the district is the one whose id the
        sign-in carries."""
        candidates = list(
            IdentityProvider.objects.filter(app=app, enabled=True).select_related("district", "app")
        )
        extra = sociallogin.account.extra_data or {}
        for candidate in candidates:
            identity = claims.identity_from(_rules(candidate), sociallogin.account.uid, extra)
            if (
                candidate.kind not in actions.SHARED_APP_KINDS
                or identity.organisation == candidate.external_district_id
            ):
                return candidate, identity
        if candidates:
            first = candidates[0]
            return first, claims.identity_from(_rules(first), sociallogin.account.uid, extra)
        return None, None

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        app = sociallogin.provider.app
        provider, identity = self._district_provider(app, sociallogin)
        if provider is None or identity is None:
            raise _refuse(request, None, None, "This sign-in is not set up for any district.")
        extra = sociallogin.account.extra_data or {}
        try:
            claims.check(_rules(provider), identity, extra)
        except claims.Refused as refused:
            raise _refuse(request, provider, identity, refused.reason) from None
        if sociallogin.is_existing:
            if not linking.belongs_to_district(sociallogin.user, provider):
                raise _refuse(
                    request,
                    provider,
                    identity,
                    f"Your account is no longer on {provider.district.name}'s staff in Lattice.",
                )
            return
        match = linking.by_roster_id(provider, identity)
        if match is not None:
            user = match.user
            if user is None and match.staff is not None:
                user = actions.create_login_for_staff(match.staff)
            sociallogin.connect(request, user)
            actions.record_sso_link(user, provider, identity, how="roster id")
            return
        match = linking.by_email(provider, identity)
        if match is not None:
            actions.request_link_review(
                provider,
                identity,
                user=match.user,
                staff=match.staff,
                claims_data=dict(extra),
            )
            request.session[WAITING_KEY] = {
                "provider": provider.label,
                "district": provider.district.name,
                "email": identity.email,
            }
            raise ImmediateHttpResponse(HttpResponseRedirect(reverse("accounts:sign-in-waiting")))
        raise _refuse(
            request,
            provider,
            identity,
            f"{provider.district.name} has nobody on its Lattice staff roster who matches "
            f"this {provider.label} account.",
        )
