from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "lattice.coaching"
    label = "coaching"
    verbose_name = "Coaching and distributed leadership"

    def ready(self) -> None:
        """Register the audit actions, a place in the menus and the demo content (after the
        roles content: coaches are the holders of the coach role it assigns; after the
        councils content: the demo plan's steps link the councils it forms; after the people
        content: the program is opened to the demo's reading specialist)."""
        from lattice.audit import names
        from lattice.coaching import navigation
        from lattice.coaching.audited import ACTIONS
        from lattice.coaching.demo import populate_demo_coaching
        from lattice.people import demo_content

        names.register(*ACTIONS)
        navigation.register_pages()
        demo_content.register(
            demo_content.DemoContent(
                "coaching", populate_demo_coaching, after=("people", "roles", "councils")
            )
        )
