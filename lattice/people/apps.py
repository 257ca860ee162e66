from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "lattice.people"
    verbose_name = "People and schools"

    def ready(self) -> None:
        """Name the people app's audit actions; put its pages in the menus."""
        from lattice.audit import names
        from lattice.notifications import addresses
        from lattice.people.audited import ACTIONS
        from lattice.people.navigation import register_people_pages
        from lattice.people.queries import staff_address

        names.register(*ACTIONS)
        register_people_pages()
        addresses.register("people.staff", staff_address)
