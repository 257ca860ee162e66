"""The network app's models, split by topic."""

from lattice.network.models.convenings import (
    Convening,
    ConveningSession,
    Material,
    Registration,
)
from lattice.network.models.ideas import Idea, IdeaFeedback, IdeaStatus, PlanStep, TeamMember
from lattice.network.models.library import Resource, ResourceCopy, ResourceKind, Tag
from lattice.network.models.membership import Membership
from lattice.network.models.sharing import Measure, SharingChoice

__all__ = [
    "Convening",
    "ConveningSession",
    "Idea",
    "IdeaFeedback",
    "IdeaStatus",
    "Material",
    "Measure",
    "Membership",
    "PlanStep",
    "Registration",
    "Resource",
    "ResourceCopy",
    "ResourceKind",
    "SharingChoice",
    "Tag",
    "TeamMember",
]
