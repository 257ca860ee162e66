from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "lattice.roles"
    label = "roles"
    verbose_name = "Leadership roles"

    def ready(self) -> None:
        """Listen for changed HR positions (imports announce ``Fact.ASSIGNMENT``; exits end
        positions too): the district's role assignments follow them after the commit. Pay role
        stipends, give holders of evaluating roles their reach, and take a place in the menus and
        in the demo (after the pathways content: the roles held enter the ledger and the
        standings under the policy it adopts)."""
        from lattice.audit import names
        from lattice.people import demo_content, reach
        from lattice.roles import navigation
        from lattice.roles.access import evaluating_roles_held
        from lattice.roles.audited import ACTIONS
        from lattice.roles.demo import populate_demo_roles

        names.register(*ACTIONS)
        register_where_added()
        from lattice.notifications import kinds, waiting
        from lattice.roles.notices import KINDS, waiting_items

        kinds.register(*KINDS)
        waiting.register(waiting.WaitingSource("roles", waiting_items, order=30))
        navigation.register_pages()
        reach.register(reach.ReachProvider("roles.evaluating", evaluating_roles_held))
        demo_content.register(
            demo_content.DemoContent("roles", populate_demo_roles, after=("pathways",))
        )
        from lattice.lib.facts import Fact, FactsChanged, listen

        def on_facts(event: FactsChanged) -> None:
            if event.kind not in (Fact.ASSIGNMENT, Fact.EXIT):
                return
            from lattice.roles.actions import request_hr_sync
            from lattice.roles.models import PositionMapping

            if PositionMapping.objects.filter(
                district_id=event.district_id, role__isnull=False
            ).exists():
                request_hr_sync(event.district_id)

        listen("roles.hr_positions", on_facts)
        from lattice.lib import pay
        from lattice.roles.pay import role_pay_lines

        pay.register("roles", role_pay_lines)


def register_where_added() -> None:
    """Leadership roles are added, or their drafts activated, in the role catalogue."""
    from django.urls import reverse

    from lattice.lib import where_added

    where_added.register(
        where_added.WhereAdded(
            where_added.Addable.LEADERSHIP_ROLES,
            how="add one, or activate a draft, in",
            link_text="the role catalogue",
            url=lambda: reverse("roles:catalogue"),
            otherwise="the district's talent office adds them to the role catalogue",
        )
    )
