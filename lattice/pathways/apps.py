import datetime as dt

from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "lattice.pathways"
    label = "pathways"
    verbose_name = "Career pathways"

    def ready(self) -> None:
        """Join the seams: listen for fact changes, pay from standings, recompute nightly."""
        from lattice.lib import facts, pay, schedule
        from lattice.pathways.actions.standings import on_facts_changed
        from lattice.pathways.pay import pathway_pay_lines
        from lattice.pathways.tasks import NIGHTLY, recompute_all_districts

        # Recomputed standings follow the facts by themselves: undoing an import does not
        # count them as later changes (they follow the undo too).
        facts.listen("pathways.standings", on_facts_changed, derived_actions=["pathways.standing"])
        pay.register("pathways", pathway_pay_lines)
        schedule.register(
            schedule.Periodic(
                name=NIGHTLY,
                every=dt.timedelta(days=1),
                enqueue=recompute_all_districts.enqueue,
                description="Recompute every teacher's standing and pay as of today (the "
                "calendar: a new school year, ratings posted, certificates expiring).",
                at=dt.time(2, 0),
            )
        )
