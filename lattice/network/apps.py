from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "lattice.network"
    label = "network"
    verbose_name = "Professional learning network"

    def ready(self) -> None:
        """Name the audit actions, take a place in the menus and on the network office's page,
        and add the demo network's library, comparisons and Teach to Lead idea (after the
        roles content, whose holders the comparisons count); and tell the councils app which
        districts a network cabinet spans (its network's member districts)."""
        from lattice.audit import names
        from lattice.councils import spans
        from lattice.network import navigation
        from lattice.network.audited import ACTIONS
        from lattice.network.demo import populate_demo_network
        from lattice.network.notices import KINDS
        from lattice.network.spans import SPAN
        from lattice.notifications import kinds
        from lattice.people import demo_content, network_page, panels

        names.register(*ACTIONS)
        spans.register(SPAN)
        kinds.register(*KINDS)
        navigation.register_pages()
        network_page.register(
            network_page.NetworkSection("network.learning", "network/_office_section.html", 10)
        )
        panels.register(
            panels.ProfilePanel(
                "network.work",
                "network/_profile_panel.html",
                frozenset({panels.ProfilePage.OWN}),
                order=320,
            )
        )
        demo_content.register(
            demo_content.DemoContent("network", populate_demo_network, after=("roles",))
        )
