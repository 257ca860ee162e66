"""The councils home, a body's page, creating bodies and seats, seating members."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from lattice.councils import access, actions, eligibility, queries
from lattice.councils.forms import BodyForm, SeatForm
from lattice.councils.models import Body, Decision, PollStatus, Seat
from lattice.councils.views.common import body_for, post_only, run
from lattice.lib.picked import picked_id
from lattice.people.access import districts_administered_by
from lattice.people.models import StaffMember


def home(request: HttpRequest) -> HttpResponse:
    if not access.reads_councils(request.user):
        raise Http404
    bodies = list(access.bodies_visible_to(request.user).select_related("school", "parent"))
    me = access.own_staff(request.user)
    today = timezone.localdate()
    waiting = queries.votes_waiting(request.user, bodies)
    due = list(
        Decision.objects.filter(body__in=bodies, review_on__lte=today)
        .exclude(status__in=["superseded"])
        .select_related("body")[:10]
    )
    return render(
        request,
        "councils/home.html",
        {
            "bodies": bodies,
            # The "Part of" column only where some body sits under another.
            "nested": any(b.parent_id for b in bodies),
            "my_seats": queries.seats_held(me),
            "voting": waiting.own,
            "proxies": waiting.proxies,
            "due": due,
            "can_create": districts_administered_by(request.user).exists(),
        },
    )


def body_new(request: HttpRequest) -> HttpResponse:
    district = districts_administered_by(request.user).order_by("name").first()
    if district is None:
        raise Http404
    form = BodyForm(
        request.POST or None,
        schools=district.schools.all(),
        bodies=Body.objects.filter(district=district),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            body = actions.create_body(
                request.user,
                district,
                name=d["name"],
                kind=d["kind"],
                purpose=d["purpose"],
                scope=d["scope"],
                school=d["school"],
                parent=d["parent"],
                workflow=d["workflow"],
                quorum_percent=d["quorum_percent"],
                rights=d["rights"],
                allows_absentee_votes=d["allows_absentee_votes"],
                allows_proxies=d["allows_proxies"],
                proxies_per_holder=d["proxies_per_holder"] or 1,
            )
        except actions.CouncilError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{body} created. Add its seats next.")
            return HttpResponseRedirect(reverse("councils:body", args=[body.pk]))
    return render(request, "councils/body_form.html", {"form": form, "district": district})


def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = body_for(request, pk)
    today = timezone.localdate()
    drafts = access.sees_drafts(request.user, body)
    admin = access.administers(request.user, body)
    order = ["chair", "vice_chair", "secretary", "member", "liaison"]
    seats = sorted(
        body.seats.select_related("holder", "constituency_school"),
        key=lambda s: (order.index(s.position), s.label),
    )
    for seat in seats:
        # Shown by the template only: an attribute the model does not declare.
        seat.current = seat.held_on(today)  # type: ignore[attr-defined]
        # The position rule names the seat's own positions: "Open to: teachers, librarians".
        seat.rule_labels = [  # type: ignore[attr-defined]
            f"Open to: {seat.open_to()}" if r == "teacher" else eligibility.RULES[r].label
            for r in seat.eligibility
            if r in eligibility.RULES
        ]
    # The body's decisions, read as the register reads them (made in a meeting or not).
    decisions = list(access.decisions_in([body])[:20])
    proposals = list(body.proposals.select_related("raised_by")) if drafts else []
    elections = list(body.polls.filter(kind="election").prefetch_related("seats"))
    # Whom this user may appoint to each seat: their own district's active staff only (a
    # network cabinet's seat representing another district is filled by that district's
    # office), one list per set of districts.
    fillable = access.fill_districts(request.user, body, seats, admin=admin)
    lists: dict[frozenset[int], list[StaffMember]] = {}
    for seat in seats:
        districts = fillable[seat.pk]
        if districts and districts not in lists:
            lists[districts] = list(
                StaffMember.objects.filter(district_id__in=districts, active=True)
            )
        seat.fill_people = lists.get(districts, [])  # type: ignore[attr-defined]
    appoints = any(fillable.values())
    # A seat an election already runs for (taking nominations or voting) is not offered for
    # another one.
    running = {s.pk for e in elections if e.status != PollStatus.CLOSED for s in e.seats.all()}
    return render(
        request,
        "councils/body.html",
        {
            "body": body,
            "seats": seats,
            "rights": body.rights.all(),
            "meetings": body.meetings.all()[:20],
            "proposals": proposals,
            "drafts": drafts,
            "elections": elections,
            "decisions": decisions,
            "admin": admin,
            "runs": access.runs(request.user, body),
            "member": access.is_member(request.user, body),
            "appoints": appoints,
            "children": body.children.all(),
            "weighted": any(s.share != 1 for s in seats),
            "total_votes": sum(s.share for s in seats if s.held_on(today)),
            "seat_form": SeatForm(schools=body.district.schools.all()) if admin else None,
            "vacant": [
                s
                for s in seats
                if not s.current  # type: ignore[attr-defined]
                and s.selection == "elected"
                and s.pk not in running
            ],
        },
    )


def seat_new(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    body = body_for(request, pk)
    if not access.administers(request.user, body):
        raise Http404
    back = reverse("councils:body", args=[body.pk])
    form = SeatForm(request.POST, schools=body.district.schools.all())
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(map(str, errors))}")
        return HttpResponseRedirect(back)
    d = form.cleaned_data
    return run(
        request,
        f"Seat '{d['label']}' added.",
        back,
        actions.add_seat,
        request.user,
        body,
        label=d["label"],
        position=d["position"],
        selection=d["selection"],
        term_years=d["term_years"],
        term_limit=d["term_limit"],
        eligibility_rules=d["eligibility_rules"],
        constituency=d["constituency"],
        constituency_school=d["constituency_school"],
        share=d["share"] or 1,
        eligible_positions=d["eligible_positions"],
    )


def seat_fill(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    seat = Seat.objects.select_related("body").filter(pk=pk).first()
    if seat is None:
        raise Http404
    districts = access.fill_districts(request.user, body_for(request, seat.body_id), [seat])
    if not districts[seat.pk]:
        raise Http404
    back = reverse("councils:body", args=[seat.body_id])
    person = StaffMember.objects.filter(
        district_id__in=districts[seat.pk], pk=picked_id(request.POST, "person") or 0
    ).first()
    if person is None:
        messages.error(request, "Choose a person of your district for the seat.")
        return HttpResponseRedirect(back)
    return run(
        request,
        f"{person} seated.",
        back,
        actions.fill_seat,
        request.user,
        seat,
        person,
        how="appointed",
    )


def election_call(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    body = body_for(request, pk)
    if not access.administers(request.user, body):
        raise Http404
    seats = list(body.seats.filter(pk__in=request.POST.getlist("seats")))
    try:
        poll = actions.call_election(request.user, body, seats)
    except actions.CouncilError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("councils:body", args=[body.pk]))
    messages.success(request, "Nominations are open.")
    return HttpResponseRedirect(reverse("councils:poll", args=[poll.pk]))
