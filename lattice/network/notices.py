"""The network's notices: its office hears when a teacher brings an idea to the network, so
it can find critical friends for the team (Teach to Lead's "bring an idea, form a team")."""

from __future__ import annotations

from django.urls import reverse

from lattice.network.models import Idea
from lattice.notifications.kinds import NoticeKind
from lattice.notifications.send import notify
from lattice.people.models import AccessGrant

KINDS = (NoticeKind("network.idea_posted", "A teacher brought an idea to the network"),)


def tell_network_office(idea: Idea) -> None:
    """Tell every network officer of the idea's network that it was posted, by a teacher of
    which district (the office sees aggregates, not who)."""
    grants = AccessGrant.objects.filter(
        network=idea.network, role=AccessGrant.Role.NETWORK_OFFICER
    ).select_related("user")
    link = reverse("network:idea", args=[idea.network.key, idea.pk])
    for grant in grants:
        notify(
            grant.user,
            kind="network.idea_posted",
            subject=f"A new Teach to Lead idea: {idea.title}",
            # no name: as on the idea's page, names show only to its team
            body=f"A teacher of {idea.district} brought an idea to {idea.network}; "
            "its team is forming and may want critical friends.",
            link=link,
        )
