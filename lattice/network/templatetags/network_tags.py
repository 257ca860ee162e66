"""The network's panel on a person's own profile: a trust-pulse round they may still answer,
reviews they were asked to write, and the curriculum teams they serve on."""

from __future__ import annotations

from typing import Any

from django import template

from lattice.network.models import CurriculumTeamMember, PulseReceipt, PulseRound, UnitReview
from lattice.people.models import StaffMember
from lattice.people.queries import today

register = template.Library()


@register.simple_tag
def network_work_of(staff: StaffMember) -> dict[str, Any]:
    on = today()
    answered = PulseReceipt.objects.filter(staff_member=staff).values("round_id")
    return {
        "rounds": list(
            PulseRound.objects.filter(
                district_id=staff.district_id, closed=False, opens_on__lte=on, closes_on__gte=on
            ).exclude(pk__in=answered)
        ),
        "reviews": list(
            UnitReview.objects.filter(
                reviewer=staff, submitted_on__isnull=True, version__unit__status="review"
            ).select_related("version__unit")
        ),
        "teams": list(
            CurriculumTeamMember.objects.filter(
                staff_member=staff, left_on__isnull=True
            ).select_related("team")
        ),
    }
