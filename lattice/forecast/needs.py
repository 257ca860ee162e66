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


# Each assumption in the words a finance office reads on the forecast page and in the CSV.
WORDS: dict[str, str] = {
    "first_rating": "first ratings of new teachers",
    "transition": "how ratings change from year to year",
    "leave_bands": "leaving rates by years of experience",
    "leave_by_rating": "leaving rates by rating",
    "replacement_rate": "share of leavers replaced",
    "hire_experience": "new hires' prior experience",
    "cola": "yearly cost-of-living raise",
    "credits": "college credits earned a year",
    "pd_hours": "professional-development hours a year",
    "decision_rates": "how often moves decided by people are approved",
    "certificate_rate": "rate of earning the professional certificate",
    "hire_certificate_share": "new hires holding the professional certificate",
    "leadership_pathways": "which pathways count as leadership",
    "degree_rate": "rate of earning the next degree",
    "district_start_salary": "district schedule's starting salary",
    "district_step_raise": "district schedule's raise per year of experience",
    "district_top_years": "years to the top of the district schedule",
    "role_min_experience": "experience a leadership role needs",
    "sgos_met": "Student Growth Objectives met a year",
    "pdu_rate": "professional development units completed a year",
    "hard_to_staff_share": "share of teachers in hard-to-staff assignments",
    "top_school_share": "share of teachers in top-performing schools",
    "first_school_year": "first school year (the index salary in force)",
    "observation_by_rating": "observation averages by rating",
    "growth_by_rating": "share of students meeting growth, by rating",
    "dimensions_floor_share": "share with every observation dimension at 3 or more",
    "nbct_share": "share holding National Board Certification",
    "campus_points_high_poverty": "campus point value of high-poverty schools",
    "campus_points_other": "campus point value of other schools",
}


def in_words(keys: tuple[str, ...]) -> list[str]:
    """The assumptions ``keys`` as the pages and the CSV name them."""
    return [WORDS.get(key, key.replace("_", " ")) for key in keys]


def needs(policy: Policy) -> tuple[str, ...]:
    """The assumption keys a forecast of ``policy`` reads."""
    own = BY_MODEL[policy.model]
    elements = policy.elements.elements if policy.elements is not None else ()
    if policy.model is Model.ELEMENTS and any(e.trigger is Trigger.DEGREE for e in elements):
        own = (*own, "degree_rate", "credits")
    if policy.model is Model.LADDER and any(t.decision for t in policy.transitions):
        own = (*own, "decision_rates")
    return SHARED + own
