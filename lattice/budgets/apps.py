from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "lattice.budgets"
    label = "budgets"
    verbose_name = "Sustainable budgets"
    default_auto_field = "django.db.models.BigAutoField"
