"""Applications pages: cohorts and the panel (talent office), the applicant's profile,
reviewers' scoring, reconciliation, decisions and appeals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from lattice.lib.picked import picked_id
from lattice.pathways import actions
from lattice.pathways.access import (
    can_administer_application,
    can_see_panel_result,
    get_own_review,
    get_visible_application,
    is_applicant,
    office_district,
    own_staff_or_404,
    reviews_visible_to,
)
from lattice.pathways.actions.applications import decision_transitions
from lattice.pathways.actions.reviews import schools_of
from lattice.pathways.forms import (
    AppealDecisionForm,
    AppealForm,
    ArtifactForm,
    AssignForm,
    CohortForm,
    ConflictForm,
    DecideForm,
    PanelForm,
    ReconcileForm,
    ReviewForm,
    default_cohort_dates,
)
from lattice.pathways.models import Application, Cohort, PanelMember, ReviewAssignment
from lattice.people.access import districts_administered_by
from lattice.people.models import StaffMember
from lattice.people.queries import today


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _attempt(
    request: HttpRequest, action: Callable[[], Any], success: str | Callable[[], str]
) -> bool:
    """Run a named action; show its ValidationError messages, or ``success`` when it worked."""
    try:
        action()
    except ValidationError as error:
        _errors(request, error)
        return False
    messages.success(request, success() if callable(success) else success)
    return True


@require_http_methods(["GET", "POST"])
def cohorts(request: HttpRequest) -> HttpResponse:
    """The talent office's cohorts, a form for a new one, and the review panel."""
    district = office_district(request.user, request.GET.get("district"))
    on = today()
    transitions = [(t.key, t.key.replace("-", " ")) for t in decision_transitions(district, on)]
    form = CohortForm(
        request.POST if request.POST.get("form") == "cohort" else None,
        transitions=transitions,
        initial=default_cohort_dates(on),
    )
    panel_form = PanelForm(request.POST if request.POST.get("form") == "panel" else None)
    if request.method == "POST" and form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            cohort = actions.create_cohort(
                request.user,
                district,
                name=data["name"],
                transition_key=data["transition_key"],
                register_opens=data["register_opens"],
                register_closes=data["register_closes"],
                submit_opens=data["submit_opens"],
                submit_closes=data["submit_closes"],
                cut_score=data["cut_score"],
                reconcile_margin=data["reconcile_margin"],
                domains=data["domains"].splitlines(),
                max_per_domain=data["max_per_domain"],
                level_descriptors=data["level_descriptors"].splitlines(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Created {cohort.name}.")
            return redirect("pathways:cohort", pk=cohort.pk)
    if request.method == "POST" and panel_form.is_bound and panel_form.is_valid():
        staff = StaffMember.objects.filter(
            district=district, employee_id=panel_form.cleaned_data["employee_id"].strip()
        ).first()
        if staff is None:
            panel_form.add_error("employee_id", "No one in the district has that employee id.")
        else:
            actions.add_panel_member(request.user, district, staff)
            messages.success(request, f"{staff.display_name} joined the review panel.")
            return redirect(f"{request.path}?district={district.key}")
    rows = Cohort.objects.filter(district=district).prefetch_related("applications")
    panel = PanelMember.objects.filter(district=district).select_related("staff_member")
    return render(
        request,
        "pathways/cohorts.html",
        {
            "district": district,
            "districts": list(districts_administered_by(request.user).order_by("name")),
            "cohorts": rows,
            "form": form,
            "panel": panel,
            "panel_form": panel_form,
            "on": on,
        },
    )


def _office_cohort(request: HttpRequest, pk: int) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("district"), pk=pk)
    if not districts_administered_by(request.user).filter(pk=cohort.district_id).exists():
        raise Http404("No such cohort")
    return cohort


def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _office_cohort(request, pk)
    applications = list(
        cohort.applications.select_related("staff_member").prefetch_related("reviews__reviewer")
    )
    panel = list(
        PanelMember.objects.filter(district=cohort.district).select_related("staff_member")
    )
    school_sets = {p.staff_member_id: schools_of(p.staff_member, cohort.district) for p in panel}
    rows = []
    for application in applications:
        mine = schools_of(application.staff_member, cohort.district)
        taken = {r.reviewer_id for r in application.reviews.all()}
        choices = [
            (p.staff_member_id, p.staff_member.display_name)
            for p in panel
            if p.staff_member_id != application.staff_member_id
            and p.staff_member_id not in taken
            and not (school_sets[p.staff_member_id] & mine)
        ]
        rows.append({"application": application, "assign_form": AssignForm(reviewers=choices)})
    return render(request, "pathways/cohort.html", {"cohort": cohort, "rows": rows})


@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_visible_application(request.user, pk)
    if not can_administer_application(request.user, application):
        raise Http404("No such application")
    # django-stubs refuses None for a pk lookup; Django matches no row for it.
    reviewer = StaffMember.objects.filter(  # type: ignore[misc]
        pk=picked_id(request.POST, "reviewer"), district=application.cohort.district
    ).first()
    if reviewer is None:
        messages.error(request, "Choose a reviewer from the panel.")
    else:
        try:
            actions.assign_reviewer(request.user, application, reviewer)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, f"{reviewer.display_name} will review this application.")
    return redirect("pathways:cohort", pk=application.cohort_id)


def my_applications(request: HttpRequest) -> HttpResponse:
    staff = own_staff_or_404(request.user)
    rows = staff.pathway_applications.select_related("cohort").order_by("-registered_at")
    reviews = ReviewAssignment.objects.filter(reviewer=staff, conflict=False).select_related(
        "application__cohort"
    )
    return render(request, "pathways/my_applications.html", {"rows": rows, "reviews": reviews})


@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    staff = own_staff_or_404(request.user)
    cohort = get_object_or_404(Cohort, pk=pk, district_id=staff.district_id)
    try:
        application = actions.register_application(request.user, staff, cohort)
    except ValidationError as error:
        _errors(request, error)
        return redirect("pathways:my-path")
    messages.success(request, f"You are registered for {cohort.name}. Build your profile next.")
    return redirect("pathways:application", pk=application.pk)


@require_http_methods(["GET", "POST"])
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_visible_application(request.user, pk)
    cohort = application.cohort
    applicant = is_applicant(request.user, application)
    office = can_administer_application(request.user, application)
    artifact_form = ArtifactForm(
        request.POST if request.POST.get("form") == "artifact" else None,
        request.FILES or None,
        domains=cohort.domains,
    )
    if request.method == "POST":
        if not applicant:
            raise Http404("No such application")
        if artifact_form.is_bound and artifact_form.is_valid():
            data = artifact_form.cleaned_data
            try:
                actions.add_artifact(
                    request.user,
                    application,
                    domain=data["domain"],
                    title=data["title"],
                    description=data["description"],
                    link=data["link"],
                    files=data["files"],
                )
            except ValidationError as error:
                for message in error.messages:
                    artifact_form.add_error(None, message)
            else:
                messages.success(request, f"Added “{data['title']}” to {data['domain']}.")
                return redirect("pathways:application", pk=application.pk)
    context: dict[str, Any] = {
        "application": application,
        "cohort": cohort,
        "artifacts": list(application.artifacts.prefetch_related("files")),
        "reviews": list(reviews_visible_to(request.user, application)),
        "applicant": applicant,
        "office": office,
        "show_result": applicant or can_see_panel_result(request.user, application),
        "artifact_form": artifact_form,
        "appeal_form": AppealForm(),
        "reconcile_form": ReconcileForm(),
        "decide_form": DecideForm(),
        "appeal_decision_form": AppealDecisionForm(),
    }
    return render(request, "pathways/application.html", context)


def _applicant_application(request: HttpRequest, pk: int) -> Application:
    application = get_visible_application(request.user, pk)
    if not is_applicant(request.user, application):
        raise Http404("No such application")
    return application


def _office_application(request: HttpRequest, pk: int) -> Application:
    application = get_visible_application(request.user, pk)
    if not can_administer_application(request.user, application):
        raise Http404("No such application")
    return application


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _applicant_application(request, pk)
    _attempt(
        request,
        lambda: actions.submit_application(request.user, application),
        "Your application was submitted for peer review.",
    )
    return redirect("pathways:application", pk=pk)


@require_POST
def appeal(request: HttpRequest, pk: int) -> HttpResponse:
    application = _applicant_application(request, pk)
    form = AppealForm(request.POST)
    _attempt(
        request,
        lambda: actions.lodge_appeal(request.user, application, text=form.data.get("text", "")),
        "Your appeal was lodged. The talent office will reply.",
    )
    return redirect("pathways:application", pk=pk)


@require_POST
def reconcile(request: HttpRequest, pk: int) -> HttpResponse:
    application = _office_application(request, pk)
    form = ReconcileForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter the reconciled total and how the panel reached it.")
        return redirect("pathways:application", pk=pk)
    _attempt(
        request,
        lambda: actions.reconcile_application(
            request.user,
            application,
            score=form.cleaned_data["score"],
            note=form.cleaned_data["note"],
        ),
        "Scores reconciled.",
    )
    return redirect("pathways:application", pk=pk)


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _office_application(request, pk)
    form = DecideForm(request.POST)
    form.is_valid()

    def recorded() -> str:
        application.refresh_from_db()
        return f"Decision recorded: {application.get_status_display()}."

    _attempt(
        request,
        lambda: actions.decide_application(
            request.user, application, feedback=form.cleaned_data.get("feedback", "")
        ),
        recorded,
    )
    return redirect("pathways:application", pk=pk)


@require_POST
def decide_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    application = _office_application(request, pk)
    form = AppealDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose uphold or dismiss and give the reasons.")
        return redirect("pathways:application", pk=pk)
    _attempt(
        request,
        lambda: actions.decide_appeal(
            request.user,
            application,
            upheld=form.cleaned_data["upheld"],
            outcome=form.cleaned_data["outcome"],
        ),
        "Appeal decided.",
    )
    return redirect("pathways:application", pk=pk)


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer's page: the applicant's profile, a conflict declaration and the rubric."""
    assignment = get_own_review(request.user, pk)
    application = assignment.application
    cohort = application.cohort
    form = ReviewForm(
        request.POST if request.POST.get("form") == "scores" else None,
        domains=cohort.domains,
        top=cohort.max_per_domain,
        descriptors=cohort.level_descriptors,
    )
    conflict_form = ConflictForm(request.POST if request.POST.get("form") == "conflict" else None)
    if request.method == "POST":
        if conflict_form.is_bound and conflict_form.is_valid():
            try:
                actions.declare_conflict(
                    request.user, assignment, note=conflict_form.cleaned_data["note"]
                )
            except ValidationError as error:
                _errors(request, error)
                return redirect("pathways:review", pk=pk)
            messages.success(request, "Conflict declared; the talent office will reassign it.")
            return redirect("pathways:my-applications")
        if form.is_bound and form.is_valid():
            try:
                actions.submit_review(
                    request.user,
                    assignment,
                    scores=form.scores(),
                    comments=form.cleaned_data["comments"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, "Your scores were submitted. Thank you.")
                return redirect("pathways:my-applications")
    return render(
        request,
        "pathways/review.html",
        {
            "assignment": assignment,
            "application": application,
            "cohort": cohort,
            "artifacts": list(application.artifacts.prefetch_related("files")),
            "form": form,
            "conflict_form": conflict_form,
        },
    )
