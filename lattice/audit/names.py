"""Every audit action, named once: ``app.noun.verb``, with the sentence the log reads as.

Each app registers its actions when Django starts (``lattice/<app>/audited.py``, from its
``AppConfig.ready``); :func:`lattice.audit.log.record` refuses a name nobody registered, so a
typo or a new action without a sentence fails in the tests, not in the log. The name is
the owner of the fact, not the writer: a rating is ``people.rating.record`` whether an officer
typed it or an HR file brought it, so filtering the log by that name finds every rating.

The log is append-only, so entries written under an earlier name keep it; an action lists
its earlier names in ``formerly`` and readers map them (:func:`action_for`, :func:`stored_names`).
``derived`` marks writes that follow another by themselves (the roles app's HR sync after an
import): undoing the import does not count them as later changes.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

NAME = re.compile(r"^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$")
PLACEHOLDERS = frozenset({"actor", "object", "person", "summary"})


class UnknownAuditAction(LookupError):
    """An audit entry was about to be written under a name no app registered."""


@dataclass(frozen=True)
class AuditAction:
    """One kind of change. ``sentence`` reads the entry in plain English, with ``{actor}``
    (who acted), ``{object}`` (what changed, as labelled then), ``{person}`` (whom it is
    about) and ``{summary}`` (the entry's own summary) filled in."""

    name: str
    sentence: str
    formerly: tuple[str, ...] = ()
    derived: bool = False

    def __post_init__(self) -> None:
        if not NAME.match(self.name):
            raise ValueError(f"audit action {self.name!r}: name it app.noun.verb (lowercase)")
        fields = {f for _, f, _, _ in string.Formatter().parse(self.sentence) if f is not None}
        if not fields <= PLACEHOLDERS:
            raise ValueError(
                f"audit action {self.name!r}: the sentence may only use "
                f"{', '.join(sorted(PLACEHOLDERS))}, not {', '.join(sorted(fields - PLACEHOLDERS))}"
            )


_actions: dict[str, AuditAction] = {}
_by_stored_name: dict[str, AuditAction] = {}


def register(*actions: AuditAction) -> None:
    """Register actions; a name (current or former) may belong to one action only."""
    for action in actions:
        for stored in (action.name, *action.formerly):
            known = _by_stored_name.get(stored)
            if known is not None and known != action:
                raise ValueError(f"audit action name {stored!r} is registered twice")
        _actions[action.name] = action
        for stored in (action.name, *action.formerly):
            _by_stored_name[stored] = action


def registered() -> list[AuditAction]:
    """Every registered action, by name."""
    return [_actions[name] for name in sorted(_actions)]


def require(name: str) -> str:
    """``name`` if it is a registered current name; raise :class:`UnknownAuditAction`."""
    if name not in _actions:
        raise UnknownAuditAction(
            f"no app registered the audit action {name!r}: add it to the app's audited.py "
            "with the sentence it reads as"
        )
    return name


def action_for(stored: str) -> AuditAction | None:
    """The action an entry's stored name (current or former) stands for, if any."""
    return _by_stored_name.get(stored)


def current_name(stored: str) -> str:
    """The name an entry's action goes by now (its stored name when nobody knows it)."""
    action = _by_stored_name.get(stored)
    return action.name if action is not None else stored


def stored_names(names: Iterable[str]) -> list[str]:
    """Every name entries of these actions may be stored under (current and former)."""
    out: list[str] = []
    for name in names:
        action = _by_stored_name.get(name)
        out += [name] if action is None else [action.name, *action.formerly]
    return sorted(set(out))


def is_derived(stored: str) -> bool:
    """Whether entries under this name follow another write by themselves."""
    action = _by_stored_name.get(stored)
    return action is not None and action.derived


_GAP = "\x00"  # a value the entry does not have, until the sentence is finished


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return _GAP


def sentence(stored: str, values: Mapping[str, Any]) -> str:
    """The plain-English sentence of an entry stored under ``stored``; ``values`` gives
    actor, object, person and summary (missing ones read "…")."""
    action = _by_stored_name.get(stored)
    filled = _Blank({k: str(v) for k, v in values.items() if v not in (None, "")})
    if action is None:
        return "{actor}: {object}".format_map(filled).replace(_GAP, "…")
    # A missing value at the very end after a colon ("… previewed a policy adoption: ") is
    # left out; one inside the sentence reads "…".
    text = re.sub(f"(: )?{_GAP}$", "", action.sentence.format_map(filled)).replace(_GAP, "…")
    return text[:1].upper() + text[1:]  # "System registered …", a sentence
