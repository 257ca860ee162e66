"""Recognition programs: nominations, an independent selection panel, the decision and the
honour it awards.

The panel is the recognition app's own, not the roles app's (whose panels belong to a role
posting): reviewers are seated by the talent office, never review a nominee from their own
school, declare conflicts (then give no scores), and score each nomination on the program's
rubric. Scores are confidential: only the talent office reads them all. The decision ranks
nominations by their mean score; nominations whose reviewers disagree by two points or more
on a criterion are listed for reconciliation before the office decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from lattice.audit.log import record
from lattice.lib.actors import Actor
from lattice.lib.formatting import span
from lattice.people.models import Assignment, District, SchoolYear, StaffMember
from lattice.recognition import actions
from lattice.recognition.actions import RecognitionError
from lattice.recognition.models import (
    Achievement,
    Nomination,
    NominatorKind,
    PanelSeat,
    Program,
    ProgramLevel,
    ProgramStatus,
    Review,
)

RUBRIC = (
    ("impact", "Impact on students' learning"),
    ("colleagues", "Leadership among colleagues"),
    ("community", "Work with families and the community"),
)
SCALE = (1, 2, 3, 4)


@transaction.atomic
def create_program(
    actor: Actor,
    district: District,
    year: SchoolYear,
    *,
    name: str,
    level: str,
    criteria: str,
    opens: dt.date,
    closes: dt.date,
    decide_by: dt.date,
    achievement: Achievement | None = None,
    honourees: int = 1,
    families_may_nominate: bool = False,
) -> Program:
    if level not in ProgramLevel.values:
        raise RecognitionError(f"'{level}' is not a program level: district, state or national.")
    if not name.strip() or not criteria.strip():
        raise RecognitionError("Enter the program's name and its criteria.")
    if not opens <= closes <= decide_by:
        raise RecognitionError("Dates: nominations open, then close, then the decision, in order.")
    if honourees < 1:
        raise RecognitionError("Honourees: a whole number of 1 or more.")
    if achievement is not None and achievement.district_id != district.pk:
        raise RecognitionError("The program's honour must be one of the district's achievements.")
    program = Program.objects.create(
        district=district,
        school_year=year,
        name=name.strip(),
        level=level,
        criteria=criteria.strip(),
        nominations_open=opens,
        nominations_close=closes,
        decision_by=decide_by,
        achievement=achievement,
        honourees=honourees,
        families_may_nominate=families_may_nominate,
    )
    record(actor=actor, action="recognition.program.create", obj=program, district=district)
    return program


def home_school_id(staff: StaffMember, year: SchoolYear) -> int | None:
    found = (
        Assignment.objects.filter(staff_member=staff, school_year=year)
        .order_by("-fte", "pk")
        .values_list("school_id", flat=True)
        .first()
    )
    return found


@transaction.atomic
def nominate(
    actor: Actor,
    program: Program,
    nominee: StaffMember,
    *,
    kind: str,
    statement: str,
    nominator: StaffMember | None = None,
    nominator_name: str = "",
    on: dt.date | None = None,
) -> Nomination:
    on = on or timezone.localdate()
    if program.status != ProgramStatus.NOMINATING or not (
        program.nominations_open <= on <= program.nominations_close
    ):
        raise RecognitionError(
            f"Nominations for {program.name} are open "
            f"{span(program.nominations_open, program.nominations_close)}."
        )
    if kind not in NominatorKind.values:
        raise RecognitionError(f"'{kind}' is not a kind of nominator.")
    if kind == NominatorKind.FAMILY and not program.families_may_nominate:
        raise RecognitionError(f"{program.name} does not take nominations from families.")
    if kind == NominatorKind.SELF and (nominator is None or nominator.pk != nominee.pk):
        raise RecognitionError("A self-nomination is made by the nominee.")
    if nominee.district_id != program.district_id:
        raise RecognitionError(f"{nominee.display_name} is not on the district's staff.")
    if len(statement.strip()) < 40:
        raise RecognitionError(
            "Statement: say in a few sentences (40 characters or more) why they deserve it."
        )
    school = home_school_id(nominee, program.school_year)
    if school is None:
        raise RecognitionError(f"{nominee.display_name} has no school this year.")
    try:
        with transaction.atomic():
            made = Nomination.objects.create(
                program=program,
                nominee=nominee,
                nominee_school_id=school,
                nominator_kind=kind,
                nominator=nominator,
                nominator_name=nominator_name.strip()[:120],
                statement=statement.strip(),
            )
    except IntegrityError as exc:
        raise RecognitionError(f"You have already nominated {nominee.display_name}.") from exc
    record(
        actor=actor,
        action="recognition.nomination.submit",
        obj=made,
        district=program.district,
        staff_member=nominee,
    )
    return made


@transaction.atomic
def seat_reviewer(actor: Actor, program: Program, reviewer: StaffMember) -> PanelSeat:
    if reviewer.district_id != program.district_id:
        raise RecognitionError(f"{reviewer.display_name} is not on the district's staff.")
    seat, made = PanelSeat.objects.get_or_create(program=program, reviewer=reviewer)
    if made:
        record(actor=actor, action="recognition.panel.seat", obj=seat, district=program.district)
    return seat


def may_review(seat: PanelSeat, nomination: Nomination) -> bool:
    """Never one's own school, never oneself, never a nomination one made."""
    school = home_school_id(seat.reviewer, seat.program.school_year)
    return (
        nomination.nominee_school_id != school
        and nomination.nominee_id != seat.reviewer_id
        and nomination.nominator_id != seat.reviewer_id
    )


@transaction.atomic
def submit_review(
    actor: Actor,
    seat: PanelSeat,
    nomination: Nomination,
    *,
    scores: dict[str, Any] | None = None,
    conflict: str = "",
) -> Review:
    program = seat.program
    if nomination.program_id != program.pk:
        raise RecognitionError("This nomination is for another program.")
    if program.status != ProgramStatus.REVIEWING:
        raise RecognitionError(f"{program.name} is not in review.")
    if not may_review(seat, nomination):
        raise RecognitionError("Reviewers do not review nominees from their own school.")
    clean: dict[str, int] = {}
    if not conflict.strip():
        for key, label in RUBRIC:
            try:
                value = int((scores or {}).get(key, ""))
            except (TypeError, ValueError):
                value = 0
            if value not in SCALE:
                raise RecognitionError(f"{label}: choose a score from 1 to 4.")
            clean[key] = value
    review, _ = Review.objects.update_or_create(
        seat=seat,
        nomination=nomination,
        defaults={"scores": clean, "conflict": conflict.strip()[:300]},
    )
    record(
        actor=actor,
        action="recognition.review.submit",
        obj=review,
        district=program.district,
        after={"conflict": bool(conflict.strip())},
    )
    return review


@transaction.atomic
def open_review(actor: Actor, program: Program) -> Program:
    if program.status != ProgramStatus.NOMINATING:
        raise RecognitionError(f"{program.name} is already past nominations.")
    if not program.nominations.exists():
        raise RecognitionError("No nominations yet: the panel would have nothing to review.")
    if not program.seats.exists():
        raise RecognitionError("Seat at least one reviewer before opening the review.")
    program.status = ProgramStatus.REVIEWING
    program.save(update_fields=["status"])
    record(
        actor=actor, action="recognition.program.advance", obj=program, district=program.district
    )
    return program


@dataclass(frozen=True)
class Standing:
    nomination: Nomination
    mean: float | None  # over non-conflicted reviews; None when nobody scored it
    reviews: int
    conflicts: int
    to_reconcile: tuple[str, ...]  # rubric labels on which reviewers differ by 2 or more


def results(program: Program) -> list[Standing]:
    """Each nominee's standing, best first (one row per nominee: their nominations pooled)."""
    rows = []
    by_nominee: dict[int, list[Nomination]] = {}
    for n in program.nominations.select_related("nominee").prefetch_related("reviews"):
        by_nominee.setdefault(n.nominee_id, []).append(n)
    for nominations in by_nominee.values():
        reviews = [r for n in nominations for r in n.reviews.all()]
        scored = [r for r in reviews if not r.conflict]
        mean = sum(r.total for r in scored) / len(scored) / len(RUBRIC) if scored else None
        spread = tuple(
            label
            for key, label in RUBRIC
            if scored
            and max(r.scores[key] for r in scored) - min(r.scores[key] for r in scored) >= 2
        )
        rows.append(Standing(nominations[0], mean, len(scored), len(reviews) - len(scored), spread))
    return sorted(
        rows, key=lambda s: (s.mean is None, -(s.mean or 0), s.nomination.nominee.display_name)
    )


@transaction.atomic
def decide(actor: Actor, program: Program) -> list[Nomination]:
    """Select the best-scored nominees (``honourees`` of them) and award the program's honour,
    issued as a credential like any award."""
    if program.status != ProgramStatus.REVIEWING:
        raise RecognitionError(f"{program.name} is not in review.")
    ranked = [s for s in results(program) if s.mean is not None]
    if not ranked:
        raise RecognitionError("No nomination has been scored yet.")
    open_spread = [s for s in ranked[: program.honourees] if s.to_reconcile]
    if open_spread:
        raise RecognitionError(
            f"Reconcile the panel's scores for {open_spread[0].nomination.nominee.display_name} "
            f"first ({', '.join(open_spread[0].to_reconcile)}): reviewers differ by 2 or more."
        )
    chosen = [s.nomination for s in ranked[: program.honourees]]
    for n in chosen:
        Nomination.objects.filter(program=program, nominee=n.nominee).update(selected=True)
        if program.achievement is not None:
            actions.award_once(
                actor, program.achievement, n.nominee, timezone.localdate(), f"program:{program.pk}"
            )
    program.status = ProgramStatus.DECIDED
    program.save(update_fields=["status"])
    record(
        actor=actor,
        action="recognition.program.decide",
        obj=program,
        district=program.district,
        after={"selected": [n.nominee_id for n in chosen]},
    )
    return chosen
