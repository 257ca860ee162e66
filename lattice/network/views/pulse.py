"""The trust pulse: the district's rounds, answering one, and the results of a closed round
with each school's trend beside its leadership activity."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.network import access, actions, pulse_results
from lattice.network.forms_district import PulseForm, RoundForm
from lattice.network.models import PulseReceipt
from lattice.network.models.pulse import MIN_RESPONSES, SCALE
from lattice.network.views.common import today
from lattice.people.models import District, School


def rounds(request: HttpRequest) -> HttpResponse:
    me = access.own_staff(request.user)
    offices = [
        d
        for d in District.objects.filter(pk__in=access.member_district_ids(request.user))
        if access.runs_office_of(request.user, d.pk)
    ]
    form = RoundForm(request.POST or None)
    if request.method == "POST":
        district = next((d for d in offices if d.key == request.POST.get("district")), None)
        if district is None:
            raise Http404("No such page")
        if form.is_valid():
            try:
                actions.open_round(request.user, district, **form.cleaned_data)
            except actions.NetworkError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "The round is open: staff answer from this page.")
                return HttpResponseRedirect(reverse("network:pulse"))
    found_rounds = list(
        access.rounds_for(request.user).annotate(answered=Count("receipts")).order_by("-opens_on")
    )
    mine = (
        set(
            PulseReceipt.objects.filter(staff_member=me, round__in=found_rounds).values_list(
                "round_id", flat=True
            )
        )
        if me is not None
        else set()
    )
    on = today()
    rows = [
        {
            "round": found,
            "answered": found.answered,
            "mine": found.pk in mine,
            "can_answer": me is not None
            and me.district_id == found.district_id
            and not found.closed
            and found.opens_on <= on <= found.closes_on,
        }
        for found in found_rounds
    ]
    return render(
        request,
        "network/pulse/rounds.html",
        {
            "rows": rows,
            "offices": offices,
            "form": form if offices else None,
            "minimum": MIN_RESPONSES,
            "open_titles": [r.title for r in found_rounds if not r.closed],
        },
        status=400 if form.errors else 200,
    )


def answer(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_round(request.user, pk)
    me = access.own_staff(request.user)
    if me is None or me.district_id != found.district_id:
        raise Http404("No such page")
    form = PulseForm(request.POST or None, keys=found.questions)
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_pulse(request.user, found, me, form.cleaned_data, on=today())
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you. Your answers are kept without your name.")
            return HttpResponseRedirect(reverse("network:pulse"))
    return render(
        request,
        "network/pulse/answer.html",
        {
            "round": found,
            "form": form,
            "answered": actions.has_answered(found, me),
            "scale": SCALE,
            "minimum": MIN_RESPONSES,
        },
        status=400 if form.errors else 200,
    )


def results(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_round(request.user, pk)
    district_result, schools = pulse_results.round_results(found)
    chosen = School.objects.filter(district=found.district, key=request.GET.get("school")).first()
    if chosen is None:
        me = access.own_staff(request.user)
        chosen = actions.school_of(me, today()) if me is not None else None
        if chosen is not None and chosen.district_id != found.district_id:
            chosen = None
    points = pulse_results.trend(found.district, chosen)
    return render(
        request,
        "network/pulse/results.html",
        {
            "round": found,
            "district_result": district_result,
            "schools": schools,
            "minimum": MIN_RESPONSES,
            "chosen": chosen,
            "points": points,
            "polyline": pulse_results.polyline(points),
            "grid": pulse_results.grid(),
            "width": pulse_results.WIDTH,
            "left": pulse_results.LEFT - 60,
            "right": pulse_results.RIGHT + 60,
            "height": pulse_results.HEIGHT,
            "all_schools": School.objects.filter(district=found.district).order_by("name"),
            "office": access.runs_office_of(request.user, found.district_id),
        },
    )


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_round(request.user, pk)
    if not access.runs_office_of(request.user, found.district_id):
        raise Http404("No such page")
    try:
        counts = actions.close_round(request.user, found)
    except actions.NetworkError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(reverse("network:pulse"))
    messages.success(
        request,
        f"Closed. {counts['kept']} answers are shown by school, {counts['pooled']} pooled from "
        f"schools under {MIN_RESPONSES}, {counts['discarded']} discarded (too few to show).",
    )
    return HttpResponseRedirect(reverse("network:pulse-results", args=[found.pk]))
