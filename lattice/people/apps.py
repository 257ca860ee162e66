from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "lattice.people"
    verbose_name = "People and schools"

    def ready(self) -> None:
        """Name the people app's audit actions; put its pages in the menus; give a district a
        new facts stamp whenever its facts change (``lattice.lib.stamped``); add the demo's
        staff beyond classroom teachers (a nurse, a librarian, a specialist)."""
        from lattice.audit import names
        from lattice.lib import facts, stamped
        from lattice.notifications import addresses
        from lattice.people import demo_content
        from lattice.people.audited import ACTIONS
        from lattice.people.demo_staff import populate_demo_support_staff
        from lattice.people.navigation import register_people_pages
        from lattice.people.queries import staff_address

        names.register(*ACTIONS)
        register_people_pages()
        addresses.register("people.staff", staff_address)
        facts.listen("lib.stamped", stamped.on_facts_changed)
        demo_content.register(demo_content.DemoContent("people", populate_demo_support_staff))
