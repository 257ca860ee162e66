"""Rubric scores as a reviewer picks them: one radio button a level, labelled with what the
level looks like, grouped under the criterion.

Three review forms score against a rubric (a pathway cohort's domains, a role posting's
criteria, a curriculum unit's EQuIP-style criteria). Each keeps its own criteria and wording;
they share how a level is labelled ("1 (lowest) — Not yet shown", "2 — Emerging: some
evidence": the number, which end it is, a dash, the descriptor as written), so reviewers read
every scale the same way round, and how a criterion becomes a field (radio buttons, which the shared
field template shows as a fieldset whose legend is the criterion), so none offers a bare
number box where two reviewers would read "3" differently.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms


def level_words(score: int, top: int, lowest: int = 1) -> str:
    """A level's number, with which end of the scale it is at ("1 (lowest)", "4 (highest)"),
    so a reviewer need not guess which way the scale runs."""
    if score == lowest:
        return f"{score} (lowest)"
    if score == top:
        return f"{top} (highest)"
    return str(score)


def level_label(score: int, top: int, descriptors: Sequence[str], lowest: int = 1) -> str:
    """A level as the form offers it: its number and end, then what it looks like
    (``descriptors[0]`` describes a 1); just the number when no descriptor was written. A
    dash, not a colon, joins them: descriptors often carry their own ("Emerging: some
    evidence"), and "2: Emerging: some evidence" reads as a list of three things."""
    words = level_words(score, top, lowest)
    meaning = descriptors[score - 1] if 1 <= score <= len(descriptors) else ""
    return f"{words} — {meaning}" if meaning else words


def level_field(
    label: str,
    top: int,
    descriptors: Sequence[str],
    *,
    zero: str = "",
    help_text: str = "",
) -> forms.TypedChoiceField:
    """A required choice of one level from 1 (or 0, when ``zero`` says what a 0 means) up to
    ``top``, as radio buttons labelled by :func:`level_label`; it cleans to an ``int``."""
    lowest = 0 if zero else 1
    choices = [(str(n), level_label(n, top, descriptors, lowest)) for n in range(1, top + 1)]
    if zero:
        choices.insert(0, ("0", f"{level_words(0, top, 0)} — {zero}"))
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": f"Choose a score for “{label}”."},
    )


def levels_problem(top: int, descriptors: Sequence[str]) -> str:
    """What is wrong with ``descriptors`` for a scale from 1 to ``top`` ("" when nothing):
    one descriptor a level, none of them blank."""
    if len(descriptors) != top:
        return (
            f"write one line for each score from 1 to {top} ({top} lines, not {len(descriptors)})"
        )
    blank = [str(n) for n, text in enumerate(descriptors, start=1) if not text.strip()]
    if blank:
        return f"say what a score of {' and '.join(blank)} looks like"
    return ""
