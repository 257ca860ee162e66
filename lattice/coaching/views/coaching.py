"""Coaching pages: the home page each person starts from, programs, and a coaching
assignment's own page (the pair's, behind the wall)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from lattice.coaching import actions, queries, wall
from lattice.coaching.charts import Group, grouped_bars
from lattice.coaching.forms import (
    AssignForm,
    CycleForm,
    GoalForm,
    InteractionForm,
    ProgramForm,
    RequestForm,
)
from lattice.coaching.models import (
    CoachingCycle,
    CoachingProgram,
    Interaction,
    ReferralReason,
    SupportRequest,
)
from lattice.coaching.views.common import current_year, district_for, me, require_POST, run_action
from lattice.lib.paging import paginate
from lattice.lib.picked import picked_id
from lattice.people.access import schools_visible_to, scope_for
from lattice.people.models import StaffMember
from lattice.people.queries import today
from lattice.roles.models import LeadershipRole, RoleStatus

# What a row of the home page's overview shows (the people's and the school's names).
OVERVIEW_FIELDS = (
    "reason",
    "focus",
    "starts_on",
    "teacher__given_name",
    "teacher__preferred_name",
    "teacher__family_name",
    "coach__given_name",
    "coach__preferred_name",
    "coach__family_name",
    "school__name",
)


def home(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    year = current_year(district)
    person = me(request)
    scope = scope_for(request.user)
    office = wall.can_manage_district(request.user, district.pk)
    pair = wall.pair_assignments(request.user).filter(school_year__district=district)
    coached = list(pair.filter(teacher=person)) if person else []
    caseload = list(queries.with_counts(pair.filter(coach=person))) if person else []
    evaluating = list(
        wall.evaluation_assignments(request.user).filter(evaluator=person, school_year=year)
    ) if person else []  # fmt: skip
    overview = None
    led_now = scope.current_led_school_ids()
    if office or led_now:
        seen = wall.overview_assignments(request.user).filter(school_year=year)
        if not office:
            seen = seen.filter(school_id__in=led_now)
        # Only the columns the overview's rows show: a page of fifty rows, each with two
        # people and a school, costs far more to build as whole records than to query.
        overview = paginate(
            request,
            queries.with_counts(
                seen.select_related(None)
                .select_related("teacher", "coach", "school")
                .only(*OVERVIEW_FIELDS)
            ).order_by("school__name", "teacher__family_name", "pk"),
        )
    shared = list(wall.shared_interactions(request.user).filter(
        coach_assignment__school_year=year, coach_assignment__school_id__in=led_now
    )) if led_now else []  # fmt: skip
    programs = list(CoachingProgram.objects.filter(district=district, active=True))
    requestable = [
        p
        for p in programs
        if person is not None
        and ReferralReason.REQUESTED in p.referral_reasons
        and actions.eligible_school(p, person, year) is not None
    ]
    my_requests = list(wall.support_requests(request.user).filter(teacher=person)) if person else []
    schools = (
        list(schools_visible_to(request.user).filter(district=district, pk__in=led_now))
        if not office
        else list(schools_visible_to(request.user).filter(district=district))
    )
    return render(
        request,
        "coaching/home.html",
        {
            "district": district,
            "year": year,
            "me": person,
            "office": office,
            "coached": coached,
            "caseload": caseload,
            "evaluating": evaluating,
            "collaborating": list(wall.collaborating_goals(request.user)),
            "overview": overview,
            "shared": shared,
            "programs": programs,
            "requestable": requestable,
            "request_form": RequestForm(),
            "my_requests": my_requests,
            "schools": schools,
        },
    )


def _roles_for(district_id: int) -> list[tuple[int, str]]:
    roles = LeadershipRole.objects.filter(
        district_id=district_id, status=RoleStatus.ACTIVE, peer_relation="supports"
    ).order_by("title")
    return [(r.pk, r.title) for r in roles]


def program_new(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    if not wall.can_manage_district(request.user, district.pk):
        raise Http404("No such page")
    form = ProgramForm(request.POST or None, roles=_roles_for(district.pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            program = actions.create_program(
                request.user,
                district,
                name=data["name"],
                purpose=data["purpose"],
                capacity=data["capacity"],
                coach_role=LeadershipRole.objects.get(pk=data["coach_role"]),
                caseload_limit=data["caseload_limit"],
                eligible_positions=data["eligible_positions"],
                referral_reasons=data["referral_reasons"],
            )
        except actions.CoachingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Program created.")
            return HttpResponseRedirect(reverse("coaching:program", args=[program.pk]))
    return render(request, "coaching/program_form.html", {"district": district, "form": form})


def _visible_program(request: HttpRequest, pk: int) -> CoachingProgram:
    """Staff and the office of the program's district see the program (never whom it
    coaches, beyond what ``wall.overview_assignments`` allows)."""
    program = get_object_or_404(
        CoachingProgram.objects.select_related("district", "coach_role"), pk=pk
    )
    scope = scope_for(request.user)
    person = me(request)
    if not (
        wall.can_manage_district(request.user, program.district_id)
        or (person is not None and person.district_id == program.district_id)
        or scope.is_superuser
    ):
        raise Http404("No such program")
    return program


def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = _visible_program(request, pk)
    year = current_year(program.district)
    scope = scope_for(request.user)
    office = wall.can_manage_district(request.user, program.district_id)
    coaches = actions.coaches_of(program, year)
    loads = [(c, actions.caseload(program, c, year)) for c in coaches]
    seen = wall.overview_assignments(request.user).filter(program=program, school_year=year)
    chart = grouped_bars(
        [Group(str(c), [n], [f"{n} of {program.caseload_limit}"]) for c, n in loads],
        ["Teachers coached"],
        title=f"Caseload per coach, {year}",
        chart_id="caseload",
        top=program.caseload_limit,
    ) if loads else None  # fmt: skip
    assign_form = None
    led_now = scope.current_led_school_ids()
    if office or led_now:
        teachers = StaffMember.objects.filter(
            district=program.district, active=True,
            assignments__school_year=year, assignments__position__in=program.eligible_positions,
        )  # fmt: skip
        if not office:
            teachers = teachers.filter(assignments__school_id__in=led_now)
        # Whoever already has a coach in this program this year cannot be matched again.
        teachers = teachers.exclude(pk__in=queries.matched_teacher_ids(program, year))
        assign_form = AssignForm(
            program=program,
            coaches=[(c.pk, f"{c} ({n} of {program.caseload_limit})") for c, n in loads],
            teachers=[(t.pk, str(t)) for t in teachers.distinct().order_by("family_name")],
        )
    waiting = []
    if assign_form is not None:
        open_requests = wall.support_requests(request.user).filter(
            program=program, school_year=year, status=SupportRequest.Status.OPEN
        )
        if not office:
            open_requests = open_requests.filter(
                teacher__assignments__school_id__in=led_now,
                teacher__assignments__school_year=year,
            ).distinct()
        waiting = list(open_requests)
    return render(
        request,
        "coaching/program.html",
        {
            "waiting": waiting,
            "program": program,
            "year": year,
            "loads": loads,
            "chart": chart,
            "assignments": list(queries.with_counts(seen)),
            "assign_form": assign_form,
            "office": office,
        },
    )


@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    program = _visible_program(request, pk)
    if not (
        wall.can_manage_district(request.user, program.district_id)
        or scope_for(request.user).current_led_school_ids()
    ):
        raise Http404("No such page")
    year = current_year(program.district)
    back = reverse("coaching:program", args=[program.pk])
    coaches = [(c.pk, str(c)) for c in actions.coaches_of(program, year)]
    teachers = StaffMember.objects.filter(district=program.district)
    form = AssignForm(
        request.POST, program=program, coaches=coaches,
        teachers=[(t.pk, str(t)) for t in teachers],
    )  # fmt: skip
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[f].label or f}: {e[0]}" for f, e in form.errors.items())
        return run_action(request, "", back, _refuse, errors)
    data = form.cleaned_data
    asked = None
    if request.POST.get("request"):
        # django-stubs refuses None for a pk lookup; Django matches no row for it.
        asked = wall.support_requests(request.user).filter(  # type: ignore[misc]
            pk=picked_id(request.POST, "request"),
            program=program, teacher_id=data["teacher"], status=SupportRequest.Status.OPEN,
        ).first()  # fmt: skip
    return run_action(
        request, "Coach and teacher matched; the teacher is asked to agree.", back,
        actions.assign_coach, request.user, program,
        coach=StaffMember.objects.get(pk=data["coach"]),
        teacher=StaffMember.objects.get(pk=data["teacher"]),
        year=year, reason=data["reason"], focus=data["focus"], starts_on=today(),
        support_request=asked,
    )  # fmt: skip


def _refuse(message: str) -> None:
    raise actions.CoachingError(message)


@require_POST
def request_support(request: HttpRequest, pk: int) -> HttpResponse:
    program = _visible_program(request, pk)
    form = RequestForm(request.POST)
    back = reverse("coaching:home")
    if not form.is_valid():
        return run_action(
            request, "", back, _refuse, "Say in a phrase what you would like support with."
        )
    return run_action(
        request, "Your request is in; the program will match you with a coach.", back,
        actions.request_support, request.user, program, year=current_year(program.district),
        focus=form.cleaned_data["focus"], message=form.cleaned_data["message"],
    )  # fmt: skip


def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The pair's page. Reads of content written by the other person are audited."""
    assignment = wall.get_pair_assignment(request.user, pk)
    person = me(request)
    is_coach = person is not None and person.pk == assignment.coach_id
    items = list(wall.readable_interactions(request.user, assignment))
    actions.log_reads(request.user, items, assignment.program.district)
    cycles = list(assignment.cycles.prefetch_related("goals"))
    kinds = actions.COACH_KINDS if is_coach else actions.TEACHER_KINDS
    for item in items:
        item.score_shown = wall.score_visible(request.user, item)  # type: ignore[attr-defined]
    form = InteractionForm(
        kinds=tuple(kinds), cycles=[(c.pk, c.focus) for c in cycles], is_coach=is_coach
    )
    return render(
        request,
        "coaching/assignment.html",
        {
            "assignment": assignment,
            "is_coach": is_coach,
            "items": items,
            "cycles": cycles,
            "form": form,
            "cycle_form": CycleForm(),
            "goal_form": GoalForm(),
            "open": assignment.teacher_consent is True,
        },
    )


@require_POST
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = wall.get_pair_assignment(request.user, pk)
    agree = request.POST.get("answer") == "yes"
    return run_action(
        request, "Thank you: your answer is saved.", reverse("coaching:assignment", args=[pk]),
        actions.answer_consent, request.user, assignment, agree,
    )  # fmt: skip


@require_POST
def cycle_new(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = wall.get_pair_assignment(request.user, pk)
    form = CycleForm(request.POST)
    back = reverse("coaching:assignment", args=[pk])
    if not form.is_valid():
        return run_action(request, "", back, _refuse, "Focus: say what this cycle works on.")
    return run_action(
        request, "Cycle started.", back, actions.start_cycle, request.user, assignment,
        focus=form.cleaned_data["focus"], starts_on=today(),
    )  # fmt: skip


@require_POST
def goal_new(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_object_or_404(CoachingCycle, pk=pk)
    assignment = wall.get_pair_assignment(request.user, cycle.assignment_id)
    form = GoalForm(request.POST)
    back = reverse("coaching:assignment", args=[assignment.pk])
    if not form.is_valid():
        return run_action(request, "", back, _refuse, "Goal: write the goal in a sentence.")
    return run_action(
        request, "Goal set.", back, actions.set_goal, request.user, cycle,
        form.cleaned_data["statement"],
    )  # fmt: skip


@require_POST
def interaction_new(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = wall.get_pair_assignment(request.user, pk)
    person = me(request)
    is_coach = person is not None and person.pk == assignment.coach_id
    cycles = list(assignment.cycles.all())
    kinds = actions.COACH_KINDS if is_coach else actions.TEACHER_KINDS
    form = InteractionForm(
        request.POST, kinds=tuple(kinds), cycles=[(c.pk, c.focus) for c in cycles],
        is_coach=is_coach,
    )  # fmt: skip
    back = reverse("coaching:assignment", args=[pk])
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label or f}: {e[0]}" if f in form.fields else str(e[0])
            for f, e in form.errors.items()
        )
        return run_action(request, "", back, _refuse, errors)
    data = form.cleaned_data
    cycle = next((c for c in cycles if c.pk == data.get("cycle")), None)
    return run_action(
        request, "Saved.", back, actions.record_interaction, request.user, assignment,
        kind=data["kind"], occurred_on=data["occurred_on"], body=data["body"],
        private=bool(data.get("private")), cycle=cycle, score=data.get("score"),
    )  # fmt: skip


@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Interaction, pk=pk, coach_assignment__isnull=False)
    assignment = wall.get_pair_assignment(request.user, item.coach_assignment_id)
    if item not in wall.readable_interactions(request.user, assignment):
        raise Http404("No such item")
    return run_action(
        request, "Shared with your principal.",
        reverse("coaching:assignment", args=[assignment.pk]),
        actions.share_with_principal, request.user, item,
    )  # fmt: skip
