"""Decisions officers made on the review list, which later imports follow."""

from __future__ import annotations

from lattice.people.models import District


def decisions_for(district: District) -> dict[str, str]:
    """OneRoster sourcedId → ``"new"`` or ``"pk:<staff id>"`` for resolved review items."""
    from lattice.imports.models import ReviewItem

    out: dict[str, str] = {}
    for sid, status, staff_id in (
        ReviewItem.objects.filter(district=district, kind=ReviewItem.Kind.ONEROSTER)
        .exclude(status=ReviewItem.Status.OPEN)
        .order_by("resolved_at")
        .values_list("sourced_id", "status", "linked_staff_id")
    ):
        if status == ReviewItem.Status.NEW:
            out[sid] = "new"
        elif staff_id is not None:
            out[sid] = f"pk:{staff_id}"
    return out


def hr_decisions_for(district: District) -> dict[str, str]:
    """HR employee id → ``"new"`` or ``"pk:<staff id>"`` for resolved review items of HR
    files (a new employee id whose email belongs to someone Lattice has)."""
    from lattice.imports.models import ReviewItem

    out: dict[str, str] = {}
    for identifier, status, staff_id in (
        ReviewItem.objects.filter(district=district, kind=ReviewItem.Kind.HR)
        .exclude(status=ReviewItem.Status.OPEN)
        .order_by("resolved_at")
        .values_list("identifier", "status", "linked_staff_id")
    ):
        if status == ReviewItem.Status.NEW:
            out[identifier] = "new"
        elif staff_id is not None:
            out[identifier] = f"pk:{staff_id}"
    return out
