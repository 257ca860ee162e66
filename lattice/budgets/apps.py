from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "lattice.budgets"
    label = "budgets"
    verbose_name = "Sustainable budgets"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Put budgets in the talent office's menu."""
        from lattice.people import navigation

        navigation.register(
            navigation.NavEntry(
                "budgets", navigation.Menu.MAIN, 60, navigation.links(("Budgets", "budgets:home"))
            )
        )
