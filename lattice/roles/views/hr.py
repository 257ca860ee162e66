"""HR positions and roles (officers): review the mapping of HR positions to catalogue roles,
see the conflicts between role assignments and HR positions, and sync now."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.people.models import Position
from lattice.roles import actions, hr
from lattice.roles.models import HrSyncState, LeadershipRole, PositionMapping, RoleStatus
from lattice.roles.views.common import district_for, is_officer, today

NOT_A_ROLE = "none"
NEW_RULES = 2


def _officer_district(request: HttpRequest):
    district = district_for(request)
    if not is_officer(request, district):
        raise Http404("No such page")
    return district


def _rows_from(request: HttpRequest, roles: dict[str, LeadershipRole], summaries, title_rules):
    """(position, title contains, role or None) rows from the posted form."""
    rows: list[tuple[str, str, LeadershipRole | None]] = []
    for summary in summaries:
        choice = request.POST.get(f"role_{summary.position}", "")
        if choice == NOT_A_ROLE:
            rows.append((summary.position, "", None))
        elif choice:
            if choice not in roles:
                raise actions.RoleError(f"{summary.label}: choose one of the listed roles.")
            rows.append((summary.position, "", roles[choice]))
    for n in range(len(title_rules) + NEW_RULES):
        position = request.POST.get(f"rule_{n}_position", "")
        title = request.POST.get(f"rule_{n}_title", "").strip()
        choice = request.POST.get(f"rule_{n}_role", "")
        if not position or not title or not choice:
            continue
        if choice != NOT_A_ROLE and choice not in roles:
            raise actions.RoleError(f"title rule “{title}”: choose one of the listed roles.")
        rows.append((position, title, None if choice == NOT_A_ROLE else roles[choice]))
    return rows


def hr_positions(request: HttpRequest) -> HttpResponse:
    district = _officer_district(request)
    on = today()
    summaries = hr.summaries(district, on)
    catalogue = list(
        LeadershipRole.objects.filter(district=district, status=RoleStatus.ACTIVE).order_by("title")
    )
    roles = {str(r.pk): r for r in catalogue}
    title_rules = list(
        PositionMapping.objects.filter(district=district)
        .exclude(title_contains="")
        .select_related("role")
    )
    if request.method == "POST":
        try:
            rows = _rows_from(request, roles, summaries, title_rules)
            actions.save_position_mappings(request.user, district, rows)
        except actions.RoleError as exc:
            messages.error(request, f"Not saved: {exc}")
        else:
            messages.success(
                request,
                "Saved the mapping; role assignments now follow the HR positions (the sync "
                "runs in the background).",
            )
            return HttpResponseRedirect(reverse("roles:hr"))
    state = HrSyncState.objects.filter(district=district).first()
    return render(
        request,
        "roles/hr.html",
        {
            "district": district,
            "summaries": summaries,
            "catalogue": catalogue,
            "title_rules": title_rules,
            "new_rules": range(len(title_rules), len(title_rules) + NEW_RULES),
            "positions": Position.choices,
            "conflicts": hr.conflicts(district, on),
            "state": state,
            "years": hr.sync_years(district, on),
            "reviewed": PositionMapping.objects.filter(district=district)
            .order_by("-reviewed_at")
            .select_related("reviewed_by")
            .first(),
        },
    )


@require_POST
def hr_sync(request: HttpRequest) -> HttpResponse:
    district = _officer_district(request)
    report = actions.sync_hr_roles(request.user, district, today())
    messages.success(request, f"Synced role assignments with HR positions: {report.line}.")
    return HttpResponseRedirect(reverse("roles:hr"))
