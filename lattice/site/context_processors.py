"""Template context: the signed-in user's persona, for navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lattice.people.access import scope_for


def persona(request: HttpRequest) -> dict[str, Any]:
    scope = scope_for(getattr(request, "user", None))
    return {"scope": scope, "persona": scope.persona}
