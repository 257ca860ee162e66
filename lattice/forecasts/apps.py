from django.apps import AppConfig


class ForecastsConfig(AppConfig):
    name = "lattice.forecasts"
    label = "forecasts"
    verbose_name = "Cost and workforce forecasts"
    default_auto_field = "django.db.models.BigAutoField"
