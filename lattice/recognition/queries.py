"""Reads with access checks: whose awards a user may see, and the public face of an award."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404

from lattice.lib.actors import Actor
from lattice.people.access import districts_administered_by, scope_for
from lattice.people.models import District, StaffMember
from lattice.recognition.models import Achievement, Award, IssuerKey


def own_staff(user: Actor) -> StaffMember | None:
    staff_id = scope_for(user).own_staff_id
    if staff_id is None:
        return None
    return StaffMember.objects.select_related("district", "user").get(pk=staff_id)


def administers(user: Actor, district: District) -> bool:
    return districts_administered_by(user).filter(pk=district.pk).exists()


def awards_visible_to(user: Actor) -> QuerySet[Award]:
    """The talent office sees its districts' awards; a person sees their own. Principals see
    no one's (an honour is the teacher's to publish)."""
    scope = scope_for(user)
    districts = districts_administered_by(user).values("pk")
    qs = Award.objects.select_related("achievement__district", "staff_member")
    mine = qs.filter(staff_member_id=scope.own_staff_id) if scope.own_staff_id else qs.none()
    return qs.filter(achievement__district__in=districts) | mine


def honours_of(user: Actor, staff: StaffMember) -> list[Award]:
    return list(awards_visible_to(user).filter(staff_member=staff).order_by("-awarded_on"))


def public_award(public_id: Any) -> Award:
    """An award whose holder made it public (404 otherwise: nothing leaks that it exists)."""
    found = (
        Award.objects.select_related("achievement__district", "staff_member")
        .filter(public_id=public_id, public=True)
        .first()
    )
    if found is None:
        raise Http404("No such public credential")
    return found


def key_ring(district: District) -> list[IssuerKey]:
    return list(IssuerKey.objects.filter(district=district))


def achievements_of(district: District) -> QuerySet[Achievement]:
    return Achievement.objects.filter(district=district)


def awards_in_force_by_achievement(district: District) -> dict[int, int]:
    """Achievement id -> how many of its awards stand (not revoked), over every award."""
    return dict(
        Award.objects.filter(achievement__district=district, revoked_at__isnull=True)
        .values("achievement_id")
        .annotate(n=Count("pk"))
        .values_list("achievement_id", "n")
        .order_by()
    )
