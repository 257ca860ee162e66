"""Which certificate is which: the one matching rule for certificate names.

Districts write certificate kinds as their HR system does ("Standard Professional
Certificate", "standard professional certificate ", "Std. Prof. Cert."); policies and role
requirements name them by a short name ("SPC") or in full. A held certificate matches a
wanted name when the two are equal ignoring case, spacing and punctuation, or when the wanted
name is the held name's initials ("SPC" for "Standard Professional Certificate", "NBCT" for
"National Board Certified Teacher"). Both the rules engine's record builder and the roles
app's qualifications use :func:`matches`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")


def normalised(name: str) -> str:
    """``"Standard  Professional-Certificate"`` → ``"standard professional certificate"``."""
    return " ".join(_WORD.findall(name.lower()))


def initials(name: str) -> str:
    """The initials of a name of several words (``"spc"``), else ``""``."""
    words = _WORD.findall(name.lower())
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def matches(held: str, wanted: str) -> bool:
    """Whether a certificate written ``held`` is the one a rule names ``wanted``."""
    a, b = normalised(held), normalised(wanted)
    if not a or not b:
        return False
    if a == b:
        return True
    compact = b.replace(" ", "")
    return compact == initials(held) or a.replace(" ", "") == initials(wanted)


def names_for(held: str, wanted: Iterable[str]) -> list[str]:
    """``held`` as written, then each name among ``wanted`` it matches (in order)."""
    return list(_names_for(held, frozenset(wanted)))


@lru_cache(maxsize=4096)
def _names_for(held: str, wanted: frozenset[str]) -> tuple[str, ...]:
    return (held, *sorted(name for name in wanted if name != held and matches(held, name)))
