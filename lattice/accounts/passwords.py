"""An offline check that a password is not easy to guess.

zxcvbn (Dropbox's estimator; its word lists hold the most common passwords, names and
English words, and it sees patterns: a word with a year, keyboard walks, repeats, dates,
l33t spellings) estimates how many guesses a password takes. Lattice refuses anything it
scores below 3 of 4 ("safely unguessable: moderate protection from an offline attack"), so
``Summer2026`` is refused although it has capitals and digits. Nothing leaves the server.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from zxcvbn import zxcvbn

MINIMUM_SCORE = 3
LONGEST_CHECKED = 100  # zxcvbn slows on very long input; such passwords are strong anyway


class GuessablePasswordValidator:
    """Refuse passwords that zxcvbn says are guessable, naming why in plain words."""

    def __init__(self, minimum_score: int = MINIMUM_SCORE) -> None:
        self.minimum_score = minimum_score

    def validate(self, password: str, user: Any = None) -> None:
        hints = [
            str(getattr(user, name, "") or "")
            for name in ("username", "first_name", "last_name", "email")
        ]
        result = zxcvbn(password[:LONGEST_CHECKED], user_inputs=[h for h in hints if h])
        if result["score"] >= self.minimum_score:
            return
        feedback = result.get("feedback") or {}
        reason = feedback.get("warning") or "It would be quick to guess."
        advice = " ".join(feedback.get("suggestions") or []) or (
            "Use a few unrelated words, or a longer phrase only you would think of."
        )
        raise ValidationError(
            f"This password is too easy to guess. {reason} {advice}",
            code="password_guessable",
        )

    def get_help_text(self) -> str:
        return (
            "Your password must not be easy to guess: not a common password, a name, or a "
            "word with a year. A few unrelated words make a strong password."
        )
