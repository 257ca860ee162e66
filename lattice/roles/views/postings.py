"""Postings, applications and selection: post, apply, withdraw, seat, score, offer, respond."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.lib.formatting import day
from lattice.people.access import own_staff, schools_visible_to
from lattice.people.models import SchoolYear, StaffMember
from lattice.roles import access, actions, queries
from lattice.roles.actions import selection as actions_selection
from lattice.roles.evidence import UploadError, check_uploads
from lattice.roles.forms import (
    ApplicationForm,
    ConflictForm,
    FeedbackForm,
    PostingForm,
    SeatForm,
    score_form,
)
from lattice.roles.models import (
    ApplicationStatus,
    Offer,
    OfferResponse,
    PanelMember,
    PositionScope,
    RoleStatus,
    Score,
)
from lattice.roles.posting_state import next_steps, posting_state
from lattice.roles.views.common import district_for, run_action, today

CANDIDATES_SHOWN = 15


def reviewer_candidates_for(posting: Any, q: str) -> list[StaffMember]:
    """Staff of the posting's district who could be seated, matching every word of ``q``
    in their names: never someone already seated, an applicant, or the posting's decider."""
    seated = PanelMember.objects.filter(panel__posting=posting).values("reviewer_id")
    applied = posting.applications.exclude(status=ApplicationStatus.WITHDRAWN).values(
        "applicant_id"
    )
    deciders = Offer.objects.filter(application__posting=posting, offered_by__isnull=False).values(
        "offered_by_id"
    )
    staff = (
        StaffMember.objects.filter(district=posting.role.district, active=True, user__isnull=False)
        .exclude(pk__in=seated)
        .exclude(pk__in=applied)
        .exclude(user_id__in=deciders)
    )
    for word in q.split()[:4]:
        staff = staff.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    return list(staff.order_by("family_name", "given_name")[:CANDIDATES_SHOWN])


def posting_list(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    postings = (
        access.postings_visible_to(request.user)
        .filter(role__district=district)
        .annotate(
            applicants=Count(
                "applications", filter=Q(applications__status__in=queries.ACTIVE_STATUSES)
            ),
            # accepted or with an offer out (``queries.open_positions``, counted in the list)
            taken=Count(
                "applications",
                filter=Q(
                    applications__status__in=[
                        ApplicationStatus.ACCEPTED,
                        ApplicationStatus.OFFERED,
                    ]
                ),
            ),
        )
        .order_by("-opens_on", "role__title")
    )
    now = today()
    states = {
        p.pk: posting_state(
            p, now, applicants=p.applicants, open_positions=max(p.positions - p.taken, 0)
        )
        for p in postings
    }
    can_post = access.can_edit_catalogue(request.user, district.pk) or bool(
        access.postable_school_years(request.user)
    )
    manageable = {p.pk for p in postings if access.can_manage_posting(request.user, p)}
    return render(
        request,
        "roles/postings.html",
        {
            "district": district,
            "postings": postings,
            "can_post": can_post,
            "manageable": manageable,
            "rows": [(p, states[p.pk]) for p in postings],
        },
    )


def posting_new(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    officer = access.can_edit_catalogue(request.user, district.pk)
    schools = schools_visible_to(request.user).filter(district=district)
    years = SchoolYear.objects.filter(district=district).order_by("-start")
    if not officer:
        # A principal posts at the school they lead, for this school year or a later one they
        # lead it in; never at a school they led in the past.
        postable = access.postable_school_years(request.user)
        schools = schools.filter(pk__in={school for school, _ in postable})
        years = years.filter(pk__in={year for _, year in postable})
        if not schools.exists():
            raise Http404("No such page")
    roles = access.roles_visible_to(request.user).filter(
        district=district, status=RoleStatus.ACTIVE
    )
    if not officer:
        roles = roles.filter(position_scope=PositionScope.PER_SCHOOL)
    form = PostingForm(
        request.POST or None,
        roles=roles,
        schools=schools,
        years=years,
        district_wide=officer,
        initial={"opens_on": today(), "school_year": queries.current_year(district, today())},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        school = data["school"]
        if not access.can_post_at(
            request.user, district.pk, school.pk if school else None, data["school_year"].pk
        ):
            form.add_error(
                "school_year",
                f"You do not lead {school.name if school else 'the district'} in "
                f"{data['school_year'].label}; choose a school year you lead it in.",
            )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            posting = actions.create_posting(
                request.user,
                data["role"],
                school=data["school"],
                school_year=data["school_year"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                positions=data["positions"],
                rubric=data["rubric"],
            )
        except actions.RoleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Posted. Seat a review panel next.")
            return HttpResponseRedirect(reverse("roles:posting-detail", args=[posting.pk]))
    return render(request, "roles/posting_form.html", {"form": form, "district": district})


def posting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    posting = access.get_visible_posting(request.user, pk)
    now = today()
    me = own_staff(request.user)
    manage = access.can_manage_posting(request.user, posting)
    seat = access.seat_for(request.user, posting)
    mine = posting.applications.filter(applicant=me).first() if me else None
    check = None
    teacher = me is not None and queries.may_hold(me, posting.role, posting.school_year)
    if me is not None and teacher and me.district_id == posting.role.district_id:
        check = queries.qualification(
            queries.with_facts(StaffMember.objects.filter(pk=me.pk)).get(), posting.role, now
        )
    context = {
        "posting": posting,
        "state": posting_state(posting, now),
        "role": posting.role,
        "manage": manage,
        "seat": seat,
        "mine": mine,
        "check": check,
        "today": today(),
        "can_apply": (
            me is not None
            and teacher
            and seat is None
            and posting.window_open(now)
            and (mine is None or mine.status == ApplicationStatus.WITHDRAWN)
            and me.district_id == posting.role.district_id
        ),
    }
    if manage:
        visible = list(
            access.applications_visible_to(request.user)
            .filter(posting=posting)
            .filter(status__in=queries.ACTIVE_STATUSES)
            .order_by("submitted_at", "pk")
        )
        blind = not access.can_see_panel_scores(request.user, posting)
        # a seated manager sees the applicants in the order they applied, no scores
        ranking = (
            [queries.Ranked(a, 0, None) for a in visible]
            if blind
            else queries.ranking(posting, visible)
        )
        free = queries.open_positions(posting)
        members = list(
            posting.panel.members.select_related("reviewer").annotate(
                n_conflicts=Count("conflicts", distinct=True)
            )
        )
        seated_decider = actions_selection.deciders_seated(request.user, posting)
        waiting = sum(
            1
            for r in ranking
            if r.mean_total is not None and r.application.status == ApplicationStatus.SUBMITTED
        )
        if blind and not seated_decider:
            waiting = len(queries.waitlist(posting))
        context.update(
            {
                "blind": blind,
                "ranking": ranking,
                "open_positions": free,
                "state": posting_state(posting, now, applicants=len(visible), open_positions=free),
                "steps": next_steps(
                    posting,
                    now,
                    applicants=len(visible),
                    reviewers=len(members),
                    waiting=waiting,
                    open_positions=free,
                    seated_decider=seated_decider,
                ),
                "members": members,
                "candidates": reviewer_candidates_for(posting, request.GET.get("reviewer_q", ""))
                if request.GET.get("reviewer_q")
                else None,
                "reviewer_q": request.GET.get("reviewer_q", ""),
                "seated_decider": seated_decider,
                "offers": Offer.objects.filter(application__posting=posting).select_related(
                    "application__applicant"
                ),
                "withdrawn": posting.applications.filter(
                    status=ApplicationStatus.WITHDRAWN
                ).count(),
            }
        )
    if seat is not None:
        reviewable = (
            access.reviewable_by(seat)
            .filter(status__in=queries.ACTIVE_STATUSES)
            .select_related("applicant")
        )
        scored = set(Score.objects.filter(member=seat).values_list("application_id", flat=True))
        context.update(
            {
                "reviewable": [(a, a.pk in scored) for a in reviewable],
                "conflict_form": ConflictForm(),
            }
        )
    return render(request, "roles/posting_detail.html", context)


def _applicant_or_404(request: HttpRequest, posting_pk: int):
    posting = access.get_visible_posting(request.user, posting_pk)
    me = own_staff(request.user)
    if me is None or me.district_id != posting.role.district_id:
        raise Http404("No such page")
    return posting, me


def apply(request: HttpRequest, pk: int) -> HttpResponse:
    posting, me = _applicant_or_404(request, pk)
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            files = check_uploads(request.FILES.getlist("evidence"))
            app = actions.submit_application(
                request.user,
                posting,
                me,
                statement=form.cleaned_data["statement"],
                files=files,
                today=today(),
            )
        except (UploadError, actions.RoleError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Your application is in. You can withdraw it until {day(posting.closes_on)}.",
            )
            return HttpResponseRedirect(reverse("roles:application", args=[app.pk]))
    check = queries.qualification(
        queries.with_facts(StaffMember.objects.filter(pk=me.pk)).get(), posting.role, today()
    )
    return render(
        request,
        "roles/apply.html",
        {
            "form": form,
            "posting": posting,
            "check": check,
            "on_panel": access.seat_for(request.user, posting) is not None,
        },
    )


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    app = access.get_visible_application(request.user, pk)
    posting = app.posting
    manage = access.can_manage_posting(request.user, posting)
    own = access.is_applicant(request.user, app)
    seat = access.seat_for(request.user, posting)
    context = {
        "app": app,
        "posting": posting,
        "own": own,
        "manage": manage,
        "seat": seat,
        "evidence": app.evidence.all(),
        "pending_offer": app.offers.filter(response=OfferResponse.PENDING).first(),
        "can_withdraw": own
        and app.status == ApplicationStatus.SUBMITTED
        and today() <= posting.closes_on,
    }
    if manage:
        context["blind"] = not access.can_see_panel_scores(request.user, posting)
        if not context["blind"]:
            context["ranked"] = next((r for r in queries.ranking(posting, [app])), None)
        context["feedback_form"] = FeedbackForm(initial={"feedback": app.feedback})
        context["can_feedback"] = app.status in (
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.DECLINED,
            ApplicationStatus.UNSUCCESSFUL,
        )
    return render(request, "roles/application.html", context)


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    app = access.get_visible_application(request.user, pk)
    if not access.is_applicant(request.user, app):
        raise Http404("No such application")
    return run_action(
        request,
        "You withdrew your application.",
        reverse("roles:application", args=[app.pk]),
        actions.withdraw_application,
        request.user,
        app,
        today=today(),
    )


def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    ev = access.get_visible_evidence(request.user, pk)
    try:
        handle = ev.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing") from exc
    response = FileResponse(
        handle, as_attachment=True, filename=ev.original_name, content_type=ev.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def score(request: HttpRequest, pk: int) -> HttpResponse:
    app = access.get_visible_application(request.user, pk)
    seat = access.seat_for(request.user, app.posting)
    if seat is None or not access.reviewable_by(seat).filter(pk=app.pk).exists():
        raise Http404("No such application")
    rubric = app.posting.rubric
    existing = {s.criterion: s for s in Score.objects.filter(member=seat, application=app)}
    initial: dict[str, object] = {}
    for key, s in existing.items():
        initial[f"points_{key}"], initial[f"comment_{key}"] = s.points, s.comment
    form = score_form(rubric, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_scores(
                request.user,
                seat,
                app,
                {c["key"]: data[f"points_{c['key']}"] for c in rubric},
                {c["key"]: data[f"comment_{c['key']}"] for c in rubric},
            )
        except actions.RoleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Saved your scores for {app.applicant}.")
            return HttpResponseRedirect(reverse("roles:posting-detail", args=[app.posting_id]))
    return render(
        request, "roles/score.html", {"app": app, "form": form, "evidence": app.evidence.all()}
    )


def _managed(request: HttpRequest, pk: int):
    posting = access.get_visible_posting(request.user, pk)
    if not access.can_manage_posting(request.user, posting):
        raise Http404("No such page")
    return posting


def reviewer_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """The people matching a name typed into "Add a reviewer" (htmx fetches this as one
    types; without JavaScript the search form reloads the posting's page instead)."""
    posting = _managed(request, pk)
    q = request.GET.get("reviewer_q", "").strip()
    return render(
        request,
        "roles/_reviewer_candidates.html",
        {
            "posting": posting,
            "reviewer_q": q,
            "candidates": reviewer_candidates_for(posting, q) if q else None,
        },
    )


@require_POST
def seat(request: HttpRequest, pk: int) -> HttpResponse:
    posting = _managed(request, pk)
    form = SeatForm(
        request.POST,
        staff=StaffMember.objects.filter(district=posting.role.district, active=True).exclude(
            role_panel_seats__panel__posting=posting
        ),
    )
    back = reverse("roles:posting-detail", args=[posting.pk])
    if not form.is_valid():
        messages.error(
            request,
            "Choose a reviewer from the list: find them by name under “Add a reviewer”. "
            "Someone already on the panel cannot be seated twice.",
        )
        return HttpResponseRedirect(back)
    reviewer = form.cleaned_data["reviewer"]
    return run_action(
        request,
        f"Seated {reviewer} on the panel.",
        back,
        actions.seat_reviewer,
        request.user,
        posting,
        reviewer,
    )


@require_POST
def conflict(request: HttpRequest, pk: int) -> HttpResponse:
    posting = access.get_visible_posting(request.user, pk)
    seat_ = access.seat_for(request.user, posting)
    if seat_ is None:
        raise Http404("No such page")
    form = ConflictForm(request.POST)
    back = reverse("roles:posting-detail", args=[posting.pk])
    if not form.is_valid():
        messages.error(request, "Reason: say briefly why you cannot review this applicant.")
        return HttpResponseRedirect(back)
    app = access.reviewable_by(seat_).filter(pk=form.cleaned_data["application"]).first()
    if app is None:
        raise Http404("No such application")
    return run_action(
        request,
        "Conflict declared; you will not see or score that application.",
        back,
        actions.declare_conflict,
        request.user,
        seat_,
        app,
        form.cleaned_data["reason"],
    )


@require_POST
def offer_next(request: HttpRequest, pk: int) -> HttpResponse:
    posting = _managed(request, pk)
    back = reverse("roles:posting-detail", args=[posting.pk])
    try:
        offer = actions.offer_next(request.user, posting)
    except actions.RoleError as exc:
        messages.error(request, str(exc))
    else:
        if offer is None:
            messages.error(
                request,
                "Nobody scored is waiting for an offer. Ask the panel to "
                "score the applications first.",
            )
        else:
            messages.success(request, f"Offered the role to {offer.application.applicant}.")
    return HttpResponseRedirect(back)


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    posting = _managed(request, pk)
    return run_action(
        request,
        "Selection finished.",
        reverse("roles:posting-detail", args=[posting.pk]),
        actions.close_posting,
        request.user,
        posting,
    )


@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    offer = (
        Offer.objects.filter(pk=pk, application__in=access.applications_visible_to(request.user))
        .select_related("application__posting")
        .first()
        if str(pk).isdigit()
        else None
    )
    if offer is None or not access.is_applicant(request.user, offer.application):
        raise Http404("No such offer")
    accept = request.POST.get("answer") == "accept"
    return run_action(
        request,
        "You accepted the role. Congratulations!" if accept else "You declined the offer.",
        reverse("roles:application", args=[offer.application_id]),
        actions.respond_to_offer,
        request.user,
        offer,
        accept=accept,
        today=today(),
    )


@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    app = access.get_visible_application(request.user, pk)
    if not access.can_manage_posting(request.user, app.posting):
        raise Http404("No such application")
    form = FeedbackForm(request.POST)
    back = reverse("roles:application", args=[app.pk])
    if not form.is_valid():
        messages.error(request, "Feedback: write a few sentences for the applicant.")
        return HttpResponseRedirect(back)
    return run_action(
        request,
        "Feedback sent.",
        back,
        actions.send_feedback,
        request.user,
        app,
        form.cleaned_data["feedback"],
    )
