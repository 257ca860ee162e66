import datetime as dt

from django.apps import AppConfig


class ForecastsConfig(AppConfig):
    name = "lattice.forecasts"
    label = "forecasts"
    verbose_name = "Cost and workforce forecasts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Name the forecasts app's audit actions; put forecasts in the talent office's menu;
        register the periodic job that restarts forecasts whose worker died."""
        from lattice.audit import names
        from lattice.forecasts.audited import ACTIONS
        from lattice.lib.schedule import Periodic, register
        from lattice.people import navigation

        names.register(*ACTIONS)
        from lattice.forecasts.actions import KINDS
        from lattice.notifications import kinds

        kinds.register(*KINDS)
        navigation.register(
            navigation.NavEntry(
                "forecasts",
                navigation.Menu.MAIN,
                50,
                navigation.links(("Forecasts", "forecasts:home")),
            )
        )

        def enqueue_reap() -> object:
            from lattice.forecasts.tasks import reap_orphans

            return reap_orphans.enqueue()

        register(
            Periodic(
                name="forecasts.reap",
                every=dt.timedelta(minutes=15),
                enqueue=enqueue_reap,
                description="Restart forecast runs whose worker died (their lease expired) on "
                "another worker; fail those started too often, so the officer can look",
            )
        )
