"""Which assumptions each policy model reads, so a forecast can say what it depends on.

Every model reads the shared ones (ratings, leaving, hiring, the cost-of-living raise); each
model adds its own. ``needs(policy)`` names them in the order the report lists them.
"""

from __future__ import annotations

from lattice.rules.policy import Model, Policy, Trigger

SHARED = (
    "first_rating",
    "transition",
    "leave_bands",
    "leave_by_rating",
    "replacement_rate",
    "hire_experience",
    "cola",
)
BY_MODEL: dict[Model, tuple[str, ...]] = {
    Model.LEDGER: ("credits", "pd_hours", "decision_rates", "certificate_rate",
                   "hire_certificate_share", "leadership_pathways"),
    Model.STEPS: ("credits", "degree_rate"),
    Model.LADDER: ("district_start_salary", "district_step_raise", "district_top_years",
                   "leadership_pathways"),
    Model.ROLES: ("district_start_salary", "district_step_raise", "district_top_years",
                  "role_min_experience"),
    Model.ELEMENTS: ("district_start_salary", "district_step_raise", "district_top_years",
                     "sgos_met", "pdu_rate", "hard_to_staff_share", "top_school_share",
                     "first_school_year"),
    Model.DESIGNATION: ("district_start_salary", "district_step_raise", "district_top_years",
                        "observation_by_rating", "growth_by_rating", "dimensions_floor_share",
                        "nbct_share", "campus_points_high_poverty", "campus_points_other"),
}  # fmt: skip


def needs(policy: Policy) -> tuple[str, ...]:
    """The assumption keys a forecast of ``policy`` reads."""
    own = BY_MODEL[policy.model]
    elements = policy.elements.elements if policy.elements is not None else ()
    if policy.model is Model.ELEMENTS and any(e.trigger is Trigger.DEGREE for e in elements):
        own = (*own, "degree_rate", "credits")
    if policy.model is Model.LADDER and any(t.decision for t in policy.transitions):
        own = (*own, "decision_rates")
    return SHARED + own
