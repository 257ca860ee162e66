"""A decision's review date reminds whoever carries it out and the body's chair, once per
review date, from the nightly job the scheduler runs."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from lattice.audit.models import AuditEntry
from lattice.councils import actions
from lattice.councils.models import Decision
from lattice.councils.reminders import send_review_reminders
from lattice.councils.tasks import remind_reviews_due
from lattice.lib import schedule
from lattice.notifications.models import Notification
from tests.cast import Cast
from tests.councils.world import world


def _due_decision(cast: Cast) -> Decision:
    w = world(cast)
    return actions.record_decision(
        None,
        w.alder,
        statement="Try a later PLC start for one term.",
        owner=cast.principal_staff,
        review_on=timezone.localdate(),
    )


def test_a_due_review_tells_the_owner_and_the_chair_once(cast: Cast) -> None:
    decision = _due_decision(cast)
    assert send_review_reminders() >= 1
    told = Notification.objects.filter(
        kind="councils.review_due", link=reverse("councils:decision", args=[decision.pk])
    )
    assert {n.user_id for n in told} == {
        cast.principal_staff.user_id,  # who carries it out
        cast.teacher_staff.user_id,  # Ada chairs Alder
    }
    assert "Try a later PLC start" in told[0].body
    entry = AuditEntry.objects.get(
        action="councils.decision.review_reminder", object_id=str(decision.pk)
    )
    assert entry.actor is None
    assert send_review_reminders() == 0
    assert told.count() == 2


def test_moving_the_review_date_on_arms_a_new_reminder(cast: Cast) -> None:
    decision = _due_decision(cast)
    send_review_reminders()
    later = timezone.localdate() + dt.timedelta(days=30)
    actions.update_decision(None, decision, status="in_progress", review_on=later, owner=None)
    assert send_review_reminders() == 0
    send_review_reminders(later)
    told = Notification.objects.filter(
        kind="councils.review_due", link=reverse("councils:decision", args=[decision.pk])
    )
    assert told.count() == 3  # two the first time, the chair alone now (no owner)


def test_a_review_not_yet_due_or_a_superseded_decision_sends_nothing(cast: Cast) -> None:
    decision = _due_decision(cast)
    actions.update_decision(
        None, decision, status="superseded", review_on=decision.review_on, owner=None
    )
    assert world(cast).decision.review_on > timezone.localdate()  # due in 90 days
    assert send_review_reminders() == 0


def test_the_scheduler_runs_the_reminder_nightly() -> None:
    job = next(j for j in schedule.jobs() if j.name == "councils.remind_reviews_due")
    assert job.every == dt.timedelta(days=1)


def test_the_nightly_task_sends_the_due_reminders(cast: Cast) -> None:
    decision = _due_decision(cast)
    assert remind_reviews_due.call() >= 1
    decision.refresh_from_db()
    assert decision.review_reminded_for == decision.review_on
