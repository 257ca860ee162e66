from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "lattice.roles"
    label = "roles"
    verbose_name = "Leadership roles"
