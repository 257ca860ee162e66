"""Send a notice, read them, choose how to receive them, and email the daily digests.

:func:`notify` is the one way an app tells a person something waits on them or has happened:
the notice is stored at once (the page lists it) and emailed after the transaction commits
(so a rolled-back decision sends nothing), or kept for the daily digest when the person chose
one. Email links are absolute, from ``LATTICE_SITE_URL``: a path means nothing in a mail client.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lattice.audit.log import record
from lattice.lib.actors import Actor, signed_in, user_of
from lattice.lib.site_url import absolute_url
from lattice.notifications import kinds
from lattice.notifications.addresses import address_of
from lattice.notifications.models import Delivery, EmailState, Notification, Preference

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger(__name__)

# Off while the demo generator works: its invented people must never be emailed.
EMAIL_NOTIFICATIONS: ContextVar[bool] = ContextVar("email_notifications", default=True)


@contextmanager
def without_email() -> Iterator[None]:
    """Keep notices in the app only within the block (the demo generator uses it)."""
    token = EMAIL_NOTIFICATIONS.set(False)
    try:
        yield
    finally:
        EMAIL_NOTIFICATIONS.reset(token)


def absolute(link: str) -> str:
    """``link`` (a path on this site) as a full address under ``LATTICE_SITE_URL``."""
    return absolute_url(link)


def delivery_of(user: User) -> str:
    """The person's choice (immediate unless they chose otherwise)."""
    pref = Preference.objects.filter(user=user).values_list("delivery", flat=True).first()
    return pref or Delivery.IMMEDIATE


def _footer() -> str:
    settings_url = absolute(reverse("notifications:preferences"))
    return (
        "You receive this because Lattice tells you when something waits on you. Choose "
        f"immediate emails, a daily digest or none at {settings_url}"
    )


def notify(
    user: User | None, *, kind: str, subject: str, body: str, link: str = ""
) -> Notification | None:
    """Tell ``user`` (None: nobody to tell, nothing sent). ``kind`` must be registered."""
    kinds.get(kind)
    if user is None:
        return None
    delivery = delivery_of(user)
    address = address_of(user) if EMAIL_NOTIFICATIONS.get() else ""
    wants_email = delivery in (Delivery.IMMEDIATE, Delivery.DAILY)
    state = EmailState.PENDING if address and wants_email else EmailState.SKIPPED
    note = Notification.objects.create(
        user=user, kind=kind, subject=subject[:200], body=body, link=link, email=state
    )
    if state == EmailState.PENDING and delivery == Delivery.IMMEDIATE:

        def send() -> None:
            text = f"{body}\n\n{absolute(link)}\n\n-- \n{_footer()}".replace("\n\n\n", "\n\n")
            try:
                send_mail(subject, text, None, [address])
            except OSError:  # a mail server being down must not undo the decision
                log.warning("could not email notification %s", note.pk)
                Notification.objects.filter(pk=note.pk).update(email=EmailState.FAILED)
            else:
                Notification.objects.filter(pk=note.pk).update(
                    email=EmailState.SENT, emailed_at=timezone.now()
                )

        transaction.on_commit(send)
    return note


def unread_count(user: Actor) -> int:
    account = signed_in(user)
    if account is None:
        return 0
    return Notification.objects.filter(user=account, read_at__isnull=True).count()


@transaction.atomic
def mark_read(actor: Actor, ids: list[int] | None = None) -> int:
    """Mark the actor's notices read (all, or those of ``ids``); returns how many."""
    qs = Notification.objects.filter(user=user_of(actor), read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    count = qs.update(read_at=timezone.now())
    if count:
        record(actor=actor, action="notifications.notice.mark_read", after={"count": count})
    return count


@transaction.atomic
def choose_delivery(actor: Actor, delivery: str) -> Preference:
    """Record how the actor wants notices by email."""
    if delivery not in Delivery.values:
        raise ValueError("Choose how you want to receive notifications.")
    user = user_of(actor)
    pref, created = Preference.objects.get_or_create(user=user)
    before = Delivery.IMMEDIATE if created else pref.delivery
    pref.delivery = delivery
    pref.save()
    if before != delivery:
        if delivery == Delivery.NONE:
            Notification.objects.filter(user=user, email=EmailState.PENDING).update(
                email=EmailState.SKIPPED
            )
        elif delivery == Delivery.IMMEDIATE:
            # Notices kept for a digest go out now, in one message, rather than never.
            transaction.on_commit(lambda: send_digests(user_id=user.pk, any_delivery=True))
        record(
            actor=actor,
            action="notifications.preference.change",
            before={"delivery": before},
            after={"delivery": delivery},
            summary=pref.get_delivery_display(),
        )
    return pref


def send_digests(
    now: dt.datetime | None = None, *, user_id: int | None = None, any_delivery: bool = False
) -> int:
    """Email each person who chose a daily digest every notice still waiting for it, in one
    message; returns how many digests went out. A person whose mail fails keeps their
    notices for the next run."""
    now = now or timezone.now()
    due = Notification.objects.filter(email=EmailState.PENDING, created_at__lte=now)
    if user_id is not None:
        due = due.filter(user_id=user_id)
    if not any_delivery:
        due = due.filter(user__notification_preference__delivery=Delivery.DAILY)
    users = due.values_list("user_id", flat=True).distinct()
    sent = 0
    for one in sorted(set(users)):
        notes = list(due.filter(user_id=one).select_related("user").order_by("created_at", "id"))
        user = notes[0].user
        address = address_of(user)
        if not address:
            Notification.objects.filter(pk__in=[n.pk for n in notes]).update(
                email=EmailState.SKIPPED
            )
            continue
        lines = [f"{len(notes)} notice{'s' if len(notes) != 1 else ''} from Lattice:", ""]
        for n in notes:
            lines += [f"* {n.subject}", f"  {n.body}"]
            if n.link:
                lines.append(f"  {absolute(n.link)}")
            lines.append("")
        lines += [
            f"All your notifications: {absolute(reverse('notifications:list'))}",
            "",
            "-- ",
            _footer(),
        ]
        subject = f"Lattice: your daily digest ({len(notes)})"
        try:
            send_mail(subject, "\n".join(lines), None, [address])
        except OSError:
            log.warning("could not email the digest of user %s", one)
            continue
        Notification.objects.filter(pk__in=[n.pk for n in notes]).update(
            email=EmailState.SENT, emailed_at=now
        )
        sent += 1
    return sent
