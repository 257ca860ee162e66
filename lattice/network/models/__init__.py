"""The network app's models, split by topic."""

from lattice.network.models.cabinets import NetworkCabinet
from lattice.network.models.convenings import (
    Convening,
    ConveningSession,
    Material,
    Registration,
)
from lattice.network.models.curriculum import (
    CurriculumService,
    CurriculumTeam,
    CurriculumTeamMember,
    Unit,
    UnitFeedback,
    UnitReview,
    UnitStatus,
    UnitVersion,
)
from lattice.network.models.ideas import Idea, IdeaFeedback, IdeaStatus, PlanStep, TeamMember
from lattice.network.models.library import Resource, ResourceCopy, ResourceKind, Tag
from lattice.network.models.membership import Membership
from lattice.network.models.pulse import PulseReceipt, PulseResponse, PulseRound
from lattice.network.models.sharing import Measure, SharingChoice

__all__ = [
    "Convening",
    "ConveningSession",
    "CurriculumService",
    "CurriculumTeam",
    "CurriculumTeamMember",
    "Idea",
    "IdeaFeedback",
    "IdeaStatus",
    "Material",
    "Measure",
    "Membership",
    "NetworkCabinet",
    "PlanStep",
    "PulseReceipt",
    "PulseResponse",
    "PulseRound",
    "Registration",
    "Resource",
    "ResourceCopy",
    "ResourceKind",
    "SharingChoice",
    "Tag",
    "TeamMember",
    "Unit",
    "UnitFeedback",
    "UnitReview",
    "UnitStatus",
    "UnitVersion",
]
