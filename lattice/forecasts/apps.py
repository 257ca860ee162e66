from django.apps import AppConfig


class ForecastsConfig(AppConfig):
    name = "lattice.forecasts"
    label = "forecasts"
    verbose_name = "Cost and workforce forecasts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Name the forecasts app's audit actions; put forecasts in the talent office's menu."""
        from lattice.audit import names
        from lattice.forecasts.audited import ACTIONS
        from lattice.people import navigation

        names.register(*ACTIONS)
        navigation.register(
            navigation.NavEntry(
                "forecasts",
                navigation.Menu.MAIN,
                50,
                navigation.links(("Forecasts", "forecasts:home")),
            )
        )
