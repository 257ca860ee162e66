"""The pages a single sign-on ends on when it does not sign the person in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lattice.accounts.adapters import REFUSAL_KEY, WAITING_KEY


@login_not_required
def refused(request: HttpRequest) -> HttpResponse:
    """Why Lattice did not sign someone in, and what they can do about it."""
    details = request.session.get(REFUSAL_KEY) or {}
    return render(request, "accounts/sign_in_refused.html", {"details": details}, status=403)


@login_not_required
def waiting(request: HttpRequest) -> HttpResponse:
    """An email-only match waits for the talent office to confirm it."""
    details = request.session.get(WAITING_KEY) or {}
    return render(request, "accounts/sign_in_waiting.html", {"details": details})
