"""Form widgets that render the same HTML as Django's, at a fraction of the cost.

Django renders a ``<select>`` through two templates per option (the option and its
attributes). On a select of a hundred options — the audit log's "Action" filter lists every
kind of change the district has made — that is a few hundred template includes, most of the
page's CPU (docs/decisions/0017). :class:`ListSelect` writes the same markup in Python, with
the same escaping, so a page with a long list stays within the fast-page floors.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


class ListSelect(forms.Select):
    """A single-choice ``<select>`` rendered without templates. Option groups, ``selected``,
    the widget's attributes (``id``, ``aria-*``, ``required``) and escaping are as Django's
    own :class:`~django.forms.Select` renders them."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        context = self.get_context(name, value, attrs)
        widget = context["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (
                        "" if option["value"] is None else option["value"],
                        mark_safe(" selected") if option["selected"] else "",
                        option["label"],
                    )
                    for option in options
                ),
            )
            if group_name:
                groups.append(
                    format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
                )
            else:
                groups.append(rendered)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(groups)),
        )
