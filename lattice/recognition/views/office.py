"""The talent office's recognition pages: achievements, awards, automatic awards, revocation,
the signing key."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from lattice.lib.paging import paginate
from lattice.lib.picked import picked_id
from lattice.pathways.models import ClaimKind
from lattice.people.models import StaffMember
from lattice.recognition import actions, queries, tlms
from lattice.recognition.models import AchievementType, Award, EarnedBy
from lattice.recognition.views.common import office_district, run_action


def office(request: HttpRequest) -> HttpResponse:
    district = office_district(request)
    achievements = list(queries.achievements_of(district))
    awards = paginate(
        request,
        queries.awards_visible_to(request.user)
        .filter(achievement__district=district)
        .order_by("-awarded_on", "-pk"),
    )
    counts = queries.awards_in_force_by_achievement(district)
    rows = [(a, counts.get(a.pk, 0), tlms.describe(a.tlms_functions)) for a in achievements]
    return render(
        request,
        "recognition/office.html",
        {
            "district": district,
            "rows": rows,
            "awards": awards,
            "keys": queries.key_ring(district),
            "types": AchievementType.choices,
            "earned_by": EarnedBy.choices,
            "claim_kinds": [(k, ClaimKind(k).label) for k in actions.CLAIM_KINDS],
            "functions": sorted(tlms.FUNCTIONS.items()),
            "staff_options": _staff_options(district),
        },
    )


def _staff_options(district: Any) -> SafeString:
    """The <option>s of everyone active in the district, by name: built from plain rows in
    one pass (a district's whole staff is a long list for the template engine, and
    ``format_html`` per option cost half the page), each name escaped as ``format_html``
    would."""
    rows = (
        StaffMember.objects.filter(district=district, active=True)
        .order_by("family_name", "given_name")
        .values_list("pk", "preferred_name", "given_name", "family_name")
    )
    return mark_safe(
        "".join(
            f'<option value="{int(pk)}">{escape(preferred or given)} {escape(family)}</option>'
            for pk, preferred, given, family in rows
        )
    )


@require_POST
def achievement_new(request: HttpRequest) -> HttpResponse:
    district = office_district(request)
    p = request.POST
    try:
        terms = int(p.get("terms_required") or 1)
        units = int(p.get("ledger_units") or 0)
    except ValueError:
        messages.error(request, "Terms and units: enter whole numbers such as 2.")
        return HttpResponseRedirect(reverse("recognition:office"))
    return run_action(
        request,
        "Achievement defined.",
        reverse("recognition:office"),
        actions.define_achievement,
        request.user,
        district,
        key=(p.get("key") or "").strip()[:60],
        name=p.get("name", ""),
        description=p.get("description", ""),
        criteria=p.get("criteria", ""),
        achievement_type=p.get("achievement_type", ""),
        earned_by=p.get("earned_by", EarnedBy.REVIEW),
        evidence_required=p.get("evidence_required", ""),
        role_key=p.get("role_key", ""),
        terms_required=terms,
        pathway_key=p.get("pathway_key", ""),
        claim_kind=p.get("claim_kind", ""),
        claim_category=p.get("claim_category", ""),
        tlms_functions=" ".join(p.getlist("tlms_functions")),
        ledger_kind=p.get("ledger_kind", ""),
        ledger_units=units,
    )


@require_POST
def award_new(request: HttpRequest) -> HttpResponse:
    district = office_district(request)
    picked = picked_id(request.POST, "achievement")
    if picked is None:
        messages.error(request, "Choose the achievement to award from the list.")
        return HttpResponseRedirect(reverse("recognition:office"))
    achievement = get_object_or_404(queries.achievements_of(district), pk=picked)
    staff_id = picked_id(request.POST, "staff") or 0
    staff = StaffMember.objects.filter(district=district, pk=staff_id).first()
    if staff is None:
        messages.error(request, "Choose the person to award it to from the list.")
        return HttpResponseRedirect(reverse("recognition:office"))
    until = None
    if request.POST.get("valid_until"):
        try:
            until = dt.date.fromisoformat(request.POST["valid_until"])
        except ValueError:
            messages.error(request, "Expiry date: use the form YYYY-MM-DD, e.g. 2028-06-30.")
            return HttpResponseRedirect(reverse("recognition:office"))
    return run_action(
        request,
        f"{achievement.name} awarded to {staff.display_name}; the credential is signed.",
        reverse("recognition:office"),
        actions.award,
        request.user,
        achievement,
        staff,
        valid_until=until,
        narrative=request.POST.get("narrative", ""),
        source="talent office review",
    )


@require_POST
def run_automatic(request: HttpRequest) -> HttpResponse:
    district = office_district(request)
    pathways = actions.award_pathways(request.user, district)
    ledger = actions.award_ledger_claims(request.user, district)
    messages.success(
        request,
        f"{pathways} credential(s) issued for pathways reached and {ledger} for verified "
        "ledger claims.",
    )
    return HttpResponseRedirect(reverse("recognition:office"))


def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(queries.awards_visible_to(request.user), pk=pk)
    district = found.achievement.district
    officer = queries.administers(request.user, district)
    own = queries.own_staff(request.user)
    if not officer and (own is None or own.pk != found.staff_member_id):
        raise Http404("No such award")
    return render(
        request,
        "recognition/award.html",
        {
            "award": found,
            "officer": officer,
            "mine": own is not None and own.pk == found.staff_member_id,
        },
    )


@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    found = _office_award(request, pk)
    return run_action(
        request,
        "Credential revoked; verifiers now see it as revoked.",
        reverse("recognition:award", args=[pk]),
        actions.revoke,
        request.user,
        found,
        reason=request.POST.get("reason", ""),
    )


@require_POST
def rotate_key(request: HttpRequest) -> HttpResponse:
    district = office_district(request)
    actions.rotate_key(request.user, district)
    messages.success(request, "New signing key made; earlier credentials still verify.")
    return HttpResponseRedirect(reverse("recognition:office"))


def _office_award(request: HttpRequest, pk: int) -> Award:
    found = get_object_or_404(queries.awards_visible_to(request.user), pk=pk)
    if not queries.administers(request.user, found.achievement.district):
        raise Http404("No such award")
    return found
