"""Drop-downs with nothing to choose from yet say so, instead of showing an empty select.

A new district has no schools, school years, roles or staff, so a form that picks one shows
a select without options and a person cannot tell why. A form names, per field, what is
missing and where to add it (:class:`EmptyChoice`, in its ``empty_choices``); the shared
field template (``shared/field.html``) then shows that sentence in place of a required select
with no options, and beside an optional one (whose blank choice still means something, such
as "District-wide"). A plain choice field a form does not name gets a plain sentence from its
label. A form fills ``empty_choices`` from :func:`missing` for a kind of record another app
adds (schools, staff, councils): :mod:`lattice.lib.where_added` says where, and the link is
shown only to those who may open it (:func:`link_for`).

The blank option of a select never reads as Django's ``---------``: it says what to do,
"Choose a school" (with "(optional)" when the field may stay blank), unless the form words
it itself (``empty_label``, or its own first choice).

Checking a model choice field costs no query of its own: the check reads the field's options
once and keeps them, and the select then renders from what was read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from django import forms

from lattice.lib.where_added import Addable, where_added


@dataclass(frozen=True)
class EmptyChoice:
    """What is missing (``"No schools yet"``) and how to add it (``"add one on …"``), with the
    page (``url``, a path) where that is done, or none when it is not a page's job. When only
    some people may open the page (``opens_for``), the others read ``otherwise`` instead."""

    missing: str
    fix: str = ""
    url: str = ""
    link_text: str = ""
    otherwise: str = ""
    opens_for: Callable[[Any], bool] | None = None


def missing(thing: Addable, sentence: str) -> EmptyChoice:
    """``sentence`` ("No schools yet"), and where ``thing`` is added as its app registered it
    (:mod:`lattice.lib.where_added`); just the sentence when no app registered it."""
    entry = where_added(thing)
    if entry is None:
        return EmptyChoice(sentence)
    return EmptyChoice(
        sentence, entry.how, entry.url(), entry.link_text, entry.otherwise, entry.opens_for
    )


def link_for(empty: EmptyChoice, user: Any) -> str:
    """The page to link ``user`` to from ``empty`` ("" when none, or they may not open it)."""
    if not empty.url:
        return ""
    if empty.opens_for is None:
        return empty.url
    return empty.url if user is not None and empty.opens_for(user) else ""


class ExplainsEmptyChoices:
    """A form mixin: ``empty_choices`` maps a field's name to its :class:`EmptyChoice`
    (set per instance in ``__init__`` when the URL depends on the district)."""

    empty_choices: Mapping[str, EmptyChoice] = MappingProxyType({})


DJANGO_BLANK = "---------"  # Django's label for the blank option: a row of dashes, no words


def blank_sentence(label: object, *, required: bool) -> str:
    """What a select's blank option says: ``Choose a school``, ``Choose an owner (optional)``."""
    words = str(label or "one").strip().rstrip(":").lower() or "one"
    article = "an" if words[0] in "aeiou" else "a"
    return f"Choose {article} {words}" + ("" if required else " (optional)")


def name_blank_choice(field: forms.BoundField) -> None:
    """Word ``field``'s blank option (:func:`blank_sentence`) in place of ``---------``.

    The form's own copy of the field changes (each form deep-copies its fields), so the
    next form is unaffected. A model choice field's options are read once here and kept."""
    if not isinstance(field.field, forms.ChoiceField):
        return
    if not isinstance(field.field.widget, forms.widgets.ChoiceWidget):
        return
    sentence = blank_sentence(field.label, required=field.field.required)
    if isinstance(field.field, forms.ModelChoiceField):
        if field.field.queryset is None or field.field.empty_label != DJANGO_BLANK:
            return
        field.field.empty_label = sentence
        return
    choices: Any = field.field.choices
    if any(str(v) == "" and label == DJANGO_BLANK for v, label in choices):
        field.field.choices = [
            (v, sentence if str(v) == "" and label == DJANGO_BLANK else label)
            for v, label in choices
        ]


def has_no_choices(field: forms.BoundField) -> bool:
    """True for a select, or a group of radio buttons or check boxes, whose only options are
    blank. A model choice field's options are read here once and kept on the field (its
    widget renders the kept list), so the check adds no query to the page."""
    widget = field.field.widget
    if not isinstance(widget, forms.widgets.ChoiceWidget):
        return False
    if not isinstance(field.field, forms.ChoiceField):
        return False
    if isinstance(field.field, forms.ModelChoiceField):
        if field.field.queryset is None:
            return True
        read: Any = field.field.choices
        # iter() first: list() would ask the iterator its length, a COUNT query of its own.
        field.field.choices = list(iter(read))
    choices: Any = field.field.choices
    for value, label in choices:
        if isinstance(label, list | tuple):  # an option group
            if any(str(v) != "" for v, _ in label):
                return False
        elif str(value) != "":
            return False
    return True


def empty_choice_for(field: forms.BoundField) -> EmptyChoice | None:
    """The sentence for ``field`` when it has nothing to choose from (None when it has); on
    the way, its blank option is worded (:func:`name_blank_choice`)."""
    name_blank_choice(field)
    if not has_no_choices(field):
        return None
    form = field.form
    named = form.empty_choices if isinstance(form, ExplainsEmptyChoices) else {}
    if field.name in named:
        return named[field.name]
    return EmptyChoice(f"There is nothing to choose as “{field.label}” yet")
