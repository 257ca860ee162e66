from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "lattice.pathways"
    label = "pathways"
    verbose_name = "Career pathways"
