"""Recognition program pages: the program, nominating, the panel's reviews, the decision.

Who sees what: the talent office sees everything; a seated reviewer sees the nominations
they may review (never their own school's) and only their own scores; everyone else on the
staff, principals included, sees the program and may nominate, never the nominations."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.lib.picked import picked_id
from lattice.lib.rubric import level_words
from lattice.people.access import districts_administered_by, scope_for
from lattice.people.models import SchoolYear, StaffMember
from lattice.recognition import programs, queries
from lattice.recognition.models import (
    Nomination,
    NominatorKind,
    PanelSeat,
    Program,
    ProgramLevel,
)
from lattice.recognition.views.common import office_district, run_action


def _visible_programs(request: HttpRequest) -> list[Program]:
    districts = set(districts_administered_by(request.user).values_list("pk", flat=True))
    me = queries.own_staff(request.user)
    if me is not None:
        districts.add(me.district_id)
    return list(Program.objects.filter(district_id__in=districts).select_related("school_year"))


def _program(request: HttpRequest, pk: int) -> Program:
    found = next((p for p in _visible_programs(request) if p.pk == pk), None)
    if found is None:
        raise Http404("No such program")
    return found


def program_list(request: HttpRequest) -> HttpResponse:
    found = _visible_programs(request)
    officer = districts_administered_by(request.user).exists()
    if not found and not officer and queries.own_staff(request.user) is None:
        raise Http404("No programs")
    return render(
        request,
        "recognition/programs.html",
        {
            "programs": found,
            "officer": officer,
            "levels": ProgramLevel.choices,
            "achievements": [
                a
                for d in districts_administered_by(request.user)
                for a in queries.achievements_of(d)
            ],
        },
    )


@require_POST
def program_new(request: HttpRequest) -> HttpResponse:
    district = office_district(request)
    p = request.POST
    year = SchoolYear.objects.filter(district=district).order_by("-start").first()
    try:
        opens, closes, decide_by = (
            dt.date.fromisoformat(p.get(f, "")) for f in ("opens", "closes", "decide_by")
        )
        honourees = int(p.get("honourees") or 1)
    except ValueError:
        messages.error(request, "Dates as YYYY-MM-DD and honourees as a whole number, please.")
        return HttpResponseRedirect(reverse("recognition:programs"))
    if year is None:
        messages.error(request, f"{district.name} has no school year yet.")
        return HttpResponseRedirect(reverse("recognition:programs"))
    achievement = (
        queries.achievements_of(district).filter(pk=picked_id(p, "achievement") or 0).first()
    )
    return run_action(
        request,
        "Program opened for nominations.",
        reverse("recognition:programs"),
        programs.create_program,
        request.user,
        district,
        year,
        name=p.get("name", ""),
        level=p.get("level", ""),
        criteria=p.get("criteria", ""),
        opens=opens,
        closes=closes,
        decide_by=decide_by,
        achievement=achievement,
        honourees=honourees,
        families_may_nominate=p.get("families") == "1",
    )


def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    officer = queries.administers(request.user, program.district)
    me = queries.own_staff(request.user)
    seat = PanelSeat.objects.filter(program=program, reviewer=me).first() if me else None
    to_review = []
    if seat is not None:
        mine = {r.nomination_id: r for r in seat.reviews.all()}
        to_review = [
            (n, mine.get(n.pk))
            for n in program.nominations.select_related("nominee", "nominee_school")
            if programs.may_review(seat, n)
        ]
    scope = scope_for(request.user)
    kinds = [NominatorKind.COLLEAGUE, NominatorKind.SELF]
    if scope.is_principal:
        kinds.insert(0, NominatorKind.PRINCIPAL)
    return render(
        request,
        "recognition/program.html",
        {
            "program": program,
            "officer": officer,
            "seat": seat,
            "to_review": to_review,
            "rubric": programs.RUBRIC,
            # The shared rubric words: which end of the scale each score is at.
            "scale": [(v, level_words(v, max(programs.SCALE))) for v in programs.SCALE],
            "results": programs.results(program) if officer else [],
            "seats": list(program.seats.select_related("reviewer")) if officer else [],
            "kinds": [(k.value, k.label) for k in kinds],
            "colleagues": StaffMember.objects.filter(
                district=program.district, active=True
            ).order_by("family_name", "given_name"),
            "me": me,
        },
    )


@require_POST
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    me = queries.own_staff(request.user)
    if me is None:
        raise Http404("Only staff nominate here")
    kind = request.POST.get("kind", NominatorKind.COLLEAGUE)
    if kind == NominatorKind.PRINCIPAL and not scope_for(request.user).is_principal:
        kind = NominatorKind.COLLEAGUE
    nominee = (
        me
        if kind == NominatorKind.SELF
        # django-stubs refuses None for a pk lookup; Django matches no row for it.
        else StaffMember.objects.filter(  # type: ignore[misc]
            district=program.district, pk=picked_id(request.POST, "nominee")
        ).first()
    )
    if nominee is None:
        messages.error(request, "Choose the colleague you nominate from the list.")
        return HttpResponseRedirect(reverse("recognition:program", args=[pk]))
    return run_action(
        request,
        "Thank you: your nomination is in. Nominations are confidential.",
        reverse("recognition:program", args=[pk]),
        programs.nominate,
        request.user,
        program,
        nominee,
        kind=kind,
        statement=request.POST.get("statement", ""),
        nominator=me,
    )


@require_POST
def seat(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    if not queries.administers(request.user, program.district):
        raise Http404("No such program")
    # django-stubs refuses None for a pk lookup; Django matches no row for it.
    reviewer = StaffMember.objects.filter(  # type: ignore[misc]
        district=program.district, pk=picked_id(request.POST, "reviewer")
    ).first()
    if reviewer is None:
        messages.error(request, "Choose the reviewer from the list.")
        return HttpResponseRedirect(reverse("recognition:program", args=[pk]))
    return run_action(
        request, f"{reviewer.display_name} seated on the panel.",
        reverse("recognition:program", args=[pk]),
        programs.seat_reviewer, request.user, program, reviewer,
    )  # fmt: skip


@require_POST
def advance(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    if not queries.administers(request.user, program.district):
        raise Http404("No such program")
    return run_action(
        request, "Nominations closed; the panel may review.",
        reverse("recognition:program", args=[pk]), programs.open_review, request.user, program,
    )  # fmt: skip


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    if not queries.administers(request.user, program.district):
        raise Http404("No such program")
    return run_action(
        request, "Decided: the honourees' credentials are issued.",
        reverse("recognition:program", args=[pk]), programs.decide, request.user, program,
    )  # fmt: skip


@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    me = queries.own_staff(request.user)
    nomination = get_object_or_404(Nomination.objects.select_related("program"), pk=pk)
    seat_ = (
        PanelSeat.objects.filter(program=nomination.program, reviewer=me).first() if me else None
    )
    if seat_ is None or not programs.may_review(seat_, nomination):
        raise Http404("No such nomination")
    scores = {key: request.POST.get(key, "") for key, _ in programs.RUBRIC}
    return run_action(
        request, "Review saved.", reverse("recognition:program", args=[nomination.program_id]),
        programs.submit_review, request.user, seat_, nomination,
        scores=scores, conflict=request.POST.get("conflict", ""),
    )  # fmt: skip
