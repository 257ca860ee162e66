"""Writers for applications to move pathway: cohorts, panels, profiles, reviews, decisions.

A pass is recorded as a ``Decision`` the rules engine reads, and the applicant's standing is
recomputed in the same transaction. Reviewers never come from the applicant's school and
each application needs at least two independent reviews.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lattice.audit.log import record
from lattice.lib import rubric, stamped
from lattice.lib.actors import Actor, signed_in
from lattice.lib.facts import Fact
from lattice.lib.formatting import day
from lattice.notifications.send import notify
from lattice.pathways.actions.placements import recompute_standing
from lattice.pathways.actions.reviews import MIN_REVIEWS
from lattice.pathways.compute import adoption_in_force, compute, policy_of
from lattice.pathways.evidence import check_uploads, evidence_rows, stored
from lattice.pathways.models import (
    Application,
    Artifact,
    Cohort,
    Decision,
    Evidence,
    PanelMember,
)
from lattice.pathways.models.applications import BALTIMORE_MODEL_DOMAINS, FOUR_LEVELS
from lattice.pathways.queries import teaching_staff
from lattice.people.models import District, StaffMember
from lattice.people.queries import today
from lattice.rules.policy import Route
from lattice.rules.records import school_year_end, school_year_of

Status = Application.Status
FAILED_KIND = {"peer_review_passed": "peer_review_failed"}


def _user(actor: Actor) -> Any:
    return signed_in(actor)


def reviewed_by(actor: Actor, application: Application) -> bool:
    """Whether ``actor`` was assigned to review ``application`` (conflicted seats count too:
    whoever decides never had a seat on the same application's panel)."""
    user = _user(actor)
    return user is not None and application.reviews.filter(reviewer__user=user).exists()


def _not_a_reviewer(actor: Actor, application: Application) -> None:
    if reviewed_by(actor, application):
        raise ValidationError(
            "You were assigned to review this application, so you cannot also decide it; "
            "a colleague in the talent office who did not review it decides."
        )


def decision_transitions(district: District, on: dt.date) -> list[Any]:
    """The policy's moves that people decide (peer review, selection, accelerated route)."""
    adoption = adoption_in_force(district, on)
    if adoption is None:
        return []
    policy = policy_of(adoption)
    return [t for t in policy.transitions if t.route is Route.DECISION and t.decision]


@transaction.atomic
def create_cohort(
    actor: Actor,
    district: District,
    *,
    name: str,
    transition_key: str,
    register_opens: dt.date,
    register_closes: dt.date,
    submit_opens: dt.date,
    submit_closes: dt.date,
    cut_score: Decimal,
    reconcile_margin: Decimal,
    domains: list[str] | None = None,
    max_per_domain: int = 4,
    level_descriptors: list[str] | None = None,
) -> Cohort:
    transitions = {t.key: t for t in decision_transitions(district, register_opens)}
    transition = transitions.get(transition_key)
    if transition is None:
        keys = ", ".join(transitions) or "none (adopt a policy first)"
        raise ValidationError(
            f"'{transition_key}' is not a move the district's policy decides by application; "
            f"use one of: {keys}"
        )
    if not register_opens <= register_closes <= submit_closes or submit_opens > submit_closes:
        raise ValidationError(
            "The windows are out of order: registration must open before it closes, and "
            "submissions must close on or after registration closes."
        )
    domains = [d.strip() for d in (domains or []) if d.strip()]
    if not domains:
        domains = list(BALTIMORE_MODEL_DOMAINS) if transition.to_pathway == "model" else ["Profile"]
    levels = [d.strip() for d in (level_descriptors or []) if d.strip()]
    if not levels and max_per_domain == len(FOUR_LEVELS):
        levels = list(FOUR_LEVELS)
    problem = rubric.levels_problem(max_per_domain, levels) if levels else ""
    if problem:
        raise ValidationError(f"What each score means: {problem}.")
    top = max_per_domain * len(domains)
    if not 0 < cut_score <= top:
        raise ValidationError(f"The cut score must be above 0 and at most {top} (the maximum).")
    if reconcile_margin < 0:
        raise ValidationError("The reconciliation margin cannot be negative.")
    cohort = Cohort.objects.create(
        district=district,
        name=name.strip()[:120],
        transition_key=transition.key,
        decision_kind=transition.decision.value,
        domains=domains,
        max_per_domain=max_per_domain,
        level_descriptors=levels,
        cut_score=cut_score,
        reconcile_margin=reconcile_margin,
        register_opens=register_opens,
        register_closes=register_closes,
        submit_opens=submit_opens,
        submit_closes=submit_closes,
    )
    record(
        actor=actor,
        action="pathways.cohort.create",
        obj=cohort,
        district=district,
        after={
            "transition": transition.key,
            "cut_score": str(cut_score),
            "reconcile_margin": str(reconcile_margin),
            "domains": domains,
            "register": f"{register_opens}..{register_closes}",
            "submit": f"{submit_opens}..{submit_closes}",
        },
    )
    return cohort


@transaction.atomic
def add_panel_member(actor: Actor, district: District, staff: StaffMember) -> PanelMember:
    if staff.district_id != district.pk:
        raise ValidationError(f"{staff.display_name} does not work in {district.name}.")
    seat, created = PanelMember.objects.get_or_create(district=district, staff_member=staff)
    if created:
        record(
            actor=actor,
            action="pathways.panel_member.add",
            obj=seat,
            district=district,
            staff_member=staff,
        )
    return seat


@transaction.atomic
def register_application(
    actor: Actor, staff: StaffMember, cohort: Cohort, *, on: dt.date | None = None
) -> Application:
    """Register for a cohort, inside its window, when the rules say the person may apply."""
    on = on or today()
    if not cohort.register_opens <= on <= cohort.register_closes:
        raise ValidationError(
            f"Registration for {cohort.name} is open {day(cohort.register_opens)} to "
            f"{day(cohort.register_closes)}."
        )
    if not teaching_staff(staff.district_id).filter(pk=staff.pk).exists():
        raise ValidationError("Pathway applications are for teachers.")
    if cohort.applications.filter(staff_member=staff).exists():
        raise ValidationError(f"You are already registered for {cohort.name}.")
    missing = application_gaps(staff, cohort.transition_key, on)
    if missing:
        raise ValidationError("You cannot register yet: " + "; ".join(missing) + ".")
    application = Application.objects.create(cohort=cohort, staff_member=staff)
    record(
        actor=actor,
        action="pathways.application.register",
        obj=application,
        district=cohort.district,
        staff_member=staff,
        summary=f"Registered for {cohort.name}",
    )
    return application


def application_gaps(staff: StaffMember, transition_key: str, on: dt.date) -> list[str]:
    """What keeps ``staff`` from applying for a move on ``on`` (empty when they may).

    The pathway and standing conditions are judged today. Rating conditions ("Effective in
    the year before applying") are judged at the end of the last completed school year,
    because ratings are posted when a year ends.

    The answer is a projection of the teacher's facts (twice: today and at the year's end),
    so it is remembered under the district's facts stamp (``lattice.lib.stamped``): My path
    asks it for every open cohort on every visit.
    """
    return stamped.remember(
        "pathways.application-gaps",
        staff.district_id,
        (staff.pk, transition_key, on),
        lambda: _application_gaps(staff, transition_key, on),
    )


def _application_gaps(staff: StaffMember, transition_key: str, on: dt.date) -> list[str]:
    now = compute(staff, on)
    if now is None or not now.ok:
        detail = f" ({now.problem})" if now is not None and now.problem else ""
        return [f"your standing under the district's policy is not available yet{detail}"]
    move = next((m for m in now.moves if m.key == transition_key), None)
    if move is None:
        assert now.standing is not None
        where = now.policy.pathway(now.standing.pathway or "").name if now.standing.pathway else ""
        return [f"this move is for teachers on another pathway; you are on {where or 'none'}"]
    year = school_year_of(on)
    judged = on if on >= school_year_end(year) else school_year_end(year - 1)
    then = compute(staff, judged) if judged != on else now
    earlier = {}
    if then is not None and then.ok:
        earlier_move = next((m for m in then.moves if m.key == transition_key), None)
        if earlier_move is not None:
            earlier = {q.key: q for q in earlier_move.requirements if q.key.startswith("rating-")}
    missing = []
    for need in move.requirements:
        if need.decided_by_people:
            continue
        if need.key.startswith("rating-") and earlier:
            continue
        if not need.met:
            missing.append(need.gap or need.text)
    missing += [q.gap or q.text for q in earlier.values() if not q.met]
    return missing


def _editable(application: Application, on: dt.date) -> None:
    cohort = application.cohort
    if application.status != Status.REGISTERED:
        raise ValidationError("This application was already submitted; it cannot change now.")
    if on > cohort.submit_closes:
        raise ValidationError(f"Submissions for {cohort.name} closed on {cohort.submit_closes}.")


def add_artifact(
    actor: Actor,
    application: Application,
    *,
    domain: str,
    title: str,
    description: str = "",
    link: str = "",
    files: list[Any] | None = None,
    on: dt.date | None = None,
) -> Artifact:
    """Add one artifact (description, optional link, optional files) in a rubric domain."""
    application = Application.objects.get(pk=application.pk)
    on = on or today()
    _editable(application, on)
    if domain not in application.cohort.domains:
        raise ValidationError(
            f"'{domain}' is not a domain of this cohort; use one of: "
            + ", ".join(application.cohort.domains)
        )
    if not title.strip():
        raise ValidationError("Give the artifact a title.")
    checked = check_uploads(list(files or []))
    if not checked and not link and not description.strip():
        raise ValidationError("Describe the artifact, link to it, or attach a file.")
    with stored(checked) as saved, transaction.atomic():
        artifact = Artifact.objects.create(
            application=application,
            domain=domain,
            title=title.strip()[:200],
            description=description.strip(),
            link=link,
        )
        Evidence.objects.bulk_create(evidence_rows(saved, artifact=artifact))
        record(
            actor=actor,
            action="pathways.artifact.add",
            obj=artifact,
            district=application.cohort.district,
            staff_member=application.staff_member,
            after={"domain": domain, "link": link, "files": [i.sha256 for _, i in saved]},
        )
    return artifact


@transaction.atomic
def submit_application(
    actor: Actor, application: Application, *, on: dt.date | None = None
) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    on = on or today()
    _editable(application, on)
    cohort = application.cohort
    if on < cohort.submit_opens:
        raise ValidationError(f"Submissions for {cohort.name} open on {cohort.submit_opens}.")
    covered = set(application.artifacts.values_list("domain", flat=True))
    empty = [d for d in cohort.domains if d not in covered]
    if empty:
        raise ValidationError("Add at least one artifact in: " + ", ".join(empty) + ".")
    application.status = Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    record(
        actor=actor,
        action="pathways.application.submit",
        obj=application,
        district=cohort.district,
        staff_member=application.staff_member,
    )
    return application


def _record_decision(
    actor: Actor, application: Application, kind: str, on: dt.date, note: str
) -> Decision:
    return Decision.objects.create(
        staff_member=application.staff_member,
        kind=kind,
        decided=on,
        note=note[:300],
        application=application,
        recorded_by=_user(actor),
    )


@transaction.atomic
def decide_application(
    actor: Actor, application: Application, *, feedback: str = "", on: dt.date | None = None
) -> Application:
    """Pass or not against the cut score; a pass becomes a decision the engine moves on."""
    on = on or today()
    application = Application.objects.select_for_update().get(pk=application.pk)
    cohort = application.cohort
    if application.status != Status.SCORED or application.final_score is None:
        raise ValidationError(
            f"Decide once {MIN_REVIEWS} independent reviews agree (or are reconciled)."
        )
    _not_a_reviewer(actor, application)
    passed = application.final_score >= cohort.cut_score
    kind = cohort.decision_kind if passed else FAILED_KIND.get(cohort.decision_kind)
    if kind:
        _record_decision(actor, application, kind, on, f"{cohort.name}: {application.final_score}")
    application.status = Status.PASSED if passed else Status.NOT_PASSED
    application.decided_at = timezone.now()
    application.decided_by = _user(actor)
    application.feedback = feedback.strip()
    application.save(update_fields=["status", "decided_at", "decided_by", "feedback"])
    placement = recompute_standing(
        application.staff_member,
        reason=f"{cohort.name}: {application.get_status_display()}",
        kind=Fact.DECISION,
        actor=actor,
    )
    record(
        actor=actor,
        action="pathways.application.decide",
        obj=application,
        district=cohort.district,
        staff_member=application.staff_member,
        after={
            "outcome": application.status,
            "final_score": str(application.final_score),
            "cut_score": str(cohort.cut_score),
            "standing": placement.standing_label if placement else None,
        },
    )
    outcome = "passed" if passed else "did not pass"
    notify(
        application.staff_member.user,
        kind="pathways.application_decided",
        subject=f"{cohort.name}: you {outcome}",
        body=f"Your application {outcome} (score {application.final_score}, cut score "
        f"{cohort.cut_score}). Read the panel's feedback on the application page.",
        link=reverse("pathways:application", args=[application.pk]),
    )
    return application


@transaction.atomic
def lodge_appeal(actor: Actor, application: Application, *, text: str) -> Application:
    """The applicant appeals a decision once."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Status.NOT_PASSED:
        raise ValidationError("Only a decision not to pass can be appealed.")
    if application.appealed_at is not None:
        raise ValidationError("An appeal was already lodged; a decision can be appealed once.")
    if not text.strip():
        raise ValidationError("Say what you are appealing and why.")
    application.appeal_text = text.strip()
    application.appealed_at = timezone.now()
    application.save(update_fields=["appeal_text", "appealed_at"])
    record(
        actor=actor,
        action="pathways.appeal.lodge",
        obj=application,
        district=application.cohort.district,
        staff_member=application.staff_member,
    )
    return application


@transaction.atomic
def decide_appeal(
    actor: Actor,
    application: Application,
    *,
    upheld: bool,
    outcome: str,
    on: dt.date | None = None,
) -> Application:
    """Uphold (the applicant passes) or dismiss an appeal, with the reasons."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    on = on or today()
    if application.appealed_at is None or application.appeal_decided_at is not None:
        raise ValidationError("There is no open appeal on this application.")
    if not outcome.strip():
        raise ValidationError("Record the reasons for the appeal decision.")
    _not_a_reviewer(actor, application)
    application.appeal_outcome = ("Upheld: " if upheld else "Dismissed: ") + outcome.strip()
    application.appeal_decided_at = timezone.now()
    fields = ["appeal_outcome", "appeal_decided_at"]
    if upheld:
        _record_decision(actor, application, application.cohort.decision_kind, on, "appeal upheld")
        application.status = Status.PASSED
        fields.append("status")
    application.save(update_fields=fields)
    if upheld:
        recompute_standing(
            application.staff_member, reason="appeal upheld", kind=Fact.DECISION, actor=actor
        )
    record(
        actor=actor,
        action="pathways.appeal.decide",
        obj=application,
        district=application.cohort.district,
        staff_member=application.staff_member,
        after={"upheld": upheld, "outcome": application.appeal_outcome},
    )
    notify(
        application.staff_member.user,
        kind="pathways.appeal_decided",
        subject="Your appeal was decided",
        body=application.appeal_outcome,
        link=reverse("pathways:application", args=[application.pk]),
    )
    return application
