"""Template helpers: persona navigation, small-number suppression and SVG bar charts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from lattice.lib.charts import Bar, figure, horizontal_bars
from lattice.lib.formatting import count
from lattice.people.access import scope_for
from lattice.people.models import School
from lattice.people.queries import SMALL_NUMBER

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
            ("Audit log", reverse("audit:log")),
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


@register.filter
def small_number(value: Any) -> str:
    """Show counts under the small-number threshold as "<10" (but 0 as 0)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return "—"
    if 0 < number < SMALL_NUMBER:
        return f"<{SMALL_NUMBER}"
    return count(number)


@register.filter
def years(value: Decimal | int | float) -> str:
    number = Decimal(value).normalize()
    text = f"{number:f}"
    return f"{text} year" if number == 1 else f"{text} years"


@register.simple_tag
def bar_chart(
    items: list[tuple[str, int]], title: str, chart_id: str, suppress_small: bool = False
) -> SafeString:
    """A horizontal bar chart of (label, count) pairs in its figure (lattice.lib.charts).

    With ``suppress_small``, counts under the small-number threshold get no bar and read "<10".
    """
    bars = [
        Bar(
            label,
            0 if suppress_small and 0 < value < SMALL_NUMBER else value,
            small_number(value) if suppress_small else count(value),
        )
        for label, value in items
    ]
    chart = horizontal_bars(bars, title=title, chart_id=chart_id)
    return mark_safe(figure(chart, title))  # lattice.lib.charts escapes every text


@register.filter
def rating_share(share: Any, total: int) -> float | None:
    """A rating cell's share of all rated teachers (None when the cell is suppressed)."""
    return share.share(total)


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def field_label(name: str) -> str:
    """``preferred_name`` → ``Preferred name``."""
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@register.filter
def shown_value(value: Any) -> str:
    """An audit value as a person reads it: blanks and nothing say so."""
    if value is None:
        return "(none)"
    if value == "":
        return "(blank)"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)
