"""Who may see which network, and do what in it.

- the network office (a network officer's grant) sees its networks' library, comparisons and
  ideas, and adds to the library; it never sees a person's record;
- every member district's staff and talent office read the library and the comparisons and
  take part in Teach to Lead;
- a member district's talent office also copies resources into the district, chooses what
  the district shares, and brings the district in or takes it out;
- a district that is not a member sees nothing of the network (404, like every page outside
  a user's scope, so the network's existence does not leak).

Confidentiality across districts: no page names another district's staff, except the team of
a Teach to Lead idea, whose members chose to join it, shown to the team itself
(:func:`can_see_team`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from lattice.lib.actors import Actor
from lattice.network.models import CurriculumTeam, Idea, PulseRound, TeamMember, Unit, UnitReview
from lattice.people.access import scope_for
from lattice.people.models import District, Network, StaffMember


def own_staff(user: Actor) -> StaffMember | None:
    """The signed-in person's active staff record, if any."""
    scope = scope_for(user)
    if scope.own_staff_id is None:
        return None
    return StaffMember.objects.select_related("district").get(pk=scope.own_staff_id)


def member_district_ids(user: Actor) -> frozenset[int]:
    """Districts the user works in or runs the talent office of."""
    scope = scope_for(user)
    ids = set(scope.officer_district_ids)
    if scope.own_staff_id is not None:
        ids.update(
            StaffMember.objects.filter(pk=scope.own_staff_id).values_list("district_id", flat=True)
        )
    return frozenset(ids)


def networks_for(user: Actor) -> QuerySet[Network]:
    """Networks whose pages ``user`` may open: as the network office or through a member
    district."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Network.objects.all()
    through_districts = District.objects.filter(
        pk__in=member_district_ids(user), network__isnull=False
    ).values("network_id")
    return Network.objects.filter(pk__in=set(scope.network_ids)) | Network.objects.filter(
        pk__in=through_districts
    )


def get_network(user: Actor, key: str) -> Network:
    """The network ``key`` if ``user`` may see it; 404 otherwise (also when absent)."""
    found = networks_for(user).filter(key=key).first()
    if found is None:
        raise Http404("No such network")
    return found


def is_network_office(user: Actor, network: Network) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or network.pk in scope.network_ids


def office_districts(user: Actor, network: Network) -> QuerySet[District]:
    """Member districts of ``network`` whose talent office ``user`` runs (copies, sharing)."""
    scope = scope_for(user)
    qs = District.objects.filter(network=network).order_by("name")
    if scope.is_superuser:
        return qs
    return qs.filter(pk__in=scope.officer_district_ids)


def joinable_districts(user: Actor) -> QuerySet[District]:
    """Districts whose talent office ``user`` runs (they may join or leave a network)."""
    scope = scope_for(user)
    if scope.is_superuser:
        return District.objects.order_by("name")
    return District.objects.filter(pk__in=scope.officer_district_ids).order_by("name")


def staff_in(user: Actor, network: Network) -> StaffMember | None:
    """The user's staff record if they work in a member district of ``network``."""
    me = own_staff(user)
    return me if me is not None and me.district.network_id == network.pk else None


def ideas_in(user: Actor, network: Network) -> QuerySet[Idea]:
    return Idea.objects.filter(network=network).select_related("district")


def get_idea(user: Actor, network: Network, pk: Any) -> Idea:
    try:
        return ideas_in(user, network).get(pk=pk)
    except (Idea.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such idea") from exc


def seat_of(user: Actor, idea: Idea) -> TeamMember | None:
    """The user's seat on the idea's team (lead, member or critical friend), if any."""
    scope = scope_for(user)
    if scope.own_staff_id is None:
        return None
    return idea.team.filter(staff_member_id=scope.own_staff_id).first()


def can_see_team(user: Actor, idea: Idea) -> bool:
    """Names on a team show to the team itself and to the talent office of the district the
    idea comes from (its own staff); to everyone else only how many, from which districts."""
    scope = scope_for(user)
    return (
        scope.is_superuser
        or idea.district_id in scope.officer_district_ids
        or seat_of(user, idea) is not None
    )


# --- a district's own work: curriculum teams and the trust pulse -----------------------------


def own_district_ids(user: Actor) -> frozenset[int] | None:
    """Districts whose curriculum and pulse ``user`` reads (None: every district, for the
    superuser). The network office sees none: this is a district's own work."""
    if scope_for(user).is_superuser:
        return None
    return member_district_ids(user)


def runs_office_of(user: Actor, district_id: int) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or district_id in scope.officer_district_ids


def teams_for(user: Actor) -> QuerySet[CurriculumTeam]:
    ids = own_district_ids(user)
    qs = CurriculumTeam.objects.select_related("district")
    return qs if ids is None else qs.filter(district_id__in=ids)


def get_team(user: Actor, pk: Any) -> CurriculumTeam:
    try:
        return teams_for(user).get(pk=pk)
    except (CurriculumTeam.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such team") from exc


def get_unit(user: Actor, pk: Any) -> Unit:
    try:
        return Unit.objects.select_related("team__district").get(pk=pk, team__in=teams_for(user))
    except (Unit.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such unit") from exc


def get_review(user: Actor, pk: Any) -> UnitReview:
    """A review the signed-in person was asked to write (404 for anyone else)."""
    me = own_staff(user)
    try:
        return UnitReview.objects.select_related("version__unit__team__district").get(
            pk=pk, reviewer=me
        )
    except (UnitReview.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such review") from exc


def sees_names_on(user: Actor, team: CurriculumTeam) -> bool:
    """Reviewers' names show to the team and its district's talent office."""
    me = own_staff(user)
    return runs_office_of(user, team.district_id) or (
        me is not None and team.members.filter(staff_member=me, left_on__isnull=True).exists()
    )


def rounds_for(user: Actor) -> QuerySet[PulseRound]:
    ids = own_district_ids(user)
    qs = PulseRound.objects.select_related("district")
    return qs if ids is None else qs.filter(district_id__in=ids)


def get_round(user: Actor, pk: Any) -> PulseRound:
    try:
        return rounds_for(user).get(pk=pk)
    except (PulseRound.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such round") from exc
