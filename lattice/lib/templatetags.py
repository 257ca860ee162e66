"""The ``lattice`` template library: how every page writes money, counts, shares and dates.

``{% load lattice %}`` gives the filters ``money`` (``{{ x|money }}``, ``{{ x|money:"signed" }}``,
``{{ x|money:"short" }}``), ``count``, ``percent`` (``{{ share|percent:1 }}``), the house date
style's ``day``, ``moment``, ``clock``, ``month`` and ``span`` (``{{ opens|span:closes }}``), and
``field_label`` and ``shown_value`` for a stored field's name and value. Each calls the one
definition in :mod:`lattice.lib.formatting`; dates and times are shown in the site's
time zone. Registered in ``settings.TEMPLATES`` (``libraries``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from lattice.lib import formatting
from lattice.lib.choices import EmptyChoice, empty_choice_for, link_for
from lattice.lib.site_url import absolute_url as _absolute_url

register = template.Library()


@register.filter
def money(value: Any, how: str = "") -> str:
    """``$54,321``; ``"signed"`` shows ``+`` on a gain, ``"short"`` abbreviates (``$1.2M``)."""
    return formatting.money(value, signed="signed" in how, short="short" in how)


@register.filter
def count(value: Any) -> str:
    return formatting.count(value)


@register.filter
def percent(value: Any, digits: int = 0) -> str:
    return formatting.percent(value, digits)


def _local(value: Any) -> Any:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def day(value: Any) -> str:
    return formatting.day(_local(value))


@register.filter
def moment(value: Any) -> str:
    return formatting.moment(_local(value))


@register.filter
def field_label(name: Any) -> str:
    return formatting.field_label(name)


@register.filter
def shown_value(value: Any, name: Any = None) -> str:
    return formatting.shown_value(value, name)


@register.filter
def key_words(key: Any) -> str:
    return formatting.key_words(key)


@register.filter
def empty_choice(field: Any) -> EmptyChoice | None:
    """A select field's "nothing to choose yet" sentence (:mod:`lattice.lib.choices`)."""
    return empty_choice_for(field)


@register.filter
def empty_link(empty: EmptyChoice, user: Any) -> str:
    """The page an empty select links ``user`` to, when they may open it (else "")."""
    return link_for(empty, user)


@register.filter
def clock(value: Any) -> str:
    """A time of day: ``2:05 PM``."""
    return formatting.clock(_local(value))


@register.filter
def month(value: Any) -> str:
    """A month of a year: ``Mar 2026``."""
    return formatting.month(_local(value))


@register.filter
def span(start: Any, end: Any) -> str:
    """``{{ opens|span:closes }}``: a stretch of days, ``Nov 28 – Dec 8, 2026``."""
    return formatting.span(_local(start), _local(end))


@register.filter
def absolute_url(path: Any) -> str:
    """``{{ "/api/v1/staff/"|absolute_url }}``: a path under the configured site URL."""
    return _absolute_url(str(path))
