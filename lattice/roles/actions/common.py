"""What every roles action shares: the error users see and model validation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class RoleError(ValueError):
    """A rule of the roles process was broken; the message says what to do instead."""


def clean(obj: Any, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        parts = [f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items()]
        raise RoleError("; ".join(parts)) from exc
