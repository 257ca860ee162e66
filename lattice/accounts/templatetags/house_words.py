"""``{% load house_words %}``: allauth's stock text in Lattice's words
(:mod:`lattice.accounts.wording`): ``headline`` for headings, titles and buttons, ``words``
for running text."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from lattice.accounts import wording

register = template.Library()


def _keep_markup(text: Any, change: Any) -> SafeString:
    """Reword only the text between tags, so markup a slot holds (an icon) survives."""
    escaped = str(conditional_escape(text))
    pieces = [p if p.startswith("<") else change(p) for p in _split_tags(escaped)]
    return mark_safe("".join(pieces))  # the text was escaped above


def _split_tags(html: str) -> list[str]:
    out, rest = [], html
    while "<" in rest:
        before, _, after = rest.partition("<")
        tag, _, rest = after.partition(">")
        out.extend([before, f"<{tag}>"])
    out.append(rest)
    return out


@register.filter(is_safe=True)
def headline(text: Any) -> SafeString:
    """A heading, title or button: sentence case, without the template's surrounding space."""
    return mark_safe(_keep_markup(text, _headline_text).strip())  # escaped in _keep_markup


@register.filter(is_safe=True)
def words(text: Any) -> SafeString:
    return _keep_markup(text, wording.words)


def _headline_text(text: str) -> str:
    """Sentence case for the text, keeping its leading and trailing space."""
    if not text.strip():
        return text
    lead = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()) :]
    return lead + wording.headline(text) + tail
