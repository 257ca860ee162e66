"""Drop-downs with nothing to choose from yet say so, instead of showing an empty select.

A new district has no schools, school years, roles or staff, so a form that picks one shows
a select without options and a person cannot tell why. A form names, per field, what is
missing and where to add it (:class:`EmptyChoice`, in its ``empty_choices``); the shared
field template (``shared/field.html``) then shows that sentence in place of a required select
with no options, and beside an optional one (whose blank choice still means something, such
as "District-wide"). A plain choice field a form does not name gets a plain sentence from its
label; a model choice field is checked only when named, as checking costs a query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from django import forms


@dataclass(frozen=True)
class EmptyChoice:
    """What is missing (``"No schools yet"``) and how to add it (``"add one on …"``), with the
    page (``url``, a path) where that is done, or none when it is not a page's job."""

    missing: str
    fix: str = ""
    url: str = ""
    link_text: str = ""


class ExplainsEmptyChoices:
    """A form mixin: ``empty_choices`` maps a field's name to its :class:`EmptyChoice`
    (set per instance in ``__init__`` when the URL depends on the district)."""

    empty_choices: Mapping[str, EmptyChoice] = MappingProxyType({})


def has_no_choices(field: forms.BoundField) -> bool:
    """True for a select (single or multiple; radio buttons and check boxes are not selects)
    whose only options are blank. A model choice field is asked only when its form names it
    in ``empty_choices`` (one ``exists()`` query): every other page renders its selects
    without an extra query."""
    widget = field.field.widget
    if not isinstance(widget, forms.Select | forms.SelectMultiple):
        return False
    if isinstance(field.field, forms.ModelChoiceField):
        form = field.form
        named = isinstance(form, ExplainsEmptyChoices) and field.name in form.empty_choices
        queryset = field.field.queryset
        return named and queryset is not None and not queryset.exists()
    if not isinstance(field.field, forms.ChoiceField):
        return False
    choices: Any = field.field.choices
    for value, label in choices:
        if isinstance(label, list | tuple):  # an option group
            if any(str(v) != "" for v, _ in label):
                return False
        elif str(value) != "":
            return False
    return True


def empty_choice_for(field: forms.BoundField) -> EmptyChoice | None:
    """The sentence for ``field`` when it has nothing to choose from (None when it has)."""
    if not has_no_choices(field):
        return None
    form = field.form
    named = form.empty_choices if isinstance(form, ExplainsEmptyChoices) else {}
    if field.name in named:
        return named[field.name]
    return EmptyChoice(f"There is nothing to choose as “{field.label}” yet")
