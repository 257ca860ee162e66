"""An offline check that a password is not easy to guess.

zxcvbn (Dropbox's estimator; its word lists hold the most common passwords, names and
English words, and it sees patterns: a word with a year, keyboard walks, repeats, dates,
l33t spellings) estimates how many guesses a password takes. A password under 16 characters
must take at least 10¹⁰ guesses (zxcvbn's top score, "very unguessable"); a longer
passphrase at least 10⁸ ("safely unguessable"). So ``Summer2026`` and ``Summer2026!!`` are
refused although they have capitals, digits and symbols, while four unrelated words pass.
The user's names, username, email and district count as easy guesses. Nothing leaves the
server.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from zxcvbn import zxcvbn

FEWEST_GUESSES_LOG10 = 10.0  # for passwords shorter than PASSPHRASE_LENGTH
FEWEST_GUESSES_LOG10_PASSPHRASE = 8.0
PASSPHRASE_LENGTH = 16
LONGEST_CHECKED = 100  # zxcvbn slows on very long input; such passwords are strong anyway


def _hints(user: Any) -> list[str]:
    """Words an attacker who knows the person would try first."""
    hints = [
        str(getattr(user, name, "") or "")
        for name in ("username", "first_name", "last_name", "email")
    ]
    staff = getattr(user, "staff_member", None) if getattr(user, "pk", None) else None
    if staff is not None:
        hints += [staff.district.name, staff.district.key, staff.employee_id]
    words = [word for hint in hints for word in hint.replace("@", " ").replace(".", " ").split()]
    return [h for h in hints + words if h]


class GuessablePasswordValidator:
    """Refuse passwords that zxcvbn says are guessable, naming why in plain words."""

    def validate(self, password: str, user: Any = None) -> None:
        result = zxcvbn(password[:LONGEST_CHECKED], user_inputs=_hints(user))
        needed = (
            FEWEST_GUESSES_LOG10_PASSPHRASE
            if len(password) >= PASSPHRASE_LENGTH
            else FEWEST_GUESSES_LOG10
        )
        if result["guesses_log10"] >= needed:
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
