"""allauth's stock pages in Lattice's words: sentence case and "Log in", "Log out".

allauth writes its headings and buttons in title case ("Two-Factor Authentication", "Sign
Out") while every Lattice page writes sentence case and says "Log out". Lattice does not copy
allauth's templates to reword them (they change with each release): its overrides of
allauth's elements (``allauth/elements/h1.html``, ``h2.html``, ``button.html``, ``panel.html``)
and of the layout's title pass the text through :func:`headline`, and running text through
:func:`words`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# allauth's verbs, as Lattice says them (the log-in page and the menu say "Log in", "Log out").
VERBS = (
    (re.compile(r"\bsigned (out|in)\b", re.I), r"logged \1"),
    (re.compile(r"\bsigning (out|in)\b", re.I), r"logging \1"),
    (re.compile(r"\bsign (out|in)\b", re.I), r"log \1"),
)
# Words that keep their capitals inside a sentence-case heading.
PROPER = {"Lattice", "Google", "Microsoft", "Clever", "ClassLink", "I"}


def words(text: str) -> str:
    """Running text with Lattice's verbs: "Are you sure you want to log out?"."""
    out = str(text)
    for pattern, replacement in VERBS:
        out = pattern.sub(_reworded(replacement), out)
    return out


def _reworded(replacement: str) -> Callable[[re.Match[str]], str]:
    """A substitution that writes ``replacement`` in the case of the words it replaces."""

    def swap(match: re.Match[str]) -> str:
        return _same_case(match.group(0), match.expand(replacement))

    return swap


def headline(text: str) -> str:
    """A heading or button in sentence case with Lattice's verbs: "Two-factor
    authentication", "Log out", "Trust this browser?"; acronyms and names keep capitals."""
    parts = re.split(r"(\s+|-)", words(str(text)).strip())
    seen_word = False
    out = []
    for part in parts:
        if not part or part.isspace() or part == "-":
            out.append(part)
            continue
        bare = part.strip("?!.,:;()")
        if seen_word and bare not in PROPER and not (len(bare) > 1 and bare.isupper()):
            part = part.lower()
        seen_word = True
        out.append(part)
    return "".join(out)


def _same_case(original: str, replacement: str) -> str:
    """``replacement`` capitalised when ``original`` was."""
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
