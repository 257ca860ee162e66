"""Decisions officers made on the review list, which later imports follow."""

from __future__ import annotations

from lattice.people.models import District


def decisions_for(district: District) -> dict[str, str]:
    """OneRoster sourcedId → ``"new"`` or ``"pk:<staff id>"`` for resolved review items."""
    from lattice.imports.models import ReviewItem

    out: dict[str, str] = {}
    for sid, status, staff_id in (
        ReviewItem.objects.filter(district=district)
        .exclude(status=ReviewItem.Status.OPEN)
        .order_by("resolved_at")
        .values_list("sourced_id", "status", "linked_staff_id")
    ):
        if status == ReviewItem.Status.NEW:
            out[sid] = "new"
        elif staff_id is not None:
            out[sid] = f"pk:{staff_id}"
    return out
