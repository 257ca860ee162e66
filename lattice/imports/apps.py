import datetime as dt
from typing import Any

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "lattice.imports"
    label = "imports"
    verbose_name = "Imports"

    def ready(self) -> None:
        """Put the imports in the talent office's menu; register the periodic jobs: roster syncs
        that are due, and housekeeping (orphaned runs failed, old previews expired, uploaded
        files deleted after retention)."""
        from lattice.audit import names
        from lattice.imports.audited import ACTIONS
        from lattice.lib.schedule import Periodic, register
        from lattice.people import navigation

        names.register(*ACTIONS)
        register_where_added()
        from lattice.imports.notices import KINDS
        from lattice.notifications import kinds

        kinds.register(*KINDS)
        navigation.register(
            navigation.NavEntry(
                "imports", navigation.Menu.MAIN, 40, navigation.links(("Imports", "imports:home"))
            )
        )

        def enqueue_syncs() -> object:
            from lattice.imports.tasks import sync_due_connections

            return sync_due_connections.enqueue()

        def enqueue_housekeeping() -> object:
            from lattice.imports.tasks import housekeeping

            return housekeeping.enqueue()

        register(
            Periodic(
                name="imports.roster-sync",
                every=dt.timedelta(hours=1),
                enqueue=enqueue_syncs,
                description="Sync each district's OneRoster REST connection when its schedule "
                "says so (nightly at its hour by default)",
            )
        )
        register(
            Periodic(
                name="imports.housekeeping",
                every=dt.timedelta(minutes=15),
                enqueue=enqueue_housekeeping,
                description="Fail import runs whose worker died, expire old previews, delete "
                "uploaded files after the retention period",
            )
        )


def register_where_added() -> None:
    """Schools, school years and staff come with the roster: an empty drop-down of any of
    them points the talent office to the imports page (others read who imports it)."""
    from django.urls import reverse

    from lattice.lib import where_added
    from lattice.people.access import districts_administered_by

    def administers_a_district(user: Any) -> bool:
        return districts_administered_by(user).exists()

    for thing in (
        where_added.Addable.SCHOOLS,
        where_added.Addable.SCHOOL_YEARS,
        where_added.Addable.STAFF,
    ):
        where_added.register(
            where_added.WhereAdded(
                thing,
                how="they come with the roster; import it on",
                link_text="the imports page",
                url=lambda: reverse("imports:home"),
                otherwise="they come with the roster, which the district's talent office imports",
                opens_for=administers_a_district,
            )
        )
