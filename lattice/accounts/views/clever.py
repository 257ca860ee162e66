"""Clever and ClassLink sign-ins, which allauth serves from one app per Lattice.

Clever Portal sign-ins: Clever sends people to the redirect URI with a code but no ``state``
(https://dev.clever.com/docs/oauth-implementation, "SSO from the Clever Portal"). Accepting a
code Lattice did not ask for would let anyone sign a browser in as themselves (login CSRF),
so such a visit starts an ordinary "Log in with Clever" instead: Clever, already signed in,
answers at once with a fresh code and Lattice's own state.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.clever import views as clever_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse

from lattice.accounts.providers.classlink import views as classlink_views


def app_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer 404, not 500, while no district has set the provider up."""

    @wraps(view)
    @login_not_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except SocialApp.DoesNotExist:
            raise Http404("This sign-in is not set up.") from None

    return wrapper


@app_required
def clever_callback(request: HttpRequest) -> HttpResponse:
    if "code" in request.GET and "state" not in request.GET:
        provider = get_adapter(request).get_provider(request, "clever")
        return provider.redirect_from_request(request)
    return clever_views.oauth2_callback(request)


clever_login = app_required(clever_views.oauth2_login)
classlink_login = app_required(classlink_views.oauth2_login)
classlink_callback = app_required(classlink_views.oauth2_callback)
