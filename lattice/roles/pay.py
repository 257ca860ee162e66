"""The roles app's pay lines: the stipend of every leadership role held on a date.

Registered with ``lattice.lib.pay`` when Django starts; one query per district. The stipend
is what the holder was promised when assigned (copied onto the assignment), so a later change
to the catalogue never rewrites it. The roles app pays every role stipend — also under a
policy whose own roles table lists supplements (Iowa TLC): the pathways app leaves those to
this provider, so role pay is counted once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lattice.lib.formatting import money
from lattice.lib.pay import PayKind, PayLine
from lattice.roles.models import AssignmentStatus, RoleAssignment


def role_pay_lines(
    district_id: int, on: dt.date, staff_ids: frozenset[int] | None
) -> Iterator[PayLine]:
    rows = RoleAssignment.objects.filter(
        role__district_id=district_id,
        status=AssignmentStatus.ACTIVE,
        starts_on__lte=on,
        ends_on__gte=on,
        stipend_dollars__gt=0,
    )
    if staff_ids is not None:
        rows = rows.filter(staff_member_id__in=sorted(staff_ids))
    for pk, staff_id, title, year, stipend, starts in rows.order_by("pk").values_list(
        "pk", "staff_member_id", "role__title", "school_year__label", "stipend_dollars",
        "starts_on",
    ):  # fmt: skip
        yield PayLine(
            staff_id=staff_id,
            kind=PayKind.STIPEND,
            amount=stipend,
            label=f"{title} stipend",
            explanation=(
                f"{money(stipend)} for holding the {title} role in {year}, as agreed when the "
                "role was assigned."
            ),
            source="roles",
            reference=f"roles.RoleAssignment:{pk}",
            effective_from=starts,
        )
