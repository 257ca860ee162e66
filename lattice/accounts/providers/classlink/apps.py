from django.apps import AppConfig


class ClassLinkConfig(AppConfig):
    name = "lattice.accounts.providers.classlink"
    label = "accounts_classlink"
    verbose_name = "ClassLink sign-in"
