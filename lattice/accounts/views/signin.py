"""The pages a single sign-on ends on when it does not sign the person in."""

from __future__ import annotations

from allauth.account import views as account_views
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lattice.accounts.adapters import REFUSAL_KEY, WAITING_KEY


def _signed_in(request: HttpRequest) -> bool:
    """True for someone already signed in to an active account: a page about a sign-in that
    did not happen is not theirs, and sends them home instead."""
    user = request.user
    return bool(user.is_authenticated and user.is_active)


@login_not_required
def inactive(request: HttpRequest) -> HttpResponse:
    """allauth's "this account is inactive" page, for someone who is not signed in."""
    if _signed_in(request):
        return redirect(settings.LOGIN_REDIRECT_URL)
    return account_views.account_inactive(request)


@login_not_required
def refused(request: HttpRequest) -> HttpResponse:
    """Why Lattice did not sign someone in, and what they can do about it."""
    if _signed_in(request):
        return redirect(settings.LOGIN_REDIRECT_URL)
    details = request.session.get(REFUSAL_KEY) or {}
    return render(request, "accounts/sign_in_refused.html", {"details": details}, status=403)


@login_not_required
def waiting(request: HttpRequest) -> HttpResponse:
    """An email-only match waits for the talent office to confirm it."""
    if _signed_in(request):
        return redirect(settings.LOGIN_REDIRECT_URL)
    details = request.session.get(WAITING_KEY) or {}
    return render(request, "accounts/sign_in_waiting.html", {"details": details})
