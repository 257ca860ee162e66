"""The record a form's picker chose, read from posted data without trusting it.

A picker (a ``<select>`` or a radio list of records) posts a primary key as text; a blank
choice posts ``""`` and a tampered form anything at all. Handing that text straight to a
primary-key lookup raises ``ValueError`` (a server error) instead of the sentence the person
needs, so every view reads a picked id through :func:`picked_id` and treats ``None`` as
"nothing chosen".
"""

from __future__ import annotations

from collections.abc import Mapping


def picked_id(data: Mapping[str, str], name: str) -> int | None:
    """The positive whole number posted as ``name``, or None when blank or not a number."""
    text = (data.get(name) or "").strip()
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if number > 0 else None
