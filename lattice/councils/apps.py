from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "lattice.councils"
    label = "councils"
    verbose_name = "Boards and councils"

    def ready(self) -> None:
        """Register the audit actions, a place in the menus and the demo's councils (after
        the roles content, so the demo's decided proposal can name a catalogue role)."""
        from lattice.audit import names
        from lattice.councils import navigation
        from lattice.councils.audited import ACTIONS
        from lattice.councils.demo import populate_demo_councils
        from lattice.people import demo_content

        names.register(*ACTIONS)
        navigation.register_pages()
        demo_content.register(
            demo_content.DemoContent("councils", populate_demo_councils, after=("roles",))
        )
