"""Selection actions: postings, applications, panels, scores, offers, feedback."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lattice.audit.log import record
from lattice.lib.actors import Actor, signed_in
from lattice.lib.formatting import day
from lattice.lib.rubric import levels_problem
from lattice.lib.uploads import CheckedUpload
from lattice.notifications.send import notify
from lattice.people.models import Assignment, School, SchoolYear, StaffMember
from lattice.roles import access, queries
from lattice.roles.actions.assignments import assign_role
from lattice.roles.actions.common import RoleError, clean
from lattice.roles.models import (
    Application,
    ApplicationStatus,
    ConflictOfInterest,
    Evidence,
    LeadershipRole,
    Offer,
    OfferResponse,
    Panel,
    PanelMember,
    PositionScope,
    Posting,
    PostingStatus,
    RoleStatus,
    Score,
)
from lattice.roles.models.selection import standard_rubric

# --- postings and applications -------------------------------------------------------------


@transaction.atomic
def _check_year(school_year: SchoolYear, opens_on: dt.date, closes_on: dt.date) -> None:
    """A posting is filed under the school year its role is held in. Next year's roles are
    posted in the spring, so a window may come up to a year before its year starts; but a
    window that closes after the year ended, in a school year the district has, belongs to
    that year (a December 2026 window is 2026-27's, never 2025-26's). While the year its
    dates fall in is not set up yet, the posting stays under the year chosen."""
    earliest = school_year.start - dt.timedelta(days=366)
    if opens_on < earliest:
        raise RoleError(
            f"opens on: {day(opens_on)} is more than a year before {school_year.label} starts "
            f"({day(school_year.start)}); open the window closer to the year."
        )
    if closes_on <= school_year.end:
        return
    fits = (
        SchoolYear.objects.filter(
            district_id=school_year.district_id, start__lte=closes_on, end__gte=closes_on
        )
        .exclude(pk=school_year.pk)
        .first()
    )
    if fits is not None:
        raise RoleError(
            f"school year: applications close on {day(closes_on)}, after {school_year.label} "
            f"ended ({day(school_year.end)}); file the posting under {fits.label}, the school "
            "year its dates fall in."
        )


def create_posting(
    actor: Actor,
    role: LeadershipRole,
    *,
    school: School | None,
    school_year: SchoolYear,
    opens_on: dt.date,
    closes_on: dt.date,
    positions: int = 1,
    rubric: list[dict[str, Any]] | None = None,
) -> Posting:
    if role.status != RoleStatus.ACTIVE:
        raise RoleError(f"{role.title} is not active; activate it in the catalogue first.")
    if school_year.district_id != role.district_id:
        raise RoleError("school year: choose one of the role's district.")
    if school is not None and school.district_id != role.district_id:
        raise RoleError("school: choose a school of the role's district.")
    if role.position_scope == PositionScope.PER_SCHOOL and school is None:
        raise RoleError(f"{role.title} is a role of each school; choose the school.")
    if role.pilot_school_id is not None and (school is None or school.pk != role.pilot_school_id):
        raise RoleError(
            f"{role.title} is a pilot at {role.pilot_school} only; post it there, or widen the "
            "role in the catalogue first."
        )
    if closes_on < opens_on:
        raise RoleError("closes on: the window must close on or after the day it opens.")
    _check_year(school_year, opens_on, closes_on)
    for criterion in rubric or []:
        problem = levels_problem(int(criterion["max"]), criterion.get("levels") or [])
        if problem:
            raise RoleError(f"rubric: under “{criterion['label']}”, {problem}.")
    posting = Posting(
        role=role,
        school=school,
        school_year=school_year,
        opens_on=opens_on,
        closes_on=closes_on,
        positions=positions,
        rubric=rubric or standard_rubric(),
        posted_by=signed_in(actor),
    )
    clean(posting, exclude=["posted_by"])
    posting.save()
    Panel.objects.create(posting=posting)
    record(
        actor=actor,
        action="roles.posting.create",
        obj=posting,
        district=role.district,
        after={
            "role": role.title,
            "school": str(school or "district-wide"),
            "school_year": school_year.label,
            "opens_on": opens_on,
            "closes_on": closes_on,
            "positions": positions,
        },
    )
    return posting


@transaction.atomic
def submit_application(
    actor: Actor,
    posting: Posting,
    applicant: StaffMember,
    *,
    statement: str,
    files: list[CheckedUpload],
    today: dt.date,
) -> Application:
    """Apply (or re-apply after withdrawing) while the window is open."""
    if not posting.window_open(today):
        raise RoleError(
            "This posting is not taking applications now "
            f"(window {day(posting.opens_on)} – {day(posting.closes_on)})."
        )
    if applicant.district_id != posting.role.district_id:
        raise RoleError("Only staff of the posting's district may apply.")
    if not Assignment.objects.filter(
        staff_member=applicant,
        school_year=posting.school_year,
        position__in=list(posting.role.eligible_positions),
    ).exists():
        held = sorted(
            {
                str(a.get_position_display()).lower()
                for a in Assignment.objects.filter(
                    staff_member=applicant, school_year=posting.school_year
                )
            }
        )
        raise RoleError(
            f"This role is open to {', '.join(posting.role.eligible_labels()).lower()} in "
            f"{posting.school_year}; your staff record lists "
            f"{', '.join(held) if held else 'no position'} that year, none of these. Ask the "
            "talent office to open the role to your position, or to correct your staff record."
        )
    if not statement.strip():
        raise RoleError("statement: write why you want the role and what you would do.")
    if PanelMember.objects.filter(panel__posting=posting, reviewer=applicant).exists():
        raise RoleError(
            "You sit on this posting's review panel; ask the talent office to "
            "replace you on the panel before you apply."
        )
    app = Application.objects.filter(posting=posting, applicant=applicant).first()
    if app is not None and app.status != ApplicationStatus.WITHDRAWN:
        raise RoleError("You have already applied; open your application to change it.")
    if app is None:
        app = Application.objects.create(
            posting=posting, applicant=applicant, statement=statement.strip()
        )
    else:
        app.statement = statement.strip()
        app.status = ApplicationStatus.SUBMITTED
        app.save(update_fields=["statement", "status"])
    for checked in files:
        ev = Evidence(
            application=app,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
        )
        ev.file.save(checked.stored_name(), ContentFile(checked.data), save=False)
        ev.save()
    record(
        actor=actor,
        action="roles.application.submit",
        obj=app,
        district=applicant.district,
        staff_member=applicant,
        after={"posting": str(posting), "files": [f.name for f in files]},
    )
    return app


@transaction.atomic
def withdraw_application(actor: Actor, app: Application, *, today: dt.date) -> Application:
    if app.status != ApplicationStatus.SUBMITTED:
        raise RoleError(
            f"This application is {app.get_status_display().lower()}; "
            "only a submitted application can be withdrawn."
        )
    if today > app.posting.closes_on:
        raise RoleError("The window has closed; ask the talent office to withdraw you.")
    app.status = ApplicationStatus.WITHDRAWN
    app.save(update_fields=["status"])
    record(
        actor=actor,
        action="roles.application.withdraw",
        obj=app,
        district=app.applicant.district,
        staff_member=app.applicant,
        before={"status": "submitted"},
        after={"status": "withdrawn"},
    )
    return app


# --- panel and scores ----------------------------------------------------------------------


@transaction.atomic
def seat_reviewer(actor: Actor, posting: Posting, reviewer: StaffMember) -> PanelMember:
    if reviewer.district_id != posting.role.district_id:
        raise RoleError("reviewer: choose a staff member of the posting's district.")
    if (
        posting.applications.filter(applicant=reviewer)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .exists()
    ):
        raise RoleError(f"{reviewer} applied for this posting and cannot review it.")
    if (
        reviewer.user_id is not None
        and Offer.objects.filter(
            application__posting=posting, offered_by_id=reviewer.user_id
        ).exists()
    ):
        raise RoleError(
            f"{reviewer} decides this posting (they made its offers); whoever decides never "
            "sits on the panel that scores the same applicants. Choose another reviewer."
        )
    panel, _ = Panel.objects.get_or_create(posting=posting)
    member, created = PanelMember.objects.get_or_create(panel=panel, reviewer=reviewer)
    if created:
        record(
            actor=actor,
            action="roles.panel_member.seat",
            obj=member,
            district=reviewer.district,
            staff_member=reviewer,
            after={"posting": str(posting)},
        )
        notify(
            reviewer.user,
            kind="roles.panel_seated",
            subject=f"You are on the review panel for {posting.role.title}",
            body=f"You were seated on the panel for {posting}. Score each application you are "
            "shown (never your own school's), or declare a conflict of interest.",
            link=reverse("roles:posting-detail", args=[posting.pk]),
        )
    return member


@transaction.atomic
def declare_conflict(
    actor: Actor, member: PanelMember, app: Application, reason: str
) -> ConflictOfInterest:
    if app.posting_id != member.panel.posting_id:
        raise RoleError("That application is not on your panel.")
    if not reason.strip():
        raise RoleError("reason: say briefly why (e.g. 'my mentee', 'family member').")
    conflict, _ = ConflictOfInterest.objects.get_or_create(
        member=member, application=app, defaults={"reason": reason.strip()[:300]}
    )
    removed, _ = Score.objects.filter(member=member, application=app).delete()
    record(
        actor=actor,
        action="roles.conflict.declare",
        obj=conflict,
        district=member.reviewer.district,
        staff_member=member.reviewer,
        after={"application": app.pk, "reason": conflict.reason, "scores_removed": removed},
    )
    return conflict


@transaction.atomic
def record_scores(
    actor: Actor,
    member: PanelMember,
    app: Application,
    points: dict[str, int],
    comments: dict[str, str] | None = None,
) -> list[Score]:
    """Save one reviewer's points for every rubric criterion of an application."""
    posting = app.posting
    if posting.status != PostingStatus.OPEN:
        raise RoleError("Selection for this posting has finished; scores can no longer change.")
    if not access.reviewable_by(member).filter(pk=app.pk).exists():
        raise RoleError(
            "You cannot score this application: it is from your own school or "
            "you declared a conflict."
        )
    if app.status == ApplicationStatus.WITHDRAWN:
        raise RoleError("The applicant withdrew; there is nothing to score.")
    comments = comments or {}
    saved = []
    for criterion in posting.rubric:
        key, top = criterion["key"], int(criterion["max"])
        value = points.get(key)
        if value is None or not 0 <= int(value) <= top:
            raise RoleError(f"{criterion['label']}: give a score from 0 to {top}.")
        score, _ = Score.objects.update_or_create(
            application=app,
            member=member,
            criterion=key,
            defaults={"points": int(value), "comment": comments.get(key, "")[:500]},
        )
        saved.append(score)
    record(
        actor=actor,
        action="roles.score.record",
        obj=app,
        district=app.applicant.district,
        staff_member=app.applicant,
        after={"reviewer": str(member.reviewer), "points": {s.criterion: s.points for s in saved}},
    )
    return saved


# --- offers --------------------------------------------------------------------------------


def deciders_seated(actor: Actor, posting: Posting) -> bool:
    """Whether ``actor`` sits on ``posting``'s panel (then someone else makes its offers)."""
    user_id = getattr(actor, "pk", None)
    return (
        user_id is not None
        and PanelMember.objects.filter(panel__posting=posting, reviewer__user_id=user_id).exists()
    )


def _offer(actor: Actor, app: Application, summary: str) -> Offer:
    if queries.open_positions(app.posting) <= 0:
        raise RoleError("Every position of this posting is filled or has an offer out.")
    if deciders_seated(actor, app.posting):
        raise RoleError(
            "You sit on this posting's review panel, so you cannot also decide who is offered "
            "the role; the talent office (or another principal of the school) makes the offer."
        )
    offer = Offer.objects.create(application=app, offered_by=signed_in(actor))
    app.status = ApplicationStatus.OFFERED
    app.save(update_fields=["status"])
    record(
        actor=actor,
        action="roles.offer.make",
        obj=offer,
        district=app.applicant.district,
        staff_member=app.applicant,
        after={"posting": str(app.posting)},
        summary=summary,
    )
    notify(
        app.applicant.user,
        kind="roles.offer_made",
        subject=f"You are offered the role {app.posting.role.title}",
        body=f"You are offered {app.posting}. Accept or decline it on your application's page.",
        link=reverse("roles:application", args=[app.pk]),
    )
    return offer


@transaction.atomic
def offer_next(actor: Actor, posting: Posting, *, summary: str = "") -> Offer | None:
    """Offer the position to the best-ranked applicant on the waitlist (None if nobody)."""
    if posting.status != PostingStatus.OPEN:
        raise RoleError("Selection for this posting has finished.")
    line = queries.waitlist(posting)
    if not line:
        return None
    return _offer(actor, line[0].application, summary or "top of the ranked waitlist")


@transaction.atomic
def respond_to_offer(actor: Actor, offer: Offer, *, accept: bool, today: dt.date) -> Offer:
    """The applicant accepts (they get the role) or declines (the next on the waitlist is
    offered automatically)."""
    if offer.response != OfferResponse.PENDING:
        raise RoleError(f"This offer was already {offer.get_response_display().lower()}.")
    app = offer.application
    offer.response = OfferResponse.ACCEPTED if accept else OfferResponse.DECLINED
    offer.responded_at = timezone.now()
    offer.save(update_fields=["response", "responded_at"])
    app.status = ApplicationStatus.ACCEPTED if accept else ApplicationStatus.DECLINED
    app.save(update_fields=["status"])
    record(
        actor=actor,
        action="roles.offer.accept" if accept else "roles.offer.decline",
        obj=offer,
        district=app.applicant.district,
        staff_member=app.applicant,
        after={"response": offer.response},
    )
    if offer.offered_by is not None:
        answered = "accepted" if accept else "declined"
        notify(
            offer.offered_by,
            kind="roles.offer_answered",
            subject=f"{app.applicant} {answered} {app.posting.role.title}",
            body=f"{app.applicant} {answered} the offer of "
            f"{app.posting}."
            + ("" if accept else " The next on the waitlist is offered it, if anyone is."),
            link=reverse("roles:posting-detail", args=[app.posting_id]),
        )
    if accept:
        posting = app.posting
        assign_role(actor, posting.role, app.applicant, posting.school_year, application=app)
    else:
        line = queries.waitlist(app.posting)
        if line and queries.open_positions(app.posting) > 0:
            _offer(None, line[0].application, "next on the waitlist after a decline")
    return offer


@transaction.atomic
def send_feedback(actor: Actor, app: Application, feedback: str) -> Application:
    if app.status not in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.DECLINED,
        ApplicationStatus.UNSUCCESSFUL,
    ):
        raise RoleError("Feedback goes to applicants who were not selected.")
    if not feedback.strip():
        raise RoleError(
            "feedback: write what the applicant did well and what would "
            "strengthen a future application."
        )
    before = {"status": app.status}
    if app.status == ApplicationStatus.SUBMITTED:
        app.status = ApplicationStatus.UNSUCCESSFUL
    app.feedback = feedback.strip()
    app.save(update_fields=["status", "feedback"])
    record(
        actor=actor,
        action="roles.application.give_feedback",
        obj=app,
        district=app.applicant.district,
        staff_member=app.applicant,
        before=before,
        after={"status": app.status},
    )
    notify(
        app.applicant.user,
        kind="roles.application_decided",
        subject=f"{app.posting.role.title}: you were not selected this time",
        body="The selectors sent you feedback on your application: what you did well and what "
        "would strengthen a future one.",
        link=reverse("roles:application", args=[app.pk]),
    )
    return app


@transaction.atomic
def close_posting(actor: Actor, posting: Posting) -> Posting:
    if posting.status != PostingStatus.OPEN:
        return posting
    posting.status = PostingStatus.CLOSED
    posting.save(update_fields=["status"])
    record(
        actor=actor,
        action="roles.posting.close",
        obj=posting,
        district=posting.role.district,
        before={"status": "open"},
        after={"status": "closed"},
    )
    return posting
