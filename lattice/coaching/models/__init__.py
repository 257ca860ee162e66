from lattice.coaching.models.coaching import (
    Capacity,
    CoachAssignment,
    CoachingCycle,
    CoachingProgram,
    Goal,
    GoalCollaborator,
    GoalRight,
    Interaction,
    InteractionKind,
    ReferralReason,
    SupportRequest,
    Visibility,
)
from lattice.coaching.models.evaluation import Approach, EvaluationAssignment
from lattice.coaching.models.plans import Plan, PlanStep
from lattice.coaching.models.readiness import (
    ReadinessAnswer,
    ReadinessResponse,
    ReadinessSurvey,
    RespondentGroup,
)

__all__ = [
    "Approach",
    "Capacity",
    "CoachAssignment",
    "CoachingCycle",
    "CoachingProgram",
    "EvaluationAssignment",
    "Goal",
    "GoalCollaborator",
    "GoalRight",
    "Interaction",
    "InteractionKind",
    "Plan",
    "PlanStep",
    "ReadinessAnswer",
    "ReadinessResponse",
    "ReadinessSurvey",
    "ReferralReason",
    "RespondentGroup",
    "SupportRequest",
    "Visibility",
]
