from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "lattice.imports"
    label = "imports"
    verbose_name = "Imports"
