"""Plan pages: a plan's steps, progress and cost; adding steps and marking them."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from lattice.coaching import actions, queries, wall
from lattice.coaching.charts import Group, grouped_bars
from lattice.coaching.forms import StepBodyForm, StepBodyLinkForm, StepForm
from lattice.coaching.models import CoachingProgram, Plan, PlanStep
from lattice.coaching.readiness import APPROACH_BY_KEY
from lattice.coaching.views.common import me, require_POST, run_action
from lattice.lib import plan_links
from lattice.people.access import scope_for
from lattice.people.models import StaffMember
from lattice.people.queries import today
from lattice.roles.models import LeadershipRole, RoleStatus


def _may_edit(request: HttpRequest, plan: Plan) -> bool:
    scope = scope_for(request.user)
    return wall.can_manage_district(request.user, plan.district_id) or (
        plan.school_id is not None
        and (plan.school_id, plan.school_year_id) in scope.led_school_years_from()
    )


def _step_form(plan: Plan, data: object = None) -> StepForm:
    staff = StaffMember.objects.filter(district_id=plan.district_id, active=True)
    if plan.school_id is not None:
        staff = staff.filter(
            assignments__school_id=plan.school_id, assignments__school_year_id=plan.school_year_id
        ).distinct()
    roles = LeadershipRole.objects.filter(district_id=plan.district_id, status=RoleStatus.ACTIVE)
    programs = CoachingProgram.objects.filter(district_id=plan.district_id, active=True)
    return StepForm(
        data or None,
        owners=[(s.pk, str(s)) for s in staff.order_by("family_name")],
        roles=[(r.pk, r.title) for r in roles.order_by("title")],
        programs=[(p.pk, p.name) for p in programs],
    )


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = wall.get_plan(request.user, pk)
    summary = queries.plan_summary(plan)
    person = me(request)
    may_edit = _may_edit(request, plan)
    chart = grouped_bars(
        [
            Group("Done", [summary.done], [str(summary.done)]),
            Group("In progress", [summary.in_progress], [str(summary.in_progress)]),
            Group(
                "Not started",
                [len(summary.steps) - summary.done - summary.in_progress],
                [str(len(summary.steps) - summary.done - summary.in_progress)],
            ),
        ],
        ["Steps"],
        title=f"Progress of the plan: {summary.percent_done}% of steps done",
        chart_id="plan-progress",
        top=max(len(summary.steps), 1),
    )
    return render(
        request,
        "coaching/plan.html",
        {
            "plan": plan,
            "approach": APPROACH_BY_KEY.get(plan.approach),
            "summary": summary,
            "chart": chart,
            "overdue": summary.overdue(today()),
            "may_edit": may_edit,
            "me": person,
            "form": _step_form(plan) if may_edit else None,
            "statuses": PlanStep.Status.choices,
            "formers": plan_links.formers(),
        },
    )


@require_POST
def plan_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the plan of a survey's school and year, for the approach it recommends (or the
    one chosen)."""
    survey = wall.get_survey(request.user, pk)
    if not wall.can_read_results(request.user, survey):
        raise Http404("No such survey")
    results = queries.survey_results(survey)
    approach = request.POST.get("approach") or (
        results.recommendation.approach.key if results.recommendation else ""
    )
    try:
        plan = actions.create_plan(
            request.user, survey.district, survey.school_year, approach=approach,
            school=survey.school,
        )  # fmt: skip
    except actions.CoachingError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("coaching:survey", args=[survey.pk]))
    messages.success(request, "Plan started: add its steps.")
    return HttpResponseRedirect(reverse("coaching:plan", args=[plan.pk]))


@require_POST
def step_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = wall.get_plan(request.user, pk)
    if not _may_edit(request, plan):
        raise Http404("No such plan")
    form = _step_form(plan, request.POST)
    back = reverse("coaching:plan", args=[plan.pk])
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[f].label or f}: {e[0]}" for f, e in form.errors.items())
        messages.error(request, errors)
        return HttpResponseRedirect(back)
    data = form.cleaned_data
    return run_action(
        request, "Step added.", back, actions.add_step, request.user, plan,
        title=data["title"], due_on=data["due_on"],
        owner=StaffMember.objects.filter(pk=data["owner"]).first() if data["owner"] else None,
        milestone=data["milestone"], measure=data["measure"],
        role=LeadershipRole.objects.filter(pk=data["role"]).first() if data["role"] else None,
        positions=data["positions"],
        program=CoachingProgram.objects.filter(pk=data["program"]).first()
        if data["program"] else None,
    )  # fmt: skip


@require_POST
def step_status(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(PlanStep, pk=pk)
    plan = wall.get_plan(request.user, step.plan_id)
    person = me(request)
    if not (_may_edit(request, plan) or (person is not None and step.owner_id == person.pk)):
        raise Http404("No such step")
    return run_action(
        request, "Step updated.", reverse("coaching:plan", args=[plan.pk]),
        actions.set_step_status, request.user, step, request.POST.get("status", ""),
    )  # fmt: skip


# --- the body a step forms or links (lattice.lib.plan_links) ------------------------------


def _editable_step(request: HttpRequest, pk: int) -> tuple[PlanStep, Plan]:
    step = get_object_or_404(PlanStep.objects.select_related("plan"), pk=pk)
    plan = wall.get_plan(request.user, step.plan_id)
    if not _may_edit(request, plan):
        raise Http404("No such step")
    return step, plan


def _chosen_former(request: HttpRequest) -> plan_links.BodyFormer:
    key = request.POST.get("former") or request.GET.get("former")
    found = plan_links.former(key) if key else next(iter(plan_links.formers()), None)
    if found is None:
        raise Http404("No app keeps bodies a plan can form")
    return found


def _initial_draft(step: PlanStep, plan: Plan, kinds: list[tuple[str, str]]) -> dict[str, str]:
    """A kind named in the step's title ("Form a curriculum council"), and a name after the
    plan's school: a starting point the editor changes."""
    title = step.title.lower()
    kind = next((k for k, label in kinds if label.lower() in title), kinds[0][0] if kinds else "")
    label = dict(kinds).get(kind, "council")
    where = plan.school.name if plan.school else plan.district.name
    return {"name": f"{where} {label.lower()}", "kind": kind, "purpose": step.measure}


def step_body(request: HttpRequest, pk: int) -> HttpResponse:
    """Form the body a step asks for (a preview first, then "Form it"), or link one the
    district has. The app keeping bodies decides who may form one and writes it."""
    step, plan = _editable_step(request, pk)
    former = _chosen_former(request)
    kinds = [(k.key, k.label) for k in former.kinds()]
    form = StepBodyForm(request.POST or None, kinds=kinds,
                        initial=_initial_draft(step, plan, kinds))  # fmt: skip
    preview: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        draft = {"name": d["name"], "kind": d["kind"], "purpose": d["purpose"]}
        try:
            preview = actions.preview_step_body(request.user, step, former.key, **draft)
            if request.POST.get("confirm") == "yes":
                body = actions.form_step_body(request.user, step, former.key, **draft)
                messages.success(
                    request, f"{body.name} formed and linked to the step: add its seats next."
                )
                return HttpResponseRedirect(reverse("coaching:plan", args=[plan.pk]))
        except actions.CoachingError as exc:
            preview = []
            form.add_error(None, str(exc))
    linked = plan_links.linked_bodies([(step.body_former, step.body_ref)]).get(
        (step.body_former, step.body_ref or 0)
    ) if step.body_former and step.body_ref else None  # fmt: skip
    bodies = [b for b in former.bodies(request.user, plan.district_id)
              if linked is None or b.ref != linked.ref]  # fmt: skip
    choices = [(b.ref, f"{b.name} ({b.status})") for b in bodies]
    return render(
        request,
        "coaching/step_body.html",
        {
            "step": step,
            "plan": plan,
            "former": former,
            "linked": linked,
            "bodies": bodies,
            "link_form": StepBodyLinkForm(bodies=choices),
            "may_form": not step.body_former and former.may_form(request.user, plan.district_id),
            "form": form,
            "preview": preview,
        },
    )


@require_POST
def step_body_link(request: HttpRequest, pk: int) -> HttpResponse:
    step, plan = _editable_step(request, pk)
    former = _chosen_former(request)
    bodies = former.bodies(request.user, plan.district_id)
    form = StepBodyLinkForm(request.POST, bodies=[(b.ref, b.name) for b in bodies])
    if not form.is_valid():
        messages.error(request, f"Body: choose an open {former.noun} of this district.")
        return HttpResponseRedirect(reverse("coaching:step-body", args=[step.pk]))
    return run_action(
        request, "Step linked.", reverse("coaching:plan", args=[plan.pk]),
        actions.link_step_body, request.user, step, former.key, form.cleaned_data["body"],
    )  # fmt: skip
