"""Template filters for budget and forecast pages: school years as people write them."""

from __future__ import annotations

from typing import Any

from django import template

from lattice.rules.records import school_year_label

register = template.Library()


@register.filter
def school_year(value: Any) -> str:
    """``2026`` -> ``2026-27``; anything else unchanged."""
    try:
        return school_year_label(int(value))
    except (TypeError, ValueError):
        return str(value)


FACTORS = {
    "salary_schedule": "the salary schedule",
    "supplements": "role supplements",
    "designation_pay": "designation pay",
    "bonuses": "one-time pay elements",
}


@register.filter
def factor_name(key: str) -> str:
    """A pay factor's key in words."""
    return FACTORS.get(key, key.replace("_", " "))
