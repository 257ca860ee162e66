from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo has no models; it is an app so that ``manage.py demo`` is its command."""

    name = "lattice.demo"
    label = "demo"
    verbose_name = "Demo district"
