from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "lattice.people"
    verbose_name = "People and schools"
