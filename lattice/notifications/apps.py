import datetime as dt

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "lattice.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        """Register the audit actions and the daily digest on the scheduler."""
        from lattice.audit import names
        from lattice.lib import schedule
        from lattice.notifications.audited import ACTIONS
        from lattice.notifications.tasks import DIGEST, send_digests_task

        names.register(*ACTIONS)
        schedule.register(
            schedule.Periodic(
                name=DIGEST,
                every=dt.timedelta(days=1),
                enqueue=send_digests_task.enqueue,
                description="Email each person who chose a daily digest the notices of the "
                "last day in one message.",
                at=dt.time(6, 0),
            )
        )
