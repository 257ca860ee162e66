"""The trust pulse's writes: the talent office opens a round; a staff member answers once (a
receipt that names them, answers that do not); the office closes the round, when small
schools' answers are pooled or discarded and the rest are rewritten in random order under new
ids, so not even the order rows were written in pairs a receipt with its answers."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter
from collections.abc import Mapping

from django.db import transaction

from lattice.audit.log import record
from lattice.lib.actors import Actor
from lattice.lib.formatting import span
from lattice.network.actions.common import NetworkError, require
from lattice.network.actions.curriculum import school_of
from lattice.network.models import PulseReceipt, PulseResponse, PulseRound
from lattice.network.models.pulse import MIN_RESPONSES, QUESTIONS, SCALE
from lattice.people.models import District, StaffMember


@transaction.atomic
def open_round(
    actor: Actor, district: District, *, title: str, opens_on: dt.date, closes_on: dt.date
) -> PulseRound:
    require(title=title)
    if closes_on < opens_on:
        raise NetworkError("closes_on: a round cannot close before it opens; check the dates.")
    if PulseRound.objects.filter(district=district, closed=False).exists():
        raise NetworkError("round: a round is already open; close it before opening the next.")
    found = PulseRound.objects.create(
        district=district,
        title=title.strip()[:120],
        opens_on=opens_on,
        closes_on=closes_on,
        questions=[key for key, _ in QUESTIONS],
    )
    record(
        actor=actor,
        action="network.pulse.open",
        obj=found,
        district=district,
        after={"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()},
    )
    return found


def has_answered(pulse: PulseRound, staff: StaffMember) -> bool:
    return PulseReceipt.objects.filter(round=pulse, staff_member=staff).exists()


@transaction.atomic
def answer_pulse(
    actor: Actor,
    pulse: PulseRound,
    staff: StaffMember,
    answers: Mapping[str, int],
    *,
    on: dt.date,
) -> None:
    """Record ``staff``'s answers without them: a receipt says they answered, the answers
    go in apart, and nothing is returned that could be kept to pair the two. The audit entry
    says only that the person answered."""
    if staff.district_id != pulse.district_id:
        raise NetworkError(f"round: {pulse} is {pulse.district}'s; answer your own district's.")
    if pulse.closed or not pulse.opens_on <= on <= pulse.closes_on:
        raise NetworkError(f"round: {pulse} is open {span(pulse.opens_on, pulse.closes_on)}.")
    # lock the round so two answers at once cannot both pass the receipt check
    PulseRound.objects.select_for_update().get(pk=pulse.pk)
    if has_answered(pulse, staff):
        raise NetworkError("answers: you have answered this round; answers cannot be changed.")
    clean = {}
    for key in pulse.questions:
        value = answers.get(key)
        if value not in SCALE:
            raise NetworkError(f"{key}: choose from 1 (strongly disagree) to 5 (strongly agree).")
        clean[key] = int(value)
    school = school_of(staff, on)
    PulseReceipt.objects.create(round=pulse, staff_member=staff)
    PulseResponse.objects.create(round=pulse, school=school, answers=clean)
    record(actor=actor, action="network.pulse.answer", obj=pulse, district=staff.district)


@transaction.atomic
def close_round(actor: Actor, pulse: PulseRound) -> dict[str, int]:
    """Close the round: a school under the minimum loses its school on its answers (pooled as
    "other schools"); a pool still under the minimum is discarded; what stays is rewritten in
    random order under new ids. Returns the counts kept, pooled and discarded."""
    if pulse.closed:
        raise NetworkError("round: this round is already closed.")
    rows = list(PulseResponse.objects.filter(round=pulse).values_list("school_id", "answers"))
    sizes = Counter(school for school, _ in rows)
    small = {school for school, n in sizes.items() if school is None or n < MIN_RESPONSES}
    pooled = [answers for school, answers in rows if school in small]
    kept = [(school, answers) for school, answers in rows if school not in small]
    discarded = 0
    if len(pooled) < MIN_RESPONSES:
        discarded, pooled = len(pooled), []
    final = kept + [(None, answers) for answers in pooled]
    random.SystemRandom().shuffle(final)
    PulseResponse.objects.filter(round=pulse).delete()
    PulseResponse.objects.bulk_create(
        PulseResponse(id=uuid.uuid4(), round=pulse, school_id=school, answers=answers)
        for school, answers in final
    )
    pulse.closed = True
    pulse.save(update_fields=["closed"])
    counts = {"kept": len(kept), "pooled": len(pooled), "discarded": discarded}
    record(
        actor=actor, action="network.pulse.close", obj=pulse, district=pulse.district, after=counts
    )
    return counts
