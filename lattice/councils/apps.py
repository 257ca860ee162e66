from typing import Any

from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "lattice.councils"
    label = "councils"
    verbose_name = "Boards and councils"

    def ready(self) -> None:
        """Register the audit actions, a place in the menus, a profile panel of the seats
        held, the nightly review reminder and its notice kind, the passed decisions waiting for
        the talent office to carry them out and the open votes waiting on a member, the demo's
        councils (after the roles content, so the demo's open proposal can carry a role into
        the catalogue), and the former of bodies a plan step can form or link
        (lattice.lib.plan_links)."""
        from lattice.audit import names
        from lattice.councils import navigation, plan_links, queries, reminders, schedule, waiting
        from lattice.councils.audited import ACTIONS
        from lattice.councils.demo import populate_demo_councils
        from lattice.notifications import kinds
        from lattice.notifications import waiting as waiting_for
        from lattice.people import demo_content, panels

        names.register(*ACTIONS)
        navigation.register_pages()
        register_where_added()
        schedule.register_jobs()
        plan_links.register_former()
        kinds.register(*reminders.KINDS)
        waiting_for.register(waiting_for.WaitingSource("councils", waiting.waiting_items, order=40))
        waiting_for.register(
            waiting_for.WaitingSource("councils.votes", queries.waiting_votes, order=41)
        )
        panels.register(
            panels.ProfilePanel(
                "councils.seats",
                "councils/_profile_panel.html",
                frozenset({panels.ProfilePage.OWN, panels.ProfilePage.OFFICE}),
                order=300,
            )
        )
        demo_content.register(
            demo_content.DemoContent("councils", populate_demo_councils, after=("roles",))
        )


def register_where_added() -> None:
    """Council bodies are added on the new body page (a district's administrators may)."""
    from django.urls import reverse

    from lattice.lib import where_added
    from lattice.people.access import districts_administered_by

    def administers_a_district(user: Any) -> bool:
        return districts_administered_by(user).exists()

    where_added.register(
        where_added.WhereAdded(
            where_added.Addable.COUNCIL_BODIES,
            how="add one on",
            link_text="the new council body page",
            url=lambda: reverse("councils:body-new"),
            otherwise="the district's talent office adds council bodies",
            opens_for=administers_a_district,
        )
    )
