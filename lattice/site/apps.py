from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "lattice.site"
    label = "site"
    verbose_name = "Site shell"
