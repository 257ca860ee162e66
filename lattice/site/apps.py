from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "lattice.site"
    label = "site"
    verbose_name = "Site shell"

    def ready(self) -> None:
        """The Django admin heads the superuser's menu."""
        from django.urls import reverse

        from lattice.people.access import Scope
        from lattice.people.navigation import Menu, NavEntry, NavLink, register

        def administration(scope: Scope) -> list[NavLink]:
            return [NavLink("Administration", reverse("admin:index"))] if scope.is_superuser else []

        register(NavEntry("site.admin", Menu.MAIN, 10, administration))
