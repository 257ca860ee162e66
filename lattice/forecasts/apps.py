from django.apps import AppConfig


class ForecastsConfig(AppConfig):
    name = "lattice.forecasts"
    label = "forecasts"
    verbose_name = "Cost and workforce forecasts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Put forecasts in the talent office's menu."""
        from lattice.people import navigation

        navigation.register(
            navigation.NavEntry(
                "forecasts",
                navigation.Menu.MAIN,
                50,
                navigation.links(("Forecasts", "forecasts:home")),
            )
        )
