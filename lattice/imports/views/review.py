"""The review list: roster rows that could be more than one person, decided by an officer."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from lattice.imports import actions
from lattice.imports.models import ReviewItem
from lattice.people.access import get_administered_district
from lattice.people.models import StaffMember


@require_GET
def review_list(request: HttpRequest, district: str) -> HttpResponse:
    target = get_administered_district(request.user, district)
    items = ReviewItem.objects.filter(district=target).select_related("run", "linked_staff")
    return render(
        request,
        "imports/review.html",
        {
            "district": target,
            "open_items": [i for i in items if i.status == "open"],
            "done_items": [i for i in items if i.status != "open"][:100],
        },
    )


@require_POST
def resolve_review(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    target = get_administered_district(request.user, district)
    item = get_object_or_404(ReviewItem, pk=pk, district=target, status=ReviewItem.Status.OPEN)
    choice = request.POST.get("choice", "")
    if choice == "new":
        actions.resolve_review_item(request.user, item, staff=None)
        messages.success(request, f"{item.name} will be added as a new person by the next import.")
    else:
        allowed = {str(c["id"]) for c in item.candidates}
        if choice not in allowed:
            messages.error(request, "Choose one of the listed people, or “someone new”.")
            return redirect("imports:review", district=target.key)
        staff = get_object_or_404(StaffMember, pk=int(choice), district=target)
        try:
            actions.resolve_review_item(request.user, item, staff=staff)
        except ValueError as exc:
            messages.error(request, f"Not linked: {exc}.")
            return redirect("imports:review", district=target.key)
        messages.success(
            request,
            f"{item.name} is linked to {staff.display_name}; the next import will update them.",
        )
    return redirect("imports:review", district=target.key)
