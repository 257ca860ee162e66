"""The councils app's side of the plan-links registry (:mod:`lattice.lib.plan_links`): a plan
step "Form a curriculum council" forms a council through :func:`actions.create_body` (audited
there), or links one the district has, and the plan reads how far it has come — formed,
seated (every seat held today), first meeting held (a meeting that has started with someone
recorded present). Registered from :meth:`CouncilsConfig.ready`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from lattice.councils import access, actions
from lattice.councils.models import Body, BodyKind, BodyScope, Presence, seats_held_q
from lattice.lib.actors import Actor
from lattice.lib.formatting import day
from lattice.lib.plan_links import (
    BodyDraft,
    BodyFormer,
    BodyKindChoice,
    BodyStage,
    LinkedBody,
    PlanLinkError,
    register,
)
from lattice.people.access import districts_administered_by
from lattice.people.models import District, School

KEY = "councils"
# A network cabinet belongs to the network office, not to a district's plan.
FORMABLE = [k for k in BodyKind if k != BodyKind.NETWORK_CABINET]


def _kinds() -> Sequence[BodyKindChoice]:
    return [BodyKindChoice(k.value, str(k.label)) for k in FORMABLE]


def _annotated(qs: QuerySet[Body]) -> QuerySet[Body]:
    """Each body with its seats, the seats held today and its first meeting held, in one
    query."""
    now = timezone.now()
    return qs.annotate(
        seat_count=Count("seats", distinct=True),
        seats_filled=Count(
            "seats", filter=seats_held_q(timezone.localdate(), "seats__"), distinct=True
        ),
        first_met=Min(
            "meetings__starts_at",
            filter=Q(meetings__starts_at__lte=now, meetings__attendance__presence=Presence.PRESENT),
        ),
    )


def _seats_words(filled: int, seats: int) -> str:
    if not seats:
        return "no seats yet"
    if filled == seats:
        return f"all {seats} seats filled" if seats > 1 else "its one seat filled"
    return f"{filled} of {seats} seat{'s' if seats > 1 else ''} filled"


def _linked(body: Body) -> LinkedBody:
    seats: int = body.seat_count  # type: ignore[attr-defined]
    filled: int = body.seats_filled  # type: ignore[attr-defined]
    first_met = body.first_met  # type: ignore[attr-defined]
    seat_words = _seats_words(filled, seats)
    if body.closed_on is not None:
        stage, status = BodyStage.CLOSED, f"Closed on {day(body.closed_on)}"
    elif first_met is not None:
        met_on = day(timezone.localtime(first_met).date())
        stage, status = BodyStage.MET, f"First meeting held on {met_on}; {seat_words}"
    elif seats and filled == seats:
        stage, status = BodyStage.SEATED, f"{seat_words.capitalize()}; no meeting held yet"
    else:
        stage = BodyStage.FORMED
        status = f"Formed on {day(body.created_on)}; {seat_words}"
    return LinkedBody(
        former=KEY, ref=body.pk, name=body.name, kind=body.kind, school_id=body.school_id,
        url=reverse("councils:body", args=[body.pk]), stage=stage, status=status,
    )  # fmt: skip


def _bodies(actor: Actor, district_id: int) -> Sequence[LinkedBody]:
    """The district's open bodies ``actor`` sees (every one for the system, None)."""
    visible = Body.objects.all() if actor is None else access.bodies_visible_to(actor)
    qs = visible.filter(district_id=district_id, closed_on__isnull=True)
    return [_linked(b) for b in _annotated(Body.objects.filter(pk__in=qs.values("pk")))]


def _linked_many(refs: Collection[int]) -> dict[int, LinkedBody]:
    bodies = _annotated(Body.objects.filter(pk__in=list(refs)))
    return {b.pk: _linked(b) for b in bodies}


def _may_form(actor: Actor, district_id: int) -> bool:
    """Who creates bodies on the councils pages: the district's talent office."""
    return districts_administered_by(actor).filter(pk=district_id).exists()


def _checked(draft: BodyDraft) -> tuple[District, School | None]:
    name = draft.name.strip()
    if not name:
        raise PlanLinkError("name: give the body a name, e.g. 'Alder curriculum council'.")
    if draft.kind not in FORMABLE:
        labels = ", ".join(str(k.label) for k in FORMABLE)
        raise PlanLinkError(f"kind: choose one of {labels}.")
    if not draft.purpose.strip():
        raise PlanLinkError("purpose: say what the body decides or recommends.")
    district = District.objects.get(pk=draft.district_id)
    school = None
    if draft.school_id is not None:
        school = School.objects.filter(pk=draft.school_id, district_id=district.pk).first()
        if school is None:
            raise PlanLinkError("school: the plan's school is not a school of this district.")
    if Body.objects.filter(district=district, name=name).exists():
        raise PlanLinkError(
            f"name: the district already has a body called '{name}'; link it instead, or "
            "choose another name."
        )
    return district, school


def _preview(draft: BodyDraft) -> Sequence[tuple[str, str]]:
    _district, school = _checked(draft)
    return [
        ("Action", "Form a body in the councils register"),
        ("Name", draft.name.strip()),
        ("Kind", str(BodyKind(draft.kind).label)),
        ("Serves", school.name if school else "The district"),
        ("Purpose", " ".join(draft.purpose.split())),
        ("Then", "Add its seats and fill them on the body's page; the plan shows its status."),
    ]


def _form(actor: Actor, draft: BodyDraft) -> LinkedBody:
    district, school = _checked(draft)
    try:
        body = actions.create_body(
            actor, district, name=draft.name, kind=draft.kind, purpose=draft.purpose,
            scope=BodyScope.SCHOOL if school else BodyScope.DISTRICT, school=school,
        )  # fmt: skip
    except actions.CouncilError as exc:
        raise PlanLinkError(str(exc)) from exc
    return _linked_many([body.pk])[body.pk]


def register_former() -> None:
    register(
        BodyFormer(
            key=KEY,
            noun="council",
            kinds=_kinds,
            bodies=_bodies,
            linked=_linked_many,
            may_form=_may_form,
            preview=_preview,
            form=_form,
        )
    )
