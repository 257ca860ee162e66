"""The only place the pathways app writes: named actions, each atomic and audited.

Views, the demo generator and other apps call these; nobody saves pathways models directly.
"""

from lattice.pathways.actions.applications import (
    add_artifact,
    add_panel_member,
    create_cohort,
    decide_appeal,
    decide_application,
    lodge_appeal,
    register_application,
    submit_application,
)
from lattice.pathways.actions.ledger import (
    ClaimWindowError,
    import_verified_claims,
    record_role_served,
    reject_claim,
    submit_claim,
    verify_claim,
)
from lattice.pathways.actions.payroll import export_payroll
from lattice.pathways.actions.placements import (
    RecomputeError,
    adopt_draft,
    adopt_policy,
    recompute_standing,
    record_starting_placement,
    record_starting_placements,
    save_adoption_draft,
)
from lattice.pathways.actions.reviews import (
    assign_reviewer,
    declare_conflict,
    reconcile_application,
    submit_review,
)
from lattice.pathways.actions.standings import recompute_standings, request_recompute

__all__ = [
    "ClaimWindowError",
    "RecomputeError",
    "add_artifact",
    "add_panel_member",
    "adopt_draft",
    "adopt_policy",
    "assign_reviewer",
    "create_cohort",
    "decide_appeal",
    "decide_application",
    "declare_conflict",
    "export_payroll",
    "import_verified_claims",
    "lodge_appeal",
    "recompute_standing",
    "recompute_standings",
    "reconcile_application",
    "record_role_served",
    "record_starting_placement",
    "record_starting_placements",
    "register_application",
    "reject_claim",
    "request_recompute",
    "save_adoption_draft",
    "submit_application",
    "submit_claim",
    "submit_review",
    "verify_claim",
]
