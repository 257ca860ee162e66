"""Where each persona's home is: the page ``/`` sends a signed-in person to, and where the
demo's persona logins land."""

from __future__ import annotations

from django.urls import reverse

from lattice.people.access import Scope


def home_url(scope: Scope) -> str | None:
    """The home page of ``scope``'s persona, or None for an account with no access yet."""
    persona = scope.persona.key
    if persona == "superuser":
        return reverse("admin:index")
    if persona == "officer":
        return reverse("people:district")
    if persona == "network":
        return reverse("people:network")
    if persona == "principal":
        return reverse("people:school", args=[scope.home_school_id()])
    if persona == "teacher":
        return reverse("people:me")
    return None
