"""Template helpers of the roles pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from lattice.lib.formatting import day
from lattice.people.access import scope_for

register = template.Library()


@register.simple_tag(takes_context=True)
def roles_officer(context: template.Context) -> bool:
    """Whether the signed-in user sees the talent-office tabs (navigation only, not access)."""
    request = context.get("request")
    if request is None:
        return False
    scope = scope_for(request.user)
    return scope.is_superuser or scope.is_officer


@register.simple_tag
def year_note(year: Any) -> str:
    """Why an office page shows a school year that does not contain today: the pages show
    the year containing today (``lattice.people.queries.current_school_year``), and while the
    district has no such year yet, the latest one — said in words, so "2025-26" in December
    2026 never reads as a mistake. Empty when the year shown contains today."""
    return school_year_note(year, timezone.localdate())


def school_year_note(year: Any, on: dt.date) -> str:
    if year is None or year.start <= on <= year.end:
        return ""
    if on > year.end:
        return (
            f"Today ({day(on)}) is after {year.label} ended on {day(year.end)}, and the "
            "district has no school year for today yet; these pages show the latest one "
            "until the new school year is added."
        )
    return f"{year.label} starts on {day(year.start)}; these pages show it ahead of time."
