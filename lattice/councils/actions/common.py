"""What every councils action shares: the error it raises and today's date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


class CouncilError(ValueError):
    """A councils action refused its input; the message says what to fix."""


def _today() -> dt.date:
    return timezone.localdate()
