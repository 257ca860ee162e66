"""The pathways app's models, split by topic."""

from lattice.pathways.models.applications import (
    Application,
    Artifact,
    Cohort,
    PanelMember,
    ReviewAssignment,
)
from lattice.pathways.models.drafts import AdoptionDraft
from lattice.pathways.models.ledger import Claim, ClaimKind, ClaimStatus, Evidence
from lattice.pathways.models.policy import (
    Decision,
    PayrollExport,
    Placement,
    PolicyAdoption,
    StartingPlacement,
)
from lattice.pathways.models.standing import Standing, StandingStatus

__all__ = [
    "AdoptionDraft",
    "Application",
    "Artifact",
    "Claim",
    "ClaimKind",
    "ClaimStatus",
    "Cohort",
    "Decision",
    "Evidence",
    "PanelMember",
    "PayrollExport",
    "Placement",
    "PolicyAdoption",
    "ReviewAssignment",
    "Standing",
    "StandingStatus",
    "StartingPlacement",
]
