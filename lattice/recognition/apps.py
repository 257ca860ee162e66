from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "lattice.recognition"
    label = "recognition"
    verbose_name = "Recognition and credentials"

    def ready(self) -> None:
        """Name the audit actions; award role-served achievements as the roles app announces
        terms (``lattice.lib.roles_served``) and ledger-claim achievements as the pathways
        app verifies claims (``lattice.lib.claims_verified``); show honours on the profile
        pages; take a place in the menus and in the demo (after roles and pathways: it awards
        from their facts)."""
        from lattice.audit import names
        from lattice.lib import claims_verified, roles_served
        from lattice.people import demo_content
        from lattice.people.panels import ProfilePage, ProfilePanel, register
        from lattice.recognition import navigation, schedule
        from lattice.recognition.actions import record_claim_verified, record_role_served
        from lattice.recognition.audited import ACTIONS
        from lattice.recognition.demo import populate_demo_recognition

        names.register(*ACTIONS)
        navigation.register_pages()
        schedule.register_jobs()
        roles_served.register("recognition", record_role_served)
        claims_verified.register("recognition", record_claim_verified)
        both = frozenset({ProfilePage.OWN, ProfilePage.OFFICE})
        register(ProfilePanel("recognition.honours", "recognition/_honours_panel.html", both, 200))
        demo_content.register(
            demo_content.DemoContent(
                "recognition", populate_demo_recognition, after=("pathways", "roles")
            )
        )
