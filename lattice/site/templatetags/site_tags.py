"""The menus of every page (``base.html``), for the signed-in user."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from lattice.people.access import scope_for
from lattice.people.models import School

register = template.Library()


@register.simple_tag(takes_context=True)
def persona_nav(context: template.Context) -> dict[str, list[dict[str, Any]]]:
    """The links of the signed-in user's navigation, by what they may open."""
    request = context["request"]
    scope = scope_for(request.user)
    main: list[tuple[str, str]] = []
    if scope.is_superuser:
        main.append(("Administration", reverse("admin:index")))
    if scope.is_officer or scope.is_superuser:
        main += [
            ("District", reverse("people:district")),
            ("Staff directory", reverse("people:staff-list")),
            ("Audit log", reverse("people:audit-log")),
            ("Imports", reverse("imports:home")),
            ("Forecasts", reverse("forecasts:home")),
            ("Budgets", reverse("budgets:home")),
        ]
    if scope.is_network_officer:
        main.append(("Network", reverse("people:network")))
    if scope.is_principal:
        # The school led now first; schools led in earlier years follow (their old lists).
        current = scope.current_led_school_ids()
        schools = School.objects.filter(pk__in=scope.led_school_ids).order_by("name")
        for school in sorted(schools, key=lambda s: s.pk not in current):
            main.append((school.name, reverse("people:school", args=[school.pk])))
    if scope.own_staff_id is not None:
        main.append(("My profile", reverse("people:me")))
    account = [("Password", reverse("account_change_password"))]
    account.append(("Two-factor", reverse("mfa_index")))
    if scope.is_officer or scope.is_superuser:
        account.append(("Sign-in settings", reverse("accounts:settings")))
    path = request.path

    def items(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
        # A section's link stays current on its sub-pages (/imports/ on /imports/maplewood/).
        return [
            {"label": label, "url": url, "current": path.startswith(url)} for label, url in pairs
        ]

    return {"main": items(main), "account": items(account)}
