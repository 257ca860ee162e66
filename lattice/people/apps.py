from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "lattice.people"
    verbose_name = "People and schools"

    def ready(self) -> None:
        """Put the people app's pages in the menus."""
        from lattice.people.navigation import register_people_pages

        register_people_pages()
