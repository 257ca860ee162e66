"""Pathways for the demo district: a policy, a ledger, claims waiting and a Model cohort.

``populate_demo_pathways(district, seed)`` runs after the demo district's people are
generated (registered with ``lattice.people.demo_content``). Everything
goes through the app's actions, and every choice comes from ``random.Random(seed)``, so the
same seed, district and day give the same pathways.

1. Conversion: teachers already employed when the history starts are placed by credential,
   as Baltimore did in 2011 (bachelor's → Standard, master's → Professional, doctorate →
   Model), one interval per two years of experience within the pathway.
2. The verified ledger (college credits, PD hours, a few approved projects) is imported.
3. The district adopts ``baltimore-2010`` from the first school year. The shipped file ends in
   2024 (Baltimore ended its pathways); the demo adopts a district copy: the same rules with
   the district's dates. Adoption computes every placement year by year.
4. A dozen claims wait for the talent office, with small PDF transcripts.
5. A Model cohort: a panel, four applications (one scored by two reviewers and ready for the
   decision, one whose reviewers disagree, one under review, one being assembled).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import random
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Prefetch

from lattice.lib.actors import Actor
from lattice.notifications.send import without_email
from lattice.pathways import actions
from lattice.pathways.actions.applications import application_gaps
from lattice.pathways.actions.reviews import schools_of
from lattice.pathways.models import (
    Application,
    Claim,
    ClaimKind,
    PolicyAdoption,
    Standing,
    StartingPlacement,
)
from lattice.pathways.policies import district_copy, shipped_text
from lattice.pathways.queries import teaching_staff
from lattice.people.models import Degree, District, SchoolYear, StaffMember
from lattice.people.queries import today

POLICY_FILE = "baltimore-2010.toml"
COURSES = [
    ("EDU 610 Assessment for Learning", "State University"),
    ("EDU 625 Literacy Across the Content Areas", "State University"),
    ("MAT 540 Number Sense for Teachers", "City College"),
    ("SPE 520 Inclusive Classrooms", "Harbor University"),
    ("ESL 530 Teaching English Learners", "City College"),
    ("SCI 515 Inquiry Science", "Harbor University"),
]
PD = [
    "Summer literacy institute",
    "Restorative practices cohort",
    "Data teams facilitator training",
    "Math coaching lab",
    "Universal design for learning series",
]
PROJECTS = ["Family math nights", "Mentoring a new teacher", "After-school robotics club"]


@functools.cache
def _tiny_pdf() -> bytes:
    """A real one-page PDF (uploads are checked by their whole structure)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_metadata({"/Title": "Demo evidence"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _tiny_pdf(), content_type="application/pdf")


def _conversion(
    rng: random.Random, staff: list[StaffMember], start: dt.date
) -> list[StartingPlacement]:
    rows = []
    for person in staff:
        if person.hire_date is None or person.hire_date >= start:
            continue
        levels = {d.level for d in person.degrees.all() if (d.conferred_on or start) <= start}
        years = int(person.total_experience(start))
        if "doctorate" in levels:
            pathway, top = "model", 5
        elif "master" in levels or "specialist" in levels:
            pathway, top = "professional", 10
        else:
            pathway, top = "standard", 5
        interval = max(1, min(top - 1, 1 + years // 2 + rng.choice([-1, 0, 0, 1])))
        rows.append(
            StartingPlacement(staff_member=person, on=start, pathway=pathway, interval=interval)
        )
    return rows


def _ledger(
    rng: random.Random, staff: list[StaffMember], start: dt.date, on: dt.date
) -> list[Claim]:
    rows = []
    for person in staff:
        begin = max(start, person.hire_date or start)
        span = (on - begin).days - 30
        if span <= 60:
            continue
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            course, college = rng.choice(COURSES)
            end = begin + dt.timedelta(days=rng.randrange(span - 60))
            rows.append(
                Claim(
                    staff_member=person,
                    kind=ClaimKind.CREDITS,
                    title=course,
                    provider=college,
                    quantity=rng.choice([3, 3, 3, 6]),
                    completed=end,
                    submitted_on=end + dt.timedelta(days=rng.randrange(5, 60)),
                )
            )
        for _ in range(rng.choice([0, 1, 1, 2])):
            done = begin + dt.timedelta(days=rng.randrange(span))
            rows.append(
                Claim(
                    staff_member=person,
                    kind=ClaimKind.PD_HOURS,
                    title=rng.choice(PD),
                    provider="District PD office",
                    quantity=rng.choice([15, 30, 30, 45]),
                    completed=done,
                    submitted_on=done + dt.timedelta(days=rng.randrange(1, 20)),
                )
            )
        if rng.random() < 0.05:
            done = begin + dt.timedelta(days=rng.randrange(span))
            rows.append(
                Claim(
                    staff_member=person,
                    kind=ClaimKind.PROJECT,
                    title=rng.choice(PROJECTS),
                    category="project",
                    quantity=rng.choice([3, 6]),
                    completed=done,
                    submitted_on=done + dt.timedelta(days=7),
                )
            )
    return rows


def _demo_user_staff(district: District, username: str) -> StaffMember | None:
    return StaffMember.objects.filter(district=district, user__username=username).first()


def populate_demo_pathways(district: District, seed: int, *, actor: Actor = None) -> dict[str, Any]:
    """Give ``district`` (its people already generated by the demo) its pathways; returns
    counts. Notifications stay in the app: the demo's people are invented, never emailed."""
    with without_email():
        return _populate(district, seed, actor)


def _populate(district: District, seed: int, actor: Actor) -> dict[str, Any]:
    rng = random.Random(seed)
    on = today()
    first = SchoolYear.objects.filter(district=district).order_by("start").first()
    if first is None:
        raise ValidationError(
            f"{district.name} has no school years; generate the demo district first."
        )
    if PolicyAdoption.objects.filter(district=district).exists():
        raise ValidationError(f"{district.name} already has a pathway policy.")
    start = first.start
    staff = list(
        teaching_staff(district)
        .prefetch_related(Prefetch("degrees", queryset=Degree.objects.order_by("id")))
        .order_by("employee_id")
    )
    actions.record_starting_placements(
        actor,
        district,
        _conversion(rng, staff, start),
        reason="conversion by credential (bachelor's → Standard, master's → Professional, "
        "doctorate → Model)",
    )
    ledger = _ledger(rng, staff, start, on - dt.timedelta(days=45))
    actions.import_verified_claims(actor, district, ledger, source="HR achievement-unit history")
    text = district_copy(shipped_text(POLICY_FILE), start, district.name)
    _, written, problems = actions.adopt_policy(
        actor,
        district,
        toml_text=text,
        effective_from=start,
        origin=f"{POLICY_FILE} (district copy)",
        note="Demo district adopts Baltimore's rules",
    )
    pending = _pending_claims(rng, district, staff, on, actor)
    applications = _model_cohort(rng, district, staff, on, actor)
    return {
        "placements": written,
        "ledger": len(ledger),
        "pending_claims": pending,
        "applications": applications,
        "problems": problems,
    }


def _units_to_next_interval(district: District, person: StaffMember) -> int | None:
    """Units ``person`` still needs for their next interval (None at a pathway's top)."""
    standing = Standing.objects.filter(staff_member=person).first()
    if standing is None or not standing.snapshot.get("banked", "").startswith("Every"):
        return None
    per = int(standing.snapshot.get("policy", {}).get("units_per_interval") or 12)
    return per - standing.units_banked % per


def _pending_claims(
    rng: random.Random, district: District, staff: list[StaffMember], on: dt.date, actor: Actor
) -> int:
    """A dozen claims waiting for the talent office. The demo teachers' own claims are
    college credits enough for their next interval, so approving one visibly raises pay."""
    people = rng.sample(staff, min(12, len(staff)))
    personas = [p for p in (_demo_user_staff(district, u) for u in ("teacher", "teacher2")) if p]
    people = personas + [p for p in people if p not in personas][: 12 - len(personas)]
    count = 0
    for index, person in enumerate(people):
        course, college = rng.choice(COURSES)
        needed = _units_to_next_interval(district, person) if person in personas else None
        kind = ClaimKind.CREDITS if index % 3 or needed else ClaimKind.PD_HOURS
        credits = max(needed or 3, 3)
        try:
            actions.submit_claim(
                person.user or actor,
                person,
                kind=kind,
                title=course if kind == ClaimKind.CREDITS else rng.choice(PD),
                provider=college if kind == ClaimKind.CREDITS else "District PD office",
                quantity=credits if kind == ClaimKind.CREDITS else 30,
                completed=on - dt.timedelta(days=rng.randrange(3, 60)),
                files=[_pdf("transcript.pdf" if kind == ClaimKind.CREDITS else "certificate.pdf")],
                on=on - dt.timedelta(days=index * 2),
            )
            count += 1
        except ValidationError:
            continue
    return count


def _model_cohort(
    rng: random.Random, district: District, staff: list[StaffMember], on: dt.date, actor: Actor
) -> int:
    cohort = actions.create_cohort(
        actor, district, name=f"Model cohort {on.year}", transition_key="peer-review-to-model",
        register_opens=on - dt.timedelta(days=40), register_closes=on + dt.timedelta(days=20),
        submit_opens=on - dt.timedelta(days=40), submit_closes=on + dt.timedelta(days=100),
        cut_score=Decimal("12"), reconcile_margin=Decimal("3"),
    )  # fmt: skip
    on_professional = set(
        Standing.objects.filter(district=district, pathway="professional").values_list(
            "staff_member_id", flat=True
        )
    )
    professional = [p for p in staff if p.pk in on_professional]
    rng.shuffle(professional)
    applicants: list[StaffMember] = []
    for person in professional:
        if len(applicants) == 4:
            break
        if not application_gaps(person, cohort.transition_key, on):
            applicants.append(person)
    # Seat the demo's second teacher log-in first (so the demo shows a reviewer's page), then
    # enough others that every applicant has two reviewers from other schools.
    candidates = [p for p in staff if p not in applicants]
    reviewer_login = _demo_user_staff(district, "teacher2")
    if reviewer_login is not None and reviewer_login not in applicants:
        candidates.insert(0, reviewer_login)
    panel: list[StaffMember] = []
    schools = {p.pk: schools_of(p, district) for p in [*applicants, *candidates[:200]]}
    for applicant in applicants:
        mine = schools[applicant.pk]
        outside = [p for p in panel if not (schools[p.pk] & mine)]
        for person in candidates[:200]:
            if len(outside) >= 2:
                break
            if person not in panel and not (schools[person.pk] & mine):
                panel.append(person)
                outside.append(person)
    for person in panel:
        actions.add_panel_member(actor, district, person)
    made = 0
    for index, person in enumerate(applicants):
        application = actions.register_application(person.user or actor, person, cohort, on=on)
        made += 1
        if index == 3:
            actions.add_artifact(
                person.user or actor,
                application,
                domain=cohort.domains[0],
                title="Growth in reading fluency",
                description="Fall-to-spring fluency data.",
                on=on,
            )
            continue
        for domain in cohort.domains:
            actions.add_artifact(
                person.user or actor,
                application,
                domain=domain,
                title=f"{domain}: portfolio entry",
                description="Evidence, reflection and outcomes.",
                link="https://video.example.org/lesson" if domain == cohort.domains[1] else "",
                on=on,
            )
        actions.submit_application(person.user or actor, application, on=on)
        reviewers = _reviewers_for(application, panel, district)
        for reviewer in reviewers[:2]:
            actions.assign_reviewer(actor, application, reviewer)
        if index in (0, 1) and len(reviewers) >= 2:
            close = index == 0
            for n, assignment in enumerate(application.reviews.order_by("id")):
                high = 4 if close or n == 0 else 2
                scores = {d: max(1, high - (i % 2)) for i, d in enumerate(cohort.domains)}
                actions.submit_review(
                    assignment.reviewer.user or actor,
                    assignment,
                    scores=scores,
                    comments="Clear evidence of impact on learners."
                    if high >= 3
                    else "The leadership domain needs more evidence.",
                )
    return made


def _reviewers_for(
    application: Application, panel: list[StaffMember], district: District
) -> list[StaffMember]:
    mine = schools_of(application.staff_member, district)
    return [
        p
        for p in panel
        if p.pk != application.staff_member_id and not (schools_of(p, district) & mine)
    ]
