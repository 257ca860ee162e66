from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "lattice.budgets"
    label = "budgets"
    verbose_name = "Sustainable budgets"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Name the budgets app's audit actions; put budgets in the talent office's menu and a
        scenario in the demo."""
        from lattice.audit import names
        from lattice.budgets.audited import ACTIONS
        from lattice.budgets.demo import populate_demo_budgets
        from lattice.people import demo_content, navigation

        demo_content.register(demo_content.DemoContent("budgets", populate_demo_budgets))
        names.register(*ACTIONS)
        navigation.register(
            navigation.NavEntry(
                "budgets", navigation.Menu.MAIN, 60, navigation.links(("Budgets", "budgets:home"))
            )
        )
