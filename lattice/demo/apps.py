from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo has no models; it is an app so that ``manage.py demo`` is its command."""

    name = "lattice.demo"
    label = "demo"
    verbose_name = "Demo district"

    def ready(self) -> None:
        """Name the demo's audit actions."""
        from lattice.audit import names
        from lattice.demo.audited import ACTIONS

        names.register(*ACTIONS)
