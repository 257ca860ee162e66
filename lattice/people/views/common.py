"""Helpers shared by the people pages: the two-factor gate and pagination."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django_otp import user_has_device

from lattice.people.access import districts_administered_by
from lattice.people.models import District

PAGE_SIZE = 50


def needs_second_step(request: HttpRequest) -> bool:
    """True when the user has turned on two-factor but this session has not entered a code."""
    user = request.user
    return bool(
        user.is_authenticated and not user.is_verified() and user_has_device(user)  # type: ignore[union-attr]
    )


def verified_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send a user with two-factor on to the code step until this session is verified."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if needs_second_step(request):
            return redirect_to_login(request.get_full_path(), reverse("people:login-code"))
        return view(request, *args, **kwargs)

    return wrapper


def paginate(request: HttpRequest, rows: Any, size: int = PAGE_SIZE) -> Page:
    return Paginator(rows, size).get_page(request.GET.get("page"))


def administered_district(request: HttpRequest) -> District:
    """The district a talent-office page is about: ``?district=KEY`` or the user's first."""
    districts = districts_administered_by(request.user).order_by("name")
    key = request.GET.get("district")
    district = (districts.filter(key=key).first() if key else None) or districts.first()
    if district is None:
        raise Http404("No district")
    return district
