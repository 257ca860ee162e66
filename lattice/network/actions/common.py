"""What every network action shares: the refusal it raises and the check for a required text."""

from __future__ import annotations


class NetworkError(ValueError):
    """Refused, with a sentence naming the field and the fix."""


def require(**values: str) -> None:
    """Refuse an empty required text, naming the field."""
    for name, value in values.items():
        if not (value or "").strip():
            raise NetworkError(f"{name}: required; write a sentence or two.")
