import datetime as dt

from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "lattice.pathways"
    label = "pathways"
    verbose_name = "Career pathways"

    def ready(self) -> None:
        """Join the seams: listen for fact changes, pay from standings, record the roles the
        roles app assigns in the ledger, tell it where teachers stand, recompute nightly, and
        take a place in the menus, on a person's pages (their standing) and in the demo."""
        from lattice.audit import names
        from lattice.lib import facts, pay, placements, roles_served, schedule
        from lattice.notifications import kinds, waiting
        from lattice.pathways import navigation
        from lattice.pathways.actions import record_role_served
        from lattice.pathways.actions.standings import on_facts_changed
        from lattice.pathways.audited import ACTIONS
        from lattice.pathways.demo import populate_demo_pathways
        from lattice.pathways.notices import KINDS, waiting_items
        from lattice.pathways.pay import pathway_pay_lines
        from lattice.pathways.queries import high_poverty_percent, pathway_placements
        from lattice.pathways.tasks import NIGHTLY, recompute_all_districts
        from lattice.people import demo_content
        from lattice.people.panels import ProfilePage, ProfilePanel, register

        names.register(*ACTIONS)
        kinds.register(*KINDS)
        waiting.register(waiting.WaitingSource("pathways", waiting_items, order=20))
        navigation.register_pages()
        own, office = frozenset({ProfilePage.OWN}), frozenset({ProfilePage.OFFICE})
        register(ProfilePanel("pathways.my-path", "pathways/_me_summary.html", own))
        register(ProfilePanel("pathways.standing", "pathways/_staff_standing.html", office))
        demo_content.register(demo_content.DemoContent("pathways", populate_demo_pathways))
        facts.listen("pathways.standings", on_facts_changed)
        pay.register("pathways", pathway_pay_lines)
        roles_served.register("pathways.ledger", record_role_served)
        placements.register("pathways", pathway_placements)
        placements.register_poverty_line("pathways", high_poverty_percent)
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
